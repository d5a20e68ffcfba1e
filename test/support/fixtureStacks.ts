/**
 * The stacks tests synthesize: test/fixtures/stacks/<name>/ holds a stack file and its policy pack
 * config, copies of the example stacks taken when the tests were written. Tests pin these, never the
 * example `Pulumi.<stack>.yaml` files or `policy/stacks/*.json` at the root, which users edit (the
 * only tests that read those check that they are valid: test/examples/exampleStacks.spec.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { FeatureSchema } from "../../domain/dataset/featureSchema";

export type FixtureStack = "dev" | "prod";

const FIXTURES = path.resolve(__dirname, "..", "fixtures", "stacks");

/** The fixture's stack file, as `--config` takes it. */
export function fixtureStackFile(stack: FixtureStack): string {
    return path.join(FIXTURES, stack, `Pulumi.${stack}.yaml`);
}

/** The fixture's policy pack config file, as `--policy-config` takes it. */
export function fixturePolicyConfigFile(stack: FixtureStack): string {
    return path.join(FIXTURES, stack, "policy.json");
}

/** The fixture's policy pack config, parsed. */
export function fixturePolicyConfig(stack: FixtureStack): Record<string, unknown> {
    return JSON.parse(fs.readFileSync(fixturePolicyConfigFile(stack), "utf8"));
}

/** `npm run synth` flags that synthesize the fixture as stack `stack` into `<out>/<stack>/`. */
export function fixtureSynthArgs(stack: FixtureStack, out: string): string[] {
    return ["--stack", stack, "--config", fixtureStackFile(stack), "--policy-config", fixturePolicyConfigFile(stack), "--out", out];
}

/** churn-dev's `features` in the dev fixture: the five columns of its smoke row "0.42,1,0,37.5,2", and the score. */
export const CHURN_DEV_FEATURES: FeatureSchema = {
    inputs: [
        { name: "usage_trend", type: "double" },
        { name: "has_contract", type: "integer" },
        { name: "has_auto_pay", type: "integer" },
        { name: "monthly_charges", type: "double" },
        { name: "support_calls", type: "integer" },
    ],
    outputs: [{ name: "churn_probability", type: "double" }],
};
