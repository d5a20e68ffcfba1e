/**
 * The handler end to end: a real S3-compatible server (s3rver) and a real HTTP sink, both on
 * 127.0.0.1, the sink injecting 500, 429 with Retry-After, a slow answer, a connection reset and a
 * 400 that echoes the request. Every inference must be accounted for, with the exact partner IDs
 * received; a redelivered event must send no duplicates and dead-letter nothing twice; no payload
 * or token may reach a dead letter or a log line.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { S3Event } from "aws-lambda";
import { BASE64_HINT } from "../../../lambdas/capture-forwarder/base64Capture";
import { createHandler, HandlerDependencies, InvocationSummary } from "../../../lambdas/capture-forwarder/handler";
import { InMemoryIdempotencyStore } from "../../../lambdas/capture-forwarder/idempotency";
import { CachedSecretToken } from "../../../lambdas/capture-forwarder/secrets";
import { HttpSink } from "../../../lambdas/capture-forwarder/sinks/http";
import { captureLine, CollectingDeadLetterQueue, collectingLogger, FakeClock, LoopbackSink, startLoopbackSink } from "./support";

const S3rver = require("s3rver");

const TOKEN = "e2e-s3cr3t-token-Zx81";
const SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:sink-token-AbCdEf";
const BUCKET = "capture-bucket";
const KEY_1 = "data capture/churn-endpoint/AllTraffic/2024/01/02/03/04-05-678-0b2c1d9e-3f4a-4b5c-8d6e-7f8091a2b3c4.jsonl";
const KEY_2 = "data capture/churn-endpoint/AllTraffic/2024/01/02/03/09-10-111-1c3d2e0f-4a5b-4c6d-9e7f-8091a2b3c4d5.jsonl";
const GROUND_TRUTH = "data capture/groundtruth/2024/01/02/03/labels.jsonl";
const VERSION = "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY";

interface FixtureLine {
    line: number;
    text: string;
    /** Partner IDs for a good record, null for refused or blank lines. */
    ids: string[] | null;
}

/** Good record i, in one of four shapes; returns the line and its partner IDs. */
function goodRecord(prefix: string, i: number): { text: string; ids: string[] } {
    switch (i % 4) {
        case 0:
            return {
                text: captureLine({
                    eventId: `${prefix}evt-${i}`,
                    inferenceId: `${prefix}inf-${i}`,
                    input: { data: `${i},1\n${i},2\n`, encoding: "CSV" },
                    output: { data: "0.1\n0.9\n", encoding: "CSV" },
                }),
                ids: [`${prefix}inf-${i}_0`, `${prefix}inf-${i}_1`],
            };
        case 1:
            return {
                text: captureLine({
                    eventId: `${prefix}evt-${i}`,
                    input: { data: `{"instances":[{"features":[${i},3]}]}`, encoding: "JSON" },
                    output: { data: '{"predictions":[{"probabilities":[0.3,0.7]}]}', encoding: "JSON" },
                }),
                ids: [`${prefix}evt-${i}`],
            };
        case 2:
            return {
                text: captureLine({
                    eventId: `${prefix}evt-${i}`,
                    input: { data: `{"instances":[{"age":${i}},{"age":2},{"age":3}]}`, encoding: "JSON" },
                }),
                ids: [`${prefix}evt-${i}_0`, `${prefix}evt-${i}_1`, `${prefix}evt-${i}_2`],
            };
        default:
            return {
                text: captureLine({
                    eventId: `${prefix}evt-${i}`,
                    inferenceId: `${prefix}inf-${i}`,
                    customAttributes: "tenant=acme",
                    input: { data: `${i},4`, encoding: "CSV" },
                    output: { data: "1", encoding: "CSV" },
                }),
                ids: [`${prefix}inf-${i}`],
            };
    }
}

/** 40 good records with a run of 3 BASE64 records, one count mismatch and one blank line among them. */
function fixtureOne(): FixtureLine[] {
    const lines: FixtureLine[] = [];
    const push = (text: string, ids: string[] | null): void => {
        lines.push({ line: lines.length + 1, text, ids });
    };
    for (let i = 0; i < 40; i++) {
        const good = goodRecord("", i);
        push(good.text, good.ids);
        if (i === 5) {
            for (let b = 0; b < 3; b++)
                push(
                    captureLine({
                        eventId: `b64-${b}`,
                        input: { data: "MSwyLDM=", encoding: "BASE64" },
                        output: { data: "MC41", encoding: "BASE64" },
                    }),
                    null,
                );
        }
        if (i === 20)
            push(
                captureLine({ eventId: "mismatch", input: { data: "1\n2", encoding: "CSV" }, output: { data: "0.5", encoding: "CSV" } }),
                null,
            );
        if (i === 30) push("", null);
    }
    return lines;
}

function fixtureTwo(): FixtureLine[] {
    return [0, 1, 2].map((i) => ({ line: i + 1, ...goodRecord("b-", i) }));
}

function body(lines: FixtureLine[]): string {
    return lines.map((l) => `${l.text}\n`).join("");
}

/** Partner IDs of the good records, grouped in chunks of `perChunk` records. */
function chunksOf(lines: FixtureLine[], perChunk: number): string[][] {
    const good = lines.filter((l) => l.ids !== null);
    const chunks: string[][] = [];
    for (let i = 0; i < good.length; i += perChunk) chunks.push(good.slice(i, i + perChunk).flatMap((l) => l.ids as string[]));
    return chunks;
}

function linesOfChunk(lines: FixtureLine[], perChunk: number, index: number): [number, number] {
    const good = lines.filter((l) => l.ids !== null).slice(index * perChunk, (index + 1) * perChunk);
    return [good[0].line, good[good.length - 1].line];
}

/** The capture bucket is versioned, so every ObjectCreated record names a version (s3rver ignores it). */
function event(records: Array<{ eventName: string; key: string; size: number; eTag: string; versionId?: string }>): S3Event {
    return {
        Records: records.map((r) => ({
            eventName: r.eventName,
            s3: {
                bucket: { name: BUCKET },
                object: {
                    key: encodeURIComponent(r.key).replace(/%20/g, "+").replace(/%2F/g, "/"),
                    size: r.size,
                    eTag: r.eTag,
                    versionId: r.versionId ?? VERSION,
                },
            },
        })),
    } as unknown as S3Event;
}

function partnerIdsIn(requests: Array<{ body: Buffer }>): string[] {
    return requests.flatMap((r) =>
        r.body
            .toString("utf8")
            .trim()
            .split("\n")
            .map((l) => (JSON.parse(l) as { partnerInferenceId: string }).partnerInferenceId),
    );
}

describe("capture-forwarder handler end to end (s3rver + loopback HTTP sink)", function () {
    this.timeout(20_000);
    let dir: string;
    let s3server: { run(): Promise<{ port: number }>; close(): Promise<void> };
    let s3: S3Client;
    let sink: LoopbackSink | null = null;
    const etags: Record<string, string> = {};
    const one = fixtureOne();
    const two = fixtureTwo();

    before(async () => {
        dir = mkdtempSync(path.join(tmpdir(), "capture-forwarder-s3-"));
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
        for (const [key, content] of [
            [KEY_1, body(one)],
            [KEY_2, body(two)],
            [GROUND_TRUTH, '{"groundTruthData":{}}\n'],
        ]) {
            const out = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: content }));
            etags[key] = (out.ETag ?? "").replace(/"/g, "");
        }
    });

    after(async () => {
        s3.destroy();
        await s3server.close();
        rmSync(dir, { recursive: true, force: true });
    });

    afterEach(async () => {
        await sink?.close();
        sink = null;
    });

    function dependencies(sinkUrl: string, overrides: Partial<HandlerDependencies> = {}) {
        const logs = collectingLogger();
        const clock = new FakeClock();
        const deadLetters = new CollectingDeadLetterQueue();
        const store = new InMemoryIdempotencyStore();
        const secrets = new CachedSecretToken({ send: async () => ({ SecretString: TOKEN }) }, SECRET_ARN, 300_000, clock, logs.redactor);
        const deps: HandlerDependencies = {
            s3,
            sink: new HttpSink({ url: sinkUrl, auth: { tokens: secrets, header: "Authorization", prefix: "Bearer " } }),
            store,
            deadLetters,
            logger: logs.logger,
            redactor: logs.redactor,
            clock,
            random: () => 0.5,
            chunkLimits: { maxBytes: 1 << 20, maxRecords: 8 },
            retry: { maxAttempts: 6, baseDelayMs: 200, maxDelayMs: 20_000, safetyMarginMs: 10_000 },
            attemptTimeoutMs: 300,
            s3RangeBytes: 4096,
            ...overrides,
        };
        return { deps, logs, clock, deadLetters, store };
    }

    const fullEvent = (): S3Event =>
        event([
            { eventName: "ObjectCreated:Put", key: KEY_1, size: Buffer.byteLength(body(one)), eTag: etags[KEY_1] },
            { eventName: "ObjectCreated:Put", key: GROUND_TRUTH, size: 23, eTag: etags[GROUND_TRUTH] },
            { eventName: "ObjectRemoved:Delete", key: KEY_2, size: 0, eTag: "" },
            { eventName: "ObjectCreated:CompleteMultipartUpload", key: KEY_2, size: Buffer.byteLength(body(two)), eTag: etags[KEY_2] },
        ]);
    const context = { getRemainingTimeInMillis: () => 900_000 };

    it("forwards every record, retries transient failures, dead-letters the rest, and resends nothing on redelivery", async () => {
        sink = await startLoopbackSink([
            { kind: "status", status: 500, body: "internal" },
            { kind: "status", status: 429, headers: { "Retry-After": "1" } },
            { kind: "slow", afterMs: 1000 },
            { kind: "reset" },
            { kind: "status", status: 200 },
            { kind: "status", status: 200 },
            // A sink that echoes the rejected records and the auth header: neither may reach a reason or a log.
            {
                kind: "status",
                status: 400,
                headers: { "Content-Type": "application/json" },
                body: (request) =>
                    JSON.stringify({
                        code: "InvalidRecords",
                        rejected: request.body.toString("utf8"),
                        authorization: request.headers.authorization,
                    }),
            },
        ]);
        const { deps, logs, clock, deadLetters } = dependencies(sink.url);
        const handler = createHandler(deps);

        const summary = await handler(fullEvent(), context);

        const chunks = chunksOf(one, 8);
        assert.equal(chunks.length, 5);
        const expectedIds = [...chunks[0], ...chunks[1], ...chunks[3], ...chunks[4], ...chunksOf(two, 8)[0]];
        const received = partnerIdsIn(sink.accepted);
        assert.deepStrictEqual(received, expectedIds);
        assert.equal(new Set(received).size, received.length);
        assert.equal(sink.requests.length, 10);
        assert.deepStrictEqual(clock.sleeps, [100, 1000, 400, 800]);

        const [chunk2First, chunk2Last] = linesOfChunk(one, 8, 2);
        const where = { bucket: BUCKET, key: KEY_1, versionId: VERSION, etag: etags[KEY_1] };
        const base64Lines = one.filter((l) => l.text.includes("BASE64")).map((l) => l.line);
        const mismatchLine = one.find((l) => l.text.includes('"mismatch"'))?.line;
        assert.deepStrictEqual([base64Lines, mismatchLine], [[7, 8, 9], 25]);
        assert.deepStrictEqual(deadLetters.messages, [
            {
                ...where,
                firstLine: 7,
                lastLine: 9,
                reason: `captureData.endpointInput and captureData.endpointOutput are BASE64-encoded and cannot be read: ${BASE64_HINT}`,
                count: 3,
            },
            {
                ...where,
                firstLine: 25,
                lastLine: 25,
                reason: "input holds 2 inference(s) but output holds 1; inputs and outputs pair by index",
                count: 2,
            },
            // The echo makes the body longer than the 2 KiB read for a code, so only the status remains.
            {
                ...where,
                firstLine: chunk2First,
                lastLine: chunk2Last,
                reason: "delivery to the http sink failed: not retryable: HTTP 400 Bad Request",
                count: 14,
            },
        ]);
        const expectedSummary: InvocationSummary = {
            objects: 2,
            objectsSkipped: 2,
            objectsIncomplete: 0,
            deadLettersLost: 0,
            recordsRead: 47,
            inferencesRead: 81,
            inferencesSent: 62,
            deadLettered: 19,
            skipped: 0,
            unaccounted: 0,
            base64Records: 3,
            chunksSent: 5,
            chunksAlreadyDelivered: 0,
            chunksAlreadyDeadLettered: 0,
            chunksAlreadyPartiallyAccepted: 0,
            chunksDeadLettered: 1,
            refusedRunsAlreadyDeadLettered: 0,
            blankLines: 1,
            inferencesToRetry: 0,
        };
        assert.deepStrictEqual(summary, expectedSummary);
        assert.equal(summary.inferencesSent + summary.deadLettered + summary.skipped + summary.unaccounted, summary.inferencesRead);

        const logged = logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
        assert.deepStrictEqual(
            logged.filter((l) => String(l.message).startsWith("skipping")),
            [
                {
                    level: "info",
                    message: "skipping object that is not a Data Capture file",
                    bucket: BUCKET,
                    key: GROUND_TRUTH,
                    reason: 'file name "labels.jsonl" does not match {MM}-{SS}-{mmm}-{uuid}.jsonl (or .jsonl.gz)',
                },
                {
                    level: "info",
                    message: "skipping event that is not ObjectCreated",
                    bucket: BUCKET,
                    key: encodeURIComponent(KEY_2).replace(/%20/g, "+").replace(/%2F/g, "/"),
                    eventName: "ObjectRemoved:Delete",
                },
            ],
        );
        assert.deepStrictEqual(
            logged.filter((l) => l.message === "BASE64 capture records dead-lettered"),
            [
                {
                    level: "warn",
                    message: "BASE64 capture records dead-lettered",
                    bucket: BUCKET,
                    key: KEY_1,
                    firstLine: 7,
                    lastLine: 9,
                    records: 3,
                    hint: BASE64_HINT,
                },
            ],
        );
        assert.deepStrictEqual(
            logged.filter((l) => l.message === "capture-forwarder summary"),
            [{ level: "info", message: "capture-forwarder summary", ...expectedSummary }],
        );
        assert.deepStrictEqual(
            logged.filter((l) => l.message === "chunk delivery failed; retrying").map((l) => [l.attempt, l.delayMs, l.error]),
            [
                [1, 100, "HTTP 500 Internal Server Error"],
                [2, 1000, "HTTP 429 Too Many Requests"],
                [3, 400, "ETIMEDOUT: request timed out after 300 ms"],
                [4, 800, "ECONNRESET: socket hang up"],
            ],
        );
        assert.deepStrictEqual(
            logs.lines.filter((l) => l.includes(TOKEN)),
            [],
        );
        assert.deepStrictEqual(
            deadLetters.messages.filter((m) => JSON.stringify(m).includes(TOKEN)),
            [],
        );
        // No payload either: no line of the rejected chunk's body appears in a reason or a log line.
        const rejectedBody = sink.requests[6].body.toString("utf8").trim().split("\n");
        assert.equal(rejectedBody.length, 14);
        const written = [...logs.lines, ...deadLetters.messages.map((m) => JSON.stringify(m))];
        assert.deepStrictEqual(
            written.filter((text) => rejectedBody.some((line) => text.includes(line) || text.includes(JSON.stringify(line).slice(1, -1)))),
            [],
        );
        assert.deepStrictEqual(
            written.filter((text) => text.includes("partnerInferenceId")),
            [],
        );

        // Redelivery of the same event: nothing is sent and nothing dead-lettered again. The refused
        // chunk is recorded as dead-lettered too (replay resends it once the cause is fixed).
        const before = sink.requests.length;
        const again = await handler(fullEvent(), context);
        assert.deepStrictEqual(partnerIdsIn(sink.requests.slice(before)), []);
        assert.deepStrictEqual(again, {
            ...expectedSummary,
            inferencesSent: 0,
            deadLettered: 0,
            skipped: 81,
            chunksSent: 0,
            chunksAlreadyDelivered: 5,
            chunksAlreadyDeadLettered: 1,
            chunksAlreadyPartiallyAccepted: 0,
            chunksDeadLettered: 0,
            refusedRunsAlreadyDeadLettered: 2,
            blankLines: 1,
            inferencesToRetry: 0,
        });
        assert.equal(deadLetters.messages.length, 3);
        assert.deepStrictEqual(partnerIdsIn(sink.accepted), expectedIds);
        assert.deepStrictEqual(
            logs.lines.filter((l) => l.includes(TOKEN)),
            [],
        );
    });

    it("dead-letters an object that cannot be read", async () => {
        sink = await startLoopbackSink([]);
        const { deps, deadLetters } = dependencies(sink.url);
        const missing = KEY_1.replace("04-05-678", "07-07-777");
        const summary = await createHandler(deps)(
            event([{ eventName: "ObjectCreated:Put", key: missing, size: 10, eTag: "abc" }]),
            context,
        );
        assert.equal(deadLetters.messages.length, 1);
        const [message] = deadLetters.messages;
        assert.deepStrictEqual(message, {
            bucket: BUCKET,
            key: missing,
            versionId: VERSION,
            etag: "abc",
            firstLine: 1,
            lastLine: null,
            count: null,
            reason:
                `could not read the rest of the object from line 1: reading s3://${BUCKET}/${missing} at byte 0 failed after 1 attempt(s): ` +
                "NoSuchKey: The specified key does not exist.",
        });
        assert.deepStrictEqual([summary.objects, summary.recordsRead, sink.requests.length], [1, 0, 0]);
    });

    it("fails the invocation when a dead letter cannot be sent either, after finishing the event", async () => {
        sink = await startLoopbackSink(
            Array.from({ length: 20 }, () => ({
                kind: "status" as const,
                status: 403,
                body: (request: { headers: Record<string, unknown> }) => `forbidden for ${String(request.headers.authorization)}`,
            })),
        );
        const { deps, deadLetters, logs } = dependencies(sink.url);
        deadLetters.failWith = new Error("AccessDenied: sqs:SendMessage");
        const handler = createHandler(deps);
        await assert.rejects(
            handler(
                event([{ eventName: "ObjectCreated:Put", key: KEY_2, size: Buffer.byteLength(body(two)), eTag: etags[KEY_2] }]),
                context,
            ),
            {
                message:
                    "capture-forwarder invocation failed; 1 dead letter(s) could not be sent to the dead-letter queue: " +
                    `s3://${BUCKET}/${KEY_2} lines 1-3: delivery to the http sink failed: not retryable: HTTP 403 Forbidden`,
            },
        );
        const summary = logs.lines
            .map((l) => JSON.parse(l) as Record<string, unknown>)
            .find((l) => l.message === "capture-forwarder summary");
        assert.deepStrictEqual([summary?.unaccounted, summary?.deadLettersLost, summary?.inferencesRead], [6, 1, 6]);
        assert.deepStrictEqual(
            logs.lines.filter((l) => l.includes(TOKEN)),
            [],
        );
    });

    it("stops before the Lambda deadline instead of dead-lettering, and fails so the event is retried", async () => {
        sink = await startLoopbackSink([{ kind: "status", status: 503, headers: { "Retry-After": "30" } }]);
        const { deps, deadLetters } = dependencies(sink.url);
        const handler = createHandler(deps);
        await assert.rejects(
            handler(event([{ eventName: "ObjectCreated:Put", key: KEY_2, size: Buffer.byteLength(body(two)), eTag: etags[KEY_2] }]), {
                getRemainingTimeInMillis: () => 25_000,
            }),
            { message: "capture-forwarder invocation failed; the Lambda ran out of time before every object was forwarded" },
        );
        assert.deepStrictEqual([deadLetters.messages, sink.requests.length], [[], 1]);
    });
});
