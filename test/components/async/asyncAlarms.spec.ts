import * as assert from "assert";
import { AlarmDefinition } from "../../../components/core/alarms/alarmDefinition";
import { alarmDefinitionProblems } from "../../../components/core/alarms/alarmLimits";
import { buildAsyncAlarmDefinitions } from "../../../components/asyncEndpoint/alarms/asyncAlarms";
import { metricAlarmArgs } from "../../../components/core/alarms/declareMetricAlarms";

const NS = "AWS/SageMaker";

/** The fields every failure counter shares: Sum over 5 minutes, one period, no data = no failures. */
function failureCounter(variant: string, metricName: string, id: string, description: string): AlarmDefinition {
    return {
        id: `${id}-${variant}`,
        alarmName: `scorer-${variant}-${metricName}`,
        description,
        namespace: NS,
        metricName,
        dimensions: { EndpointName: "scorer", VariantName: variant },
        statistic: "Sum",
        periodSeconds: 300,
        threshold: 0,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        comparisonOperator: "GreaterThanThreshold",
        treatMissingData: "notBreaching",
        key: `max${metricName}`,
    };
}

const BACKLOG_SIZE: AlarmDefinition = {
    id: "approximate-backlog-size",
    alarmName: "scorer-ApproximateBacklogSize",
    description:
        "Async endpoint scorer: more than 100 requests have been queued (ApproximateBacklogSize, 1-minute average) for 5 minutes: requests arrive faster than the endpoint processes them. " +
        "Check whether its variants are at their scaling maxCapacity (aws application-autoscaling describe-scaling-activities --service-namespace sagemaker), " +
        "TotalProcessingTime and ModelLatency for a slower model, InvocationFailures for failing requests, and the callers' request rate.",
    namespace: NS,
    metricName: "ApproximateBacklogSize",
    dimensions: { EndpointName: "scorer" },
    statistic: "Average",
    periodSeconds: 60,
    threshold: 100,
    evaluationPeriods: 5,
    datapointsToAlarm: 5,
    comparisonOperator: "GreaterThanThreshold",
    treatMissingData: "notBreaching",
    key: "maxBacklogSize",
};

const OLDEST_AGE: AlarmDefinition = {
    id: "approximate-age-of-oldest-request",
    alarmName: "scorer-ApproximateAgeOfOldestRequest",
    description:
        "Async endpoint scorer: the oldest queued request has waited more than 1800 seconds (ApproximateAgeOfOldestRequest, maximum); requests past their TTL expire unprocessed. " +
        "Check that instances are InService (HasBacklogWithoutCapacity, DescribeEndpoint), whether the variants are at maxCapacity, and TimeInBacklog and TotalProcessingTime for slow inferences.",
    namespace: NS,
    metricName: "ApproximateAgeOfOldestRequest",
    dimensions: { EndpointName: "scorer" },
    statistic: "Maximum",
    periodSeconds: 60,
    threshold: 1800,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    comparisonOperator: "GreaterThanThreshold",
    treatMissingData: "notBreaching",
    key: "maxOldestRequestAgeSeconds",
};

const NO_CAPACITY: AlarmDefinition = {
    id: "has-backlog-without-capacity",
    alarmName: "scorer-HasBacklogWithoutCapacity",
    description:
        "Async endpoint scorer: requests have waited with no instance to run them (HasBacklogWithoutCapacity = 1) for 15 minutes: scale-from-zero did not bring capacity. " +
        "Check the scale-from-zero policy's scaling activities for failed launches (instance quota or capacity for the instance type), that the endpoint is InService, " +
        "and that the scalable target's maxCapacity is at least 1.",
    namespace: NS,
    metricName: "HasBacklogWithoutCapacity",
    dimensions: { EndpointName: "scorer" },
    statistic: "Average",
    periodSeconds: 60,
    threshold: 1,
    evaluationPeriods: 15,
    datapointsToAlarm: 15,
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    treatMissingData: "notBreaching",
    key: "maxBacklogWithoutCapacitySeconds",
};

function variantFailures(variant: string): AlarmDefinition[] {
    const where = `Variant ${variant} of async endpoint scorer`;
    return [
        failureCounter(
            variant,
            "InvocationFailures",
            "invocation-failures",
            `${where}: one or more requests failed in the model (InvocationFailures) in 5 minutes. Check the objects under the endpoint's failure path and the error topic's messages for the error, and the container logs in /aws/sagemaker/Endpoints/scorer.`,
        ),
        failureCounter(
            variant,
            "ExpiredRequests",
            "expired-requests",
            `${where}: one or more requests expired in the queue before an instance took them (ExpiredRequests) in 5 minutes. Check the backlog and capacity alarms, the variants' maxCapacity, and the RequestTTLSeconds callers pass to InvokeEndpointAsync (default 6 hours).`,
        ),
        failureCounter(
            variant,
            "RequestDownloadFailures",
            "request-download-failures",
            `${where}: one or more request payloads could not be downloaded from S3 (RequestDownloadFailures) in 5 minutes. Check that the objects exist at the InputLocation callers passed, that the execution role may s3:GetObject them and kms:Decrypt their key, and the bucket policy.`,
        ),
        failureCounter(
            variant,
            "ResponseUploadFailures",
            "response-upload-failures",
            `${where}: one or more results could not be written to S3 (ResponseUploadFailures) in 5 minutes. Check that the output and failure buckets exist and the execution role may s3:PutObject to both paths and use the output KMS key.`,
        ),
        failureCounter(
            variant,
            "NotificationFailures",
            "notification-failures",
            `${where}: one or more success or error notifications could not be published to SNS (NotificationFailures) in 5 minutes. Check that both topics exist, the execution role may sns:Publish to them and use the topic KMS key, and the topic policies.`,
        ),
    ];
}

describe("async alarm definitions", () => {
    it("on by default: the three endpoint-level alarms once, the five failure counters per variant", () => {
        assert.deepStrictEqual(buildAsyncAlarmDefinitions("scorer", ["AllTraffic"]), [
            BACKLOG_SIZE,
            OLDEST_AGE,
            NO_CAPACITY,
            ...variantFailures("AllTraffic"),
        ]);
    });

    it("one failure alarm per variant with EndpointName and VariantName; backlog alarms stay on EndpointName only", () => {
        const definitions = buildAsyncAlarmDefinitions("scorer", ["blue", "green"]);
        assert.deepStrictEqual(
            definitions.map((d) => [d.alarmName, d.dimensions]),
            [
                ["scorer-ApproximateBacklogSize", { EndpointName: "scorer" }],
                ["scorer-ApproximateAgeOfOldestRequest", { EndpointName: "scorer" }],
                ["scorer-HasBacklogWithoutCapacity", { EndpointName: "scorer" }],
                ...[
                    "InvocationFailures",
                    "ExpiredRequests",
                    "RequestDownloadFailures",
                    "ResponseUploadFailures",
                    "NotificationFailures",
                ].flatMap((m) => [
                    [`scorer-blue-${m}`, { EndpointName: "scorer", VariantName: "blue" }],
                    [`scorer-green-${m}`, { EndpointName: "scorer", VariantName: "green" }],
                ]),
            ],
        );
    });

    it("thresholds override, false removes the alarm", () => {
        const definitions = buildAsyncAlarmDefinitions("scorer", ["AllTraffic"], {
            maxBacklogSize: 7,
            maxOldestRequestAgeSeconds: false,
            maxBacklogWithoutCapacitySeconds: 300,
            maxInvocationFailures: 3,
            maxExpiredRequests: false,
            maxRequestDownloadFailures: false,
            maxResponseUploadFailures: false,
            maxNotificationFailures: false,
        });
        assert.deepStrictEqual(
            definitions.map((d) => [d.alarmName, d.threshold, d.evaluationPeriods, d.datapointsToAlarm]),
            [
                ["scorer-ApproximateBacklogSize", 7, 5, 5],
                ["scorer-HasBacklogWithoutCapacity", 1, 5, 5],
                ["scorer-AllTraffic-InvocationFailures", 3, 1, 1],
            ],
        );
        assert.strictEqual(
            definitions[2].description,
            "Variant AllTraffic of async endpoint scorer: more than 3 requests failed in the model (InvocationFailures) in 5 minutes. Check the objects under the endpoint's failure path and the error topic's messages for the error, and the container logs in /aws/sagemaker/Endpoints/scorer.",
        );
    });

    it("additional alarms take their dimensions from the metric and documented defaults for the rest", () => {
        const definitions = buildAsyncAlarmDefinitions("scorer", ["blue", "green"], {
            maxBacklogSize: false,
            maxOldestRequestAgeSeconds: false,
            maxBacklogWithoutCapacitySeconds: false,
            maxInvocationFailures: false,
            maxExpiredRequests: false,
            maxRequestDownloadFailures: false,
            maxResponseUploadFailures: false,
            maxNotificationFailures: false,
            additional: [
                { metricName: "ApproximateBacklogSizePerInstance", threshold: 20 },
                {
                    metricName: "TotalProcessingTime",
                    threshold: 60000,
                    statistic: "Maximum",
                    periodSeconds: 300,
                    evaluationPeriods: 3,
                    datapointsToAlarm: 2,
                    treatMissingData: "ignore",
                    comparisonOperator: "GreaterThanOrEqualToThreshold",
                    description: "Slow.",
                },
            ],
        });
        assert.deepStrictEqual(definitions, [
            {
                id: "additional-0-approximate-backlog-size-per-instance",
                alarmName: "scorer-ApproximateBacklogSizePerInstance-additional-0",
                description: "Async endpoint scorer: ApproximateBacklogSizePerInstance (Average) GreaterThanThreshold 20.",
                namespace: NS,
                metricName: "ApproximateBacklogSizePerInstance",
                dimensions: { EndpointName: "scorer" },
                statistic: "Average",
                periodSeconds: 60,
                evaluationPeriods: 1,
                datapointsToAlarm: 1,
                threshold: 20,
                comparisonOperator: "GreaterThanThreshold",
                treatMissingData: "notBreaching",
            },
            ...["blue", "green"].map((variant) => ({
                id: `additional-1-total-processing-time-${variant}`,
                alarmName: `scorer-${variant}-TotalProcessingTime-additional-1`,
                description: "Slow.",
                namespace: NS,
                metricName: "TotalProcessingTime",
                dimensions: { EndpointName: "scorer", VariantName: variant },
                statistic: "Maximum" as const,
                periodSeconds: 300,
                evaluationPeriods: 3,
                datapointsToAlarm: 2,
                threshold: 60000,
                comparisonOperator: "GreaterThanOrEqualToThreshold" as const,
                treatMissingData: "ignore" as const,
            })),
        ]);
    });

    it("every built-in alarm fits CloudWatch's limits, names included, at the longest endpoint and variant names", () => {
        const endpoint = "e".repeat(54);
        const variant = "v".repeat(63);
        const definitions = buildAsyncAlarmDefinitions(endpoint, [variant], {
            maxBacklogWithoutCapacitySeconds: 86400,
            additional: [{ metricName: "InvocationsProcesssed", threshold: 0 }],
        });
        assert.deepStrictEqual(definitions.flatMap(alarmDefinitionProblems), []);
        assert.deepStrictEqual(
            definitions.map((d) => d.alarmName.length <= 255),
            definitions.map(() => true),
        );
    });

    it("alarmDefinitionProblems names each broken limit", () => {
        assert.deepStrictEqual(
            alarmDefinitionProblems({
                ...BACKLOG_SIZE,
                alarmName: "x".repeat(256),
                periodSeconds: 45,
                evaluationPeriods: 5,
                datapointsToAlarm: 6,
                threshold: Number.NaN,
            }),
            [
                { field: "alarmName", reason: `must be 1-255 characters (got 256: "${"x".repeat(256)}")` },
                { field: "periodSeconds", reason: "must be 10, 30 or a positive multiple of 60 seconds (got 45)" },
                { field: "datapointsToAlarm", reason: "must be an integer from 1 to evaluationPeriods (5) (got 6)" },
                { field: "threshold", reason: "must be a finite number (got NaN)" },
            ],
        );
        assert.deepStrictEqual(
            alarmDefinitionProblems({ ...BACKLOG_SIZE, periodSeconds: 3600, evaluationPeriods: 25, datapointsToAlarm: 1 }),
            [{ field: "evaluationPeriods", reason: "period x evaluation periods must be at most 86400 seconds (got 3600 x 25 = 90000)" }],
        );
    });

    it("metricAlarmArgs: a definition plus its actions is exactly the MetricAlarm's inputs", () => {
        assert.deepStrictEqual(
            metricAlarmArgs(OLDEST_AGE, {
                alarmActions: ["arn:aws:sns:us-east-1:123456789012:alarms"],
                okActions: ["arn:aws:sns:us-east-1:123456789012:alarms"],
                tags: { team: "ml" },
            }),
            {
                name: "scorer-ApproximateAgeOfOldestRequest",
                alarmDescription: OLDEST_AGE.description,
                namespace: NS,
                metricName: "ApproximateAgeOfOldestRequest",
                dimensions: { EndpointName: "scorer" },
                statistic: "Maximum",
                period: 60,
                evaluationPeriods: 1,
                datapointsToAlarm: 1,
                threshold: 1800,
                comparisonOperator: "GreaterThanThreshold",
                treatMissingData: "notBreaching",
                alarmActions: ["arn:aws:sns:us-east-1:123456789012:alarms"],
                okActions: ["arn:aws:sns:us-east-1:123456789012:alarms"],
                tags: { team: "ml" },
            },
        );
    });
});
