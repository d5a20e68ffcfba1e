/**
 * Forwards one capture object: stream lines -> parse and normalize each record -> chunk the good
 * records on line boundaries -> deliver each chunk once (idempotency store, retries) -> dead-letter
 * what cannot be delivered. Dead-lettered chunks and refused records are recorded in the same
 * store once their dead letter is queued, so a redelivered event or a Lambda retry neither
 * dead-letters them again nor resends a chunk the sink accepted in part (replay may, on request:
 * resendChunkOutcomes).
 * Every record ends up counted as sent, dead-lettered, skipped (done by an earlier run) or
 * unaccounted (the last only when the dead-letter queue failed too).
 */
import { Chunk, ChunkBuilder, ChunkLimits } from "./chunking";
import { Clock } from "./clock";
import { ForwardCounts, emptyCounts } from "./counts";
import { DeadLetterMessage, DeadLetterQueue } from "./deadLetter";
import { chunkKey, IdempotencyStore, ObjectIdentity, refusedRunKey, WorkOutcome, WorkRecord } from "./idempotency";
import { readLineBatches } from "./lineStream";
import { describeError, Logger } from "./logger";
import { pairCaptureLine, toNormalizedInferences } from "./normalize";
import { Redactor } from "./redactor";
import { RefusedRun, RefusedRunCollector } from "./refusedRuns";
import { RetryGaveUpError, RetryPolicy, withRetry } from "./retry";
import { serializeInferences } from "./serializeInferences";
import { Sink } from "./sinks/sink";
import { BASE64_HINT } from "./base64Capture";
import { PartialRejectionError } from "./multiStatus";

export interface CaptureObject extends ObjectIdentity {
    endpoint: string;
    variant: string;
    /** File name without `.jsonl`, used to name uploads. */
    name: string;
    body: AsyncIterable<Uint8Array>;
}

export interface PipelineDependencies {
    sink: Sink;
    store: IdempotencyStore;
    deadLetters: DeadLetterQueue;
    logger: Logger;
    redactor: Redactor;
    clock: Clock;
    random: () => number;
    chunkLimits: ChunkLimits;
    retry: RetryPolicy;
    /** Timeout of one delivery attempt. @default 30000 via HTTP_TIMEOUT_MS */
    attemptTimeoutMs: number;
    /** Epoch ms at which the Lambda is stopped; Infinity for replay. */
    deadlineMs: number;
    /**
     * Outcomes of chunks dead-lettered by an earlier run that this run sends again instead of
     * skipping (replay's choice, after the cause was fixed).
     * @default [] (every recorded chunk is skipped, as the Lambda must)
     */
    resendChunkOutcomes?: readonly ChunkResendOutcome[];
}

/** Recorded chunk outcomes that may be sent again. */
export type ChunkResendOutcome = Exclude<WorkOutcome, "delivered">;

/** Counter of chunks skipped because an earlier run recorded this outcome. */
const SKIPPED_CHUNK_COUNTER = {
    delivered: "chunksAlreadyDelivered",
    "dead-lettered": "chunksAlreadyDeadLettered",
    "partially-accepted": "chunksAlreadyPartiallyAccepted",
} as const satisfies Record<WorkOutcome, keyof ForwardCounts>;

export interface ForwardResult {
    counts: ForwardCounts;
    /** Why the object was not finished (Lambda time ran out), else null. */
    incomplete: string | null;
    /** Dead letters the queue did not accept. */
    lost: DeadLetterMessage[];
}

/** Log wording per kind of work: what is done when the store cannot be read, and what a missing record means. */
const WORK_WORDING = {
    chunk: {
        again: "sending the chunk anyway",
        unrecorded: {
            delivered: "chunk delivered but not recorded; a redelivered event would send it again",
            "dead-lettered": "chunk dead-lettered but not recorded; a redelivered event would try it again",
            "partially-accepted":
                "partly accepted chunk dead-lettered but not recorded; a redelivered event would send it again, accepted part included",
        },
    },
    refused: {
        again: "dead-lettering the refused records anyway",
        unrecorded: { "dead-lettered": "refused records dead-lettered but not recorded; a redelivered event would dead-letter them again" },
    },
} as const;
type WorkKind = keyof typeof WORK_WORDING;

/** Thrown inside the pipeline to stop work when the Lambda's time is nearly up. */
class DeadlineStop extends Error {}

export async function forwardCaptureObject(object: CaptureObject, deps: PipelineDependencies): Promise<ForwardResult> {
    const { sink, logger, clock } = deps;
    const counts = emptyCounts();
    const lost: DeadLetterMessage[] = [];
    const identity = { endpoint: object.endpoint, variant: object.variant };
    const where = { bucket: object.bucket, key: object.key, versionId: object.versionId, etag: object.etag };
    const rawLines = sink.payload === "capture-lines";
    const builder = new ChunkBuilder(sink.payload, deps.chunkLimits);
    const refused = new RefusedRunCollector();
    const stopAt = deps.deadlineMs - deps.retry.safetyMarginMs;

    const deadLetter = async (message: DeadLetterMessage): Promise<boolean> => {
        try {
            await deps.deadLetters.send(message);
            return true;
        } catch (error) {
            logger.error("dead-letter queue rejected a message", { ...message, error: describeError(error) });
            lost.push(message);
            return false;
        }
    };

    /** What an earlier run did with this work; when the store cannot tell, the work is done again. */
    const doneEarlier = async (workKey: string, kind: WorkKind, fields: Record<string, unknown>): Promise<WorkOutcome | null> => {
        try {
            return await deps.store.outcomeOf(workKey);
        } catch (error) {
            // Doing it again may duplicate; not doing it may lose. At-least-once wins.
            logger.warn(`idempotency lookup failed; ${WORK_WORDING[kind].again}`, {
                bucket: object.bucket,
                key: object.key,
                ...fields,
                error: describeError(error),
            });
            return null;
        }
    };

    const recordDone = async (workKey: string, record: WorkRecord, fields: Record<string, unknown>): Promise<void> => {
        try {
            await deps.store.markDone(workKey, record);
        } catch (error) {
            const unrecorded: Partial<Record<WorkOutcome, string>> =
                WORK_WORDING[record.chunkIndex === null ? "refused" : "chunk"].unrecorded;
            logger.error(unrecorded[record.outcome] ?? record.outcome, {
                bucket: object.bucket,
                key: object.key,
                ...fields,
                error: describeError(error),
            });
        }
    };
    const resend: readonly WorkOutcome[] = deps.resendChunkOutcomes ?? [];

    const sendRefused = async (run: RefusedRun): Promise<void> => {
        const workKey = refusedRunKey(object, run.firstLine, run.lastLine);
        const lines = { firstLine: run.firstLine, lastLine: run.lastLine };
        if ((await doneEarlier(workKey, "refused", lines)) !== null) {
            counts.refusedRunsAlreadyDeadLettered++;
            counts.skipped += run.inferences;
            return;
        }
        const fields = { bucket: object.bucket, key: object.key, ...lines, records: run.records };
        if (run.base64) logger.warn("BASE64 capture records dead-lettered", { ...fields, hint: BASE64_HINT });
        else logger.warn("capture records refused and dead-lettered", { ...fields, reason: run.reason });
        const ok = await deadLetter({ ...where, ...lines, reason: run.reason, count: run.inferences });
        if (!ok) {
            counts.unaccounted += run.inferences;
            return;
        }
        counts.deadLettered += run.inferences;
        await recordDone(workKey, { bucket: object.bucket, key: object.key, outcome: "dead-lettered", chunkIndex: null, ...lines }, lines);
    };

    const deliver = async (chunk: Chunk): Promise<void> => {
        if (clock.now() >= stopAt)
            throw new DeadlineStop(`Lambda time ran out before chunk ${chunk.index} (lines ${chunk.firstLine}-${chunk.lastLine})`);
        const workKey = chunkKey(object, chunk.index);
        const earlier = await doneEarlier(workKey, "chunk", { chunk: chunk.index });
        if (earlier !== null && !resend.includes(earlier)) {
            counts[SKIPPED_CHUNK_COUNTER[earlier]]++;
            counts.skipped += chunk.inferences;
            return;
        }
        if (earlier !== null) {
            logger.info("sending a chunk an earlier run dead-lettered", {
                bucket: object.bucket,
                key: object.key,
                chunk: chunk.index,
                outcome: earlier,
            });
        }
        try {
            await withRetry((timeoutMs) => sink.deliver(chunk, { objectName: object.name, timeoutMs }), {
                policy: deps.retry,
                clock,
                random: deps.random,
                deadlineMs: deps.deadlineMs,
                attemptTimeoutMs: deps.attemptTimeoutMs,
                onRetry: ({ attempt, delayMs, error }) =>
                    logger.warn("chunk delivery failed; retrying", {
                        bucket: object.bucket,
                        key: object.key,
                        chunk: chunk.index,
                        attempt,
                        delayMs,
                        error: describeError(error),
                    }),
            });
        } catch (error) {
            if (error instanceof RetryGaveUpError && error.deadline) throw new DeadlineStop(error.message);
            const reason = deps.redactor.redact(`delivery to the ${sink.name} sink failed: ${describeError(error)}`);
            logger.error("chunk dead-lettered", {
                bucket: object.bucket,
                key: object.key,
                chunk: chunk.index,
                firstLine: chunk.firstLine,
                lastLine: chunk.lastLine,
                reason,
            });
            counts.chunksDeadLettered++;
            const ok = await deadLetter({
                ...where,
                firstLine: chunk.firstLine,
                lastLine: chunk.lastLine,
                reason,
                count: chunk.inferences,
            });
            if (!ok) {
                counts.unaccounted += chunk.inferences;
                return;
            }
            counts.deadLettered += chunk.inferences;
            const partial = error instanceof RetryGaveUpError && error.cause instanceof PartialRejectionError;
            await recordDone(
                workKey,
                {
                    bucket: object.bucket,
                    key: object.key,
                    outcome: partial ? "partially-accepted" : "dead-lettered",
                    chunkIndex: chunk.index,
                    firstLine: chunk.firstLine,
                    lastLine: chunk.lastLine,
                },
                { chunk: chunk.index },
            );
            return;
        }
        counts.chunksSent++;
        counts.inferencesSent += chunk.inferences;
        await recordDone(
            workKey,
            {
                bucket: object.bucket,
                key: object.key,
                outcome: "delivered",
                chunkIndex: chunk.index,
                firstLine: chunk.firstLine,
                lastLine: chunk.lastLine,
            },
            { chunk: chunk.index },
        );
    };

    let incomplete: string | null = null;
    let readError: unknown = null;
    let nextLine = 1;
    const lines = readLineBatches(object.body)[Symbol.asyncIterator]();
    try {
        for (;;) {
            let step: IteratorResult<{ lines: Buffer[]; firstLineNumber: number }>;
            try {
                step = await lines.next();
            } catch (error) {
                readError = error;
                break;
            }
            if (step.done) break;
            if (clock.now() >= stopAt) throw new DeadlineStop(`Lambda time ran out while reading line ${step.value.firstLineNumber}`);
            const batch = step.value.lines;
            const first = step.value.firstLineNumber;
            for (let i = 0; i < batch.length; i++) {
                const raw = batch[i];
                if (raw.length === 0 || (raw.length === 1 && raw[0] === 0x0d)) continue;
                const lineNumber = first + i;
                counts.recordsRead++;
                const result = pairCaptureLine(raw.toString("utf8"));
                if (result.ok) {
                    const n = result.count;
                    counts.inferencesRead += n;
                    const run = refused.flush();
                    if (run) await sendRefused(run);
                    let full: Chunk | null;
                    if (rawLines) {
                        full = builder.add(lineNumber, n, raw, raw.length + 1);
                    } else {
                        const text = serializeInferences(toNormalizedInferences(result, identity));
                        full = builder.add(lineNumber, n, text, Buffer.byteLength(text));
                    }
                    if (full) await deliver(full);
                } else {
                    counts.inferencesRead += result.inferences;
                    if (result.base64) counts.base64Records++;
                    const run = refused.add(lineNumber, result.reason, result.inferences, result.base64);
                    if (run) await sendRefused(run);
                }
            }
            nextLine = first + batch.length;
        }
        const last = builder.finish();
        if (last) await deliver(last);
        const run = refused.flush();
        if (run) await sendRefused(run);
        if (readError !== null) {
            const reason = deps.redactor.redact(`could not read the rest of the object from line ${nextLine}: ${describeError(readError)}`);
            logger.error("capture object could not be read to the end", {
                bucket: object.bucket,
                key: object.key,
                firstLine: nextLine,
                reason,
            });
            await deadLetter({ ...where, firstLine: nextLine, lastLine: null, reason, count: null });
        }
    } catch (error) {
        if (!(error instanceof DeadlineStop)) throw error;
        incomplete = error.message;
        logger.error("stopping before the Lambda times out; the event will be retried", {
            bucket: object.bucket,
            key: object.key,
            reason: incomplete,
        });
    }
    return { counts, incomplete, lost };
}
