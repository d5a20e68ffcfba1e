/**
 * `npm run smoke` end to end against a loopback SageMaker Runtime stand-in and
 * a real S3-compatible server (s3rver) found through AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME,
 * AWS_ENDPOINT_URL_S3 and AWS_ENDPOINT_URL_SQS: nothing leaves the machine. Most cases run the
 * command in this process (each child process costs ~3 s of CPU loading @pulumi/*); the one without
 * stack outputs runs the tool as `npm run smoke` starts it, for its PATH and exit statuses.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { smokeCommand } from "../../tools/smoke";
import { CliRun, cliInProcess } from "../support/cliInProcess";
import { StandIn, StandInBehaviour, startSageMakerStandIn } from "../support/sageMakerStandIn";
import { tsNodeEnv } from "../support/tsNodeEnv";
const S3rver = require("s3rver");

const ROOT = path.resolve(__dirname, "../..");
const BUCKET = "capture-bucket";
const STACK_FILE = path.join(ROOT, "test/fixtures/stacks/dev/Pulumi.dev.yaml");
const FIXTURE_CAPTURE = path.join(
    ROOT,
    "test/fixtures/capture/datacapture/demo-endpoint/AllTraffic/2024/01/02/03/04-05-678-0b2c1d9e-3f4a-4b5c-8d6e-7f8091a2b3c4.jsonl",
);
const CREDENTIALS = { AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" };

/** The tool as `npm run smoke` starts it, without blocking this process (the stand-ins live here). */
function spawnSmoke(args: string[], env: Record<string, string>): Promise<CliRun> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ["--no-warnings", "-r", "ts-node/register/transpile-only", "tools/smoke.ts", ...args], {
            cwd: ROOT,
            env: { PATH: process.env.PATH ?? "", ...tsNodeEnv(), ...CREDENTIALS, ...env },
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        child.on("error", reject);
        child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
}

/** The same command in this process, given the same environment as the child (PATH aside: only the spawned case needs it). */
function runSmoke(args: string[], env: Record<string, string>): Promise<CliRun> {
    return cliInProcess(smokeCommand, args, { ...CREDENTIALS, ...env });
}

/** The table's rows as cells, latency figures replaced by "<n> ms". */
function tableRows(stdout: string): string[][] {
    return stdout
        .split("\n")
        .filter((line) => line.startsWith("|"))
        .map((line) =>
            line
                .slice(1, -1)
                .split("|")
                .map((cell) => cell.trim().replace(/^\d+ ms$/, "<n> ms")),
        );
}

const HEADER = ["endpoint", "kind", "status", "latency", "trace echoed", "capture", "forwarder queues", "result"];

describe("npm run smoke against loopback stand-ins", function () {
    let s3server: { run(): Promise<{ port: number }>; close(): Promise<void> };
    let s3: S3Client;
    let standIn: StandIn;
    let dir: string;
    let env: Record<string, string>;
    let outputsFile: string;
    const behaviour: StandInBehaviour = { capture: "csv", echo: true, variant: "champion", deadLetters: 0 };

    before(async () => {
        dir = fs.mkdtempSync(path.join(tmpdir(), "smoke-"));
        s3server = new S3rver({ address: "127.0.0.1", port: 0, directory: path.join(dir, "s3"), silent: true });
        const { port } = await s3server.run();
        const s3Url = `http://127.0.0.1:${port}`;
        s3 = new S3Client({
            endpoint: s3Url,
            forcePathStyle: true,
            region: "us-east-1",
            credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
        });
        await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
        standIn = await startSageMakerStandIn({
            s3,
            bucket: BUCKET,
            capturePrefix: "datacapture",
            behaviour,
            inferenceComponents: { "genai-dev": ["genai-dev-summarizer", "genai-dev-embedder"] },
        });
        env = { AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME: standIn.url, AWS_ENDPOINT_URL_S3: s3Url, AWS_ENDPOINT_URL_SQS: standIn.url };
        // Another request's capture file in the hour folder the check reads: it must be read past.
        const now = new Date();
        const hour = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, "0")}/${String(now.getUTCDate()).padStart(2, "0")}/${String(now.getUTCHours()).padStart(2, "0")}`;
        await s3.send(
            new PutObjectCommand({
                Bucket: BUCKET,
                Key: `datacapture/churn-dev/champion/${hour}/00-00-000-other.jsonl`,
                Body: fs.readFileSync(FIXTURE_CAPTURE),
            }),
        );
        outputsFile = path.join(dir, "outputs.json");
        fs.writeFileSync(
            outputsFile,
            JSON.stringify({
                captureBucketName: BUCKET,
                capturePrefixes: {
                    "churn-batch-dev": `s3://${BUCKET}/datacapture/churn-batch-dev/`,
                    "churn-dev": `s3://${BUCKET}/datacapture/churn-dev/`,
                    "genai-dev": `s3://${BUCKET}/datacapture/genai-dev/`,
                },
                endpoints: {
                    "churn-dev": {
                        endpointName: "churn-dev",
                        metricDimensions: {
                            variants: [
                                { EndpointName: "churn-dev", VariantName: "champion" },
                                { EndpointName: "churn-dev", VariantName: "challenger" },
                            ],
                        },
                    },
                    "genai-dev": {
                        endpointName: "genai-dev",
                        metricDimensions: { variants: [{ EndpointName: "genai-dev", VariantName: "champion" }] },
                        inferenceComponentNames: ["genai-dev-summarizer", "genai-dev-embedder"],
                    },
                    "churn-batch-dev": {
                        endpointName: "churn-batch-dev",
                        metricDimensions: { variants: [{ EndpointName: "churn-batch-dev", VariantName: "champion" }] },
                        inputLocationPrefix: `s3://${BUCKET}/async/input/`,
                    },
                },
                forwarders: {
                    "arthur-churn-dev": {
                        // A real queue URL: only AWS_ENDPOINT_URL_SQS keeps the call on loopback.
                        deadLetterQueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/arthur-churn-dev-dlq",
                        failedInvocationQueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/arthur-churn-dev-failed",
                        notificationRules: [
                            { id: "arthur-churn-dev-churn-dev", filterPrefix: "datacapture/churn-dev/", filterSuffix: ".jsonl" },
                        ],
                    },
                },
            }),
        );
    });

    after(async () => {
        await standIn.close();
        await s3server.close();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    beforeEach(() => {
        Object.assign(behaviour, { capture: "csv", echo: true, variant: "champion", deadLetters: 0 });
        standIn.requests.length = 0;
    });

    const baseArgs = () => ["--stack", "dev", "--outputs", outputsFile, "--config", STACK_FILE, "--poll-interval-ms", "50"];

    it("passes when each capture record arrives: one table, the echo, the forwarder's empty dead-letter queue; exit 0", async () => {
        const run = await runSmoke([...baseArgs(), "--timeout", "20"], env);
        assert.equal(run.stderr, "");
        assert.deepEqual(tableRows(run.stdout), [
            HEADER,
            HEADER.map((title) =>
                "-".repeat(
                    Math.max(
                        title.length,
                        ...tableRows(run.stdout)
                            .slice(2)
                            .map((row) => row[HEADER.indexOf(title)].length),
                    ),
                ),
            ),
            ["churn-batch-dev", "async", "202 output", "<n> ms", "n/a (async)", "found", "no forwarder", "PASS"],
            ["churn-dev", "realtime", "200", "<n> ms", "yes", "found", "arthur-churn-dev: 0 dead-letter, 0 failed-invocation", "PASS"],
            ["genai-dev/summarizer", "inference-component", "200", "<n> ms", "yes", "found", "no forwarder", "PASS"],
            ["genai-dev/embedder", "inference-component", "200", "<n> ms", "yes", "found", "no forwarder", "PASS"],
        ]);
        assert.equal(run.status, 0);
        const realtime = standIn.requests.find((r) => r.path === "/endpoints/churn-dev/invocations")!;
        // The stack file's sample, a fresh trace ID and InferenceId.
        assert.equal(realtime.headers["content-type"], "text/csv");
        assert.match(realtime.headers["x-amzn-sagemaker-custom-attributes"] as string, /^traceId=[0-9a-f-]{36}$/);
        assert.match(realtime.headers["x-amzn-sagemaker-inference-id"] as string, /^[0-9a-f-]{36}$/);
    });

    it("invokes each inference component of an inference-components endpoint by name: one row each, its capture record found", async () => {
        const run = await runSmoke([...baseArgs(), "--timeout", "20", "--endpoints", "genai-dev"], env);
        assert.equal(run.stderr, "");
        assert.deepEqual(tableRows(run.stdout).slice(2), [
            ["genai-dev/summarizer", "inference-component", "200", "<n> ms", "yes", "found", "no forwarder", "PASS"],
            ["genai-dev/embedder", "inference-component", "200", "<n> ms", "yes", "found", "no forwarder", "PASS"],
        ]);
        assert.equal(run.status, 0);
        // The components are checked concurrently: the order of the calls is not fixed.
        assert.deepEqual(standIn.requests.map((r) => [r.path, r.inferenceComponent]).sort(), [
            ["/endpoints/genai-dev/invocations", "genai-dev-embedder"],
            ["/endpoints/genai-dev/invocations", "genai-dev-summarizer"],
        ]);
    });

    it("exits 1 naming the endpoint when the record never arrives (--timeout 1)", async () => {
        behaviour.capture = "none";
        behaviour.echo = false;
        const run = await runSmoke([...baseArgs(), "--endpoints", "churn-dev", "--timeout", "1"], env);
        assert.deepEqual(tableRows(run.stdout).slice(2), [
            ["churn-dev", "realtime", "200", "<n> ms", "no", "missing", "arthur-churn-dev: 0 dead-letter, 0 failed-invocation", "FAIL"],
        ]);
        const failures = run.stdout.split("\n").filter((line) => line.startsWith("FAIL"));
        assert.equal(failures.length, 1);
        assert.match(
            failures[0],
            /^FAIL churn-dev: capture: no record with InferenceId [0-9a-f-]{36} under s3:\/\/capture-bucket\/datacapture\/churn-dev\/\{champion\}\/ within 1 s$/,
        );
        assert.equal(run.status, 1);
    });

    it("exits 1 with the content-type hint when the record is BASE64", async () => {
        behaviour.capture = "base64";
        const run = await runSmoke([...baseArgs(), "--endpoints", "churn-dev", "--timeout", "20"], env);
        assert.deepEqual(tableRows(run.stdout).slice(2), [
            [
                "churn-dev",
                "realtime",
                "200",
                "<n> ms",
                "yes",
                "BASE64/incomplete",
                "arthur-churn-dev: 0 dead-letter, 0 failed-invocation",
                "FAIL",
            ],
        ]);
        const failures = run.stdout
            .split("\n")
            .filter((line) => line.startsWith("FAIL"))
            .map((line) =>
                line.replace(
                    /\(record in datacapture\/churn-dev\/champion\/\d{4}\/\d\d\/\d\d\/\d\d\/[\w-]+\.jsonl\)$/,
                    "(record in <key>)",
                ),
            );
        const hint = (side: string, type: string) =>
            `FAIL churn-dev: capture: ${side} is BASE64: its content type ${type} is in neither list of the endpoint config's DataCaptureConfig.CaptureContentTypeHeader; ` +
            "add it to CsvContentTypes or JsonContentTypes (stack file: dataCapture.csvContentTypes / jsonContentTypes) (record in <key>)";
        assert.deepEqual(failures, [hint("endpointInput", "text/csv"), hint("endpointOutput", "text/csv")]);
        assert.equal(run.status, 1);
    });

    it("exits 1 when a forwarder's dead-letter or failed-invocation queue holds messages", async () => {
        behaviour.deadLetters = 3;
        const run = await runSmoke([...baseArgs(), "--endpoints", "churn-dev", "--timeout", "20"], env);
        assert.deepEqual(tableRows(run.stdout).slice(2), [
            ["churn-dev", "realtime", "200", "<n> ms", "yes", "found", "arthur-churn-dev: 3 dead-letter, 3 failed-invocation", "FAIL"],
        ]);
        assert.deepEqual(
            run.stdout.split("\n").filter((line) => line.startsWith("FAIL")),
            [
                "FAIL churn-dev: forwarder arthur-churn-dev: its dead-letter queue holds 3 message(s); see docs/replay.md",
                "FAIL churn-dev: forwarder arthur-churn-dev: its failed-invocation queue holds 3 message(s); see docs/replay.md",
            ],
        );
        assert.equal(run.status, 1);
        // Asked of the stand-in, not of the queue URL's host.
        const sqs = standIn.requests.filter((r) => r.headers["x-amz-target"] === "AmazonSQS.GetQueueAttributes");
        assert.equal(sqs.length, 2);
    });

    it("without outputs (no Pulumi CLI on PATH, no --outputs), invokes the endpoints named and skips what needs outputs", async () => {
        const noPulumi = { ...env, PATH: path.dirname(process.execPath) };
        const named = await spawnSmoke(["--stack", "dev", "--config", STACK_FILE, "--endpoints", "churn-dev"], noPulumi);
        assert.deepEqual(tableRows(named.stdout).slice(2), [
            ["churn-dev", "realtime", "200", "<n> ms", "yes", "skipped (no stack outputs)", "no forwarder", "PASS"],
        ]);
        assert.equal(named.status, 0);
        const unnamed = await spawnSmoke(["--stack", "dev", "--config", STACK_FILE], noPulumi);
        assert.equal(
            unnamed.stderr,
            "smoke: no stack outputs: the Pulumi CLI is not installed and --outputs is not given; pass --outputs <file.json>, or name the endpoints with --endpoints\n",
        );
        assert.equal(unnamed.status, 2);
    });

    it("exits 2 before any call on bad flags, --outputs or --config that is no file, or an endpoint the outputs do not hold", async () => {
        const bad = await runSmoke(["--stack", "dev", "--outputs", outputsFile, "--timeout", "0", "--endpoints", "churn-dev,"], env);
        assert.equal(
            bad.stderr.split("\n")[0] + "\n" + bad.stderr.split("\n")[1],
            'smoke: --timeout must be an integer from 1 to 3600, got "0"\nsmoke: --endpoints must list endpoint names separated by commas (got "churn-dev,")',
        );
        assert.equal(bad.status, 2);
        const unknown = await runSmoke([...baseArgs(), "--endpoints", "churn"], env);
        assert.equal(unknown.stderr, "smoke: no endpoint churn in the stack outputs (endpoints: churn-batch-dev, churn-dev, genai-dev)\n");
        assert.equal(unknown.status, 2);
        const badStack = await runSmoke(["--stack", "../dev", "--outputs", outputsFile], env);
        assert.deepEqual(
            [badStack.status, badStack.stderr.split("\n")[0]],
            [
                2,
                'smoke: --stack "../dev" is not a stack name; use letters, digits, _ . and -, as <stack>, <project>/<stack> or <org>/<project>/<stack>',
            ],
        );
        const missing = path.join(dir, "missing.yaml");
        assert.deepEqual(await runSmoke(["--stack", "dev", "--outputs", dir, "--config", missing], env), {
            status: 2,
            stdout: "",
            stderr:
                `smoke: --outputs ${dir} is a folder, not a file; pass the JSON \`pulumi stack output --json\` prints, or leave --outputs out\n` +
                `smoke: --config ${missing}: no such file; pass a stack file (the format of Pulumi.<stack>.yaml), or leave --config out\n`,
        });
        assert.deepEqual(standIn.requests, []);
    });
});
