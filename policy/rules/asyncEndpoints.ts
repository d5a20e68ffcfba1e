/**
 * Asynchronous endpoints: they queue requests, so their health is the queue (backlog size and
 * age of the oldest request), and they can scale to zero only with a step policy triggered by
 * HasBacklogWithoutCapacity. They never publish Invocations, InvocationsPerInstance or
 * OverheadLatency: alarms or scaling on those never fire.
 */
import { checkEach } from "../previewSafe";
import { scalingPolicyShape, scalingTargetShape } from "../resourceShapes";
import { TYPES } from "../resourceTypes";
import { AsyncEndpointMetric, METRICS_NOT_PUBLISHED_BY_ASYNC_ENDPOINTS, SAGEMAKER_METRIC_NAMESPACE } from "../../domain/sageMakerMetrics";
import {
    alarmsOf,
    alarmsWatching,
    EndpointNode,
    endpointOfTarget,
    endpointsOf,
    referencedResources,
    resourcesOfType,
    StackResource,
    variantTargetsOf,
} from "../stackModel";
import { parseVariantResourceId } from "../../domain/variantScaling";
import { PackStackPolicy, RuleDefinition, violation } from "./ruleKit";

/** Alarms every async endpoint needs, on these AWS/SageMaker metrics. */
const ASYNC_BACKLOG_METRICS: readonly AsyncEndpointMetric[] = ["ApproximateBacklogSize", "ApproximateAgeOfOldestRequest"];
/** The metric that tells a scaled-to-zero endpoint it has work waiting. */
const BACKLOG_WITHOUT_CAPACITY_METRIC: AsyncEndpointMetric = "HasBacklogWithoutCapacity";
const METRICS_ABSENT_ON_ASYNC_ENDPOINTS: readonly string[] = METRICS_NOT_PUBLISHED_BY_ASYNC_ENDPOINTS;
/** The predefined target-tracking metric built on InvocationsPerInstance. */
const INVOCATIONS_PREDEFINED_METRIC = "SageMakerVariantInvocationsPerInstance";

/** Every async endpoint of the stack (its config has asyncInferenceConfig). */
function asyncEndpointsOf(resources: readonly StackResource[]): EndpointNode[] {
    return endpointsOf(resources).filter((node) => node.config?.isAsync === true);
}

export const asyncEndpointBacklogAlarms: PackStackPolicy = {
    name: "async-endpoint-backlog-alarms",
    description:
        "Every async endpoint has alarms on ApproximateBacklogSize and ApproximateAgeOfOldestRequest, and scale-from-zero wiring when its scalable target allows 0 instances.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Add CloudWatch MetricAlarms (namespace AWS/SageMaker, dimension EndpointName) on ApproximateBacklogSize and ApproximateAgeOfOldestRequest; " +
        "when minCapacity is 0, add a StepScaling policy on the scalable target and a HasBacklogWithoutCapacity alarm whose alarmActions include that policy's ARN.",
    validateStack: (args, reportViolation) => {
        const alarms = alarmsOf(args.resources);
        const endpoints = endpointsOf(args.resources);
        const targets = variantTargetsOf(args.resources);
        const stepPolicies = resourcesOfType(args.resources, [TYPES.scalingPolicy]).filter(
            (r) => scalingPolicyShape(r.props).policyType === "StepScaling",
        );
        checkEach(
            endpoints.filter((node) => node.config?.isAsync === true),
            (node) => {
                const { resource, endpoint } = node;
                const name = endpoint.endpointName;
                if (name === undefined) {
                    reportViolation(
                        violation(
                            "Async endpoint has no physical name, so no alarm can carry its EndpointName dimension.",
                            "set the endpoint name (endpointName on aws-native, name on classic) explicitly.",
                        ),
                        resource.urn,
                    );
                    return;
                }
                for (const metricName of ASYNC_BACKLOG_METRICS) {
                    if (alarmsWatching(alarms, SAGEMAKER_METRIC_NAMESPACE, metricName, name).length === 0) {
                        reportViolation(
                            violation(
                                `Async endpoint "${name}" has no MetricAlarm on ${SAGEMAKER_METRIC_NAMESPACE} ${metricName} with dimension EndpointName=${name}.`,
                                `add an aws.cloudwatch.MetricAlarm with namespace "${SAGEMAKER_METRIC_NAMESPACE}", metricName "${metricName}", dimensions { EndpointName: "${name}" } and an alarm action.`,
                            ),
                            resource.urn,
                        );
                    }
                }
                checkEach(targets, (target) => {
                    if (target.target.minCapacity !== 0 || endpointOfTarget(target, endpoints) !== node) {
                        return;
                    }
                    // Joined through propertyDependencies where the program built one from the other (known at preview).
                    const ownStepPolicies = stepPolicies.filter(
                        (policy) =>
                            referencedResources(policy, "resourceId", [target.resource], (t) => [scalingTargetShape(t.props).resourceId])
                                .length > 0,
                    );
                    if (ownStepPolicies.length === 0) {
                        reportViolation(
                            violation(
                                `Scalable target ${target.label} of async endpoint "${name}" has minCapacity 0 but no StepScaling policy, so it never scales out from zero.`,
                                `add an aws.appautoscaling.Policy with policyType "StepScaling" and resourceId "${target.label}".`,
                            ),
                            resource.urn,
                        );
                        return;
                    }
                    const triggers = alarmsWatching(alarms, SAGEMAKER_METRIC_NAMESPACE, BACKLOG_WITHOUT_CAPACITY_METRIC, name).filter(
                        (alarm) =>
                            referencedResources(
                                alarm.resource,
                                "alarmActions",
                                ownStepPolicies,
                                (policy) => [scalingPolicyShape(policy.props).arn],
                                {
                                    assignedIdentities: true,
                                },
                            ).length > 0,
                    );
                    if (triggers.length === 0) {
                        reportViolation(
                            violation(
                                `Scalable target ${target.label} of async endpoint "${name}" has minCapacity 0 but no MetricAlarm on ${SAGEMAKER_METRIC_NAMESPACE} ${BACKLOG_WITHOUT_CAPACITY_METRIC} (EndpointName=${name}) whose alarmActions trigger its StepScaling policy.`,
                                `add a MetricAlarm on ${BACKLOG_WITHOUT_CAPACITY_METRIC} with dimensions { EndpointName: "${name}" } and alarmActions [<the StepScaling policy's arn>].`,
                            ),
                            resource.urn,
                        );
                    }
                });
            },
        );
    },
};

export const asyncEndpointNoInvocationMetrics: PackStackPolicy = {
    name: "async-endpoint-no-invocation-metrics",
    description:
        "No alarm or scaling policy of an async endpoint uses Invocations, InvocationsPerInstance or OverheadLatency, which async endpoints do not publish.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Alarm on ApproximateBacklogSize / ApproximateAgeOfOldestRequest and scale on ApproximateBacklogSizePerInstance (target tracking) instead.",
    validateStack: (args, reportViolation) => {
        const asyncNames = new Set(
            asyncEndpointsOf(args.resources)
                .map(({ endpoint }) => endpoint.endpointName)
                .filter((name): name is string => name !== undefined),
        );
        if (asyncNames.size === 0) {
            return;
        }
        const replacement = "use ApproximateBacklogSize, ApproximateAgeOfOldestRequest or ApproximateBacklogSizePerInstance instead.";
        checkEach(alarmsOf(args.resources), ({ resource, alarm }) => {
            for (const metric of alarm.metrics) {
                const endpointName = metric.dimensions.EndpointName;
                if (
                    metric.namespace === SAGEMAKER_METRIC_NAMESPACE &&
                    METRICS_ABSENT_ON_ASYNC_ENDPOINTS.includes(metric.metricName ?? "") &&
                    asyncNames.has(endpointName)
                ) {
                    reportViolation(
                        violation(
                            `Alarm ${metric.path} watches ${metric.metricName} of async endpoint "${endpointName}", which async endpoints never publish, so the alarm never fires.`,
                            replacement,
                        ),
                        resource.urn,
                    );
                }
            }
        });
        checkEach(resourcesOfType(args.resources, [TYPES.scalingPolicy]), (resource) => {
            const policy = scalingPolicyShape(resource.props);
            const target = parseVariantResourceId(policy.resourceId ?? "")?.endpointName;
            if (target !== undefined && asyncNames.has(target) && policy.predefinedMetricType === INVOCATIONS_PREDEFINED_METRIC) {
                reportViolation(
                    violation(
                        `Scaling policy on ${policy.resourceId} tracks ${INVOCATIONS_PREDEFINED_METRIC}, but async endpoint "${target}" does not publish InvocationsPerInstance.`,
                        "track a customized metric on ApproximateBacklogSizePerInstance (namespace AWS/SageMaker, dimension EndpointName) instead.",
                    ),
                    resource.urn,
                );
            }
            for (const metric of policy.customizedMetrics) {
                const endpointName = metric.dimensions.EndpointName ?? target;
                if (
                    metric.namespace === SAGEMAKER_METRIC_NAMESPACE &&
                    METRICS_ABSENT_ON_ASYNC_ENDPOINTS.includes(metric.metricName ?? "") &&
                    endpointName !== undefined &&
                    asyncNames.has(endpointName)
                ) {
                    reportViolation(
                        violation(
                            `Scaling policy ${metric.path} uses ${metric.metricName} of async endpoint "${endpointName}", which async endpoints never publish.`,
                            replacement,
                        ),
                        resource.urn,
                    );
                }
            }
        });
    },
};

export const asyncEndpointRules: RuleDefinition[] = [{ policy: asyncEndpointBacklogAlarms }, { policy: asyncEndpointNoInvocationMetrics }];
