import assert from "node:assert/strict";
import { Chunk, ChunkBuilder } from "../../../lambdas/capture-forwarder/chunking";
import { partnerInferenceIds } from "../../../lambdas/capture-forwarder/partnerIds";
import { RefusedRunCollector } from "../../../lambdas/capture-forwarder/refusedRuns";

describe("capture-forwarder chunking", () => {
    it("closes a chunk when the next record would exceed maxBytes, and keeps an oversized record whole", () => {
        const builder = new ChunkBuilder("normalized-inferences", { maxBytes: 10, maxRecords: 100 });
        const finished: Array<Chunk | null> = [
            builder.add(1, 1, "aaaa", 4),
            builder.add(2, 2, "bbbbbb", 6),
            builder.add(4, 1, "c", 1),
            builder.add(5, 3, "dddddddddddddddd", 16),
            builder.add(6, 1, "e", 1),
        ];
        const last = builder.finish();
        assert.deepStrictEqual(finished, [
            null,
            null,
            {
                index: 0,
                payload: "normalized-inferences",
                parts: ["aaaa", "bbbbbb"],
                bytes: 10,
                records: 2,
                inferences: 3,
                firstLine: 1,
                lastLine: 2,
            },
            { index: 1, payload: "normalized-inferences", parts: ["c"], bytes: 1, records: 1, inferences: 1, firstLine: 4, lastLine: 4 },
            {
                index: 2,
                payload: "normalized-inferences",
                parts: ["dddddddddddddddd"],
                bytes: 16,
                records: 1,
                inferences: 3,
                firstLine: 5,
                lastLine: 5,
            },
        ]);
        assert.deepStrictEqual(last, {
            index: 3,
            payload: "normalized-inferences",
            parts: ["e"],
            bytes: 1,
            records: 1,
            inferences: 1,
            firstLine: 6,
            lastLine: 6,
        });
        assert.equal(builder.finish(), null);
    });

    it("closes a chunk at maxRecords", () => {
        const builder = new ChunkBuilder("capture-lines", { maxBytes: 1 << 20, maxRecords: 2 });
        const lines = ["a", "b", "c"].map((s) => Buffer.from(s));
        assert.equal(builder.add(1, 1, lines[0], 2), null);
        assert.equal(builder.add(2, 1, lines[1], 2), null);
        assert.deepStrictEqual(builder.add(3, 1, lines[2], 2), {
            index: 0,
            payload: "capture-lines",
            parts: [lines[0], lines[1]],
            bytes: 4,
            records: 2,
            inferences: 2,
            firstLine: 1,
            lastLine: 2,
        });
        assert.deepStrictEqual(builder.finish(), {
            index: 1,
            payload: "capture-lines",
            parts: [lines[2]],
            bytes: 2,
            records: 1,
            inferences: 1,
            firstLine: 3,
            lastLine: 3,
        });
    });
});

describe("capture-forwarder partnerIds", () => {
    it("uses the InferenceId alone for one inference", () => assert.deepStrictEqual(partnerInferenceIds("evt", "inf", 1), ["inf"]));
    it("uses the EventId alone for one inference without InferenceId", () =>
        assert.deepStrictEqual(partnerInferenceIds("evt", null, 1), ["evt"]));
    it("indexes several inferences from 0", () =>
        assert.deepStrictEqual(partnerInferenceIds("evt", "abcdefg-12345", 2), ["abcdefg-12345_0", "abcdefg-12345_1"]));
    it("indexes the EventId when there is no InferenceId", () =>
        assert.deepStrictEqual(partnerInferenceIds("evt", null, 3), ["evt_0", "evt_1", "evt_2"]));
});

describe("capture-forwarder refused runs", () => {
    it("merges consecutive records with the same reason and splits on a new reason or a flush", () => {
        const runs = new RefusedRunCollector();
        const out = [
            runs.add(3, "base64", 1, true),
            runs.add(4, "base64", 1, true),
            runs.add(6, "base64", 1, true),
            runs.add(7, "mismatch", 4, false),
            runs.flush(),
            runs.add(9, "mismatch", 2, false),
            runs.flush(),
            runs.flush(),
        ];
        assert.deepStrictEqual(out, [
            null,
            null,
            null,
            { firstLine: 3, lastLine: 6, reason: "base64", records: 3, inferences: 3, base64: true },
            { firstLine: 7, lastLine: 7, reason: "mismatch", records: 1, inferences: 4, base64: false },
            null,
            { firstLine: 9, lastLine: 9, reason: "mismatch", records: 1, inferences: 2, base64: false },
            null,
        ]);
    });
});
