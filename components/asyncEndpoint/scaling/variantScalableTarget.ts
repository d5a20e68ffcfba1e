import { SAGEMAKER_VARIANT_SCALING, variantResourceId } from "../../../domain/variantScaling";

// The addressing is shared with the policy pack, which parses these resource ids back.
export { SAGEMAKER_VARIANT_SCALING, variantResourceId } from "../../../domain/variantScaling";

/** `aws.appautoscaling.Target` inputs for one variant. */
export interface ScalableTargetDocument {
    serviceNamespace: string;
    resourceId: string;
    scalableDimension: string;
    minCapacity: number;
    maxCapacity: number;
}

export function buildVariantScalableTarget(
    endpointName: string,
    variantName: string,
    capacity: { minCapacity: number; maxCapacity: number },
): ScalableTargetDocument {
    return {
        serviceNamespace: SAGEMAKER_VARIANT_SCALING.serviceNamespace,
        resourceId: variantResourceId(endpointName, variantName),
        scalableDimension: SAGEMAKER_VARIANT_SCALING.scalableDimension,
        minCapacity: capacity.minCapacity,
        maxCapacity: capacity.maxCapacity,
    };
}
