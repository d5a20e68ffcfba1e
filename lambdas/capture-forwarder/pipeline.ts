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
import { BodyEncoding, decodedBody } from "./gunzip";
import { LineBatch, readLineBatches } from "./lineStream";
import { describeError, Logger } from "./logger";
import { EndpointIdentity, NormalizedInference, pairCaptureLine, PairResult, Refusal, toNormalizedInferences } from "./normalize";
import { Redactor } from "./redactor";
import { RefusedRun, RefusedRunCollector } from "./refusedRuns";
import { RequestTimeoutError, RetryGaveUpError, RetryPolicy, withRetry } from "./retry";
import { DeadlineExceededError, withTimeout } from "./timeBudget";
import { serializeInferences } from "./serializeInferences";
import { DeliveryReport, Sink } from "./sinks/sink";
import { ENV } from "../../domain/forwarder/environment";
import { BASE64_HINT } from "./base64Capture";
import { PartialRejectionError } from "./multiStatus";
import { capReason } from "./reasons";
import { firstInvalidUtf8Byte, isBlankLine, startsWithBom } from "./utf8";
import { parseCaptureKey } from "./captureKey";
import { DatasetCounts, DatasetTarget } from "./dataset/datasetFile";
import { DatasetRun } from "./dataset/datasetRun";

export interface CaptureObject extends ObjectIdentity {
    endpoint: string;
    variant: string;
    /** File name without `.jsonl`, used to name uploads. */
    name: string;
    body: AsyncIterable<Uint8Array>;
    /** The object's own Content-Type, known once its first bytes were read. @default none (unknown) */
    contentType?: () => string | null;
    /** The capture key's hour (captureKey.ts capturedAt), the dataset file's partition. @default parsed from `key` */
    capturedAt?: string;
}

export interface PipelineDependencies {
    /** The push sink; null when the forwarder only writes the dataset. */
    sink: Sink | null;
    /** The dataset the forwarder writes beside (or instead of) the push sink. @default null (no dataset) */
    dataset?: DatasetTarget | null;
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
type ChunkResendOutcome = Exclude<WorkOutcome, "delivered">;

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
    /** What the dataset path did; absent when no dataset is configured. */
    dataset?: DatasetCounts;
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

/** A capture record whose inputs and outputs pair up. */
type PairedRecord = Extract<PairResult, { ok: true }>;

/** Why a record in a form Arthur does not document is dead-lettered, and how to send it anyway. */
function undocumentedReason(form: string): string {
    return (
        `${form}, a payload form Arthur does not document (it documents CSV, and JSON "instances"/"predictions" of` +
        ` "features"/"probabilities" objects or feature-name maps), so Arthur may reject it after accepting the upload;` +
        ` set ${ENV.arthurAllowUndocumentedForms}=true (sink.allowUndocumentedPayloadForms) to send it`
    );
}

/** Thrown inside a run to stop work when the Lambda's time is nearly up. */
class DeadlineStop extends Error {}

export async function forwardCaptureObject(object: CaptureObject, deps: PipelineDependencies): Promise<ForwardResult> {
    return new ForwardingRun(object, deps).run();
}

/**
 * The idempotency store as the pipeline uses it: a failed lookup means "do it again", a failed
 * record is logged (the work is done either way).
 */
class WorkLedger {
    constructor(
        private readonly store: IdempotencyStore,
        private readonly logger: Logger,
        private readonly object: ObjectIdentity,
    ) {}

    /** What an earlier run did with this work; when the store cannot tell, the work is done again. */
    async outcomeOf(workKey: string, kind: WorkKind, fields: Record<string, unknown>): Promise<WorkOutcome | null> {
        try {
            return await this.store.outcomeOf(workKey);
        } catch (error) {
            // Doing it again may duplicate; not doing it may lose. At-least-once wins.
            this.logger.warn(`idempotency lookup failed; ${WORK_WORDING[kind].again}`, {
                bucket: this.object.bucket,
                key: this.object.key,
                ...fields,
                error: describeError(error),
            });
            return null;
        }
    }

    async markDone(workKey: string, record: WorkRecord, fields: Record<string, unknown>): Promise<void> {
        try {
            await this.store.markDone(workKey, record);
        } catch (error) {
            const unrecorded: Partial<Record<WorkOutcome, string>> =
                WORK_WORDING[record.chunkIndex === null ? "refused" : "chunk"].unrecorded;
            this.logger.error(unrecorded[record.outcome] ?? record.outcome, {
                bucket: this.object.bucket,
                key: this.object.key,
                ...fields,
                error: describeError(error),
            });
        }
    }
}

/**
 * One object forwarded once: its counts, its open chunk and run of refused records, and the dead
 * letters the queue did not take. The per-line steps return a promise only when a line completed a
 * chunk or a refused run, so the common line stays synchronous (see lineStream.ts).
 */
class ForwardingRun {
    private readonly counts = emptyCounts();
    private readonly lost: DeadLetterMessage[] = [];
    private readonly identity: EndpointIdentity;
    /** The object's coordinates, first in every dead letter. */
    private readonly where: ObjectIdentity;
    private readonly rawLines: boolean;
    private readonly chunks: ChunkBuilder | null;
    private readonly dataset: DatasetRun | null;
    private readonly refused = new RefusedRunCollector();
    private readonly ledger: WorkLedger;
    private readonly stopAt: number;
    private readonly resend: readonly WorkOutcome[];
    /** Whether the body was gzip (decodedBody tells once it has read the first bytes). */
    private readonly encoding: BodyEncoding = { gzip: false };
    /** First line not read yet: where the dead letter of an unreadable rest starts. */
    private nextLine = 1;

    constructor(
        private readonly object: CaptureObject,
        private readonly deps: PipelineDependencies,
    ) {
        this.identity = { endpoint: object.endpoint, variant: object.variant };
        this.where = { bucket: object.bucket, key: object.key, versionId: object.versionId, etag: object.etag };
        this.rawLines = deps.sink?.payload === "capture-lines";
        this.chunks = deps.sink === null ? null : new ChunkBuilder(deps.sink.payload, deps.chunkLimits);
        this.ledger = new WorkLedger(deps.store, deps.logger, object);
        this.dataset = deps.dataset ? this.datasetRun(deps.dataset) : null;
        this.stopAt = deps.deadlineMs - deps.retry.safetyMarginMs;
        this.resend = deps.resendChunkOutcomes ?? [];
    }

    private datasetRun(target: DatasetTarget): DatasetRun {
        const parsed = parseCaptureKey(this.object.key);
        const capturedAt = this.object.capturedAt ?? (parsed.ok ? parsed.value.capturedAt : undefined);
        if (capturedAt === undefined)
            throw new Error(`the dataset partition of ${this.object.key} is unknown: it is not a Data Capture key`);
        return new DatasetRun({ ...this.where, ...this.identity, name: this.object.name, capturedAt }, target, {
            logger: this.deps.logger,
            deadLetter: (message) => this.deadLetter(message),
            ledger: this.ledger,
        });
    }

    async run(): Promise<ForwardResult> {
        let incomplete: string | null = null;
        try {
            const readError = await this.readAll();
            await this.finish(readError);
        } catch (error) {
            await this.dataset?.abort();
            if (!(error instanceof DeadlineStop)) throw error;
            incomplete = error.message;
            const c = this.counts;
            c.inferencesToRetry = c.inferencesRead - c.inferencesSent - c.deadLettered - c.skipped - c.unaccounted;
            this.deps.logger.error("stopping before the Lambda times out; the event will be retried", {
                bucket: this.object.bucket,
                key: this.object.key,
                reason: incomplete,
            });
        }
        const result: ForwardResult = { counts: this.counts, incomplete, lost: this.lost };
        if (this.dataset !== null) result.dataset = this.dataset.counts;
        return result;
    }

    /** Processes every line it can read; returns the error that ended reading early, else null. */
    private async readAll(): Promise<unknown> {
        const batches = readLineBatches(decodedBody(this.object.body, this.encoding))[Symbol.asyncIterator]();
        for (;;) {
            let step: IteratorResult<LineBatch>;
            try {
                step = await batches.next();
            } catch (error) {
                if (error instanceof DeadlineExceededError) throw new DeadlineStop(`Lambda time ran out reading line ${this.nextLine}`);
                return error;
            }
            if (step.done) return null;
            await this.processBatch(step.value);
        }
    }

    private async processBatch({ lines, firstLineNumber }: LineBatch): Promise<void> {
        this.stopIfOutOfTime(`while reading line ${firstLineNumber}`);
        for (let i = 0; i < lines.length; i++) {
            const pending = this.processLine(lines[i], firstLineNumber + i);
            if (pending) await pending;
        }
        this.nextLine = firstLineNumber + lines.length;
    }

    private processLine(line: Buffer, lineNumber: number): Promise<void> | undefined {
        const raw = lineNumber === 1 ? this.withoutBom(line) : line;
        // Blank lines, and the '\r' of CRLF files, are not records.
        if (isBlankLine(raw)) {
            this.counts.blankLines++;
            return undefined;
        }
        this.counts.recordsRead++;
        const badByte = firstInvalidUtf8Byte(raw);
        if (badByte !== -1) {
            const reason = `capture line is not valid UTF-8 (first invalid byte at byte ${badByte})`;
            return this.refuseRecord({ ok: false, reason, base64: false, inferences: 1 }, lineNumber);
        }
        const result = pairCaptureLine(raw.toString("utf8"));
        if (!result.ok) return this.refuseRecord(result, lineNumber);
        if (this.dataset === null) return this.pushRecord(result, raw, lineNumber);
        // The dataset takes every readable record, also those the push sink refuses (forms Arthur does not document).
        const inferences = toNormalizedInferences(result, this.identity);
        const written = this.dataset.add(inferences, lineNumber);
        if (this.deps.sink === null) {
            this.counts.inferencesRead += result.count;
            // A good record ends the open refused run, as on the push path.
            const run = this.refused.flush();
            if (run) return written ? written.then(() => this.sendRefused(run)) : this.sendRefused(run);
            return written;
        }
        return written
            ? written.then(() => this.pushRecord(result, raw, lineNumber, inferences))
            : this.pushRecord(result, raw, lineNumber, inferences);
    }

    /** The push sink's part of a readable record. `inferences` are passed when already built. */
    private pushRecord(
        result: PairedRecord,
        raw: Buffer,
        lineNumber: number,
        inferences?: NormalizedInference[],
    ): Promise<void> | undefined {
        if (result.undocumented !== null && this.deps.sink?.refusesUndocumentedForms === true) {
            return this.refuseRecord(
                { ok: false, reason: undocumentedReason(result.undocumented), base64: false, inferences: result.count },
                lineNumber,
            );
        }
        this.counts.inferencesRead += result.count;
        // A good record ends the open refused run, whose dead letter goes first.
        const run = this.refused.flush();
        if (run) return this.sendRefused(run).then(() => this.addRecord(result, raw, lineNumber, inferences));
        return this.addRecord(result, raw, lineNumber, inferences);
    }

    /** A UTF-8 byte-order mark before the first line is not part of the record (nor sent to the sink). */
    private withoutBom(line: Buffer): Buffer {
        if (!startsWithBom(line)) return line;
        this.deps.logger.info("UTF-8 byte-order mark stripped", { bucket: this.object.bucket, key: this.object.key });
        return line.subarray(3);
    }

    private addRecord(
        record: PairedRecord,
        raw: Buffer,
        lineNumber: number,
        inferences?: NormalizedInference[],
    ): Promise<void> | undefined {
        const chunks = this.chunks as ChunkBuilder;
        let full: Chunk | null;
        if (this.rawLines) {
            full = chunks.add(lineNumber, record.count, raw, raw.length + 1);
        } else {
            const text = serializeInferences(inferences ?? toNormalizedInferences(record, this.identity));
            full = chunks.add(lineNumber, record.count, text, Buffer.byteLength(text));
        }
        return this.flushChunk(full);
    }

    private refuseRecord(refusal: Refusal, lineNumber: number): Promise<void> | undefined {
        this.counts.inferencesRead += refusal.inferences;
        if (refusal.base64) this.counts.base64Records++;
        return this.flushRefused(this.refused.add(lineNumber, capReason(refusal.reason), refusal.inferences, refusal.base64));
    }

    private flushChunk(chunk: Chunk | null): Promise<void> | undefined {
        return chunk ? this.deliver(chunk) : undefined;
    }

    private flushRefused(run: RefusedRun | null): Promise<void> | undefined {
        return run ? this.sendRefused(run) : undefined;
    }

    /** The object was read (or could not be read further): the open chunk and refused run go out, then the unread rest is dead-lettered. */
    private async finish(readError: unknown): Promise<void> {
        if (this.chunks !== null) await this.flushChunk(this.chunks.finish());
        await this.flushRefused(this.refused.flush());
        if (readError !== null) await this.deadLetterUnreadRest(readError);
        if (this.dataset !== null) {
            this.stopIfOutOfTime("before the dataset file was completed");
            await this.dataset.finish();
        }
    }

    private async deadLetterUnreadRest(readError: unknown): Promise<void> {
        const firstLine = this.nextLine;
        const reason = capReason(
            this.deps.redactor.redact(`could not read the rest of the object from line ${firstLine}: ${describeError(readError)}`),
        );
        this.deps.logger.error("capture object could not be read to the end", {
            bucket: this.object.bucket,
            key: this.object.key,
            firstLine,
            reason,
        });
        await this.deadLetter({ ...this.where, firstLine, lastLine: null, reason, count: null });
    }

    private async sendRefused(run: RefusedRun): Promise<void> {
        const workKey = refusedRunKey(this.object, run.firstLine, run.lastLine);
        const lines = { firstLine: run.firstLine, lastLine: run.lastLine };
        if ((await this.ledger.outcomeOf(workKey, "refused", lines)) !== null) {
            this.counts.refusedRunsAlreadyDeadLettered++;
            this.counts.skipped += run.inferences;
            return;
        }
        const fields = { bucket: this.object.bucket, key: this.object.key, ...lines, records: run.records };
        if (run.base64) this.deps.logger.warn("BASE64 capture records dead-lettered", { ...fields, hint: BASE64_HINT });
        else this.deps.logger.warn("capture records refused and dead-lettered", { ...fields, reason: run.reason });
        const ok = await this.deadLetter({ ...this.where, ...lines, reason: run.reason, count: run.inferences });
        if (!ok) {
            this.counts.unaccounted += run.inferences;
            return;
        }
        this.counts.deadLettered += run.inferences;
        const record: WorkRecord = {
            bucket: this.object.bucket,
            key: this.object.key,
            outcome: "dead-lettered",
            chunkIndex: null,
            ...lines,
        };
        await this.ledger.markDone(workKey, record, lines);
    }

    /** Sends a chunk unless an earlier run handled it; dead-letters it when the sink will not take it. */
    private async deliver(chunk: Chunk): Promise<void> {
        this.stopIfOutOfTime(`before chunk ${chunk.index} (lines ${chunk.firstLine}-${chunk.lastLine})`);
        const workKey = chunkKey(this.object, chunk.index);
        if (await this.handledEarlier(workKey, chunk)) return;
        try {
            await this.sendWithRetries(chunk);
        } catch (error) {
            await this.deadLetterChunk(workKey, chunk, error);
            return;
        }
        this.counts.chunksSent++;
        this.counts.inferencesSent += chunk.inferences;
        await this.recordChunk(workKey, chunk, "delivered");
    }

    /** Whether an earlier run handled the chunk in a way this run must not undo (counted as skipped). */
    private async handledEarlier(workKey: string, chunk: Chunk): Promise<boolean> {
        const earlier = await this.ledger.outcomeOf(workKey, "chunk", { chunk: chunk.index });
        if (earlier === null) return false;
        if (!this.resend.includes(earlier)) {
            this.counts[SKIPPED_CHUNK_COUNTER[earlier]]++;
            this.counts.skipped += chunk.inferences;
            return true;
        }
        this.deps.logger.info("sending a chunk an earlier run dead-lettered", {
            bucket: this.object.bucket,
            key: this.object.key,
            chunk: chunk.index,
            outcome: earlier,
        });
        return false;
    }

    private async sendWithRetries(chunk: Chunk): Promise<void> {
        const { deps, object } = this;
        // The attempt's timeout covers all of it: the token read as well as the POST.
        // A decompressed body is no longer what the object's Content-Type describes.
        const contentType = this.encoding.gzip ? null : (object.contentType?.() ?? null);
        const attempt = (timeoutMs: number): Promise<DeliveryReport | void> =>
            withTimeout(
                (deps.sink as Sink).deliver(chunk, { objectName: object.name, timeoutMs, contentType }),
                timeoutMs,
                () => new RequestTimeoutError(timeoutMs),
            );
        const report = await withRetry(attempt, {
            policy: deps.retry,
            clock: deps.clock,
            random: deps.random,
            deadlineMs: deps.deadlineMs,
            attemptTimeoutMs: deps.attemptTimeoutMs,
            onRetry: ({ attempt, delayMs, error }) =>
                deps.logger.warn("chunk delivery failed; retrying", {
                    bucket: object.bucket,
                    key: object.key,
                    chunk: chunk.index,
                    attempt,
                    delayMs,
                    error: describeError(error),
                }),
        });
        for (const warning of report?.warnings ?? []) {
            deps.logger.warn("sink answer differs from what was sent", {
                bucket: object.bucket,
                key: object.key,
                chunk: chunk.index,
                warning,
            });
        }
    }

    /** The sink refused the chunk for good (or took only part of it): it goes to the dead-letter queue whole. */
    private async deadLetterChunk(workKey: string, chunk: Chunk, error: unknown): Promise<void> {
        if (error instanceof RetryGaveUpError && (error.deadline || error.cause instanceof DeadlineExceededError)) {
            throw new DeadlineStop(error.message);
        }
        const reason = capReason(
            this.deps.redactor.redact(`delivery to the ${(this.deps.sink as Sink).name} sink failed: ${describeError(error)}`),
        );
        const lines = { firstLine: chunk.firstLine, lastLine: chunk.lastLine };
        this.deps.logger.error("chunk dead-lettered", {
            bucket: this.object.bucket,
            key: this.object.key,
            chunk: chunk.index,
            ...lines,
            reason,
        });
        this.counts.chunksDeadLettered++;
        if (!(await this.deadLetter({ ...this.where, ...lines, reason, count: chunk.inferences }))) {
            this.counts.unaccounted += chunk.inferences;
            return;
        }
        this.counts.deadLettered += chunk.inferences;
        const partial = error instanceof RetryGaveUpError && error.cause instanceof PartialRejectionError;
        await this.recordChunk(workKey, chunk, partial ? "partially-accepted" : "dead-lettered");
    }

    private async recordChunk(workKey: string, chunk: Chunk, outcome: WorkOutcome): Promise<void> {
        const record: WorkRecord = {
            bucket: this.object.bucket,
            key: this.object.key,
            outcome,
            chunkIndex: chunk.index,
            firstLine: chunk.firstLine,
            lastLine: chunk.lastLine,
        };
        await this.ledger.markDone(workKey, record, { chunk: chunk.index });
    }

    /** Queues a dead letter; one the queue refuses is logged and kept in `lost` (the invocation then fails). */
    private async deadLetter(message: DeadLetterMessage): Promise<boolean> {
        try {
            await this.deps.deadLetters.send(message);
            return true;
        } catch (error) {
            this.deps.logger.error("dead-letter queue rejected a message", { ...message, error: describeError(error) });
            this.lost.push(message);
            return false;
        }
    }

    private stopIfOutOfTime(when: string): void {
        if (this.deps.clock.now() >= this.stopAt) throw new DeadlineStop(`Lambda time ran out ${when}`);
    }
}
