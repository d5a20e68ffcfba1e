import { BACKLOG_SCALING_METRIC, ResolvedBacklogScaling } from "./backlogScalingArgs";
import { AlarmDefinition } from "../../core/alarms/alarmDefinition";
import { alarmName } from "../../core/alarms/alarmNames";
import { SAGEMAKER_METRIC_NAMESPACE } from "../asyncMetrics";

/**
 * Scaling documents for asynchronous endpoints (docs/ARCHITECTURE.md, "Decisions"): target tracking on the queue per
 * instance, and, because target tracking does not scale a variant out from 0 instances, a step
 * policy that HasBacklogWithoutCapacity triggers.
 */

/** `targetTrackingScalingPolicyConfiguration` of `aws.appautoscaling.Policy`. */
export function buildBacklogTargetTracking(endpointName: string, scaling: ResolvedBacklogScaling) {
    return {
        targetValue: scaling.targetBacklogPerInstance,
        customizedMetricSpecification: {
            metricName: BACKLOG_SCALING_METRIC,
            namespace: SAGEMAKER_METRIC_NAMESPACE,
            // The backlog belongs to the endpoint: AWS publishes it with EndpointName only.
            dimensions: [{ name: "EndpointName", value: endpointName }],
            statistic: "Average",
        },
        scaleInCooldown: scaling.scaleInCooldownSeconds,
        scaleOutCooldown: scaling.scaleOutCooldownSeconds,
    };
}

/** `stepScalingPolicyConfiguration`: one instance whenever the trigger alarm is in ALARM. */
export function buildScaleFromZeroStepScaling(scaling: ResolvedBacklogScaling) {
    return {
        adjustmentType: "ChangeInCapacity",
        // Auto Scaling re-runs the policy every minute while the alarm stays in ALARM; the
        // cooldown keeps it from adding an instance per minute while the first one launches.
        cooldown: scaling.scaleOutCooldownSeconds,
        metricAggregationType: "Average",
        stepAdjustments: [{ metricIntervalLowerBound: "0", scalingAdjustment: 1 }],
    };
}

/** The scale-from-zero trigger looks at one 60-second period: the first queued request scales out. */
const SCALE_FROM_ZERO_TRIGGER = { periodSeconds: 60, evaluationPeriods: 1 } as const;

/**
 * The alarm whose only action is the step policy. It is a scaling trigger, not a page: it fires
 * on every cold start. The "capacity never arrived" alarm is the page.
 */
export function buildScaleFromZeroTriggerAlarm(endpointName: string, variantName: string): AlarmDefinition {
    return {
        id: `scale-from-zero-${variantName}`,
        alarmName: alarmName({ scope: endpointName, variant: variantName, measure: "scale-from-zero" }),
        description:
            `Scaling trigger for variant ${variantName} of async endpoint ${endpointName}, not a page: requests are queued while the endpoint has no instance ` +
            `(HasBacklogWithoutCapacity >= 1), so the step policy adds one. If it stays in ALARM, see the ${alarmName({ scope: endpointName, measure: "HasBacklogWithoutCapacity" })} alarm.`,
        namespace: SAGEMAKER_METRIC_NAMESPACE,
        metricName: "HasBacklogWithoutCapacity",
        dimensions: { EndpointName: endpointName },
        statistic: "Average",
        periodSeconds: SCALE_FROM_ZERO_TRIGGER.periodSeconds,
        evaluationPeriods: SCALE_FROM_ZERO_TRIGGER.evaluationPeriods,
        datapointsToAlarm: SCALE_FROM_ZERO_TRIGGER.evaluationPeriods,
        threshold: 1,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        // As AWS's own scale-from-zero example: no datapoint leaves the state as it is.
        treatMissingData: "missing",
    };
}
