import * as assert from "assert";
import { AnyAlarmDefinition } from "../../../components/core/alarms/alarmDefinition";
import { ENDPOINT_ALARM_KEYS } from "../../../components/core/alarms/alarmKeys";
import { alarmDefinitionProblems } from "../../../components/core/alarms/alarmLimits";
import { metricAlarmArgs } from "../../../components/core/alarms/declareMetricAlarms";
import { REALTIME_ALARM_DEFAULTS } from "../../../components/realtimeEndpoint/alarms/realtimeAlarmArgs";
import { buildRealtimeAlarmDefinitions, watchedMetric } from "../../../components/realtimeEndpoint/alarms/realtimeAlarms";
import { RealtimeEndpoint } from "../../../components/realtimeEndpoint/RealtimeEndpoint";
import { declared, ofType } from "../../support/pulumiMocks";

const NS = "AWS/SageMaker";
const INSTANCE_NS = "/aws/sagemaker/Endpoints";
const DIMS = { EndpointName: "llm", VariantName: "AllTraffic" };
const WHERE = "Variant AllTraffic of real-time endpoint llm";
const COMMON = { comparisonOperator: "GreaterThanThreshold", treatMissingData: "notBreaching" } as const;
const PUBLISH_60 = { enhancedMetrics: true, publishFrequencySeconds: 60 };
const TOPIC = "arn:aws:sns:us-east-1:123456789012:alarms";
const IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";

function utilization(key: string, metricName: string, percent: number, scale: number, explain: string, check: string): AnyAlarmDefinition {
    const id = metricName
        .replace(/([a-z])([A-Z])/g, "$1-$2")
        .replace(/([A-Z])([A-Z][a-z])/g, "$1-$2")
        .toLowerCase();
    return {
        id: `${id}-AllTraffic`,
        alarmName: `llm-AllTraffic-${metricName}`,
        description: `${WHERE}: ${explain} of its busiest instance has been above ${percent} % (${metricName}, maximum) for 5 60-second periods. Check ${check}`,
        namespace: INSTANCE_NS,
        metricName,
        dimensions: DIMS,
        statistic: "Maximum",
        periodSeconds: 60,
        evaluationPeriods: 5,
        datapointsToAlarm: 5,
        threshold: percent * scale,
        ...COMMON,
        key,
    };
}

/** Every default alarm of a variant on ml.g5.12xlarge (48 vCPUs, 4 GPUs), published every 60 s. */
const G5_DEFAULTS: AnyAlarmDefinition[] = [
    {
        id: "invocation5-xx-errors-AllTraffic",
        alarmName: "llm-AllTraffic-Invocation5XXErrors",
        description:
            `${WHERE}: requests were answered with a 5xx error (Invocation5XXErrors) in a 60-second period: the model container failed or was unreachable. ` +
            "Check the container logs in /aws/sagemaker/Endpoints/llm for exceptions and restarts, MemoryUtilization, and whether a deployment just started (roll it back).",
        namespace: NS,
        metricName: "Invocation5XXErrors",
        dimensions: DIMS,
        statistic: "Sum",
        periodSeconds: 60,
        threshold: 0,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        ...COMMON,
        key: "maxInvocation5XXErrorsPerMinute",
    },
    {
        id: "invocation4-xx-error-rate-AllTraffic",
        alarmName: "llm-AllTraffic-Invocation4XXErrorRate",
        description:
            `${WHERE}: more than 5 % of requests were refused with a 4xx error (Invocation4XXErrors / Invocations) in 3 of 5 60-second periods. ` +
            "Check the callers' payloads and content types against the model's input contract, recent client releases, and the container logs in /aws/sagemaker/Endpoints/llm for the validation errors.",
        expression: "IF(invocations > 0, 100 * errors / invocations, 0)",
        expressionLabel: "Invocation4XXErrors per Invocations (%)",
        metrics: [
            { id: "errors", namespace: NS, metricName: "Invocation4XXErrors", statistic: "Sum", dimensions: DIMS },
            { id: "invocations", namespace: NS, metricName: "Invocations", statistic: "Sum", dimensions: DIMS },
        ],
        periodSeconds: 60,
        threshold: 5,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        ...COMMON,
        key: "maxInvocation4XXErrorRatePercent",
    },
    {
        id: "model-latency-p99-AllTraffic",
        alarmName: "llm-AllTraffic-ModelLatencyP99",
        description:
            `${WHERE}: the 99th percentile of ModelLatency has been above 1000000 microseconds (1000 ms) in 3 of 5 60-second periods. ` +
            "Check CPUUtilization, GPUUtilization and InvocationsPerInstance for saturation (add instances), request payload sizes, and whether a new model version is slower.",
        namespace: NS,
        metricName: "ModelLatency",
        dimensions: DIMS,
        statistic: "p99",
        periodSeconds: 60,
        threshold: 1000000,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        ...COMMON,
        key: "maxModelLatencyP99Microseconds",
    },
    {
        id: "overhead-latency-p99-AllTraffic",
        alarmName: "llm-AllTraffic-OverheadLatencyP99",
        description:
            `${WHERE}: the 99th percentile of OverheadLatency (time SageMaker adds around the model) has been above 100000 microseconds (100 ms) in 3 of 5 60-second periods. ` +
            "Check request and response payload sizes, the request rate, and the AWS Health Dashboard for SageMaker in this region.",
        namespace: NS,
        metricName: "OverheadLatency",
        dimensions: DIMS,
        statistic: "p99",
        periodSeconds: 60,
        threshold: 100000,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        ...COMMON,
        key: "maxOverheadLatencyP99Microseconds",
    },
    utilization(
        "maxCpuUtilizationPercent",
        "CPUUtilization",
        90,
        48,
        "CPU use (percent of all vCPUs; CloudWatch sums 100 per vCPU)",
        "InvocationsPerInstance and ModelLatency; add instances (or raise the variant's scaling maxCapacity) or choose a larger instance type.",
    ),
    utilization(
        "maxMemoryUtilizationPercent",
        "MemoryUtilization",
        90,
        1,
        "Memory use",
        "the container logs for out-of-memory restarts and the model's size against the instance's memory; choose a larger instance type or fewer workers.",
    ),
    utilization(
        "maxDiskUtilizationPercent",
        "DiskUtilization",
        70,
        1,
        "Disk use",
        "what fills the disk (model artifacts, temporary files, logs written to the volume). Data Capture stops capturing when the disk is nearly full, and AWS advises staying under 75 %: " +
            "free space or raise the variant's volume size before capture stops.",
    ),
    utilization(
        "maxGpuUtilizationPercent",
        "GPUUtilization",
        90,
        4,
        "GPU use (percent of all GPUs; CloudWatch sums 100 per GPU)",
        "InvocationsPerInstance and ModelLatency for saturation; add instances or choose an instance type with more GPUs.",
    ),
    utilization(
        "maxGpuMemoryUtilizationPercent",
        "GPUMemoryUtilization",
        90,
        4,
        "GPU memory use (percent of all GPUs' memory; CloudWatch sums 100 per GPU)",
        "the model's memory footprint and batch sizes; choose an instance type with more GPU memory.",
    ),
];

// The alarm target as the component resolves it from the GPU catalogue (variantAlarmTarget).
const G5 = [{ variantName: "AllTraffic", instanceType: "ml.g5.12xlarge", gpus: 4 }];

describe("real-time alarm definitions", () => {
    it("on by default per variant: 5xx, 4xx rate, p99 latencies, CPU, memory and disk, and GPU where the instance has GPUs; InvocationsPerInstance off", () => {
        assert.deepStrictEqual(buildRealtimeAlarmDefinitions("llm", G5, PUBLISH_60), G5_DEFAULTS);
    });

    it("CPU instances get no GPU alarms; CPU thresholds scale with the vCPUs of each variant's type", () => {
        const definitions = buildRealtimeAlarmDefinitions(
            "churn",
            [
                { variantName: "champion", instanceType: "ml.m5.large" },
                { variantName: "challenger", instanceType: "ml.c5.4xlarge" },
            ],
            PUBLISH_60,
        );
        assert.deepStrictEqual(
            definitions.map((d) => [d.alarmName, d.threshold]),
            [
                ...["champion", "challenger"].flatMap((v) => [[`churn-${v}-Invocation5XXErrors`, 0]]),
                ...["champion", "challenger"].map((v) => [`churn-${v}-Invocation4XXErrorRate`, 5]),
                ...["champion", "challenger"].map((v) => [`churn-${v}-ModelLatencyP99`, 1000000]),
                ...["champion", "challenger"].map((v) => [`churn-${v}-OverheadLatencyP99`, 100000]),
                ["churn-champion-CPUUtilization", 180],
                ["churn-challenger-CPUUtilization", 1440],
                ...["champion", "challenger"].map((v) => [`churn-${v}-MemoryUtilization`, 90]),
                ...["champion", "challenger"].map((v) => [`churn-${v}-DiskUtilization`, 70]),
            ],
        );
    });

    it("levels, false, a ceiling per minute scaled to the period, and 10-second periods where the metric is published every 10 s", () => {
        const definitions = buildRealtimeAlarmDefinitions(
            "churn",
            [{ variantName: "AllTraffic", instanceType: "ml.m5.xlarge" }],
            { enhancedMetrics: true, publishFrequencySeconds: 10 },
            {
                maxInvocation5XXErrorsPerMinute: { critical: 6, periodSeconds: 10 },
                maxInvocation4XXErrorRatePercent: false,
                maxModelLatencyP99Microseconds: false,
                maxOverheadLatencyP99Microseconds: false,
                maxCpuUtilizationPercent: false,
                maxMemoryUtilizationPercent: false,
                maxDiskUtilizationPercent: { warning: 60, critical: 70 },
                maxInvocationsPerInstancePerMinute: { critical: 600, periodSeconds: 30 },
            },
        );
        assert.deepStrictEqual(
            definitions.map((d) => [d.alarmName, d.periodSeconds, d.threshold, d.level, d.description.split(":")[0]]),
            [
                ["churn-AllTraffic-Invocation5XXErrors", 10, 1, undefined, "Variant AllTraffic of real-time endpoint churn"],
                ["churn-AllTraffic-DiskUtilization", 60, 70, undefined, "Variant AllTraffic of real-time endpoint churn"],
                ["churn-AllTraffic-DiskUtilization-warning", 60, 60, "warning", "Warning"],
                ["churn-AllTraffic-InvocationsPerInstance", 30, 300, undefined, "Variant AllTraffic of real-time endpoint churn"],
            ],
        );
    });

    it("a slow publish frequency lengthens the default period: no period shorter than the metric's interval", () => {
        const definitions = buildRealtimeAlarmDefinitions("churn", [{ variantName: "v", instanceType: "ml.m5.large" }], {
            enhancedMetrics: false,
            publishFrequencySeconds: 300,
        });
        assert.deepStrictEqual(
            definitions.map((d) => [d.alarmName.replace("churn-v-", ""), d.periodSeconds]),
            [
                ["Invocation5XXErrors", 60],
                ["Invocation4XXErrorRate", 60],
                ["ModelLatencyP99", 60],
                ["OverheadLatencyP99", 60],
                ["CPUUtilization", 300],
                ["MemoryUtilization", 300],
                ["DiskUtilization", 300],
            ],
        );
    });

    it("the alarm keys table lists each real-time key with the metric it watches", () => {
        assert.deepStrictEqual(Object.keys(ENDPOINT_ALARM_KEYS.realtime), Object.keys(REALTIME_ALARM_DEFAULTS));
        for (const [key, metricName] of Object.entries(ENDPOINT_ALARM_KEYS.realtime)) {
            assert.strictEqual(watchedMetric(key as keyof typeof REALTIME_ALARM_DEFAULTS).metricName, metricName);
        }
    });

    it("every alarm fits CloudWatch's limits at the longest endpoint and variant names, with both levels", () => {
        const definitions = buildRealtimeAlarmDefinitions(
            "e".repeat(54),
            [{ variantName: "v".repeat(63), instanceType: "ml.p4d.24xlarge", gpus: 8 }],
            PUBLISH_60,
            { maxDiskUtilizationPercent: { warning: 60, critical: 70 }, maxInvocationsPerInstancePerMinute: 1000 },
        );
        assert.strictEqual(definitions.length, 11);
        assert.deepStrictEqual(definitions.flatMap(alarmDefinitionProblems), []);
    });

    it("RealtimeEndpoint declares each alarm with exactly its definition's MetricAlarm inputs and the topic on ALARM and OK", async () => {
        const resources = await declared(
            () =>
                new RealtimeEndpoint("llm", {
                    model: { image: IMAGE },
                    instanceType: "ml.g5.12xlarge",
                    captureDestination: {
                        bucketName: "capture",
                        prefix: "datacapture",
                        kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/e0000002-0000-4000-8000-000000000002",
                    },
                    alarmTopicArn: TOPIC,
                    tags: { team: "ml" },
                    stackName: "dev",
                }),
        );
        const tags = { team: "ml", "sagemaker-monitoring:component": "realtime-endpoint" };
        assert.deepStrictEqual(
            Object.fromEntries(ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm").map((r) => [r.name, r.inputs])),
            Object.fromEntries(
                G5_DEFAULTS.map((d) => [
                    `llm-alarm-${d.id}`,
                    JSON.parse(JSON.stringify(metricAlarmArgs(d, { alarmActions: [TOPIC], okActions: [TOPIC], tags }))),
                ]),
            ),
        );
    });
});
