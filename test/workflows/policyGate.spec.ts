import * as assert from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const REPOSITORY_ROOT = path.join(__dirname, "..", "..");

/** One small endpoint: a stack that synthesizes in seconds. */
const stackFile = (samplingPercentage: number) =>
    [
        "config:",
        "  aws:region: us-east-1",
        "  sagemaker-monitoring:endpoints:",
        "    - name: scorer",
        "      model: { image: 683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1 }",
        "      instanceType: ml.m5.large",
        `      dataCapture: { samplingPercentage: ${samplingPercentage} }`,
        "",
    ].join("\n");

const RULE_FILE = path.join("policy", "rules", "captureChecks.ts");
const RULE_LINE = "export const REQUIRED_SAMPLING_PERCENTAGE = 100;";

describe(".github/scripts/policy-gate.sh judges a pull request with the base branch's pack", function () {
    this.timeout(240000);
    let dir: string;
    let clone: string;
    const git = (cwd: string, ...args: string[]) =>
        execFileSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "init.defaultBranch=main", ...args], {
            cwd,
            encoding: "utf8",
        });

    before(() => {
        // The base branch: what synth needs of this repository (no docs, no tests), with one small stack.
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-gate-"));
        const upstream = path.join(dir, "upstream");
        const files = git(REPOSITORY_ROOT, "ls-files", "--cached", "--others", "--exclude-standard")
            .split("\n")
            .filter((file) => file !== "" && !/^(docs|test|examples)\/|\.md$|^Pulumi\..+\.yaml$/.test(file));
        for (const file of files) {
            fs.mkdirSync(path.dirname(path.join(upstream, file)), { recursive: true });
            fs.copyFileSync(path.join(REPOSITORY_ROOT, file), path.join(upstream, file));
        }
        fs.writeFileSync(path.join(upstream, "Pulumi.dev.yaml"), stackFile(100));
        git(upstream, "init", "-q");
        git(upstream, "add", "-A");
        git(upstream, "commit", "-qm", "base");
        // A base branch from before `synth --program` (never run: the gate falls back to the PR's pack).
        git(upstream, "checkout", "-q", "-b", "legacy");
        const command = path.join(upstream, "tools", "synth", "command.ts");
        fs.writeFileSync(command, fs.readFileSync(command, "utf8").replace(/"--program"/g, '"--no-such-flag"'));
        git(upstream, "commit", "-qam", "before --program");
        git(upstream, "checkout", "-q", "main");
        clone = path.join(dir, "clone");
        git(dir, "clone", "-q", upstream, clone);
        fs.symlinkSync(path.join(REPOSITORY_ROOT, "node_modules"), path.join(clone, "node_modules"));
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    /** Commits the pull request on a fresh branch: the pack lets 50 % through, and dev samples `sampling` %. */
    const pullRequest = (branch: string, sampling: number) => {
        git(clone, "checkout", "-q", "-B", branch, "origin/main");
        const rule = fs.readFileSync(path.join(clone, RULE_FILE), "utf8");
        assert.ok(rule.includes(RULE_LINE), `${RULE_FILE} no longer declares ${RULE_LINE}; update this test`);
        fs.writeFileSync(path.join(clone, RULE_FILE), rule.replace(RULE_LINE, "export const REQUIRED_SAMPLING_PERCENTAGE = 50;"));
        fs.writeFileSync(path.join(clone, "Pulumi.dev.yaml"), stackFile(sampling));
        git(clone, "commit", "-qam", "pull request");
    };

    const runGate = (baseRef = "main") => {
        const summary = path.join(clone, "summary.md");
        fs.rmSync(summary, { force: true });
        const result = spawnSync("bash", [".github/scripts/policy-gate.sh"], {
            cwd: clone,
            env: { ...process.env, BASE_REF: baseRef, GITHUB_STEP_SUMMARY: summary },
            encoding: "utf8",
        });
        const text = fs.existsSync(summary) ? fs.readFileSync(summary, "utf8") : "";
        return {
            status: result.status,
            stderr: result.stderr,
            summary: text,
            headings: text.split("\n").filter((l) => /^(## Policy gate|> )/.test(l)),
        };
    };

    it("fails a PR that weakens the sampling rule and samples 50 %: the base pack names data-capture-sampling-100 for dev", () => {
        pullRequest("weaken-and-use", 50);
        const gate = runGate();
        assert.strictEqual(gate.status, 1, gate.stderr);
        assert.deepStrictEqual(gate.headings, [
            "> [!NOTE]",
            "> This pull request changes policy/ or domain/: its stacks were judged by the base branch's pack AND by its own; both must pass.",
            "## Policy gate: `dev` judged by the base branch's pack (`main`) (exit 1)",
            "## Policy gate: `dev` judged by this pull request's pack (exit 0)",
        ]);
        const baseVerdict = gate.summary.split("judged by this pull request's pack")[0];
        assert.match(baseVerdict, /\n\| data-capture-sampling-100 \| mandatory \| `aws-native:sagemaker:EndpointConfig` scorer-config \| /);
        assert.ok(!fs.existsSync(path.join(clone, ".policy-base")), "the base tree is removed");
    });

    it("passes the same PR without the 50 % stack, after both packs judged it", () => {
        pullRequest("weaken-only", 100);
        const gate = runGate();
        assert.strictEqual(gate.status, 0, gate.stderr);
        assert.deepStrictEqual(gate.headings.slice(2), [
            "## Policy gate: `dev` judged by the base branch's pack (`main`) (exit 0)",
            "## Policy gate: `dev` judged by this pull request's pack (exit 0)",
        ]);
        assert.doesNotMatch(gate.summary, /data-capture-sampling-100/);
    });

    it("falls back to the PR's own pack, with a loud warning, when the base branch has no synth --program yet", () => {
        pullRequest("weaken-on-legacy", 50);
        const gate = runGate("legacy");
        assert.strictEqual(gate.status, 0, gate.stderr);
        assert.deepStrictEqual(gate.headings, [
            "> [!WARNING]",
            "> The base branch `legacy` has no `synth --program` yet: this pull request's OWN pack judged its stacks,",
            "> so a change to policy/ or domain/ here is not checked against the base branch's rules. Review them by hand.",
            "## Policy gate: `dev` judged by this pull request's pack (exit 0)",
        ]);
    });
});
