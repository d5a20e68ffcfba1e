/** The report's view of one GPU endpoint of a stack file: the same target the publisher receives. */
import { GpuCapacityTarget } from "../../domain/gpuCapacityContract";
import { gpusPerInstance, hourlyPrice, mergeGpuCatalogue } from "../../domain/gpuCatalogueRules";
import { HOST_VARIANT_NAME } from "../../components/inferenceComponentEndpoint/inferenceComponentEndpointArgs";
import { METRICS_DEFAULTS } from "../../components/core/endpoint/resolveEndpointArgs";
import { StackConfig } from "../../program/schema";

/** The target of endpoint `name`, or why there is none (not an inference-component GPU endpoint, no price). */
export function reportTarget(config: StackConfig, name: string, region: string): GpuCapacityTarget | { problem: string } {
    const entry = config.endpoints.find((e) => e.name === name);
    const gpuEndpoints = config.endpoints.filter((e) => e.kind === "inference-components").map((e) => e.name);
    if (entry === undefined || entry.kind !== "inference-components") {
        return {
            problem: `--endpoint must name an inference-components endpoint of the stack (${gpuEndpoints.join(", ") || "none"}), got "${name}"`,
        };
    }
    const catalogue = mergeGpuCatalogue(config.gpuCatalogue);
    const gpus = gpusPerInstance(catalogue, entry.instanceType);
    const price = hourlyPrice(catalogue, entry.instanceType, region);
    if ("reason" in gpus || "reason" in price) {
        return { problem: `${entry.instanceType} ${"reason" in gpus ? gpus.reason : (price as { reason: string }).reason}` };
    }
    return {
        endpointName: entry.name,
        variantName: HOST_VARIANT_NAME,
        instanceType: entry.instanceType,
        gpusPerInstance: gpus.gpus,
        hourlyUsd: price.usd,
        periodSeconds: entry.metrics?.publishFrequencySeconds ?? METRICS_DEFAULTS.publishFrequencySeconds,
        components: entry.inferenceComponents.map((c) => ({ name: `${entry.name}-${c.name}`, label: c.label ?? c.name })),
    };
}
