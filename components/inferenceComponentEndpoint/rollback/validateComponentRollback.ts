import { AnyAlarmDefinition } from "../../core/alarms/alarmDefinition";
import { ENDPOINT_ALARM_KEYS } from "../../core/alarms/alarmKeys";
import { ProblemCollector } from "../../core/validation/problems";
import { rollbackAlarmKeyProblems } from "../../realtimeEndpoint/rollback/validateAutoRollback";
import { variantAlarmTarget } from "../../core/alarms/variantAlarmTarget";
import { publishSettingsOf } from "../../realtimeEndpoint/alarms/validateRealtimeAlarms";
import { buildComponentAlarmDefinitions } from "../componentAlarms";
import { HOST_VARIANT_NAME, InferenceComponentEndpointArgs } from "../inferenceComponentEndpointArgs";
import { componentRollbackAlarmNames } from "./componentDeploymentConfig";
import { CAPACITY_SIZE_TYPES, COMPONENT_ROLLBACK_LIMITS, ComponentAutoRollbackArgs } from "./componentRollbackArgs";
import { GpuCatalogueOverride, mergeGpuCatalogue } from "../../../domain/gpuCatalogueRules";
import { inferenceComponentPhysicalName } from "../../../domain/inferenceComponentName";
import * as rules from "../../../domain/validationRules";
import { isObject } from "../../../domain/values";

const FIELDS = "{ alarms, maximumBatchSize, rollbackMaximumBatchSize, waitIntervalSeconds, maximumExecutionTimeoutSeconds }";

/** A `{ type, value }` batch size; `percent` bounds CAPACITY_PERCENT, COPY_COUNT is at least one copy. */
function capacitySizeProblems(problems: ProblemCollector, path: string, size: unknown, percent: { min: number; max: number }): void {
    if (size === undefined) {
        return;
    }
    if (!isObject(size)) {
        problems.add(path, `must be an object { type: ${CAPACITY_SIZE_TYPES.join(" | ")}, value } (got ${JSON.stringify(size)})`);
        return;
    }
    const typeReason = rules.oneOf(size.type, CAPACITY_SIZE_TYPES);
    problems.check(`${path}.type`, typeReason);
    if (typeReason !== undefined) {
        return;
    }
    if (size.type === "COPY_COUNT") {
        problems.check(`${path}.value`, rules.integerAtLeast(size.value, 1));
    } else if (rules.integerInRange(size.value, percent.min, percent.max) !== undefined) {
        problems.add(
            `${path}.value`,
            `must be an integer from ${percent.min} to ${percent.max} with type CAPACITY_PERCENT, a percent of the component's copies (got ${JSON.stringify(size.value)})`,
        );
    }
}

/**
 * Problems with an inference-component endpoint's `autoRollback`, paths relative to the endpoint
 * arguments. `definitions` are the alarms the endpoint would declare; `components` its physical
 * component names, each of which gets at most SageMaker's alarm limit.
 */
function componentRollbackProblems(
    problems: ProblemCollector,
    rollback: unknown,
    definitions: AnyAlarmDefinition[],
    settings: Record<string, unknown>,
    components: string[],
): void {
    if (rollback === undefined) {
        return;
    }
    if (!isObject(rollback)) {
        problems.add("autoRollback", `must be an object: ${FIELDS}`);
        return;
    }
    const args = rollback as ComponentAutoRollbackArgs;
    rollbackAlarmKeyProblems(problems, args.alarms, definitions, settings, {
        keys: Object.keys(ENDPOINT_ALARM_KEYS["inference-components"]),
        maxAlarms: COMPONENT_ROLLBACK_LIMITS.maxAlarms,
        count: (keys) => Math.max(0, ...components.map((c) => componentRollbackAlarmNames(definitions, keys, c).length)),
        counted: "per component, its own per key plus one per key on the instances",
    });
    const limits = COMPONENT_ROLLBACK_LIMITS;
    capacitySizeProblems(problems, "autoRollback.maximumBatchSize", args.maximumBatchSize, limits.maximumBatchPercent);
    capacitySizeProblems(problems, "autoRollback.rollbackMaximumBatchSize", args.rollbackMaximumBatchSize, limits.rollbackBatchPercent);
    for (const key of ["waitIntervalSeconds", "maximumExecutionTimeoutSeconds"] as const) {
        if (args[key] !== undefined) {
            problems.check(`autoRollback.${key}`, rules.integerInRange(args[key], limits[key].min, limits[key].max));
        }
    }
}

type RollbackFields = Pick<InferenceComponentEndpointArgs, "instanceType" | "inferenceComponents" | "alarms" | "metrics" | "autoRollback">;

/**
 * `autoRollback` checked against the alarms the endpoint would declare: call it once the alarm
 * thresholds are valid. Components without a usable name are reported elsewhere and left out here.
 */
export function endpointRollbackProblems(
    problems: ProblemCollector,
    args: RollbackFields & { gpuCatalogue?: unknown },
    endpointName: string,
): void {
    if (args.autoRollback === undefined) {
        return;
    }
    const catalogue = mergeGpuCatalogue(isObject(args.gpuCatalogue) ? (args.gpuCatalogue as GpuCatalogueOverride) : {});
    const components = (Array.isArray(args.inferenceComponents) ? args.inferenceComponents : [])
        .filter((c) => isObject(c) && typeof c.name === "string")
        .map((c) => ({ name: c.name, physicalName: inferenceComponentPhysicalName(endpointName, c.name) }));
    const definitions = buildComponentAlarmDefinitions(
        {
            endpointName,
            target: variantAlarmTarget(HOST_VARIANT_NAME, String(args.instanceType ?? ""), catalogue),
            components,
            publish: publishSettingsOf(args.metrics),
        },
        args.alarms,
    );
    const names = components.map((c) => c.physicalName);
    componentRollbackProblems(problems, args.autoRollback, definitions, { ...args.alarms }, names);
}
