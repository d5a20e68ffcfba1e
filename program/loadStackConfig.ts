import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { alarmNotificationsArgsProblems } from "../components/alarmNotifications/AlarmNotifications";
import { asyncEndpointArgsProblems } from "../components/asyncEndpoint/validateAsyncEndpointArgs";
import { captureBucketArgsProblems } from "../components/captureBucket/CaptureBucket";
import { endpointArgsProblems, endpointTagProblems } from "../components/core/endpoint/validateEndpointArgs";
import { endpointNetworkArgsProblems } from "../components/endpointNetwork/EndpointNetwork";
import { Problem, ProblemCollector, inputPropertiesError } from "../components/core/validation/problems";
import { asyncEndpointEntryArgs, endpointEntryArgs } from "./endpointEntryArgs";
import { forwarderEntriesProblems } from "./forwarderEntries";
import { STACK_CONFIG_KEYS, StackConfig, stackConfigSchema } from "./schema";
import { isObject } from "../domain/values";

/** Reads a stack's raw config values (JSON text, as Pulumi stores structured config). */
export type RawConfigReader = (key: string) => string | undefined;

/**
 * Parses and validates the whole stack config: shapes with zod, values with the same validators
 * the components run. Throws one InputPropertiesError naming every bad path, before any resource.
 */
export function loadStackConfig(read: RawConfigReader, namespace: string): StackConfig {
    const problems = new ProblemCollector();
    const raw: Record<string, unknown> = {};
    for (const key of STACK_CONFIG_KEYS) {
        const text = read(key);
        if (text === undefined) {
            continue;
        }
        try {
            raw[key] = JSON.parse(text);
        } catch {
            // Plain strings are stored unquoted.
            raw[key] = text;
        }
    }
    const parsed = stackConfigSchema.safeParse(raw);
    const shapeProblems = parsed.success ? [] : zodProblems(parsed.error);
    problems.addAll(shapeProblems);
    // Value rules run on whatever is there, so one run reports shape and value problems together.
    problems.addAll(
        valueProblems(raw as Partial<StackConfig>).filter((p) => !shapeProblems.some((s) => s.propertyPath === p.propertyPath)),
    );
    const list = problems.list().map((p) => ({ ...p, propertyPath: `${namespace}:${p.propertyPath}` }));
    if (list.length > 0 || !parsed.success) {
        throw inputPropertiesError("Invalid stack config", list);
    }
    return parsed.data;
}

function zodPath(path: readonly PropertyKey[]): string {
    return path.reduce<string>(
        (acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc === "" ? String(part) : `${acc}.${String(part)}`),
        "",
    );
}

function zodProblems(error: z.ZodError): Problem[] {
    return error.issues.flatMap((issue): Problem[] => {
        const path = zodPath(issue.path);
        if (issue.code === "unrecognized_keys") {
            return issue.keys.map((key) => ({
                propertyPath: path === "" ? key : `${path}.${key}`,
                reason: "is not a known property (check its spelling against the config reference in README.md)",
            }));
        }
        return [{ propertyPath: path, reason: issue.message }];
    });
}

/** Component validators over the raw values; anything of the wrong shape is left to zod. */
function valueProblems(raw: Partial<StackConfig>): Problem[] {
    const problems = new ProblemCollector();
    const stackTags = isObject(raw.tags) ? (raw.tags as Record<string, string>) : {};
    problems.checkTags(raw.tags);
    if (isObject(raw.captureBucket)) {
        problems.addAll(captureBucketArgsProblems(raw.captureBucket), "captureBucket");
    }
    if (isObject(raw.notifications)) {
        problems.addAll(alarmNotificationsArgsProblems(raw.notifications), "notifications");
    }
    if (isObject(raw.network) && raw.network.mode !== "none" && (raw.network.mode === "create" || raw.network.mode === "existing")) {
        problems.addAll(endpointNetworkArgsProblems(raw.network as never), "network");
    }
    if (Array.isArray(raw.endpoints)) {
        const seen = new Map<string, number>();
        raw.endpoints.forEach((entry, i) => {
            if (!isObject(entry) || typeof entry.name !== "string") {
                return;
            }
            const first = seen.get(entry.name);
            if (first !== undefined) {
                problems.add(`endpoints[${i}].name`, `must be unique in the stack ("${entry.name}" is also endpoints[${first}].name)`);
            }
            seen.set(entry.name, i);
            // Stack tags are reported once, under `tags`; here only the endpoint's own, unless the
            // merged set is what breaks a limit (the tag count, or the container's tag variable).
            const own =
                entry.kind === "async"
                    ? asyncEndpointArgsProblems(entry.name, asyncEndpointEntryArgs(entry as never, {}))
                    : endpointArgsProblems(entry.name, endpointEntryArgs(entry as never, {}));
            const merged = own.some((o) => o.propertyPath === "tags")
                ? []
                : endpointTagProblems({ ...stackTags, ...(isObject(entry.tags) ? entry.tags : {}) }).filter(
                      (p) => p.propertyPath === "tags",
                  );
            problems.addAll([...own, ...merged], `endpoints[${i}]`);
        });
    }
    problems.addAll(forwarderEntriesProblems(raw));
    return problems.list();
}

/** Reads the project's namespace from a live Pulumi config. */
export function pulumiConfigReader(config: pulumi.Config): RawConfigReader {
    return (key) => config.get(key);
}
