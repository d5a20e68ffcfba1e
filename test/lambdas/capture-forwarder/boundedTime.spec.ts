/**
 * Bounded time everywhere: the production wiring (buildHandlerDependencies) with each dependency
 * hanging in turn (S3, Secrets Manager, DynamoDB, SQS: clients whose calls never settle; the sink:
 * a loopback server that never answers). Every run ends with a summary line, and every inference is
 * sent, dead-lettered, or left to the retried event (inferencesToRetry, or unaccounted when the
 * dead-letter queue hangs: the invocation then fails and Lambda retries it).
 */
import assert from "node:assert/strict";
import http from "node:http";
import type { S3Event } from "aws-lambda";
import { ForwarderConfig, readTuningEnvironment } from "../../../domain/forwarder/environment";
import { AWS_REQUEST_LIMITS, createAwsClients } from "../../../lambdas/capture-forwarder/awsClients";
import { buildHandlerDependencies, WiringOptions } from "../../../lambdas/capture-forwarder/dependencies";
import { createHandler } from "../../../lambdas/capture-forwarder/handler";
import { captureLine, startLoopbackSink } from "./support";

const KEY = "datacapture/ep/v/2024/01/02/03/04-05-678-0b2c1d9e-3f4a-4b5c-8d6e-7f8091a2b3c4.jsonl";
const CONTENT = Buffer.from(
    [
        ...[1, 2, 3].map((i) => captureLine({ eventId: `e${i}`, input: { data: `${i},1`, encoding: "CSV" } })),
        captureLine({ eventId: "b64", input: { data: "AAAA", encoding: "BASE64" } }),
    ].join("\n"),
);
const EVENT = {
    Records: [
        { eventName: "ObjectCreated:Put", s3: { bucket: { name: "bucket" }, object: { key: KEY, size: CONTENT.length, eTag: "etag" } } },
    ],
} as unknown as S3Event;

type Clients = NonNullable<WiringOptions["clients"]>;
type Client = Clients["s3"];

/** A client whose calls never settle, not even when aborted (the worst case). */
const HANGING: Client = { send: () => new Promise<never>(() => undefined) };

function workingClients(deadLetters: unknown[]): Clients {
    return {
        s3: {
            async send(command: never) {
                const [start, end] = /bytes=(\d+)-(\d+)/
                    .exec((command as { input: { Range: string } }).input.Range)!
                    .slice(1)
                    .map(Number);
                const slice = CONTENT.subarray(start, end + 1);
                return { Body: [slice], ContentRange: `bytes ${start}-${start + slice.length - 1}/${CONTENT.length}` };
            },
        },
        secrets: { send: async () => ({ SecretString: "token-abcdef" }) },
        dynamo: { send: async () => ({}) },
        sqs: {
            async send(command: never) {
                deadLetters.push(JSON.parse((command as { input: { MessageBody: string } }).input.MessageBody));
                return {};
            },
        },
    };
}

interface Run {
    summary: Record<string, unknown>;
    failure: string | null;
    deadLetters: Array<{ firstLine: number; lastLine: number | null; count: number | null; reason: string }>;
}

async function run(sinkUrl: string, hang: keyof Clients | null, remainingMs: number, maxAttempts: number): Promise<Run> {
    const lines: string[] = [];
    const deadLetters: Run["deadLetters"] = [];
    const clients = workingClients(deadLetters);
    if (hang !== null) clients[hang] = HANGING;
    const tuning = readTuningEnvironment(
        { HTTP_TIMEOUT_MS: "200", RETRY_BASE_DELAY_MS: "10", RETRY_MAX_DELAY_MS: "20", SAFETY_MARGIN_MS: "300" },
        [],
    );
    const config: ForwarderConfig = {
        sink: {
            kind: "http",
            url: sinkUrl,
            auth: { secretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:t-AbCdEf", header: "Authorization", prefix: "" },
        },
        dataset: null,
        deadLetterQueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/dlq",
        idempotencyTable: "deliveries",
        tuning: { ...tuning, retry: { ...tuning.retry, maxAttempts } },
    };
    const handler = createHandler(buildHandlerDependencies(config, { clients, callTimeoutMs: 200, write: (line) => lines.push(line) }));
    const failure = await handler(EVENT, { getRemainingTimeInMillis: () => remainingMs }).then(
        () => null,
        (error: Error) => error.message,
    );
    const summaries = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.message === "capture-forwarder summary");
    assert.equal(summaries.length, 1, lines.join("\n"));
    const { objects, objectsIncomplete, inferencesRead, inferencesSent, deadLettered, unaccounted, inferencesToRetry } = summaries[0];
    return {
        summary: { objects, objectsIncomplete, inferencesRead, inferencesSent, deadLettered, unaccounted, inferencesToRetry },
        failure,
        deadLetters,
    };
}

const counts = (sent: number, deadLettered: number, unaccounted: number, toRetry: number, incomplete = 0) => ({
    objects: 1,
    objectsIncomplete: incomplete,
    inferencesRead: sent + deadLettered + unaccounted + toRetry,
    inferencesSent: sent,
    deadLettered,
    unaccounted,
    inferencesToRetry: toRetry,
});

describe("capture-forwarder: bounded time with each dependency hanging", function () {
    this.timeout(30_000);
    let silent: http.Server;
    let silentUrl = "";
    before(async () => {
        silent = http.createServer(() => undefined); // reads requests, never answers
        await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
        silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}/ingest`;
    });
    after(async () => {
        silent.closeAllConnections();
        await new Promise<void>((resolve) => silent.close(() => resolve()));
    });

    it("S3 hanging: each ranged read times out, and the unread object is dead-lettered from line 1", async () => {
        const sink = await startLoopbackSink([]);
        try {
            const result = await run(sink.url, "s3", 20_000, 3);
            assert.deepStrictEqual(result.summary, counts(0, 0, 0, 0));
            assert.deepStrictEqual(
                result.deadLetters.map((d) => [d.firstLine, d.lastLine, d.count, d.reason]),
                [
                    [
                        1,
                        null,
                        null,
                        `could not read the rest of the object from line 1: reading s3://bucket/${KEY} at byte 0 failed after 4 attempt(s): ETIMEDOUT: S3 GetObject timed out after 200 ms`,
                    ],
                ],
            );
        } finally {
            await sink.close();
        }
    });

    it("S3 hanging past the deadline: the object is left incomplete, the summary is written, and the invocation fails to be retried", async () => {
        const sink = await startLoopbackSink([]);
        try {
            const result = await run(sink.url, "s3", 1500, 3);
            assert.deepStrictEqual(
                [result.summary, result.deadLetters, result.failure],
                [
                    counts(0, 0, 0, 0, 1),
                    [],
                    "capture-forwarder invocation failed; the Lambda ran out of time before every object was forwarded",
                ],
            );
        } finally {
            await sink.close();
        }
    });

    it("Secrets Manager hanging: the token read is inside each attempt's timeout, and the chunk is dead-lettered after the attempts", async () => {
        const sink = await startLoopbackSink([]);
        try {
            const result = await run(sink.url, "secrets", 20_000, 2);
            assert.deepStrictEqual(
                [
                    result.summary,
                    sink.requests.length,
                    result.deadLetters.map((d) => [d.firstLine, d.lastLine, d.count, d.reason.split(":")[0]]),
                ],
                [
                    counts(0, 4, 0, 0),
                    0,
                    [
                        [1, 3, 3, "delivery to the http sink failed"],
                        [4, 4, 1, "captureData.endpointInput is BASE64-encoded and cannot be read"],
                    ],
                ],
            );
        } finally {
            await sink.close();
        }
    });

    it("DynamoDB hanging: lookups and records time out, the work is done anyway (at least once)", async () => {
        const sink = await startLoopbackSink([]);
        try {
            const result = await run(sink.url, "dynamo", 20_000, 2);
            assert.deepStrictEqual([result.summary, sink.accepted.length, result.failure], [counts(3, 1, 0, 0), 1, null]);
        } finally {
            await sink.close();
        }
    });

    it("SQS hanging: the dead letter times out, its inference is unaccounted, and the invocation fails so Lambda retries it", async () => {
        const sink = await startLoopbackSink([]);
        try {
            const result = await run(sink.url, "sqs", 20_000, 2);
            assert.deepStrictEqual(
                [result.summary, sink.accepted.length, result.failure?.split(":")[0]],
                [counts(3, 0, 1, 0), 1, "capture-forwarder invocation failed; 1 dead letter(s) could not be sent to the dead-letter queue"],
            );
        } finally {
            await sink.close();
        }
    });

    it("the sink never answering: attempts time out and the chunk is dead-lettered", async () => {
        const result = await run(silentUrl, null, 20_000, 2);
        assert.deepStrictEqual(
            [result.summary, result.deadLetters.map((d) => [d.firstLine, d.lastLine, d.reason.replace(/: configure .*/, "")])],
            [
                counts(0, 4, 0, 0),
                [
                    [1, 3, "delivery to the http sink failed: gave up after 2 attempts: ETIMEDOUT: request timed out after 200 ms"],
                    [4, 4, "captureData.endpointInput is BASE64-encoded and cannot be read"],
                ],
            ],
        );
    });

    it("the sink never answering until the deadline: every inference read is counted to be retried with the event", async () => {
        const result = await run(silentUrl, null, 1500, 20);
        assert.deepStrictEqual(
            [result.summary, result.deadLetters, result.failure],
            [
                counts(0, 0, 0, 4, 1),
                [],
                "capture-forwarder invocation failed; the Lambda ran out of time before every object was forwarded",
            ],
        );
    });

    it("every AWS client has connection, request and idle-socket timeouts that throw", async () => {
        const clients = createAwsClients();
        const configs = await Promise.all(
            Object.values(clients).map(async (client) => {
                const handler = client.config.requestHandler as unknown as { configProvider: Promise<Record<string, unknown>> };
                const { connectionTimeout, requestTimeout, socketTimeout, throwOnRequestTimeout } = await handler.configProvider;
                return {
                    connectionTimeout,
                    requestTimeout,
                    socketTimeout,
                    throwOnRequestTimeout,
                    maxAttempts: await client.config.maxAttempts(),
                };
            }),
        );
        assert.deepStrictEqual(configs, Array(4).fill({ ...AWS_REQUEST_LIMITS, maxAttempts: 3 }));
    });
});
