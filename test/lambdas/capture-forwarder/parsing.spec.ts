/** The parsing table: capture lines in, normalized inferences (or the refusal) out. */
import assert from "node:assert/strict";
import { BASE64_HINT } from "../../../lambdas/capture-forwarder/base64Capture";
import { NormalizedInference, NormalizeResult, normalizeCaptureLine } from "../../../lambdas/capture-forwarder/normalize";
import { captureLine, CaptureSpec } from "./support";

const identity = { endpoint: "churn-endpoint", variant: "AllTraffic" };
const TIME = "2024-01-02T03:04:05Z";

function inference(
    partnerInferenceId: string,
    input: unknown,
    output: unknown,
    extra: Partial<NormalizedInference> = {},
): NormalizedInference {
    return {
        partnerInferenceId,
        eventId: "evt-1",
        inferenceId: null,
        inferenceTime: TIME,
        endpoint: "churn-endpoint",
        variant: "AllTraffic",
        input,
        output,
        customAttributes: null,
        ...extra,
    };
}

const table: Array<{ name: string; spec: CaptureSpec | string; expected: NormalizeResult }> = [
    {
        name: "CSV, a single row, no InferenceId: the EventId",
        spec: { eventId: "evt-1", input: { data: "1,2,3,4", encoding: "CSV" }, output: { data: "0.7", encoding: "CSV" } },
        expected: { ok: true, inferences: [inference("evt-1", "1,2,3,4", "0.7")] },
    },
    {
        name: "CSV, a single row with a trailing newline is still one inference",
        spec: { eventId: "evt-1", input: { data: "1,2,3,4\n", encoding: "CSV" }, output: { data: "0.7\n", encoding: "CSV" } },
        expected: { ok: true, inferences: [inference("evt-1", "1,2,3,4", "0.7")] },
    },
    {
        name: "CSV, several rows and a trailing newline, with InferenceId",
        spec: {
            eventId: "evt-1",
            inferenceId: "abcdefg-12345",
            input: { data: "1,2,3,4\n5,6,7,8\n", encoding: "CSV" },
            output: { data: "0.1\n0.9\n", encoding: "CSV" },
        },
        expected: {
            ok: true,
            inferences: [
                inference("abcdefg-12345_0", "1,2,3,4", "0.1", { inferenceId: "abcdefg-12345" }),
                inference("abcdefg-12345_1", "5,6,7,8", "0.9", { inferenceId: "abcdefg-12345" }),
            ],
        },
    },
    {
        name: "CSV rows with CRLF line ends",
        spec: { eventId: "evt-1", input: { data: "1,2\r\n3,4\r\n", encoding: "CSV" }, output: { data: "0\r\n1", encoding: "CSV" } },
        expected: { ok: true, inferences: [inference("evt-1_0", "1,2", "0"), inference("evt-1_1", "3,4", "1")] },
    },
    {
        name: "JSON instances of features arrays, predictions of probabilities arrays",
        spec: {
            eventId: "evt-1",
            input: { data: '{"instances":[{"features":[1,2]},{"features":[3,4]}]}', encoding: "JSON" },
            output: { data: '{"predictions":[{"probabilities":[0.2,0.8]},{"probabilities":[0.6,0.4]}]}', encoding: "JSON" },
        },
        expected: {
            ok: true,
            inferences: [
                inference("evt-1_0", { features: [1, 2] }, { probabilities: [0.2, 0.8] }),
                inference("evt-1_1", { features: [3, 4] }, { probabilities: [0.6, 0.4] }),
            ],
        },
    },
    {
        name: "JSON instances of feature-name maps, predictions of scalars, with InferenceId",
        spec: {
            eventId: "evt-1",
            inferenceId: "req-7",
            input: { data: '{"instances":[{"age":41,"plan":"gold"},{"age":23,"plan":"free"},{"age":35,"plan":"pro"}]}', encoding: "JSON" },
            output: { data: '{"predictions":[1,0,1]}', encoding: "JSON" },
        },
        expected: {
            ok: true,
            inferences: [
                inference("req-7_0", { age: 41, plan: "gold" }, 1, { inferenceId: "req-7" }),
                inference("req-7_1", { age: 23, plan: "free" }, 0, { inferenceId: "req-7" }),
                inference("req-7_2", { age: 35, plan: "pro" }, 1, { inferenceId: "req-7" }),
            ],
        },
    },
    {
        name: "JSON with one instance is one inference named by the InferenceId alone",
        spec: {
            eventId: "evt-1",
            inferenceId: "req-8",
            input: { data: '{"instances":[{"features":[9]}]}', encoding: "JSON" },
            output: { data: '{"predictions":[{"probabilities":[1]}]}', encoding: "JSON" },
        },
        expected: { ok: true, inferences: [inference("req-8", { features: [9] }, { probabilities: [1] }, { inferenceId: "req-8" })] },
    },
    {
        name: "JSON Lines payloads (content type application/jsonlines)",
        spec: {
            eventId: "evt-1",
            input: { data: '{"features":[1,2]}\n{"features":[3,4]}\n', encoding: "JSON", contentType: "application/jsonlines" },
            output: { data: '{"score":0.3}\n{"score":0.4}\n', encoding: "JSON", contentType: "application/jsonlines" },
        },
        expected: {
            ok: true,
            inferences: [
                inference("evt-1_0", { features: [1, 2] }, { score: 0.3 }),
                inference("evt-1_1", { features: [3, 4] }, { score: 0.4 }),
            ],
        },
    },
    {
        name: "JSON Lines recognised by their shape when the content type says JSON",
        spec: { eventId: "evt-1", input: { data: "[1,2]\n[3,4]", encoding: "JSON" }, output: { data: "0.5\n0.6", encoding: "JSON" } },
        expected: { ok: true, inferences: [inference("evt-1_0", [1, 2], 0.5), inference("evt-1_1", [3, 4], 0.6)] },
    },
    {
        name: "a plain JSON value is one inference, even an array",
        spec: { eventId: "evt-1", input: { data: "[[1,2],[3,4]]", encoding: "JSON" }, output: { data: '{"label":"a"}', encoding: "JSON" } },
        expected: {
            ok: true,
            inferences: [
                inference(
                    "evt-1",
                    [
                        [1, 2],
                        [3, 4],
                    ],
                    { label: "a" },
                ),
            ],
        },
    },
    {
        name: "a record with no output: output null",
        spec: { eventId: "evt-1", input: { data: "1,2\n3,4", encoding: "CSV" } },
        expected: { ok: true, inferences: [inference("evt-1_0", "1,2", null), inference("evt-1_1", "3,4", null)] },
    },
    {
        name: "a record with only an output: input null",
        spec: { eventId: "evt-1", output: { data: "0.4", encoding: "CSV" } },
        expected: { ok: true, inferences: [inference("evt-1", null, "0.4")] },
    },
    {
        name: "customAttributes are carried",
        spec: {
            eventId: "evt-1",
            customAttributes: "tenant=acme;trace=9",
            input: { data: "1", encoding: "CSV" },
            output: { data: "0", encoding: "CSV" },
        },
        expected: { ok: true, inferences: [inference("evt-1", "1", "0", { customAttributes: "tenant=acme;trace=9" })] },
    },
    {
        name: "BASE64 input: refused with the content-type hint",
        spec: { eventId: "evt-1", input: { data: "MSwyLDM=", encoding: "BASE64" }, output: { data: "0.1", encoding: "CSV" } },
        expected: {
            ok: false,
            base64: true,
            inferences: 1,
            reason: `captureData.endpointInput is BASE64-encoded and cannot be read: ${BASE64_HINT}`,
        },
    },
    {
        name: "BASE64 on both sides",
        spec: { eventId: "evt-1", input: { data: "MSwy", encoding: "BASE64" }, output: { data: "MC4x", encoding: "BASE64" } },
        expected: {
            ok: false,
            base64: true,
            inferences: 1,
            reason: `captureData.endpointInput and captureData.endpointOutput are BASE64-encoded and cannot be read: ${BASE64_HINT}`,
        },
    },
    {
        name: "reserved feature name in a feature-name map",
        spec: { eventId: "evt-1", input: { data: '{"instances":[{"age":1},{"age":2,"features":3,"predictions":4}]}', encoding: "JSON" } },
        expected: {
            ok: false,
            base64: false,
            inferences: 1,
            reason: 'captureData.endpointInput.data.instances[1]: feature-name map uses reserved names "features", "predictions" (not allowed in feature-name maps: instances, predictions, features, probabilities)',
        },
    },
    {
        name: 'reserved name "instances" inside a predictions item',
        spec: {
            eventId: "evt-1",
            input: { data: "1", encoding: "CSV" },
            output: { data: '{"predictions":[{"instances":1}]}', encoding: "JSON" },
        },
        expected: {
            ok: false,
            base64: false,
            inferences: 1,
            reason: 'captureData.endpointOutput.data.predictions[0]: feature-name map uses reserved name "instances" (not allowed in feature-name maps: instances, predictions, features, probabilities)',
        },
    },
    {
        name: "features that are not an array",
        spec: { eventId: "evt-1", input: { data: '{"instances":[{"features":"1,2"}]}', encoding: "JSON" } },
        expected: {
            ok: false,
            base64: false,
            inferences: 1,
            reason: "captureData.endpointInput.data.instances[0].features: must be an array",
        },
    },
    {
        name: "input and output counts differ",
        spec: { eventId: "evt-1", input: { data: "1\n2\n3\n", encoding: "CSV" }, output: { data: "[0.1,0.2,0.3]", encoding: "JSON" } },
        expected: {
            ok: false,
            base64: false,
            inferences: 3,
            reason: "input holds 3 inference(s) but output holds 1; inputs and outputs pair by index",
        },
    },
    {
        name: "invalid JSON payload",
        spec: { eventId: "evt-1", input: { data: '{"instances":', encoding: "JSON" } },
        expected: {
            ok: false,
            base64: false,
            inferences: 1,
            reason: "captureData.endpointInput.data: is not valid JSON (unexpected end of input at byte 13)",
        },
    },
    {
        name: "missing metadata and a bad encoding, all reported at once",
        spec: JSON.stringify({ captureData: { endpointInput: { data: "1", encoding: "XML" } }, eventMetadata: { inferenceId: 7 } }),
        expected: {
            ok: false,
            base64: false,
            inferences: 1,
            reason:
                'captureData.endpointInput.encoding: must be one of CSV, JSON, BASE64, got "XML"; eventMetadata.eventId: a non-empty string is required; ' +
                "eventMetadata.inferenceTime: a non-empty string is required; eventMetadata.inferenceId: must be a string, got number",
        },
    },
    {
        name: "a line that is not JSON",
        spec: "not json",
        expected: {
            ok: false,
            base64: false,
            inferences: 1,
            reason: "capture line is not valid JSON (unexpected character at byte 0)",
        },
    },
];

describe("capture-forwarder parsing table", () => {
    for (const row of table) {
        it(row.name, () => {
            const line = typeof row.spec === "string" ? row.spec : captureLine(row.spec);
            assert.deepStrictEqual(normalizeCaptureLine(line, identity), row.expected);
        });
    }
});
