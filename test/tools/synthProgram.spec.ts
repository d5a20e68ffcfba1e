import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT, synthInProcess } from "../support/synthCli";

const PROGRAM_DIR = path.join(ROOT, "test", "fixtures", "programs", "classic-sagemaker");

describe("npm run synth -- --program: any Pulumi TypeScript program, judged by this repository's pack", function () {
    this.timeout(120000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "synth-program-"));
    after(() => fs.rmSync(out, { recursive: true, force: true }));

    it("exits 1 for a classic @pulumi/aws program sampling 50 % with an administrator role, naming both rules", async () => {
        const run = await synthInProcess([
            "--stack",
            "dev",
            "--program",
            path.join(PROGRAM_DIR, "index.ts"),
            "--config",
            path.join(PROGRAM_DIR, "Pulumi.dev.yaml"),
            "--out",
            out,
        ]);
        const read = (file: string) => fs.readFileSync(path.join(out, "dev", file), "utf8");
        assert.strictEqual(run.status, 1, run.stderr);
        // Names carry the project of the program's own Pulumi.yaml; the sampling comes from its stack file.
        assert.deepStrictEqual(JSON.parse(read("policy.json")).violations, [
            {
                policy: "iam-no-wildcards",
                enforcementLevel: "mandatory",
                type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                name: "classic-sagemaker-admin",
                message:
                    "policyArn attaches the AWS-managed policy arn:aws:iam::aws:policy/AdministratorAccess, which grants every action on every resource." +
                    " Remediation: attach a customer-managed policy that names the exact actions and resources instead.",
            },
            {
                policy: "data-capture-sampling-100",
                enforcementLevel: "mandatory",
                type: "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
                name: "classic-sagemaker-config",
                message:
                    'Endpoint config resource "classic-sagemaker-config": dataCaptureConfig.initialSamplingPercentage is 50, below the required minimum of 100.' +
                    " Remediation: set dataCaptureConfig.initialSamplingPercentage to 100.",
            },
            {
                policy: "enhanced-metrics-enabled",
                enforcementLevel: "mandatory",
                type: "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
                name: "classic-sagemaker-config",
                message:
                    'Endpoint config resource "classic-sagemaker-config": aws:sagemaker/endpointConfiguration:EndpointConfiguration cannot enable enhanced metrics:' +
                    " @pulumi/aws has no metricsConfig. Remediation: declare this endpoint config as aws-native:sagemaker:EndpointConfig and set" +
                    " metricsConfig.enableEnhancedMetrics to true and metricsConfig.metricPublishFrequencyInSeconds to one of 10, 30, 60.",
            },
        ]);
        assert.deepStrictEqual(
            JSON.parse(read("resources.json")).map((r: { type: string; name: string }) => `${r.type} ${r.name}`),
            [
                "aws:iam/role:Role classic-sagemaker-role",
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment classic-sagemaker-admin",
                "aws:kms/key:Key classic-sagemaker-capture-key",
                "aws:sagemaker/endpointConfiguration:EndpointConfiguration classic-sagemaker-config",
                "aws:sagemaker/model:Model classic-sagemaker-model",
            ],
        );
        assert.match(read("summary.md"), /^# Offline synth: stack `dev`\n\n5 resources\./);
    });

    it("exits 2 naming --program when the program does not exist, and a missing --config as ever", async () => {
        const run = await synthInProcess(["--stack", "dev", "--program", "nope/index.ts", "--config", "nope.yaml", "--out", out]);
        assert.deepStrictEqual(run, {
            status: 2,
            stdout: "",
            stderr:
                "synth: --program nope/index.ts: no such file; pass a Pulumi TypeScript program (its index.ts), or leave --program out\n" +
                "synth: --config nope.yaml: no such file; pass a stack file (the format of Pulumi.<stack>.yaml), or leave --config out\n",
        });
    });
});
