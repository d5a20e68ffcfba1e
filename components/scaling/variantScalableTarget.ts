/** Application Auto Scaling addresses a SageMaker variant's instance count like this. */
export const SAGEMAKER_VARIANT_SCALING = {
    serviceNamespace: "sagemaker",
    scalableDimension: "sagemaker:variant:DesiredInstanceCount",
} as const;

export function variantResourceId(endpointName: string, variantName: string): string {
    return `endpoint/${endpointName}/variant/${variantName}`;
}

/** `aws.appautoscaling.Target` inputs for one variant. */
export interface ScalableTargetDocument {
    serviceNamespace: string;
    resourceId: string;
    scalableDimension: string;
    minCapacity: number;
    maxCapacity: number;
}

export function buildVariantScalableTarget(endpointName: string, variantName: string, capacity: { minCapacity: number; maxCapacity: number }): ScalableTargetDocument {
    return {
        serviceNamespace: SAGEMAKER_VARIANT_SCALING.serviceNamespace,
        resourceId: variantResourceId(endpointName, variantName),
        scalableDimension: SAGEMAKER_VARIANT_SCALING.scalableDimension,
        minCapacity: capacity.minCapacity,
        maxCapacity: capacity.maxCapacity,
    };
}
