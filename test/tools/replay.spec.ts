import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { S3Event } from "aws-lambda";
import { createHandler } from "../../lambdas/capture-forwarder/handler";
import { InMemoryIdempotencyStore } from "../../lambdas/capture-forwarder/idempotency";
import { HttpSink } from "../../lambdas/capture-forwarder/sinks/http";
import { parseReplayArgs, replay, replayCommand } from "../../tools/replay";
import {
    captureLine,
    CollectingDeadLetterQueue,
    collectingLogger,
    FakeClock,
    LoopbackSink,
    startLoopbackSink,
} from "../lambdas/capture-forwarder/support";
import { CliRun, streamCliInProcess } from "../support/cliInProcess";
import { tsNodeEnv } from "../support/tsNodeEnv";

const S3rver = require("s3rver");

const ROOT = path.resolve(__dirname, "../..");
const USAGE =
    "usage: npm run replay -- --source <file|dir|s3://bucket/prefix> --sink <arthur|http|stdout|dataset> [--endpoint <name>] [--variant <name>]" +
    " [--chunk-max-bytes <n>] [--chunk-max-records <n>] [--resend-partially-accepted] [--out <folder|s3://bucket/prefix>] [--stack <name>]" +
    " [--features <file.json>] [--dry-run]\n" +
    "(npm run replay -- --help describes every flag)\n";

/** Replay as `npm run replay` starts it: for the exit status of a real process. */
function spawnReplay(args: string[], env: Record<string, string> = {}): CliRun {
    const result = spawnSync(process.execPath, ["--no-warnings", "-r", "ts-node/register/transpile-only", "tools/replay.ts", ...args], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? "", ...tsNodeEnv(), ...env },
        encoding: "utf8",
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same command in this process (a child costs 2 to 3 s of CPU), given the child's environment. */
function runReplay(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
    return streamCliInProcess(replayCommand, args, env);
}

describe("tools/replay", function () {
    // One case starts a ts-node process (2 to 3 s of CPU): room for a loaded machine.
    this.timeout(60_000);

    it("prints the two normalized inferences of a two-row CSV capture line with InferenceId abcdefg-12345", async () => {
        const result = await runReplay(["--source", "test/fixtures/capture", "--sink", "stdout"]);
        assert.equal(result.status, 0, result.stderr);
        const common = {
            eventId: "5f1c3f2a-7d0e-4b8e-9a51-2c6d7e8f9a0b",
            inferenceId: "abcdefg-12345",
            inferenceTime: "2024-01-02T03:04:05Z",
            endpoint: "demo-endpoint",
            variant: "AllTraffic",
        };
        assert.deepStrictEqual(
            result.stdout
                .trimEnd()
                .split("\n")
                .map((line) => JSON.parse(line)),
            [
                { partnerInferenceId: "abcdefg-12345_0", ...common, input: "1,2,3,4", output: "0.12", customAttributes: null },
                { partnerInferenceId: "abcdefg-12345_1", ...common, input: "5,6,7,8", output: "0.87", customAttributes: null },
            ],
        );
        assert.deepStrictEqual(JSON.parse(result.stderr.trim()), {
            level: "info",
            message: "replay summary",
            objects: 1,
            objectsSkipped: 0,
            deadLettersLost: 0,
            recordsRead: 1,
            inferencesRead: 2,
            inferencesSent: 2,
            deadLettered: 0,
            skipped: 0,
            unaccounted: 0,
            base64Records: 0,
            chunksSent: 1,
            chunksAlreadyDelivered: 0,
            chunksAlreadyDeadLettered: 0,
            chunksAlreadyPartiallyAccepted: 0,
            chunksDeadLettered: 0,
            refusedRunsAlreadyDeadLettered: 0,
            blankLines: 0,
            inferencesToRetry: 0,
        });
    });

    it("exits 2 naming each bad flag, the closest known flag and the allowed values", () => {
        const result = spawnReplay(["--souce", "x", "--sink", "kafka", "--endpoint", "e", "--chunk-max-records", "ten"]);
        assert.deepStrictEqual(result, {
            status: 2,
            stdout: "",
            stderr:
                "replay: unknown flag --souce; did you mean --source?\n" +
                'replay: --sink must be one of arthur, http, stdout, dataset, got "kafka"\n' +
                "replay: --endpoint and --variant go together: give both, or neither\n" +
                'replay: --chunk-max-records must be an integer from 1 to 1000000, got "ten" (the Lambda\'s CHUNK_MAX_RECORDS)\n' +
                USAGE,
        });
    });

    it("--help and -h print the usage, every flag with its default, and examples, and exit 0", async () => {
        const help = [
            USAGE.split("\n")[0],
            "",
            "Runs the capture-forwarder pipeline over capture files already written: backfill, or resend what the Lambda dead-lettered once the cause is fixed." +
                " Logs, dead letters (without DEAD_LETTER_QUEUE_URL) and the summary go to stderr as JSON lines.",
            "",
            "flags:",
            "  --source <file|dir|s3://bucket/prefix>  the capture files: one file, a folder at any level of the capture layout" +
                " (datacapture/, <endpoint>/, <variant>/, yyyy/...; searched recursively for *.jsonl and *.jsonl.gz), or an S3 prefix [required]",
            "  --sink <arthur|http|stdout|dataset>     where the inferences go: arthur and http read the Lambda's variables" +
                " (ARTHUR_HOST, ARTHUR_MODEL_ID, AUTH_SECRET_ARN, HTTP_URL, ...); stdout prints one JSON line per inference;" +
                " dataset writes Parquet files to --out [required]",
            "  --endpoint <name>                       the endpoint of files whose path does not follow the Data Capture layout; goes with --variant" +
                " [default: taken from the path; files whose path has none are skipped]",
            "  --variant <name>                        their variant; goes with --endpoint [default: taken from the path; files whose path has none are skipped]",
            "  --chunk-max-bytes <n>                   the Lambda's CHUNK_MAX_BYTES, an integer from 1024 to 67108864;" +
                " replay and the Lambda must agree to share the idempotency table [default: CHUNK_MAX_BYTES, else 8388608]",
            "  --chunk-max-records <n>                 the Lambda's CHUNK_MAX_RECORDS, an integer from 1 to 1000000;" +
                " replay and the Lambda must agree to share the idempotency table [default: CHUNK_MAX_RECORDS, else 10000]",
            "  --resend-partially-accepted             also resend chunks the sink accepted only in part (their accepted inferences are sent twice)" +
                " [default: off: only dead-lettered chunks are resent]",
            "  --out <folder|s3://bucket/prefix>       with --sink dataset: where the hive-partitioned Parquet files go" +
                " (<out>/<endpoint>/dt=YYYY-MM-DD/hour=HH/...parquet); a file written again is replaced [default: none; required with --sink dataset]",
            "  --stack <name>                          with --sink dataset: type the columns by the `features` of the endpoint entries in" +
                " Pulumi.<name>.yaml [default: no schema: raw input and output strings]",
            '  --features <file.json>                  with --sink dataset: type the columns by this file, { "<endpoint>": { "inputs":' +
                ' [{ "name", "type" }], "outputs": [...] } }, instead of --stack [default: no schema: raw input and output strings]',
            "  --dry-run                               read, parse and count everything, and print the summary; send nothing" +
                " (no sink, table or queue is used) [default: off]",
            "  -h, --help                              print this help and exit",
            "",
            "environment: IDEMPOTENCY_TABLE skips what the Lambda already delivered or dead-lettered; DEAD_LETTER_QUEUE_URL sends dead letters to SQS.",
            "exit status: 0 everything accounted for, 1 some dead letter could not be written, 2 bad flags, source or environment, or no capture file found",
            "",
            "examples:",
            "  npm run replay -- --source test/fixtures/capture --sink stdout",
            "  npm run replay -- --source test/fixtures/capture --sink dataset --out /tmp/dataset --stack dev",
            "  ARTHUR_HOST=https://app.arthur.ai ARTHUR_MODEL_ID=<id> AUTH_SECRET_ARN=<arn> IDEMPOTENCY_TABLE=<table> \\",
            "    npm run replay -- --source s3://<capture-bucket>/datacapture/churn-prod/ --sink arthur",
            "",
        ].join("\n");
        assert.deepStrictEqual(
            [await runReplay(["--help"]), await runReplay(["--sink", "kafka", "-h"])],
            [
                { status: 0, stdout: help, stderr: "" },
                { status: 0, stdout: help, stderr: "" },
            ],
        );
    });

    it("exits 2 for a --source folder that does not exist, together with the sink's missing variables, without a raw ENOENT", async () => {
        assert.deepStrictEqual(await runReplay(["--source", "test/fixtures/no-such-folder", "--sink", "http"]), {
            status: 2,
            stdout: "",
            stderr:
                "replay: --source test/fixtures/no-such-folder: no such file or folder;" +
                " pass a capture file, a folder that holds capture files (*.jsonl, *.jsonl.gz, searched recursively) or s3://bucket/prefix\n" +
                "replay: invalid environment for --sink http:\n" +
                "  HTTP_URL: is required when SINK is http\n",
        });
    });

    it("forwards a --source that is a single capture file, its endpoint and variant taken from its path", async () => {
        const file =
            "test/fixtures/capture/datacapture/demo-endpoint/AllTraffic/2024/01/02/03/04-05-678-0b2c1d9e-3f4a-4b5c-8d6e-7f8091a2b3c4.jsonl";
        const result = await runReplay(["--source", file, "--sink", "stdout"]);
        assert.equal(result.status, 0, result.stderr);
        assert.deepStrictEqual(
            result.stdout
                .trimEnd()
                .split("\n")
                .map((line) => {
                    const { partnerInferenceId, endpoint, variant } = JSON.parse(line) as Record<string, string>;
                    return [partnerInferenceId, endpoint, variant];
                }),
            [
                ["abcdefg-12345_0", "demo-endpoint", "AllTraffic"],
                ["abcdefg-12345_1", "demo-endpoint", "AllTraffic"],
            ],
        );
    });

    it("exits 2 naming every missing variable of the chosen sink", async () => {
        const result = await runReplay(["--source", "test/fixtures/capture", "--sink", "arthur"], { CHUNK_MAX_RECORDS: "0" });
        assert.deepStrictEqual(result, {
            status: 2,
            stdout: "",
            stderr:
                "replay: invalid environment for --sink arthur:\n" +
                '  CHUNK_MAX_RECORDS: must be an integer from 1 to 1000000, got "0"\n' +
                "  ARTHUR_HOST: is required when SINK is arthur\n" +
                "  ARTHUR_MODEL_ID: is required when SINK is arthur\n" +
                "  AUTH_SECRET_ARN: is required when SINK is arthur (the Arthur API token)\n",
        });
    });

    it("parses flags in both --flag value and --flag=value forms", () => {
        assert.deepStrictEqual(
            parseReplayArgs(["--source=s3://capture-bucket/dc/", "--sink", "http", "--endpoint", "ep", "--variant=v1"]),
            {
                args: {
                    source: "s3://capture-bucket/dc/",
                    sink: "http",
                    endpoint: "ep",
                    variant: "v1",
                    chunkMaxBytes: null,
                    chunkMaxRecords: null,
                    resendPartiallyAccepted: false,
                    dryRun: false,
                },
                problems: [],
            },
        );
        assert.deepStrictEqual(parseReplayArgs(["--source", "--sink", "stdout", "--source", "s3://Bad_Bucket"]), {
            args: null,
            problems: [
                "--source needs a value: --source <file|dir|s3://bucket/prefix>",
                '--source "s3://Bad_Bucket" is not s3://bucket/prefix',
            ],
        });
    });

    it("takes the Lambda's chunk limits as flags, with the Lambda's ranges, and the switch to resend partly accepted chunks", () => {
        assert.deepStrictEqual(
            parseReplayArgs([
                "--source",
                "dir",
                "--sink",
                "arthur",
                "--chunk-max-bytes=2048",
                "--chunk-max-records",
                "3",
                "--resend-partially-accepted",
            ]),
            {
                args: {
                    source: "dir",
                    sink: "arthur",
                    endpoint: null,
                    variant: null,
                    chunkMaxBytes: 2048,
                    chunkMaxRecords: 3,
                    resendPartiallyAccepted: true,
                    dryRun: false,
                },
                problems: [],
            },
        );
        assert.deepStrictEqual(
            parseReplayArgs([
                "--source",
                "dir",
                "--sink",
                "arthur",
                "--chunk-max-bytes",
                "1000",
                "--chunk-max-records=x",
                "--resend-partially-accepted=yes",
            ]),
            {
                args: null,
                problems: [
                    "--resend-partially-accepted takes no value",
                    '--chunk-max-bytes must be an integer from 1024 to 67108864, got "1000" (the Lambda\'s CHUNK_MAX_BYTES)',
                    '--chunk-max-records must be an integer from 1 to 1000000, got "x" (the Lambda\'s CHUNK_MAX_RECORDS)',
                ],
            },
        );
    });

    describe("after the Lambda (same idempotency table, S3 source)", () => {
        const BUCKET = "capture-bucket";
        const KEY = "datacapture/churn-endpoint/AllTraffic/2024/01/02/03/04-05-678-0b2c1d9e-3f4a-4b5c-8d6e-7f8091a2b3c4.jsonl";
        // The capture bucket is versioned: S3 events name a version; ListObjects does not.
        const VERSION = "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY";
        const lines = [
            ...Array.from({ length: 5 }, (_, i) =>
                captureLine({
                    eventId: `e-${i}`,
                    inferenceId: `i-${i}`,
                    input: { data: `${i},1\n${i},2\n`, encoding: "CSV" },
                    output: { data: "0.1\n0.9\n", encoding: "CSV" },
                }),
            ),
            captureLine({ eventId: "b64", input: { data: "MSwy", encoding: "BASE64" } }),
            captureLine({ eventId: "e-6", input: { data: "6,1", encoding: "CSV" }, output: { data: "1", encoding: "CSV" } }),
        ];
        const content = lines.map((l) => `${l}\n`).join("");
        let dir: string;
        let s3server: { run(): Promise<{ port: number }>; close(): Promise<void> };
        let s3: S3Client;
        let sink: LoopbackSink;
        let etag: string;

        before(async () => {
            dir = mkdtempSync(path.join(tmpdir(), "replay-s3-"));
            s3server = new S3rver({ address: "127.0.0.1", port: 0, directory: dir, silent: true });
            const { port } = await s3server.run();
            s3 = new S3Client({
                endpoint: `http://127.0.0.1:${port}`,
                forcePathStyle: true,
                region: "us-east-1",
                credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
                requestChecksumCalculation: "WHEN_REQUIRED",
                responseChecksumValidation: "WHEN_REQUIRED",
            });
            await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
            etag = ((await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: content }))).ETag ?? "").replace(/"/g, "");
            sink = await startLoopbackSink([]);
        });

        after(async () => {
            await sink.close();
            s3.destroy();
            await s3server.close();
            rmSync(dir, { recursive: true, force: true });
        });

        /** The Lambda's handler, run once on the object's versioned S3 event, delivering to `sinkUrl`. */
        async function runLambdaOnce(sinkUrl: string, store: InMemoryIdempotencyStore) {
            const lambdaLogs = collectingLogger();
            const lambdaDeadLetters = new CollectingDeadLetterQueue();
            const handler = createHandler({
                s3,
                s3RangeBytes: 4096,
                sink: new HttpSink({ url: sinkUrl }),
                store,
                deadLetters: lambdaDeadLetters,
                logger: lambdaLogs.logger,
                redactor: lambdaLogs.redactor,
                clock: new FakeClock(),
                random: () => 0.5,
                chunkLimits: { maxBytes: 1 << 20, maxRecords: 2 },
                retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 100, safetyMarginMs: 1000 },
                attemptTimeoutMs: 2000,
            });
            const event = {
                Records: [
                    {
                        eventName: "ObjectCreated:Put",
                        s3: {
                            bucket: { name: BUCKET },
                            object: { key: KEY, size: Buffer.byteLength(content), eTag: etag, versionId: VERSION },
                        },
                    },
                ],
            } as unknown as S3Event;
            const lambda = await handler(event, { getRemainingTimeInMillis: () => 900_000 });
            return { lambda, lambdaDeadLetters };
        }

        it("resends what the Lambda dead-lettered once, a partly accepted chunk only with --resend-partially-accepted, with the Lambda's chunk limits given as a flag", async () => {
            const refusing = await startLoopbackSink([
                { kind: "status", status: 400, body: '{"code":"InvalidToken"}', headers: { "Content-Type": "application/json" } },
                {
                    kind: "status",
                    status: 207,
                    body: '{"counts":{"success":3,"failure":1,"total":4}}',
                    headers: { "Content-Type": "application/json" },
                },
            ]);
            try {
                const store = new InMemoryIdempotencyStore();
                const { lambda, lambdaDeadLetters } = await runLambdaOnce(refusing.url, store);
                assert.deepStrictEqual(
                    [
                        lambda.chunksSent,
                        lambda.chunksDeadLettered,
                        refusing.requests.length,
                        lambdaDeadLetters.messages.map((m) => [m.firstLine, m.lastLine]),
                    ],
                    [
                        1,
                        2,
                        3,
                        [
                            [1, 2],
                            [3, 4],
                            [6, 6],
                        ],
                    ],
                );

                // What the paged runbook runs: the Lambda's CHUNK_MAX_RECORDS as a flag, no CHUNK_MAX_* in the environment.
                const runReplayOnce = async (extra: string[]) => {
                    const logs = collectingLogger();
                    const deadLetters = new CollectingDeadLetterQueue();
                    const { args } = parseReplayArgs([
                        "--source",
                        `s3://${BUCKET}/datacapture/`,
                        "--sink",
                        "http",
                        "--chunk-max-records",
                        "2",
                        ...extra,
                    ]);
                    assert.ok(args);
                    const before = refusing.requests.length;
                    const status = await replay(args, { HTTP_URL: refusing.url }, logs.logger, logs.redactor, { s3, store, deadLetters });
                    const sent = refusing.requests.slice(before).map((r) =>
                        r.body
                            .toString("utf8")
                            .split("\n")
                            .filter(Boolean)
                            .map((l) => (JSON.parse(l) as { eventId: string }).eventId),
                    );
                    return {
                        status,
                        sent,
                        deadLetters: deadLetters.messages,
                        logs: logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>),
                    };
                };
                const summary = {
                    level: "info",
                    message: "replay summary",
                    objects: 1,
                    objectsSkipped: 0,
                    deadLettersLost: 0,
                    recordsRead: 7,
                    inferencesRead: 12,
                    deadLettered: 0,
                    unaccounted: 0,
                    base64Records: 1,
                    chunksDeadLettered: 0,
                    refusedRunsAlreadyDeadLettered: 1,
                    blankLines: 0,
                    inferencesToRetry: 0,
                };

                // By default: the refused chunk is sent again (the cause is fixed); the partly accepted one is not.
                assert.deepStrictEqual(await runReplayOnce([]), {
                    status: 0,
                    sent: [["e-0", "e-0", "e-1", "e-1"]],
                    deadLetters: [],
                    logs: [
                        {
                            level: "info",
                            message: "sending a chunk an earlier run dead-lettered",
                            bucket: BUCKET,
                            key: KEY,
                            chunk: 0,
                            outcome: "dead-lettered",
                        },
                        {
                            ...summary,
                            inferencesSent: 4,
                            skipped: 8,
                            chunksSent: 1,
                            chunksAlreadyDelivered: 1,
                            chunksAlreadyDeadLettered: 0,
                            chunksAlreadyPartiallyAccepted: 1,
                        },
                    ],
                });
                // The resent chunk is now recorded as delivered: a second replay sends nothing.
                assert.deepStrictEqual(await runReplayOnce([]), {
                    status: 0,
                    sent: [],
                    deadLetters: [],
                    logs: [
                        {
                            ...summary,
                            inferencesSent: 0,
                            skipped: 12,
                            chunksSent: 0,
                            chunksAlreadyDelivered: 2,
                            chunksAlreadyDeadLettered: 0,
                            chunksAlreadyPartiallyAccepted: 1,
                        },
                    ],
                });
                // Asked explicitly, the partly accepted chunk is sent again, accepted part included.
                assert.deepStrictEqual(await runReplayOnce(["--resend-partially-accepted"]), {
                    status: 0,
                    sent: [["e-2", "e-2", "e-3", "e-3"]],
                    deadLetters: [],
                    logs: [
                        {
                            level: "info",
                            message: "sending a chunk an earlier run dead-lettered",
                            bucket: BUCKET,
                            key: KEY,
                            chunk: 1,
                            outcome: "partially-accepted",
                        },
                        {
                            ...summary,
                            inferencesSent: 4,
                            skipped: 8,
                            chunksSent: 1,
                            chunksAlreadyDelivered: 2,
                            chunksAlreadyDeadLettered: 0,
                            chunksAlreadyPartiallyAccepted: 0,
                        },
                    ],
                });
            } finally {
                await refusing.close();
            }
        });

        it("sends nothing and dead-letters nothing the Lambda already handled, following the DLQ runbook", async () => {
            const store = new InMemoryIdempotencyStore();
            const { lambda, lambdaDeadLetters } = await runLambdaOnce(sink.url, store);
            assert.deepStrictEqual(
                [lambda.chunksSent, lambda.deadLettered, sink.requests.length, lambdaDeadLetters.messages.length],
                [3, 1, 3, 1],
            );

            const replayLogs = collectingLogger();
            const replayDeadLetters = new CollectingDeadLetterQueue();
            const status = await replay(
                { source: `s3://${BUCKET}/datacapture/`, sink: "http", endpoint: null, variant: null },
                { HTTP_URL: sink.url, CHUNK_MAX_RECORDS: "2" },
                replayLogs.logger,
                replayLogs.redactor,
                { s3, store, deadLetters: replayDeadLetters },
            );
            assert.equal(status, 0);
            assert.equal(sink.requests.length, 3);
            assert.deepStrictEqual(replayDeadLetters.messages, []);
            assert.deepStrictEqual(
                replayLogs.lines.map((l) => JSON.parse(l) as unknown),
                [
                    {
                        level: "info",
                        message: "replay summary",
                        objects: 1,
                        objectsSkipped: 0,
                        deadLettersLost: 0,
                        recordsRead: 7,
                        inferencesRead: 12,
                        inferencesSent: 0,
                        deadLettered: 0,
                        skipped: 12,
                        unaccounted: 0,
                        base64Records: 1,
                        chunksSent: 0,
                        chunksAlreadyDelivered: 3,
                        chunksAlreadyDeadLettered: 0,
                        chunksAlreadyPartiallyAccepted: 0,
                        chunksDeadLettered: 0,
                        refusedRunsAlreadyDeadLettered: 1,
                        blankLines: 0,
                        inferencesToRetry: 0,
                    },
                ],
            );
        });
    });
});
