import { AsyncEndpointArgs } from "../components/asyncEndpoint/asyncEndpointArgs";
import { EndpointDashboardArgs } from "../components/core/dashboards/endpointDashboardArgs";
import { AsyncAlarmArgs } from "../components/asyncEndpoint/alarms/asyncAlarmArgs";
import { RealtimeAlarmArgs } from "../components/realtimeEndpoint/alarms/realtimeAlarmArgs";
import { AutoRollbackArgs } from "../components/realtimeEndpoint/rollback/autoRollbackArgs";
import { RealtimeEndpointArgsWithoutWiring } from "../components/realtimeEndpoint/RealtimeEndpoint";
import { AsyncEndpointArgsWithoutWiring } from "../components/asyncEndpoint/validateAsyncEndpointArgs";
import { STACK_PATH_TAG, stackPathTagValue } from "../domain/stackPathTag";
import { InferenceComponentEndpointArgsWithoutWiring } from "../components/inferenceComponentEndpoint/validateInferenceComponentEndpointArgs";
import { GpuCatalogueOverride } from "../domain/gpuCatalogueRules";
import { EndpointEntry, InferenceComponentEntry } from "./schema";

/** What the stack program gives every endpoint itself; a stack file never sets it. */
type EndpointWiring = "endpointName" | "captureDestination" | "network" | "stackName" | "alarmTopicArn";

/**
 * An endpoint entry's fields besides `name`, `kind` and `smoke` (read by `npm run smoke` only): AsyncEndpoint's arguments without the
 * wiring (a real-time entry sets only those RealtimeEndpoint takes: schema.ts refuses the others).
 * The schema must match this type field for field; test/components/stackConfigShapes.typecheck.ts
 * proves it at compile time.
 */
export type EndpointEntryFields = Omit<AsyncEndpointArgs, EndpointWiring | "alarms" | "dashboard"> & {
    /** One block for both kinds: each kind's validator refuses the other kind's thresholds. */
    alarms?: AsyncAlarmArgs & RealtimeAlarmArgs;
    /** kind realtime only (schema.ts refuses it on async entries). */
    autoRollback?: AutoRollbackArgs;
    /** A stack file names the dashboard or switches it off; extra widgets are for programs. */
    dashboard?: boolean | Omit<EndpointDashboardArgs, "extraWidgets">;
};

/**
 * The `index`-th endpoint entry of a stack file as component arguments, the stack's tags under the
 * entry's own, plus the tag naming the entry (`endpoints.<index>`) so policy messages can point at
 * the stack-file key a user edits. Field names are the same on both sides, so a validator's property
 * path is also the path in the stack file (the component's name is `name`).
 */
export function endpointEntryArgs(
    entry: EndpointEntry,
    index: number,
    stackTags: Record<string, string>,
): AsyncEndpointArgsWithoutWiring & RealtimeEndpointArgsWithoutWiring {
    const { name: _name, kind: _kind, smoke: _smoke, features: _features, tags, ...fields } = entry;
    return { ...fields, tags: { ...stackTags, ...(tags ?? {}), [STACK_PATH_TAG]: stackPathTagValue("endpoints", index) } };
}

/** A real-time entry's arguments with the stack's `gpuCatalogue`, which its GPU alarms read (async endpoints have none). */
export function realtimeEntryArgs(
    entry: EndpointEntry,
    index: number,
    stackTags: Record<string, string>,
    gpuCatalogue: GpuCatalogueOverride | undefined,
): RealtimeEndpointArgsWithoutWiring {
    return { ...endpointEntryArgs(entry, index, stackTags), ...(gpuCatalogue === undefined ? {} : { gpuCatalogue }) };
}

/**
 * An inference-components entry as InferenceComponentEndpoint's arguments, like endpointEntryArgs,
 * with the stack's `gpuCatalogue` (one per stack, reported at its own path).
 */
export function inferenceComponentEntryArgs(
    entry: InferenceComponentEntry,
    index: number,
    stackTags: Record<string, string>,
    gpuCatalogue: GpuCatalogueOverride | undefined,
): InferenceComponentEndpointArgsWithoutWiring {
    const { name: _name, kind: _kind, smoke: _smoke, features: _features, tags, ...fields } = entry;
    return {
        ...fields,
        ...(gpuCatalogue === undefined ? {} : { gpuCatalogue }),
        tags: { ...stackTags, ...(tags ?? {}), [STACK_PATH_TAG]: stackPathTagValue("endpoints", index) },
    };
}
