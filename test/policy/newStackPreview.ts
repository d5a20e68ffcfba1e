/**
 * The stack program as `pulumi preview` of a brand-new stack shows it to the policy pack: Pulumi's
 * mock runtime in preview mode, where no resource exists yet, so every output a provider computes
 * (ids, ARNs, URLs, key ids) is unknown, and so is every input derived from one (a hash over a
 * model name, a policy document naming a key ARN). Names the provider fills in at check time
 * (`name`, `bucket`) stay known, as they do in a real preview.
 *
 * The offline synth (tools/synth) resolves everything, so it cannot show what a real preview
 * cannot see; this runner does, so tests can assert which rules still run at preview.
 */
import { UNKNOWN_VALUE } from "../../policy/policySdkInternals";
import { SynthResource } from "../../tools/synth/policy/synthResource";
import { mockState } from "../../tools/synth/mockState";
import { ResourceModel } from "../../tools/synth/runProgram";
import { runStack } from "../../tools/synth/runStack";
import { FixtureStack, fixtureStackFile } from "../support/fixtureStacks";
import { ROOT } from "../support/synthCli";

const { isUnknown } = require("@pulumi/pulumi/output") as { isUnknown(value: unknown): boolean };

/** Outputs a provider fills in when it checks inputs, so a preview knows them. */
const CHECK_TIME_NAMES = ["name", "bucket"];
const NAME_INPUTS = ["name", "namePrefix", "bucket", "bucketPrefix"];

/** The value as the engine sends it to the analyzer: Pulumi's unknowns become the unknown sentinel. */
function withSentinels(value: unknown): any {
    if (isUnknown(value)) {
        return UNKNOWN_VALUE;
    }
    if (Array.isArray(value)) {
        return value.map(withSentinels);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withSentinels(v)]));
    }
    return value;
}

/**
 * A new stack's resource at preview: the inputs as the engine sends them, names the provider fills
 * in at check time, and every other output unknown.
 */
const newStackModel: ResourceModel = (args, context) => {
    const inputs = withSentinels(args.inputs);
    const computed = mockState(args.type, args.name, args.inputs, context).state;
    const checkTime = NAME_INPUTS.some((key) => key in args.inputs)
        ? {}
        : Object.fromEntries(CHECK_TIME_NAMES.filter((key) => key in computed).map((key) => [key, computed[key]]));
    const unknownOutputs = Object.fromEntries(
        ["id", "arn", ...Object.keys(computed)].filter((key) => !(key in inputs) && !(key in checkTime)).map((key) => [key, UNKNOWN_VALUE]),
    );
    const outputs = args.custom === false ? inputs : { ...inputs, ...checkTime, ...unknownOutputs };
    // Missing keys resolve as unknown in preview mode, and so does an empty id.
    return { record: { inputs, outputs }, result: { id: undefined, state: { ...args.inputs, ...checkTime } } };
};

/** Runs index.ts for the fixture `stack` as a new-stack preview and returns what the engine would analyze. */
export async function previewNewStack(stack: FixtureStack): Promise<SynthResource[]> {
    const run = await runStack(ROOT, stack, { configFile: fixtureStackFile(stack), model: newStackModel, preview: true });
    return [...run.resources].sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
}
