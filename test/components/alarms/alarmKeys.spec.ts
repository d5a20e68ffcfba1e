import * as assert from "assert";
import { ENDPOINT_ALARM_KEYS, foreignAlarmKeyProblems } from "../../../components/core/alarms/alarmKeys";
import { ASYNC_ALARM_DEFAULTS } from "../../../components/asyncEndpoint/alarms/asyncAlarmArgs";
import { buildAsyncAlarmDefinitions } from "../../../components/asyncEndpoint/alarms/asyncAlarms";
import { buildComponentAlarmDefinitions } from "../../../components/inferenceComponentEndpoint/componentAlarms";
import { isMetricMath } from "../../../components/core/alarms/alarmDefinition";

describe("endpoint alarm keys", () => {
    it("the async keys are the async catalog's, each with the metric its alarm watches", () => {
        const watched = Object.fromEntries(buildAsyncAlarmDefinitions("e", ["v"]).map((d) => [d.key, d.metricName]));
        assert.deepStrictEqual(ENDPOINT_ALARM_KEYS.async, watched);
        assert.deepStrictEqual(Object.keys(ENDPOINT_ALARM_KEYS.async), Object.keys(ASYNC_ALARM_DEFAULTS));
    });

    it("a real-time key on an async endpoint names the metric async endpoints never publish", () => {
        assert.deepStrictEqual(
            foreignAlarmKeyProblems(
                { maxOverheadLatencyP99Microseconds: 1000, maxBacklogSize: 5, maxCpuUtilizationPercent: undefined },
                "async",
            ),
            [
                {
                    propertyPath: "alarms.maxOverheadLatencyP99Microseconds",
                    reason:
                        "is an alarm of real-time endpoints on OverheadLatency, which asynchronous endpoints never publish, so it would never fire; " +
                        "alarms of asynchronous endpoints: maxBacklogSize, maxOldestRequestAgeSeconds, maxBacklogWithoutCapacitySeconds, maxInvocationFailures, maxExpiredRequests, maxRequestDownloadFailures, maxResponseUploadFailures, maxNotificationFailures",
                },
            ],
        );
    });

    it("the inference-component keys are those the inference-component builder declares, each with the metric it watches", () => {
        const definitions = buildComponentAlarmDefinitions({
            endpointName: "e",
            target: { variantName: "AllTraffic", instanceType: "ml.g5.12xlarge", gpus: 4 },
            components: [{ name: "c", physicalName: "e-c" }],
            publish: { enhancedMetrics: true, publishFrequencySeconds: 60 },
        });
        const watched = Object.fromEntries(definitions.map((d) => [d.key, isMetricMath(d) ? d.metrics[0].metricName : d.metricName]));
        assert.deepStrictEqual(watched, ENDPOINT_ALARM_KEYS["inference-components"]);
    });
});
