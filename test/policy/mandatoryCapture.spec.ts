/**
 * "A pull request must not be able to sample below 100 %": the pack config cannot weaken the
 * mandatory capture rules, offline (config error, synth exit 2) or under the Pulumi CLI (the
 * Configure guard); the one way around a rule is a reviewable exemption for one endpoint, with a
 * reason and an expiry, whose violations are still reported as advisory.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { activeExemptions, CaptureExemption, parsePackConfig, PolicyConfigError } from "../../policy/config";
import { guardConfigure } from "../../policy/configureGuard";
import { MANDATORY_CAPTURE_RULES } from "../../policy/mandatoryCapture";
import { rules } from "../../policy/rules";
import { evaluatePolicyPack, hasMandatoryViolation } from "../../tools/synth/policy/offline";
import { SynthResource } from "../../tools/synth/policy/synthResource";
import { buildSummary } from "../../tools/synth/summary";
import { synthInProcess, writeStackFile } from "../support/synthCli";
import { compliantStack, replaceResource } from "./fixtures";
import { withField } from "./harness";

const analyzerPb = require("@pulumi/pulumi/proto/analyzer_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");

const TODAY = "2026-06-01";

/** The compliant stack with its real-time endpoint config sampling `sampling` %. */
function samplingStack(sampling: unknown, parentUrn: string | null = null): SynthResource[] {
    return replaceResource(compliantStack(), "realtime-config", (r) => ({
        ...r,
        parentUrn,
        inputs: withField(r.inputs, "dataCaptureConfig.initialSamplingPercentage", sampling),
        outputs: withField(r.outputs, "dataCaptureConfig.initialSamplingPercentage", sampling),
    }));
}

function problemsOf(run: () => unknown): { path: string; reason: string }[] | "no error" {
    try {
        run();
        return "no error";
    } catch (e) {
        if (e instanceof PolicyConfigError) {
            return e.problems;
        }
        throw e;
    }
}

const EXEMPT_INSTEAD = 'exempt a single endpoint in "data-capture-exemptions" (with a reason and an expiry) instead';
const SAMPLING_50 =
    'Endpoint config "realtime-config": dataCaptureConfig.initialSamplingPercentage is 50, below the required minimum of 100. Remediation: set dataCaptureConfig.initialSamplingPercentage to 100.';

/** The four ways a config could try to let a 50 % stack through, and exactly how each is refused. */
const WEAKENING_CONFIGS: [string, unknown, { path: string; reason: string }][] = [
    [
        "advisory",
        { "data-capture-sampling-100": "advisory" },
        {
            path: "data-capture-sampling-100",
            reason: `cannot make data-capture-sampling-100 "advisory": it is a mandatory capture rule, always "mandatory"; ${EXEMPT_INSTEAD}`,
        },
    ],
    [
        "disabled",
        { "data-capture-sampling-100": { enforcementLevel: "disabled" } },
        {
            path: "data-capture-sampling-100.enforcementLevel",
            reason: `cannot make data-capture-sampling-100 "disabled": it is a mandatory capture rule, always "mandatory"; ${EXEMPT_INSTEAD}`,
        },
    ],
    [
        'all: "disabled"',
        { all: "disabled" },
        {
            path: "all",
            reason:
                `cannot make the mandatory capture rules ${MANDATORY_CAPTURE_RULES.join(", ")} "disabled": they are always "mandatory" ` +
                '(give each an explicit "mandatory" entry next to "all", or exempt a single endpoint in "data-capture-exemptions")',
        },
    ],
    [
        "a lowered minimum",
        { "data-capture-sampling-100": { minimumSamplingPercentage: 0 } },
        {
            path: "data-capture-sampling-100.minimumSamplingPercentage",
            reason: `cannot be lowered below 100 (got 0): data-capture-sampling-100 is a mandatory capture rule; ${EXEMPT_INSTEAD}`,
        },
    ],
];

describe("mandatory capture rules: a pack config cannot weaken them", () => {
    it("are the five Data Capture rules and data-capture-config-in-stack, all registered as mandatory", () => {
        assert.deepStrictEqual(
            MANDATORY_CAPTURE_RULES.map((name) => rules.find((r) => r.policy.name === name)?.policy.enforcementLevel),
            MANDATORY_CAPTURE_RULES.map(() => "mandatory"),
        );
    });

    for (const [label, config, problem] of WEAKENING_CONFIGS) {
        it(`${label}: the config is refused naming the rule and the property, so the 50 % stack never passes`, () => {
            assert.deepStrictEqual(
                problemsOf(() => evaluatePolicyPack(samplingStack(50), config)),
                [problem],
            );
        });
    }

    it('a weaker "all" next to an explicit "mandatory" entry for each capture rule, and "remediate", keep the 50 % violation mandatory', () => {
        const explicit = Object.fromEntries(MANDATORY_CAPTURE_RULES.map((name) => [name, "mandatory"]));
        const rows = (config: unknown) =>
            evaluatePolicyPack(samplingStack(50), config).map((v) => [v.enforcementLevel, v.policy, v.message]);
        const expected = [["mandatory", "data-capture-sampling-100", SAMPLING_50]];
        assert.deepStrictEqual(
            [rows({ all: "disabled", ...explicit }), rows({ "data-capture-sampling-100": { enforcementLevel: "remediate" } })],
            [expected, expected],
        );
    });

    it("a config cannot hand a rule exemptions directly (only data-capture-exemptions can)", () => {
        assert.deepStrictEqual(
            problemsOf(() => parsePackConfig({ "data-capture-kms": { _exemptions: [] } })),
            [{ path: "data-capture-kms._exemptions", reason: "unknown property (allowed: enforcementLevel)" }],
        );
    });
});

describe("mandatory capture rules through the offline synth (exit 2 on a weakening config)", function () {
    this.timeout(240000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "synth-mandatory-"));
    after(() => fs.rmSync(out, { recursive: true, force: true }));
    const stackFile = path.join(out, "sampling-50.yaml");
    before(() => writeStackFile(stackFile, "scorer", ["dataCapture: { samplingPercentage: 50 }"]));
    const synth = (config: unknown) => {
        const file = path.join(out, "policy.json");
        fs.writeFileSync(file, JSON.stringify(config));
        return synthInProcess(["--stack", "sampling-50", "--config", stackFile, "--out", out, "--policy-config", file]);
    };

    it("each of the four weakening configs exits 2 with the problem; no policy.json claims the stack passed", async () => {
        const results: [number, string][] = [];
        for (const [, config] of WEAKENING_CONFIGS) {
            const run = await synth(config);
            results.push([run.status, run.stderr]);
        }
        assert.deepStrictEqual(
            results,
            WEAKENING_CONFIGS.map(([, , { path: at, reason }]) => [
                2,
                `synth: --policy-config ${path.join(out, "policy.json")}: Invalid policy pack config (1 problem):\n  - ${at}: ${reason}\n`,
            ]),
        );
    });

    it("an exemption for the endpoint lets it through with the violation reported as advisory (exit 0)", async () => {
        const run = await synth({
            "data-capture-exemptions": {
                exemptions: [
                    { endpoint: "scorer", rule: "data-capture-sampling-100", reason: "INC-42 replay load", expires: "2099-12-31" },
                ],
            },
        });
        const { violations } = JSON.parse(fs.readFileSync(path.join(out, "sampling-50", "policy.json"), "utf8"));
        assert.deepStrictEqual(
            [run.status, violations],
            [
                0,
                [
                    {
                        policy: "data-capture-exemptions",
                        enforcementLevel: "advisory",
                        type: "aws-native:sagemaker:EndpointConfig",
                        name: "scorer-config",
                        message:
                            'data-capture-sampling-100: Endpoint config "scorer-ace4947f" of RealtimeEndpoint "scorer": dataCaptureConfig.initialSamplingPercentage is 50, below the required minimum of 100. ' +
                            "Remediation: set dataCaptureConfig.initialSamplingPercentage to 100 (stack file: sagemaker-monitoring:endpoints[0].dataCapture.samplingPercentage). (exempted: INC-42 replay load, until 2099-12-31)",
                    },
                ],
            ],
        );
    });
});

describe("exemptions: validated, explicit, reported", () => {
    const exemption = (fields: Record<string, unknown>) => ({ "data-capture-exemptions": { exemptions: [fields] } });
    const valid = { endpoint: "legacy-ep", rule: "data-capture-sampling-100", reason: "vendor replay", expires: "2026-12-31" };

    it("each needs a reason and an expiry, names a mandatory capture rule, and has not expired", () => {
        const without = (key: string) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key));
        assert.deepStrictEqual(
            [
                problemsOf(() => parsePackConfig(exemption(without("reason")), undefined, TODAY)),
                problemsOf(() => parsePackConfig(exemption({ ...valid, reason: "  " }), undefined, TODAY)),
                problemsOf(() => parsePackConfig(exemption(without("expires")), undefined, TODAY)),
                problemsOf(() => parsePackConfig(exemption({ ...valid, expires: "2026-02-30" }), undefined, TODAY)),
                problemsOf(() => parsePackConfig(exemption({ ...valid, expires: "2026-05-31" }), undefined, TODAY)),
                problemsOf(() => parsePackConfig(exemption({ ...valid, rule: "data-capture-sampling" }), undefined, TODAY)),
                problemsOf(() => parsePackConfig(exemption({ ...valid, rule: "iam-no-wildcards" }), undefined, TODAY)),
                problemsOf(() => parsePackConfig(exemption({ ...valid, expires: TODAY }), undefined, TODAY)),
            ],
            [
                [
                    {
                        path: "data-capture-exemptions.exemptions[0].reason",
                        reason: "is required: why this endpoint may fail the rule (reviewers read it)",
                    },
                ],
                [
                    {
                        path: "data-capture-exemptions.exemptions[0].reason",
                        reason: "must not be blank: why this endpoint may fail the rule (reviewers read it)",
                    },
                ],
                [{ path: "data-capture-exemptions.exemptions[0].expires", reason: "is required: the last day it applies, YYYY-MM-DD" }],
                [
                    {
                        path: "data-capture-exemptions.exemptions[0].expires",
                        reason: 'must be a date YYYY-MM-DD, the last day the exemption applies (got "2026-02-30")',
                    },
                ],
                [
                    {
                        path: "data-capture-exemptions.exemptions[0].expires",
                        reason:
                            'the exemption for endpoint "legacy-ep" and rule "data-capture-sampling-100" expired on 2026-05-31 (today is 2026-06-01); ' +
                            "remove it, or renew it with a new date and reason",
                    },
                ],
                [
                    {
                        path: "data-capture-exemptions.exemptions[0].rule",
                        reason: `unknown rule "data-capture-sampling"; did you mean "data-capture-sampling-100"? (only the mandatory capture rules can be exempted: ${MANDATORY_CAPTURE_RULES.join(", ")})`,
                    },
                ],
                [
                    {
                        path: "data-capture-exemptions.exemptions[0].rule",
                        reason: `unknown rule "iam-no-wildcards" (only the mandatory capture rules can be exempted: ${MANDATORY_CAPTURE_RULES.join(", ")})`,
                    },
                ],
                // The expiry day itself is still covered.
                "no error",
            ],
        );
    });

    it("reports every exemption's problems at once, also next to a malformed one", () => {
        const config = {
            "data-capture-exemptions": {
                exemptions: [
                    { endpoint: "a", rule: "data-capture-kms" },
                    { ...valid, rule: "data-capture-kms-key", expires: "2020-01-01" },
                ],
            },
        };
        assert.deepStrictEqual(
            problemsOf(() => parsePackConfig(config, undefined, TODAY)).toString() === "no error"
                ? []
                : problemsOf(() => parsePackConfig(config, undefined, TODAY)),
            [
                {
                    path: "data-capture-exemptions.exemptions[0].reason",
                    reason: "is required: why this endpoint may fail the rule (reviewers read it)",
                },
                { path: "data-capture-exemptions.exemptions[0].expires", reason: "is required: the last day it applies, YYYY-MM-DD" },
                {
                    path: "data-capture-exemptions.exemptions[1].rule",
                    reason: `unknown rule "data-capture-kms-key"; did you mean "data-capture-kms"? (only the mandatory capture rules can be exempted: ${MANDATORY_CAPTURE_RULES.join(", ")})`,
                },
                {
                    path: "data-capture-exemptions.exemptions[1].expires",
                    reason:
                        'the exemption for endpoint "legacy-ep" and rule "data-capture-kms-key" expired on 2020-01-01 (today is 2026-06-01); ' +
                        "remove it, or renew it with a new date and reason",
                },
            ],
        );
    });

    it("reach the rule they name, and the exemptions policy is always advisory", () => {
        const resolved = parsePackConfig(
            { ...exemption(valid), "data-capture-exemptions": { enforcementLevel: "mandatory", exemptions: [valid] } },
            undefined,
            TODAY,
        );
        assert.deepStrictEqual(
            [
                resolved["data-capture-sampling-100"].properties,
                resolved["data-capture-kms"].properties,
                resolved["data-capture-exemptions"],
            ],
            [
                { minimumSamplingPercentage: 100, _exemptions: [valid] },
                { _exemptions: [] },
                { enforcementLevel: "advisory", properties: { exemptions: [valid] } },
            ],
        );
    });

    it("activeExemptions lists them for reports; summary.md prints them when given", () => {
        const summary = (exemptions?: readonly CaptureExemption[]) =>
            buildSummary("dev", [], [], exemptions).split("## Policy violations")[1];
        assert.deepStrictEqual(
            [
                activeExemptions(exemption(valid), TODAY),
                activeExemptions(undefined, TODAY),
                summary(activeExemptions(exemption({ ...valid, reason: "vendor | replay" }), TODAY)),
                summary([]),
                summary(undefined),
            ],
            [
                [valid],
                [],
                [
                    "",
                    "",
                    "None.",
                    "",
                    "## Data Capture exemptions",
                    "",
                    "| endpoint | rule | until | reason |",
                    "| --- | --- | --- | --- |",
                    "| legacy-ep | data-capture-sampling-100 | 2026-12-31 | vendor \\| replay |",
                    "",
                ].join("\n"),
                ["", "", "None.", "", "## Data Capture exemptions", "", "None.", ""].join("\n"),
                ["", "", "None.", ""].join("\n"),
            ],
        );
    });

    it("an exempted endpoint (by its component's name) gets the violation as advisory; other endpoints and rules stay mandatory", () => {
        const componentUrn = "urn:pulumi:test::sagemaker-monitoring::sagemaker-monitoring:endpoint:RealtimeEndpoint::legacy-ep";
        let stack = samplingStack(50, componentUrn);
        stack = replaceResource(stack, "async-config", (r) => ({
            ...r,
            inputs: withField(r.inputs, "dataCaptureConfig.initialSamplingPercentage", 10),
            outputs: withField(r.outputs, "dataCaptureConfig.initialSamplingPercentage", 10),
        }));
        stack = replaceResource(stack, "realtime-config", (r) => ({
            ...r,
            inputs: withField(r.inputs, "dataCaptureConfig.kmsKeyId", ""),
            outputs: withField(r.outputs, "dataCaptureConfig.kmsKeyId", ""),
        }));
        const violations = evaluatePolicyPack(stack, { "data-capture-exemptions": { exemptions: [{ ...valid, expires: "2099-12-31" }] } });
        assert.deepStrictEqual(
            violations.map((v) => [v.enforcementLevel, v.policy, v.name, v.message]),
            [
                [
                    "mandatory",
                    "data-capture-sampling-100",
                    "async-config",
                    'Endpoint config "async-config": dataCaptureConfig.initialSamplingPercentage is 10, below the required minimum of 100. Remediation: set dataCaptureConfig.initialSamplingPercentage to 100.',
                ],
                [
                    "advisory",
                    "data-capture-exemptions",
                    "realtime-config",
                    'data-capture-sampling-100: Endpoint config "realtime-config" of RealtimeEndpoint "legacy-ep": dataCaptureConfig.initialSamplingPercentage is 50, below the required minimum of 100. ' +
                        "Remediation: set dataCaptureConfig.initialSamplingPercentage to 100. (exempted: vendor replay, until 2099-12-31)",
                ],
                [
                    "mandatory",
                    "data-capture-kms",
                    "realtime-config",
                    'Endpoint config "realtime-config" of RealtimeEndpoint "legacy-ep": dataCaptureConfig.kmsKeyId is not set, so captured data is not encrypted with a customer-managed KMS key. ' +
                        "Remediation: set dataCaptureConfig.kmsKeyId to the ARN of a customer-managed KMS key.",
                ],
            ],
        );
        assert.strictEqual(hasMandatoryViolation(violations), true);
    });
});

describe("the Configure guard (what the Pulumi CLI sends the pack)", () => {
    /** A ConfigureAnalyzerRequest as the CLI builds it after reconciling the config. */
    const request = (config: Record<string, { level: string; properties?: Record<string, unknown> }>) => {
        const req = new analyzerPb.ConfigureAnalyzerRequest();
        for (const [name, { level, properties }] of Object.entries(config)) {
            const policyConfig = new analyzerPb.PolicyConfig();
            policyConfig.setEnforcementlevel(analyzerPb.EnforcementLevel[level.toUpperCase()]);
            policyConfig.setProperties(Struct.fromJavaScript(properties ?? {}));
            req.getPolicyconfigMap().set(name, policyConfig);
        }
        return req;
    };
    const configure = (req: unknown) => {
        const seen: unknown[] = [];
        let result: { error: Error | null } | undefined;
        guardConfigure((call) => void seen.push(call.request), TODAY)({ request: req }, (error) => (result = { error }));
        return { passedOn: seen.length, error: result?.error ? [(result.error as any).code, result.error.message] : undefined };
    };

    it("refuses a weakened mandatory rule before the pack is configured (the CLI fails the preview)", () => {
        assert.deepStrictEqual(
            configure(request({ "data-capture-sampling-100": { level: "disabled", properties: { minimumSamplingPercentage: 100 } } })),
            {
                passedOn: 0,
                error: [
                    3,
                    "Invalid policy pack config (1 problem):\n" +
                        `  - data-capture-sampling-100.enforcementLevel: cannot make data-capture-sampling-100 "disabled": it is a mandatory capture rule, always "mandatory"; ${EXEMPT_INSTEAD}`,
                ],
            },
        );
    });

    it("passes a valid config on, resolved: exemptions in the rule's properties, data-capture-exemptions advisory", () => {
        const exemptions = [{ endpoint: "legacy-ep", rule: "data-capture-kms", reason: "key rotation", expires: "2026-12-31" }];
        const req = request({ all: { level: "mandatory" }, "data-capture-exemptions": { level: "mandatory", properties: { exemptions } } });
        const outcome = configure(req);
        const entry = (name: string) => {
            const config = req.getPolicyconfigMap().get(name);
            return [config.getEnforcementlevel(), config.getProperties().toJavaScript()];
        };
        assert.deepStrictEqual(
            [outcome, entry("data-capture-kms"), entry("data-capture-exemptions"), entry("iam-no-wildcards")],
            [
                { passedOn: 1, error: undefined },
                [analyzerPb.EnforcementLevel.MANDATORY, { _exemptions: exemptions }],
                [analyzerPb.EnforcementLevel.ADVISORY, { exemptions }],
                [analyzerPb.EnforcementLevel.MANDATORY, {}],
            ],
        );
    });
});
