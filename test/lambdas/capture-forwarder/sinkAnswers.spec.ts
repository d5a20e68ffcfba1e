/** What the forwarder reads from a sink's answer: 207 bodies and error codes, never payload text. */
import assert from "node:assert/strict";
import { MULTI_STATUS_MAX_BYTES, multiStatusFailure } from "../../../lambdas/capture-forwarder/multiStatus";
import { sinkErrorCode } from "../../../lambdas/capture-forwarder/sinkErrorCode";

const UNREADABLE =
    'the body is not {"counts": {...}, "results": [...]} (or "failures": [...]) JSON, so it does not show that every inference was accepted';
const WHOLE_CHUNK = "the results name no inference, so the whole chunk is dead-lettered";

describe("capture-forwarder sink answers", () => {
    describe("multiStatusFailure (207 bodies)", () => {
        const ok = (status: number) => ({ message: "success", status });
        const cases: Array<[string, unknown, string | null]> = [
            ["all accepted, counts and results", { counts: { success: 2, failure: 0, total: 2 }, results: [ok(200), ok(201)] }, null],
            ["all accepted, counts only", { counts: { success: 5, failure: 0, total: 5 } }, null],
            ["all accepted, results only", { results: [ok(200)] }, null],
            ["an empty upload", { counts: { success: 0, failure: 0, total: 0 }, results: [] }, null],
            [
                "failures by count and status",
                { counts: { success: 1, failure: 3, total: 4 }, results: [ok(200), ok(400), ok(400), ok(503)] },
                `the sink rejected 3 of 4 inference(s) (status 400 x2, 503 x1); ${WHOLE_CHUNK}`,
            ],
            [
                "failures by count only",
                { counts: { success: 7, failure: 3, total: 10 } },
                `the sink rejected 3 of 10 inference(s); ${WHOLE_CHUNK}`,
            ],
            [
                "fewer successes than the total, no failure counted",
                { counts: { success: 8, failure: 0, total: 10 } },
                `the sink rejected 2 of 10 inference(s); ${WHOLE_CHUNK}`,
            ],
            [
                "a failed result the counts leave out",
                { counts: { success: 2, failure: 0, total: 2 }, results: [ok(200), ok(422)] },
                `the sink rejected 1 of 2 inference(s) (status 422 x1); ${WHOLE_CHUNK}`,
            ],
            [
                "a redirect status in a result",
                { results: [ok(200), ok(302)] },
                `the sink rejected 1 of 2 inference(s) (status 302 x1); ${WHOLE_CHUNK}`,
            ],
            ["neither counts nor results", { accepted: true }, UNREADABLE],
            ["counts without a total", { counts: { success: 3 } }, UNREADABLE],
            ["a count that is not a whole number", { counts: { success: 1.5, failure: 0, total: 1.5 } }, UNREADABLE],
            ["results that are not a list", { results: { status: 200 } }, UNREADABLE],
            ["a result without a status", { results: [{ message: "success" }] }, UNREADABLE],
            ["a JSON array", [ok(200)], UNREADABLE],
        ];
        for (const [name, body, expected] of cases) {
            it(name, () => assert.equal(multiStatusFailure(JSON.stringify(body), false), expected));
        }
        it("not JSON, or empty", () => {
            assert.deepStrictEqual(
                ["<html>ok</html>", "", '{"counts":'].map((body) => multiStatusFailure(body, false)),
                [UNREADABLE, UNREADABLE, UNREADABLE],
            );
        });
        it("a body longer than the bytes read", () => {
            assert.equal(
                multiStatusFailure('{"counts":{"success":1,"failure":0,"total":1}}', true),
                `${UNREADABLE} (it is longer than the ${MULTI_STATUS_MAX_BYTES} bytes read)`,
            );
        });
        it("never quotes a result message", () => {
            const body = JSON.stringify({
                counts: { success: 0, failure: 1, total: 1 },
                results: [{ message: 'age=42 is not a string in {"eventId":"e-1"}', status: 400 }],
            });
            assert.equal(multiStatusFailure(body, false), `the sink rejected 1 of 1 inference(s) (status 400 x1); ${WHOLE_CHUNK}`);
        });
    });

    describe("sinkErrorCode (error bodies)", () => {
        const cases: Array<[string, string, string | null]> = [
            ["a code field", '{"code":"InvalidSchema","message":"age=42 is not a string"}', "InvalidSchema"],
            ["an errorCode field", '{"errorCode":"Model.NotFound"}', "Model.NotFound"],
            ["an error_code field", '{"error_code":"quota:exceeded"}', "quota:exceeded"],
            ["an OAuth-style error", '{"error":"invalid_token","error_description":"token abc expired"}', "invalid_token"],
            ["a nested error code", '{"error":{"code":"SchemaMismatch","message":"feature x"}}', "SchemaMismatch"],
            ["free text in the code field, then a code", '{"code":"bad input age=42","error":"invalid_request"}', "invalid_request"],
            ["only free text", '{"error":"invalid value 42 for age"}', null],
            ["a code longer than 64 characters", `{"code":"${"A".repeat(65)}"}`, null],
            ["a numeric code", '{"code":400}', null],
            ["plain text", 'rejected {"partnerInferenceId":"a_0"}', null],
            ["a truncated JSON body", '{"code":"InvalidSchema","rejected":"{\\"a', null],
            ["a JSON array", '["InvalidSchema"]', null],
        ];
        for (const [name, body, code] of cases) it(name, () => assert.equal(sinkErrorCode(body), code));
    });
});
