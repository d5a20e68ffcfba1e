/**
 * data-capture-config-in-stack: endpoints and inference components must run on an endpoint
 * config of the stack, so the capture rules can see it. Inference components are aws-native only.
 */
import * as assert from "assert";
import { dataCaptureConfigInStack } from "../../policy/rules/captureConfigInStack";
import { evaluatePolicyPack } from "../../tools/synth/policy/offline";
import { SynthResource } from "../../tools/synth/policy/synthResource";
import { compliantStack, stackView, synthResource } from "./fixtures";
import { runStackPolicy, UNKNOWN_VALUE, urnOf } from "./harness";

const IC = "aws-native:sagemaker:InferenceComponent";
const ENDPOINT = "aws-native:sagemaker:Endpoint";
const REMEDIATION =
    ' Remediation: declare the endpoint and its endpoint config in this stack (for example with RealtimeEndpoint or AsyncEndpoint), or exempt the endpoint in "data-capture-exemptions" with a reason and an expiry.';

const component = (endpointName: unknown, extra: Partial<SynthResource> = {}) => ({
    ...synthResource(IC, "ranker-ic", {
        endpointName,
        inferenceComponentName: "ranker",
        specification: { modelName: "ranker-model", computeResourceRequirements: { minMemoryRequiredInMb: 1024 } },
        runtimeConfig: { copyCount: 1 },
    }),
    ...extra,
});
const run = (resources: SynthResource[]) => runStackPolicy(dataCaptureConfigInStack, stackView(resources));
const none = { kind: "violations", violations: [] };

describe("data-capture-config-in-stack", () => {
    it("the compliant stack's endpoints run on its own endpoint configs", () => {
        assert.deepStrictEqual(run(compliantStack()), none);
    });

    it("an inference component on an endpoint of the stack passes, found by name or by propertyDependencies", () => {
        const endpoint = compliantStack().find((r) => r.name === "realtime-endpoint")!;
        const byDependency = component(UNKNOWN_VALUE, { propertyDependencies: { endpointName: [endpoint.urn] } });
        assert.deepStrictEqual(
            [run([...compliantStack(), component("realtime-endpoint")]), run([...compliantStack(), byDependency])],
            [none, none],
        );
    });

    it("an inference component on an endpoint outside the stack: no capture rule could see its endpoint config", () => {
        assert.deepStrictEqual(run([...compliantStack(), component("legacy-ep")]), {
            kind: "violations",
            violations: [
                {
                    urn: urnOf(IC, "ranker-ic"),
                    message: `Inference component "ranker": runs on endpoint "legacy-ep", which is not declared in this stack, so the Data Capture rules cannot check its endpoint config.${REMEDIATION}`,
                },
            ],
        });
    });

    it("an endpoint on an endpoint config created elsewhere", () => {
        const external = synthResource(ENDPOINT, "legacy-endpoint", { endpointName: "legacy-ep", endpointConfigName: "made-by-hand" });
        assert.deepStrictEqual(run([...compliantStack(), external]), {
            kind: "violations",
            violations: [
                {
                    urn: urnOf(ENDPOINT, "legacy-endpoint"),
                    message: `Endpoint "legacy-ep": runs endpoint config "made-by-hand", which is not declared in this stack, so the Data Capture rules cannot check it.${REMEDIATION}`,
                },
            ],
        });
    });

    it("an unknown endpoint name with no dependency cannot be joined during preview: 'can't run'", () => {
        assert.deepStrictEqual(run([...compliantStack(), component(UNKNOWN_VALUE)]), {
            kind: "unknown",
            message: "string value at .endpointName can't be known during preview",
        });
    });

    it("is mandatory through the pack, and an exemption turns the violation into an advisory note", () => {
        const stack = [...compliantStack(), component("legacy-ep")];
        const exemptions = [{ endpoint: "legacy-ep", rule: "data-capture-config-in-stack", reason: "migrating", expires: "2099-12-31" }];
        assert.deepStrictEqual(
            [
                evaluatePolicyPack(stack, undefined).map((v) => [v.enforcementLevel, v.policy, v.name]),
                evaluatePolicyPack(stack, { "data-capture-exemptions": { exemptions } }).map((v) => [
                    v.enforcementLevel,
                    v.policy,
                    v.message,
                ]),
            ],
            [
                [["mandatory", "data-capture-config-in-stack", "ranker-ic"]],
                [
                    [
                        "advisory",
                        "data-capture-exemptions",
                        `data-capture-config-in-stack: Inference component "ranker": runs on endpoint "legacy-ep", which is not declared in this stack, so the Data Capture rules cannot check its endpoint config.${REMEDIATION} (exempted: migrating, until 2099-12-31)`,
                    ],
                ],
            ],
        );
    });
});
