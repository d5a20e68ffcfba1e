/**
 * How Application Auto Scaling addresses a SageMaker variant's instance count. The scaling
 * components build scalable targets with these values and the rules parse them back, from this
 * one module (components/scaling/variantScalableTarget.ts re-exports it).
 */
export const SAGEMAKER_VARIANT_SCALING = {
    serviceNamespace: "sagemaker",
    scalableDimension: "sagemaker:variant:DesiredInstanceCount",
} as const;

/** `endpoint/<endpoint>/variant/<variant>`: the scalable target's resource id. */
export function variantResourceId(endpointName: string, variantName: string): string {
    return `endpoint/${endpointName}/variant/${variantName}`;
}

/** The endpoint and variant of a {@link variantResourceId}; undefined for any other resource id. */
export function parseVariantResourceId(resourceId: string): { endpointName: string; variantName: string } | undefined {
    const match = /^endpoint\/([^/]+)\/variant\/([^/]+)$/.exec(resourceId);
    return match ? { endpointName: match[1], variantName: match[2] } : undefined;
}

/** How Application Auto Scaling addresses an inference component's copy count. */
export const SAGEMAKER_INFERENCE_COMPONENT_SCALING = {
    serviceNamespace: "sagemaker",
    scalableDimension: "sagemaker:inference-component:DesiredCopyCount",
    /** Invocations per copy per minute: the predefined metric of target tracking on copies. */
    predefinedMetricType: "SageMakerInferenceComponentInvocationsPerCopy",
} as const;

/** `inference-component/<name>`: the scalable target's resource id. */
export function inferenceComponentResourceId(inferenceComponentName: string): string {
    return `inference-component/${inferenceComponentName}`;
}
