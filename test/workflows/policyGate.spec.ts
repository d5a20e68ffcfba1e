import * as assert from "assert";
import { execFileSync, spawn } from "child_process";
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

interface GateRun {
    status: number | null;
    stderr: string;
    summary: string;
    headings: string[];
}

const git = (cwd: string, ...args: string[]) =>
    execFileSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "init.defaultBranch=main", ...args], {
        cwd,
        encoding: "utf8",
    });

/** The base branch: what synth needs of this repository (no docs, no tests), with one small stack; and a branch from before `synth --program`. */
function createUpstream(upstream: string): void {
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
}

/** A clone of `upstream` with a pull request committed: the pack lets 50 % through, and dev samples `sampling` %. */
function pullRequest(upstream: string, clone: string, sampling: number): void {
    git(path.dirname(clone), "clone", "-q", upstream, clone);
    fs.symlinkSync(path.join(REPOSITORY_ROOT, "node_modules"), path.join(clone, "node_modules"));
    git(clone, "checkout", "-q", "-b", "pull-request");
    const rule = fs.readFileSync(path.join(clone, RULE_FILE), "utf8");
    assert.ok(rule.includes(RULE_LINE), `${RULE_FILE} no longer declares ${RULE_LINE}; update this test`);
    fs.writeFileSync(path.join(clone, RULE_FILE), rule.replace(RULE_LINE, "export const REQUIRED_SAMPLING_PERCENTAGE = 50;"));
    fs.writeFileSync(path.join(clone, "Pulumi.dev.yaml"), stackFile(sampling));
    git(clone, "commit", "-qam", "pull request");
}

/** Runs the gate in `clone` as CI does, in a child process of its own, so that several run at once. */
function runGate(clone: string, baseRef: string): Promise<GateRun> {
    const summary = path.join(clone, "summary.md");
    return new Promise((resolve, reject) => {
        const child = spawn("bash", [".github/scripts/policy-gate.sh"], {
            cwd: clone,
            env: { ...process.env, BASE_REF: baseRef, GITHUB_STEP_SUMMARY: summary },
            stdio: ["ignore", "ignore", "pipe"],
        });
        let stderr = "";
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        child.on("error", reject);
        child.on("close", (status) => {
            const text = fs.existsSync(summary) ? fs.readFileSync(summary, "utf8") : "";
            resolve({ status, stderr, summary: text, headings: text.split("\n").filter((l) => /^(## Policy gate|> )/.test(l)) });
        });
    });
}

/** The pull requests the cases judge: each in a clone of its own, its gate started in `before` so that the three run at once. */
const CASES = {
    "weaken-and-use": { sampling: 50, baseRef: "main" },
    "weaken-only": { sampling: 100, baseRef: "main" },
    "weaken-on-legacy": { sampling: 50, baseRef: "legacy" },
};

describe(".github/scripts/policy-gate.sh judges a pull request with the base branch's pack", function () {
    // The three gates run at once, so the first case waits for all of them under the same load.
    this.timeout(600_000);
    let dir: string;
    const gates = new Map<keyof typeof CASES, Promise<GateRun>>();
    const gate = (name: keyof typeof CASES) => gates.get(name)!;

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-gate-"));
        const upstream = path.join(dir, "upstream");
        createUpstream(upstream);
        for (const [name, { sampling, baseRef }] of Object.entries(CASES) as [keyof typeof CASES, (typeof CASES)[keyof typeof CASES]][]) {
            const clone = path.join(dir, name);
            pullRequest(upstream, clone, sampling);
            const run = runGate(clone, baseRef);
            // Awaited by its case; a rejection must not go unhandled while another case runs.
            run.catch(() => undefined);
            gates.set(name, run);
        }
    });

    // The gates must end before their folder goes, whichever case failed.
    after(async () => {
        await Promise.allSettled(gates.values());
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("fails a PR that weakens the sampling rule and samples 50 %: the base pack names data-capture-sampling-100 for dev", async () => {
        const run = await gate("weaken-and-use");
        assert.strictEqual(run.status, 1, run.stderr);
        assert.deepStrictEqual(run.headings, [
            "> [!NOTE]",
            "> This pull request changes policy/ or domain/: its stacks were judged by the base branch's pack AND by its own; both must pass.",
            "## Policy gate: `dev` judged by the base branch's pack (`main`) (exit 1)",
            "## Policy gate: `dev` judged by this pull request's pack (exit 0)",
        ]);
        const baseVerdict = run.summary.split("judged by this pull request's pack")[0];
        assert.match(baseVerdict, /\n\| data-capture-sampling-100 \| mandatory \| `aws-native:sagemaker:EndpointConfig` scorer-config \| /);
        assert.ok(!fs.existsSync(path.join(dir, "weaken-and-use", ".policy-base")), "the base tree is removed");
    });

    it("passes the same PR without the 50 % stack, after both packs judged it", async () => {
        const run = await gate("weaken-only");
        assert.strictEqual(run.status, 0, run.stderr);
        assert.deepStrictEqual(run.headings.slice(2), [
            "## Policy gate: `dev` judged by the base branch's pack (`main`) (exit 0)",
            "## Policy gate: `dev` judged by this pull request's pack (exit 0)",
        ]);
        assert.doesNotMatch(run.summary, /data-capture-sampling-100/);
    });

    it("falls back to the PR's own pack, with a loud warning, when the base branch has no synth --program yet", async () => {
        const run = await gate("weaken-on-legacy");
        assert.strictEqual(run.status, 0, run.stderr);
        assert.deepStrictEqual(run.headings, [
            "> [!WARNING]",
            "> The base branch `legacy` has no `synth --program` yet: this pull request's OWN pack judged its stacks,",
            "> so a change to policy/ or domain/ here is not checked against the base branch's rules. Review them by hand.",
            "## Policy gate: `dev` judged by this pull request's pack (exit 0)",
        ]);
    });
});
