import { AlarmTarget } from "./thresholdAlarms";
import { GpuCatalogue } from "../../../domain/gpuCatalogue";
import { gpusPerInstance } from "../../../domain/gpuCatalogueRules";
import { isGpuInstanceType } from "../../../domain/instanceTypes";

/**
 * A variant as alarms see it, with its GPUs per instance from `catalogue` (the stack's effective
 * catalogue: its `gpuCatalogue` merged over the built-in one). A GPU type the catalogue lacks gets
 * no `gpus`, so no GPU alarms; validation reports it before (gpuCatalogueProblems).
 */
export function variantAlarmTarget(variantName: string, instanceType: string, catalogue: GpuCatalogue): AlarmTarget {
    if (!isGpuInstanceType(instanceType)) {
        return { variantName, instanceType };
    }
    const found = gpusPerInstance(catalogue, instanceType);
    return "gpus" in found ? { variantName, instanceType, gpus: found.gpus } : { variantName, instanceType };
}
