import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { synthInProcess, writeStackFile } from "../support/synthCli";

describe("offline synth runs the policy pack", function () {
    this.timeout(120000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "synth-policy-"));
    after(() => fs.rmSync(out, { recursive: true, force: true }));

    const cases: [string, string[], string][] = [
        ["sampling 50", ["dataCapture: { samplingPercentage: 50 }"], "data-capture-sampling-100"],
        ["Input-only capture", ["dataCapture: { captureModes: [Input] }"], "data-capture-input-and-output"],
        ["no content types", ["dataCapture: { csvContentTypes: [], jsonContentTypes: [] }"], "data-capture-content-types"],
    ];
    for (const [label, lines, policy] of cases) {
        it(`exits 1 for ${label}, naming ${policy} on that endpoint's config`, async () => {
            const stack = `policy-${policy}`;
            const file = path.join(out, `${stack}.yaml`);
            writeStackFile(file, "scorer", lines);
            const run = await synthInProcess(["--stack", stack, "--config", file, "--out", out]);
            assert.strictEqual(run.status, 1, run.stderr);
            const { violations } = JSON.parse(fs.readFileSync(path.join(out, stack, "policy.json"), "utf8"));
            const mandatory = violations.filter((v: any) => v.enforcementLevel === "mandatory");
            assert.deepStrictEqual(
                mandatory.map((v: any) => [v.policy, v.type, v.name]),
                [[policy, "aws-native:sagemaker:EndpointConfig", "scorer-config"]],
            );
            assert.match(fs.readFileSync(path.join(out, stack, "summary.md"), "utf8"), new RegExp(`\\| ${policy} \\| mandatory \\|`));
        });
    }

    it("lists the pack config's active exemptions in summary.md (endpoint, rule, expiry, reason), and 'None.' without any", async () => {
        const file = path.join(out, "exempted.yaml");
        writeStackFile(file, "scorer", ["dataCapture: { samplingPercentage: 50 }"]);
        const policyConfig = path.join(out, "exemptions.json");
        const exemption = { endpoint: "scorer", rule: "data-capture-sampling-100", reason: "vendor | replays 50 %", expires: "2099-12-31" };
        fs.writeFileSync(policyConfig, JSON.stringify({ "data-capture-exemptions": { exemptions: [exemption] } }));
        fs.writeFileSync(path.join(out, "empty.json"), "{}");
        const exemptionsSection = (stack: string) =>
            fs.readFileSync(path.join(out, stack, "summary.md"), "utf8").split("## Data Capture exemptions")[1];

        const exempted = await synthInProcess(["--stack", "exempted", "--config", file, "--out", out, "--policy-config", policyConfig]);
        const plain = await synthInProcess([
            "--stack",
            "plain",
            "--config",
            file,
            "--out",
            out,
            "--policy-config",
            path.join(out, "empty.json"),
        ]);

        assert.deepStrictEqual(
            [exempted.status, exemptionsSection("exempted"), plain.status, exemptionsSection("plain")],
            [
                0,
                [
                    "",
                    "",
                    "| endpoint | rule | until | reason |",
                    "| --- | --- | --- | --- |",
                    "| scorer | data-capture-sampling-100 | 2099-12-31 | vendor \\| replays 50 % |",
                    "",
                ].join("\n"),
                1,
                ["", "", "None.", ""].join("\n"),
            ],
        );
    });

    it("exits 2 for a misspelled rule in the pack config", async () => {
        const file = path.join(out, "ok.yaml");
        writeStackFile(file, "scorer", []);
        const policyConfig = path.join(out, "policy.json");
        fs.writeFileSync(policyConfig, JSON.stringify({ "data-capture-sampling": { minimumSamplingPercentage: 100 } }));
        const run = await synthInProcess(["--stack", "ok", "--config", file, "--out", out, "--policy-config", policyConfig]);
        assert.strictEqual(run.status, 2);
        assert.match(run.stderr, /data-capture-sampling: unknown policy; did you mean "data-capture-sampling-100"\?/);
        assert.doesNotMatch(run.stderr, /\n\s+at /);
    });
});
