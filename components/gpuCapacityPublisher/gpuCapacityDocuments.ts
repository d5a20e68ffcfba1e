/** Pure builders of the GPU-capacity publisher: its IAM policy, its targets, its schedule and its error alarm. */
import { AlarmDefinition } from "../core/alarms/alarmDefinition";
import { policyDocument, PolicyDocument } from "../core/iam/policyDocument";
import { GpuCapacitySubject } from "../inferenceComponentEndpoint/InferenceComponentEndpoint";
import { GpuCapacityTarget } from "../../domain/gpuCapacityContract";
import { hourlyPrice } from "../../domain/gpuCatalogueRules";
import { MONITORING_DIMENSIONS, MONITORING_NAMESPACE, PUBLISHER_METRICS } from "../../domain/monitoringMetrics";

/** Every minute: the publisher evaluates the last whole minute. */
export const GPU_CAPACITY_SCHEDULE = "rate(1 minute)";

/**
 * Least privilege. PutMetricData only into the project's namespace (the `cloudwatch:namespace`
 * condition). GetMetricData and ListMetrics on `"*"`: CloudWatch defines no resource type for
 * metrics, so these actions cannot be scoped to ARNs (the Service Authorization Reference lists no
 * resource for them), and the pack's iam-no-wildcards rule accepts exactly these (domain/iamPolicyDocument.ts).
 * Logs only to its own log group.
 */
export function buildGpuCapacityRolePolicy(logGroupArn: string): PolicyDocument {
    return policyDocument([
        {
            Sid: "PublishOwnNamespaceOnly",
            Effect: "Allow",
            Action: ["cloudwatch:PutMetricData"],
            Resource: ["*"],
            Condition: { StringEquals: { "cloudwatch:namespace": MONITORING_NAMESPACE } },
        },
        {
            Sid: "ReadEndpointMetrics",
            Effect: "Allow",
            Action: ["cloudwatch:GetMetricData", "cloudwatch:ListMetrics"],
            Resource: ["*"],
        },
        {
            Sid: "WriteOwnLogs",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: [`${logGroupArn}:*`],
        },
    ]);
}

/** The Lambda's targets in `region`, priced from each endpoint's catalogue; a missing price is the reason, at the subject's index. */
export function buildGpuCapacityTargets(
    subjects: readonly GpuCapacitySubject[],
    region: string,
): { targets: GpuCapacityTarget[] } | { problems: { propertyPath: string; reason: string }[] } {
    const problems: { propertyPath: string; reason: string }[] = [];
    const targets = subjects.map((s, i): GpuCapacityTarget => {
        const price = hourlyPrice(s.catalogue, s.instanceType, region);
        if ("reason" in price) {
            problems.push({ propertyPath: `endpoints[${i}].gpuCatalogue`, reason: `(${s.endpointName}) ${price.reason}` });
        }
        return {
            endpointName: s.endpointName,
            variantName: s.variantName,
            instanceType: s.instanceType,
            gpusPerInstance: s.gpusPerInstance,
            hourlyUsd: "usd" in price ? price.usd : 0,
            periodSeconds: s.periodSeconds,
            components: s.components,
        };
    });
    return problems.length > 0 ? { problems } : { targets };
}

/** The publisher's own errors: any in 3 of 5 minutes. Its silence is the free-GPU alarms' job (missing data breaching there). */
export function buildPublisherErrorAlarm(functionName: string): AlarmDefinition {
    return {
        id: "errors",
        alarmName: `${functionName}-${PUBLISHER_METRICS.errors}`,
        description:
            `GPU-capacity publisher ${functionName} failed to evaluate or publish (${MONITORING_NAMESPACE} ${PUBLISHER_METRICS.errors}) in 3 of the last 5 minutes: ` +
            "the FreeGpus, IdleGpus and CostUsd metrics are stale or missing. Check its log group for level=error lines (throttling, AccessDenied, timeouts).",
        namespace: MONITORING_NAMESPACE,
        metricName: PUBLISHER_METRICS.errors,
        dimensions: { [MONITORING_DIMENSIONS.publisher]: functionName },
        statistic: "Sum",
        periodSeconds: 60,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        threshold: 0,
        comparisonOperator: "GreaterThanThreshold",
        treatMissingData: "notBreaching",
    };
}
