import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { DEFAULT_OUT } from "../../tools/policyPublishable";

const REPOSITORY_ROOT = path.join(__dirname, "..", "..");
const workflow = parse(fs.readFileSync(path.join(REPOSITORY_ROOT, ".github", "workflows", "publish-policy-pack.yml"), "utf8"));
const packageJson = JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, "package.json"), "utf8"));
const previewPulumiVersion = parse(
    fs.readFileSync(path.join(REPOSITORY_ROOT, ".github", "workflows", "pull-request.yml"), "utf8"),
).jobs.preview.steps.find((s: { uses?: string }) => s.uses === "pulumi/actions@v6").with["pulumi-version"];

describe(".github/workflows/publish-policy-pack.yml", () => {
    it("runs by hand for an organization, with read-only permissions", () => {
        assert.deepStrictEqual(
            { name: workflow.name, on: workflow.on, permissions: workflow.permissions, jobs: Object.keys(workflow.jobs) },
            {
                name: "publish-policy-pack",
                on: {
                    workflow_dispatch: {
                        inputs: {
                            organization: {
                                description: "The Pulumi Cloud organization to publish the pack to",
                                required: true,
                                type: "string",
                            },
                        },
                    },
                },
                permissions: { contents: "read" },
                jobs: ["publish"],
            },
        );
    });

    it("publishes the folder policy:publishable writes, its dependencies installed, with the CLI version the previews use", () => {
        const { steps, ...job } = workflow.jobs.publish;
        assert.deepStrictEqual(job, { "runs-on": "ubuntu-latest" });
        assert.deepStrictEqual(steps, [
            { name: "Checkout", uses: "actions/checkout@v4" },
            { name: "Set up Node.js 20", uses: "actions/setup-node@v4", with: { "node-version": 20, cache: "npm" } },
            { name: "Install", run: "npm ci" },
            { name: "Publishable policy pack", run: `npm run policy:publishable -- --out ${DEFAULT_OUT}` },
            { name: "Install the pack's dependencies", "working-directory": DEFAULT_OUT, run: "npm install --no-audit --no-fund" },
            { name: "Install the Pulumi CLI", uses: "pulumi/actions@v6", with: { "pulumi-version": previewPulumiVersion } },
            {
                name: "Publish the policy pack",
                "working-directory": DEFAULT_OUT,
                env: { PULUMI_ACCESS_TOKEN: "${{ secrets.PULUMI_ACCESS_TOKEN }}", ORGANIZATION: "${{ inputs.organization }}" },
                run: 'pulumi policy publish "$ORGANIZATION"',
            },
        ]);
        assert.strictEqual(packageJson.scripts["policy:publishable"], "node -r ts-node/register/transpile-only tools/policyPublishable.ts");
    });
});
