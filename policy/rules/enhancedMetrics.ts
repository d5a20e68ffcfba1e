/**
 * enhanced-metrics-enabled: per-instance and per-GPU metrics need MetricsConfig with enhanced
 * metrics on, published at least as often as the configured maximum period.
 */
import { defineRuleConfig, oneOfNumbers, readRuleConfig } from "../ruleConfig";
import { TYPES } from "../resourceTypes";
import { DEFAULT_METRIC_PUBLISH_FREQUENCY_SECONDS, METRIC_PUBLISH_FREQUENCIES } from "../../domain/sageMakerMetrics";
import { stackFileKeysOf } from "../stackFileKeys";
import { PackResourcePolicy, RuleDefinition, show, validateInstanceEndpointConfig, violation } from "./ruleKit";

const enhancedMetricsConfig = defineRuleConfig({
    maximumPublishFrequencySeconds: oneOfNumbers(
        METRIC_PUBLISH_FREQUENCIES,
        DEFAULT_METRIC_PUBLISH_FREQUENCY_SECONDS,
        "Longest allowed metricsConfig.metricPublishFrequencyInSeconds.",
    ),
});

export const enhancedMetricsEnabled: PackResourcePolicy = {
    name: "enhanced-metrics-enabled",
    description: "Endpoint configs must enable enhanced metrics, published at least every maximumPublishFrequencySeconds (default 60).",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps:
        "Use aws-native:sagemaker:EndpointConfig and set metricsConfig.enableEnhancedMetrics to true with " +
        "metricsConfig.metricPublishFrequencyInSeconds at or below the pack's maximumPublishFrequencySeconds.",
    configSchema: enhancedMetricsConfig.configSchema,
    validateResource: validateInstanceEndpointConfig((config, args, reportViolation) => {
        const { maximumPublishFrequencySeconds: maximum } = readRuleConfig(
            enhancedMetricsEnabled.name,
            enhancedMetricsConfig,
            args.getConfig(),
        );
        const allowed = METRIC_PUBLISH_FREQUENCIES.filter((f) => f <= maximum).join(", ");
        const stackFile = stackFileKeysOf(args.urn, args.props);
        const fix = `set metricsConfig.enableEnhancedMetrics to true and metricsConfig.metricPublishFrequencyInSeconds to one of ${allowed}.`;
        if (!config.supportsMetricsConfig) {
            reportViolation(
                violation(
                    `${TYPES.classicEndpointConfig} cannot enable enhanced metrics: @pulumi/aws has no metricsConfig.`,
                    `declare this endpoint config as ${TYPES.nativeEndpointConfig} and ${fix}`,
                ),
            );
            return;
        }
        const metrics = config.metricsConfig;
        if (metrics?.enableEnhancedMetrics !== true) {
            reportViolation(
                violation(
                    `metricsConfig.enableEnhancedMetrics is ${show(metrics?.enableEnhancedMetrics)}, not true.`,
                    fix,
                    stackFile(["metrics.enhancedMetrics", "metrics.publishFrequencySeconds"]),
                ),
            );
            return;
        }
        const frequency = metrics.metricPublishFrequencyInSeconds;
        const effective = frequency === undefined ? DEFAULT_METRIC_PUBLISH_FREQUENCY_SECONDS : frequency;
        if (typeof effective !== "number" || effective > maximum) {
            const shown =
                frequency === undefined ? `not set (SageMaker default ${DEFAULT_METRIC_PUBLISH_FREQUENCY_SECONDS})` : show(frequency);
            reportViolation(
                violation(
                    `metricsConfig.metricPublishFrequencyInSeconds is ${shown}, above the allowed maximum of ${maximum} seconds.`,
                    `set metricsConfig.metricPublishFrequencyInSeconds to one of ${allowed}.`,
                    stackFile(["metrics.publishFrequencySeconds"]),
                ),
            );
        }
    }),
};

export const enhancedMetricsRules: RuleDefinition[] = [{ policy: enhancedMetricsEnabled, config: enhancedMetricsConfig }];
