/**
 * The example stacks at the root (`Pulumi.<stack>.yaml`, and `policy/stacks/<stack>.json` where a
 * stack wants more than the pack's defaults) are the users' to edit: add an endpoint, add a stack.
 * The only thing tests ask of them is that they are valid, exactly as CI's offline synth step runs
 * them (`npm run synth -- --stack <stack>`); every other test uses test/fixtures/stacks/.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parsePackConfig } from "../../policy/config";
import { ROOT, synthInProcess } from "../support/synthCli";

const POLICY_STACKS = path.join(ROOT, "policy", "stacks");
const stackFiles = fs
    .readdirSync(ROOT)
    .filter((file) => /^Pulumi\..+\.yaml$/.test(file))
    .sort();
const stackOf = (file: string) => file.slice("Pulumi.".length, -".yaml".length);
const policyConfigFiles = fs.existsSync(POLICY_STACKS)
    ? fs
          .readdirSync(POLICY_STACKS)
          .filter((file) => file.endsWith(".json"))
          .sort()
    : [];

describe("the example stacks at the root", function () {
    this.timeout(120000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "example-stacks-"));
    after(() => fs.rmSync(out, { recursive: true, force: true }));

    for (const file of stackFiles) {
        it(`${file} synthesizes with exit 0 and no mandatory policy violation`, async () => {
            const run = await synthInProcess(["--stack", stackOf(file), "--out", out]);
            assert.strictEqual(run.status, 0, `${file}: npm run synth -- --stack ${stackOf(file)} exited ${run.status}:\n${run.stderr}`);
        });
    }

    it("every policy/stacks/*.json belongs to a stack file and is a valid pack config (the Pulumi CLI ignores unknown rule names)", () => {
        const problems = policyConfigFiles.flatMap((file) => {
            const stackFile = `Pulumi.${path.basename(file, ".json")}.yaml`;
            if (!stackFiles.includes(stackFile)) {
                return [`policy/stacks/${file}: no ${stackFile} at the root; rename it after a stack or delete it`];
            }
            try {
                parsePackConfig(JSON.parse(fs.readFileSync(path.join(POLICY_STACKS, file), "utf8")));
                return [];
            } catch (error) {
                return [`policy/stacks/${file}: ${(error as Error).message}`];
            }
        });
        assert.deepStrictEqual(problems, []);
    });
});
