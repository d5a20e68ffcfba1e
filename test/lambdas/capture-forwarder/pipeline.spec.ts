import assert from "node:assert/strict";
import { BASE64_HINT } from "../../../lambdas/capture-forwarder/base64Capture";
import { Chunk, ChunkPayload } from "../../../lambdas/capture-forwarder/chunking";
import { chunkKey, IdempotencyStore, InMemoryIdempotencyStore, refusedRunKey } from "../../../lambdas/capture-forwarder/idempotency";
import { normalizeCaptureLine } from "../../../lambdas/capture-forwarder/normalize";
import { forwardCaptureObject } from "../../../lambdas/capture-forwarder/pipeline";
import { serializeInferences } from "../../../lambdas/capture-forwarder/serializeInferences";
import { Sink } from "../../../lambdas/capture-forwarder/sinks/sink";
import { Redactor } from "../../../lambdas/capture-forwarder/redactor";
import { CachedSecretToken, StaticToken } from "../../../lambdas/capture-forwarder/secrets";
import { ArthurSink } from "../../../lambdas/capture-forwarder/sinks/arthur";
import { HttpSink } from "../../../lambdas/capture-forwarder/sinks/http";
import { captureLine, pieces, startLoopbackSink, pipelineDependencies } from "./support";

class RecordingSink implements Sink {
    readonly name = "recording";
    readonly chunks: Chunk[] = [];
    constructor(readonly payload: ChunkPayload) {}
    async deliver(chunk: Chunk): Promise<void> {
        this.chunks.push(chunk);
    }
}

const good = [
    captureLine({
        eventId: "e1",
        inferenceId: "i1",
        input: { data: "1,2\n3,4\n", encoding: "CSV" },
        output: { data: "0\n1\n", encoding: "CSV" },
    }),
    captureLine({
        eventId: "e2",
        input: { data: '{"instances":[{"features":[1]}]}', encoding: "JSON" },
        output: { data: '{"predictions":[{"probabilities":[1]}]}', encoding: "JSON" },
    }),
    captureLine({ eventId: "e3", customAttributes: "c=1", input: { data: "5,6", encoding: "CSV" } }),
];
const base64 = captureLine({ eventId: "b", input: { data: "AAAA", encoding: "BASE64" } });

function deps(sink: Sink, store: IdempotencyStore = new InMemoryIdempotencyStore()) {
    return pipelineDependencies(sink, {
        store,
        chunkLimits: { maxBytes: 1 << 20, maxRecords: 2 },
        retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100, safetyMarginMs: 0 },
        attemptTimeoutMs: 1000,
    });
}

const object = {
    bucket: "b",
    key: "dc/ep/v/2024/01/02/03/x.jsonl",
    versionId: "v9",
    etag: "etag-9",
    endpoint: "ep",
    variant: "v",
    name: "x",
};

describe("capture-forwarder pipeline", () => {
    it("capture-lines: chunks carry the exact raw lines of good records, refused lines left out", async () => {
        const sink = new RecordingSink("capture-lines");
        const { value } = deps(sink);
        const text = `${good[0]}\n${base64}\n${good[1]}\n\n${good[2]}`;
        const result = await forwardCaptureObject({ ...object, body: pieces(text.slice(0, 100), text.slice(100)) }, value);
        assert.deepStrictEqual(
            sink.chunks.map((c) => ({ ...c, parts: c.parts.map(String) })),
            [
                {
                    index: 0,
                    payload: "capture-lines",
                    parts: [good[0], good[1]],
                    bytes: good[0].length + good[1].length + 2,
                    records: 2,
                    inferences: 3,
                    firstLine: 1,
                    lastLine: 3,
                },
                {
                    index: 1,
                    payload: "capture-lines",
                    parts: [good[2]],
                    bytes: good[2].length + 1,
                    records: 1,
                    inferences: 1,
                    firstLine: 5,
                    lastLine: 5,
                },
            ],
        );
        assert.deepStrictEqual(result, {
            counts: {
                recordsRead: 4,
                inferencesRead: 5,
                inferencesSent: 4,
                deadLettered: 1,
                skipped: 0,
                unaccounted: 0,
                base64Records: 1,
                chunksSent: 2,
                chunksAlreadyDelivered: 0,
                chunksAlreadyDeadLettered: 0,
                chunksAlreadyPartiallyAccepted: 0,
                chunksDeadLettered: 0,
                refusedRunsAlreadyDeadLettered: 0,
                blankLines: 1,
                inferencesToRetry: 0,
            },
            incomplete: null,
            lost: [],
        });
    });

    it("normalized-inferences: chunks carry the JSON lines of the normalized inferences", async () => {
        const sink = new RecordingSink("normalized-inferences");
        const { value } = deps(sink);
        await forwardCaptureObject({ ...object, body: pieces(good.join("\n")) }, value);
        const lines = sink.chunks
            .flatMap((c) => c.parts.join("").trimEnd().split("\n"))
            .map((l) => JSON.parse(l) as { partnerInferenceId: string });
        assert.deepStrictEqual(
            lines.map((l) => l.partnerInferenceId),
            ["i1_0", "i1_1", "e2", "e3"],
        );
    });

    it("serializes exactly like JSON.stringify of each normalized inference", () => {
        for (const line of [
            ...good,
            captureLine({
                eventId: 'q"\\',
                inferenceId: "ü",
                input: { data: '{"instances":[{"a":"x\\n"},{"b":null}]}', encoding: "JSON" },
            }),
        ]) {
            const result = normalizeCaptureLine(line, { endpoint: "ep", variant: "v" });
            assert.ok(result.ok);
            assert.equal(serializeInferences(result.inferences), result.inferences.map((i) => `${JSON.stringify(i)}\n`).join(""));
        }
        assert.equal(serializeInferences([]), "");
    });

    it("sends anyway when the idempotency lookup fails (at-least-once) and logs a failed record", async () => {
        const sink = new RecordingSink("capture-lines");
        const store: IdempotencyStore = {
            outcomeOf: async () => {
                throw new Error("ThrottlingException: Rate exceeded");
            },
            markDone: async () => {
                throw new Error("ThrottlingException: Rate exceeded");
            },
        };
        const { value, logs, deadLetters } = deps(sink, store);
        const result = await forwardCaptureObject({ ...object, body: pieces(`${good[2]}\n${base64}`) }, value);
        assert.deepStrictEqual([result.counts.chunksSent, result.counts.deadLettered, deadLetters.messages.length], [1, 1, 1]);
        assert.deepStrictEqual(
            logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>),
            [
                {
                    level: "warn",
                    message: "idempotency lookup failed; sending the chunk anyway",
                    bucket: "b",
                    key: object.key,
                    chunk: 0,
                    error: "ThrottlingException: Rate exceeded",
                },
                {
                    level: "error",
                    message: "chunk delivered but not recorded; a redelivered event would send it again",
                    bucket: "b",
                    key: object.key,
                    chunk: 0,
                    error: "ThrottlingException: Rate exceeded",
                },
                {
                    level: "warn",
                    message: "idempotency lookup failed; dead-lettering the refused records anyway",
                    bucket: "b",
                    key: object.key,
                    firstLine: 2,
                    lastLine: 2,
                    error: "ThrottlingException: Rate exceeded",
                },
                {
                    level: "warn",
                    message: "BASE64 capture records dead-lettered",
                    bucket: "b",
                    key: object.key,
                    firstLine: 2,
                    lastLine: 2,
                    records: 1,
                    hint: BASE64_HINT,
                },
                {
                    level: "error",
                    message: "refused records dead-lettered but not recorded; a redelivered event would dead-letter them again",
                    bucket: "b",
                    key: object.key,
                    firstLine: 2,
                    lastLine: 2,
                    error: "ThrottlingException: Rate exceeded",
                },
            ],
        );
    });

    it("dead-letters refused records once: a second run over the same object skips them, and the store says why", async () => {
        const sink = new RecordingSink("capture-lines");
        const store = new InMemoryIdempotencyStore();
        const mismatch = captureLine({ eventId: "m", input: { data: "1\n2", encoding: "CSV" }, output: { data: "0.5", encoding: "CSV" } });
        const text = `${base64}\n${base64}\n${good[0]}\n${mismatch}\n${good[2]}\n`;
        const first = deps(sink, store);
        const firstRun = await forwardCaptureObject({ ...object, body: pieces(text) }, first.value);
        const second = deps(sink, store);
        const secondRun = await forwardCaptureObject({ ...object, body: pieces(text) }, second.value);

        const where = { bucket: "b", key: object.key, versionId: "v9", etag: "etag-9" };
        assert.deepStrictEqual(first.deadLetters.messages, [
            {
                ...where,
                firstLine: 1,
                lastLine: 2,
                count: 2,
                reason: `captureData.endpointInput is BASE64-encoded and cannot be read: ${BASE64_HINT}`,
            },
            {
                ...where,
                firstLine: 4,
                lastLine: 4,
                count: 2,
                reason: "input holds 2 inference(s) but output holds 1; inputs and outputs pair by index",
            },
        ]);
        assert.deepStrictEqual(second.deadLetters.messages, []);
        const counts = {
            recordsRead: 5,
            inferencesRead: 7,
            inferencesSent: 3,
            deadLettered: 4,
            skipped: 0,
            unaccounted: 0,
            base64Records: 2,
            chunksSent: 1,
            chunksAlreadyDelivered: 0,
            chunksAlreadyDeadLettered: 0,
            chunksAlreadyPartiallyAccepted: 0,
            chunksDeadLettered: 0,
            refusedRunsAlreadyDeadLettered: 0,
            blankLines: 0,
            inferencesToRetry: 0,
        };
        assert.deepStrictEqual(firstRun, { counts, incomplete: null, lost: [] });
        assert.deepStrictEqual(secondRun, {
            counts: {
                ...counts,
                inferencesSent: 0,
                deadLettered: 0,
                skipped: 7,
                chunksSent: 0,
                chunksAlreadyDelivered: 1,
                chunksAlreadyDeadLettered: 0,
                chunksAlreadyPartiallyAccepted: 0,
                refusedRunsAlreadyDeadLettered: 2,
                blankLines: 0,
                inferencesToRetry: 0,
            },
            incomplete: null,
            lost: [],
        });
        assert.equal(sink.chunks.length, 1);
        assert.deepStrictEqual(
            [...store.done.entries()],
            [
                [
                    refusedRunKey(where, 1, 2),
                    { bucket: "b", key: object.key, outcome: "dead-lettered", chunkIndex: null, firstLine: 1, lastLine: 2 },
                ],
                [
                    refusedRunKey(where, 4, 4),
                    { bucket: "b", key: object.key, outcome: "dead-lettered", chunkIndex: null, firstLine: 4, lastLine: 4 },
                ],
                [chunkKey(where, 0), { bucket: "b", key: object.key, outcome: "delivered", chunkIndex: 0, firstLine: 3, lastLine: 5 }],
            ],
        );
    });

    it("does not record refused records whose dead letter SQS refused: the next run dead-letters them", async () => {
        const store = new InMemoryIdempotencyStore();
        const first = deps(new RecordingSink("capture-lines"), store);
        first.deadLetters.failWith = new Error("AccessDenied: sqs:SendMessage");
        const firstRun = await forwardCaptureObject({ ...object, body: pieces(base64) }, first.value);
        const second = deps(new RecordingSink("capture-lines"), store);
        const secondRun = await forwardCaptureObject({ ...object, body: pieces(base64) }, second.value);
        assert.deepStrictEqual([firstRun.counts.unaccounted, firstRun.lost.length, store.done.size], [1, 1, 1]);
        assert.deepStrictEqual(
            [secondRun.counts.deadLettered, secondRun.counts.refusedRunsAlreadyDeadLettered, second.deadLetters.messages.length],
            [1, 0, 1],
        );
    });

    it("retries a chunk whose token read was throttled or hit a network error instead of dead-lettering it", async () => {
        const server = await startLoopbackSink([]);
        try {
            const reads: string[] = [];
            const failures = [
                Object.assign(new Error("Rate exceeded"), {
                    name: "ThrottlingException",
                    $metadata: { httpStatusCode: 400 },
                    $retryable: { throttling: true },
                }),
                Object.assign(new Error("getaddrinfo EAI_AGAIN secretsmanager.us-east-1.amazonaws.com"), { code: "EAI_AGAIN" }),
            ];
            // The sink is replaced below, once the token source can share the pipeline's clock and redactor.
            const { value, deadLetters, logs } = deps(new HttpSink({ url: server.url }));
            const tokens = new CachedSecretToken(
                {
                    send: async () => {
                        const failure = failures.shift();
                        reads.push(failure === undefined ? "ok" : failure.message);
                        if (failure) throw failure;
                        return { SecretString: "sink-token-2024" };
                    },
                },
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:sink-AbCdEf",
                300_000,
                value.clock,
                value.redactor,
            );
            value.sink = new HttpSink({ url: server.url, auth: { tokens, header: "Authorization", prefix: "Bearer " } });
            const result = await forwardCaptureObject({ ...object, body: pieces(good[2]) }, value);
            assert.deepStrictEqual(reads, ["Rate exceeded", "getaddrinfo EAI_AGAIN secretsmanager.us-east-1.amazonaws.com", "ok"]);
            assert.deepStrictEqual([result.counts.chunksSent, result.counts.chunksDeadLettered, deadLetters.messages.length], [1, 0, 0]);
            assert.deepStrictEqual(
                server.accepted.map((r) => r.headers.authorization),
                ["Bearer sink-token-2024"],
            );
            assert.deepStrictEqual(
                logs.lines.map((l) => (JSON.parse(l) as { error: string }).error),
                ["ThrottlingException: Rate exceeded", "getaddrinfo EAI_AGAIN secretsmanager.us-east-1.amazonaws.com"],
            );
        } finally {
            await server.close();
        }
    });

    it("dead-letters a chunk that Arthur accepted only in part (207 with failures), counting none of it as sent, and records it so a second run resends nothing", async () => {
        const server = await startLoopbackSink([
            {
                kind: "status",
                status: 207,
                headers: { "Content-Type": "application/json" },
                body: JSON.stringify({
                    counts: { success: 2, failure: 1, total: 3 },
                    results: [
                        { message: "success", status: 200 },
                        { message: "success", status: 200 },
                        { message: 'bad "i1"', status: 400 },
                    ],
                }),
            },
        ]);
        try {
            const sink = new ArthurSink({
                host: server.url.replace("/ingest", ""),
                modelId: "m-1",
                tokens: new StaticToken("arthur-token-77", new Redactor()),
            });
            const store = new InMemoryIdempotencyStore();
            const { value, deadLetters } = deps(sink, store);
            value.chunkLimits = { maxBytes: 1 << 20, maxRecords: 10 };
            const result = await forwardCaptureObject({ ...object, body: pieces(`${good[0]}\n${good[2]}\n`) }, value);
            assert.deepStrictEqual(deadLetters.messages, [
                {
                    bucket: "b",
                    key: object.key,
                    versionId: "v9",
                    etag: "etag-9",
                    firstLine: 1,
                    lastLine: 2,
                    count: 3,
                    reason:
                        "delivery to the arthur sink failed: not retryable: HTTP 207 Multi-Status: the sink rejected 1 of 3 inference(s) (status 400 x1); " +
                        "the results name no inference, so the whole chunk is dead-lettered",
                },
            ]);
            const counts = {
                recordsRead: 2,
                inferencesRead: 3,
                inferencesSent: 0,
                deadLettered: 3,
                skipped: 0,
                unaccounted: 0,
                base64Records: 0,
                chunksSent: 0,
                chunksAlreadyDelivered: 0,
                chunksAlreadyDeadLettered: 0,
                chunksAlreadyPartiallyAccepted: 0,
                chunksDeadLettered: 1,
                refusedRunsAlreadyDeadLettered: 0,
                blankLines: 0,
                inferencesToRetry: 0,
            };
            assert.deepStrictEqual(result.counts, counts);
            assert.equal(server.requests.length, 1);
            const where = { bucket: "b", key: object.key, versionId: "v9", etag: "etag-9" };
            assert.deepStrictEqual(
                [...store.done.entries()],
                [
                    [
                        chunkKey(where, 0),
                        { bucket: "b", key: object.key, outcome: "partially-accepted", chunkIndex: 0, firstLine: 1, lastLine: 2 },
                    ],
                ],
            );

            // A Lambda retry or S3 redelivery: the accepted part is not sent again, nor the chunk dead-lettered twice.
            const again = deps(sink, store);
            again.value.chunkLimits = value.chunkLimits;
            const second = await forwardCaptureObject({ ...object, body: pieces(`${good[0]}\n${good[2]}\n`) }, again.value);
            assert.deepStrictEqual(second, {
                counts: { ...counts, deadLettered: 0, skipped: 3, chunksDeadLettered: 0, chunksAlreadyPartiallyAccepted: 1 },
                incomplete: null,
                lost: [],
            });
            assert.deepStrictEqual([server.requests.length, again.deadLetters.messages.length], [1, 0]);
        } finally {
            await server.close();
        }
    });
});
