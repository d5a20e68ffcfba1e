import * as aws from "@pulumi/aws";
import * as assert from "assert";
import {
    evaluatePolicyPack,
    evaluateRules,
    hasMandatoryViolation,
    PolicyConfigError,
    PolicyViolation,
} from "../../tools/synth/policy/offline";
import { MANDATORY_CAPTURE_RULES } from "../../policy/mandatoryCapture";
import { UNKNOWN_VALUE } from "../../policy/policySdkInternals";
import { defineRuleConfig, integerInRange, readRuleConfig } from "../../policy/ruleConfig";
import { PackResourcePolicy, PackStackPolicy, RuleDefinition } from "../../policy/rules/ruleKit";

import { changeField, compliantStack, PROD_RULES_ON, replaceResource, synthResource } from "./fixtures";
import { declared, TEST_PROJECT, TEST_STACK } from "../support/pulumiMocks";
import { withField, withoutField } from "./harness";

const SAMPLING_50_MESSAGE =
    'Endpoint config "realtime-config": dataCaptureConfig.initialSamplingPercentage is 50, below the required minimum of 100. Remediation: set dataCaptureConfig.initialSamplingPercentage to 100.';

describe("evaluatePolicyPack", () => {
    it("the compliant stack has no violation, with and without the prod rules", () => {
        assert.deepStrictEqual(evaluatePolicyPack(compliantStack(), undefined), []);
        assert.deepStrictEqual(evaluatePolicyPack(compliantStack(), PROD_RULES_ON), []);
    });

    it("sampling 50 is a mandatory data-capture-sampling-100 violation naming the endpoint config", () => {
        const violations = evaluatePolicyPack(
            changeField(compliantStack(), "realtime-config", "dataCaptureConfig.initialSamplingPercentage", 50),
            undefined,
        );
        assert.deepStrictEqual(violations, [
            {
                policy: "data-capture-sampling-100",
                enforcementLevel: "mandatory",
                type: "aws-native:sagemaker:EndpointConfig",
                name: "realtime-config",
                message: SAMPLING_50_MESSAGE,
            },
        ]);
        assert.strictEqual(hasMandatoryViolation(violations), true);
    });

    it("Input-only capture is data-capture-input-and-output; no content types is data-capture-content-types", () => {
        const inputOnly = changeField(compliantStack(), "realtime-config", "dataCaptureConfig.captureOptions", [{ captureMode: "Input" }]);
        const noTypes = replaceResource(compliantStack(), "async-config", (r) => ({
            ...r,
            inputs: withoutField(r.inputs, "dataCaptureConfig.captureContentTypeHeader"),
        }));
        assert.deepStrictEqual(
            [...evaluatePolicyPack(inputOnly, undefined), ...evaluatePolicyPack(noTypes, undefined)].map(({ policy, name }) => ({
                policy,
                name,
            })),
            [
                { policy: "data-capture-input-and-output", name: "realtime-config" },
                { policy: "data-capture-content-types", name: "async-config" },
            ],
        );
    });

    it("enforcement levels: advisory is reported but not blocking, remediate counts as mandatory, disabled and all=disabled skip", () => {
        // A rule outside the mandatory capture rules: the pack config may set its level.
        const stack = changeField(compliantStack(), "realtime-config", "metricsConfig.enableEnhancedMetrics", false);
        const levels = (config: unknown) => evaluatePolicyPack(stack, config).map((v) => v.enforcementLevel);
        const mandatoryCapture = Object.fromEntries(MANDATORY_CAPTURE_RULES.map((name) => [name, "mandatory"]));
        assert.deepStrictEqual(levels({ "enhanced-metrics-enabled": "advisory" }), ["advisory"]);
        assert.strictEqual(hasMandatoryViolation(evaluatePolicyPack(stack, { "enhanced-metrics-enabled": "advisory" })), false);
        assert.deepStrictEqual(levels({ "enhanced-metrics-enabled": { enforcementLevel: "remediate" } }), ["mandatory"]);
        assert.deepStrictEqual(levels({ "enhanced-metrics-enabled": "disabled" }), []);
        assert.deepStrictEqual(levels({ all: "disabled", ...mandatoryCapture }), []);
        assert.deepStrictEqual(levels({ all: "advisory", ...mandatoryCapture }), ["advisory"]);
    });

    it("prod rules report only when switched on", () => {
        const stack = changeField(compliantStack(), "realtime-config", "productionVariants[0].initialInstanceCount", 1);
        assert.deepStrictEqual(evaluatePolicyPack(stack, undefined), []);
        assert.deepStrictEqual(
            evaluatePolicyPack(stack, {
                "min-instance-count": { enabled: true },
                "min-scaling-capacity": { enabled: true, allowScaleToZeroForAsync: true },
            }),
            [
                {
                    policy: "min-instance-count",
                    enforcementLevel: "mandatory",
                    type: "aws-native:sagemaker:EndpointConfig",
                    name: "realtime-config",
                    message:
                        'Endpoint config "realtime-config": productionVariants[0].initialInstanceCount of variant "AllTraffic" is 1, below the required minimum of 2. ' +
                        "Remediation: set productionVariants[0].initialInstanceCount to 2 or more.",
                },
            ],
        );
    });

    it("sorts by type, name, policy and message", () => {
        let stack = changeField(compliantStack(), "realtime-config", "dataCaptureConfig.initialSamplingPercentage", 50);
        stack = changeField(stack, "realtime-config", "dataCaptureConfig.kmsKeyId", "");
        stack = changeField(stack, "async-backlog", "alarmActions", []);
        assert.deepStrictEqual(
            evaluatePolicyPack(stack, undefined).map(({ type, name, policy }) => [type, name, policy]),
            [
                ["aws-native:sagemaker:EndpointConfig", "realtime-config", "data-capture-kms"],
                ["aws-native:sagemaker:EndpointConfig", "realtime-config", "data-capture-sampling-100"],
                ["aws:cloudwatch/metricAlarm:MetricAlarm", "async-backlog", "alarm-dimensions-match-endpoint"],
            ],
        );
    });

    it("an unknown value yields one advisory 'can't run during preview' entry, not a violation", () => {
        const stack = replaceResource(compliantStack(), "realtime-config", (r) => ({
            ...r,
            inputs: withField(r.inputs, "dataCaptureConfig.initialSamplingPercentage", UNKNOWN_VALUE),
        }));
        const violations = evaluatePolicyPack(stack, undefined);
        assert.deepStrictEqual(violations, [
            {
                policy: "data-capture-sampling-100",
                enforcementLevel: "advisory",
                type: "aws-native:sagemaker:EndpointConfig",
                name: "realtime-config",
                message:
                    "can't run policy 'data-capture-sampling-100' during preview: string value at .dataCaptureConfig.initialSamplingPercentage can't be known during preview",
            },
        ]);
        assert.strictEqual(hasMandatoryViolation(violations), false);
    });

    it("bad config throws PolicyConfigError before any rule runs", () => {
        assert.throws(
            () => evaluatePolicyPack(compliantStack(), { "data-capture-sampling-100": { minimumSamplingPercentage: 101 } }),
            (e: unknown) =>
                e instanceof PolicyConfigError &&
                e.message ===
                    "Invalid policy pack config (1 problem):\n  - data-capture-sampling-100.minimumSamplingPercentage: must be 100 (got 101)",
        );
    });
});

describe("evaluateRules (engine semantics on rules under test)", () => {
    const seen: string[] = [];
    const probeConfig = defineRuleConfig({ threshold: integerInRange(0, 10, 3, "test threshold") });
    const resourceProbe: PackResourcePolicy = {
        name: "resource-probe",
        description: "Reports what a resource rule sees.",
        enforcementLevel: "mandatory",
        severity: "low",
        remediationSteps: "none",
        configSchema: probeConfig.configSchema,
        validateResource: (args, reportViolation) => {
            if (args.type !== "test:index:Thing") {
                return args.notApplicable("not a Thing");
            }
            const { threshold } = readRuleConfig("resource-probe", probeConfig, args.getConfig());
            reportViolation(
                `props ${JSON.stringify(Object.keys(args.props))} threshold ${threshold} tag ${args.stackTags.get("env")} parent ${args.opts.parent}`,
            );
        },
    };
    const stackProbe: PackStackPolicy = {
        name: "stack-probe",
        description: "Reports without a URN, with an unknown URN, and sees outputs.",
        enforcementLevel: "advisory",
        severity: "low",
        remediationSteps: "none",
        validateStack: (args, reportViolation) => {
            seen.push(...args.resources.map((r) => `${r.name}:${Object.keys(r.props).join(",")}:${r.parent?.name ?? "-"}`));
            reportViolation("whole stack");
            reportViolation("elsewhere", "urn:pulumi:test::proj::aws:s3/bucket:Bucket$aws:s3/bucketPolicy:BucketPolicy::ghost");
        },
    };
    const rules: RuleDefinition[] = [{ policy: resourceProbe, config: probeConfig }, { policy: stackProbe }];

    it("resource rules see inputs, config with defaults, stack tags and the parent URN; stack rules see outputs", () => {
        const parent = synthResource("test:index:Component", "parent", {});
        const thing = { ...synthResource("test:index:Thing", "thing", { size: 1 }), parent: "parent", parentUrn: parent.urn };
        seen.length = 0;
        const violations = evaluateRules(
            rules,
            [parent, thing],
            { "resource-probe": { threshold: 5 } },
            { stackName: "dev", stackTags: { env: "dev" } },
        );
        const expected: PolicyViolation[] = [
            {
                policy: "stack-probe",
                enforcementLevel: "advisory",
                type: "aws:s3/bucketPolicy:BucketPolicy",
                name: "ghost",
                message: "elsewhere",
            },
            { policy: "stack-probe", enforcementLevel: "advisory", type: "pulumi:pulumi:Stack", name: "dev", message: "whole stack" },
            {
                policy: "resource-probe",
                enforcementLevel: "mandatory",
                type: "test:index:Thing",
                name: "thing",
                message: `props ["size"] threshold 5 tag dev parent ${parent.urn}`,
            },
        ];
        assert.deepStrictEqual(violations, expected);
        assert.deepStrictEqual(seen, ["parent:id,arn:-", "thing:size,id,arn:parent"]);
    });

    it("stack rules get dependencies and propertyDependencies as resources, as the engine resolves them (URNs outside the stack dropped)", () => {
        const parent = synthResource("test:index:Component", "parent", {});
        const thing = {
            ...synthResource("test:index:Thing", "thing", { size: 1 }),
            dependencies: [parent.urn, "urn:pulumi:test::p::test:index:Gone::gone"],
            propertyDependencies: { size: [parent.urn, "urn:pulumi:test::p::test:index:Gone::gone"] },
        };
        const deps: string[] = [];
        const depsProbe: PackStackPolicy = {
            name: "deps-probe",
            description: "Reports the dependencies it sees.",
            enforcementLevel: "advisory",
            severity: "low",
            remediationSteps: "none",
            validateStack: (args) => {
                for (const r of args.resources) {
                    deps.push(
                        `${r.name}: ${r.dependencies.map((d) => d.name).join(",")} / ${JSON.stringify(Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.map((d) => d.name)])))}`,
                    );
                }
            },
        };
        assert.deepStrictEqual(evaluateRules([{ policy: depsProbe }], [parent, thing], undefined), []);
        assert.deepStrictEqual(deps, ["parent:  / {}", 'thing: parent / {"size":["parent"]}']);
    });
});

describe("offline synth records what the engine knows at preview", function () {
    this.timeout(60000);

    it("each resource's propertyDependencies (by synth URN, sorted) and dependencies", async () => {
        const resources = await declared(() => {
            const bucket = new aws.s3.Bucket("capture", { bucket: "capture-bucket" });
            new aws.s3.BucketPublicAccessBlock("capture-pab", { bucket: bucket.id, blockPublicAcls: true }, { dependsOn: [bucket] });
        });
        const pab = resources.find((r) => r.name === "capture-pab")!;
        const bucketUrn = `urn:pulumi:${TEST_STACK}::${TEST_PROJECT}::aws:s3/bucket:Bucket::capture`;
        assert.deepStrictEqual([pab.propertyDependencies, pab.dependencies], [{ bucket: [bucketUrn] }, [bucketUrn]]);
    });
});
