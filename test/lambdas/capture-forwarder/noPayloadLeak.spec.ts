/**
 * No payload data in any log line or dead letter: lines whose content holds a known marker go
 * through every refusal path (a line that is not JSON, a payload that is not JSON, a JSON Lines
 * payload with a bad line, a huge `encoding` value) and a sink that echoes the request in its 400
 * body; every log line and dead letter is scanned for the marker, and every reason is capped.
 */
import assert from "node:assert/strict";
import { jsonSyntaxProblem } from "../../../lambdas/capture-forwarder/jsonError";

import { forwardCaptureObject } from "../../../lambdas/capture-forwarder/pipeline";
import { capReason, REASON_MAX_BYTES } from "../../../lambdas/capture-forwarder/reasons";
import { HttpSink } from "../../../lambdas/capture-forwarder/sinks/http";
import { captureLine, pieces, startLoopbackSink, pipelineDependencies } from "./support";

const MARKER = "ssn=123-45-6789-MARKER";

const lines = [
    // 1: not JSON at all, the marker first (V8 quotes the start of the text)
    `${MARKER} {"captureData":`,
    // 2: JSON broken after the marker
    `{"captureData": {"endpointInput": "${MARKER}", }`,
    // 3: a JSON payload that is not JSON
    captureLine({ eventId: "e3", input: { data: `{"instances": [${MARKER}]}`, encoding: "JSON" } }),
    // 4: a JSON Lines payload with a bad line
    captureLine({ eventId: "e4", input: { data: `{"a":1}\n${MARKER}\n`, encoding: "JSON", contentType: "application/jsonlines" } }),
    // 5: a 2 MB encoding value holding the marker
    JSON.stringify({
        captureData: { endpointInput: { data: "1", encoding: `${MARKER}${"x".repeat(2_000_000)}`, mode: "INPUT" } },
        eventMetadata: { eventId: "e5", inferenceTime: "2024-01-02T03:04:05Z" },
    }),
    // 6: a good record carrying the marker, which the sink refuses with a 400 echoing the body
    captureLine({ eventId: "e6", input: { data: `${MARKER},1`, encoding: "CSV" } }),
];

describe("capture-forwarder: no payload in logs or dead letters", () => {
    it("refuses each marked line with a reason of kind and position, and the marker reaches no log line and no dead letter", async () => {
        const sink = await startLoopbackSink([{ kind: "status", status: 400, body: (request) => `{"message": "${request.body}"}` }]);
        try {
            const {
                value: deps,
                logs,
                deadLetters,
            } = pipelineDependencies(new HttpSink({ url: sink.url }), { chunkLimits: { maxBytes: 1 << 20, maxRecords: 10 } });
            const object = { bucket: "b", key: "k.jsonl", versionId: null, etag: "e", endpoint: "ep", variant: "v", name: "k" };
            const result = await forwardCaptureObject({ ...object, body: pieces(lines.join("\n")) }, deps);

            assert.equal(sink.requests.length, 1);
            assert.ok(sink.requests[0].body.toString().includes(MARKER), "the sink did receive the marked record");
            const reasons = deadLetters.messages.map((m) => [m.firstLine, m.lastLine, m.reason]);
            assert.deepStrictEqual(reasons.slice(0, 4), [
                [1, 1, "capture line is not valid JSON (unexpected character at byte 0)"],
                [2, 2, "capture line is not valid JSON (expected a property name at byte 60)"],
                [3, 3, "captureData.endpointInput.data: is not valid JSON (unexpected character at byte 15)"],
                [4, 4, "captureData.endpointInput.data: JSON Lines line 2 is not valid JSON (unexpected character at byte 0)"],
            ]);
            assert.deepStrictEqual(reasons.slice(4), [
                [5, 5, "captureData.endpointInput.encoding: must be one of CSV, JSON, BASE64, got a string of 2000022 characters"],
                [6, 6, "delivery to the http sink failed: not retryable: HTTP 400 Bad Request"],
            ]);
            assert.equal(result.counts.deadLettered, 6);
            const everything = [...logs.lines, ...deadLetters.messages.map((m) => JSON.stringify(m))];
            assert.deepStrictEqual(
                everything.filter((text) => text.includes("MARKER") || text.includes("ssn=")),
                [],
            );
            for (const text of everything) assert.ok(Buffer.byteLength(text) < 4 * REASON_MAX_BYTES, text.slice(0, 200));
        } finally {
            await sink.close();
        }
    });

    it("caps a reason at 1 KB and states the cut, on a character boundary", () => {
        const long = `${"é".repeat(600)}`;
        const capped = capReason(long);
        assert.equal(capped, `${"é".repeat(489)} [reason cut: 1200 bytes, first 978 kept]`);
        assert.ok(Buffer.byteLength(capped) <= REASON_MAX_BYTES);
        assert.equal(capReason("short"), "short");
    });

    it("locates JSON syntax problems by kind and byte offset (multi-byte characters counted in bytes)", () => {
        assert.deepStrictEqual(
            ['{"a": "é', '{"a": 1,}', "[1 2]", '{"a": "\\x"}', '{"a": 1} x', "", "{'a': 1}", '{"a"\t1}', '"\u0001"', '{"a":[1,2,3]}'].map(
                jsonSyntaxProblem,
            ),
            [
                { kind: "unterminated string", byteOffset: 6 },
                { kind: "expected a property name", byteOffset: 8 },
                { kind: "expected ',' or ']' in an array", byteOffset: 3 },
                { kind: "invalid escape in a string", byteOffset: 7 },
                { kind: "unexpected data after the JSON value", byteOffset: 9 },
                { kind: "unexpected end of input", byteOffset: 0 },
                { kind: "expected a property name", byteOffset: 1 },
                { kind: "expected ':' after a property name", byteOffset: 5 },
                { kind: "control character in a string", byteOffset: 1 },
                null,
            ],
        );
    });
});
