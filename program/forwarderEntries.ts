import { CAPTURE_BUCKET_DEFAULTS } from "../components/captureBucket/CaptureBucket";
import { existingBucketNotificationsReason } from "../components/captureForwarder/captureBucketNotifications";
import { ForwarderSettings } from "../components/captureForwarder/forwarderArgs";
import { LabelledForwarderRules, notificationOverlapProblems } from "../components/captureForwarder/notificationOverlaps";
import { forwarderNotificationRules } from "../components/captureForwarder/notificationRules";
import { LabelledForwarderSink, tokenSecretBindingProblems } from "../components/captureForwarder/tokenSecretBindings";
import { forwarderSettingsProblems } from "../components/captureForwarder/validateForwarderArgs";
import { Problem, ProblemCollector } from "../components/core/validation/problems";
import { ForwarderEntry } from "./forwarderSchema";
import { STAND_IN_ENTRY_NAME } from "./standInEntryName";
import { isObject } from "../domain/values";
import { s3Prefix } from "../domain/validationRules";
import { DATASET_STORAGE_DEFAULTS } from "../components/captureDataset/datasetStorage";

/**
 * A stack file's forwarder entry as CaptureForwarder settings. The entry's `name` is the
 * component name (and so the function name); `endpoints` is the component's `endpointNames`.
 */
export function forwarderEntryArgs(entry: ForwarderEntry, stackTags: Record<string, string>): ForwarderSettings {
    const { name: _name, endpoints, dataset: _dataset, tags, ...settings } = entry;
    return { ...settings, ...(endpoints === undefined ? {} : { endpointNames: endpoints }), tags: { ...stackTags, ...(tags ?? {}) } };
}

/** Component paths that are spelled differently in the stack file. */
function stackFilePath(componentPath: string): string {
    if (componentPath === "functionName") {
        return "name";
    }
    return componentPath.startsWith("endpointNames") ? `endpoints${componentPath.slice("endpointNames".length)}` : componentPath;
}

interface RawStack {
    forwarders?: unknown;
    endpoints?: unknown;
    captureBucket?: unknown;
    dataset?: unknown;
}

/** The dataset prefix a `dataset: true` forwarder writes under; a bad one is reported at `dataset.prefix` itself. */
function stackDatasetPrefix(dataset: unknown): string {
    const prefix = isObject(dataset) ? dataset.prefix : undefined;
    return typeof prefix === "string" && s3Prefix(prefix) === undefined ? prefix : DATASET_STORAGE_DEFAULTS.prefix;
}

/** What every forwarder entry is checked against: the stack's endpoint names, capture prefix and dataset section. */
interface ForwarderStackContext {
    endpointNames: string[];
    capturePrefix: string;
    dataset: unknown;
}

/** One entry's own problems (paths relative to the stack file), its sink for the token-secret check, its notification rules. */
interface CheckedForwarderEntry {
    problems: Problem[];
    sink?: LabelledForwarderSink;
    ruleOwner?: LabelledForwarderRules;
}

function forwarderStackContext(raw: RawStack, captureBucket: Record<string, unknown>): ForwarderStackContext {
    const endpointNames = Array.isArray(raw.endpoints)
        ? raw.endpoints
              .filter(isObject)
              .map((e) => e.name)
              .filter((n): n is string => typeof n === "string")
        : [];
    const capturePrefix = typeof captureBucket.prefix === "string" ? captureBucket.prefix : CAPTURE_BUCKET_DEFAULTS.prefix;
    return { endpointNames, capturePrefix, dataset: raw.dataset };
}

/**
 * Value problems of the `forwarders` list at stack-file paths: each entry's settings (with the
 * component's rules), unique names, endpoints that exist in the stack, overlapping notification
 * rules on the capture bucket, named with both forwarders, and forwarders on an existing bucket
 * without `captureBucket.existing.manageNotifications: true`, and one token secret serving two hosts.
 */
export function forwarderEntriesProblems(raw: RawStack): Problem[] {
    if (!Array.isArray(raw.forwarders)) {
        return [];
    }
    const problems = new ProblemCollector();
    const captureBucket = isObject(raw.captureBucket) ? raw.captureBucket : {};
    const context = forwarderStackContext(raw, captureBucket);
    const seen = new Map<string, number>();
    const ruleOwners: LabelledForwarderRules[] = [];
    const sinks: LabelledForwarderSink[] = [];
    raw.forwarders.forEach((entry, i) => {
        if (!isObject(entry)) {
            return;
        }
        const at = `forwarders[${i}]`;
        if (typeof entry.name === "string") {
            const first = seen.get(entry.name);
            if (first !== undefined) {
                problems.add(`${at}.name`, `must be unique in the stack ("${entry.name}" is also forwarders[${first}].name)`);
            }
            seen.set(entry.name, i);
        }
        const checked = forwarderEntryProblems(entry, at, context);
        problems.addAll(checked.problems);
        sinks.push(...(checked.sink === undefined ? [] : [checked.sink]));
        ruleOwners.push(...(checked.ruleOwner === undefined ? [] : [checked.ruleOwner]));
    });
    const existing = isObject(captureBucket.existing) ? captureBucket.existing : undefined;
    const bucketLabel = typeof existing?.bucketName === "string" ? `bucket ${JSON.stringify(existing.bucketName)}` : "the capture bucket";
    if (existing !== undefined && raw.forwarders.length > 0 && existing.manageNotifications !== true) {
        const optIn = "captureBucket.existing.manageNotifications";
        problems.add(optIn, existingBucketNotificationsReason(bucketLabel, optIn, existing.manageNotifications));
    }
    problems.addAll(notificationOverlapProblems(ruleOwners, bucketLabel));
    problems.addAll(tokenSecretBindingProblems(sinks));
    return problems.list();
}

/**
 * One entry: its settings with the component's rules, and the endpoints it names. Without a valid
 * name (zod reports it) the settings are still checked, under a stand-in whose own problems are dropped.
 */
function forwarderEntryProblems(entry: Record<string, unknown>, at: string, context: ForwarderStackContext): CheckedForwarderEntry {
    const named = typeof entry.name === "string";
    const name = named ? (entry.name as string) : STAND_IN_ENTRY_NAME;
    const problems = new ProblemCollector();
    let sink: LabelledForwarderSink | undefined;
    if (isObject(entry.sink) || entry.sink === undefined) {
        // Read as parsed (zod's refusals were removed; the validators check every value they read).
        // The entry's name is the function name: checked as given, not as a default.
        const settings = { ...forwarderEntryArgs(entry as ForwarderEntry, {}), functionName: name };
        const datasetPrefix = entry.dataset === true ? stackDatasetPrefix(context.dataset) : undefined;
        problems.addAll(
            forwarderSettingsProblems(name, settings, datasetPrefix)
                .map((p) => ({ ...p, propertyPath: stackFilePath(p.propertyPath) }))
                .filter((p) => named || p.propertyPath !== "name"),
            at,
        );
        sink = { label: at, settings };
    }
    const endpoints =
        Array.isArray(entry.endpoints) && entry.endpoints.every((e) => typeof e === "string") ? (entry.endpoints as string[]) : undefined;
    problems.addAll(endpointReferenceProblems(endpoints ?? [], at, context.endpointNames));
    // Notification overlaps name both forwarders: a stand-in would name neither.
    const ruleOwner =
        named && (entry.endpoints === undefined || endpoints !== undefined)
            ? {
                  label: at,
                  propertyPath: `${at}.endpoints`,
                  name,
                  rules: forwarderNotificationRules(name, context.capturePrefix, endpoints),
              }
            : undefined;
    return { problems: problems.list(), sink, ruleOwner };
}

/** Each endpoint a forwarder names must be one of the stack's. */
function endpointReferenceProblems(endpoints: readonly string[], at: string, endpointNames: readonly string[]): Problem[] {
    // Without one valid endpoint name the stack's `endpoints` is reported itself; naming none here would only confuse.
    if (endpointNames.length === 0) {
        return [];
    }
    return endpoints.flatMap((endpoint, j) =>
        endpointNames.includes(endpoint)
            ? []
            : [
                  {
                      propertyPath: `${at}.endpoints[${j}]`,
                      reason: `must name an endpoint of this stack (one of ${endpointNames.map((n) => JSON.stringify(n)).join(", ")}) (got ${JSON.stringify(endpoint)})`,
                  },
              ],
    );
}
