/**
 * The AWS edge: an S3 ObjectCreated event in, every record forwarded (not only the first),
 * non-capture keys skipped with one log line each, one summary line per invocation.
 * The invocation fails (so Lambda retries it, then hands it to the on-failure destination) when
 * a dead letter could not be sent, or when time ran out before all objects were finished;
 * delivered chunks are not resent, nor refused records dead-lettered again, on retry (idempotency
 * store, keyed by bucket, key and the event's ETag).
 */
import type { S3Event, S3EventRecord } from "aws-lambda";
import { addCounts, emptyCounts, ForwardCounts } from "./counts";
import { captureFileName, decodeS3EventKey, parseCaptureKey } from "./captureKey";
import { DeadLetterMessage } from "./deadLetter";
import { CaptureObject, forwardCaptureObject, PipelineDependencies } from "./pipeline";
import { readS3Object, S3Reader } from "./s3Source";
import { TimeBudget } from "./timeBudget";
import { addDatasetCounts, DatasetCounts, emptyDatasetCounts } from "./dataset/datasetFile";

/** The pipeline's dependencies, less the deadline (the handler takes it from the Lambda context), plus S3. */
export interface HandlerDependencies extends Omit<PipelineDependencies, "deadlineMs"> {
    s3: S3Reader;
    s3RangeBytes: number;
    /** Bounds every AWS call by the invocation's deadline; absent when the clients are bounded otherwise (tests). */
    budget?: TimeBudget;
}

/** Time kept after the last AWS call for the summary line and the invocation's answer. */
const SUMMARY_RESERVE_MS = 1000;

/** Dataset counts appear only when the forwarder writes a dataset. */
export interface InvocationSummary extends ForwardCounts, Partial<DatasetCounts> {
    objects: number;
    objectsSkipped: number;
    /** Objects not finished because the Lambda's time ran out (the event is retried). */
    objectsIncomplete: number;
    deadLettersLost: number;
}

/** The slice of the Lambda context the handler uses. */
interface InvocationContext {
    getRemainingTimeInMillis(): number;
}

export type CaptureForwarderHandler = (event: S3Event, context: InvocationContext) => Promise<InvocationSummary>;

export function createHandler(deps: HandlerDependencies): CaptureForwarderHandler {
    return async (event, context) => {
        const deadlineMs = deps.clock.now() + context.getRemainingTimeInMillis();
        deps.budget?.setDeadline(deadlineMs - SUMMARY_RESERVE_MS);
        const counts = emptyCounts();
        const summary = { objects: 0, objectsSkipped: 0, objectsIncomplete: 0, deadLettersLost: 0 };
        const lost: DeadLetterMessage[] = [];
        const dataset = deps.dataset ? emptyDatasetCounts() : {};
        const records = Array.isArray(event?.Records) ? event.Records : [];
        if (records.length === 0) deps.logger.info("event has no records (e.g. s3:TestEvent); nothing to forward");

        try {
            for (const record of records) {
                const object = captureObjectOf(record, deps);
                if (object === null) {
                    summary.objectsSkipped++;
                    continue;
                }
                summary.objects++;
                const result = await forwardCaptureObject(object, { ...deps, deadlineMs });
                addCounts(counts, result.counts);
                if (result.dataset) addDatasetCounts(dataset as DatasetCounts, result.dataset);
                lost.push(...result.lost);
                if (result.incomplete !== null) {
                    summary.objectsIncomplete++;
                    break;
                }
            }
        } catch (error) {
            // Whatever went wrong, the summary line is written before the invocation fails.
            deps.logger.info("capture-forwarder summary", { ...summary, deadLettersLost: lost.length, ...counts, ...dataset });
            throw error;
        }
        summary.deadLettersLost = lost.length;
        return finishInvocation({ ...summary, ...counts, ...dataset }, lost, deps);
    };
}

/** The Data Capture object an event record announces, or null (logged) when there is nothing to forward. */
function captureObjectOf(record: S3EventRecord, deps: HandlerDependencies): CaptureObject | null {
    const bucket = record.s3?.bucket?.name ?? "";
    const rawKey = record.s3?.object?.key ?? "";
    if (!record.eventName?.startsWith("ObjectCreated:")) {
        deps.logger.info("skipping event that is not ObjectCreated", { bucket, key: rawKey, eventName: record.eventName });
        return null;
    }
    const decoded = decodeS3EventKey(rawKey);
    const parsed = decoded.ok ? parseCaptureKey(decoded.key) : decoded;
    if (!decoded.ok || !parsed.ok) {
        deps.logger.info("skipping object that is not a Data Capture file", {
            bucket,
            key: decoded.ok ? decoded.key : rawKey,
            reason: parsed.ok ? "" : parsed.reason,
        });
        return null;
    }
    const key = decoded.key;
    const meta = { contentType: null as string | null };
    const object = {
        bucket,
        key,
        versionId: record.s3.object.versionId ?? null,
        etag: record.s3.object.eTag ?? null,
    };
    return {
        ...object,
        endpoint: parsed.value.endpoint,
        variant: parsed.value.variant,
        capturedAt: parsed.value.capturedAt,
        name: captureFileName(key),
        contentType: () => meta.contentType,
        body: readS3Object(
            deps.s3,
            { ...object, size: typeof record.s3.object.size === "number" ? record.s3.object.size : null },
            { rangeBytes: deps.s3RangeBytes, maxAttempts: 4, clock: deps.clock, meta },
        ),
    };
}

/** Lost dead letters named in the invocation's error. */
const LOST_SHOWN = 3;

/** Logs the summary line, then fails the invocation (so Lambda retries it) for lost dead letters or unfinished objects. */
function finishInvocation(full: InvocationSummary, lost: DeadLetterMessage[], deps: HandlerDependencies): InvocationSummary {
    deps.logger.info("capture-forwarder summary", { ...full });
    const failures: string[] = [];
    if (lost.length > 0) {
        // The first few name where they are (each is in the log line above); the reasons are capped.
        const shown = lost
            .slice(0, LOST_SHOWN)
            .map((m) => `s3://${m.bucket}/${m.key} lines ${m.firstLine}-${m.lastLine ?? "end"}: ${m.reason}`);
        if (lost.length > LOST_SHOWN) shown.push(`and ${lost.length - LOST_SHOWN} more (see the log)`);
        failures.push(`${lost.length} dead letter(s) could not be sent to the dead-letter queue: ${shown.join(" | ")}`);
    }
    if (full.objectsIncomplete > 0) failures.push("the Lambda ran out of time before every object was forwarded");
    if (failures.length > 0) throw new Error(deps.redactor.redact(`capture-forwarder invocation failed; ${failures.join("; ")}`));
    return full;
}
