import assert from "node:assert/strict";
import { formatCustomAttributes, parseCustomAttributes } from "../../../domain/invoke/customAttributes";
import { invokeMetadataProblems, InvokeMetadata } from "../../../domain/invoke/invokeInput";

const VISIBLE = "must hold only visible US-ASCII characters (! to ~) and inner spaces";
const PRINTABLE = "must hold only printable US-ASCII characters (space to ~)";
const SEPARATORS = 'must not contain ";" or "=" (they separate the key=value pairs)';

/** [case, metadata, expected problems as "path: reason"]. */
const TABLE: [string, InvokeMetadata, string[]][] = [
    ["a trace ID and an InferenceId", { customAttributes: { traceId: "3f1c-9a", tenant: "acme corp" }, inferenceId: "smoke-1" }, []],
    ["an empty value and no InferenceId", { customAttributes: { flag: "" } }, []],
    ["exactly 1024 characters joined", { customAttributes: { k: "v".repeat(1022) } }, []],
    [
        "1025 characters joined",
        { customAttributes: { k: "v".repeat(1000), k2: "v".repeat(19) } },
        ["customAttributes: must be at most 1024 characters once joined as key=value;key=value (got 1025)"],
    ],
    [
        "a non-ASCII value",
        { customAttributes: { user: "zoë" } },
        [`customAttributes.user: value ${VISIBLE}: non-ASCII character U+00EB at index 2`],
    ],
    [
        "a non-ASCII key",
        { customAttributes: { "trace-é": "1" } },
        [`customAttributes.trace-é: key ${VISIBLE}: non-ASCII character U+00E9 at index 6`],
    ],
    [
        "a tab and a newline in a value (the first control character is named)",
        { customAttributes: { note: "a\tb\nc" } },
        [`customAttributes.note: value ${VISIBLE}: control character U+0009 at index 1`],
    ],
    [
        "DEL in a value",
        { customAttributes: { note: "a\u007f" } },
        [`customAttributes.note: value ${VISIBLE}: control character U+007F at index 1`],
    ],
    ["';' in a value", { customAttributes: { traceId: "a;b" } }, [`customAttributes.traceId: value ${SEPARATORS}`]],
    ["'=' in a value", { customAttributes: { traceId: "a=b" } }, [`customAttributes.traceId: value ${SEPARATORS}`]],
    ["'=' in a key", { customAttributes: { "a=b": "1" } }, [`customAttributes.a=b: key ${SEPARATORS}`]],
    ["an empty key", { customAttributes: { "": "1" } }, ["customAttributes.: key must not be empty"]],
    ["a space in a key", { customAttributes: { "trace id": "1" } }, ["customAttributes.trace id: key must not contain whitespace"]],
    [
        "leading whitespace in a value",
        { customAttributes: { traceId: " abc" } },
        ["customAttributes.traceId: value must not start with whitespace"],
    ],
    [
        "trailing whitespace in a value",
        { customAttributes: { traceId: "abc " } },
        ["customAttributes.traceId: value must not end with whitespace (HTTP drops it)"],
    ],
    ["an InferenceId of 64 characters", { inferenceId: "i".repeat(64) }, []],
    ["an InferenceId of 65 characters", { inferenceId: "i".repeat(65) }, ["inferenceId: must be 1-64 characters (got 65)"]],
    ["an empty InferenceId", { inferenceId: "" }, ["inferenceId: must be 1-64 characters (got 0)"]],
    ["an InferenceId starting with a space", { inferenceId: " smoke" }, ["inferenceId: must not start with whitespace"]],
    ["an InferenceId with inner spaces", { inferenceId: "smoke run 1" }, []],
    [
        "an InferenceId starting with a tab",
        { inferenceId: "\tsmoke" },
        ["inferenceId: must not start with whitespace", `inferenceId: ${PRINTABLE}: control character U+0009 at index 0`],
    ],
    ["a non-ASCII InferenceId", { inferenceId: "smoke-ü" }, [`inferenceId: ${PRINTABLE}: non-ASCII character U+00FC at index 6`]],
    ["an inference component name", { inferenceComponentName: "genai-dev-summarizer" }, []],
    [
        "an inference component name with an underscore",
        { inferenceComponentName: "genai_dev" },
        [
            'inferenceComponentName: must match ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$: letters, digits and hyphens, starting and ending with a letter or digit (got "genai_dev")',
        ],
    ],
    [
        "an inference component name of 64 characters",
        { inferenceComponentName: "c".repeat(64) },
        [`inferenceComponentName: must be at most 63 characters (got 64: "${"c".repeat(64)}")`],
    ],
    [
        "every problem at once",
        { customAttributes: { traceId: " a;b", user: "zoë" }, inferenceId: "x".repeat(70) },
        [
            "customAttributes.traceId: value must not start with whitespace",
            `customAttributes.traceId: value ${SEPARATORS}`,
            `customAttributes.user: value ${VISIBLE}: non-ASCII character U+00EB at index 2`,
            "inferenceId: must be 1-64 characters (got 70)",
        ],
    ],
];

describe("domain/invoke: CustomAttributes and InferenceId rules", () => {
    for (const [name, metadata, expected] of TABLE) {
        it(`${name}: ${expected.length === 0 ? "valid" : expected.length + " problem(s)"}`, () => {
            assert.deepEqual(
                invokeMetadataProblems(metadata).map((p) => `${p.path}: ${p.reason}`),
                expected,
            );
        });
    }

    it("formats the map as key=value pairs joined by ';', in order", () => {
        assert.equal(formatCustomAttributes({ traceId: "t-1", tenant: "acme corp", flag: "" }), "traceId=t-1;tenant=acme corp;flag=");
        assert.equal(formatCustomAttributes({}), "");
    });

    it("parses an echoed header back into the map, dropping whitespace around pairs", () => {
        assert.deepEqual(parseCustomAttributes("traceId=t-1; tenant = acme corp ;flag;;x=a=b"), {
            traceId: "t-1",
            tenant: "acme corp",
            flag: "",
            x: "a=b",
        });
        assert.deepEqual(parseCustomAttributes(undefined), {});
        assert.deepEqual(parseCustomAttributes(""), {});
    });

    it("round-trips a valid map", () => {
        const attributes = { traceId: "0b2c1d9e-3f4a-4b5c-8d6e-7f8091a2b3c4", stage: "smoke" };
        assert.deepEqual(parseCustomAttributes(formatCustomAttributes(attributes)), attributes);
    });
});
