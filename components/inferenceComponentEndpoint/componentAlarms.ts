/** Every alarm of an inference-component endpoint, from the real-time catalog and the GPU specs. */
import { AnyAlarmDefinition } from "../core/alarms/alarmDefinition";
import { ENDPOINT_ALARM_KEYS } from "../core/alarms/alarmKeys";
import { AlarmComponent, AlarmGranularity, AlarmTarget, buildThresholdAlarms, ThresholdAlarmSpec } from "../core/alarms/thresholdAlarms";
import { REALTIME_ALARM_DEFAULTS, RealtimeAlarmKey } from "../realtimeEndpoint/alarms/realtimeAlarmArgs";
import { realtimeAlarmSpecs, watchedMetric } from "../realtimeEndpoint/alarms/realtimeAlarms";
import { GPU_ALARM_DEFAULTS, GPU_ALARM_SPECS } from "./gpuAlarms";
import { GpuAlarmArgs, InferenceComponentAlarmArgs } from "./inferenceComponentEndpointArgs";
import { PublishSettings, SAGEMAKER_METRIC_NAMESPACE } from "../../domain/sageMakerMetrics";

/**
 * Where SageMaker publishes an inference-component endpoint's metrics, per AWS's "Amazon SageMaker
 * AI metrics in Amazon CloudWatch" (https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html):
 * the AWS/SageMaker invocation metrics with the dimension InferenceComponentName ("Dimensions for
 * endpoint invocation metrics": "Filters inference component invocation metrics"), the
 * /aws/sagemaker/Endpoints instance metrics with EndpointName and VariantName ("Dimensions for endpoint metrics").
 */
function granularityOf(key: RealtimeAlarmKey): AlarmGranularity {
    return watchedMetric(key).namespace === SAGEMAKER_METRIC_NAMESPACE ? "component" : "variant";
}

/** The real-time catalog as an inference-component endpoint publishes it; InvocationsPerInstance left out (alarmKeys.ts). */
function componentAlarmSpecs(publish: PublishSettings): ThresholdAlarmSpec[] {
    return realtimeAlarmSpecs(publish)
        .filter((spec) => spec.key in ENDPOINT_ALARM_KEYS["inference-components"])
        .map((spec) => ({ ...spec, per: granularityOf(spec.key as RealtimeAlarmKey) }));
}

/** What the alarms of one inference-component endpoint are built from. */
export interface ComponentAlarmScope {
    endpointName: string;
    /** The host variant, with its GPUs per instance on GPU types (variantAlarmTarget). */
    target: AlarmTarget;
    components: AlarmComponent[];
    publish: PublishSettings;
    /** On GPU instance types: the unused-GPU alarms' thresholds. Absent on CPU types: no GPU alarms. */
    gpuAlarms?: GpuAlarmArgs;
}

/**
 * Per component (critical first, then warning): 5xx per minute, 4xx rate, p99 ModelLatency and
 * OverheadLatency; per variant: CPU, memory and disk, GPU and GPU memory on GPU types; then, on
 * GPU types, FreeGpus and IdleGpus per endpoint.
 */
export function buildComponentAlarmDefinitions(scope: ComponentAlarmScope, args: InferenceComponentAlarmArgs = {}): AnyAlarmDefinition[] {
    const { actions: _actions, ...settings } = args;
    const where = { kindLabel: "inference-component endpoint", endpointName: scope.endpointName, targets: [scope.target] };
    const standard = buildThresholdAlarms(
        { ...where, components: scope.components },
        componentAlarmSpecs(scope.publish),
        settings,
        REALTIME_ALARM_DEFAULTS,
    );
    const gpu =
        scope.gpuAlarms === undefined ? [] : buildThresholdAlarms(where, GPU_ALARM_SPECS, { ...scope.gpuAlarms }, GPU_ALARM_DEFAULTS);
    return [...standard, ...gpu];
}
