/**
 * The dataset side of forwarding one capture object (pipeline.ts drives it line by line): each
 * paired record's inferences go to the object's DatasetFile; runs of records that do not fit the
 * endpoint's feature schema are dead-lettered like refused records (once: the idempotency store
 * remembers them), and the file is completed at the end. A failed write throws: the invocation
 * fails and Lambda retries the event, which rewrites the whole file under the same key (push
 * chunks already delivered are skipped by their own idempotency records).
 */
import { DeadLetterMessage } from "../deadLetter";
import { datasetRefusedRunKey, ObjectIdentity, WorkOutcome, WorkRecord } from "../idempotency";
import { describeError, Logger } from "../logger";
import { NormalizedInference } from "../normalize";
import { capReason } from "../reasons";
import { RefusedRun, RefusedRunCollector } from "../refusedRuns";
import { DatasetCounts, DatasetFile, DatasetSource, DatasetTarget } from "./datasetFile";

/** What the pipeline lends the dataset side: its logger, dead-letter queue and idempotency ledger. */
export interface DatasetRunEdges {
    logger: Logger;
    /** Queues a dead letter; false when the queue refused it (the pipeline keeps it as lost and fails the invocation). */
    deadLetter(message: DeadLetterMessage): Promise<boolean>;
    ledger: {
        outcomeOf(workKey: string, kind: "refused", fields: Record<string, unknown>): Promise<WorkOutcome | null>;
        markDone(workKey: string, record: WorkRecord, fields: Record<string, unknown>): Promise<void>;
    };
}

export class DatasetRun {
    private readonly file: DatasetFile;
    private readonly refused = new RefusedRunCollector();

    constructor(
        private readonly object: ObjectIdentity & DatasetSource,
        private readonly target: DatasetTarget,
        private readonly edges: DatasetRunEdges,
    ) {
        this.file = new DatasetFile(object, target);
    }

    get counts(): DatasetCounts {
        return this.file.counts;
    }

    /** Adds one record's inferences; returns a promise only when a row group or a dead letter went out. */
    add(inferences: NormalizedInference[], lineNumber: number): Promise<void> | undefined {
        const result = this.file.add(inferences);
        if (result.refused !== null) {
            const reason = capReason(`does not fit the dataset feature schema of endpoint ${this.object.endpoint}: ${result.refused}`);
            const run = this.refused.add(lineNumber, reason, inferences.length, false);
            return run ? this.deadLetterRun(run) : undefined;
        }
        // A record that fits ends the open run of refused ones.
        const run = this.refused.flush();
        if (run) return this.deadLetterRun(run).then(() => result.pending);
        return result.pending;
    }

    /** Dead-letters the open refused run, then completes the file; a failed write is logged and thrown. */
    async finish(): Promise<void> {
        const run = this.refused.flush();
        if (run) await this.deadLetterRun(run);
        const where = { bucket: this.object.bucket, key: this.object.key, dataset: `${this.target.store.location}/${this.file.key}` };
        try {
            await this.file.finish();
        } catch (error) {
            this.edges.logger.error("dataset file could not be written; the event will be retried", {
                ...where,
                error: describeError(error),
            });
            await this.abort();
            throw error;
        }
        this.edges.logger.info("dataset file written", {
            ...where,
            rows: this.counts.datasetRows,
            rowsRefused: this.counts.datasetRowsRefused,
        });
    }

    /** Leaves no partial upload behind (time ran out, or the write failed); an abort that fails is logged only. */
    async abort(): Promise<void> {
        try {
            await this.file.abort();
        } catch (error) {
            this.edges.logger.warn("dataset upload could not be aborted; the bucket's lifecycle removes incomplete uploads", {
                bucket: this.object.bucket,
                key: this.object.key,
                error: describeError(error),
            });
        }
    }

    private async deadLetterRun(run: RefusedRun): Promise<void> {
        const workKey = datasetRefusedRunKey(this.object, run.firstLine, run.lastLine);
        const lines = { firstLine: run.firstLine, lastLine: run.lastLine };
        if ((await this.edges.ledger.outcomeOf(workKey, "refused", lines)) !== null) return;
        this.edges.logger.warn("capture records do not fit the dataset feature schema; dead-lettered", {
            bucket: this.object.bucket,
            key: this.object.key,
            ...lines,
            records: run.records,
            reason: run.reason,
        });
        const { bucket, key, versionId, etag } = this.object;
        const queued = await this.edges.deadLetter({ bucket, key, versionId, etag, ...lines, reason: run.reason, count: run.inferences });
        if (!queued) return;
        const record: WorkRecord = { bucket, key, outcome: "dead-lettered", chunkIndex: null, ...lines };
        await this.edges.ledger.markDone(workKey, record, lines);
    }
}
