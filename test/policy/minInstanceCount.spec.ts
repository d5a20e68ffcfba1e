import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { minInstanceCount, minScalingCapacity } from "../../policy/rules/prodRules";
import { SynthResource } from "../../tools/synth/policy/synthResource";
import { fixturePolicyConfig, fixtureStackFile } from "../support/fixtureStacks";
import { synthInProcess } from "../support/synthCli";
import {
    changeField,
    CLASSIC_ENDPOINT_CONFIG,
    classicEndpointConfig,
    compliantStack,
    NATIVE_ENDPOINT_CONFIG,
    nativeEndpointConfig,
    PROD_RULES_ON,
    stackView,
    synthResource,
} from "./fixtures";
import { runResourcePolicy, runStackPolicy, UNKNOWN_VALUE, urnOf, withField } from "./harness";

const TARGET = "aws:appautoscaling/target:Target";
const none = { kind: "violations", violations: [] };
const off = { kind: "notApplicable", reason: "Prod rule switched off; set enabled: true in the policy pack config to enforce it" };
const ON = PROD_RULES_ON["min-scaling-capacity"];
const STRICT = { enabled: true, minimumCapacity: 2 };
const run = (resources: SynthResource[], config: unknown = ON) => runStackPolicy(minScalingCapacity, stackView(resources), { config });
const runWithoutConfig = (resources: SynthResource[]) => runStackPolicy(minScalingCapacity, stackView(resources));
const realtimeTarget = (minCapacity: number) =>
    synthResource(TARGET, "realtime-target", {
        resourceId: "endpoint/realtime-endpoint/variant/AllTraffic",
        scalableDimension: "sagemaker:variant:DesiredInstanceCount",
        serviceNamespace: "sagemaker",
        minCapacity,
        maxCapacity: 4,
    });

for (const { flavor, type, baseline } of [
    { flavor: "aws-native", type: NATIVE_ENDPOINT_CONFIG, baseline: nativeEndpointConfig },
    { flavor: "classic aws", type: CLASSIC_ENDPOINT_CONFIG, baseline: classicEndpointConfig },
]) {
    describe(`min-instance-count on ${flavor} endpoint configs (a resource rule: checked before the config is created)`, () => {
        const check = (props: Record<string, any>, config: unknown = PROD_RULES_ON["min-instance-count"]) =>
            runResourcePolicy(minInstanceCount, { type, name: "config", props }, { config });
        const subject = `Endpoint config "${baseline().endpointConfigName ?? baseline().name}"`;

        it("is a resource policy, so `pulumi up --skip-preview` cannot create a one-instance config before it reports", () => {
            assert.deepStrictEqual(["validateResource" in minInstanceCount, "validateStack" in minInstanceCount], [true, false]);
        });

        it("is off by default", () => {
            assert.deepStrictEqual(
                runResourcePolicy(minInstanceCount, {
                    type,
                    name: "config",
                    props: withField(baseline(), "productionVariants[0].initialInstanceCount", 1),
                }),
                off,
            );
        });

        it("passes the baseline's two instances", () => {
            assert.deepStrictEqual(check(baseline()), { kind: "violations", messages: [] });
        });

        it("an initialInstanceCount below the minimum, naming the endpoint config", () => {
            assert.deepStrictEqual(check(withField(baseline(), "productionVariants[0].initialInstanceCount", 1)), {
                kind: "violations",
                messages: [
                    `${subject}: productionVariants[0].initialInstanceCount of variant "AllTraffic" is 1, below the required minimum of 2. ` +
                        "Remediation: set productionVariants[0].initialInstanceCount to 2 or more.",
                ],
            });
        });

        it("a configured minimum of 3 fails the baseline's 2", () => {
            const outcome = check(baseline(), { enabled: true, minimumInstanceCount: 3 });
            assert.deepStrictEqual(outcome.kind === "violations" ? outcome.messages.map((m) => m.split(" Remediation:")[0]) : outcome, [
                `${subject}: productionVariants[0].initialInstanceCount of variant "AllTraffic" is 2, below the required minimum of 3.`,
            ]);
        });

        it("takes no scaling settings: allowScaleToZeroForAsync belongs to min-scaling-capacity", () => {
            assert.throws(
                () => check(baseline(), { enabled: true, allowScaleToZeroForAsync: true }),
                (error: Error) =>
                    error.message.startsWith(
                        "Invalid policy pack config (1 problem):\n  - min-instance-count.allowScaleToZeroForAsync: unknown property",
                    ),
            );
        });
    });
}

describe("the two rules split the work", () => {
    it("min-scaling-capacity leaves initialInstanceCount to min-instance-count (no policy reports the same problem twice)", () => {
        const outcome = runStackPolicy(
            minScalingCapacity,
            stackView(changeField(compliantStack(), "realtime-config", "productionVariants[0].initialInstanceCount", 1)),
            { config: ON },
        );
        assert.deepStrictEqual(outcome, none);
    });
});

describe("min-scaling-capacity (autoscaling minCapacity, a stack rule)", () => {
    it("is off by default", () => {
        assert.deepStrictEqual(runWithoutConfig(compliantStack()), {
            kind: "notApplicable",
            reason: "Prod rule switched off; set enabled: true in the policy pack config to enforce it",
        });
    });

    it("passes the compliant stack, whose async endpoint scales to zero under the explicit allowance", () => {
        assert.deepStrictEqual(run(compliantStack()), none);
    });

    it("autoscaling cannot bypass min-instance-count: initialInstanceCount 2 but a scalable target with minCapacity 1", () => {
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
                        "Remediation: set minCapacity to 2 or more, or set allowScaleToZeroForAsync: true in the min-scaling-capacity pack config if this async endpoint is meant to scale to zero.",
                },
            ],
        });
    });

    it("the allowance covers scaling to zero only: an async minCapacity of 1 is still below the minimum", () => {
        const outcome = run(changeField(compliantStack(), "async-target", "minCapacity", 1));
        assert.deepStrictEqual(
            outcome.kind === "violations" ? outcome.violations.map((v) => v.message.split(" Remediation:")[0]) : outcome,
            [
                'Scalable target endpoint/async-endpoint/variant/AllTraffic of async endpoint "async-endpoint" has minCapacity 1, below the required minimum of 2, so autoscaling can take the variant below 2 instances.',
            ],
        );
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
        assert.deepStrictEqual(
            outcome.kind === "violations" ? outcome.violations.map((v) => v.message.split(" Remediation:")[0]) : outcome,
            [
                'Scalable target realtime-target of endpoint "realtime-endpoint" has minCapacity 1, below the required minimum of 2, so autoscaling can take the variant below 2 instances.',
            ],
        );
    });
});

describe("min-scaling-capacity on the prod fixture stack (synth)", function () {
    this.timeout(120000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "min-scaling-capacity-"));
    after(() => fs.rmSync(out, { recursive: true, force: true }));

    it("prod's async endpoint scales to zero only because its policy config allows it explicitly", async () => {
        const prodConfig = fixturePolicyConfig("prod");
        assert.deepStrictEqual(
            [prodConfig["min-instance-count"], prodConfig["min-scaling-capacity"]],
            [
                { enabled: true, minimumInstanceCount: 2 },
                { enabled: true, minimumCapacity: 2, allowScaleToZeroForAsync: true },
            ],
        );
        const withoutAllowance = path.join(out, "prod-strict.json");
        fs.writeFileSync(
            withoutAllowance,
            JSON.stringify({ ...prodConfig, "min-scaling-capacity": { enabled: true, minimumCapacity: 2 } }),
        );
        const run = await synthInProcess([
            "--stack",
            "prod",
            "--config",
            fixtureStackFile("prod"),
            "--out",
            out,
            "--policy-config",
            withoutAllowance,
        ]);
        assert.strictEqual(run.status, 1, run.stderr);
        const { violations } = JSON.parse(fs.readFileSync(path.join(out, "prod", "policy.json"), "utf8"));
        assert.deepStrictEqual(
            violations
                .filter((v: any) => v.enforcementLevel === "mandatory")
                .map((v: any) => [v.policy, v.type, v.name, v.message.split(" Remediation:")[0]]),
            [
                [
                    "min-scaling-capacity",
                    TARGET,
                    "churn-batch-prod-scaling-AllTraffic",
                    'Scalable target endpoint/churn-batch-prod/variant/AllTraffic of async endpoint "churn-batch-prod" has minCapacity 0, below the required minimum of 2, so autoscaling can take the variant below 2 instances.',
                ],
            ],
        );
    });
});
