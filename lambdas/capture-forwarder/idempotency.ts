/**
 * Idempotent delivery. Work on an object is keyed by bucket, key and ETag: the S3 event and the
 * ListObjects answer replay reads both carry the ETag, so the Lambda and replay compute the same
 * keys (an event's versionId has no counterpart in ListObjects, and keys built from it never
 * matched replay's). Data Capture never rewrites a key, and a rewrite with the same ETag holds
 * the same bytes, so nothing is wrongly skipped; the versionId is used only when an event carries
 * no ETag. Reads stay pinned to the event's version (s3Source.ts).
 *
 * Two kinds of work are recorded: a chunk (key: the chunk index; chunk boundaries depend only on
 * the object's bytes, the chunk limits and the sink's payload kind) once the sink accepted it, or
 * once its dead letter reached the queue (the sink refused it, or accepted it only in part), and a
 * run of refused records that reached the dead-letter queue (key: its line range). So a redelivered
 * event or a Lambda retry neither resends a chunk nor dead-letters the same chunk or refused records
 * again (and never resends the accepted part of a partly accepted chunk). Replay may resend a chunk
 * recorded as dead-lettered; once delivered, its record becomes `delivered`.
 *
 * Choice (DynamoDB table with TTL): before the work, a strongly consistent GetItem asks whether it
 * was done; only after it succeeded, a PutItem with `attribute_not_exists(chunkKey)` records it,
 * with `expiresAt` (epoch seconds) as the table's TTL attribute. Recording after success gives
 * at-least-once delivery: a crash between the sink's acceptance and the PutItem resends that one
 * chunk, but a failure never marks undone work as done (which would lose it). A claim-before-send
 * lease would close the small concurrent-duplicate window at the price of stuck claims after a
 * crash; S3 redeliveries are rare and spaced out, so it is not used. The conditional put makes a
 * concurrent second writer harmless (ConditionalCheckFailed = already recorded); only `delivered`
 * replaces an earlier outcome, and nothing replaces `delivered`.
 * Changing CHUNK_MAX_BYTES / CHUNK_MAX_RECORDS moves chunk boundaries: objects redelivered across
 * such a change may be sent twice.
 */
import { createHash } from "node:crypto";
import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { IDEMPOTENCY_KEY_ATTRIBUTE, IDEMPOTENCY_TTL_ATTRIBUTE } from "../../domain/forwarder/contract";
import { Clock } from "./clock";

/** What was done (type S, a WorkOutcome). */
const OUTCOME_ATTRIBUTE = "outcome";

export interface ObjectIdentity {
    bucket: string;
    key: string;
    versionId: string | null;
    etag: string | null;
}

/** The object's content identity: its ETag without quotes (events omit them, ListObjects adds them). */
function contentIdentity(object: ObjectIdentity): string {
    if (object.etag !== null && object.etag !== "") return `e:${object.etag.replace(/"/g, "")}`;
    return `v:${object.versionId ?? ""}`;
}

function hashKey(parts: string[]): string {
    return createHash("sha256").update(parts.join("\u0000")).digest("hex");
}

/** Key of chunk `chunkIndex` of an object. */
export function chunkKey(object: ObjectIdentity, chunkIndex: number): string {
    return hashKey([object.bucket, object.key, contentIdentity(object), String(chunkIndex)]);
}

/** Key of a dead-lettered run of records that did not fit the dataset's feature schema (dataset/datasetRun.ts). */
export function datasetRefusedRunKey(object: ObjectIdentity, firstLine: number, lastLine: number): string {
    return hashKey([object.bucket, object.key, contentIdentity(object), "dataset-refused", String(firstLine), String(lastLine)]);
}

/** Key of a dead-lettered run of refused records, lines `firstLine`-`lastLine` of an object. */
export function refusedRunKey(object: ObjectIdentity, firstLine: number, lastLine: number): string {
    return hashKey([object.bucket, object.key, contentIdentity(object), "refused", String(firstLine), String(lastLine)]);
}

/**
 * What was done: a chunk delivered; a chunk or refused records dead-lettered; a chunk the sink
 * accepted only in part (207 with failures), dead-lettered whole.
 */
export type WorkOutcome = "delivered" | "dead-lettered" | "partially-accepted";

const OUTCOMES: readonly WorkOutcome[] = ["delivered", "dead-lettered", "partially-accepted"];

/** The recorded outcome; a record without a known one dates from before outcomes were kept, when only deliveries were. */
function outcomeFrom(value: unknown): WorkOutcome {
    return (OUTCOMES as readonly unknown[]).includes(value) ? (value as WorkOutcome) : "delivered";
}

/** Whether `next` may be recorded over `earlier`: only a delivery replaces another outcome (replay resent it). */
function replacesOutcome(earlier: WorkOutcome | null, next: WorkOutcome): boolean {
    return earlier === null || (next === "delivered" && earlier !== "delivered");
}

export interface WorkRecord {
    bucket: string;
    key: string;
    outcome: WorkOutcome;
    /** The chunk's index; null for refused records. */
    chunkIndex: number | null;
    firstLine: number;
    lastLine: number;
}

export interface IdempotencyStore {
    /** What an earlier run did with this work (see chunkKey, refusedRunKey), or null. */
    outcomeOf(workKey: string): Promise<WorkOutcome | null>;
    /**
     * Records done work, unless the key holds an outcome it does not replace (replacesOutcome);
     * a concurrent record of the same key is not an error.
     */
    markDone(workKey: string, record: WorkRecord): Promise<void>;
}

/** For replay and tests: remembers work for the life of the process. */
export class InMemoryIdempotencyStore implements IdempotencyStore {
    readonly done = new Map<string, WorkRecord>();

    async outcomeOf(key: string): Promise<WorkOutcome | null> {
        return this.done.get(key)?.outcome ?? null;
    }

    async markDone(key: string, record: WorkRecord): Promise<void> {
        if (replacesOutcome(this.done.get(key)?.outcome ?? null, record.outcome)) this.done.set(key, record);
    }
}

/** The part of DynamoDBClient this module uses, so tests can pass a small fake. */
export interface DynamoDbSender {
    send(command: GetItemCommand | PutItemCommand): Promise<{ Item?: Record<string, unknown> }>;
}

export class DynamoDbIdempotencyStore implements IdempotencyStore {
    constructor(
        private readonly dynamo: DynamoDbSender,
        private readonly tableName: string,
        /** How long a delivery is remembered. @default 14 days via IDEMPOTENCY_TTL_DAYS */
        private readonly ttlSeconds: number,
        private readonly clock: Clock,
    ) {}

    async outcomeOf(key: string): Promise<WorkOutcome | null> {
        const out = await this.dynamo.send(
            new GetItemCommand({
                TableName: this.tableName,
                Key: { [IDEMPOTENCY_KEY_ATTRIBUTE]: { S: key } },
                ConsistentRead: true,
                ProjectionExpression: "#key, #outcome",
                ExpressionAttributeNames: { "#key": IDEMPOTENCY_KEY_ATTRIBUTE, "#outcome": OUTCOME_ATTRIBUTE },
            }),
        );
        if (out.Item === undefined) return null;
        return outcomeFrom((out.Item[OUTCOME_ATTRIBUTE] as { S?: string } | undefined)?.S);
    }

    async markDone(key: string, record: WorkRecord): Promise<void> {
        const nowMs = this.clock.now();
        try {
            await this.dynamo.send(
                new PutItemCommand({
                    TableName: this.tableName,
                    Item: {
                        [IDEMPOTENCY_KEY_ATTRIBUTE]: { S: key },
                        [IDEMPOTENCY_TTL_ATTRIBUTE]: { N: String(Math.floor(nowMs / 1000) + this.ttlSeconds) },
                        [OUTCOME_ATTRIBUTE]: { S: record.outcome },
                        recordedAt: { S: new Date(nowMs).toISOString() },
                        bucket: { S: record.bucket },
                        objectKey: { S: record.key },
                        ...(record.chunkIndex !== null ? { chunkIndex: { N: String(record.chunkIndex) } } : {}),
                        firstLine: { N: String(record.firstLine) },
                        lastLine: { N: String(record.lastLine) },
                    },
                    // The condition is replacesOutcome's, evaluated by DynamoDB so concurrent writers agree.
                    ...(record.outcome === "delivered"
                        ? {
                              ConditionExpression: `attribute_not_exists(${IDEMPOTENCY_KEY_ATTRIBUTE}) OR #outcome <> :delivered`,
                              ExpressionAttributeNames: { "#outcome": OUTCOME_ATTRIBUTE },
                              ExpressionAttributeValues: { ":delivered": { S: "delivered" } },
                          }
                        : { ConditionExpression: `attribute_not_exists(${IDEMPOTENCY_KEY_ATTRIBUTE})` }),
                }),
            );
        } catch (error) {
            if ((error as { name?: string }).name !== "ConditionalCheckFailedException") throw error;
        }
    }
}
