/**
 * The pack served from source exactly as `pulumi preview --policy-pack policy` serves it: Pulumi's
 * run-policy-pack registers ts-node and loads policy/index.ts, @pulumi/policy starts its analyzer
 * gRPC server on loopback and prints the port. The test then speaks the engine's
 * Analyzer protocol to it, so the real CrossGuard code path (config, unknown values, messages)
 * is checked, not a re-implementation.
 */
import * as assert from "assert";
import * as path from "path";
import { evaluatePolicyPack } from "../../tools/synth/policy/offline";
import { MANDATORY_CAPTURE_RULES } from "../../policy/mandatoryCapture";
import { ruleMetadata } from "../../policy/rules";
import { UNKNOWN_VALUE } from "../../policy/policySdkInternals";
import { nativeEndpointConfig, NATIVE_ENDPOINT_CONFIG } from "./fixtures";
import { urnOf, withField } from "./harness";
import { previewNewStack } from "./newStackPreview";
import { fixturePolicyConfig } from "../support/fixtureStacks";
import { analyzerPb, call, emptyRequest, LEVEL_NAMES, PackServer, servePack, SEVERITY_NAMES, Struct } from "../support/packServer";

const POLICY_DIR = path.join(__dirname, "..", "..", "policy");

describe("policy pack served from source as the CLI runs it (engine protocol)", function () {
    this.timeout(60000);
    let server: PackServer;
    let client: any;

    before(async () => {
        // Without npm test's TS_NODE_PROJECT (tools/checks.ts): the CLI starts the pack without it, and the
        // type-checking ts-node the pack registers refuses that project's esbuild transpiler.
        const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== "TS_NODE_PROJECT"));
        server = await servePack(POLICY_DIR, env);
        client = server.client;
    });

    after(() => server?.stop());

    const analyze = async (props: Record<string, any>) => {
        const request = new analyzerPb.AnalyzeRequest();
        request.setType(NATIVE_ENDPOINT_CONFIG);
        request.setName("realtime-config");
        request.setUrn(urnOf(NATIVE_ENDPOINT_CONFIG, "realtime-config"));
        request.setProperties(Struct.fromJavaScript(props));
        request.setOptions(new analyzerPb.AnalyzerResourceOptions());
        const response: any = await call(client, "analyze", request);
        return response
            .getDiagnosticsList()
            .map((d: any) => ({ policy: d.getPolicyname(), level: LEVEL_NAMES[d.getEnforcementlevel()], message: d.getMessage() }));
    };

    it("publishes every rule with its level, severity, remediation and config schema", async () => {
        const info: any = await call(client, "getAnalyzerInfo", emptyRequest());
        const published = info.getPoliciesList().map((p: any) => ({
            name: p.getName(),
            level: LEVEL_NAMES[p.getEnforcementlevel()],
            severity: SEVERITY_NAMES[p.getSeverity()],
            remediation: p.getRemediationSteps(),
        }));
        assert.strictEqual(info.getName(), "sagemaker-monitoring");
        assert.strictEqual(info.getVersion(), "0.1.0");
        assert.deepStrictEqual(
            published,
            ruleMetadata.map((rule) => ({
                name: rule.name,
                level: rule.defaultEnforcementLevel,
                severity: rule.severity,
                remediation: rule.remediation,
            })),
        );
        const sampling = info.getPoliciesList().find((p: any) => p.getName() === "data-capture-sampling-100");
        // The CLI's own schema check refuses a lowered minimum before the pack is even configured.
        assert.deepStrictEqual(sampling.getConfigschema().getProperties().toJavaScript(), {
            minimumSamplingPercentage: {
                default: 100,
                description:
                    "Fixed at 100: data-capture-sampling-100 is a mandatory capture rule. Accepted only so existing configs that spell out 100 stay valid.",
                type: "integer",
                minimum: 100,
                maximum: 100,
            },
        });
    });

    it("reports sampling 50 as a mandatory violation, with the rule's description then its message", async () => {
        assert.deepStrictEqual(await analyze(withField(nativeEndpointConfig(), "dataCaptureConfig.initialSamplingPercentage", 50)), [
            {
                policy: "data-capture-sampling-100",
                level: "mandatory",
                message:
                    "Data Capture must sample 100 % of requests.\n" +
                    'Endpoint config "realtime-config": dataCaptureConfig.initialSamplingPercentage is 50, below the required minimum of 100. Remediation: set dataCaptureConfig.initialSamplingPercentage to 100.',
            },
        ]);
    });

    it("turns a preview-time unknown into an advisory 'can't run' note, as the offline evaluator does", async () => {
        assert.deepStrictEqual(
            await analyze(withField(nativeEndpointConfig(), "dataCaptureConfig.initialSamplingPercentage", UNKNOWN_VALUE)),
            [
                {
                    policy: "data-capture-sampling-100",
                    level: "advisory",
                    message:
                        "can't run policy 'data-capture-sampling-100' from policy pack 'sagemaker-monitoring@v0.1.0' during preview: string value at .dataCaptureConfig.initialSamplingPercentage can't be known during preview",
                },
            ],
        );
        // A key created in the same stack is unknown too, but the rule only needs to know it is set.
        assert.deepStrictEqual(await analyze(withField(nativeEndpointConfig(), "dataCaptureConfig.kmsKeyId", UNKNOWN_VALUE)), []);
    });

    /** Sends pack config as the CLI does after reconciling it with the schemas (`configure`). */
    const configure = (config: Record<string, { level: string; properties: Record<string, unknown> }>) => {
        const request = new analyzerPb.ConfigureAnalyzerRequest();
        for (const [name, { level, properties }] of Object.entries(config)) {
            const policyConfig = new analyzerPb.PolicyConfig();
            policyConfig.setEnforcementlevel(analyzerPb.EnforcementLevel[level.toUpperCase()]);
            policyConfig.setProperties(Struct.fromJavaScript(properties));
            request.getPolicyconfigMap().set(name, policyConfig);
        }
        return call(client, "configure", request);
    };
    /** The error the engine gets from `configure` (the CLI then fails the preview), or "configured". */
    const configureError = (config: Parameters<typeof configure>[0]) =>
        configure(config).then(
            () => "configured",
            (e: Error) => e.message,
        );
    const configError = (...problems: string[]) =>
        `3 INVALID_ARGUMENT: Invalid policy pack config (${problems.length === 1 ? "1 problem" : `${problems.length} problems`}):\n` +
        problems.map((problem) => `  - ${problem}`).join("\n");

    it("refuses at Configure a property the CLI's schema check lets through (it has no additionalProperties), and an unknown policy, naming them", async () => {
        try {
            // The CLI fills in schema defaults, so the misspelling arrives next to the real property.
            assert.deepStrictEqual(
                [
                    await configureError({
                        "data-capture-sampling-100": {
                            level: "mandatory",
                            properties: { minimumSamplingPercentage: 100, minimumSampling: 90 },
                        },
                    }),
                    await configureError({ "data-capture-kms": { level: "mandatory", properties: { strict: true } } }),
                    // The CLI passes config keys that name no policy through to Configure.
                    await configureError({ "data-capture-sampling": { level: "mandatory", properties: {} } }),
                ],
                [
                    configError(
                        'data-capture-sampling-100.minimumSampling: unknown property; did you mean "minimumSamplingPercentage"? (allowed: enforcementLevel, minimumSamplingPercentage)',
                    ),
                    configError("data-capture-kms.strict: unknown property (allowed: enforcementLevel)"),
                    configError('data-capture-sampling: unknown policy; did you mean "data-capture-sampling-100"?'),
                ],
            );
        } finally {
            await configure({});
        }
        assert.deepStrictEqual(await analyze(nativeEndpointConfig()), []);
    });

    it("refuses every config that would let a 50 % endpoint config through; the pack keeps reporting it as mandatory", async () => {
        const sampling50 = withField(nativeEndpointConfig(), "dataCaptureConfig.initialSamplingPercentage", 50);
        const everyPolicy = (level: string) => Object.fromEntries(ruleMetadata.map(({ name }) => [name, { level, properties: {} }]));
        const fixed = 'exempt a single endpoint in "data-capture-exemptions" (with a reason and an expiry) instead';
        const weakened = (rule: string, level: string) =>
            `${rule}.enforcementLevel: cannot make ${rule} "${level}": it is a mandatory capture rule, always "mandatory"; ${fixed}`;
        const outcomes: unknown[] = [];
        try {
            // As the CLI reconciles each config: a level per policy, defaults filled in ("all" is passed along too).
            const configs: Parameters<typeof configure>[0][] = [
                { "data-capture-sampling-100": { level: "advisory", properties: { minimumSamplingPercentage: 100 } } },
                { "data-capture-sampling-100": { level: "disabled", properties: { minimumSamplingPercentage: 100 } } },
                { all: { level: "disabled", properties: {} }, ...everyPolicy("disabled") },
                { "data-capture-sampling-100": { level: "mandatory", properties: { minimumSamplingPercentage: 0 } } },
            ];
            for (const config of configs) {
                const error = await configureError(config);
                const diagnostics = await analyze(sampling50);
                outcomes.push([error, diagnostics.map((d: any) => `${d.level} ${d.policy}`)]);
            }
        } finally {
            await configure({});
        }
        const stillMandatory = ["mandatory data-capture-sampling-100"];
        assert.deepStrictEqual(outcomes, [
            [configError(weakened("data-capture-sampling-100", "advisory")), stillMandatory],
            [configError(weakened("data-capture-sampling-100", "disabled")), stillMandatory],
            // The CLI sends a level per policy, so each mandatory capture rule is refused at its own entry.
            [configError(...MANDATORY_CAPTURE_RULES.map((rule) => weakened(rule, "disabled"))), stillMandatory],
            [
                configError(
                    `data-capture-sampling-100.minimumSamplingPercentage: cannot be lowered below 100 (got 0): data-capture-sampling-100 is a mandatory capture rule; ${fixed}`,
                ),
                stillMandatory,
            ],
        ]);
    });

    it("an exemption: the rule skips the endpoint config, and data-capture-exemptions reports it as advisory", async () => {
        const sampling50 = withField(nativeEndpointConfig(), "dataCaptureConfig.initialSamplingPercentage", 50);
        const exemptions = [{ endpoint: "realtime-config", rule: "data-capture-sampling-100", reason: "load test", expires: "2099-12-31" }];
        try {
            await configure({ "data-capture-exemptions": { level: "advisory", properties: { exemptions } } });
            const stackRequest = new analyzerPb.AnalyzeStackRequest();
            const resource = new analyzerPb.AnalyzerResource();
            resource.setType(NATIVE_ENDPOINT_CONFIG);
            resource.setName("realtime-config");
            resource.setUrn(urnOf(NATIVE_ENDPOINT_CONFIG, "realtime-config"));
            resource.setProperties(Struct.fromJavaScript(sampling50));
            resource.setOptions(new analyzerPb.AnalyzerResourceOptions());
            stackRequest.setResourcesList([resource]);
            const stackResponse: any = await call(client, "analyzeStack", stackRequest);
            assert.deepStrictEqual(
                [
                    await analyze(sampling50),
                    stackResponse
                        .getDiagnosticsList()
                        .map((d: any) => [LEVEL_NAMES[d.getEnforcementlevel()], d.getPolicyname(), d.getMessage().split("\n")[1]]),
                ],
                [
                    [],
                    [
                        [
                            "advisory",
                            "data-capture-exemptions",
                            'data-capture-sampling-100: Endpoint config "realtime-config": dataCaptureConfig.initialSamplingPercentage is 50, below the required minimum of 100. ' +
                                "Remediation: set dataCaptureConfig.initialSamplingPercentage to 100. (exempted: load test, until 2099-12-31)",
                        ],
                    ],
                ],
            );
        } finally {
            await configure({});
        }
    });

    it("a new prod stack under preview: the engine protocol reports exactly what the offline evaluator does", async () => {
        const resources = await previewNewStack("prod");
        const config = fixturePolicyConfig("prod");
        const levelOf = (entry: unknown) =>
            typeof entry === "string" ? entry : ((entry as { enforcementLevel?: string }).enforcementLevel ?? "mandatory");
        const propertiesOf = (entry: unknown) =>
            typeof entry === "string" ? {} : Object.fromEntries(Object.entries(entry as object).filter(([k]) => k !== "enforcementLevel"));
        /** Protobuf structs take JSON only: drop undefined. */
        const struct = (value: object) => Struct.fromJavaScript(JSON.parse(JSON.stringify(value)));
        const options = (parentUrn: string | null) => {
            const opts = new analyzerPb.AnalyzerResourceOptions();
            if (parentUrn) {
                opts.setParent(parentUrn);
            }
            return opts;
        };
        const byUrn = new Map(resources.map((r) => [r.urn, r]));
        /** The engine's diagnostic as the offline evaluator writes it: violations without the description line, "can't run" without the pack. */
        const normalize = (d: any, resourceUrn: string = d.getUrn()) => {
            const message: string = d.getMessage();
            const target = resourceUrn ? byUrn.get(resourceUrn)!.name : "prod";
            const text = message.startsWith("can't run")
                ? message.replace(/ from policy pack '[^']+'/, "")
                : message.slice(message.indexOf("\n") + 1);
            return [LEVEL_NAMES[d.getEnforcementlevel()], d.getPolicyname(), target, text].join(" | ");
        };
        try {
            await configure(
                Object.fromEntries(
                    ruleMetadata.map(({ name, defaultEnforcementLevel }) => [
                        name,
                        {
                            level: config[name] === undefined ? defaultEnforcementLevel : levelOf(config[name]),
                            properties: propertiesOf(config[name] ?? {}),
                        },
                    ]),
                ),
            );
            const diagnostics: string[] = [];
            for (const r of resources) {
                const request = new analyzerPb.AnalyzeRequest();
                request.setType(r.type);
                request.setName(r.name);
                request.setUrn(r.urn);
                request.setProperties(struct(r.inputs));
                request.setOptions(options(r.parentUrn));
                const response: any = await call(client, "analyze", request);
                // Resource diagnostics carry no URN: they are about the analyzed resource.
                diagnostics.push(...response.getDiagnosticsList().map((d: any) => normalize(d, r.urn)));
            }
            const stackRequest = new analyzerPb.AnalyzeStackRequest();
            stackRequest.setResourcesList(
                resources.map((r) => {
                    const resource = new analyzerPb.AnalyzerResource();
                    resource.setType(r.type);
                    resource.setUrn(r.urn);
                    resource.setName(r.name);
                    resource.setProperties(struct(r.outputs));
                    resource.setOptions(options(r.parentUrn));
                    if (r.parentUrn) {
                        resource.setParent(r.parentUrn);
                    }
                    resource.setDependenciesList(r.dependencies ?? []);
                    for (const [property, urns] of Object.entries(r.propertyDependencies ?? {})) {
                        const dependencies = new analyzerPb.AnalyzerPropertyDependencies();
                        dependencies.setUrnsList(urns);
                        resource.getPropertydependenciesMap().set(property, dependencies);
                    }
                    return resource;
                }),
            );
            const stackResponse: any = await call(client, "analyzeStack", stackRequest);
            diagnostics.push(...stackResponse.getDiagnosticsList().map((d: any) => normalize(d)));
            const offline = evaluatePolicyPack(resources, config, { stackName: "prod" }).map((v) =>
                [v.enforcementLevel, v.policy, v.name, v.message].join(" | "),
            );
            assert.deepStrictEqual([...diagnostics].sort(), [...offline].sort());
            assert.deepStrictEqual(
                offline.map((line) => line.split(" | ").slice(0, 3).join(" ")),
                [
                    "advisory iam-no-wildcards arthur-churn-prod-policy",
                    "advisory iam-no-wildcards churn-batch-prod-execution-policy",
                    "advisory iam-no-wildcards churn-prod-execution-policy",
                    "advisory iam-no-wildcards capture-tls-only-policy",
                    "advisory iam-no-wildcards churn-batch-prod-io-tls-only-policy",
                    "advisory iam-no-wildcards alarms-topic-policy",
                    "advisory iam-no-wildcards churn-batch-prod-error-topic-policy",
                    "advisory iam-no-wildcards churn-batch-prod-success-topic-policy",
                    "advisory capture-bucket-encrypted-private-tls prod",
                ],
            );
        } finally {
            await configure({});
        }
    });

    it("accepts the NVMe rule's inputs: a g5 config without a volume key is clean", async () => {
        const props = withField(nativeEndpointConfig(), "productionVariants[0].instanceType", "ml.g5.xlarge");
        delete props.kmsKeyId;
        assert.deepStrictEqual(await analyze(props), []);
    });
});
