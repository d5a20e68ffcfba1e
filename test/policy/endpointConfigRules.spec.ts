import * as assert from "assert";
import { STACK_PATH_TAG } from "../../domain/stackPathTag";
import { endpointConfigKms } from "../../policy/rules/endpointConfigKms";
import { enhancedMetricsEnabled } from "../../policy/rules/enhancedMetrics";
import { CLASSIC_ENDPOINT_CONFIG, classicEndpointConfig, NATIVE_ENDPOINT_CONFIG, nativeEndpointConfig } from "./fixtures";
import { runResourcePolicy, withField, withoutField, withUnknown } from "./harness";

const none = { kind: "violations", messages: [] };
/** Messages name the endpoint config (its physical name) first. */
const only = (subject: string, message: string) => ({ kind: "violations", messages: [`Endpoint config "${subject}": ${message}`] });
const native = (props: Record<string, any>) => ({ type: NATIVE_ENDPOINT_CONFIG, name: "config", props });
const classic = (props: Record<string, any>) => ({ type: CLASSIC_ENDPOINT_CONFIG, name: "config", props });

describe("endpoint-config-kms", () => {
    it("passes both compliant baselines", () => {
        assert.deepStrictEqual(runResourcePolicy(endpointConfigKms, native(nativeEndpointConfig())), none);
        assert.deepStrictEqual(runResourcePolicy(endpointConfigKms, classic(classicEndpointConfig())), none);
    });

    it("aws-native: kmsKeyId missing on an EBS-backed instance type", () => {
        assert.deepStrictEqual(
            runResourcePolicy(endpointConfigKms, native(withoutField(nativeEndpointConfig(), "kmsKeyId"))),
            only(
                "realtime-config",
                "kmsKeyId is not set, so the ML storage volumes of AllTraffic (ml.m5.xlarge) are not encrypted with a customer-managed KMS key. Remediation: set kmsKeyId to the ARN of a customer-managed KMS key.",
            ),
        );
    });

    it("classic: kmsKeyArn missing on an EBS-backed instance type", () => {
        assert.deepStrictEqual(
            runResourcePolicy(endpointConfigKms, classic(withoutField(classicEndpointConfig(), "kmsKeyArn"))),
            only(
                "classic-config",
                "kmsKeyArn is not set, so the ML storage volumes of AllTraffic (ml.m5.xlarge) are not encrypted with a customer-managed KMS key. Remediation: set kmsKeyArn to the ARN of a customer-managed KMS key.",
            ),
        );
    });

    it("a volume key with an NVMe instance type (ml.g5) is a violation: AWS rejects it", () => {
        assert.deepStrictEqual(
            runResourcePolicy(
                endpointConfigKms,
                native(withField(nativeEndpointConfig(), "productionVariants[0].instanceType", "ml.g5.xlarge")),
            ),
            only(
                "realtime-config",
                "kmsKeyId is set, but AllTraffic (ml.g5.xlarge) use local NVMe instance storage, which the instance hardware encrypts; AWS rejects a volume KMS key for such instance types. Remediation: remove kmsKeyId from this endpoint config.",
            ),
        );
    });

    it("no volume key with an NVMe instance type passes (ml.p4d, classic)", () => {
        const props = withoutField(
            withField(classicEndpointConfig(), "productionVariants[0].instanceType", "ml.p4d.24xlarge"),
            "kmsKeyArn",
        );
        assert.deepStrictEqual(runResourcePolicy(endpointConfigKms, classic(props)), none);
    });

    it("one NVMe shadow variant is enough for AWS to reject the key", () => {
        const props = withField(nativeEndpointConfig(), "shadowProductionVariants", [
            { variantName: "Shadow", modelName: "model", instanceType: "ml.g6.xlarge", initialInstanceCount: 1 },
        ]);
        assert.deepStrictEqual(
            runResourcePolicy(endpointConfigKms, native(props)),
            only(
                "realtime-config",
                "kmsKeyId is set, but Shadow (ml.g6.xlarge) use local NVMe instance storage, which the instance hardware encrypts; AWS rejects a volume KMS key for such instance types. Remediation: remove kmsKeyId from this endpoint config.",
            ),
        );
    });
});

describe("endpoint-config-kms during preview", () => {
    it("a volume key created in the same stack (unknown until deployment) counts as set: the rule runs", () => {
        assert.deepStrictEqual(runResourcePolicy(endpointConfigKms, native(withUnknown(nativeEndpointConfig(), "kmsKeyId"))), none);
        assert.deepStrictEqual(
            runResourcePolicy(
                endpointConfigKms,
                native(withField(withUnknown(nativeEndpointConfig(), "kmsKeyId"), "productionVariants[0].instanceType", "ml.g5.xlarge")),
            ),
            only(
                "realtime-config",
                "kmsKeyId is set, but AllTraffic (ml.g5.xlarge) use local NVMe instance storage, which the instance hardware encrypts; AWS rejects a volume KMS key for such instance types. Remediation: remove kmsKeyId from this endpoint config.",
            ),
        );
    });

    it("a config name unknown until deployment: the message names the resource and its component instead", () => {
        const props = withUnknown(withoutField(nativeEndpointConfig(), "kmsKeyId"), "endpointConfigName");
        const resource = {
            ...native(props),
            name: "churn-dev-config",
            parentUrn: "urn:pulumi:dev::sagemaker-monitoring::sagemaker-monitoring:endpoint:RealtimeEndpoint::churn-dev",
        };
        assert.deepStrictEqual(runResourcePolicy(endpointConfigKms, resource), {
            kind: "violations",
            messages: [
                'Endpoint config resource "churn-dev-config" of RealtimeEndpoint "churn-dev": kmsKeyId is not set, so the ML storage volumes of AllTraffic (ml.m5.xlarge) are not encrypted with a customer-managed KMS key. ' +
                    "Remediation: set kmsKeyId to the ARN of a customer-managed KMS key.",
            ],
        });
    });
});

describe("enhanced-metrics-enabled", () => {
    it("passes the aws-native baseline", () => {
        assert.deepStrictEqual(runResourcePolicy(enhancedMetricsEnabled, native(nativeEndpointConfig())), none);
    });

    it("classic EndpointConfiguration cannot comply: @pulumi/aws has no metricsConfig", () => {
        assert.deepStrictEqual(
            runResourcePolicy(enhancedMetricsEnabled, classic(classicEndpointConfig())),
            only(
                "classic-config",
                "aws:sagemaker/endpointConfiguration:EndpointConfiguration cannot enable enhanced metrics: @pulumi/aws has no metricsConfig. " +
                    "Remediation: declare this endpoint config as aws-native:sagemaker:EndpointConfig and set metricsConfig.enableEnhancedMetrics to true and metricsConfig.metricPublishFrequencyInSeconds to one of 10, 30, 60.",
            ),
        );
    });

    it("enableEnhancedMetrics false", () => {
        assert.deepStrictEqual(
            runResourcePolicy(
                enhancedMetricsEnabled,
                native(withField(nativeEndpointConfig(), "metricsConfig.enableEnhancedMetrics", false)),
            ),
            only(
                "realtime-config",
                "metricsConfig.enableEnhancedMetrics is false, not true. Remediation: set metricsConfig.enableEnhancedMetrics to true and metricsConfig.metricPublishFrequencyInSeconds to one of 10, 30, 60.",
            ),
        );
    });

    it("metricsConfig missing", () => {
        assert.deepStrictEqual(
            runResourcePolicy(enhancedMetricsEnabled, native(withoutField(nativeEndpointConfig(), "metricsConfig"))),
            only(
                "realtime-config",
                "metricsConfig.enableEnhancedMetrics is not set, not true. Remediation: set metricsConfig.enableEnhancedMetrics to true and metricsConfig.metricPublishFrequencyInSeconds to one of 10, 30, 60.",
            ),
        );
    });

    it("frequency 300 above the default maximum 60", () => {
        assert.deepStrictEqual(
            runResourcePolicy(
                enhancedMetricsEnabled,
                native(withField(nativeEndpointConfig(), "metricsConfig.metricPublishFrequencyInSeconds", 300)),
            ),
            only(
                "realtime-config",
                "metricsConfig.metricPublishFrequencyInSeconds is 300, above the allowed maximum of 60 seconds. Remediation: set metricsConfig.metricPublishFrequencyInSeconds to one of 10, 30, 60.",
            ),
        );
    });

    it("an omitted frequency is SageMaker's default 60: fine for maximum 60, a violation for maximum 30", () => {
        const props = withoutField(nativeEndpointConfig(), "metricsConfig.metricPublishFrequencyInSeconds");
        assert.deepStrictEqual(runResourcePolicy(enhancedMetricsEnabled, native(props)), none);
        assert.deepStrictEqual(
            runResourcePolicy(enhancedMetricsEnabled, native(props), { config: { maximumPublishFrequencySeconds: 30 } }),
            only(
                "realtime-config",
                "metricsConfig.metricPublishFrequencyInSeconds is not set (SageMaker default 60), above the allowed maximum of 30 seconds. Remediation: set metricsConfig.metricPublishFrequencyInSeconds to one of 10, 30.",
            ),
        );
    });

    it("a configured maximum of 300 accepts 300", () => {
        const props = withField(nativeEndpointConfig(), "metricsConfig.metricPublishFrequencyInSeconds", 300);
        assert.deepStrictEqual(
            runResourcePolicy(enhancedMetricsEnabled, native(props), { config: { maximumPublishFrequencySeconds: 300 } }),
            none,
        );
    });

    it("an unknown frequency during preview is not a violation", () => {
        assert.deepStrictEqual(
            runResourcePolicy(
                enhancedMetricsEnabled,
                native(withUnknown(nativeEndpointConfig(), "metricsConfig.metricPublishFrequencyInSeconds")),
            ),
            { kind: "unknown", message: "string value at .metricsConfig.metricPublishFrequencyInSeconds can't be known during preview" },
        );
    });
});

describe("endpoint config rules name the stack-file key of a tagged endpoint config", () => {
    const tagged = (props: Record<string, any>) => withField(props, "tags", [{ key: STACK_PATH_TAG, value: "endpoints.1" }]);

    it("endpoint-config-kms: volumeKmsKeyArn; enhanced-metrics-enabled: the metrics block", () => {
        assert.deepStrictEqual(
            [
                runResourcePolicy(endpointConfigKms, native(tagged(withoutField(nativeEndpointConfig(), "kmsKeyId")))),
                runResourcePolicy(
                    enhancedMetricsEnabled,
                    native(tagged(withField(nativeEndpointConfig(), "metricsConfig.enableEnhancedMetrics", false))),
                ),
            ],
            [
                only(
                    "realtime-config",
                    "kmsKeyId is not set, so the ML storage volumes of AllTraffic (ml.m5.xlarge) are not encrypted with a customer-managed KMS key. " +
                        "Remediation: set kmsKeyId to the ARN of a customer-managed KMS key (stack file: sagemaker-monitoring:endpoints[1].volumeKmsKeyArn).",
                ),
                only(
                    "realtime-config",
                    "metricsConfig.enableEnhancedMetrics is false, not true. Remediation: set metricsConfig.enableEnhancedMetrics to true and metricsConfig.metricPublishFrequencyInSeconds to one of 10, 30, 60 " +
                        "(stack file: sagemaker-monitoring:endpoints[1].metrics.enhancedMetrics or sagemaker-monitoring:endpoints[1].metrics.publishFrequencySeconds).",
                ),
            ],
        );
    });
});
