import * as assert from "assert";
import { actionsFor, topicWiring } from "../../../components/core/alarms/alarmActions";
import { AlarmDefinition, MetricMathAlarmDefinition } from "../../../components/core/alarms/alarmDefinition";
import { alarmDefinitionProblems, periodForMetricRule } from "../../../components/core/alarms/alarmLimits";
import { alarmId, alarmName } from "../../../components/core/alarms/alarmNames";
import { metricAlarmArgs } from "../../../components/core/alarms/declareMetricAlarms";
import { resolveSetting } from "../../../components/core/alarms/thresholdAlarms";
import { alarmActionsProblems } from "../../../components/core/alarms/validateAlarmActions";
import { thresholdSettingProblems } from "../../../components/core/alarms/validateThresholdSetting";
import { buildAsyncAlarmDefinitions } from "../../../components/asyncEndpoint/alarms/asyncAlarms";
import { ProblemCollector } from "../../../components/core/validation/problems";
import { metricPublishIntervalSeconds } from "../../../domain/sageMakerMetrics";

const TOPIC = "arn:aws:sns:us-east-1:123456789012:alarms";
const PAGER = "arn:aws:sns:us-east-1:123456789012:pager";
const CHAT = "arn:aws:sns:us-east-1:123456789012:chat";

const LATENCY: AlarmDefinition = {
    id: "model-latency-p99-AllTraffic",
    alarmName: "churn-AllTraffic-ModelLatencyP99",
    description: "Slow.",
    namespace: "AWS/SageMaker",
    metricName: "ModelLatency",
    dimensions: { EndpointName: "churn", VariantName: "AllTraffic" },
    statistic: "p99",
    periodSeconds: 60,
    evaluationPeriods: 5,
    datapointsToAlarm: 3,
    threshold: 1000000,
    comparisonOperator: "GreaterThanThreshold",
    treatMissingData: "notBreaching",
    key: "maxModelLatencyP99Microseconds",
};

const RATE: MetricMathAlarmDefinition = {
    id: "rate",
    alarmName: "churn-AllTraffic-Invocation4XXErrorRate-warning",
    description: "Callers send bad requests.",
    expression: "IF(invocations > 0, 100 * errors / invocations, 0)",
    expressionLabel: "4XX %",
    metrics: [
        {
            id: "errors",
            namespace: "AWS/SageMaker",
            metricName: "Invocation4XXErrors",
            dimensions: { EndpointName: "churn" },
            statistic: "Sum",
        },
        {
            id: "invocations",
            namespace: "AWS/SageMaker",
            metricName: "Invocations",
            dimensions: { EndpointName: "churn" },
            statistic: "Sum",
        },
    ],
    periodSeconds: 30,
    evaluationPeriods: 5,
    datapointsToAlarm: 3,
    threshold: 5,
    comparisonOperator: "GreaterThanThreshold",
    treatMissingData: "notBreaching",
    level: "warning",
};

describe("alarm framework", () => {
    it("one naming strategy: <scope>[-<variant>]-<measure>[-warning], ids in kebab case", () => {
        assert.deepStrictEqual(
            [
                alarmName({ scope: "churn", variant: "blue", measure: "ModelLatencyP99" }),
                alarmName({ scope: "churn", variant: "blue", measure: "ModelLatencyP99", level: "warning" }),
                alarmName({ scope: "churn", measure: "ApproximateBacklogSize", level: "critical" }),
                alarmName({ scope: "forwarder-dlq", measure: "visible" }),
                alarmId({ variant: "blue", measure: "ModelLatencyP99", level: "warning" }),
                alarmId({ measure: "Invocation5XXErrors" }),
            ],
            [
                "churn-blue-ModelLatencyP99",
                "churn-blue-ModelLatencyP99-warning",
                "churn-ApproximateBacklogSize",
                "forwarder-dlq-visible",
                "model-latency-p99-blue-warning",
                "invocation5-xx-errors",
            ],
        );
    });

    it("one action strategy: the stack topic on ALARM and OK, plus the endpoint's extra actions of the alarm's level", () => {
        const wiring = topicWiring(TOPIC, { team: "ml" }, { critical: [PAGER], warning: [CHAT] });
        assert.deepStrictEqual(wiring, {
            alarmActions: [TOPIC, PAGER],
            okActions: [TOPIC, PAGER],
            warning: { alarmActions: [TOPIC, CHAT], okActions: [TOPIC, CHAT] },
            tags: { team: "ml" },
        });
        assert.deepStrictEqual(actionsFor(wiring, undefined), { alarmActions: [TOPIC, PAGER], okActions: [TOPIC, PAGER] });
        assert.deepStrictEqual(actionsFor(wiring, "warning"), { alarmActions: [TOPIC, CHAT], okActions: [TOPIC, CHAT] });
        assert.deepStrictEqual(actionsFor({ alarmActions: [TOPIC], tags: {} }, "warning"), { alarmActions: [TOPIC], okActions: [] });
    });

    it("metricAlarmArgs: a percentile is an extendedStatistic", () => {
        assert.deepStrictEqual(metricAlarmArgs(LATENCY, topicWiring(TOPIC, {})), {
            name: "churn-AllTraffic-ModelLatencyP99",
            alarmDescription: "Slow.",
            namespace: "AWS/SageMaker",
            metricName: "ModelLatency",
            dimensions: { EndpointName: "churn", VariantName: "AllTraffic" },
            extendedStatistic: "p99",
            period: 60,
            evaluationPeriods: 5,
            datapointsToAlarm: 3,
            threshold: 1000000,
            comparisonOperator: "GreaterThanThreshold",
            treatMissingData: "notBreaching",
            alarmActions: [TOPIC],
            okActions: [TOPIC],
            tags: {},
        });
    });

    it("metricAlarmArgs: metric math is metricQueries, the expression returning data, with the warning level's actions", () => {
        assert.deepStrictEqual(metricAlarmArgs(RATE, topicWiring(TOPIC, {}, { warning: [CHAT] })), {
            name: "churn-AllTraffic-Invocation4XXErrorRate-warning",
            alarmDescription: "Callers send bad requests.",
            metricQueries: [
                {
                    id: "errors",
                    metric: {
                        namespace: "AWS/SageMaker",
                        metricName: "Invocation4XXErrors",
                        dimensions: { EndpointName: "churn" },
                        period: 30,
                        stat: "Sum",
                    },
                    returnData: false,
                },
                {
                    id: "invocations",
                    metric: {
                        namespace: "AWS/SageMaker",
                        metricName: "Invocations",
                        dimensions: { EndpointName: "churn" },
                        period: 30,
                        stat: "Sum",
                    },
                    returnData: false,
                },
                { id: "expression", expression: "IF(invocations > 0, 100 * errors / invocations, 0)", label: "4XX %", returnData: true },
            ],
            evaluationPeriods: 5,
            datapointsToAlarm: 3,
            threshold: 5,
            comparisonOperator: "GreaterThanThreshold",
            treatMissingData: "notBreaching",
            alarmActions: [TOPIC, CHAT],
            okActions: [TOPIC, CHAT],
            tags: {},
        });
    });

    it("a SEARCH expression and a runbook past 1024 characters are builder bugs", () => {
        assert.deepStrictEqual(
            alarmDefinitionProblems({
                ...RATE,
                expression: "SUM(SEARCH('{AWS/SageMaker,EndpointName} MetricName=\"Invocations\"', 'Sum', 60))",
            }),
            [
                {
                    field: "expression",
                    reason: "must not use SEARCH(): CloudWatch alarms cannot evaluate it (got \"SUM(SEARCH('{AWS/SageMaker,EndpointName} MetricName=\"Invocations\"', 'Sum', 60))\")",
                },
            ],
        );
        assert.deepStrictEqual(alarmDefinitionProblems({ ...LATENCY, description: "x".repeat(1025) }), [
            { field: "description", reason: "must be 1-1024 characters (got 1025)" },
        ]);
    });

    it("resolveSetting: a number is critical, false is nothing, levels come critical first with their period", () => {
        assert.deepStrictEqual(resolveSetting(undefined, 5), { levels: [["critical", 5]] });
        assert.deepStrictEqual(resolveSetting(false, 5), { levels: [] });
        assert.deepStrictEqual(resolveSetting({ warning: 60, critical: 70, periodSeconds: 10 }, 5), {
            levels: [
                ["critical", 70],
                ["warning", 60],
            ],
            periodSeconds: 10,
        });
        assert.deepStrictEqual(resolveSetting({ warning: 60 }, 5), { levels: [["warning", 60]] });
    });

    it("publish intervals: utilization follows the frequency, invocation metrics only with enhanced metrics on a real-time endpoint", () => {
        const fast = { enhancedMetrics: true, publishFrequencySeconds: 10 };
        const plain = { enhancedMetrics: false, publishFrequencySeconds: 10 };
        assert.deepStrictEqual(
            [
                metricPublishIntervalSeconds("realtime", "/aws/sagemaker/Endpoints", "DiskUtilization", plain),
                metricPublishIntervalSeconds("realtime", "AWS/SageMaker", "ModelLatency", fast),
                metricPublishIntervalSeconds("realtime", "AWS/SageMaker", "ModelLatency", plain),
                metricPublishIntervalSeconds("async", "AWS/SageMaker", "ModelLatency", fast),
                metricPublishIntervalSeconds("async", "AWS/SageMaker", "ApproximateBacklogSize", fast),
            ],
            [10, 10, 60, 60, 60],
        );
    });

    it("periodForMetricRule: a period shorter than the metric's publish interval names the interval and what is allowed", () => {
        assert.strictEqual(periodForMetricRule(60, 60, "ModelLatency"), undefined);
        assert.strictEqual(periodForMetricRule(10, 10, "ModelLatency"), undefined);
        assert.strictEqual(
            periodForMetricRule(10, 60, "ModelLatency"),
            "must be at least 60 seconds: ModelLatency is published every 60 seconds here, so a 10-second period would mostly see no data " +
                "(allowed: a multiple of 60; high-resolution periods need metrics.publishFrequencySeconds 10 or 30, and for invocation metrics of a real-time endpoint metrics.enhancedMetrics true)",
        );
        assert.strictEqual(
            periodForMetricRule(10, 30, "CPUUtilization"),
            "must be at least 30 seconds: CPUUtilization is published every 30 seconds here, so a 10-second period would mostly see no data " +
                "(allowed: 30 or a multiple of 60; high-resolution periods need metrics.publishFrequencySeconds 10 or 30, and for invocation metrics of a real-time endpoint metrics.enhancedMetrics true)",
        );
        assert.match(periodForMetricRule(60, 120, "CPUUtilization")!, /\(allowed: a multiple of 60 from 120;/);
    });

    it("thresholdSettingProblems: levels in order, known keys only, each level by the alarm's rule, the period by its rule", () => {
        const problems = new ProblemCollector();
        const rule = {
            allowed: "a number from 0 to 100",
            valid: (v: number) => v <= 100,
            period: (p: number) => (p < 60 ? "too fine" : undefined),
        };
        thresholdSettingProblems(problems, "alarms.maxDiskUtilizationPercent", { warning: 80, critical: 70, periodSeconds: 10 }, rule);
        thresholdSettingProblems(problems, "alarms.a", { critical: 101, extra: 1 }, rule);
        thresholdSettingProblems(problems, "alarms.b", {}, rule);
        thresholdSettingProblems(problems, "alarms.c", 150, rule);
        thresholdSettingProblems(problems, "alarms.d", "70", { allowed: "an integer >= 0", valid: () => true });
        thresholdSettingProblems(
            problems,
            "alarms.e",
            { critical: 1, periodSeconds: 60 },
            { allowed: "an integer >= 0", valid: () => true },
        );
        thresholdSettingProblems(problems, "alarms.f", { critical: 5, periodSeconds: 45 }, rule);
        assert.deepStrictEqual(problems.list(), [
            {
                propertyPath: "alarms.maxDiskUtilizationPercent.warning",
                reason: "must be below critical (70), so the warning comes first (got 80)",
            },
            { propertyPath: "alarms.maxDiskUtilizationPercent.periodSeconds", reason: "too fine" },
            { propertyPath: "alarms.a.extra", reason: "is not a setting of this alarm; allowed: critical, warning, periodSeconds" },
            { propertyPath: "alarms.a.critical", reason: "must be a number from 0 to 100 (got 101)" },
            { propertyPath: "alarms.b", reason: "must set critical, warning or both (or be false to remove the alarm)" },
            {
                propertyPath: "alarms.c",
                reason: "must be a number from 0 to 100, or false to remove the alarm, or { critical, warning, periodSeconds } (got 150)",
            },
            {
                propertyPath: "alarms.d",
                reason: 'must be a threshold (a number), false to remove the alarm, or { critical, warning } (got "70")',
            },
            { propertyPath: "alarms.e.periodSeconds", reason: "is not a setting of this alarm; allowed: critical, warning" },
            { propertyPath: "alarms.f.periodSeconds", reason: "must be 10, 30 or a positive multiple of 60 seconds (got 45)" },
        ]);
    });

    it("alarmActionsProblems: levels only, at most 4 SNS topics each", () => {
        const problems = new ProblemCollector();
        alarmActionsProblems(problems, "alarms.actions", {
            critical: [PAGER, "arn:aws:sqs:us-east-1:123456789012:q"],
            warning: Array(5).fill(CHAT),
            info: [],
        });
        alarmActionsProblems(problems, "x", "pager");
        assert.deepStrictEqual(
            problems.list().map((p) => p.propertyPath),
            ["alarms.actions.info", "alarms.actions.critical[1]", "alarms.actions.warning", "x"],
        );
        assert.strictEqual(
            problems.list()[2].reason,
            "must be a list of at most 4 SNS topic ARNs: CloudWatch allows 5 actions per state and the stack topic is one (got 5 entries)",
        );
        assert.match(problems.list()[1].reason, /sns/);
    });

    it("async thresholds take levels: the warning alarm is named -warning and its runbook says Warning", () => {
        const definitions = buildAsyncAlarmDefinitions("scorer", ["AllTraffic"], {
            maxBacklogSize: { warning: 50, critical: 100 },
            maxOldestRequestAgeSeconds: false,
            maxBacklogWithoutCapacitySeconds: false,
            maxInvocationFailures: false,
            maxExpiredRequests: false,
            maxRequestDownloadFailures: false,
            maxResponseUploadFailures: false,
            maxNotificationFailures: false,
        });
        assert.deepStrictEqual(
            definitions.map((d) => [d.id, d.alarmName, d.threshold, d.level, d.key, d.description.slice(0, 40)]),
            [
                [
                    "approximate-backlog-size",
                    "scorer-ApproximateBacklogSize",
                    100,
                    undefined,
                    "maxBacklogSize",
                    "Async endpoint scorer: more than 100 req",
                ],
                [
                    "approximate-backlog-size-warning",
                    "scorer-ApproximateBacklogSize-warning",
                    50,
                    "warning",
                    "maxBacklogSize",
                    "Warning: Async endpoint scorer: more tha",
                ],
            ],
        );
    });
});
