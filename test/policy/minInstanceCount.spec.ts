import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { minInstanceCount } from "../../policy/rules/prodRules";
import { SynthResource } from "../../policy/synthResource";
import { synthInProcess } from "../support/synthCli";
import { compliantStack, NATIVE_ENDPOINT_CONFIG, PROD_RULES_ON, replaceResource, stackView, synthResource } from "./fixtures";
import { runStackPolicy, UNKNOWN_VALUE, urnOf, withField } from "./harness";

const TARGET = "aws:appautoscaling/target:Target";
const none = { kind: "violations", violations: [] };
const ON = PROD_RULES_ON["min-instance-count"];
const STRICT = { enabled: true, minimumInstanceCount: 2 };
const run = (resources: SynthResource[], config: unknown = ON) => runStackPolicy(minInstanceCount, stackView(resources), { config });
const runWithoutConfig = (resources: SynthResource[]) => runStackPolicy(minInstanceCount, stackView(resources));
const changeInputs = (resources: SynthResource[], name: string, path: string, value: unknown) =>
    replaceResource(resources, name, (r) => ({ ...r, inputs: withField(r.inputs, path, value), outputs: withField(r.outputs, path, value) }));
const realtimeTarget = (minCapacity: number) =>
    synthResource(TARGET, "realtime-target", {
        resourceId: "endpoint/realtime-endpoint/variant/AllTraffic",
        scalableDimension: "sagemaker:variant:DesiredInstanceCount",
        serviceNamespace: "sagemaker",
        minCapacity,
        maxCapacity: 4,
    });

describe("min-instance-count (initial count and autoscaling minCapacity)", () => {
    it("is off by default", () => {
        assert.deepStrictEqual(runWithoutConfig(compliantStack()), {
            kind: "notApplicable",
            reason: "Prod rule switched off; set enabled: true in the policy pack config to enforce it",
        });
    });

    it("passes the compliant stack, whose async endpoint scales to zero under the explicit allowance", () => {
        assert.deepStrictEqual(run(compliantStack()), none);
    });

    it("an initialInstanceCount below the minimum, naming the endpoint config", () => {
        assert.deepStrictEqual(run(changeInputs(compliantStack(), "realtime-config", "productionVariants[0].initialInstanceCount", 1)), {
            kind: "violations",
            violations: [
                {
                    urn: urnOf(NATIVE_ENDPOINT_CONFIG, "realtime-config"),
                    message:
                        'Endpoint config "realtime-config": productionVariants[0].initialInstanceCount of variant "AllTraffic" is 1, below the required minimum of 2. ' +
                        "Remediation: set productionVariants[0].initialInstanceCount to 2 or more.",
                },
            ],
        });
    });

    it("autoscaling can no longer bypass it: initialInstanceCount 2 but a scalable target with minCapacity 1", () => {
        assert.deepStrictEqual(run([...compliantStack(), realtimeTarget(1)]), {
            kind: "violations",
            violations: [
                {
                    urn: urnOf(TARGET, "realtime-target"),
                    message:
                        'Scalable target endpoint/realtime-endpoint/variant/AllTraffic of endpoint "realtime-endpoint" has minCapacity 1, below the required minimum of 2, so autoscaling can take the variant below 2 instances. ' +
                        "Remediation: set minCapacity to 2 or more.",
                },
            ],
        });
    });

    it("scaling an async endpoint to zero is a violation unless allowScaleToZeroForAsync is set, and the message says so", () => {
        assert.deepStrictEqual(run(compliantStack(), STRICT), {
            kind: "violations",
            violations: [
                {
                    urn: urnOf(TARGET, "async-target"),
                    message:
                        'Scalable target endpoint/async-endpoint/variant/AllTraffic of async endpoint "async-endpoint" has minCapacity 0, below the required minimum of 2, so autoscaling can take the variant below 2 instances. ' +
                        "Remediation: set minCapacity to 2 or more, or set allowScaleToZeroForAsync: true in the min-instance-count pack config if this async endpoint is meant to scale to zero.",
                },
            ],
        });
    });

    it("the allowance covers scaling to zero only: an async minCapacity of 1 is still below the minimum", () => {
        const outcome = run(changeInputs(compliantStack(), "async-target", "minCapacity", 1));
        assert.deepStrictEqual(outcome.kind === "violations" ? outcome.violations.map((v) => v.message.split(" Remediation:")[0]) : outcome, [
            'Scalable target endpoint/async-endpoint/variant/AllTraffic of async endpoint "async-endpoint" has minCapacity 1, below the required minimum of 2, so autoscaling can take the variant below 2 instances.',
        ]);
    });

    it("the allowance is for async endpoints only: a real-time endpoint scaled to zero is a violation", () => {
        const outcome = run([...compliantStack(), realtimeTarget(0)]);
        assert.deepStrictEqual(outcome.kind === "violations" ? outcome.violations.map((v) => v.message) : outcome, [
            'Scalable target endpoint/realtime-endpoint/variant/AllTraffic of endpoint "realtime-endpoint" has minCapacity 0, below the required minimum of 2, so autoscaling can take the variant below 2 instances. ' +
                "Remediation: set minCapacity to 2 or more.",
        ]);
    });

    it("targets of other services are not its business", () => {
        const table = synthResource(TARGET, "table-target", {
            resourceId: "table/deliveries",
            scalableDimension: "dynamodb:table:ReadCapacityUnits",
            serviceNamespace: "dynamodb",
            minCapacity: 1,
            maxCapacity: 10,
        });
        assert.deepStrictEqual(run([...compliantStack(), table]), none);
    });

    it("during preview, a target whose resource id is built from the endpoint's output is joined through propertyDependencies", () => {
        const endpoint = compliantStack().find((r) => r.name === "realtime-endpoint")!;
        const target = { ...realtimeTarget(1), propertyDependencies: { resourceId: [endpoint.urn] } };
        const resources = [...compliantStack(), { ...target, outputs: withField(target.outputs, "resourceId", UNKNOWN_VALUE) }];
        const outcome = run(resources);
        assert.deepStrictEqual(outcome.kind === "violations" ? outcome.violations.map((v) => v.message.split(" Remediation:")[0]) : outcome, [
            'Scalable target realtime-target of endpoint "realtime-endpoint" has minCapacity 1, below the required minimum of 2, so autoscaling can take the variant below 2 instances.',
        ]);
    });
});

describe("min-instance-count on the prod stack (synth)", function () {
    this.timeout(120000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "min-instance-count-"));
    after(() => fs.rmSync(out, { recursive: true, force: true }));

    it("prod's async endpoint scales to zero only because policy/stacks/prod.json allows it explicitly", async () => {
        const prodConfig = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "policy", "stacks", "prod.json"), "utf8"));
        assert.deepStrictEqual(prodConfig["min-instance-count"], { enabled: true, minimumInstanceCount: 2, allowScaleToZeroForAsync: true });
        const withoutAllowance = path.join(out, "prod-strict.json");
        fs.writeFileSync(withoutAllowance, JSON.stringify({ ...prodConfig, "min-instance-count": { enabled: true, minimumInstanceCount: 2 } }));
        const run = await synthInProcess(["--stack", "prod", "--out", out, "--policy-config", withoutAllowance]);
        assert.strictEqual(run.status, 1, run.stderr);
        const { violations } = JSON.parse(fs.readFileSync(path.join(out, "prod", "policy.json"), "utf8"));
        assert.deepStrictEqual(
            violations.filter((v: any) => v.enforcementLevel === "mandatory").map((v: any) => [v.policy, v.type, v.name, v.message.split(" Remediation:")[0]]),
            [
                [
                    "min-instance-count",
                    TARGET,
                    "churn-batch-prod-scaling-AllTraffic",
                    'Scalable target endpoint/churn-batch-prod/variant/AllTraffic of async endpoint "churn-batch-prod" has minCapacity 0, below the required minimum of 2, so autoscaling can take the variant below 2 instances.',
                ],
            ],
        );
    });
});
