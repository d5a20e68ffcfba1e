/** The AWS edges against small fakes of the clients' `send`: exact command inputs. */
import assert from "node:assert/strict";
import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { SqsDeadLetterQueue } from "../../../lambdas/capture-forwarder/deadLetter";
import {
    chunkKey,
    DynamoDbIdempotencyStore,
    InMemoryIdempotencyStore,
    refusedRunKey,
} from "../../../lambdas/capture-forwarder/idempotency";
import { Redactor } from "../../../lambdas/capture-forwarder/redactor";
import { CachedSecretToken, tokenFromSecretString } from "../../../lambdas/capture-forwarder/secrets";
import { FakeClock } from "./support";

const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:arthur-token-AbCdEf";

describe("capture-forwarder AWS edges", () => {
    describe("idempotency keys", () => {
        const object = { bucket: "capture-bucket", key: "dc/ep/v/2024/01/02/03/x.jsonl", versionId: null, etag: "abc123" };
        it("derive from bucket, key, ETag and chunk index", () => {
            assert.equal(chunkKey(object, 0), chunkKey({ ...object }, 0));
            assert.notEqual(chunkKey(object, 0), chunkKey(object, 1));
            assert.notEqual(chunkKey(object, 0), chunkKey({ ...object, etag: "def456" }, 0));
            assert.notEqual(chunkKey(object, 0), chunkKey({ ...object, bucket: "other" }, 0));
            assert.notEqual(chunkKey(object, 0), chunkKey({ ...object, key: "dc/ep/v/2024/01/02/03/y.jsonl" }, 0));
            assert.match(chunkKey(object, 0), /^[0-9a-f]{64}$/);
        });
        it("are the same for an S3 event (versionId, unquoted ETag) and a ListObjects entry (no version, quoted ETag)", () => {
            const fromEvent = { ...object, versionId: "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY" };
            const fromListing = { ...object, versionId: null, etag: '"abc123"' };
            assert.equal(chunkKey(fromEvent, 2), chunkKey(fromListing, 2));
            assert.equal(refusedRunKey(fromEvent, 7, 9), refusedRunKey(fromListing, 7, 9));
        });
        it("fall back to the versionId only when there is no ETag", () => {
            const noEtag = { ...object, etag: null, versionId: "v1" };
            assert.equal(chunkKey(noEtag, 0), chunkKey({ ...noEtag, etag: "" }, 0));
            assert.notEqual(chunkKey(noEtag, 0), chunkKey({ ...noEtag, versionId: "v2" }, 0));
            assert.notEqual(chunkKey(noEtag, 0), chunkKey(object, 0));
        });
        it("key refused runs by line range, apart from chunks", () => {
            assert.notEqual(refusedRunKey(object, 1, 1), chunkKey(object, 1));
            assert.notEqual(refusedRunKey(object, 7, 9), refusedRunKey(object, 7, 10));
            assert.notEqual(refusedRunKey(object, 7, 9), refusedRunKey({ ...object, etag: "def456" }, 7, 9));
            assert.match(refusedRunKey(object, 7, 9), /^[0-9a-f]{64}$/);
        });
        it("in memory: remembers done work and its outcome", async () => {
            const store = new InMemoryIdempotencyStore();
            const record = { bucket: "b", key: "k", outcome: "delivered" as const, chunkIndex: 0, firstLine: 1, lastLine: 2 };
            assert.equal(await store.outcomeOf("k"), null);
            await store.markDone("k", record);
            await store.markDone("k", { ...record, chunkIndex: 5 });
            await store.markDone("k", { ...record, outcome: "dead-lettered" });
            assert.equal(await store.outcomeOf("k"), "delivered");
            assert.deepStrictEqual([...store.done.entries()], [["k", record]]);
        });
        it("in memory: only a delivery replaces a dead-lettered or partly accepted chunk", async () => {
            const store = new InMemoryIdempotencyStore();
            const record = { bucket: "b", key: "k", outcome: "partially-accepted" as const, chunkIndex: 0, firstLine: 1, lastLine: 2 };
            await store.markDone("p", record);
            await store.markDone("p", { ...record, outcome: "dead-lettered" });
            assert.equal(await store.outcomeOf("p"), "partially-accepted");
            await store.markDone("p", { ...record, outcome: "delivered" });
            assert.equal(await store.outcomeOf("p"), "delivered");
        });
    });

    describe("DynamoDbIdempotencyStore", () => {
        const clock = new FakeClock(Date.parse("2024-01-02T03:04:05.000Z"));

        it("looks a chunk up with a consistent GetItem", async () => {
            const sent: unknown[] = [];
            const store = new DynamoDbIdempotencyStore(
                {
                    send: async (command) => {
                        sent.push([command.constructor.name, command.input]);
                        const items = [
                            undefined,
                            { chunkKey: { S: "k1" }, outcome: { S: "partially-accepted" } },
                            { chunkKey: { S: "k1" }, outcome: { S: "dead-lettered" } },
                            { chunkKey: { S: "k1" } },
                        ];
                        return { Item: items[sent.length - 1] };
                    },
                },
                "forwarder-chunks",
                14 * 86400,
                clock,
            );
            // A record without an outcome dates from when only deliveries were recorded.
            assert.deepStrictEqual(
                [await store.outcomeOf("k1"), await store.outcomeOf("k1"), await store.outcomeOf("k1"), await store.outcomeOf("k1")],
                [null, "partially-accepted", "dead-lettered", "delivered"],
            );
            assert.deepStrictEqual(sent[0], [
                GetItemCommand.name,
                {
                    TableName: "forwarder-chunks",
                    Key: { chunkKey: { S: "k1" } },
                    ConsistentRead: true,
                    ProjectionExpression: "#key, #outcome",
                    ExpressionAttributeNames: { "#key": "chunkKey", "#outcome": "outcome" },
                },
            ]);
        });

        it("records each outcome with a conditional PutItem and the expiresAt TTL attribute", async () => {
            const sent: unknown[] = [];
            const store = new DynamoDbIdempotencyStore(
                {
                    send: async (command) => {
                        sent.push([command.constructor.name, command.input]);
                        return {};
                    },
                },
                "forwarder-chunks",
                86400,
                clock,
            );
            await store.markDone("k1", {
                bucket: "b",
                key: "dc/x.jsonl",
                outcome: "delivered",
                chunkIndex: 3,
                firstLine: 10,
                lastLine: 20,
            });
            await store.markDone("k2", {
                bucket: "b",
                key: "dc/x.jsonl",
                outcome: "dead-lettered",
                chunkIndex: null,
                firstLine: 7,
                lastLine: 9,
            });
            await store.markDone("k3", {
                bucket: "b",
                key: "dc/x.jsonl",
                outcome: "partially-accepted",
                chunkIndex: 4,
                firstLine: 21,
                lastLine: 30,
            });
            const common = {
                expiresAt: { N: String(Date.parse("2024-01-02T03:04:05.000Z") / 1000 + 86400) },
                recordedAt: { S: "2024-01-02T03:04:05.000Z" },
                bucket: { S: "b" },
                objectKey: { S: "dc/x.jsonl" },
            };
            assert.deepStrictEqual(sent, [
                [
                    PutItemCommand.name,
                    {
                        TableName: "forwarder-chunks",
                        Item: {
                            chunkKey: { S: "k1" },
                            ...common,
                            outcome: { S: "delivered" },
                            chunkIndex: { N: "3" },
                            firstLine: { N: "10" },
                            lastLine: { N: "20" },
                        },
                        // A delivery replaces a dead-lettered record (replay resent the chunk); nothing replaces a delivery.
                        ConditionExpression: "attribute_not_exists(chunkKey) OR #outcome <> :delivered",
                        ExpressionAttributeNames: { "#outcome": "outcome" },
                        ExpressionAttributeValues: { ":delivered": { S: "delivered" } },
                    },
                ],
                [
                    PutItemCommand.name,
                    {
                        TableName: "forwarder-chunks",
                        Item: {
                            chunkKey: { S: "k2" },
                            ...common,
                            outcome: { S: "dead-lettered" },
                            firstLine: { N: "7" },
                            lastLine: { N: "9" },
                        },
                        ConditionExpression: "attribute_not_exists(chunkKey)",
                    },
                ],
                [
                    PutItemCommand.name,
                    {
                        TableName: "forwarder-chunks",
                        Item: {
                            chunkKey: { S: "k3" },
                            ...common,
                            outcome: { S: "partially-accepted" },
                            chunkIndex: { N: "4" },
                            firstLine: { N: "21" },
                            lastLine: { N: "30" },
                        },
                        ConditionExpression: "attribute_not_exists(chunkKey)",
                    },
                ],
            ]);
        });

        it("treats ConditionalCheckFailed as already recorded and rethrows anything else", async () => {
            const failing = (name: string) =>
                new DynamoDbIdempotencyStore(
                    {
                        send: async () => {
                            throw Object.assign(new Error(name), { name });
                        },
                    },
                    "t-1",
                    60,
                    clock,
                );
            const record = { bucket: "b", key: "k", outcome: "delivered" as const, chunkIndex: 0, firstLine: 1, lastLine: 1 };
            await failing("ConditionalCheckFailedException").markDone("k", record);
            await assert.rejects(failing("ProvisionedThroughputExceededException").markDone("k", record), {
                name: "ProvisionedThroughputExceededException",
            });
        });
    });

    describe("SqsDeadLetterQueue", () => {
        it("sends the message as JSON to the queue URL", async () => {
            const sent: unknown[] = [];
            const queue = new SqsDeadLetterQueue(
                {
                    send: async (command) => {
                        sent.push([command.constructor.name, command.input]);
                    },
                },
                "https://sqs.us-east-1.amazonaws.com/1/dlq",
            );
            const message = {
                bucket: "b",
                key: "k",
                versionId: "v1",
                etag: null,
                firstLine: 3,
                lastLine: 9,
                reason: "HTTP 400",
                count: 12,
            };
            await queue.send(message);
            assert.deepStrictEqual(sent, [
                [SendMessageCommand.name, { QueueUrl: "https://sqs.us-east-1.amazonaws.com/1/dlq", MessageBody: JSON.stringify(message) }],
            ]);
        });
    });

    describe("secrets", () => {
        it("reads a plain or JSON token", () => {
            assert.deepStrictEqual(
                ["tok-123", " tok-123\n", '{"token":"tok-123"}', '{"apiKey":"x"}', "", "{not json"].map(tokenFromSecretString),
                ["tok-123", "tok-123", "tok-123", null, null, "{not json"],
            );
        });

        it("caches the token for the TTL, re-reads after it or after invalidate, and registers it for redaction", async () => {
            const clock = new FakeClock(0);
            const redactor = new Redactor();
            const inputs: unknown[] = [];
            let version = 0;
            const secret = new CachedSecretToken(
                {
                    send: async (command) => {
                        inputs.push([command.constructor.name, command.input]);
                        version++;
                        return { SecretString: JSON.stringify({ token: `s3cr3t-token-v${version}` }) };
                    },
                },
                ARN,
                300_000,
                clock,
                redactor,
            );
            assert.equal(await secret.token(), "s3cr3t-token-v1");
            clock.current = 299_999;
            assert.equal(await secret.token(), "s3cr3t-token-v1");
            clock.current = 300_000;
            assert.equal(await secret.token(), "s3cr3t-token-v2");
            secret.invalidate();
            assert.equal(await secret.token(), "s3cr3t-token-v3");
            assert.deepStrictEqual(
                inputs,
                [1, 2, 3].map(() => [GetSecretValueCommand.name, { SecretId: ARN }]),
            );
            assert.equal(redactor.redact("Bearer s3cr3t-token-v2 and s3cr3t-token-v3"), "Bearer [REDACTED] and [REDACTED]");
        });

        it("fails without the value in the message", async () => {
            const secret = new CachedSecretToken(
                { send: async () => ({ SecretString: '{"token":""}' }) },
                ARN,
                1000,
                new FakeClock(),
                new Redactor(),
            );
            await assert.rejects(secret.token(), { message: `secret ${ARN} is empty or is JSON without a non-empty "token" field` });
            const binary = new CachedSecretToken({ send: async () => ({}) }, ARN, 1000, new FakeClock(), new Redactor());
            await assert.rejects(binary.token(), { message: `secret ${ARN} has no SecretString (binary secrets are not supported)` });
        });
    });
});
