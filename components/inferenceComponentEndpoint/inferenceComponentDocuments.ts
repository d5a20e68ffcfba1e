/** Pure builders: the exact inputs of each inference component and of its copy autoscaling. */
import { ResolvedInferenceComponent } from "./resolveInferenceComponentEndpoint";
import { inferenceComponentResourceId, SAGEMAKER_INFERENCE_COMPONENT_SCALING } from "../../domain/variantScaling";

/** The tag carrying a component's human label, for consoles, cost reports and dashboards. */
const LABEL_TAG = "sagemaker-monitoring:label";

/** `specification` and `runtimeConfig` of an `aws-native:sagemaker:InferenceComponent`, given its model's name. */
export function buildInferenceComponentSpec<S>(component: ResolvedInferenceComponent, modelName: S) {
    return {
        specification: {
            modelName,
            computeResourceRequirements: {
                ...(component.acceleratorDevices === undefined ? {} : { numberOfAcceleratorDevicesRequired: component.acceleratorDevices }),
                minMemoryRequiredInMb: component.minMemoryMb,
                ...(component.cpuCores === undefined ? {} : { numberOfCpuCoresRequired: component.cpuCores }),
            },
        },
        runtimeConfig: { copyCount: component.copyCount },
    };
}

/** The component's tags: the endpoint's, plus its label. */
export function inferenceComponentTags(component: ResolvedInferenceComponent, tags: Record<string, string>): Record<string, string> {
    return { ...tags, [LABEL_TAG]: component.label };
}

/** `aws.appautoscaling.Target` and target-tracking `aws.appautoscaling.Policy` inputs for one component's copies. */
export function buildCopyScaling(component: ResolvedInferenceComponent) {
    const scaling = component.autoscaling;
    if (scaling === undefined) {
        return undefined;
    }
    const s = SAGEMAKER_INFERENCE_COMPONENT_SCALING;
    return {
        target: {
            serviceNamespace: s.serviceNamespace,
            resourceId: inferenceComponentResourceId(component.physicalName),
            scalableDimension: s.scalableDimension,
            minCapacity: scaling.minCopies,
            maxCapacity: scaling.maxCopies,
        },
        policy: {
            name: `${component.physicalName}-invocations-per-copy`,
            policyType: "TargetTrackingScaling",
            targetTrackingScalingPolicyConfiguration: {
                predefinedMetricSpecification: { predefinedMetricType: s.predefinedMetricType },
                targetValue: scaling.targetInvocationsPerCopy,
                scaleInCooldown: scaling.scaleInCooldownSeconds,
                scaleOutCooldown: scaling.scaleOutCooldownSeconds,
            },
        },
    };
}
