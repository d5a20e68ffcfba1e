/**
 * Retry policy for sink deliveries: exponential backoff with full jitter, Retry-After honoured,
 * and never a wait that would run past the Lambda's remaining time minus a safety margin.
 * Retried: HTTP 429, 5xx, timeouts, transient network errors (ECONNRESET and friends) and AWS SDK
 * errors that are throttling, retryable or 5xx (a token read from Secrets Manager happens inside a
 * delivery), all as transientErrors.ts classifies them.
 * Anything else (other 4xx, a partly rejected 207, unexpected errors) is permanent: the chunk is
 * dead-lettered.
 */
import { STATUS_CODES } from "node:http";
import { Clock } from "./clock";
import { describeError } from "./logger";
import { isTransientError } from "./transientErrors";
import type { RetryPolicy } from "../../domain/forwarder/environment";

export type { RetryPolicy };

/**
 * A sink answered with a non-2xx status. The message is the status, its reason phrase and the
 * body's short error code if any (sinkErrorCode.ts), never the body: it can echo payloads.
 */
export class SinkResponseError extends Error {
    constructor(
        readonly status: number,
        /** The raw Retry-After header, if any. */
        readonly retryAfter: string | undefined,
        /** The error code of a JSON body, e.g. "InvalidSchema", or null. */
        readonly sinkCode: string | null,
    ) {
        const phrase = STATUS_CODES[status];
        super(`HTTP ${status}${phrase ? ` ${phrase}` : ""}${sinkCode !== null ? ` (code ${sinkCode})` : ""}`);
        this.name = "SinkResponseError";
    }
}

/** A request took longer than its timeout. */
export class RequestTimeoutError extends Error {
    readonly code = "ETIMEDOUT";
    constructor(timeoutMs: number) {
        super(`request timed out after ${timeoutMs} ms`);
        this.name = "RequestTimeoutError";
    }
}

/** Delivery gave up; `deadline` tells a time-out of the Lambda apart from a failed chunk. */
export class RetryGaveUpError extends Error {
    constructor(
        message: string,
        readonly deadline: boolean,
        readonly attempts: number,
        /** The last attempt's error (none when no attempt was made), so callers can tell kinds of failure apart. */
        cause?: unknown,
    ) {
        super(message, cause === undefined ? undefined : { cause });
        this.name = "RetryGaveUpError";
    }
}

/**
 * Retry-After as milliseconds from now: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Null when absent or unreadable; a date in the past is 0.
 */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | null {
    if (value === undefined) return null;
    const text = value.trim();
    if (/^\d+$/.test(text)) return Number(text) * 1000;
    // All three HTTP-date forms start with a day name; anything else ("-1") is not a date.
    const date = /^[A-Za-z]{3}/.test(text) ? Date.parse(text) : Number.NaN;
    if (Number.isNaN(date)) return null;
    return Math.max(0, date - nowMs);
}

export interface FailureClass {
    retryable: boolean;
    /** Server-requested wait, when the failure carried Retry-After. */
    retryAfterMs: number | null;
}

export function classifyFailure(error: unknown, nowMs: number): FailureClass {
    if (error instanceof SinkResponseError) {
        const retryable = error.status === 429 || error.status >= 500;
        return { retryable, retryAfterMs: retryable ? parseRetryAfterMs(error.retryAfter, nowMs) : null };
    }
    // Token reads (Secrets Manager throttling, network errors) fail inside a delivery too.
    return { retryable: isTransientError(error), retryAfterMs: null };
}

/** Full jitter: uniform in [0, min(maxDelay, base * 2^(attempt-1))). `attempt` counts from 1. */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
    const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.floor(random() * cap);
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: string; deadline: boolean };

export interface RetryInput {
    error: unknown;
    /** Attempts made so far (1 after the first failure). */
    attempt: number;
    nowMs: number;
    /** Epoch ms at which the Lambda is stopped. */
    deadlineMs: number;
    policy: RetryPolicy;
    random: () => number;
}

export function decideRetry(input: RetryInput): RetryDecision {
    const { error, attempt, nowMs, deadlineMs, policy, random } = input;
    const failure = classifyFailure(error, nowMs);
    const last = describeError(error);
    if (!failure.retryable) return { retry: false, reason: `not retryable: ${last}`, deadline: false };
    if (attempt >= policy.maxAttempts) {
        return { retry: false, reason: `gave up after ${attempt} attempts: ${last}`, deadline: false };
    }
    const delayMs = failure.retryAfterMs ?? backoffDelayMs(attempt, policy, random);
    const usableUntil = deadlineMs - policy.safetyMarginMs;
    if (nowMs + delayMs >= usableUntil) {
        return {
            retry: false,
            reason:
                `Lambda time left (${Math.max(0, deadlineMs - nowMs)} ms, ${policy.safetyMarginMs} ms kept as margin) ` +
                `does not allow waiting ${delayMs} ms to retry after attempt ${attempt}: ${last}`,
            deadline: true,
        };
    }
    return { retry: true, delayMs };
}

export interface RetryOptions {
    policy: RetryPolicy;
    clock: Clock;
    random: () => number;
    deadlineMs: number;
    /** Timeout of one attempt, shortened to the time left before the deadline. */
    attemptTimeoutMs: number;
    onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

/**
 * Runs `operation` until it succeeds or the policy gives up (RetryGaveUpError).
 * `operation` receives the timeout it must apply to this attempt.
 */
export async function withRetry<T>(
    operation: (attemptTimeoutMs: number, attempt: number) => Promise<T>,
    options: RetryOptions,
): Promise<T> {
    const { policy, clock, random, deadlineMs } = options;
    for (let attempt = 1; ; attempt++) {
        const left = deadlineMs - policy.safetyMarginMs - clock.now();
        if (left <= 0) {
            throw new RetryGaveUpError(
                `no Lambda time left for attempt ${attempt} (${policy.safetyMarginMs} ms kept as margin)`,
                true,
                attempt - 1,
            );
        }
        try {
            return await operation(Math.min(options.attemptTimeoutMs, left), attempt);
        } catch (error) {
            const decision = decideRetry({ error, attempt, nowMs: clock.now(), deadlineMs, policy, random });
            if (!decision.retry) throw new RetryGaveUpError(decision.reason, decision.deadline, attempt, error);
            options.onRetry?.({ attempt, delayMs: decision.delayMs, error });
            await clock.sleep(decision.delayMs);
        }
    }
}
