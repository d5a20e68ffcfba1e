/**
 * Arthur's contract, as its own integration and clients show it: the file-upload 207 body
 * (`counts` + `failures`), a warning when `counts.total` differs from what was sent, an unknown 207
 * body never resent on redelivery, the part's content type taken from the capture object, and the
 * payload forms Arthur does not document dead-lettered unless the configuration allows them.
 */
import assert from "node:assert/strict";
import { readForwarderEnvironment } from "../../../domain/forwarder/environment";
import { InMemoryIdempotencyStore } from "../../../lambdas/capture-forwarder/idempotency";
import { readMultiStatus } from "../../../lambdas/capture-forwarder/multiStatus";
import { forwardCaptureObject } from "../../../lambdas/capture-forwarder/pipeline";
import { Redactor } from "../../../lambdas/capture-forwarder/redactor";
import { StaticToken } from "../../../lambdas/capture-forwarder/secrets";
import { ArthurSink } from "../../../lambdas/capture-forwarder/sinks/arthur";
import { captureLine, pieces, Reply, startLoopbackSink, pipelineDependencies } from "./support";

const WHOLE_CHUNK = "the results name no inference, so the whole chunk is dead-lettered";

const csv = captureLine({ eventId: "csv", input: { data: "1,2", encoding: "CSV" }, output: { data: "0.5", encoding: "CSV" } });
const features = captureLine({
    eventId: "features",
    input: { data: '{"instances":[{"features":[1,2]}]}', encoding: "JSON" },
    output: { data: '{"predictions":[{"probabilities":[0.1,0.9]}]}', encoding: "JSON" },
});
const nameMap = captureLine({ eventId: "map", input: { data: '{"age":3}', encoding: "JSON" } });
const jsonLines = captureLine({
    eventId: "jl",
    input: { data: '{"a":1}\n{"a":2}\n', encoding: "JSON", contentType: "application/jsonlines" },
});
const bareArray = captureLine({ eventId: "arr", input: { data: "[1,2,3]", encoding: "JSON" } });
const scalarItems = captureLine({
    eventId: "sc",
    input: { data: "1,2", encoding: "CSV" },
    output: { data: '{"predictions":[0.7]}', encoding: "JSON" },
});

async function runArthur(
    lines: string[],
    replies: Reply[],
    options: { allow?: boolean; contentType?: string | null; store?: InMemoryIdempotencyStore } = {},
) {
    const server = await startLoopbackSink(replies);
    const sink = new ArthurSink({
        host: server.url.replace("/ingest", ""),
        modelId: "m-1",
        tokens: new StaticToken("arthur-key-123", new Redactor()),
        allowUndocumentedForms: options.allow,
        boundary: () => "B",
    });
    const { value: deps, logs, deadLetters } = pipelineDependencies(sink, options.store === undefined ? {} : { store: options.store });
    const object = { bucket: "b", key: "k.jsonl", versionId: null, etag: "e", endpoint: "ep", variant: "v", name: "k" };
    try {
        const result = await forwardCaptureObject(
            {
                ...object,
                body: pieces(lines.join("\n")),
                contentType: options.contentType === undefined ? undefined : () => options.contentType ?? null,
            },
            deps,
        );
        return { result, requests: server.requests, logs: logs.lines, deadLetters: deadLetters.messages };
    } finally {
        await server.close();
    }
}

const partHeaders = (body: Buffer): string => body.toString().split("\r\n\r\n")[0].split("\r\n").slice(1).join(" | ");

describe("capture-forwarder: Arthur's contract", () => {
    describe("207 bodies", () => {
        it("counts each `failures` entry of a file-upload answer as rejected, and accepts an empty one", () => {
            assert.deepStrictEqual(
                [
                    readMultiStatus(
                        '{"counts":{"success":3,"failure":2,"total":5},"failures":[{"message":"x"},{"message":"y"}]}',
                        false,
                        5,
                    ),
                    readMultiStatus('{"counts":{"success":5,"failure":0,"total":5},"failures":[{"message":"x"}]}', false, 5),
                    readMultiStatus('{"counts":{"success":2,"failure":0,"total":2},"failures":[]}', false, 2),
                    readMultiStatus('{"failures":[]}', false, 4),
                    readMultiStatus('{"failures":{"n":1}}', false, 1).failure?.slice(0, 12),
                ],
                [
                    { failure: `the sink rejected 2 of 5 inference(s); ${WHOLE_CHUNK}`, warning: null },
                    { failure: `the sink rejected 1 of 5 inference(s); ${WHOLE_CHUNK}`, warning: null },
                    { failure: null, warning: null },
                    { failure: null, warning: null },
                    "the body is ",
                ],
            );
        });

        it("warns when counts.total differs from the chunk's inference count, and logs it on delivery", async () => {
            assert.deepStrictEqual(readMultiStatus('{"counts":{"success":3,"failure":0,"total":3}}', false, 4), {
                failure: null,
                warning: "the sink's 207 counts.total is 3, but the chunk holds 4 inference(s)",
            });
            const run = await runArthur(
                [csv, features],
                [{ kind: "status", status: 207, body: '{"counts":{"success":1,"failure":0,"total":1}}' }],
            );
            assert.deepStrictEqual(
                [run.result.counts.inferencesSent, run.logs.map((l) => JSON.parse(l) as Record<string, unknown>)],
                [
                    2,
                    [
                        {
                            level: "warn",
                            message: "sink answer differs from what was sent",
                            bucket: "b",
                            key: "k.jsonl",
                            chunk: 0,
                            warning: "the sink's 207 counts.total is 1, but the chunk holds 2 inference(s)",
                        },
                    ],
                ],
            );
        });

        it("an unknown 207 body dead-letters the chunk as partly accepted, and a redelivery resends none of it", async () => {
            const store = new InMemoryIdempotencyStore();
            const first = await runArthur([csv, features], [{ kind: "status", status: 207, body: '{"ok":true}' }], { store });
            const second = await runArthur([csv, features], [], { store });
            assert.deepStrictEqual(
                [
                    first.requests.length,
                    first.result.counts.deadLettered,
                    second.requests.length,
                    second.result.counts.chunksAlreadyPartiallyAccepted,
                    second.result.counts.skipped,
                ],
                [1, 2, 0, 1, 2],
            );
        });
    });

    it("sends the capture object's own Content-Type as the part's, and application/jsonl when it is unknown", async () => {
        const own = await runArthur([csv], [], { contentType: "application/octet-stream" });
        const unknown = await runArthur([csv], [], { contentType: null });
        const unsafe = await runArthur([csv], [], { contentType: "text/plain\r\nX-Injected: 1" });
        assert.deepStrictEqual(
            [own, unknown, unsafe].map((run) => partHeaders(run.requests[0].body)),
            [
                'Content-Disposition: form-data; name="inference_data"; filename="k-chunk-0.jsonl" | Content-Type: application/octet-stream',
                'Content-Disposition: form-data; name="inference_data"; filename="k-chunk-0.jsonl" | Content-Type: application/jsonl',
                'Content-Disposition: form-data; name="inference_data"; filename="k-chunk-0.jsonl" | Content-Type: application/jsonl',
            ],
        );
    });

    it("dead-letters payload forms Arthur does not document, naming the form and the setting that allows them", async () => {
        const run = await runArthur([csv, features, nameMap, jsonLines, bareArray, scalarItems], []);
        const tail =
            ', a payload form Arthur does not document (it documents CSV, and JSON "instances"/"predictions" of "features"/"probabilities" objects' +
            " or feature-name maps), so Arthur may reject it after accepting the upload;" +
            " set ARTHUR_ALLOW_UNDOCUMENTED_FORMS=true (sink.allowUndocumentedPayloadForms) to send it";
        assert.deepStrictEqual(
            run.deadLetters.map((d) => [d.firstLine, d.lastLine, d.count, d.reason]),
            [
                [4, 4, 2, `captureData.endpointInput.data is JSON Lines${tail}`],
                [5, 5, 1, `captureData.endpointInput.data is a bare JSON array${tail}`],
                [6, 6, 1, `captureData.endpointOutput.data has "predictions" items that are bare scalars${tail}`],
            ],
        );
        assert.equal(run.result.counts.inferencesSent, 3);
        assert.equal(run.requests.length, 1);
    });

    it("sends them when the forwarder configuration allows them", async () => {
        const run = await runArthur([csv, features, nameMap, jsonLines, bareArray, scalarItems], [], { allow: true });
        assert.deepStrictEqual([run.deadLetters, run.result.counts.inferencesSent], [[], 7]);
    });

    it("reads ARTHUR_ALLOW_UNDOCUMENTED_FORMS as true or false, and refuses anything else", () => {
        const env = {
            SINK: "arthur",
            ARTHUR_HOST: "https://app.arthur.ai",
            ARTHUR_MODEL_ID: "m",
            AUTH_SECRET_ARN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:t-AbCdEf",
            DEAD_LETTER_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/123456789012/q",
            IDEMPOTENCY_TABLE: "deliveries",
        };
        const read = (value: string | undefined) => {
            const { config, problems } = readForwarderEnvironment({ ...env, ARTHUR_ALLOW_UNDOCUMENTED_FORMS: value });
            return config?.sink?.kind === "arthur" ? config.sink.allowUndocumentedForms : problems;
        };
        assert.deepStrictEqual(
            [read(undefined), read("false"), read("true"), read("yes")],
            [false, false, true, [{ variable: "ARTHUR_ALLOW_UNDOCUMENTED_FORMS", reason: 'must be true or false, got "yes"' }]],
        );
    });
});
