/**
 * Reading a 207 Multi-Status answer. Arthur answers inference uploads with 207 and this body
 * (arthurai SDK, `validate_multistatus_response_and_get_failures`):
 *
 *   {"counts": {"success": 2, "failure": 1, "total": 3},
 *    "results": [{"message": "success", "status": 200}, {"message": "...", "status": 400}, ...]}
 *
 * Arthur's file-upload endpoints answer `{"counts": {...}, "failures": [...]}` instead: each
 * `failures` entry is a rejected inference.
 *
 * A 207 is a success only when its body shows that nothing failed. Read conservatively, so that a
 * rejected inference is never counted as sent: a failure count above 0, fewer successes than the
 * total, any result status outside 2xx, and a body that is not this shape (not JSON, truncated,
 * neither `counts` nor `results`, a count that is not a whole number) all fail the chunk.
 * The results name no inference, only positions, so the whole chunk is dead-lettered; its accepted
 * inferences stay ingested, and a replay sends them again.
 * Only counts and status codes are reported: result messages can quote the rejected records.
 */
import { isObject } from "../../domain/values";

/** Largest 207 body read (a result per inference of a chunk); a longer one counts as unreadable. */
export const MULTI_STATUS_MAX_BYTES = 16 * 1024 * 1024;

/** A 207 whose body shows failures, or cannot show that there were none. Never retried. */
export class PartialRejectionError extends Error {
    constructor(readonly summary: string) {
        super(`HTTP 207 Multi-Status: ${summary}`);
        this.name = "PartialRejectionError";
    }
}

const NOT_READABLE =
    'the body is not {"counts": {...}, "results": [...]} (or "failures": [...]) JSON, so it does not show that every inference was accepted';

function isCount(value: unknown): value is number {
    return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

/** "400 x2, 500 x1", statuses in ascending order. */
function statusHistogram(statuses: number[]): string {
    const counts = new Map<number, number>();
    for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
    return [...counts.entries()]
        .sort(([a], [b]) => a - b)
        .map(([status, n]) => `${status} x${n}`)
        .join(", ");
}

/** What a 207 body says: a failure summary (null: all accepted), and a warning worth logging (null: none). */
export interface MultiStatusReading {
    failure: string | null;
    warning: string | null;
}

/**
 * Reads a 207 body; `expected` is the number of inferences sent, warned about when `counts.total`
 * differs (null: not checked).
 */
export function readMultiStatus(body: string, truncated: boolean, expected: number | null): MultiStatusReading {
    const failure = multiStatusFailure(body, truncated);
    let warning: string | null = null;
    if (expected !== null && !truncated) {
        const total = countsTotal(body);
        if (total !== null && total !== expected) {
            warning = `the sink's 207 counts.total is ${total}, but the chunk holds ${expected} inference(s)`;
        }
    }
    return { failure, warning };
}

function countsTotal(body: string): number | null {
    try {
        const parsed: unknown = JSON.parse(body);
        return isObject(parsed) && isObject(parsed.counts) && isCount(parsed.counts.total) ? parsed.counts.total : null;
    } catch {
        return null;
    }
}

/**
 * Null when the 207 body shows every inference accepted, else a summary without payload data.
 * `truncated`: the body was longer than what was kept, so it cannot be read whole.
 */
export function multiStatusFailure(body: string, truncated: boolean): string | null {
    if (truncated) return `${NOT_READABLE} (it is longer than the ${MULTI_STATUS_MAX_BYTES} bytes read)`;
    let parsed: unknown;
    try {
        parsed = JSON.parse(body);
    } catch {
        return NOT_READABLE;
    }
    if (!isObject(parsed) || (parsed.counts === undefined && parsed.results === undefined && parsed.failures === undefined)) {
        return NOT_READABLE;
    }

    let failedByCounts = 0;
    let total: number | null = null;
    if (parsed.counts !== undefined) {
        const counts = parsed.counts;
        if (!isObject(counts) || !isCount(counts.success) || !isCount(counts.failure) || !isCount(counts.total)) return NOT_READABLE;
        failedByCounts = Math.max(counts.failure, counts.total - counts.success);
        total = counts.total;
    }

    const failedStatuses: number[] = [];
    if (parsed.results !== undefined) {
        if (!Array.isArray(parsed.results)) return NOT_READABLE;
        for (const result of parsed.results) {
            if (!isObject(result) || !isCount(result.status)) return NOT_READABLE;
            if (result.status < 200 || result.status > 299) failedStatuses.push(result.status);
        }
        total = Math.max(total ?? 0, parsed.results.length);
    }

    // Each entry of a file upload's `failures` is one rejected inference (its text is never read).
    let failedEntries = 0;
    if (parsed.failures !== undefined) {
        if (!Array.isArray(parsed.failures)) return NOT_READABLE;
        failedEntries = parsed.failures.length;
    }

    const failed = Math.max(failedByCounts, failedStatuses.length, failedEntries);
    if (failed === 0) return null;
    const statuses = failedStatuses.length > 0 ? ` (status ${statusHistogram(failedStatuses)})` : "";
    return `the sink rejected ${failed} of ${total} inference(s)${statuses}; the results name no inference, so the whole chunk is dead-lettered`;
}
