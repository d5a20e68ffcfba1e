/**
 * The forwarder with a dataset, end to end: capture objects in s3rver, an S3 event, the handler
 * writing Parquet to the dataset bucket (alone, or beside a loopback HTTP push sink), the dataset
 * copied out and read with DuckDB. Partner IDs equal the push path's; records that do not fit the
 * schema are dead-lettered and counted while the rest is written; a redelivered event leaves the
 * row count unchanged and dead-letters nothing twice; a failed dataset write fails the invocation.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import type { S3Event } from "aws-lambda";
import { FeatureSchema } from "../../../../domain/dataset/featureSchema";
import { BASE64_HINT } from "../../../../lambdas/capture-forwarder/base64Capture";
import { S3DatasetStore } from "../../../../lambdas/capture-forwarder/dataset/s3Upload";
import { createHandler, HandlerDependencies } from "../../../../lambdas/capture-forwarder/handler";
import { HttpSink } from "../../../../lambdas/capture-forwarder/sinks/http";
import { captureLine, pipelineDependencies, startLoopbackSink } from "../support";
import { copyOut, duckdb, listKeys, LoopbackS3, removeDir, startLoopbackS3 } from "./support";

const CAPTURE = "capture-bucket";
const DATASET = "dataset-bucket";
const KEY = "datacapture/churn-endpoint/AllTraffic/2024/01/02/03/04-05-678-0b2c1d9e-3f4a-4b5c-8d6e-7f8091a2b3c4.jsonl";
const FIXTURE_KEY = "datacapture/demo-endpoint/AllTraffic/2024/01/02/03/04-05-678-0b2c1d9e-3f4a-4b5c-8d6e-7f8091a2b3c4.jsonl";
const FIXTURE = path.resolve(__dirname, "../../../fixtures/capture", FIXTURE_KEY);
const SCHEMA: FeatureSchema = {
    inputs: [
        { name: "tenure", type: "integer" },
        { name: "plan", type: "string" },
    ],
    outputs: [{ name: "score", type: "double" }],
};

/** 6 good CSV records (record 3 holds two inferences), one that has 3 input fields, one BASE64 record. */
function captureBody(): string {
    const lines: string[] = [];
    for (let i = 0; i < 6; i++) {
        const two = i === 3;
        lines.push(
            captureLine({
                eventId: `evt-${i}`,
                inferenceId: i % 2 === 0 ? `inf-${i}` : undefined,
                input: { data: two ? `${i},"gold, annual"\n${i},basic\n` : `${i},basic\n`, encoding: "CSV" },
                output: { data: two ? "0.5\n0.25\n" : `0.${i}\n`, encoding: "CSV" },
            }),
        );
        if (i === 2)
            lines.push(
                captureLine({
                    eventId: "wide",
                    input: { data: "1,basic,extra", encoding: "CSV" },
                    output: { data: "0.1", encoding: "CSV" },
                }),
            );
    }
    lines.push(captureLine({ eventId: "b64", input: { data: "MSwy", encoding: "BASE64" }, output: { data: "MC41", encoding: "BASE64" } }));
    return lines.map((l) => `${l}\n`).join("");
}

const GOOD_IDS = ["evt-1", "evt-3_0", "evt-3_1", "evt-5", "inf-0", "inf-2", "inf-4"];

function event(records: Array<{ key: string; eTag: string; size: number }>): S3Event {
    return {
        Records: records.map((r) => ({
            eventName: "ObjectCreated:Put",
            s3: { bucket: { name: CAPTURE }, object: { key: r.key, size: r.size, eTag: r.eTag } },
        })),
    } as unknown as S3Event;
}

describe("lambdas/capture-forwarder/dataset: the handler writes the dataset (s3rver + DuckDB)", function () {
    this.timeout(30_000);
    let loopback: LoopbackS3;
    const objects: Record<string, { eTag: string; size: number }> = {};
    const copies: string[] = [];
    const context = { getRemainingTimeInMillis: () => 900_000 };

    before(async () => {
        loopback = await startLoopbackS3([CAPTURE, DATASET]);
        for (const [key, content] of [
            [KEY, captureBody()],
            [FIXTURE_KEY, readFileSync(FIXTURE, "utf8")],
        ]) {
            const out = await loopback.s3.send(new PutObjectCommand({ Bucket: CAPTURE, Key: key, Body: content }));
            objects[key] = { eTag: (out.ETag ?? "").replace(/"/g, ""), size: Buffer.byteLength(content) };
        }
    });
    after(async () => {
        await loopback.close();
        for (const dir of copies) removeDir(dir);
    });

    function dependencies(sinkUrl: string | null, datasetBucket = DATASET) {
        const { value, logs, deadLetters } = pipelineDependencies(sinkUrl === null ? null : new HttpSink({ url: sinkUrl }), {
            dataset: {
                store: new S3DatasetStore(loopback.s3, datasetBucket),
                prefix: "curated/dataset",
                schemas: { "churn-endpoint": SCHEMA },
            },
            chunkLimits: { maxBytes: 1 << 20, maxRecords: 4 },
        });
        const deps: HandlerDependencies = { ...value, s3: loopback.s3, s3RangeBytes: 4096 };
        return { deps, logs, deadLetters };
    }

    async function datasetRows(prefix: string): Promise<Array<Record<string, unknown>>> {
        const dir = await copyOut(loopback.s3, DATASET, prefix);
        copies.push(dir);
        return duckdb(
            dir,
            "SELECT partner_inference_id, tenure::VARCHAR AS tenure, plan, score, dt, hour FROM {files} ORDER BY partner_inference_id",
        );
    }

    it("writes the dataset beside the push sink with the same partner IDs, dead-letters what does not fit, and a redelivery duplicates nothing", async () => {
        const sink = await startLoopbackSink([]);
        try {
            const { deps, deadLetters, logs } = dependencies(sink.url);
            const handler = createHandler(deps);
            const summary = await handler(event([{ key: KEY, ...objects[KEY] }]), context);
            assert.deepStrictEqual(
                { ...summary },
                {
                    objects: 1,
                    objectsSkipped: 0,
                    objectsIncomplete: 0,
                    deadLettersLost: 0,
                    recordsRead: 8,
                    blankLines: 0,
                    inferencesRead: 9,
                    inferencesSent: 8,
                    deadLettered: 1,
                    skipped: 0,
                    unaccounted: 0,
                    inferencesToRetry: 0,
                    base64Records: 1,
                    chunksSent: 2,
                    chunksAlreadyDelivered: 0,
                    chunksAlreadyDeadLettered: 0,
                    chunksAlreadyPartiallyAccepted: 0,
                    chunksDeadLettered: 0,
                    refusedRunsAlreadyDeadLettered: 0,
                    datasetFiles: 1,
                    datasetRows: 7,
                    datasetRowsRefused: 1,
                },
            );
            const pushed = sink.accepted.flatMap((r) =>
                r.body
                    .toString("utf8")
                    .trim()
                    .split("\n")
                    .map((l) => (JSON.parse(l) as { partnerInferenceId: string }).partnerInferenceId),
            );
            // The push sink takes the record the dataset refuses ("wide"): the schema is the dataset's.
            assert.deepStrictEqual(pushed.sort(), [...GOOD_IDS, "wide"].sort());
            const datasetKey = `curated/dataset/churn-endpoint/dt=2024-01-02/hour=03/AllTraffic-04-05-678-0b2c1d9e-3f4a-4b5c-8d6e-7f8091a2b3c4-${objects[KEY].eTag}.parquet`;
            assert.deepStrictEqual(await listKeys(loopback.s3, DATASET, "curated/"), [datasetKey]);
            const rows = await datasetRows("curated/dataset/churn-endpoint/");
            assert.deepStrictEqual(
                rows.map((r) => r.partner_inference_id),
                GOOD_IDS,
            );
            assert.deepStrictEqual(rows[1], {
                partner_inference_id: "evt-3_0",
                tenure: "3",
                plan: "gold, annual",
                score: 0.5,
                dt: "2024-01-02",
                hour: "03",
            });
            const where = { bucket: CAPTURE, key: KEY, versionId: null, etag: objects[KEY].eTag };
            assert.deepStrictEqual(deadLetters.messages, [
                {
                    ...where,
                    firstLine: 4,
                    lastLine: 4,
                    reason: "does not fit the dataset feature schema of endpoint churn-endpoint: input CSV row has 3 value(s) but the schema declares 2 feature(s)",
                    count: 1,
                },
                {
                    ...where,
                    firstLine: 8,
                    lastLine: 8,
                    reason: `captureData.endpointInput and captureData.endpointOutput are BASE64-encoded and cannot be read: ${BASE64_HINT}`,
                    count: 1,
                },
            ]);
            assert.ok(
                logs.lines.some((l) => l.includes('"message":"dataset file written"') && l.includes('"rows":7')),
                logs.lines.join("\n"),
            );

            const again = await handler(event([{ key: KEY, ...objects[KEY] }]), context);
            assert.deepStrictEqual(
                [
                    again.inferencesSent,
                    again.chunksAlreadyDelivered,
                    again.skipped,
                    again.datasetFiles,
                    again.datasetRows,
                    again.datasetRowsRefused,
                ],
                [0, 2, 9, 1, 7, 1],
            );
            assert.equal(deadLetters.messages.length, 2, "nothing dead-lettered twice");
            assert.deepStrictEqual(await listKeys(loopback.s3, DATASET, "curated/"), [datasetKey]);
            assert.deepStrictEqual(
                (await datasetRows("curated/dataset/churn-endpoint/")).map((r) => r.partner_inference_id),
                GOOD_IDS,
            );
        } finally {
            await sink.close();
        }
    });

    it("writes the dataset alone (no push sink) for the fixture capture file, with raw strings for an endpoint without a schema", async () => {
        const { deps } = dependencies(null);
        const summary = await createHandler(deps)(event([{ key: FIXTURE_KEY, ...objects[FIXTURE_KEY] }]), context);
        assert.deepStrictEqual(
            [
                summary.inferencesRead,
                summary.inferencesSent,
                summary.chunksSent,
                summary.datasetFiles,
                summary.datasetRows,
                summary.datasetRowsRefused,
            ],
            [2, 0, 0, 1, 2, 0],
        );
        const dir = await copyOut(loopback.s3, DATASET, "curated/dataset/demo-endpoint/");
        copies.push(dir);
        assert.deepStrictEqual(
            await duckdb(dir, "SELECT partner_inference_id, input, output, inference_time::VARCHAR AS t, dt, hour FROM {files} ORDER BY 1"),
            [
                {
                    partner_inference_id: "abcdefg-12345_0",
                    input: "1,2,3,4",
                    output: "0.12",
                    t: "2024-01-02 03:04:05",
                    dt: "2024-01-02",
                    hour: "03",
                },
                {
                    partner_inference_id: "abcdefg-12345_1",
                    input: "5,6,7,8",
                    output: "0.87",
                    t: "2024-01-02 03:04:05",
                    dt: "2024-01-02",
                    hour: "03",
                },
            ],
        );
    });

    it("fails the invocation when the dataset cannot be written, so Lambda retries; the retry skips the chunks already pushed", async () => {
        const sink = await startLoopbackSink([]);
        try {
            const { deps, logs } = dependencies(sink.url, "late-bucket");
            const handler = createHandler(deps);
            await assert.rejects(handler(event([{ key: KEY, ...objects[KEY] }]), context), /NoSuchBucket|does not exist/);
            assert.ok(logs.lines.some((l) => l.includes("dataset file could not be written; the event will be retried")));
            await loopback.s3.send(new CreateBucketCommand({ Bucket: "late-bucket" }));
            const retried = await handler(event([{ key: KEY, ...objects[KEY] }]), context);
            assert.deepStrictEqual(
                [retried.chunksSent, retried.chunksAlreadyDelivered, retried.datasetFiles, retried.datasetRows],
                [0, 2, 1, 7],
            );
            assert.equal(sink.accepted.length, 2);
        } finally {
            await sink.close();
        }
    });
});
