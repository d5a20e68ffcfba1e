/**
 * What a user does with the example stacks, done to copies of the fixtures: add a stack without a
 * policy pack config (the pack's defaults apply), add an endpoint to a stack.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { synthCommand } from "../../tools/synth/command";
import { fixtureStackFile } from "../support/fixtureStacks";
import { ROOT, synthInProcess } from "../support/synthCli";

const ENDPOINT_CONFIG = "aws-native:sagemaker:EndpointConfig";

describe("offline synth of stacks a user adds", function () {
    this.timeout(120000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "synth-new-stack-"));
    after(() => fs.rmSync(out, { recursive: true, force: true }));
    const endpointConfigs = (stack: string) =>
        JSON.parse(fs.readFileSync(path.join(out, "artifacts", stack, "resources.json"), "utf8"))
            .filter((r: any) => r.type === ENDPOINT_CONFIG)
            .map((r: any) => r.name);

    it("a new Pulumi.staging.yaml with no policy/stacks/staging.json synthesizes with the pack's defaults (exit 0)", async () => {
        // A project folder like the root one: Pulumi.yaml, the program, and a stack file but no policy/ config.
        const project = path.join(out, "project");
        fs.mkdirSync(project);
        fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
        fs.symlinkSync(path.join(ROOT, "index.ts"), path.join(project, "index.ts"));
        fs.copyFileSync(fixtureStackFile("dev"), path.join(project, "Pulumi.staging.yaml"));
        let stdout = "";
        let stderr = "";
        const io = { out: (text: string) => (stdout += text), err: (text: string) => (stderr += text) };
        const status = await synthCommand(["--stack", "staging", "--out", path.join(out, "artifacts")], project, io);
        assert.deepStrictEqual(
            { status, stdout, stderr },
            { status: 0, stdout: `synth: 138 resources, 0 policy violations -> ${path.join(out, "artifacts", "staging")}\n`, stderr: "" },
        );
        assert.deepStrictEqual(endpointConfigs("staging"), ["churn-batch-dev-config", "churn-dev-config", "genai-dev-config"]);
    });

    it("another endpoint added to a copy of the dev stack synthesizes with exit 0", async () => {
        const document = YAML.parse(fs.readFileSync(fixtureStackFile("dev"), "utf8"));
        document.config["sagemaker-monitoring:endpoints"].push({
            name: "fraud-dev",
            kind: "realtime",
            model: { image: "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1" },
            instanceType: "ml.m5.large",
        });
        const file = path.join(out, "Pulumi.three.yaml");
        fs.writeFileSync(file, YAML.stringify(document));
        const run = await synthInProcess(["--stack", "three", "--config", file, "--out", path.join(out, "artifacts")]);
        assert.strictEqual(run.status, 0, run.stderr);
        assert.deepStrictEqual(endpointConfigs("three"), [
            "churn-batch-dev-config",
            "churn-dev-config",
            "fraud-dev-config",
            "genai-dev-config",
        ]);
    });
});
