import * as pulumi from "@pulumi/pulumi";
import { EndpointArgs, ModelArgs } from "../core/endpoint/endpointArgs";
import { GpuCatalogueOverride } from "../../domain/gpuCatalogueRules";
import { LevelThresholds } from "../core/alarms/thresholdAlarms";
import { ComponentAutoRollbackArgs } from "./rollback/componentRollbackArgs";
import { RealtimeAlarmArgs } from "../realtimeEndpoint/alarms/realtimeAlarmArgs";

/** Application Auto Scaling of one component's copies, by target tracking on invocations per copy. */
export interface CopyAutoscalingArgs {
    /** Fewest copies. @default the component's copyCount */
    minCopies?: number;
    /** Most copies. */
    maxCopies: number;
    /** Invocations per copy per minute (SageMakerInferenceComponentInvocationsPerCopy) held as the target. */
    targetInvocationsPerCopy: number;
    /** Seconds after a scale-in before another. @default 300 */
    scaleInCooldownSeconds?: number;
    /** Seconds after a scale-out before another. @default 60 */
    scaleOutCooldownSeconds?: number;
}

/** One model served by the endpoint as an inference component. */
export interface InferenceComponentArgs {
    /** Unique in the endpoint; the component's physical name is `<endpointName>-<name>`. */
    name: string;
    /** What people call the model ("Churn scorer v2"); tagged `sagemaker-monitoring:label`. @default the name */
    label?: string;
    model: ModelArgs;
    /** GPUs (accelerator devices) each copy needs: NumberOfAcceleratorDevicesRequired. @default 1 */
    acceleratorDevices?: number;
    /** Memory each copy needs, in MB: MinMemoryRequiredInMb. */
    minMemoryMb: number;
    /** CPU cores each copy needs: NumberOfCpuCoresRequired. @default none (SageMaker decides) */
    cpuCores?: number;
    /** Copies deployed: RuntimeConfig.CopyCount. @default 1 */
    copyCount?: number;
    /** Scale copies on invocations per copy. @default none: copyCount copies */
    autoscaling?: CopyAutoscalingArgs;
}

/**
 * The unused-GPU alarms on the metrics the GPU-capacity publisher derives: a threshold (critical),
 * `false` to remove the alarm, or `{ critical, warning }`. They notify the endpoint's `alarms.actions` of their level too.
 */
export interface GpuAlarmArgs {
    /**
     * Alarm when free GPUs (instances x GPUs per instance - GPUs in use) fall below this for 3 minutes,
     * or the publisher is silent. A warning level is above the critical one (it fires first). @default 1
     */
    minFreeGpus?: number | false | LevelThresholds;
    /** Alarm when more GPUs than this sit idle (allocated, utilization below 1 %) for 15 minutes. @default 0 */
    maxIdleGpus?: number | false | LevelThresholds;
}

/**
 * The real-time alarms of an inference-component endpoint: invocation metrics per component
 * (InferenceComponentName), utilization per instance of its variant. Not InvocationsPerInstance:
 * a component's load is InvocationsPerCopy, which copy autoscaling holds.
 */
export type InferenceComponentAlarmArgs = Omit<RealtimeAlarmArgs, "maxInvocationsPerInstancePerMinute">;

/** Arguments of InferenceComponentEndpoint: the shared endpoint arguments without `model` and `variants`. */
export interface InferenceComponentEndpointArgs extends Omit<EndpointArgs, "model" | "variants" | "instanceType" | "instanceCount"> {
    /** `ml.*` instance type hosting every component (a GPU type in the GPU catalogue, or a CPU type). */
    instanceType: string;
    /** Instances at creation. @default minInstances */
    instanceCount?: number;
    /** Managed instance scaling: fewest instances. @default 1 */
    minInstances?: number;
    /** Managed instance scaling: most instances. @default the instance count */
    maxInstances?: number;
    /** How requests are spread over copies. @default "LEAST_OUTSTANDING_REQUESTS" */
    routingStrategy?: RoutingStrategy;
    /** The models, one inference component each: 1 to 50. */
    inferenceComponents: InferenceComponentArgs[];
    /** Entries over the built-in GPU catalogue (domain/gpuCatalogue.ts). @default none */
    gpuCatalogue?: GpuCatalogueOverride;
    /** Thresholds of the unused-GPU alarms (GPU instance types only). @default see GpuAlarmArgs */
    gpuAlarms?: GpuAlarmArgs;
    /** Thresholds of the standard alarms and the extra actions of every alarm (docs/alarms.md). @default every alarm at its real-time default */
    alarms?: InferenceComponentAlarmArgs;
    /** SNS topic every alarm notifies on ALARM and OK (an AlarmNotifications' topicArn). */
    alarmTopicArn: pulumi.Input<string>;
    /**
     * Deployment guardrails: each component updates by a rolling update of its copies, rolled back
     * when a chosen alarm of that component or of the instances fires (docs/alarms.md#auto-rollback).
     * @default none: updates replace copies without alarms watching
     */
    autoRollback?: ComponentAutoRollbackArgs;
}

export const ROUTING_STRATEGIES = ["LEAST_OUTSTANDING_REQUESTS", "RANDOM"] as const;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

/** The single variant of an inference-component endpoint. */
export const HOST_VARIANT_NAME = "AllTraffic";

export const INFERENCE_COMPONENT_DEFAULTS = {
    acceleratorDevices: 1,
    copyCount: 1,
    minInstances: 1,
    routingStrategy: "LEAST_OUTSTANDING_REQUESTS" as RoutingStrategy,
    scaleInCooldownSeconds: 300,
    scaleOutCooldownSeconds: 60,
    minFreeGpus: 1,
    maxIdleGpus: 0,
} as const;

/** Components per endpoint this library accepts (a SageMaker quota; raise it here if yours is higher). */
export const MAX_INFERENCE_COMPONENTS = 50;
