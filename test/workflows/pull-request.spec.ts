import * as assert from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";

const REPOSITORY_ROOT = path.join(__dirname, "..", "..");
const WORKFLOW_PATH = path.join(REPOSITORY_ROOT, ".github", "workflows", "pull-request.yml");
const workflow = parse(fs.readFileSync(WORKFLOW_PATH, "utf8"));

const checkout = { name: "Checkout", uses: "actions/checkout@v4" };
const setupNode = { name: "Set up Node.js 20", uses: "actions/setup-node@v4", with: { "node-version": 20, cache: "npm" } };
const install = { name: "Install", run: "npm ci" };

describe(".github/workflows/pull-request.yml", () => {
    it("runs on pull requests with read-only default permissions", () => {
        assert.deepStrictEqual(
            { name: workflow.name, on: workflow.on, permissions: workflow.permissions, jobs: Object.keys(workflow.jobs) },
            {
                name: "pull-request",
                on: { pull_request: null },
                permissions: { contents: "read" },
                jobs: ["checks", "credentials", "preview"],
            },
        );
    });

    it("checks: full-history checkout, install, npm test, the publishable policy pack as an artifact, then the policy gate with the base branch's pack, without secrets", () => {
        const { steps, ...job } = workflow.jobs.checks;
        assert.deepStrictEqual(job, { "runs-on": "ubuntu-latest" });
        assert.deepStrictEqual(steps, [
            { ...checkout, with: { "fetch-depth": 0 } },
            setupNode,
            install,
            { name: "Type check and tests", env: { CHROMIUM_PATH: "/usr/bin/google-chrome" }, run: "npm test" },
            { name: "Publishable policy pack", run: "npm run policy:publishable -- --out out/policy-pack" },
            {
                name: "Upload the publishable policy pack",
                uses: "actions/upload-artifact@v4",
                with: { name: "policy-pack", path: "out/policy-pack", "if-no-files-found": "error" },
            },
            {
                name: "Offline synth of every stack with the base branch's policy pack",
                env: { BASE_REF: "${{ github.base_ref }}" },
                run: "bash .github/scripts/policy-gate.sh",
            },
            {
                name: "Dashboard changes in the job summary",
                if: "always()",
                env: { BASE_REF: "${{ github.base_ref }}" },
                run: "bash .github/scripts/dashboard-diff.sh",
            },
        ]);
        assert.ok(!JSON.stringify(workflow.jobs.checks).includes("secrets."));
    });

    it("credentials: turns the presence of the secrets into a job output, and lists the stacks", () => {
        const job = workflow.jobs.credentials;
        assert.deepStrictEqual(job.outputs, {
            available: "${{ steps.check.outputs.available }}",
            stacks: "${{ steps.stacks.outputs.stacks }}",
        });
        assert.deepStrictEqual(
            job.steps.map(({ name, id, env }: Record<string, unknown>) => ({ name, id, env })),
            [
                { name: "Checkout", id: undefined, env: undefined },
                {
                    name: "Check for cloud credentials",
                    id: "check",
                    env: {
                        PULUMI_ACCESS_TOKEN: "${{ secrets.PULUMI_ACCESS_TOKEN }}",
                        AWS_ROLE_TO_ASSUME: "${{ secrets.AWS_ROLE_TO_ASSUME }}",
                    },
                },
                { name: "List stacks", id: "stacks", env: undefined },
            ],
        );
    });

    it("preview: only with credentials, per stack, pulumi preview --policy-pack policy through pulumi/actions with a PR comment", () => {
        const { steps, ...job } = workflow.jobs.preview;
        assert.deepStrictEqual(job, {
            needs: ["checks", "credentials"],
            if: "needs.credentials.outputs.available == 'true'",
            "runs-on": "ubuntu-latest",
            permissions: { contents: "read", "id-token": "write", "pull-requests": "write" },
            strategy: { "fail-fast": false, matrix: { stack: "${{ fromJSON(needs.credentials.outputs.stacks) }}" } },
        });
        assert.deepStrictEqual(steps, [
            checkout,
            setupNode,
            install,
            {
                name: "Configure AWS credentials",
                uses: "aws-actions/configure-aws-credentials@v4",
                with: { "role-to-assume": "${{ secrets.AWS_ROLE_TO_ASSUME }}", "aws-region": "${{ vars.AWS_REGION || 'us-east-1' }}" },
            },
            {
                name: "Choose the policy pack config",
                id: "policy-config",
                env: { STACK: "${{ matrix.stack }}" },
                run: "bash .github/scripts/policy-pack-config.sh",
            },
            {
                name: "Pulumi preview with the policy pack",
                uses: "pulumi/actions@v6",
                with: {
                    command: "preview",
                    "stack-name": "${{ matrix.stack }}",
                    upsert: true,
                    "pulumi-version": "3.248.0",
                    policyPacks: "policy",
                    policyPackConfigs: "${{ steps.policy-config.outputs.file }}",
                    "comment-on-pr": true,
                },
                env: { PULUMI_ACCESS_TOKEN: "${{ secrets.PULUMI_ACCESS_TOKEN }}" },
            },
        ]);
    });
});

describe("pull-request.yml scripts, run with bash (the policy gate: policyGate.spec.ts)", () => {
    let dir: string;
    const script = (job: string, stepName: string): string =>
        workflow.jobs[job].steps.find((s: { name: string }) => s.name === stepName).run;

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "pull-request-"));
        for (const stack of ["dev", "prod", "broken"]) {
            fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), "config: {}\n");
        }
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: x\n");
        // The steps call the repository's scripts, which the checkout holds.
        fs.cpSync(path.join(REPOSITORY_ROOT, ".github", "scripts"), path.join(dir, ".github", "scripts"), { recursive: true });
    });

    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const runScript = (body: string) => {
        const env = {
            ...process.env,
            PATH: process.env.PATH,
            GITHUB_STEP_SUMMARY: path.join(dir, "summary.md"),
            GITHUB_OUTPUT: path.join(dir, "output"),
        };
        return spawnSync("bash", ["--norc", "--noprofile", "-e", "-c", body], { cwd: dir, env, encoding: "utf8" });
    };

    it("previews a stack with its policy/stacks/<stack>.json, and a stack without one with an empty config (the pack's defaults)", () => {
        fs.mkdirSync(path.join(dir, "policy", "stacks"), { recursive: true });
        fs.writeFileSync(path.join(dir, "policy", "stacks", "prod.json"), '{ "min-instance-count": { "enabled": true } }\n');
        fs.mkdirSync(path.join(dir, "runner-temp"));
        const chosen = (stack: string) => {
            fs.rmSync(path.join(dir, "output"), { force: true });
            execFileSync("bash", ["--norc", "--noprofile", "-e", "-c", script("preview", "Choose the policy pack config")], {
                cwd: dir,
                env: {
                    PATH: process.env.PATH,
                    GITHUB_OUTPUT: path.join(dir, "output"),
                    RUNNER_TEMP: path.join(dir, "runner-temp"),
                    STACK: stack,
                },
            });
            const output = fs.readFileSync(path.join(dir, "output"), "utf8");
            const file = output.slice("file=".length, -1);
            return { output, config: fs.readFileSync(path.resolve(dir, file), "utf8") };
        };
        assert.deepStrictEqual(
            [chosen("prod"), chosen("staging")],
            [
                { output: "file=policy/stacks/prod.json\n", config: '{ "min-instance-count": { "enabled": true } }\n' },
                { output: `file=${path.join(dir, "runner-temp", "policy-defaults.json")}\n`, config: "{}\n" },
            ],
        );
    });

    it("lists the stacks as a JSON array for the preview matrix", () => {
        const result = runScript(script("credentials", "List stacks"));
        assert.strictEqual(result.status, 0);
        assert.strictEqual(fs.readFileSync(path.join(dir, "output"), "utf8"), 'stacks=["broken","dev","prod"]\n');
    });

    it("reports credentials available only when both secrets are set", () => {
        const check = script("credentials", "Check for cloud credentials");
        const outputFor = (env: Record<string, string>) => {
            fs.rmSync(path.join(dir, "output"), { force: true });
            execFileSync("bash", ["--norc", "--noprofile", "-e", "-c", check], {
                cwd: dir,
                env: { PATH: process.env.PATH, GITHUB_OUTPUT: path.join(dir, "output"), ...env },
            });
            return fs.readFileSync(path.join(dir, "output"), "utf8");
        };
        assert.deepStrictEqual(
            [
                outputFor({}),
                outputFor({ PULUMI_ACCESS_TOKEN: "t" }),
                outputFor({ PULUMI_ACCESS_TOKEN: "t", AWS_ROLE_TO_ASSUME: "arn:aws:iam::123456789012:role/ci" }),
            ],
            ["available=false\n", "available=false\n", "available=true\n"],
        );
    });
});
