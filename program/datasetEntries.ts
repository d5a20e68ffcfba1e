import { CAPTURE_BUCKET_DEFAULTS } from "../components/captureBucket/CaptureBucket";
import { datasetStorageProblems } from "../components/captureDataset/datasetStorage";
import { datasetCatalogProblems } from "../components/captureDataset/validateCaptureDatasetArgs";
import { Problem, ProblemCollector } from "../components/core/validation/problems";
import { FeatureSchema, featureSchemaProblems } from "../domain/dataset/featureSchema";
import { isObject } from "../domain/values";
import { DatasetEntry } from "./datasetSchema";
import { StackConfig } from "./schema";

/** `<project>_<stack>` as a Glue name: lower case, every other character `_`, at most 255 characters. */
export function defaultDatabaseName(project: string, stack: string): string {
    return `${project}_${stack}`
        .toLowerCase()
        .replace(/[^a-z0-9_]/g, "_")
        .slice(0, 255);
}

interface RawStack {
    endpoints?: unknown;
    forwarders?: unknown;
    captureBucket?: unknown;
    dataset?: unknown;
}

/** Names of the endpoints whose capture a `dataset: true` forwarder forwards (all, for one without `endpoints`). */
function datasetEndpointNames(endpoints: readonly unknown[], forwarders: readonly unknown[]): Set<string> {
    const all = endpoints.filter(isObject).flatMap((e) => (typeof e.name === "string" ? [e.name] : []));
    const covered = new Set<string>();
    for (const forwarder of forwarders.filter(isObject)) {
        if (forwarder.dataset !== true) continue;
        const named = Array.isArray(forwarder.endpoints) ? forwarder.endpoints.filter((e): e is string => typeof e === "string") : all;
        named.forEach((endpoint) => covered.add(endpoint));
    }
    return covered;
}

/** True when a forwarder of the stack writes the dataset: only then is the dataset declared. */
export function writesDataset(forwarders: readonly unknown[] | undefined): boolean {
    return (forwarders ?? []).some((f) => isObject(f) && f.dataset === true);
}

/** The `dataset` section's own values: its storage beside the capture bucket's prefix, its catalog and connectors. */
function datasetSectionProblems(dataset: Partial<DatasetEntry>, captureBucket: Record<string, unknown>): Problem[] {
    const capturePrefix = typeof captureBucket.prefix === "string" ? captureBucket.prefix : CAPTURE_BUCKET_DEFAULTS.prefix;
    const storage = datasetStorageProblems(dataset, capturePrefix, isObject(captureBucket.existing));
    const problems = new ProblemCollector();
    problems.addAll(storage.map((p) => (p.propertyPath === "prefix" ? { ...p, propertyPath: "captureBucket.prefix" } : p)));
    problems.addAll(datasetCatalogProblems(dataset), "dataset");
    return problems.list();
}

/**
 * The dataset's value problems at stack-file paths: its storage (a prefix overlapping the capture
 * prefix would loop the forwarders that are triggered there), its catalog and connectors, each
 * endpoint's `features`, and settings nothing uses. Features on an endpoint no dataset forwarder
 * covers are an error, not a warning: they would never become columns, and the loader has no
 * channel that a `pulumi up` reader would notice before the table is found missing.
 */
export function datasetEntriesProblems(raw: RawStack): Problem[] {
    const problems = new ProblemCollector();
    const endpoints = Array.isArray(raw.endpoints) ? raw.endpoints : [];
    const forwarders = Array.isArray(raw.forwarders) ? raw.forwarders : [];
    const dataset: Partial<DatasetEntry> = isObject(raw.dataset) ? raw.dataset : {};
    const covered = datasetEndpointNames(endpoints, forwarders);
    const written = writesDataset(forwarders);
    const set = Object.keys(dataset).length > 0;
    if (!written && set) {
        problems.add("dataset", "is set, but no forwarder writes the dataset: set `dataset: true` on a forwarder, or remove it");
    }
    // A section nothing writes yet still gets its own values checked: they are the ones a forwarder would use.
    if (written || set) {
        problems.addAll(datasetSectionProblems(dataset, isObject(raw.captureBucket) ? raw.captureBucket : {}));
    }
    endpoints.forEach((entry, i) => {
        if (!isObject(entry) || entry.features === undefined || !isObject(entry.features)) return;
        const at = `endpoints[${i}].features`;
        if (typeof entry.name === "string" && !covered.has(entry.name)) {
            problems.add(
                at,
                `are declared, but no forwarder with \`dataset: true\` forwards endpoint "${entry.name}": its features would never become columns; set \`dataset: true\` on a forwarder of it, or remove them`,
            );
        }
        featureSchemaProblems(entry.features).forEach((p) => problems.add(`${at}.${p.path}`, p.reason));
    });
    return problems.list();
}

/** Endpoint name -> feature schema of each endpoint a dataset forwarder covers (`{}`: raw strings), sorted by name. */
export function datasetEndpointSchemas(config: StackConfig): Record<string, FeatureSchema> {
    const covered = datasetEndpointNames(config.endpoints, config.forwarders ?? []);
    return Object.fromEntries(
        config.endpoints
            .filter((e) => covered.has(e.name))
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((e) => [e.name, e.features ?? {}]),
    );
}
