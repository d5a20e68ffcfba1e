/** The AWS edges against small fakes of the clients' `send`: exact command inputs. */
import assert from 'node:assert/strict';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { SqsDeadLetterQueue } from '../../../lambdas/capture-forwarder/deadLetter';
import { chunkKey, DynamoDbIdempotencyStore, InMemoryIdempotencyStore } from '../../../lambdas/capture-forwarder/idempotency';
import { Redactor } from '../../../lambdas/capture-forwarder/redactor';
import { CachedSecretToken, tokenFromSecretString } from '../../../lambdas/capture-forwarder/secrets';
import { FakeClock } from './support';

const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:arthur-token-AbCdEf';

describe('capture-forwarder AWS edges', () => {
  describe('idempotency keys', () => {
    const object = { bucket: 'capture-bucket', key: 'dc/ep/v/2024/01/02/03/x.jsonl', versionId: null, etag: 'abc123' };
    it('derive from bucket, key, version or ETag, and chunk index', () => {
      assert.equal(chunkKey(object, 0), chunkKey({ ...object }, 0));
      assert.notEqual(chunkKey(object, 0), chunkKey(object, 1));
      assert.notEqual(chunkKey(object, 0), chunkKey({ ...object, etag: 'def456' }, 0));
      assert.notEqual(chunkKey(object, 0), chunkKey({ ...object, versionId: 'abc123' }, 0));
      assert.notEqual(chunkKey(object, 0), chunkKey({ ...object, bucket: 'other' }, 0));
      assert.match(chunkKey(object, 0), /^[0-9a-f]{64}$/);
    });
    it('in memory: remembers deliveries', async () => {
      const store = new InMemoryIdempotencyStore();
      assert.equal(await store.isDelivered('k'), false);
      await store.markDelivered('k', { bucket: 'b', key: 'k', chunkIndex: 0, firstLine: 1, lastLine: 2 });
      assert.equal(await store.isDelivered('k'), true);
    });
  });

  describe('DynamoDbIdempotencyStore', () => {
    const clock = new FakeClock(Date.parse('2024-01-02T03:04:05.000Z'));

    it('looks a chunk up with a consistent GetItem', async () => {
      const sent: unknown[] = [];
      const store = new DynamoDbIdempotencyStore({
        send: async (command) => {
          sent.push([command.constructor.name, command.input]);
          return sent.length === 1 ? {} : { Item: { chunkKey: { S: 'k1' } } };
        },
      }, 'forwarder-chunks', 14 * 86400, clock);
      assert.deepStrictEqual([await store.isDelivered('k1'), await store.isDelivered('k1')], [false, true]);
      assert.deepStrictEqual(sent[0], [GetItemCommand.name, {
        TableName: 'forwarder-chunks', Key: { chunkKey: { S: 'k1' } }, ConsistentRead: true, ProjectionExpression: 'chunkKey',
      }]);
    });

    it('records a delivery with a conditional PutItem and the expiresAt TTL attribute', async () => {
      const sent: unknown[] = [];
      const store = new DynamoDbIdempotencyStore({ send: async (command) => { sent.push([command.constructor.name, command.input]); return {}; } }, 'forwarder-chunks', 86400, clock);
      await store.markDelivered('k1', { bucket: 'b', key: 'dc/x.jsonl', chunkIndex: 3, firstLine: 10, lastLine: 20 });
      assert.deepStrictEqual(sent, [[PutItemCommand.name, {
        TableName: 'forwarder-chunks',
        Item: {
          chunkKey: { S: 'k1' },
          expiresAt: { N: String(Date.parse('2024-01-02T03:04:05.000Z') / 1000 + 86400) },
          deliveredAt: { S: '2024-01-02T03:04:05.000Z' },
          bucket: { S: 'b' },
          objectKey: { S: 'dc/x.jsonl' },
          chunkIndex: { N: '3' },
          firstLine: { N: '10' },
          lastLine: { N: '20' },
        },
        ConditionExpression: 'attribute_not_exists(chunkKey)',
      }]]);
    });

    it('treats ConditionalCheckFailed as already recorded and rethrows anything else', async () => {
      const failing = (name: string) => new DynamoDbIdempotencyStore({ send: async () => { throw Object.assign(new Error(name), { name }); } }, 't-1', 60, clock);
      await failing('ConditionalCheckFailedException').markDelivered('k', { bucket: 'b', key: 'k', chunkIndex: 0, firstLine: 1, lastLine: 1 });
      await assert.rejects(failing('ProvisionedThroughputExceededException').markDelivered('k', { bucket: 'b', key: 'k', chunkIndex: 0, firstLine: 1, lastLine: 1 }), { name: 'ProvisionedThroughputExceededException' });
    });
  });

  describe('SqsDeadLetterQueue', () => {
    it('sends the message as JSON to the queue URL', async () => {
      const sent: unknown[] = [];
      const queue = new SqsDeadLetterQueue({ send: async (command) => { sent.push([command.constructor.name, command.input]); } }, 'https://sqs.us-east-1.amazonaws.com/1/dlq');
      const message = { bucket: 'b', key: 'k', versionId: 'v1', etag: null, firstLine: 3, lastLine: 9, reason: 'HTTP 400', count: 12 };
      await queue.send(message);
      assert.deepStrictEqual(sent, [[SendMessageCommand.name, { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/1/dlq', MessageBody: JSON.stringify(message) }]]);
    });
  });

  describe('secrets', () => {
    it('reads a plain or JSON token', () => {
      assert.deepStrictEqual(
        ['tok-123', ' tok-123\n', '{"token":"tok-123"}', '{"apiKey":"x"}', '', '{not json'].map(tokenFromSecretString),
        ['tok-123', 'tok-123', 'tok-123', null, null, '{not json'],
      );
    });

    it('caches the token for the TTL, re-reads after it or after invalidate, and registers it for redaction', async () => {
      const clock = new FakeClock(0);
      const redactor = new Redactor();
      const inputs: unknown[] = [];
      let version = 0;
      const secret = new CachedSecretToken({
        send: async (command) => {
          inputs.push([command.constructor.name, command.input]);
          version++;
          return { SecretString: JSON.stringify({ token: `s3cr3t-token-v${version}` }) };
        },
      }, ARN, 300_000, clock, redactor);
      assert.equal(await secret.token(), 's3cr3t-token-v1');
      clock.current = 299_999;
      assert.equal(await secret.token(), 's3cr3t-token-v1');
      clock.current = 300_000;
      assert.equal(await secret.token(), 's3cr3t-token-v2');
      secret.invalidate();
      assert.equal(await secret.token(), 's3cr3t-token-v3');
      assert.deepStrictEqual(inputs, [1, 2, 3].map(() => [GetSecretValueCommand.name, { SecretId: ARN }]));
      assert.equal(redactor.redact('Bearer s3cr3t-token-v2 and s3cr3t-token-v3'), 'Bearer [REDACTED] and [REDACTED]');
    });

    it('fails without the value in the message', async () => {
      const secret = new CachedSecretToken({ send: async () => ({ SecretString: '{"token":""}' }) }, ARN, 1000, new FakeClock(), new Redactor());
      await assert.rejects(secret.token(), { message: `secret ${ARN} is empty or is JSON without a non-empty "token" field` });
      const binary = new CachedSecretToken({ send: async () => ({}) }, ARN, 1000, new FakeClock(), new Redactor());
      await assert.rejects(binary.token(), { message: `secret ${ARN} has no SecretString (binary secrets are not supported)` });
    });
  });
});
