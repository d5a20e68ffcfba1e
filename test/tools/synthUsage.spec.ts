/**
 * `npm run synth` on bad input: exit 2, every problem at once, each naming the flag and the fix,
 * never a raw ENOENT or stack trace; `--help` describes every flag with its default.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { synthCommand } from "../../tools/synth/command";
import { ROOT, writeStackFile } from "../support/synthCli";

const USAGE = [
    "usage: npm run synth -- --stack <name> [--config <file>] [--program <index.ts>] [--out <dir>] [--policy-config <file>]",
    "(npm run synth -- --help describes every flag)",
    "",
].join("\n");

describe("npm run synth: --help and usage errors", function () {
    this.timeout(60000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "synth-usage-"));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    // A project folder of its own, so messages that list stack files do not depend on the examples.
    const project = path.join(dir, "project");
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: sagemaker-monitoring\n");
    fs.writeFileSync(path.join(project, "Pulumi.alpha.yaml"), "config: {}\n");

    async function synth(argv: string[], projectDir = project) {
        let stdout = "";
        let stderr = "";
        const status = await synthCommand(argv, projectDir, { out: (t) => (stdout += t), err: (t) => (stderr += t) });
        return { status, stdout, stderr };
    }

    it("--help and -h print the usage, every flag with its default, the exit statuses and examples, and exit 0", async () => {
        const help = [
            "usage: npm run synth -- --stack <name> [--config <file>] [--program <index.ts>] [--out <dir>] [--policy-config <file>]",
            "",
            "Runs the stack program (this repository's index.ts, or any Pulumi TypeScript program with --program) offline under Pulumi's" +
                " mock runtime (no cloud credentials), checks the resources with this repository's policy pack," +
                " and writes resources.json, policy.json, summary.md and dashboards/ to <out>/<stack>/.",
            "",
            "flags:",
            "  --stack <name>          the stack: letters, digits, _ . and - [required]",
            "  --config <file>         the stack file to read" +
                " [default: Pulumi.<stack>.yaml next to the program (with --program: none when there is none)]",
            "  --program <index.ts>    any Pulumi TypeScript program to run instead; the Pulumi.yaml next to it, if any, names the project" +
                " [default: this repository's index.ts]",
            "  --out <dir>             where to write; the files go to <dir>/<stack>/ [default: out]",
            "  --policy-config <file>  the policy pack config: JSON, as pulumi --policy-pack-config takes it" +
                " [default: this repository's policy/stacks/<stack>.json when it exists, else the pack's defaults]",
            "  -h, --help              print this help and exit",
            "",
            "exit status: 0 clean, 1 a mandatory policy violation, 2 invalid input (flags, stack file, policy config), 3 internal error",
            "",
            "examples:",
            "  npm run synth -- --stack dev",
            "  npm run synth -- --stack staging --config ./Pulumi.dev.yaml --out /tmp/synth",
            "  npm run synth -- --stack dev --program ../other-project/index.ts --config ../other-project/Pulumi.dev.yaml",
            "",
        ].join("\n");
        assert.deepStrictEqual(
            [await synth(["--help"]), await synth(["--stack", "dev", "-h", "--bogus"])],
            [
                { status: 0, stdout: help, stderr: "" },
                { status: 0, stdout: help, stderr: "" },
            ],
        );
    });

    it("exits 2 naming the closest flag for a misspelt one, every flag problem at once, then the usage", async () => {
        assert.deepStrictEqual(await synth(["--stak", "alpha", "extra", "--policy", "p.json", "--out", "--x", "1"]), {
            status: 2,
            stdout: "",
            stderr:
                "synth: unknown flag --stak; did you mean --stack?\n" +
                'synth: unexpected argument "extra" (a value goes right after its flag: --flag value)\n' +
                "synth: unknown flag --policy; did you mean --policy-config?\n" +
                "synth: --out needs a value: --out <dir>\n" +
                "synth: unknown flag --x (known: --stack, --config, --program, --out, --policy-config)\n" +
                USAGE,
        });
    });

    it("exits 2 for a missing --stack, a repeated flag and a stack name that is no name", async () => {
        assert.deepStrictEqual(
            [await synth([]), await synth(["--stack=a/b", "--out", "x", "--out=y"])],
            [
                { status: 2, stdout: "", stderr: "synth: --stack <name> is required: the stack: letters, digits, _ . and -\n" + USAGE },
                {
                    status: 2,
                    stdout: "",
                    stderr:
                        "synth: --out is given more than once\n" +
                        'synth: --stack "a/b" is not a stack name; use letters, digits, _ . and -\n' +
                        USAGE,
                },
            ],
        );
    });

    it("exits 2 naming every flag whose file or folder is wrong, before running anything", async () => {
        const notJson = path.join(dir, "not-json");
        fs.mkdirSync(notJson);
        const aFile = path.join(dir, "a-file");
        fs.writeFileSync(aFile, "");
        const missing = path.join(dir, "missing.yaml");
        const run = await synth(["--stack", "alpha", "--config", missing, "--policy-config", notJson, "--out", path.join(aFile, "out")]);
        assert.deepStrictEqual(run, {
            status: 2,
            stdout: "",
            stderr:
                `synth: --config ${missing}: no such file; pass a stack file (the format of Pulumi.<stack>.yaml), or leave --config out\n` +
                `synth: --policy-config ${notJson} is a folder, not a file; pass a policy pack config (JSON),` +
                " or leave --policy-config out to use policy/stacks/<stack>.json or the pack's defaults\n" +
                `synth: --out ${path.join(aFile, "out")} is under ${aFile}, which is a file, not a folder;` +
                " pass a folder (created when missing), or leave --out out to write to out/\n",
        });
        assert.deepStrictEqual(await synth(["--stack", "alpha", "--out", aFile]), {
            status: 2,
            stdout: "",
            stderr: `synth: --out ${aFile} is a file, not a folder; pass a folder (created when missing), or leave --out out to write to out/\n`,
        });
    });

    it("exits 2 for a stack without a stack file, listing the stack files there", async () => {
        assert.deepStrictEqual(await synth(["--stack", "beta"]), {
            status: 2,
            stdout: "",
            stderr: `synth: --stack beta: there is no Pulumi.beta.yaml in ${project} (stack files there: Pulumi.alpha.yaml); add one, or pass --config <file>\n`,
        });
    });

    it("exits 2 for a policy config that is not JSON or not a valid pack config, naming where it came from", async () => {
        const stackFile = path.join(dir, "scorer.yaml");
        writeStackFile(stackFile, "scorer", []);
        const broken = path.join(dir, "broken.json");
        fs.writeFileSync(broken, "{");
        const misspelt = path.join(dir, "misspelt.json");
        fs.writeFileSync(misspelt, JSON.stringify({ "data-capture-sampling": { minimumSamplingPercentage: 100 } }));
        fs.mkdirSync(path.join(project, "policy", "stacks"), { recursive: true });
        fs.writeFileSync(path.join(project, "policy", "stacks", "alpha.json"), "");
        const run = (policyConfig: string[]) =>
            synth(["--stack", "alpha", "--config", stackFile, "--out", path.join(dir, "out"), ...policyConfig]);
        assert.deepStrictEqual(
            [await run(["--policy-config", broken]), await run([])],
            [
                {
                    status: 2,
                    stdout: "",
                    stderr: `synth: --policy-config ${broken} is not valid JSON (Expected property name or '}' in JSON at position 1); fix the file\n`,
                },
                {
                    status: 2,
                    stdout: "",
                    stderr: "synth: policy/stacks/alpha.json is not valid JSON (Unexpected end of JSON input); fix the file\n",
                },
            ],
        );
        // A pack config that is JSON but names an unknown rule is found once the program ran (with the real project).
        const invalid = await synth(
            ["--stack", "alpha", "--config", stackFile, "--out", path.join(dir, "out"), "--policy-config", misspelt],
            ROOT,
        );
        assert.deepStrictEqual(
            [invalid.status, invalid.stderr.split("\n")[0]],
            [2, `synth: --policy-config ${misspelt}: Invalid policy pack config (1 problem):`],
        );
    });
});
