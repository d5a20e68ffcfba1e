import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { Chunk } from "../../../lambdas/capture-forwarder/chunking";
import { Redactor } from "../../../lambdas/capture-forwarder/redactor";
import { StaticToken, TokenSource } from "../../../lambdas/capture-forwarder/secrets";
import { ArthurSink, arthurUploadUrl } from "../../../lambdas/capture-forwarder/sinks/arthur";
import { HttpSink } from "../../../lambdas/capture-forwarder/sinks/http";
import { StreamSink } from "../../../lambdas/capture-forwarder/sinks/stdout";
import { LoopbackSink, Reply, startLoopbackSink } from "./support";

const rawChunk: Chunk = {
    index: 4,
    payload: "capture-lines",
    parts: [Buffer.from('{"line":1}'), Buffer.from('{"line":2}')],
    bytes: 22,
    records: 2,
    inferences: 3,
    firstLine: 7,
    lastLine: 9,
};

const normalizedChunk: Chunk = {
    index: 0,
    payload: "normalized-inferences",
    parts: ['{"partnerInferenceId":"a_0"}\n{"partnerInferenceId":"a_1"}\n', '{"partnerInferenceId":"b"}\n'],
    bytes: 84,
    records: 2,
    inferences: 3,
    firstLine: 1,
    lastLine: 2,
};

/** Tokens that change on each read: v1, v2, ... */
class RotatingToken implements TokenSource {
    reads = 0;
    invalidations = 0;
    async token(): Promise<string> {
        this.reads++;
        return `rotating-token-v${this.reads}`;
    }
    invalidate(): void {
        this.invalidations++;
    }
}

describe("capture-forwarder sinks", () => {
    let server: LoopbackSink | null = null;
    afterEach(async () => {
        await server?.close();
        server = null;
    });

    it("arthur: builds the documented upload URL", () => {
        assert.equal(
            arthurUploadUrl("https://app.arthur.ai/", "model 1").href,
            "https://app.arthur.ai/api/v3/models/model%201/inferences/integrations/sagemaker_data_capture",
        );
    });

    it("arthur: POSTs the raw lines as multipart field inference_data with the API key as the whole Authorization value, as Arthur's client sends it", async () => {
        server = await startLoopbackSink([{ kind: "status", status: 207, body: '{"counts":{"success":3,"failure":0,"total":3}}' }]);
        const host = server.url.replace("/ingest", "");
        const sink = new ArthurSink({
            host,
            modelId: "model-1",
            tokens: new StaticToken("arthur-tok-123", new Redactor()),
            boundary: () => "BOUNDARY42",
        });
        await sink.deliver(rawChunk, { objectName: "04-05-678-uuid", timeoutMs: 2000 });
        assert.equal(server.requests.length, 1);
        const request = server.requests[0];
        assert.deepStrictEqual(
            [
                request.method,
                request.url,
                request.headers.authorization,
                request.headers["content-type"],
                request.headers["content-length"],
            ],
            [
                "POST",
                "/api/v3/models/model-1/inferences/integrations/sagemaker_data_capture",
                "arthur-tok-123",
                "multipart/form-data; boundary=BOUNDARY42",
                String(request.body.length),
            ],
        );
        assert.equal(
            request.body.toString("utf8"),
            '--BOUNDARY42\r\nContent-Disposition: form-data; name="inference_data"; filename="04-05-678-uuid-chunk-4.jsonl"\r\n' +
                'Content-Type: application/jsonl\r\n\r\n{"line":1}\n{"line":2}\n\r\n--BOUNDARY42--\r\n',
        );
    });

    it("http: POSTs JSON lines with the configured auth header", async () => {
        server = await startLoopbackSink([]);
        const sink = new HttpSink({
            url: server.url,
            auth: { tokens: new StaticToken("http-tok-456", new Redactor()), header: "X-Api-Key", prefix: "Key " },
        });
        await sink.deliver(normalizedChunk, { objectName: "x", timeoutMs: 2000 });
        const request = server.requests[0];
        assert.deepStrictEqual(
            [request.url, request.headers["x-api-key"], request.headers["content-type"], request.body.toString("utf8")],
            [
                "/ingest",
                "Key http-tok-456",
                "application/x-ndjson",
                '{"partnerInferenceId":"a_0"}\n{"partnerInferenceId":"a_1"}\n{"partnerInferenceId":"b"}\n',
            ],
        );
    });

    it("http: after a 401, re-reads the secret once and resends with the new token", async () => {
        server = await startLoopbackSink([{ kind: "status", status: 401 }]);
        const tokens = new RotatingToken();
        const sink = new HttpSink({ url: server.url, auth: { tokens, header: "Authorization", prefix: "Bearer " } });
        await sink.deliver(normalizedChunk, { objectName: "x", timeoutMs: 2000 });
        assert.deepStrictEqual(
            server.requests.map((r) => r.headers.authorization),
            ["Bearer rotating-token-v1", "Bearer rotating-token-v2"],
        );
        assert.deepStrictEqual([tokens.reads, tokens.invalidations, server.accepted.length], [2, 1, 1]);
    });

    it("http: a non-2xx answer is a SinkResponseError with status, reason phrase, Retry-After and a JSON error code, never the body", async () => {
        server = await startLoopbackSink([
            { kind: "status", status: 503, headers: { "Retry-After": "4" }, body: 'overloaded while reading {"partnerInferenceId":"a_0"}' },
            {
                kind: "status",
                status: 422,
                headers: { "Content-Type": "application/json" },
                body: '{"error":{"code":"SchemaMismatch","message":"feature age=42 is not a string"}}',
            },
            { kind: "status", status: 400, body: '{"code":"not a code: age=42","error":"invalid input age=42"}' },
        ]);
        const sink = new HttpSink({ url: server.url });
        const context = { objectName: "x", timeoutMs: 2000 };
        await assert.rejects(sink.deliver(normalizedChunk, context), {
            name: "SinkResponseError",
            status: 503,
            retryAfter: "4",
            sinkCode: null,
            message: "HTTP 503 Service Unavailable",
        });
        await assert.rejects(sink.deliver(normalizedChunk, context), {
            name: "SinkResponseError",
            status: 422,
            sinkCode: "SchemaMismatch",
            message: "HTTP 422 Unprocessable Entity (code SchemaMismatch)",
        });
        await assert.rejects(sink.deliver(normalizedChunk, context), {
            name: "SinkResponseError",
            status: 400,
            sinkCode: null,
            message: "HTTP 400 Bad Request",
        });
    });

    describe("207 Multi-Status (Arthur answers every upload with one)", () => {
        const arthur = (): ArthurSink =>
            new ArthurSink({
                host: (server as LoopbackSink).url.replace("/ingest", ""),
                modelId: "model-1",
                tokens: new StaticToken("arthur-tok-123", new Redactor()),
            });
        const context = { objectName: "04-05-678-uuid", timeoutMs: 2000 };
        const multiStatus = (body: string): Reply => ({
            kind: "status",
            status: 207,
            headers: { "Content-Type": "application/json" },
            body,
        });

        it("is delivered when the body shows no failure", async () => {
            server = await startLoopbackSink([
                multiStatus(
                    '{"counts":{"success":3,"failure":0,"total":3},"results":[{"message":"success","status":200},{"message":"success","status":200},{"message":"success","status":201}]}',
                ),
                multiStatus('{"counts":{"success":3,"failure":0,"total":3}}'),
            ]);
            await arthur().deliver(rawChunk, context);
            await arthur().deliver(rawChunk, context);
            assert.equal(server.requests.length, 2);
        });

        it("fails the chunk with counts and statuses only when some inferences were rejected", async () => {
            server = await startLoopbackSink([
                multiStatus(
                    JSON.stringify({
                        counts: { success: 1, failure: 2, total: 3 },
                        results: [
                            { message: "success", status: 200 },
                            { message: 'invalid value 42 for attribute "age" in {"line":1}', status: 400 },
                            { message: "internal error", status: 500 },
                        ],
                    }),
                ),
            ]);
            await assert.rejects(arthur().deliver(rawChunk, context), {
                name: "PartialRejectionError",
                message:
                    "HTTP 207 Multi-Status: the sink rejected 2 of 3 inference(s) (status 400 x1, 500 x1); the results name no inference, so the whole chunk is dead-lettered",
            });
        });

        it("fails the chunk when the body cannot show that everything was accepted", async () => {
            server = await startLoopbackSink([multiStatus("<html>ok</html>"), multiStatus('{"accepted":true}'), multiStatus("")]);
            for (let i = 0; i < 3; i++) {
                await assert.rejects(arthur().deliver(rawChunk, context), {
                    name: "PartialRejectionError",
                    message:
                        'HTTP 207 Multi-Status: the body is not {"counts": {...}, "results": [...]} (or "failures": [...]) JSON, so it does not show that every inference was accepted',
                });
            }
        });
    });

    it("http: a slow answer is a timeout, a reset keeps its code", async () => {
        server = await startLoopbackSink([{ kind: "slow", afterMs: 2000 }, { kind: "reset" }]);
        const sink = new HttpSink({ url: server.url });
        await assert.rejects(sink.deliver(normalizedChunk, { objectName: "x", timeoutMs: 150 }), {
            name: "RequestTimeoutError",
            code: "ETIMEDOUT",
            message: "request timed out after 150 ms",
        });
        await assert.rejects(sink.deliver(normalizedChunk, { objectName: "x", timeoutMs: 2000 }), { code: "ECONNRESET" });
    });

    it("stdout: writes the JSON lines as they are", async () => {
        const written: string[] = [];
        const out = new Writable({
            write(chunk: Buffer, _encoding, callback) {
                written.push(chunk.toString());
                callback();
            },
        });
        await new StreamSink(out).deliver(normalizedChunk);
        assert.equal(written.join(""), '{"partnerInferenceId":"a_0"}\n{"partnerInferenceId":"a_1"}\n{"partnerInferenceId":"b"}\n');
    });
});
