import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { applyAll, asOutput } from "../../components/core/outputs";
import { runProgram } from "../../tools/synth/runProgram";
import { declaredWithDependencies, TEST_PROJECT, TEST_STACK } from "../support/pulumiMocks";

function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

/** Runs `body` under the mock runtime (deployed state unless `preview`), and returns what it returned. */
async function underMocks<T>(body: () => Promise<T>, preview = false): Promise<T> {
    let result: Promise<T> | undefined;
    await runProgram({
        program: () => {
            result = body();
        },
        project: TEST_PROJECT,
        stack: TEST_STACK,
        config: {},
        context: { region: "us-east-1" },
        // A preview where no resource has outputs yet: every output is unknown.
        ...(preview
            ? { preview, model: (args) => ({ record: { inputs: args.inputs, outputs: {} }, result: { id: undefined, state: {} } }) }
            : {}),
    });
    return result!;
}

describe("components/core/outputs", () => {
    it("asOutput returns an Output as it is, and a string as an Output of it", async () => {
        const [same, value] = await underMocks(async () => {
            const given = pulumi.output("arn:aws:sns:us-east-1:123456789012:alarms");
            return [asOutput(given) === given, await outputValue(asOutput("bucket-a"))] as const;
        });
        assert.strictEqual(same, true);
        assert.strictEqual(value, "bucket-a");
    });

    it("applyAll hands f every key in the record's order, Outputs, arrays of Outputs and plain values resolved", async () => {
        const seen = await underMocks(() =>
            outputValue(
                applyAll(
                    {
                        plain: 2,
                        first: pulumi.output("a"),
                        missing: undefined,
                        names: [pulumi.output("m1"), "m2"],
                        last: pulumi.output({ k: "v" }),
                    },
                    (resolved) => ({ keys: Object.keys(resolved), resolved }),
                ),
            ),
        );
        assert.deepStrictEqual(seen.keys, ["plain", "first", "missing", "names", "last"]);
        assert.deepStrictEqual(seen.resolved, { plain: 2, first: "a", missing: undefined, names: ["m1", "m2"], last: { k: "v" } });
    });

    it("applyAll without any Output still applies f to the record", async () => {
        const value = await underMocks(() => outputValue(applyAll({ a: 1, b: ["x"] }, ({ a, b }) => `${a}-${b.join(",")}`)));
        assert.strictEqual(value, "1-x");
    });

    it("applyAll's Output is secret when any input is, like pulumi.output's", async () => {
        const [secret, plain] = await underMocks(async () => [
            await pulumi.isSecret(applyAll({ a: pulumi.output("a"), b: pulumi.secret("b") }, ({ a, b }) => a + b)),
            await pulumi.isSecret(applyAll({ a: pulumi.output("a"), b: pulumi.output("b") }, ({ a, b }) => a + b)),
        ]);
        assert.deepStrictEqual([secret, plain], [true, false]);
    });

    it("applyAll's Output is unknown, and f not run, when an input is unknown (preview)", async () => {
        const calls: string[] = [];
        const known = await underMocks(async () => {
            const topic = new aws.sns.Topic("unknown-arn", {});
            const combined = applyAll({ arn: topic.arn, name: pulumi.output("n") }, ({ arn, name }) => {
                calls.push(`${arn}/${name}`);
                return `${arn}/${name}`;
            });
            return (combined as unknown as { isKnown: Promise<boolean> }).isKnown;
        }, true);
        assert.strictEqual(known, false);
        assert.deepStrictEqual(calls, []);
    });

    it("in a preview, applyAll's Output keeps the secrecy and the resources of inputs after an unknown one", async () => {
        const seen = await underMocks(async () => {
            const first = new aws.sns.Topic("first", {});
            const second = new aws.sns.Topic("second", {});
            const combined = applyAll({ a: first.arn, b: second.arn, s: pulumi.secret("x") }, (r) => `${r.a},${r.b},${r.s}`);
            const internals = combined as unknown as { isSecret: Promise<boolean>; allResources(): Promise<Set<pulumi.Resource>> };
            const resources = await internals.allResources();
            return {
                secret: await internals.isSecret,
                resources: [...resources].map((r) => (r === first ? "first" : r === second ? "second" : "?")).sort(),
            };
        }, true);
        assert.deepStrictEqual(seen, { secret: true, resources: ["first", "second"] });
    });

    it("a resource given applyAll's Output depends on every resource behind its inputs", async () => {
        const { dependencies } = await declaredWithDependencies(() => {
            const alarms = new aws.sns.Topic("alarms", {});
            const errors = new aws.sns.Topic("errors", {});
            new aws.ssm.Parameter("both", {
                type: "String",
                value: applyAll({ alarms: alarms.arn, errors: errors.arn, label: "x" }, (r) => `${r.alarms},${r.errors},${r.label}`),
            });
        });
        assert.deepStrictEqual([...dependencies.get("both")!].sort(), [
            `urn:pulumi:${TEST_STACK}::${TEST_PROJECT}::aws:sns/topic:Topic::alarms`,
            `urn:pulumi:${TEST_STACK}::${TEST_PROJECT}::aws:sns/topic:Topic::errors`,
        ]);
    });
});
