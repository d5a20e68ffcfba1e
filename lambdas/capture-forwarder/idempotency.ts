/**
 * Idempotent delivery. A chunk's key is a hash of bucket, key, versionId (or ETag when the bucket
 * is not versioned) and chunk index; chunk boundaries depend only on the object's bytes and the
 * chunk limits, so a redelivered S3 event rebuilds the same chunks and skips the delivered ones.
 *
 * Choice (DynamoDB table with TTL): before sending, a strongly consistent GetItem asks whether the
 * chunk was delivered; only after the sink accepted it, a PutItem with
 * `attribute_not_exists(chunkKey)` records it, with `expiresAt` (epoch seconds) as the table's TTL
 * attribute. Marking after success gives at-least-once delivery: a crash between the sink's
 * acceptance and the PutItem resends that one chunk, but a failure never marks an undelivered
 * chunk as done (which would lose it). A claim-before-send lease would close the small
 * concurrent-duplicate window at the price of stuck claims after a crash; S3 redeliveries are
 * rare and spaced out, so it is not used. The conditional put makes a concurrent second writer
 * harmless (ConditionalCheckFailed = already recorded).
 * Changing CHUNK_MAX_BYTES / CHUNK_MAX_RECORDS moves chunk boundaries: objects redelivered across
 * such a change may be sent twice.
 */
import { createHash } from 'node:crypto';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { Clock } from './clock';

/** Table partition key (type S). */
export const IDEMPOTENCY_KEY_ATTRIBUTE = 'chunkKey';
/** Table TTL attribute (type N, epoch seconds). */
export const IDEMPOTENCY_TTL_ATTRIBUTE = 'expiresAt';

export interface ObjectIdentity {
  bucket: string;
  key: string;
  versionId: string | null;
  etag: string | null;
}

export function chunkKey(object: ObjectIdentity, chunkIndex: number): string {
  const version = object.versionId !== null ? `v:${object.versionId}` : `e:${object.etag ?? ''}`;
  return createHash('sha256')
    .update([object.bucket, object.key, version, String(chunkIndex)].join('\u0000'))
    .digest('hex');
}

export interface DeliveryRecord {
  bucket: string;
  key: string;
  chunkIndex: number;
  firstLine: number;
  lastLine: number;
}

export interface IdempotencyStore {
  isDelivered(chunkKey: string): Promise<boolean>;
  /** Records a delivered chunk; a concurrent record of the same key is not an error. */
  markDelivered(chunkKey: string, record: DeliveryRecord): Promise<void>;
}

/** For replay and tests: remembers deliveries for the life of the process. */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  readonly delivered = new Map<string, DeliveryRecord>();

  async isDelivered(key: string): Promise<boolean> {
    return this.delivered.has(key);
  }

  async markDelivered(key: string, record: DeliveryRecord): Promise<void> {
    if (!this.delivered.has(key)) this.delivered.set(key, record);
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

  async isDelivered(key: string): Promise<boolean> {
    const out = await this.dynamo.send(new GetItemCommand({
      TableName: this.tableName,
      Key: { [IDEMPOTENCY_KEY_ATTRIBUTE]: { S: key } },
      ConsistentRead: true,
      ProjectionExpression: IDEMPOTENCY_KEY_ATTRIBUTE,
    }));
    return out.Item !== undefined;
  }

  async markDelivered(key: string, record: DeliveryRecord): Promise<void> {
    const nowMs = this.clock.now();
    try {
      await this.dynamo.send(new PutItemCommand({
        TableName: this.tableName,
        Item: {
          [IDEMPOTENCY_KEY_ATTRIBUTE]: { S: key },
          [IDEMPOTENCY_TTL_ATTRIBUTE]: { N: String(Math.floor(nowMs / 1000) + this.ttlSeconds) },
          deliveredAt: { S: new Date(nowMs).toISOString() },
          bucket: { S: record.bucket },
          objectKey: { S: record.key },
          chunkIndex: { N: String(record.chunkIndex) },
          firstLine: { N: String(record.firstLine) },
          lastLine: { N: String(record.lastLine) },
        },
        ConditionExpression: `attribute_not_exists(${IDEMPOTENCY_KEY_ATTRIBUTE})`,
      }));
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    }
  }
}
