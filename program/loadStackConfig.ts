import * as pulumi from "@pulumi/pulumi";
import { alarmNotificationsArgsProblems } from "../components/alarmNotifications/AlarmNotifications";
import { asyncEndpointArgsProblems } from "../components/asyncEndpoint/validateAsyncEndpointArgs";
import { captureBucketArgsProblems } from "../components/captureBucket/CaptureBucket";
import { endpointTagProblems } from "../components/core/endpoint/validateEndpointArgs";
import { realtimeEndpointArgsProblems } from "../components/realtimeEndpoint/RealtimeEndpoint";
import { EndpointNetworkArgs, endpointNetworkArgsProblems } from "../components/endpointNetwork/EndpointNetwork";
import { Problem, ProblemCollector, inputPropertiesError } from "../components/core/validation/problems";
import { mergeProblems, shapeProblems, withoutShapeFaults } from "./shapeProblems";
import { endpointEntryArgs, inferenceComponentEntryArgs, realtimeEntryArgs } from "./endpointEntryArgs";
import { forwarderEntriesProblems } from "./forwarderEntries";
import { datasetEntriesProblems } from "./datasetEntries";
import { inferenceComponentEndpointArgsProblems } from "../components/inferenceComponentEndpoint/validateInferenceComponentEndpointArgs";
import { gpuCatalogueOverrideProblems, GpuCatalogueOverride } from "../domain/gpuCatalogueRules";
import { EndpointEntry, InferenceComponentEntry, StackConfig, stackConfigSchema } from "./schema";
import { isObject } from "../domain/values";
import { STAND_IN_ENTRY_NAME } from "./standInEntryName";
import { awsRegion } from "../domain/awsRegions";
import { regionBoundKeyProblems, regionBoundKeys } from "../components/core/endpoint/regionBoundKeys";

/** Reads every config value of the stack, as Pulumi hands them to programs: `namespace:key` -> JSON text (plain strings as they are). */
export type ConfigSource = () => Record<string, string>;

/** The values of the project's own namespace, by key without the namespace, parsed. */
function projectValues(config: Record<string, string>, namespace: string): Record<string, unknown> {
    const raw: Record<string, unknown> = {};
    for (const [fullKey, text] of Object.entries(config)) {
        if (!fullKey.startsWith(`${namespace}:`)) {
            continue;
        }
        try {
            raw[fullKey.slice(namespace.length + 1)] = JSON.parse(text);
        } catch {
            // Plain strings are stored unquoted.
            raw[fullKey.slice(namespace.length + 1)] = text;
        }
    }
    return raw;
}

/**
 * Parses and validates the whole stack config: every key of the project's namespace (an unknown
 * one is refused, with the closest known key), shapes with zod, values with the same validators the
 * components run. Throws one InputPropertiesError naming every bad path, before any resource.
 */
export function loadStackConfig(source: ConfigSource, namespace: string): StackConfig {
    const config = source();
    const raw = projectValues(config, namespace);
    const parsed = stackConfigSchema.safeParse(raw);
    const issues = parsed.success ? [] : parsed.error.issues;
    // Value rules run on everything zod accepted, so one run reports shape and value problems together.
    const problems = mergeProblems(
        shapeProblems(stackConfigSchema, raw, issues),
        valueProblems(withoutShapeFaults(raw, issues), config["aws:region"]),
    );
    if (problems.length > 0 || !parsed.success) {
        throw inputPropertiesError(
            "Invalid stack config",
            problems.map((p) => ({ ...p, propertyPath: `${namespace}:${p.propertyPath}` })),
        );
    }
    return parsed.data;
}

/** The components' validators over the values zod accepted, at stack-file paths; `region` is the stack's `aws:region`. */
function valueProblems(raw: Record<string, unknown>, region: string | undefined): Problem[] {
    const problems = new ProblemCollector();
    problems.checkTags(raw.tags);
    if (isObject(raw.captureBucket)) {
        problems.addAll(captureBucketArgsProblems(raw.captureBucket), "captureBucket");
    }
    if (isObject(raw.notifications)) {
        problems.addAll(alarmNotificationsArgsProblems(raw.notifications), "notifications");
    }
    if (isObject(raw.network) && (raw.network.mode === "create" || raw.network.mode === "existing")) {
        problems.addAll(endpointNetworkArgsProblems(raw.network as EndpointNetworkArgs), "network");
    }
    problems.addAll(gpuCatalogueOverrideProblems(raw.gpuCatalogue), "gpuCatalogue");
    if (Array.isArray(raw.endpoints)) {
        const catalogue = isObject(raw.gpuCatalogue) ? (raw.gpuCatalogue as GpuCatalogueOverride) : undefined;
        problems.addAll(endpointEntriesProblems(raw.endpoints, isObject(raw.tags) ? raw.tags : {}, catalogue));
    }
    problems.addAll(forwarderEntriesProblems(raw));
    problems.addAll(datasetEntriesProblems(raw));
    problems.addAll(regionBoundStackProblems(raw, region));
    return problems.list();
}

/**
 * Keys AWS uses only in their own region, against the stack's: the endpoints' (regionBoundKeys, as
 * the components check them at deploy) and an existing capture bucket's. Without a valid aws:region
 * the provider's region decides, and the components check at deploy.
 */
function regionBoundStackProblems(raw: Record<string, unknown>, region: string | undefined): Problem[] {
    if (region === undefined || awsRegion(region) !== undefined) {
        return [];
    }
    const problems = new ProblemCollector();
    const existing = isObject(raw.captureBucket) && isObject(raw.captureBucket.existing) ? raw.captureBucket.existing : {};
    problems.addAll(regionBoundKeyProblems([{ path: "kmsKeyArn", value: existing.kmsKeyArn }], region), "captureBucket.existing");
    (Array.isArray(raw.endpoints) ? raw.endpoints : []).forEach((entry, i) => {
        if (isObject(entry)) {
            problems.addAll(regionBoundKeyProblems(regionBoundKeys(entry), region), `endpoints[${i}]`);
        }
    });
    return problems.list();
}

/** Each endpoint entry with its component's rules, and names unique in the stack. */
function endpointEntriesProblems(entries: unknown[], stackTags: Record<string, string>, gpuCatalogue?: GpuCatalogueOverride): Problem[] {
    const problems = new ProblemCollector();
    const seen = new Map<string, number>();
    entries.forEach((entry, i) => {
        if (!isObject(entry)) {
            return;
        }
        if (typeof entry.name === "string") {
            const first = seen.get(entry.name);
            if (first !== undefined) {
                problems.add(`endpoints[${i}].name`, `must be unique in the stack ("${entry.name}" is also endpoints[${first}].name)`);
            }
            seen.set(entry.name, i);
        }
        const named = typeof entry.name === "string" ? entry : { ...entry, name: STAND_IN_ENTRY_NAME };
        const own = endpointEntryProblems(named as EndpointEntry | InferenceComponentEntry, i, stackTags, gpuCatalogue);
        problems.addAll(
            own.filter((p) => named === entry || p.propertyPath !== "name"),
            `endpoints[${i}]`,
        );
    });
    return problems.list();
}

/** One endpoint entry with its kind's component rules, at paths relative to the entry. */
function endpointEntryProblems(
    entry: EndpointEntry | InferenceComponentEntry,
    i: number,
    stackTags: Record<string, string>,
    gpuCatalogue?: GpuCatalogueOverride,
): Problem[] {
    // The stack's gpuCatalogue is checked once, at its own path.
    const withoutCatalogue = (problems: Problem[]) => problems.filter((p) => !p.propertyPath.startsWith("gpuCatalogue"));
    if (entry.kind === "inference-components") {
        return withoutCatalogue(
            inferenceComponentEndpointArgsProblems(entry.name, inferenceComponentEntryArgs(entry, i, {}, gpuCatalogue)),
        );
    }
    // Read as parsed: zod's refusals were removed, and the validators check every value they read.
    const own =
        entry.kind === "async"
            ? asyncEndpointArgsProblems(entry.name, endpointEntryArgs(entry, i, {}))
            : withoutCatalogue(realtimeEndpointArgsProblems(entry.name, realtimeEntryArgs(entry, i, {}, gpuCatalogue)));
    // Stack tags are reported once, under `tags`; here only the endpoint's own, unless the
    // merged set is what breaks a limit (the tag count, or the container's tag variable).
    const merged = own.some((o) => o.propertyPath === "tags")
        ? []
        : endpointTagProblems(endpointEntryArgs(entry, i, stackTags).tags ?? {}).filter((p) => p.propertyPath === "tags");
    return [...own, ...merged];
}

/** Every config value of the running stack, as the Pulumi engine hands them to the program. */
export const pulumiConfigSource: ConfigSource = () => pulumi.runtime.allConfig();
