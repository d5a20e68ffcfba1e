import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { synthInProcess } from "../support/synthCli";

const SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:arthur-token-AbCdEf";

describe("offline synth: forwarder egress", function () {
    this.timeout(120000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "synth-egress-"));
    after(() => fs.rmSync(out, { recursive: true, force: true }));

    // In process (the same synthCommand tools/synth.ts runs); test/tools/synth.spec.ts starts the CLI itself.
    it("exits 2 on the metadata service, loopback http and userinfo hosts, naming each host property, before writing anything", async () => {
        const config = path.join(out, "Pulumi.egress.yaml");
        const forwarder = (name: string, endpoint: string, sink: string) => [
            `    - name: ${name}`,
            `      endpoints: [${endpoint}]`,
            `      sink: ${sink}`,
        ];
        const endpoint = (name: string) => [
            `    - name: ${name}`,
            "      model: { image: 683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1 }",
            "      instanceType: ml.m5.large",
        ];
        fs.writeFileSync(
            config,
            [
                "config:",
                "  sagemaker-monitoring:endpoints:",
                ...endpoint("churn"),
                ...endpoint("fraud"),
                ...endpoint("spam"),
                "  sagemaker-monitoring:forwarders:",
                ...forwarder(
                    "metadata",
                    "churn",
                    `{ kind: arthur, host: "https://169.254.169.254", modelId: m-1, tokenSecretArn: ${SECRET} }`,
                ),
                ...forwarder("runtime-api", "fraud", '{ kind: http, url: "http://localhost:9001" }'),
                ...forwarder("userinfo", "spam", `{ kind: arthur, host: "https://app.arthur.ai@evil.example", modelId: m-1 }`),
                "",
            ].join("\n"),
        );
        const run = await synthInProcess(["--stack", "egress", "--config", config, "--out", out]);
        assert.deepStrictEqual({ status: run.status, stdout: run.stdout }, { status: 2, stdout: "" });
        assert.strictEqual(
            run.stderr,
            [
                "synth: Invalid stack config: 3 invalid inputs:",
                '  - sagemaker-monitoring:forwarders[0].sink.host: must be a DNS name, not an IP address (169.254.169.254 is an IPv4 literal, link-local: the instance metadata service) (got "https://169.254.169.254")',
                '  - sagemaker-monitoring:forwarders[1].sink.url: must use https (got "http://localhost:9001")',
                '  - sagemaker-monitoring:forwarders[2].sink.host: must not contain userinfo (a "user@" before the host: it hides the real host, here "evil.example") (got "https://app.arthur.ai@evil.example")',
                "",
            ].join("\n"),
        );
        assert.strictEqual(fs.existsSync(path.join(out, "egress")), false);
    });
});
