import { inferenceComponentPhysicalName } from "../../domain/inferenceComponentName";
import {
    INFERENCE_COMPONENT_DEFAULTS,
    InferenceComponentArgs,
    InferenceComponentEndpointArgs,
    MAX_INFERENCE_COMPONENTS,
    ROUTING_STRATEGIES,
} from "./inferenceComponentEndpointArgs";
import { captureDestinationRequired, modelProblems, sharedEndpointProblems, WithoutWiring } from "../core/endpoint/validateEndpointArgs";
import { Problem, ProblemCollector } from "../core/validation/problems";
import { thresholdSettingProblems } from "../core/alarms/validateThresholdSetting";
import { realtimeAlarmProblems } from "../realtimeEndpoint/alarms/validateRealtimeAlarms";
import { GPU_ALARM_KEYS } from "./gpuAlarms";
import { endpointRollbackProblems } from "./rollback/validateComponentRollback";
import { gpuCatalogueOverrideProblems, gpusPerInstance, mergeGpuCatalogue } from "../../domain/gpuCatalogueRules";
import { instanceTypeReason, isGpuInstanceType, isInstanceType } from "../../domain/instanceTypes";
import { TAG_LIMITS } from "../../domain/validationRules";
import * as rules from "../../domain/validationRules";
import { isObject } from "../../domain/values";

/** The stack validates entries before the capture bucket that supplies the destination exists. */
export type InferenceComponentEndpointArgsWithoutWiring = WithoutWiring<InferenceComponentEndpointArgs>;

const MAX_COOLDOWN_SECONDS = 3600;
/** SageMaker's smallest MinMemoryRequiredInMb. */
const MIN_MEMORY_MB = 128;

/** Throws one InputPropertiesError listing every invalid argument. */
export function validateInferenceComponentEndpointArgs(name: string, args: InferenceComponentEndpointArgs): void {
    const problems = new ProblemCollector();
    problems.addAll(captureDestinationRequired(args));
    if (args.alarmTopicArn === undefined) {
        problems.add("alarmTopicArn", "is required: the SNS topic every alarm notifies (an AlarmNotifications' topicArn)");
    } else if (rules.isKnownString(args.alarmTopicArn)) {
        problems.check("alarmTopicArn", rules.snsTopicArn(args.alarmTopicArn));
    }
    problems.addAll(inferenceComponentEndpointArgsProblems(name, args));
    problems.throwIfAny(`InferenceComponentEndpoint "${name}"`);
}

/** Every problem, at paths relative to the arguments (`inferenceComponents[1].acceleratorDevices`). */
export function inferenceComponentEndpointArgsProblems(
    componentName: string,
    args: InferenceComponentEndpointArgsWithoutWiring,
): Problem[] {
    const instanceTypes = isInstanceType(args.instanceType) ? [args.instanceType] : [];
    return sharedEndpointProblems(componentName, args, instanceTypes, (problems) => {
        if (!isInstanceType(args.instanceType)) {
            problems.add("instanceType", instanceTypeReason(args.instanceType));
        }
        const scaling = instanceScalingProblems(problems, args);
        const alarmProblems = realtimeAlarmProblems(args.alarms, args.metrics, "inference-components");
        problems.addAll(alarmProblems);
        if (args.routingStrategy !== undefined) {
            problems.check("routingStrategy", rules.oneOf(args.routingStrategy, ROUTING_STRATEGIES));
        }
        const endpointName = args.endpointName ?? componentName;
        const components = componentListProblems(
            problems,
            args.inferenceComponents,
            endpointName,
            isGpuInstanceType(args.instanceType ?? ""),
        );
        gpuProblems(problems, args, components, scaling.maxInstances);
        if (alarmProblems.length === 0) {
            // Keys are checked against the alarms the endpoint would declare, so only once the thresholds are valid.
            endpointRollbackProblems(problems, args, endpointName);
        }
    });
}

/** Instance counts; returns the most instances, for the GPU total. */
function instanceScalingProblems(problems: ProblemCollector, args: InferenceComponentEndpointArgsWithoutWiring): { maxInstances?: number } {
    const ok = (path: "instanceCount" | "minInstances" | "maxInstances", value: unknown) => {
        const reason = value === undefined ? undefined : rules.integerAtLeast(value, 1);
        problems.check(path, reason);
        return reason === undefined;
    };
    const valid = [ok("instanceCount", args.instanceCount), ok("minInstances", args.minInstances), ok("maxInstances", args.maxInstances)];
    if (!valid.every(Boolean)) {
        return {};
    }
    const min = args.minInstances ?? INFERENCE_COMPONENT_DEFAULTS.minInstances;
    const initial = args.instanceCount ?? min;
    const max = args.maxInstances ?? Math.max(initial, min);
    if (initial < min) {
        problems.add("instanceCount", `must be at least minInstances (${min}) (got ${initial})`);
    }
    if (max < Math.max(initial, min)) {
        problems.add("maxInstances", `must be at least minInstances (${min}) and instanceCount (${initial}) (got ${max})`);
    }
    return { maxInstances: max };
}

/** The component list; returns the valid components, for the GPU rules. */
function componentListProblems(
    problems: ProblemCollector,
    list: unknown,
    endpointName: string,
    onGpu: boolean,
): { index: number; component: InferenceComponentArgs }[] {
    if (!Array.isArray(list) || list.length < 1 || list.length > MAX_INFERENCE_COMPONENTS) {
        problems.add("inferenceComponents", `must be a list of 1-${MAX_INFERENCE_COMPONENTS} inference components`);
        return [];
    }
    const seen = new Map<string, number>();
    return list.flatMap((component: unknown, index) => {
        const path = `inferenceComponents[${index}]`;
        if (!isObject(component)) {
            problems.add(
                path,
                `must be an object with name, model, minMemoryMb and optional compute, copies and label (got ${JSON.stringify(component)})`,
            );
            return [];
        }
        const c = component as InferenceComponentArgs;
        const nameReason = rules.sageMakerName(c.name) ?? rules.sageMakerName(inferenceComponentPhysicalName(endpointName, c.name));
        problems.check(
            `${path}.name`,
            nameReason === undefined
                ? undefined
                : `${nameReason}; the component's physical name is "<endpointName>-<name>", at most 63 characters`,
        );
        const first = seen.get(c.name);
        if (first !== undefined) {
            problems.add(`${path}.name`, `must be unique within the endpoint ("${c.name}" is also inferenceComponents[${first}].name)`);
        }
        seen.set(c.name, index);
        if (c.label !== undefined && (typeof c.label !== "string" || c.label.length === 0 || c.label.length > TAG_LIMITS.maxValueLength)) {
            problems.add(
                `${path}.label`,
                `must be 1-${TAG_LIMITS.maxValueLength} characters, the limit of the tag that carries it (got ${JSON.stringify(c.label)})`,
            );
        }
        if (!isObject(c.model)) {
            problems.add(`${path}.model`, "is required: an object with at least `image`");
        } else {
            modelProblems(problems, `${path}.model`, c.model);
        }
        computeProblems(problems, path, c, onGpu);
        return [{ index, component: c }];
    });
}

function computeProblems(problems: ProblemCollector, path: string, c: InferenceComponentArgs, onGpu: boolean): void {
    if (c.acceleratorDevices !== undefined) {
        problems.check(
            `${path}.acceleratorDevices`,
            onGpu ? rules.integerAtLeast(c.acceleratorDevices, 1) : "must not be set: the instance type has no GPUs",
        );
    }
    problems.check(`${path}.minMemoryMb`, rules.integerAtLeast(c.minMemoryMb, MIN_MEMORY_MB));
    if (c.cpuCores !== undefined) {
        problems.check(`${path}.cpuCores`, rules.numberGreaterThan(c.cpuCores, 0));
    }
    if (c.copyCount !== undefined) {
        problems.check(`${path}.copyCount`, rules.integerAtLeast(c.copyCount, 1));
    }
    const a = c.autoscaling;
    if (a === undefined) {
        return;
    }
    const minCopies = a.minCopies ?? c.copyCount ?? INFERENCE_COMPONENT_DEFAULTS.copyCount;
    problems.check(`${path}.autoscaling.minCopies`, a.minCopies === undefined ? undefined : rules.integerAtLeast(a.minCopies, 1));
    problems.check(
        `${path}.autoscaling.maxCopies`,
        rules.integerAtLeast(a.maxCopies, typeof minCopies === "number" && Number.isInteger(minCopies) ? minCopies : 1),
    );
    problems.check(`${path}.autoscaling.targetInvocationsPerCopy`, rules.numberGreaterThan(a.targetInvocationsPerCopy, 0));
    for (const key of ["scaleInCooldownSeconds", "scaleOutCooldownSeconds"] as const) {
        if (a[key] !== undefined) {
            problems.check(`${path}.autoscaling.${key}`, rules.integerInRange(a[key], 0, MAX_COOLDOWN_SECONDS));
        }
    }
}

/** The copies a component may reach: its autoscaling ceiling, else its copy count. */
function mostCopies(c: InferenceComponentArgs): number {
    return c.autoscaling?.maxCopies ?? c.copyCount ?? INFERENCE_COMPONENT_DEFAULTS.copyCount;
}

/** Catalogue entry, accelerators per copy against one instance, and the total against every instance. */
function gpuProblems(
    problems: ProblemCollector,
    args: InferenceComponentEndpointArgsWithoutWiring,
    components: { index: number; component: InferenceComponentArgs }[],
    maxInstances: number | undefined,
): void {
    problems.addAll(gpuCatalogueOverrideProblems(args.gpuCatalogue), "gpuCatalogue");
    for (const key of GPU_ALARM_KEYS) {
        thresholdSettingProblems(problems, `gpuAlarms.${key}`, args.gpuAlarms?.[key], {
            allowed: "a number >= 0",
            valid: (v) => v >= 0,
            // Free GPUs alarm below their threshold: the warning comes first above it.
            lowerBound: key === "minFreeGpus",
        });
    }
    if (!isInstanceType(args.instanceType) || !isGpuInstanceType(args.instanceType)) {
        return;
    }
    const found = gpusPerInstance(mergeGpuCatalogue(isObject(args.gpuCatalogue) ? args.gpuCatalogue : {}), args.instanceType);
    if ("reason" in found) {
        problems.add("instanceType", found.reason);
        return;
    }
    const devices = (c: InferenceComponentArgs) => c.acceleratorDevices ?? INFERENCE_COMPONENT_DEFAULTS.acceleratorDevices;
    for (const { index, component } of components) {
        if (Number.isInteger(devices(component)) && devices(component) > found.gpus) {
            problems.add(
                `inferenceComponents[${index}].acceleratorDevices`,
                `must be at most ${found.gpus}, the GPUs of one ${args.instanceType} (got ${devices(component)})`,
            );
        }
    }
    const allNumbers = components.every(({ component: c }) => Number.isInteger(devices(c)) && Number.isInteger(mostCopies(c)));
    if (maxInstances === undefined || !allNumbers || components.length === 0) {
        return;
    }
    const needed = components.reduce((sum, { component: c }) => sum + devices(c) * mostCopies(c), 0);
    const capacity = maxInstances * found.gpus;
    if (needed > capacity) {
        const parts = components.map(({ component: c }) => `${c.name}: ${devices(c)} x ${mostCopies(c)}`).join(", ");
        problems.add(
            "inferenceComponents",
            `need ${needed} GPUs at their most copies (${parts}), more than maxInstances x GPUs per ${args.instanceType} = ${maxInstances} x ${found.gpus} = ${capacity}: lower acceleratorDevices or copies, or raise maxInstances`,
        );
    }
}
