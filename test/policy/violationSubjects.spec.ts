/**
 * Violations on endpoint configs and models name the resource and, through the component it was
 * declared in, the endpoint: a reviewer must see which endpoint broke the rule, not only the
 * config's logical name.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parentComponent } from "../../policy/rules/ruleKit";
import { synthInProcess, writeStackFile } from "../support/synthCli";

describe("violation subjects", () => {
    it("the parent component is named by its type and logical name; the stack is no component", () => {
        assert.deepStrictEqual(
            [
                parentComponent("urn:pulumi:dev::sagemaker-monitoring::sagemaker-monitoring:endpoint:RealtimeEndpoint::churn-dev"),
                parentComponent(
                    "urn:pulumi:dev::sagemaker-monitoring::sagemaker-monitoring:endpoint:AsyncEndpoint$sagemaker-monitoring:storage:AsyncOutputBucket::churn-batch-io",
                ),
                parentComponent("urn:pulumi:dev::sagemaker-monitoring::pulumi:pulumi:Stack::sagemaker-monitoring-dev"),
                parentComponent(undefined),
            ],
            ['RealtimeEndpoint "churn-dev"', 'AsyncOutputBucket "churn-batch-io"', undefined, undefined],
        );
    });
});

describe("synth of an endpoint sampling 50 %", function () {
    this.timeout(120000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "violation-subjects-"));
    after(() => fs.rmSync(out, { recursive: true, force: true }));

    it("names the endpoint (its component) and the physical config name in the message, not only the config resource", async () => {
        const file = path.join(out, "sampling.yaml");
        writeStackFile(file, "scorer", ["dataCapture: { samplingPercentage: 50 }"]);
        const run = await synthInProcess(["--stack", "sampling", "--config", file, "--out", out]);
        assert.strictEqual(run.status, 1, run.stderr);
        const { violations } = JSON.parse(fs.readFileSync(path.join(out, "sampling", "policy.json"), "utf8"));
        const [violation] = violations;
        assert.deepStrictEqual(
            [violations.length, violation.policy, violation.type, violation.name],
            [1, "data-capture-sampling-100", "aws-native:sagemaker:EndpointConfig", "scorer-config"],
        );
        // The config's physical name is "<endpoint>-<content hash>".
        assert.match(
            violation.message,
            /^Endpoint config "scorer-[0-9a-f]{8}" of RealtimeEndpoint "scorer": dataCaptureConfig\.initialSamplingPercentage is 50, below the required minimum of 100\. Remediation: set dataCaptureConfig\.initialSamplingPercentage to 100 \(stack file: sagemaker-monitoring:endpoints\[0\]\.dataCapture\.samplingPercentage\)\.$/,
        );
    });
});
