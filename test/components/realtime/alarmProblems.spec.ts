import * as assert from "assert";
import { configProblems, loadConfig } from "../../support/stackConfig";

const IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
const NS = "sagemaker-monitoring";
const realtime = { name: "rt", model: { image: IMAGE }, instanceType: "ml.m5.large" };
const asyncEntry = { name: "scorer", kind: "async", model: { image: IMAGE }, instanceType: "ml.m5.large" };

describe("stack config: alarm input errors, all at once", () => {
    it("a high-resolution period on a metric published every 60 s, thresholds out of range, warning above critical", () => {
        assert.deepStrictEqual(
            configProblems({
                endpoints: [
                    {
                        ...realtime,
                        metrics: { enhancedMetrics: false, publishFrequencySeconds: 10 },
                        alarms: {
                            maxModelLatencyP99Microseconds: { critical: 500000, periodSeconds: 10 },
                            maxDiskUtilizationPercent: { warning: 80, critical: 70, periodSeconds: 10 },
                            maxCpuUtilizationPercent: 120,
                            maxInvocation4XXErrorRatePercent: -1,
                            maxOverheadLatencyP99Microseconds: 0,
                            actions: { critical: ["arn:aws:sns:us-east-1:123456789012:pager"] },
                        },
                    },
                ],
            }),
            [
                {
                    propertyPath: `${NS}:endpoints[0].alarms.maxInvocation4XXErrorRatePercent`,
                    reason: "must be a number from 0 to 100, or false to remove the alarm, or { critical, warning, periodSeconds } (got -1)",
                },
                {
                    propertyPath: `${NS}:endpoints[0].alarms.maxModelLatencyP99Microseconds.periodSeconds`,
                    reason:
                        "must be at least 60 seconds: ModelLatency is published every 60 seconds here, so a 10-second period would mostly see no data " +
                        "(allowed: a multiple of 60; high-resolution periods need metrics.publishFrequencySeconds 10 or 30, and for invocation metrics of a real-time endpoint metrics.enhancedMetrics true)",
                },
                {
                    propertyPath: `${NS}:endpoints[0].alarms.maxOverheadLatencyP99Microseconds`,
                    reason: "must be a number > 0, or false to remove the alarm, or { critical, warning, periodSeconds } (got 0)",
                },
                {
                    propertyPath: `${NS}:endpoints[0].alarms.maxCpuUtilizationPercent`,
                    reason: "must be a number from 0 to 100, or false to remove the alarm, or { critical, warning, periodSeconds } (got 120)",
                },
                {
                    propertyPath: `${NS}:endpoints[0].alarms.maxDiskUtilizationPercent.warning`,
                    reason: "must be below critical (70), so the warning comes first (got 80)",
                },
            ],
        );
    });

    it("a metric the endpoint kind never publishes, rollback on async, the other kind's blocks", () => {
        assert.deepStrictEqual(
            configProblems({
                endpoints: [
                    {
                        ...asyncEntry,
                        alarms: {
                            maxOverheadLatencyP99Microseconds: 100000,
                            additional: [{ metricName: "ModelLatency", threshold: 1, periodSeconds: 30 }],
                        },
                        autoRollback: { alarms: ["maxBacklogSize"] },
                    },
                    { ...realtime, alarms: { additional: [] } },
                ],
            }),
            [
                {
                    propertyPath: `${NS}:endpoints[0].autoRollback`,
                    reason: 'is only valid with kind: realtime (this endpoint\'s kind is "async")',
                },
                {
                    propertyPath: `${NS}:endpoints[0].alarms.maxOverheadLatencyP99Microseconds`,
                    reason:
                        "is an alarm of real-time endpoints on OverheadLatency, which asynchronous endpoints never publish, so it would never fire; alarms of asynchronous endpoints: " +
                        "maxBacklogSize, maxOldestRequestAgeSeconds, maxBacklogWithoutCapacitySeconds, maxInvocationFailures, maxExpiredRequests, maxRequestDownloadFailures, maxResponseUploadFailures, maxNotificationFailures",
                },
                {
                    propertyPath: `${NS}:endpoints[0].alarms.additional[0].periodSeconds`,
                    reason:
                        "must be at least 60 seconds: ModelLatency is published every 60 seconds here, so a 30-second period would mostly see no data " +
                        "(allowed: a multiple of 60; high-resolution periods need metrics.publishFrequencySeconds 10 or 30, and for invocation metrics of a real-time endpoint metrics.enhancedMetrics true)",
                },
                {
                    propertyPath: `${NS}:endpoints[1].alarms.additional`,
                    reason: "is only valid on asynchronous endpoints (kind: async); a real-time endpoint's alarms are the thresholds above",
                },
            ],
        );
    });

    it("10-second periods are accepted where the endpoint publishes every 10 s, and parse as written", () => {
        const entry = {
            ...realtime,
            metrics: { enhancedMetrics: true, publishFrequencySeconds: 10 },
            alarms: {
                maxModelLatencyP99Microseconds: { critical: 500000, periodSeconds: 10 },
                maxDiskUtilizationPercent: { critical: 70, periodSeconds: 10 },
            },
            autoRollback: { alarms: ["maxModelLatencyP99Microseconds"], trafficShifting: "LINEAR", stepPercent: 25 },
        };
        assert.deepStrictEqual(loadConfig({ endpoints: [entry] }).endpoints, [{ ...entry, kind: "realtime" }]);
    });
});
