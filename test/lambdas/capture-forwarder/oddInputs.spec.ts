/**
 * Every odd input accounted for: an empty InferenceId, a BOM, whitespace-only lines, gzip bodies
 * (by magic bytes, whatever the name), invalid UTF-8 (dead-lettered on every sink alike), an S3
 * event without a size, and a sink that answers before it has read the body.
 */
import assert from "node:assert/strict";
import http from "node:http";
import { gzipSync } from "node:zlib";
import { GetObjectCommand, GetObjectCommandOutput } from "@aws-sdk/client-s3";
import { Chunk, ChunkPayload } from "../../../lambdas/capture-forwarder/chunking";
import { EarlyAnswerError, httpPost } from "../../../lambdas/capture-forwarder/httpPost";

import { normalizeCaptureLine } from "../../../lambdas/capture-forwarder/normalize";
import { forwardCaptureObject } from "../../../lambdas/capture-forwarder/pipeline";
import { readS3Object } from "../../../lambdas/capture-forwarder/s3Source";
import { Sink } from "../../../lambdas/capture-forwarder/sinks/sink";
import { captureLine, FakeClock, pieces, pipelineDependencies } from "./support";

class RecordingSink implements Sink {
    readonly name = "recording";
    readonly chunks: Chunk[] = [];
    constructor(readonly payload: ChunkPayload) {}
    async deliver(chunk: Chunk): Promise<void> {
        this.chunks.push(chunk);
    }
}

function deps(sink: Sink) {
    return pipelineDependencies(sink);
}

const object = { bucket: "b", key: "k.jsonl", versionId: null, etag: "e", endpoint: "ep", variant: "v", name: "k" };
const lineA = captureLine({ eventId: "evt-a", inferenceId: "", input: { data: "1,2", encoding: "CSV" } });
const lineB = captureLine({ eventId: "evt-b", inferenceId: "inf-b", input: { data: "3,4", encoding: "CSV" } });

function partnerIds(sink: RecordingSink): string[] {
    return sink.chunks.flatMap((c) =>
        c.parts
            .join("")
            .trimEnd()
            .split("\n")
            .map((l) => (JSON.parse(l) as { partnerInferenceId: string }).partnerInferenceId),
    );
}

describe("capture-forwarder: odd inputs", () => {
    it("an empty InferenceId falls back to the EventId, as a missing one does", () => {
        assert.deepStrictEqual(
            normalizeCaptureLine(lineA, { endpoint: "ep", variant: "v" }),
            normalizeCaptureLine(captureLine({ eventId: "evt-a", input: { data: "1,2", encoding: "CSV" } }), {
                endpoint: "ep",
                variant: "v",
            }),
        );
        const result = normalizeCaptureLine(lineA, { endpoint: "ep", variant: "v" });
        assert.deepStrictEqual(result.ok && result.inferences.map((i) => [i.partnerInferenceId, i.inferenceId]), [["evt-a", null]]);
    });

    it("strips a BOM (sending the raw line without it), and counts empty and whitespace-only lines as blank, not records", async () => {
        const sink = new RecordingSink("capture-lines");
        const { value, logs } = deps(sink);
        const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lineA}\n \t \n\n${lineB}\r\n\r\n`)]);
        const result = await forwardCaptureObject({ ...object, body: pieces(body) }, value);
        assert.deepStrictEqual(
            sink.chunks.map((c) => c.parts.map(String)),
            [[lineA, `${lineB}\r`]],
        );
        assert.deepStrictEqual(
            [result.counts.recordsRead, result.counts.blankLines, result.counts.inferencesSent, result.counts.deadLettered],
            [2, 3, 2, 0],
        );
        assert.deepStrictEqual(logs.lines, ['{"level":"info","message":"UTF-8 byte-order mark stripped","bucket":"b","key":"k.jsonl"}']);
    });

    it("decompresses gzip bodies found by their magic bytes, under a .jsonl name too, split across reads", async () => {
        const gz = gzipSync(`${lineA}\n${lineB}\n`);
        const sink = new RecordingSink("normalized-inferences");
        const { value } = deps(sink);
        const result = await forwardCaptureObject({ ...object, body: pieces(gz.subarray(0, 5), gz.subarray(5)) }, value);
        assert.deepStrictEqual(partnerIds(sink), ["evt-a", "inf-b"]);
        assert.deepStrictEqual([result.counts.recordsRead, result.counts.inferencesSent], [2, 2]);
    });

    it("dead-letters the unread rest of a corrupt gzip body, from the first line not read", async () => {
        const gz = gzipSync(`${lineA}\n${lineB}\n`);
        const sink = new RecordingSink("normalized-inferences");
        const { value, deadLetters } = deps(sink);
        const corrupt = Buffer.concat([gz.subarray(0, 12), Buffer.alloc(40, 0x41)]);
        await forwardCaptureObject({ ...object, body: pieces(corrupt) }, value);
        assert.deepStrictEqual(
            deadLetters.messages.map((m) => [m.firstLine, m.lastLine, m.count, m.reason.split(":")[0]]),
            [[1, null, null, "could not read the rest of the object from line 1"]],
        );
    });

    for (const payload of ["capture-lines", "normalized-inferences"] as const) {
        it(`dead-letters a line that is not UTF-8 with the offset of its first bad byte (${payload} sink)`, async () => {
            const sink = new RecordingSink(payload);
            const { value, deadLetters } = deps(sink);
            const bad = Buffer.from(lineB.replace("3,4", "3,\u00e9"));
            const at = bad.indexOf(0xc3);
            bad[at + 1] = 0x28; // é's second byte replaced: an invalid sequence
            const result = await forwardCaptureObject(
                { ...object, body: pieces(Buffer.concat([bad, Buffer.from(`\n${lineA}\n`)])) },
                value,
            );
            assert.deepStrictEqual(
                deadLetters.messages.map((m) => [m.firstLine, m.lastLine, m.count, m.reason]),
                [[1, 1, 1, `capture line is not valid UTF-8 (first invalid byte at byte ${at})`]],
            );
            assert.deepStrictEqual([result.counts.inferencesSent, result.counts.deadLettered], [1, 1]);
        });
    }

    it("reads an object whose event has no size, learning it from the first range's Content-Range; an empty one is read as empty", async () => {
        const content = Buffer.from("0123456789abcdefghij");
        const ranges: string[] = [];
        const client = {
            async send(command: GetObjectCommand): Promise<GetObjectCommandOutput> {
                const range = command.input.Range ?? "";
                ranges.push(range);
                const [start, end] = /bytes=(\d+)-(\d+)/.exec(range)!.slice(1).map(Number);
                const slice = content.subarray(start, Math.min(end + 1, content.length));
                return {
                    Body: pieces(slice),
                    ContentRange: `bytes ${start}-${start + slice.length - 1}/${content.length}`,
                } as unknown as GetObjectCommandOutput;
            },
        };
        const ref = { bucket: "b", key: "k", versionId: null, etag: "e", size: null };
        const read: Buffer[] = [];
        for await (const piece of readS3Object(client, ref, { rangeBytes: 8, maxAttempts: 1, clock: new FakeClock() }))
            read.push(Buffer.from(piece));
        assert.deepStrictEqual([Buffer.concat(read).toString(), ranges], [content.toString(), ["bytes=0-7", "bytes=8-15", "bytes=16-19"]]);

        const empty = {
            async send(): Promise<GetObjectCommandOutput> {
                throw Object.assign(new Error("The requested range is not satisfiable"), {
                    name: "InvalidRange",
                    $metadata: { httpStatusCode: 416 },
                });
            },
        };
        const none: Uint8Array[] = [];
        for await (const piece of readS3Object(empty, ref, { rangeBytes: 8, maxAttempts: 1, clock: new FakeClock() })) none.push(piece);
        assert.deepStrictEqual(none, []);
    });

    it("does not count as delivered a 200 given before the sink read the body", async () => {
        const server = http.createServer((_req, res) => res.end("ok"));
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const url = new URL(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
        try {
            const body = Array.from({ length: 64 }, () => Buffer.alloc(1 << 20, 0x61));
            const outcome = await httpPost({ url, headers: {}, body, timeoutMs: 10_000 }).then(
                () => "delivered",
                (error: Error) => [error instanceof EarlyAnswerError, error.message],
            );
            assert.deepStrictEqual(outcome, [
                true,
                "the sink answered HTTP 200 before it had received the whole request body; the chunk is not counted as delivered",
            ]);
        } finally {
            server.closeAllConnections();
            await new Promise<void>((resolve) => server.close(() => resolve()));
        }
    });
});
