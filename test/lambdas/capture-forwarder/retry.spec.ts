import assert from "node:assert/strict";
import { PartialRejectionError } from "../../../lambdas/capture-forwarder/multiStatus";
import {
    backoffDelayMs,
    decideRetry,
    parseRetryAfterMs,
    RequestTimeoutError,
    RetryDecision,
    RetryGaveUpError,
    RetryPolicy,
    SinkResponseError,
    withRetry,
} from "../../../lambdas/capture-forwarder/retry";
import { FakeClock } from "./support";

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 5000, safetyMarginMs: 10_000 };
const NOW = Date.parse("2024-01-02T03:04:05Z");
const half = (): number => 0.5;

/** An error shaped like the AWS SDK's service errors: name, $metadata, optional $retryable. */
function awsError(name: string, httpStatusCode: number | undefined, retryable?: { throttling: boolean }): Error {
    const error = Object.assign(new Error(`${name} from the service`), {
        name,
        $metadata: httpStatusCode === undefined ? {} : { httpStatusCode },
    });
    return retryable === undefined ? error : Object.assign(error, { $retryable: retryable });
}

function reset(): Error {
    return Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
}

describe("capture-forwarder retry policy", () => {
    describe("parseRetryAfterMs", () => {
        const cases: Array<[string | undefined, number | null]> = [
            [undefined, null],
            ["0", 0],
            ["3", 3000],
            [" 120 ", 120_000],
            ["Tue, 02 Jan 2024 03:04:15 GMT", 10_000],
            ["Tue, 02 Jan 2024 03:00:00 GMT", 0],
            ["soon", null],
            ["-1", null],
        ];
        for (const [header, ms] of cases) it(`${JSON.stringify(header)} -> ${ms}`, () => assert.equal(parseRetryAfterMs(header, NOW), ms));
    });

    it("backs off exponentially with full jitter, capped", () => {
        assert.deepStrictEqual(
            [1, 2, 3, 4, 5, 6].map((a) => backoffDelayMs(a, policy, () => 0.999999)),
            [199, 399, 799, 1599, 3199, 4999],
        );
        assert.deepStrictEqual(
            [1, 2, 3].map((a) => backoffDelayMs(a, policy, () => 0)),
            [0, 0, 0],
        );
    });

    const deadline = NOW + 60_000;
    const table: Array<{ name: string; error: unknown; attempt: number; nowMs?: number; expected: RetryDecision }> = [
        {
            name: "HTTP 500 is retried with jittered backoff",
            error: new SinkResponseError(500, undefined, null),
            attempt: 1,
            expected: { retry: true, delayMs: 100 },
        },
        {
            name: "HTTP 503 on the 3rd attempt waits longer",
            error: new SinkResponseError(503, undefined, null),
            attempt: 3,
            expected: { retry: true, delayMs: 400 },
        },
        {
            name: "HTTP 429 honours Retry-After seconds",
            error: new SinkResponseError(429, "7", null),
            attempt: 1,
            expected: { retry: true, delayMs: 7000 },
        },
        {
            name: "HTTP 503 honours Retry-After as an HTTP date",
            error: new SinkResponseError(503, "Tue, 02 Jan 2024 03:04:17 GMT", null),
            attempt: 2,
            expected: { retry: true, delayMs: 12_000 },
        },
        { name: "a timeout is retried", error: new RequestTimeoutError(300), attempt: 1, expected: { retry: true, delayMs: 100 } },
        { name: "ECONNRESET is retried", error: reset(), attempt: 2, expected: { retry: true, delayMs: 200 } },
        {
            name: "HTTP 400 is permanent",
            error: new SinkResponseError(400, undefined, "BadField"),
            attempt: 1,
            expected: { retry: false, deadline: false, reason: "not retryable: HTTP 400 Bad Request (code BadField)" },
        },
        {
            name: "HTTP 404 ignores Retry-After and is permanent",
            error: new SinkResponseError(404, "1", null),
            attempt: 1,
            expected: { retry: false, deadline: false, reason: "not retryable: HTTP 404 Not Found" },
        },
        {
            name: "a Secrets Manager throttling error (token read inside a delivery) is retried",
            error: awsError("ThrottlingException", 400, { throttling: true }),
            attempt: 1,
            expected: { retry: true, delayMs: 100 },
        },
        {
            name: "a Secrets Manager 500 without a retryable mark is retried",
            error: awsError("InternalServiceError", 500),
            attempt: 2,
            expected: { retry: true, delayMs: 200 },
        },
        {
            name: "an SDK timeout (no code) is retried",
            error: awsError("TimeoutError", undefined),
            attempt: 1,
            expected: { retry: true, delayMs: 100 },
        },
        {
            name: "a DNS failure of the token read is retried",
            error: Object.assign(new Error("getaddrinfo EAI_AGAIN secretsmanager.us-east-1.amazonaws.com"), { code: "EAI_AGAIN" }),
            attempt: 1,
            expected: { retry: true, delayMs: 100 },
        },
        {
            name: "a denied token read is permanent",
            error: awsError("AccessDeniedException", 400),
            attempt: 1,
            expected: { retry: false, deadline: false, reason: "not retryable: AccessDeniedException from the service" },
        },
        {
            name: "a partly rejected 207 is permanent (retrying would resend the accepted inferences)",
            error: new PartialRejectionError(
                "the sink rejected 1 of 3 inference(s) (status 400 x1); the results name no inference, so the whole chunk is dead-lettered",
            ),
            attempt: 1,
            expected: {
                retry: false,
                deadline: false,
                reason: "not retryable: HTTP 207 Multi-Status: the sink rejected 1 of 3 inference(s) (status 400 x1); the results name no inference, so the whole chunk is dead-lettered",
            },
        },
        {
            name: "an unexpected error is permanent",
            error: new TypeError("x is not a function"),
            attempt: 1,
            expected: { retry: false, deadline: false, reason: "not retryable: x is not a function" },
        },
        {
            name: "the last attempt gives up",
            error: new SinkResponseError(502, undefined, null),
            attempt: 5,
            expected: { retry: false, deadline: false, reason: "gave up after 5 attempts: HTTP 502 Bad Gateway" },
        },
        {
            name: "a Retry-After past the Lambda deadline gives up",
            error: new SinkResponseError(429, "60", null),
            attempt: 1,
            expected: {
                retry: false,
                deadline: true,
                reason: "Lambda time left (60000 ms, 10000 ms kept as margin) does not allow waiting 60000 ms to retry after attempt 1: HTTP 429 Too Many Requests",
            },
        },
        {
            name: "backoff into the safety margin gives up",
            error: reset(),
            attempt: 4,
            nowMs: deadline - 10_500,
            expected: {
                retry: false,
                deadline: true,
                reason: "Lambda time left (10500 ms, 10000 ms kept as margin) does not allow waiting 800 ms to retry after attempt 4: ECONNRESET: socket hang up",
            },
        },
    ];
    for (const row of table) {
        it(row.name, () => {
            assert.deepStrictEqual(
                decideRetry({
                    error: row.error,
                    attempt: row.attempt,
                    nowMs: row.nowMs ?? NOW,
                    deadlineMs: deadline,
                    policy,
                    random: half,
                }),
                row.expected,
            );
        });
    }

    describe("withRetry", () => {
        it("retries until success, sleeping as decided, with attempt timeouts shortened to the time left", async () => {
            const clock = new FakeClock(NOW);
            const timeouts: number[] = [];
            const failures = [new SinkResponseError(500, undefined, null), new SinkResponseError(429, "2", null), reset()];
            const result = await withRetry(
                async (timeoutMs) => {
                    timeouts.push(timeoutMs);
                    const failure = failures.shift();
                    if (failure) throw failure;
                    return "done";
                },
                { policy, clock, random: half, deadlineMs: NOW + 40_000, attemptTimeoutMs: 29_950 },
            );
            assert.equal(result, "done");
            assert.deepStrictEqual(clock.sleeps, [100, 2000, 400]);
            assert.deepStrictEqual(timeouts, [29_950, 29_900, 27_900, 27_500]);
        });

        it("throws RetryGaveUpError for a permanent failure after one attempt", async () => {
            const clock = new FakeClock(NOW);
            await assert.rejects(
                withRetry(
                    async () => {
                        throw new SinkResponseError(422, undefined, "SchemaMismatch");
                    },
                    { policy, clock, random: half, deadlineMs: NOW + 60_000, attemptTimeoutMs: 1000 },
                ),
                (error: unknown) => {
                    assert.ok(error instanceof RetryGaveUpError);
                    assert.deepStrictEqual(
                        [error.message, error.deadline, error.attempts],
                        ["not retryable: HTTP 422 Unprocessable Entity (code SchemaMismatch)", false, 1],
                    );
                    return true;
                },
            );
            assert.deepStrictEqual(clock.sleeps, []);
        });

        it("does not start an attempt inside the safety margin", async () => {
            const clock = new FakeClock(NOW);
            let calls = 0;
            await assert.rejects(
                withRetry(
                    async () => {
                        calls++;
                    },
                    { policy, clock, random: half, deadlineMs: NOW + 9_000, attemptTimeoutMs: 1000 },
                ),
                { name: "RetryGaveUpError", message: "no Lambda time left for attempt 1 (10000 ms kept as margin)" },
            );
            assert.equal(calls, 0);
        });
    });
});
