import { inferenceComponentPhysicalName } from "../../domain/inferenceComponentName";
import {
    CopyAutoscalingArgs,
    HOST_VARIANT_NAME,
    INFERENCE_COMPONENT_DEFAULTS,
    InferenceComponentEndpointArgs,
} from "./inferenceComponentEndpointArgs";
import { ModelLessVariant } from "../core/endpoint/declareEndpoint";
import { ModelArgs } from "../core/endpoint/endpointArgs";
import { resolveEndpointArgs, ResolvedEndpoint } from "../core/endpoint/resolveEndpointArgs";
import { GpuCatalogue } from "../../domain/gpuCatalogue";
import { gpusPerInstance, mergeGpuCatalogue } from "../../domain/gpuCatalogueRules";
import { isGpuInstanceType } from "../../domain/instanceTypes";

export interface ResolvedInferenceComponent {
    name: string;
    /** `<endpointName>-<name>`: the InferenceComponentName, a dimension of its metrics. */
    physicalName: string;
    label: string;
    model: ModelArgs;
    /** Undefined on instance types without GPUs. */
    acceleratorDevices?: number;
    minMemoryMb: number;
    cpuCores?: number;
    copyCount: number;
    autoscaling?: Required<CopyAutoscalingArgs>;
}

/** On GPU instance types: what the publisher and the alarms need. */
export interface ResolvedGpuHosting {
    instanceType: string;
    gpusPerInstance: number;
    catalogue: GpuCatalogue;
}

export interface ResolvedInferenceComponentEndpoint {
    /** The shared endpoint spec; its variants are the components' models, one per component, in order. */
    endpoint: ResolvedEndpoint;
    hostVariant: ModelLessVariant;
    components: ResolvedInferenceComponent[];
    gpu?: ResolvedGpuHosting;
}

/** Every default applied. Only built from arguments that passed validation. */
export function resolveInferenceComponentEndpoint(
    componentName: string,
    args: InferenceComponentEndpointArgs,
): ResolvedInferenceComponentEndpoint {
    const d = INFERENCE_COMPONENT_DEFAULTS;
    const {
        inferenceComponents,
        minInstances,
        maxInstances,
        routingStrategy,
        gpuCatalogue: _catalogue,
        gpuAlarms: _gpuAlarms,
        alarms: _alarms,
        alarmTopicArn: _topic,
        ...shared
    } = args;
    // The core declares one Model per variant: here one per component, each named after it.
    const endpoint = resolveEndpointArgs(componentName, {
        ...shared,
        model: inferenceComponents[0].model,
        variants: inferenceComponents.map((c) => ({ name: c.name, model: c.model, instanceType: args.instanceType, instanceCount: 1 })),
    });
    const onGpu = isGpuInstanceType(args.instanceType);
    const components = inferenceComponents.map((c): ResolvedInferenceComponent => {
        const copyCount = c.copyCount ?? d.copyCount;
        return {
            name: c.name,
            physicalName: inferenceComponentPhysicalName(endpoint.endpointName, c.name),
            label: c.label ?? c.name,
            model: c.model,
            acceleratorDevices: onGpu ? (c.acceleratorDevices ?? d.acceleratorDevices) : undefined,
            minMemoryMb: c.minMemoryMb,
            cpuCores: c.cpuCores,
            copyCount,
            autoscaling:
                c.autoscaling === undefined
                    ? undefined
                    : {
                          minCopies: c.autoscaling.minCopies ?? copyCount,
                          maxCopies: c.autoscaling.maxCopies,
                          targetInvocationsPerCopy: c.autoscaling.targetInvocationsPerCopy,
                          scaleInCooldownSeconds: c.autoscaling.scaleInCooldownSeconds ?? d.scaleInCooldownSeconds,
                          scaleOutCooldownSeconds: c.autoscaling.scaleOutCooldownSeconds ?? d.scaleOutCooldownSeconds,
                      },
        };
    });
    const min = minInstances ?? d.minInstances;
    const initial = args.instanceCount ?? min;
    const hostVariant: ModelLessVariant = {
        variantName: HOST_VARIANT_NAME,
        instanceType: args.instanceType,
        initialInstanceCount: initial,
        managedInstanceScaling: { status: "ENABLED", minInstanceCount: min, maxInstanceCount: maxInstances ?? Math.max(initial, min) },
        routingConfig: { routingStrategy: routingStrategy ?? d.routingStrategy },
    };
    return { endpoint, hostVariant, components, gpu: onGpu ? gpuHosting(args) : undefined };
}

function gpuHosting(args: InferenceComponentEndpointArgs): ResolvedGpuHosting {
    const catalogue = mergeGpuCatalogue(args.gpuCatalogue);
    const found = gpusPerInstance(catalogue, args.instanceType);
    if ("reason" in found) {
        throw new Error(`bug: ${args.instanceType} passed validation without a catalogue entry`);
    }
    return { instanceType: args.instanceType, gpusPerInstance: found.gpus, catalogue };
}
