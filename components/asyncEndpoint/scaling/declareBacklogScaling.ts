import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { buildBacklogTargetTracking, buildScaleFromZeroStepScaling, buildScaleFromZeroTriggerAlarm } from "./backlogScaling";
import { ResolvedBacklogScaling } from "./backlogScalingArgs";
import { buildVariantScalableTarget } from "./variantScalableTarget";
import { declareMetricAlarms } from "../../core/alarms/declareMetricAlarms";

export interface DeclaredVariantScaling {
    target: aws.appautoscaling.Target;
    targetTracking: aws.appautoscaling.Policy;
    /** Only when minCapacity is 0. */
    scaleFromZero?: { policy: aws.appautoscaling.Policy; trigger: aws.cloudwatch.MetricAlarm };
}

/**
 * Per variant: the scalable target, target tracking on the backlog per instance and, when the
 * variant may scale to zero, the step policy with the alarm that triggers it.
 */
export function declareBacklogScaling(
    parent: pulumi.Resource,
    name: string,
    input: {
        endpointName: string;
        variantNames: string[];
        scaling: ResolvedBacklogScaling;
        endpoint: pulumi.Resource;
        tags: Record<string, string>;
    },
): DeclaredVariantScaling[] {
    if (!input.scaling.enabled) {
        return [];
    }
    return input.variantNames.map((variantName) => {
        const document = buildVariantScalableTarget(input.endpointName, variantName, input.scaling);
        // The variant exists only once the endpoint does; registering earlier fails.
        const target = new aws.appautoscaling.Target(
            `${name}-scaling-${variantName}`,
            { ...document, tags: input.tags },
            { parent, dependsOn: [input.endpoint] },
        );
        const onTarget = {
            resourceId: target.resourceId,
            scalableDimension: target.scalableDimension,
            serviceNamespace: target.serviceNamespace,
        };
        const targetTracking = new aws.appautoscaling.Policy(
            `${name}-scaling-${variantName}-backlog`,
            {
                name: `${input.endpointName}-${variantName}-backlog-target-tracking`,
                policyType: "TargetTrackingScaling",
                ...onTarget,
                targetTrackingScalingPolicyConfiguration: buildBacklogTargetTracking(input.endpointName, input.scaling),
            },
            { parent },
        );
        if (input.scaling.minCapacity > 0) {
            return { target, targetTracking };
        }
        const policy = new aws.appautoscaling.Policy(
            `${name}-scaling-${variantName}-from-zero`,
            {
                name: `${input.endpointName}-${variantName}-scale-from-zero`,
                policyType: "StepScaling",
                ...onTarget,
                stepScalingPolicyConfiguration: buildScaleFromZeroStepScaling(input.scaling),
            },
            { parent },
        );
        const [trigger] = declareMetricAlarms(parent, name, [buildScaleFromZeroTriggerAlarm(input.endpointName, variantName)], {
            alarmActions: [policy.arn],
            tags: input.tags,
        });
        return { target, targetTracking, scaleFromZero: { policy, trigger } };
    });
}
