/**
 * Reading the GPU catalogue (gpuCatalogue.ts): a stack's entries merged over the built-in ones,
 * the rules a stack's entries follow, and the lookups every GPU fact goes through. Pure: the
 * components, the publisher Lambda and the report import it.
 */
import { BUILT_IN_GPU_CATALOGUE, GpuCatalogue, GpuInstanceFacts } from "./gpuCatalogue";
import { isGpuInstanceType, isInstanceType } from "./instanceTypes";
import { awsRegion, integerAtLeast, numberGreaterThan } from "./validationRules";
import { isObject } from "./values";

/** A stack's `gpuCatalogue`: new instance types (with `gpus`), or corrections and extra regions for known ones. */
export type GpuCatalogueOverride = Record<string, { gpus?: number; hourlyUsd?: Record<string, number> }>;

/** The stack's entries over the built-in catalogue; prices merge per region. */
export function mergeGpuCatalogue(override: GpuCatalogueOverride = {}, base: GpuCatalogue = BUILT_IN_GPU_CATALOGUE): GpuCatalogue {
    const merged: Record<string, GpuInstanceFacts> = { ...base };
    for (const [instanceType, entry] of Object.entries(override)) {
        const known = base[instanceType];
        merged[instanceType] = {
            gpus: entry.gpus ?? known?.gpus ?? 0,
            hourlyUsd: { ...(known?.hourlyUsd ?? {}), ...(entry.hourlyUsd ?? {}) },
        };
    }
    return merged;
}

/** Problems of a stack's `gpuCatalogue`, at paths relative to it (`["ml.g6.xlarge"].gpus`). */
export function gpuCatalogueOverrideProblems(override: unknown): { propertyPath: string; reason: string }[] {
    if (override === undefined) {
        return [];
    }
    if (!isObject(override)) {
        return [{ propertyPath: "", reason: `must be a map of instance type to { gpus, hourlyUsd } (got ${JSON.stringify(override)})` }];
    }
    const problems: { propertyPath: string; reason: string }[] = [];
    for (const [instanceType, entry] of Object.entries(override)) {
        const at = (field: string) => `["${instanceType}"]${field}`;
        if (!isInstanceType(instanceType)) {
            problems.push({ propertyPath: at(""), reason: `must be keyed by a SageMaker instance type "ml.<family>.<size>"` });
            continue;
        }
        if (!isObject(entry)) {
            problems.push({ propertyPath: at(""), reason: "must be an object { gpus, hourlyUsd }" });
            continue;
        }
        if (entry.gpus === undefined && BUILT_IN_GPU_CATALOGUE[instanceType] === undefined) {
            problems.push({ propertyPath: at(".gpus"), reason: "is required for an instance type the built-in catalogue does not list" });
        } else if (entry.gpus !== undefined) {
            const reason = integerAtLeast(entry.gpus, 1);
            if (reason !== undefined) problems.push({ propertyPath: at(".gpus"), reason });
        }
        for (const [region, price] of Object.entries(isObject(entry.hourlyUsd) ? entry.hourlyUsd : {})) {
            const reason = awsRegion(region) ?? numberGreaterThan(price, 0);
            if (reason !== undefined) problems.push({ propertyPath: at(`.hourlyUsd["${region}"]`), reason });
        }
    }
    return problems;
}

/** GPUs per instance of a GPU instance type, or a reason naming the fix when the catalogue lacks it. */
export function gpusPerInstance(catalogue: GpuCatalogue, instanceType: string): { gpus: number } | { reason: string } {
    const facts = catalogue[instanceType];
    if (facts !== undefined && facts.gpus >= 1) {
        return { gpus: facts.gpus };
    }
    const known = Object.keys(catalogue).filter(isGpuInstanceType).sort();
    return {
        reason: `is a GPU instance type missing from the GPU catalogue: add it to the stack's gpuCatalogue as { "${instanceType}": { gpus, hourlyUsd: { <region>: <USD> } } }, or use one of ${known.join(", ")}`,
    };
}

/** On-demand USD per instance-hour in `region`, or a reason naming the fix. */
export function hourlyPrice(catalogue: GpuCatalogue, instanceType: string, region: string): { usd: number } | { reason: string } {
    const prices = catalogue[instanceType]?.hourlyUsd ?? {};
    const usd = prices[region];
    if (usd !== undefined) {
        return { usd };
    }
    const regions = Object.keys(prices).sort();
    return {
        reason: `has no hourly price for ${instanceType} in ${region}: set gpuCatalogue["${instanceType}"].hourlyUsd["${region}"] (priced regions: ${regions.length === 0 ? "none" : regions.join(", ")})`,
    };
}
