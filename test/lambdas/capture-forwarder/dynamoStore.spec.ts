/**
 * The idempotency store against a real DynamoDB implementation (dynalite, on loopback), so the
 * conditional writes' expressions and reserved words are checked by DynamoDB's own rules, not by a
 * fake of `send`. Also: redelivery, and what two concurrent deliveries of one object really produce.
 */
import assert from "node:assert/strict";
import type { Server } from "node:http";
import { CreateTableCommand, DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { Chunk } from "../../../lambdas/capture-forwarder/chunking";
import { chunkKey, DynamoDbIdempotencyStore, WorkOutcome, WorkRecord } from "../../../lambdas/capture-forwarder/idempotency";
import { forwardCaptureObject, PipelineDependencies } from "../../../lambdas/capture-forwarder/pipeline";
import { Sink } from "../../../lambdas/capture-forwarder/sinks/sink";
import { captureLine, FakeClock, pieces, pipelineDependencies } from "./support";

const dynalite = require("dynalite");

const TABLE = "deliveries";
const object = {
    bucket: "b",
    key: "dc/ep/v/2024/01/02/03/x.jsonl",
    versionId: null,
    etag: "etag-1",
    endpoint: "ep",
    variant: "v",
    name: "x",
};
const lines = [
    captureLine({ eventId: "e1", input: { data: "1,2", encoding: "CSV" } }),
    captureLine({ eventId: "e2", input: { data: "3,4", encoding: "CSV" } }),
    captureLine({ eventId: "b64", input: { data: "AAAA", encoding: "BASE64" } }),
    captureLine({ eventId: "e3", input: { data: "5,6", encoding: "CSV" } }),
].join("\n");

/** A sink that records chunks; `gate`, when set, holds every delivery until it is opened. */
class GatedSink implements Sink {
    readonly name = "gated";
    readonly payload = "normalized-inferences" as const;
    readonly received: number[] = [];
    gate: { waiting: number; expected: number; open: () => void; opened: Promise<void> } | null = null;
    async deliver(chunk: Chunk): Promise<void> {
        this.received.push(chunk.index);
        const gate = this.gate;
        if (gate) {
            gate.waiting++;
            if (gate.waiting === gate.expected) gate.open();
            await gate.opened;
        }
    }
    /** Holds deliveries until `expected` of them are waiting: both runs are then past their lookups. */
    holdUntil(expected: number): void {
        let open = (): void => undefined;
        const opened = new Promise<void>((resolve) => (open = resolve));
        this.gate = { waiting: 0, expected, open, opened };
    }
}

describe("capture-forwarder idempotency store on dynalite (a real DynamoDB on loopback)", function () {
    this.timeout(30_000);
    let server: Server;
    let client: DynamoDBClient;

    before(async () => {
        server = dynalite({ createTableMs: 0 });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        client = new DynamoDBClient({
            endpoint: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
            region: "us-east-1",
            credentials: { accessKeyId: "local", secretAccessKey: "local" },
        });
    });
    after(async () => {
        client.destroy();
        await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    beforeEach(async () => {
        const name = `${TABLE}-${Math.random().toString(36).slice(2, 8)}`;
        await client.send(
            new CreateTableCommand({
                TableName: name,
                KeySchema: [{ AttributeName: "chunkKey", KeyType: "HASH" }],
                AttributeDefinitions: [{ AttributeName: "chunkKey", AttributeType: "S" }],
                BillingMode: "PAY_PER_REQUEST",
            }),
        );
        tableName = name;
    });
    let tableName = TABLE;
    const store = () => new DynamoDbIdempotencyStore(client, tableName, 14 * 86_400, new FakeClock());
    const record = (outcome: WorkOutcome): WorkRecord => ({ bucket: "b", key: "k", outcome, chunkIndex: 0, firstLine: 1, lastLine: 2 });

    it("records outcomes with DynamoDB's own condition rules: only delivered replaces, nothing replaces delivered", async () => {
        const s = store();
        const sequences: WorkOutcome[][] = [
            ["dead-lettered", "partially-accepted"],
            ["dead-lettered", "delivered"],
            ["partially-accepted", "delivered"],
            ["delivered", "dead-lettered"],
            ["delivered", "delivered"],
        ];
        const finals: Array<WorkOutcome | null> = [];
        for (const [i, sequence] of sequences.entries()) {
            for (const outcome of sequence) await s.markDone(`k${i}`, record(outcome));
            finals.push(await s.outcomeOf(`k${i}`));
        }
        assert.deepStrictEqual(
            [await s.outcomeOf("never"), ...finals],
            [null, "dead-lettered", "delivered", "delivered", "delivered", "delivered"],
        );
        const item = await client.send(new GetItemCommand({ TableName: tableName, Key: { chunkKey: { S: "k1" } } }));
        assert.deepStrictEqual(
            [item.Item?.outcome, item.Item?.expiresAt, item.Item?.chunkIndex, item.Item?.firstLine, item.Item?.lastLine],
            [{ S: "delivered" }, { N: String(Math.floor(1_700_000_000_000 / 1000) + 14 * 86_400) }, { N: "0" }, { N: "1" }, { N: "2" }],
        );
    });

    function deps(sink: Sink): PipelineDependencies {
        return pipelineDependencies(sink, { store: store(), chunkLimits: { maxBytes: 1 << 20, maxRecords: 2 } }).value;
    }

    it("a redelivered object sends nothing again and dead-letters nothing twice", async () => {
        const sink = new GatedSink();
        const first = await forwardCaptureObject({ ...object, body: pieces(lines) }, deps(sink));
        const second = await forwardCaptureObject({ ...object, body: pieces(lines) }, deps(sink));
        const pick = (c: typeof first.counts) => [
            c.inferencesSent,
            c.deadLettered,
            c.skipped,
            c.chunksAlreadyDelivered,
            c.refusedRunsAlreadyDeadLettered,
        ];
        assert.deepStrictEqual(
            [pick(first.counts), pick(second.counts), sink.received],
            [
                [3, 1, 0, 0, 0],
                [0, 0, 4, 2, 1],
                [0, 1],
            ],
        );
    });

    it("two concurrent deliveries of one object both send every chunk (at least once), and the table ends with one delivered record per chunk", async () => {
        const sink = new GatedSink();
        // Both runs look their first chunk up before either records it: the window the design accepts.
        sink.holdUntil(2);
        const [a, b] = await Promise.all([
            forwardCaptureObject({ ...object, body: pieces(lines) }, deps(sink)),
            forwardCaptureObject({ ...object, body: pieces(lines) }, deps(sink)),
        ]);
        const s = store();
        assert.deepStrictEqual(
            {
                received: [...sink.received].sort(),
                sent: [a.counts.inferencesSent, b.counts.inferencesSent],
                deadLettered: [a.counts.deadLettered, b.counts.deadLettered],
                recorded: [await s.outcomeOf(chunkKey(object, 0)), await s.outcomeOf(chunkKey(object, 1))],
            },
            { received: [0, 0, 1, 1], sent: [3, 3], deadLettered: [1, 1], recorded: ["delivered", "delivered"] },
        );
        const third = await forwardCaptureObject({ ...object, body: pieces(lines) }, deps(new GatedSink()));
        assert.deepStrictEqual([third.counts.inferencesSent, third.counts.skipped], [0, 4]);
    });
});
