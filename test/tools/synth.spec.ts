import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { mockState } from "../../tools/synth/mockState";
import { fixtureSynthArgs } from "../support/fixtureStacks";
import { synth, synthInProcess, synthStackOnce, writeStackFile } from "../support/synthCli";

function readTree(dir: string): Record<string, string> {
    const files: Record<string, string> = {};
    for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
        if (entry.isFile()) {
            const full = path.join(entry.parentPath, entry.name);
            files[path.relative(dir, full)] = fs.readFileSync(full, "utf8");
        }
    }
    return files;
}

describe("offline synth (end to end)", function () {
    this.timeout(120000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "synth-"));
    after(() => fs.rmSync(out, { recursive: true, force: true }));

    let devFiles: Record<string, string>;
    before(() => {
        const run = synth(fixtureSynthArgs("dev", path.join(out, "a")));
        assert.strictEqual(run.status, 0, run.stderr);
        devFiles = readTree(path.join(out, "a", "dev"));
    });

    it("writes the contract's files for dev", () => {
        assert.deepStrictEqual(Object.keys(devFiles).sort(), [
            "dashboards/churn-batch-dev.json",
            "dashboards/churn-dev.json",
            "dashboards/genai-dev.json",
            "dashboards/index.html",
            "dashboards/sagemaker-monitoring-dev.json",
            "policy.json",
            "resources.json",
            "summary.md",
        ]);
        assert.deepStrictEqual(JSON.parse(devFiles["policy.json"]), { violations: [] });
        assert.match(devFiles["summary.md"], /^# Offline synth: stack `dev`/);
    });

    it("dev's endpoint config captures 100 % of inputs and outputs in readable types, with enhanced metrics", () => {
        const resources = JSON.parse(devFiles["resources.json"]);
        const configs = resources.filter((r: any) => r.type === "aws-native:sagemaker:EndpointConfig");
        // Exactly what the dev fixture asks for: detailed observability on the real-time endpoint only, 10 s on the GPU endpoint.
        const detailed: Record<string, boolean> = { "churn-dev-config": true, "churn-batch-dev-config": false, "genai-dev-config": false };
        const frequency: Record<string, number> = { "churn-dev-config": 60, "churn-batch-dev-config": 60, "genai-dev-config": 10 };
        assert.deepStrictEqual(configs.map((c: any) => c.name).sort(), Object.keys(detailed).sort());
        for (const config of configs) {
            const capture = config.inputs.dataCaptureConfig;
            assert.deepStrictEqual(
                [capture.enableCapture, capture.initialSamplingPercentage, capture.captureOptions, capture.captureContentTypeHeader],
                [
                    true,
                    100,
                    [{ captureMode: "Input" }, { captureMode: "Output" }],
                    { csvContentTypes: ["text/csv"], jsonContentTypes: ["application/json"] },
                ],
            );
            assert.strictEqual(
                capture.kmsKeyId,
                mockState("aws:kms/key:Key", "capture-key", {}, { region: "us-east-1" }).state.arn,
                "the capture bucket's key",
            );
            assert.deepStrictEqual(config.inputs.metricsConfig, {
                enableEnhancedMetrics: true,
                metricPublishFrequencyInSeconds: frequency[config.name],
                enableDetailedObservability: detailed[config.name],
            });
        }
        const sorted = [...resources].sort((a: any, b: any) => (a.type === b.type ? (a.name < b.name ? -1 : 1) : a.type < b.type ? -1 : 1));
        assert.deepStrictEqual(resources, sorted, "resources are sorted by type then name");
    });

    it("is deterministic: a second run (in this process) writes byte-identical files", async () => {
        const run = await synthStackOnce("dev");
        assert.strictEqual(run.status, 0, run.stderr);
        assert.deepStrictEqual(readTree(run.dir), devFiles);
    });

    it("synthesizes prod (VPC, 10 s metrics, two instances) with exit 0", async () => {
        const run = await synthStackOnce("prod");
        assert.strictEqual(run.status, 0, run.stderr);
        const resources = JSON.parse(fs.readFileSync(path.join(run.dir, "resources.json"), "utf8"));
        const config = resources.find((r: any) => r.type === "aws-native:sagemaker:EndpointConfig" && r.name === "churn-prod-config");
        assert.strictEqual(config.inputs.metricsConfig.metricPublishFrequencyInSeconds, 10);
        assert.deepStrictEqual(
            config.inputs.productionVariants.map((v: any) => [v.variantName, v.instanceType, v.initialInstanceCount]),
            [["AllTraffic", "ml.m5.xlarge", 2]],
        );
        const model = resources.find((r: any) => r.type === "aws-native:sagemaker:Model");
        assert.strictEqual(model.inputs.enableNetworkIsolation, true);
        assert.strictEqual(model.inputs.vpcConfig.subnets.length, 3);
    });

    it("exits 2 naming all four bad paths, without a stack trace or output", () => {
        const config = path.join(out, "bad.yaml");
        fs.writeFileSync(
            config,
            [
                "config:",
                "  sagemaker-monitoring:endpoints:",
                "    - name: churn_dev",
                "      model: { image: 683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1 }",
                "      instanceType: ml.m5.large",
                "      instanceCount: 0",
                "      dataCapture: { samplingPercentage: 101 }",
                "      metrics: { publishFrequencySeconds: 15 }",
                "",
            ].join("\n"),
        );
        const run = synth(["--stack", "bad", "--config", config, "--out", out]);
        assert.strictEqual(run.status, 2);
        assert.strictEqual(
            run.stderr,
            [
                "synth: Invalid stack config: 4 invalid inputs:",
                "  - sagemaker-monitoring:endpoints[0].metrics.publishFrequencySeconds: must be one of 10, 30, 60, 120, 180, 240, 300 (got 15)",
                '  - sagemaker-monitoring:endpoints[0].name: must match ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$: letters, digits and hyphens, starting and ending with a letter or digit (got "churn_dev")',
                "  - sagemaker-monitoring:endpoints[0].instanceCount: must be an integer >= 1 (got 0)",
                "  - sagemaker-monitoring:endpoints[0].dataCapture.samplingPercentage: must be an integer from 0 to 100 (got 101)",
                "",
            ].join("\n"),
        );
        assert.strictEqual(fs.existsSync(path.join(out, "bad")), false);
    });

    it("a stack file without endpoints gets that problem with all its others, in one exit-2 run", async () => {
        const file = path.join(out, "no-endpoints.yaml");
        fs.writeFileSync(
            file,
            [
                "config:",
                "  sagemaker-monitoring:tags: { team: ml, 'aws:owner': me }",
                "  sagemaker-monitoring:captureBucket: { expirationDays: 0, forceDestroy: 'yes' }",
                "",
            ].join("\n"),
        );
        const run = await synthInProcess(["--stack", "no-endpoints", "--config", file, "--out", out]);
        assert.strictEqual(run.status, 2);
        assert.strictEqual(
            run.stderr,
            [
                "synth: Invalid stack config: 4 invalid inputs:",
                "  - sagemaker-monitoring:endpoints: is required: a list of 1 or more endpoints",
                '  - sagemaker-monitoring:captureBucket.forceDestroy: must be true or false (got "yes")',
                '  - sagemaker-monitoring:tags.aws:owner: tag key must not start with the reserved prefix "aws:" (got "aws:owner")',
                "  - sagemaker-monitoring:captureBucket.expirationDays: must be an integer from 1 to 36500 (got 0)",
                "",
            ].join("\n"),
        );
        assert.strictEqual(fs.existsSync(path.join(out, "no-endpoints")), false);
    });

    it("reports a secret synth cannot decrypt with the program's problems of the rest of the file", async () => {
        const file = path.join(out, "secret.yaml");
        writeStackFile(file, "scorer", ["instanceCount: 0"]);
        fs.appendFileSync(
            file,
            ["  sagemaker-monitoring:notifications:", "    secure: AAABAJ0x", "  sagemaker-monitoring:network: { mode: vpc }", ""].join(
                "\n",
            ),
        );
        const run = await synthInProcess(["--stack", "secret", "--config", file, "--out", out]);
        assert.strictEqual(run.status, 2);
        assert.strictEqual(
            run.stderr,
            [
                "synth: Invalid stack config: 3 invalid inputs:",
                "  - sagemaker-monitoring:notifications: is an encrypted secret, which offline synth cannot decrypt; keep secrets in Secrets Manager and pass their ARN",
                '  - sagemaker-monitoring:network.mode: must be one of "none", "create", "existing" (got "vpc")',
                "  - sagemaker-monitoring:endpoints[0].instanceCount: must be an integer >= 1 (got 0)",
                "",
            ].join("\n"),
        );
    });

    it("reads the stack file as the Pulumi CLI does: project defaults fill gaps, a misspelled key is the program's problem", async () => {
        const file = path.join(out, "cli.yaml");
        fs.writeFileSync(
            file,
            ["config:", "  sagemaker-monitoring:endpoint: []", "  sagemaker-monitoring:tags: { team: ml }", ""].join("\n"),
        );
        const run = await synthInProcess(["--stack", "cli", "--config", file, "--out", out]);
        assert.strictEqual(run.status, 2);
        assert.strictEqual(
            run.stderr,
            [
                "synth: Invalid stack config: 2 invalid inputs:",
                "  - sagemaker-monitoring:endpoints: is required: a list of 1 or more endpoints",
                '  - sagemaker-monitoring:endpoint: is not a known property; did you mean "endpoints"? (known: endpoints, captureBucket, notifications, network, tags, forwarders, dataset, gpuCatalogue)',
                "",
            ].join("\n"),
        );
        const minimal = path.join(out, "minimal.yaml");
        writeStackFile(minimal, "scorer", []);
        const ok = await synthInProcess(["--stack", "minimal", "--config", minimal, "--out", out]);
        assert.strictEqual(ok.status, 0, ok.stderr);
        const types = JSON.parse(fs.readFileSync(path.join(out, "minimal", "resources.json"), "utf8")).map((r: any) => r.type);
        assert.deepStrictEqual(
            [types.includes("awsx:ec2:Vpc"), types.includes("aws:lambda/function:Function"), types.includes("aws:sns/topic:Topic")],
            [false, false, true],
        );
    });

    it("refuses a key the program does not know with the program's own problem, among the file's other problems", async () => {
        const file = path.join(out, "typo.yaml");
        writeStackFile(file, "scorer", ["instanceCount: 0"]);
        fs.appendFileSync(
            file,
            ["  sagemaker-monitoring:captureBuckt: { prefix: capture }", "  sagemaker-monitoring:network: { mode: vpc }", ""].join("\n"),
        );
        const run = await synthInProcess(["--stack", "typo", "--config", file, "--out", out]);
        assert.strictEqual(run.status, 2);
        assert.strictEqual(
            run.stderr,
            [
                "synth: Invalid stack config: 3 invalid inputs:",
                '  - sagemaker-monitoring:network.mode: must be one of "none", "create", "existing" (got "vpc")',
                '  - sagemaker-monitoring:captureBuckt: is not a known property; did you mean "captureBucket"? (known: endpoints, captureBucket, notifications, network, tags, forwarders, dataset, gpuCatalogue)',
                "  - sagemaker-monitoring:endpoints[0].instanceCount: must be an integer >= 1 (got 0)",
                "",
            ].join("\n"),
        );
    });
});
