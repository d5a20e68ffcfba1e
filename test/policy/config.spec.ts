import * as assert from "assert";
import { parsePackConfig, PolicyConfigError } from "../../policy/config";
import { MANDATORY_CAPTURE_RULES } from "../../policy/mandatoryCapture";
import { ruleNames } from "../../policy/rules";
import { instanceTypeReason } from "../../domain/instanceTypes";

/** The problems a config produces, or [] when it is valid. */
function problemsOf(raw: unknown): { path: string; reason: string }[] {
    try {
        parsePackConfig(raw);
        return [];
    } catch (e) {
        if (e instanceof PolicyConfigError) {
            return e.problems;
        }
        throw e;
    }
}

describe("policy pack config", () => {
    it("no config: every policy at its own level with its defaults", () => {
        const resolved = parsePackConfig(undefined);
        assert.deepStrictEqual(Object.keys(resolved), [...ruleNames]);
        assert.deepStrictEqual(
            {
                sampling: resolved["data-capture-sampling-100"],
                metrics: resolved["enhanced-metrics-enabled"],
                gpu: resolved["gpu-endpoint-free-gpu-alarm"],
                minCount: resolved["min-instance-count"],
                minCapacity: resolved["min-scaling-capacity"],
                allowed: resolved["allowed-instance-types"],
                iam: resolved["iam-no-wildcards"],
                exemptions: resolved["data-capture-exemptions"],
            },
            {
                // A mandatory capture rule also receives its exemptions (none here) from the resolution.
                sampling: { enforcementLevel: "mandatory", properties: { minimumSamplingPercentage: 100, _exemptions: [] } },
                metrics: { enforcementLevel: "mandatory", properties: { maximumPublishFrequencySeconds: 60 } },
                gpu: { enforcementLevel: "mandatory", properties: {} },
                minCount: { enforcementLevel: "mandatory", properties: { enabled: false, minimumInstanceCount: 2 } },
                minCapacity: {
                    enforcementLevel: "mandatory",
                    properties: { enabled: false, minimumCapacity: 2, allowScaleToZeroForAsync: false },
                },
                allowed: { enforcementLevel: "mandatory", properties: { enabled: false, allowedInstanceTypes: [] } },
                iam: { enforcementLevel: "mandatory", properties: {} },
                exemptions: { enforcementLevel: "advisory", properties: { exemptions: [] } },
            },
        );
    });

    it('"all" sets every level, and a policy entry overrides it (as the Pulumi CLI resolves it)', () => {
        // The mandatory capture rules need their own "mandatory" entry next to a weaker "all".
        const mandatoryEntries = Object.fromEntries(MANDATORY_CAPTURE_RULES.map((name) => [name, "mandatory"]));
        const resolved = parsePackConfig({
            all: "advisory",
            ...mandatoryEntries,
            "data-capture-kms": { enforcementLevel: "remediate" },
            "iam-no-wildcards": "disabled",
        });
        assert.deepStrictEqual(
            [
                resolved["enhanced-metrics-enabled"].enforcementLevel,
                resolved["data-capture-enabled"].enforcementLevel,
                resolved["data-capture-kms"].enforcementLevel,
                resolved["iam-no-wildcards"].enforcementLevel,
            ],
            ["advisory", "mandatory", "remediate", "disabled"],
        );
    });

    it("properties merge over the defaults", () => {
        assert.deepStrictEqual(parsePackConfig({ "min-scaling-capacity": { enabled: true } })["min-scaling-capacity"], {
            enforcementLevel: "mandatory",
            properties: { enabled: true, minimumCapacity: 2, allowScaleToZeroForAsync: false },
        });
    });

    it("a misspelled rule name gets the closest valid name", () => {
        assert.deepStrictEqual(problemsOf({ "data-capture-sampling": { minimumSamplingPercentage: 90 } }), [
            { path: "data-capture-sampling", reason: 'unknown policy; did you mean "data-capture-sampling-100"?' },
        ]);
    });

    it("an unknown name with no close match lists the valid names", () => {
        assert.deepStrictEqual(problemsOf({ "cost-budget": "mandatory" }), [
            { path: "cost-budget", reason: `unknown policy (valid: "all", ${ruleNames.map((n) => `"${n}"`).join(", ")})` },
        ]);
    });

    it("a minimum above 100 (the minimum is fixed at 100)", () => {
        assert.deepStrictEqual(problemsOf({ "data-capture-sampling-100": { minimumSamplingPercentage: 150 } }), [
            { path: "data-capture-sampling-100.minimumSamplingPercentage", reason: "must be 100 (got 150)" },
        ]);
    });

    it("a frequency outside the allowed set", () => {
        assert.deepStrictEqual(problemsOf({ "enhanced-metrics-enabled": { maximumPublishFrequencySeconds: 45 } }), [
            {
                path: "enhanced-metrics-enabled.maximumPublishFrequencySeconds",
                reason: "must be one of 10, 30, 60, 120, 180, 240, 300 (got 45)",
            },
        ]);
    });

    it("reports every problem at once, with a readable message", () => {
        const raw = {
            "data-capture-sampling": {},
            "data-capture-sampling-100": { minimumSamplingPercentage: "all", minimumSampling: 90 },
            "enhanced-metrics-enabled": { enforcementLevel: "strict", maximumPublishFrequencySeconds: 45 },
            all: { enforcementLevel: "mandatory", minimumSamplingPercentage: 100 },
            "data-capture-kms": 42,
            "allowed-instance-types": { enabled: true, allowedInstanceTypes: ["m5.xlarge"] },
            "min-instance-count": { enabled: "yes" },
        };
        let error: unknown;
        try {
            parsePackConfig(raw);
        } catch (e) {
            error = e;
        }
        assert.ok(error instanceof PolicyConfigError);
        assert.strictEqual(
            error.message,
            [
                "Invalid policy pack config (9 problems):",
                '  - data-capture-sampling: unknown policy; did you mean "data-capture-sampling-100"?',
                '  - enhanced-metrics-enabled.enforcementLevel: must be one of advisory, mandatory, remediate, disabled (got "strict")',
                '  - all.minimumSamplingPercentage: unknown property; "all" accepts only enforcementLevel',
                "  - data-capture-kms: must be an enforcement level (advisory, mandatory, remediate, disabled) or an object with enforcementLevel and the policy's properties (got 42)",
                '  - data-capture-sampling-100.minimumSamplingPercentage: must be 100 (got "all")',
                '  - data-capture-sampling-100.minimumSampling: unknown property; did you mean "minimumSamplingPercentage"? (allowed: enforcementLevel, minimumSamplingPercentage)',
                "  - enhanced-metrics-enabled.maximumPublishFrequencySeconds: must be one of 10, 30, 60, 120, 180, 240, 300 (got 45)",
                '  - min-instance-count.enabled: must be true or false (got "yes")',
                '  - allowed-instance-types.allowedInstanceTypes[0]: must be a SageMaker instance type "ml.<family>.<size>", e.g. "ml.m5.large" or "ml.g5.xlarge" (got "m5.xlarge")',
            ].join("\n"),
        );
    });

    it("allowedInstanceTypes refuses what the stack file and the components refuse, in their words", () => {
        const reason = (got: string) =>
            `must be a SageMaker instance type "ml.<family>.<size>", e.g. "ml.m5.large" or "ml.g5.xlarge" (got ${got})`;
        assert.deepStrictEqual(
            problemsOf({ "allowed-instance-types": { enabled: true, allowedInstanceTypes: ["ml.m.xlarge", 7, "ml.g6e.2xlarge"] } }),
            [
                { path: "allowed-instance-types.allowedInstanceTypes[0]", reason: reason('"ml.m.xlarge"') },
                { path: "allowed-instance-types.allowedInstanceTypes[1]", reason: reason("7") },
            ],
        );
        assert.strictEqual(instanceTypeReason("ml.m.xlarge"), reason('"ml.m.xlarge"'));
    });

    it("properties on a policy that has none, and a non-object config", () => {
        assert.deepStrictEqual(problemsOf({ "data-capture-enabled": { minimumSamplingPercentage: 100 } }), [
            { path: "data-capture-enabled.minimumSamplingPercentage", reason: "unknown property (allowed: enforcementLevel)" },
        ]);
        assert.deepStrictEqual(problemsOf(["mandatory"]), [
            {
                path: "(root)",
                reason: 'must be a JSON object mapping policy names (or "all") to an enforcement level or an object (got ["mandatory"])',
            },
        ]);
    });

    it("allowed-instance-types switched on needs a list", () => {
        assert.deepStrictEqual(problemsOf({ "allowed-instance-types": { enabled: true } }), [
            { path: "allowed-instance-types.allowedInstanceTypes", reason: "must list at least one instance type when enabled is true" },
        ]);
    });
});
