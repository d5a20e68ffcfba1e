/** The dataset's parsing rules: CSV fields (RFC 4180) and each feature type's accepted forms. */
import assert from "node:assert/strict";
import { csvFields } from "../../../../lambdas/capture-forwarder/dataset/csvFields";
import { featureValue, MISMATCH, rawValue } from "../../../../lambdas/capture-forwarder/dataset/featureValues";

describe("lambdas/capture-forwarder/dataset: CSV fields and feature types", () => {
    it("splits CSV rows on commas, with RFC 4180 quoted fields, and refuses malformed quoting", () => {
        assert.deepStrictEqual(["1,2,3", "", "a,", '"a,b",c', '"say ""hi""",,""', '"open', '"a"b,c', 'a"b,c'].map(csvFields), [
            ["1", "2", "3"],
            [""],
            ["a", ""],
            ["a,b", "c"],
            ['say "hi"', "", ""],
            null,
            null,
            null,
        ]);
    });

    it("reads integers, doubles and booleans from JSON values and from text, and strings as given", () => {
        const cases: Array<[unknown, "string" | "integer" | "double" | "boolean"]> = [
            [" 42 ", "integer"],
            ["-9223372036854775808", "integer"],
            [7, "integer"],
            ["1e-3", "double"],
            [".5", "double"],
            ["-INF", "double"],
            [2, "double"],
            ["TRUE", "boolean"],
            ["0", "boolean"],
            [1, "boolean"],
            [false, "boolean"],
            [12.5, "string"],
            [{ a: 1 }, "string"],
            ["", "integer"],
            [null, "double"],
        ];
        assert.deepStrictEqual(
            cases.map(([value, type]) => featureValue(value, type)),
            [42n, -(2n ** 63n), 7n, 0.001, 0.5, -Infinity, 2, true, false, true, false, "12.5", '{"a":1}', null, null],
        );
    });

    it("does not match what is not of the type: fractions or overflow as integer, words as double, 2 or yes as boolean", () => {
        const cases: Array<[unknown, "integer" | "double" | "boolean"]> = [
            ["1.5", "integer"],
            [1.5, "integer"],
            ["9223372036854775808", "integer"],
            [2 ** 60, "integer"],
            ["1,5", "double"],
            ["abc", "double"],
            [true, "double"],
            ["yes", "boolean"],
            [2, "boolean"],
            [[1], "integer"],
        ];
        assert.deepStrictEqual(
            cases.map(([value, type]) => featureValue(value, type)),
            cases.map(() => MISMATCH),
        );
    });

    it("keeps a side without a schema as its CSV row or JSON text", () => {
        assert.deepStrictEqual([rawValue("1,2"), rawValue({ a: [1] }), rawValue(null), rawValue(0.5)], ["1,2", '{"a":[1]}', null, "0.5"]);
    });
});
