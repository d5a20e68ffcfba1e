/** The report's text: one row per interval and component, then each component's total. */
import { GpuCapacityTarget } from "../../domain/gpuCapacityContract";
import { CapacityInterval } from "../../lambdas/gpu-capacity/capacityModel";

const usd = (value: number) => value.toFixed(6);

export function renderReport(target: GpuCapacityTarget, region: string, intervals: readonly CapacityInterval[]): string {
    const cumulative = new Map<string, number>();
    const rows = intervals.flatMap((i) =>
        i.components.map((c) => {
            const total = (cumulative.get(c.name) ?? 0) + c.costUsd;
            cumulative.set(c.name, total);
            const time = new Date(i.timestamp).toISOString();
            return `| ${time} | ${i.instances} | ${i.gpusInUse} | ${i.freeGpus} | ${c.label} | ${c.gpusInUse} | ${usd(c.costUsd)} | ${usd(total)} |`;
        }),
    );
    const first = intervals[0];
    const last = intervals[intervals.length - 1];
    return [
        `GPU capacity of ${target.endpointName}: ${target.instanceType}, ${target.gpusPerInstance} GPUs per instance, ${target.hourlyUsd} USD/h in ${region}, ${target.periodSeconds} s periods`,
        first === undefined
            ? "no intervals in the range"
            : `${new Date(first.timestamp).toISOString()} to ${new Date(last.timestamp + target.periodSeconds * 1000).toISOString()}`,
        "",
        "| time | instances | GPUs used | GPUs free | component | GPUs | cost (USD) | cumulative (USD) |",
        "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |",
        ...rows,
        "",
        ...target.components.map((c) => `${c.label} (${c.name}): ${usd(cumulative.get(c.name) ?? 0)} USD`),
        "",
    ].join("\n");
}
