import { binary, call, group, MathNode, num, ref, renderMath } from "./expressions/mathAst";
import { searchNode } from "./expressions/search";
import { HEIGHTS, WIDTHS } from "./layout";
import { GraphContext } from "./metricGraphs";
import { ExpressionEntry, MetricEntry, UnplacedWidget } from "./model";
import { thresholdAnnotations } from "./alarmAnnotations";
import { FREE_GPUS_METRIC } from "../domain/monitoringMetrics";
import { SAGEMAKER_METRIC_NAMESPACE } from "../domain/sageMakerMetrics";

/** Namespace of inference components' utilization metrics. */
const INFERENCE_COMPONENT_NAMESPACE = "/aws/sagemaker/InferenceComponents";

/**
 * GPU facts of the endpoint's instance type, from the GPU catalogue: this layer does not know
 * prices, the caller does (and says which catalogue entry it used).
 */
export interface GpuInstanceFacts {
    gpusPerInstance: number;
    /** On-demand price of one instance per hour, USD. */
    hourlyPriceUsd: number;
}

/** What the GPU widgets of an endpoint with inference components need. */
export interface GpuEndpointInput {
    instance: GpuInstanceFacts;
    /** The per-GPU dimension of inference-component metrics ("AcceleratorId" in the enhanced-metrics guide). */
    perGpuDimension: string;
    inferenceComponents: readonly { name: string }[];
}

/** Series of one component's GPUs: one per GPU it holds (SampleCount: any datapoint counts). */
function componentGpus(context: GraphContext, gpu: GpuEndpointInput, componentName: string): MathNode {
    return searchNode(
        {
            namespace: INFERENCE_COMPONENT_NAMESPACE,
            dimensions: ["InferenceComponentName", gpu.perGpuDimension],
            terms: { MetricName: "GPUUtilizationNormalized", InferenceComponentName: componentName },
        },
        "SampleCount",
        context.periodSeconds,
    );
}

/** `SUM(x * 0 + 1)`: how many series of `x` have a datapoint, at each time. */
function countSeries(id: string): MathNode {
    return call("SUM", binary("+", binary("*", ref(id), num(0)), num(1)));
}

function expression(id: string, node: MathNode, label: string, periodSeconds: number, visible = true): ExpressionEntry {
    return [
        {
            expression: renderMath(node),
            id,
            ...(label === "" ? {} : { label }),
            period: periodSeconds,
            ...(visible ? {} : { visible: false }),
        },
    ];
}

/** Instances, GPUs in all, GPUs held by the components, free GPUs: AWS's capacity queries, generalized. */
function clusterWidgets(context: GraphContext, gpu: GpuEndpointInput): UnplacedWidget[] {
    const p = context.periodSeconds;
    const instancesSearch = searchNode(
        {
            namespace: "/aws/sagemaker/Endpoints",
            dimensions: ["EndpointName", "InstanceId", "VariantName"],
            terms: { MetricName: "CPUUtilization", EndpointName: context.endpointName },
        },
        "SampleCount",
        p,
    );
    const components = gpu.inferenceComponents;
    const held = components.length === 0 ? num(0) : components.map((_, i) => ref(`held${i}`)).reduce((sum, next) => binary("+", sum, next));
    const freePublished: MetricEntry = [
        FREE_GPUS_METRIC.namespace,
        FREE_GPUS_METRIC.metricName,
        FREE_GPUS_METRIC.endpointDimension,
        context.endpointName,
        { id: "published", label: "free GPUs (published)", stat: "Minimum" },
    ];
    const gpuEntries = [
        expression("cpu", instancesSearch, "", p, false),
        expression("instances", countSeries("cpu"), "instances", p, false),
        ...components.flatMap((c, i) => [
            expression(`gpus${i}`, componentGpus(context, gpu, c.name), "", p, false),
            expression(`held${i}`, countSeries(`gpus${i}`), `${c.name} GPUs`, p, false),
        ]),
        expression("total", binary("*", ref("instances"), num(gpu.instance.gpusPerInstance)), "GPUs", p),
        expression("used", held, "GPUs in use", p),
        expression("free", binary("-", ref("total"), ref("used")), "free GPUs", p),
        freePublished,
    ];
    const annotations = thresholdAnnotations(context.alarms, [
        { namespace: FREE_GPUS_METRIC.namespace, metricName: FREE_GPUS_METRIC.metricName, endpointName: context.endpointName },
    ]);
    const base = { type: "metric" as const, height: HEIGHTS.graph };
    return [
        {
            ...base,
            width: WIDTHS.third,
            properties: {
                title: "Instances",
                view: "timeSeries",
                region: context.region,
                period: p,
                stat: "SampleCount",
                metrics: [expression("cpu", instancesSearch, "", p, false), expression("instances", countSeries("cpu"), "instances", p)],
            },
        },
        {
            ...base,
            width: WIDTHS.third,
            properties: {
                title: `GPUs (${gpu.instance.gpusPerInstance} per instance), in use and free`,
                view: "timeSeries",
                region: context.region,
                period: p,
                stat: "SampleCount",
                metrics: gpuEntries,
                ...(annotations.length === 0 ? {} : { annotations: { horizontal: annotations } }),
            },
        },
        {
            ...base,
            width: WIDTHS.third,
            properties: {
                title: "Hourly cost of the instances (USD)",
                view: "timeSeries",
                region: context.region,
                period: p,
                stat: "SampleCount",
                metrics: [
                    expression("cpu", instancesSearch, "", p, false),
                    expression("instances", countSeries("cpu"), "", p, false),
                    expression("hourly", binary("*", ref("instances"), num(gpu.instance.hourlyPriceUsd)), "USD per hour", p),
                ],
            },
        },
    ];
}

/** One component: cost per period and cumulative (RUNNING_SUM), invocations, latency, GPU utilization. */
function componentWidgets(context: GraphContext, gpu: GpuEndpointInput, componentName: string): UnplacedWidget[] {
    const p = context.periodSeconds;
    const { gpusPerInstance, hourlyPriceUsd } = gpu.instance;
    // A GPU costs its share of the instance: price / GPUs per instance, per hour; a period is p / 3600 hours.
    const costPerGpuPeriod = group(
        binary("*", group(binary("/", num(hourlyPriceUsd), num(gpusPerInstance))), group(binary("/", num(p), num(3600)))),
    );
    const component = (namespace: string, metricName: string, label: string): MetricEntry => [
        namespace,
        metricName,
        "InferenceComponentName",
        componentName,
        { label },
    ];
    const graph = (title: string, stat: string, metrics: (MetricEntry | ExpressionEntry)[]): UnplacedWidget => ({
        type: "metric",
        width: WIDTHS.quarter,
        height: HEIGHTS.graph,
        properties: { title, view: "timeSeries", region: context.region, period: p, stat, metrics },
    });
    return [
        graph(`${componentName}: cost (USD)`, "SampleCount", [
            expression("gpus", componentGpus(context, gpu, componentName), "", p, false),
            expression("held", countSeries("gpus"), "GPUs held", p, false),
            expression("cost", binary("*", ref("held"), costPerGpuPeriod), `cost per ${p} s`, p),
            [{ ...expression("total", call("RUNNING_SUM", ref("cost")), "cumulative cost", p)[0], yAxis: "right" }],
        ]),
        graph(`${componentName}: invocations`, "Sum", [component(SAGEMAKER_METRIC_NAMESPACE, "Invocations", "invocations")]),
        graph(`${componentName}: ModelLatency (µs)`, "Average", [component(SAGEMAKER_METRIC_NAMESPACE, "ModelLatency", "ModelLatency")]),
        graph(`${componentName}: GPU utilization (%)`, "Average", [
            component(INFERENCE_COMPONENT_NAMESPACE, "GPUUtilizationNormalized", "GPUUtilizationNormalized"),
        ]),
    ];
}

/** The cluster row, then one row per inference component. */
export function gpuRows(context: GraphContext, gpu: GpuEndpointInput): UnplacedWidget[][] {
    return [clusterWidgets(context, gpu), ...gpu.inferenceComponents.map((c) => componentWidgets(context, gpu, c.name))];
}
