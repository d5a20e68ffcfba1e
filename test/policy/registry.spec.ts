import * as assert from "assert";
import type { ResourceValidation, StackValidation } from "@pulumi/policy";
import { evaluatePolicyPack } from "../../tools/synth/policy/offline";
import { PolicyConfigError } from "../../policy/policyConfigError";
import { ruleMetadata, rules } from "../../policy/rules";
import { makeResourceValidationArgs, makeStackValidationArgs } from "../../tools/synth/policy/validationArgs";
import { compliantStack, replaceResource, synthResource } from "./fixtures";
import { withField, withoutField } from "./harness";

describe("rule registry", () => {
    it("lists every rule once, kebab-case, with kind, default level and severity", () => {
        assert.deepStrictEqual(
            ruleMetadata.map(({ name, kind, defaultEnforcementLevel, severity, configProperties }) => [
                name,
                kind,
                defaultEnforcementLevel,
                severity,
                configProperties.join(","),
            ]),
            [
                ["data-capture-enabled", "resource", "mandatory", "critical", ""],
                ["data-capture-sampling-100", "resource", "mandatory", "high", "minimumSamplingPercentage"],
                ["data-capture-input-and-output", "resource", "mandatory", "high", ""],
                ["data-capture-content-types", "resource", "mandatory", "medium", ""],
                ["data-capture-kms", "resource", "mandatory", "high", ""],
                ["data-capture-config-in-stack", "stack", "mandatory", "high", ""],
                ["data-capture-exemptions", "stack", "advisory", "high", "exemptions"],
                ["endpoint-config-kms", "resource", "mandatory", "high", ""],
                ["enhanced-metrics-enabled", "resource", "mandatory", "medium", "maximumPublishFrequencySeconds"],
                ["async-endpoint-backlog-alarms", "stack", "mandatory", "high", ""],
                ["async-endpoint-no-invocation-metrics", "stack", "mandatory", "high", ""],
                ["gpu-endpoint-free-gpu-alarm", "stack", "mandatory", "medium", ""],
                ["alarm-dimensions-match-endpoint", "stack", "mandatory", "medium", ""],
                ["endpoint-rollback-alarms-exist", "stack", "mandatory", "high", ""],
                ["capture-bucket-encrypted-private-tls", "stack", "mandatory", "critical", ""],
                ["iam-no-wildcards", "resource", "mandatory", "high", ""],
                ["forwarder-has-dlq", "stack", "mandatory", "high", ""],
                ["s3-notifications-no-overlap", "stack", "mandatory", "high", ""],
                ["dataset-encrypted", "stack", "mandatory", "critical", "externalBuckets"],
                ["dataset-connector-read-only", "stack", "mandatory", "critical", ""],
                ["min-instance-count", "resource", "mandatory", "high", "enabled,minimumInstanceCount"],
                ["min-scaling-capacity", "stack", "mandatory", "high", "enabled,minimumCapacity,allowScaleToZeroForAsync"],
                ["model-network-isolation-and-vpc", "resource", "mandatory", "high", "enabled"],
                ["allowed-instance-types", "resource", "mandatory", "medium", "enabled,allowedInstanceTypes"],
            ],
        );
        assert.ok(
            ruleMetadata.every(
                ({ name, description, remediation }) =>
                    /^[a-z0-9]+(-[a-z0-9]+)*$/.test(name) && description.length > 0 && remediation.length > 0,
            ),
        );
    });

    it("each configurable policy publishes its config spec's JSON schema", () => {
        assert.deepStrictEqual(
            rules.map(({ policy, config }) => policy.configSchema === config?.configSchema),
            rules.map(() => true),
        );
    });

    it("every registered policy checks its whole config on every run, as the CLI's schema check cannot (no additionalProperties)", () => {
        const outcome = (name: string, properties: Record<string, unknown>) => {
            const { policy } = rules.find((rule) => rule.policy.name === name)!;
            try {
                if ("validateStack" in policy) {
                    (policy.validateStack as StackValidation)(makeStackValidationArgs([], properties), () => undefined);
                } else {
                    const resource = {
                        type: "aws:s3/bucket:Bucket",
                        name: "b",
                        urn: "urn:pulumi:test::p::aws:s3/bucket:Bucket::b",
                        props: {},
                    };
                    (policy.validateResource as ResourceValidation)(makeResourceValidationArgs(resource, properties), () => undefined);
                }
                return "ran";
            } catch (e) {
                return e instanceof PolicyConfigError ? e.message : `other: ${(e as Error).message}`;
            }
        };
        assert.deepStrictEqual(
            [
                outcome("data-capture-sampling-100", { minimumSamplingPercentage: 100, minimumSampling: 90 }),
                outcome("iam-no-wildcards", { strict: true }),
                outcome("forwarder-has-dlq", { queues: 1 }),
                outcome("enhanced-metrics-enabled", { maximumPublishFrequencySeconds: 45 }),
            ],
            [
                'Invalid policy pack config (1 problem):\n  - data-capture-sampling-100.minimumSampling: unknown property; did you mean "minimumSamplingPercentage"? (allowed: enforcementLevel, minimumSamplingPercentage)',
                "Invalid policy pack config (1 problem):\n  - iam-no-wildcards.strict: unknown property (allowed: enforcementLevel)",
                "Invalid policy pack config (1 problem):\n  - forwarder-has-dlq.queues: unknown property (allowed: enforcementLevel)",
                "Invalid policy pack config (1 problem):\n  - enhanced-metrics-enabled.maximumPublishFrequencySeconds: must be one of 10, 30, 60, 120, 180, 240, 300 (got 45)",
            ],
        );
    });

    it("every rule fires on a stack broken in one place per rule, and every message carries its remediation", () => {
        let stack = compliantStack();
        const change = (name: string, path: string, value: unknown) =>
            (stack = replaceResource(stack, name, (r) => ({
                ...r,
                inputs: withField(r.inputs, path, value),
                outputs: withField(r.outputs, path, value),
            })));
        const remove = (name: string) => (stack = replaceResource(stack, name, () => undefined));
        change("realtime-config", "dataCaptureConfig.initialSamplingPercentage", 10);
        change("realtime-config", "dataCaptureConfig.captureOptions", []);
        change("realtime-config", "dataCaptureConfig.kmsKeyId", "");
        change("realtime-config", "dataCaptureConfig.captureContentTypeHeader", {});
        change("realtime-config", "kmsKeyId", "");
        change("realtime-config", "metricsConfig.enableEnhancedMetrics", false);
        change("realtime-config", "productionVariants[0].initialInstanceCount", 1);
        change("realtime-config", "productionVariants[0].instanceType", "ml.p3.2xlarge");
        change("realtime-config", "dataCaptureConfig.enableCapture", "false");
        stack = replaceResource(stack, "async-config", (r) => ({
            ...r,
            inputs: withoutField(r.inputs, "dataCaptureConfig"),
            outputs: withoutField(r.outputs, "dataCaptureConfig"),
        }));
        change(
            "async-backlog-tracking",
            "targetTrackingScalingPolicyConfiguration.customizedMetricSpecification.metricName",
            "InvocationsPerInstance",
        );
        change("realtime-latency", "alarmActions", []);
        change("capture-bucket-public-access", "blockPublicAcls", false);
        change("sagemaker-execution", "policy", '{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}');
        change("capture-forwarder", "environment.variables", {});
        change("capture-bucket-notification", "lambdaFunctions[1]", {
            lambdaFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:x",
            events: ["s3:ObjectCreated:Put"],
        });
        change("model", "enableNetworkIsolation", false);
        change("realtime-endpoint", "deploymentConfig.autoRollbackConfiguration.alarms", [{ alarmName: "no-such-alarm" }]);
        change("dataset-workgroup", "configuration.enforceWorkgroupConfiguration", false);
        change("arthur-connector-role", "managedPolicyArns", ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]);
        remove("async-oldest-request");
        remove("async-scale-from-zero");
        // An endpoint on an endpoint config outside the stack, and one exempted violation.
        stack = [
            ...stack,
            synthResource("aws-native:sagemaker:Endpoint", "external-endpoint", {
                endpointName: "external-endpoint",
                endpointConfigName: "made-elsewhere",
            }),
        ];
        const violations = evaluatePolicyPack(stack, {
            "data-capture-exemptions": {
                exemptions: [{ endpoint: "async-config", rule: "data-capture-enabled", reason: "test", expires: "2099-12-31" }],
            },
            "min-instance-count": { enabled: true },
            "min-scaling-capacity": { enabled: true },
            "model-network-isolation-and-vpc": { enabled: true },
            "allowed-instance-types": { enabled: true, allowedInstanceTypes: ["ml.m5.xlarge"] },
        });
        assert.deepStrictEqual([...new Set(violations.map((v) => v.policy))].sort(), ruleMetadata.map((r) => r.name).sort());
        assert.deepStrictEqual(
            violations.filter((v) => !/ Remediation: \S/.test(v.message)),
            [],
        );
    });
});
