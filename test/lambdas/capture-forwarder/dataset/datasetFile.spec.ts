/**
 * The dataset writer alone: records -> DatasetFile -> S3 (s3rver) -> copied out -> DuckDB
 * (read_parquet with hive partitioning). Exact rows, partner IDs, column types and partitions.
 */
import assert from "node:assert/strict";
import { datasetColumns, GLUE_COLUMN_TYPES } from "../../../../domain/dataset/datasetColumns";
import { FeatureSchema } from "../../../../domain/dataset/featureSchema";
import { DatasetFile, DatasetTarget } from "../../../../lambdas/capture-forwarder/dataset/datasetFile";
import { S3DatasetStore, S3UploadCommand } from "../../../../lambdas/capture-forwarder/dataset/s3Upload";
import { normalizeCaptureLine, NormalizedInference } from "../../../../lambdas/capture-forwarder/normalize";
import { captureLine, CaptureSpec } from "../support";
import { copyOut, describe as describeColumns, duckdb, listKeys, LoopbackS3, removeDir, startLoopbackS3 } from "./support";

const BUCKET = "dataset-bucket";
const SOURCE = {
    endpoint: "churn-endpoint",
    variant: "AllTraffic",
    name: "04-05-678-0b2c1d9e-3f4a-4b5c-8d6e-7f8091a2b3c4",
    etag: '"9b2cf535f27731c974343645a3985328"',
    versionId: null,
    capturedAt: "2024-01-02T03:04:05.678Z",
};
const KEY =
    "dataset/churn-endpoint/dt=2024-01-02/hour=03/AllTraffic-04-05-678-0b2c1d9e-3f4a-4b5c-8d6e-7f8091a2b3c4-9b2cf535f27731c974343645a3985328.parquet";

function inferences(spec: CaptureSpec): NormalizedInference[] {
    const result = normalizeCaptureLine(captureLine(spec), { endpoint: SOURCE.endpoint, variant: SOURCE.variant });
    assert.ok(result.ok);
    return result.inferences;
}

const CSV_RECORD: CaptureSpec = {
    eventId: "e-csv",
    inferenceId: "req-1",
    customAttributes: "tenant=a",
    inferenceTime: "2024-01-02T03:04:05.250Z",
    input: { data: '1,2.5,"north, east",true\n2,,"say ""hi""",0\n', encoding: "CSV" },
    output: { data: "0.12\n0.87\n", encoding: "CSV" },
};
const JSON_MAP_RECORD: CaptureSpec = {
    eventId: "e-map",
    inferenceTime: "2024-01-02T03:10:00Z",
    input: { data: '{"instances":[{"age":40,"score":1e-3,"region":"south","active":false}]}', encoding: "JSON" },
    output: { data: '{"predictions":[{"probabilities":[0.25]}]}', encoding: "JSON" },
};
const JSON_ARRAY_RECORD: CaptureSpec = {
    eventId: "e-array",
    inferenceId: "req-3",
    inferenceTime: "2024-01-02T03:20:00Z",
    input: { data: '[7, "NaN", 3, "FALSE"]', encoding: "JSON" },
    output: { data: "0.5", encoding: "JSON" },
};

const TYPED: FeatureSchema = {
    inputs: [
        { name: "age", type: "integer" },
        { name: "score", type: "double" },
        { name: "region", type: "string" },
        { name: "active", type: "boolean" },
    ],
    outputs: [{ name: "churn_probability", type: "double" }],
};

describe("lambdas/capture-forwarder/dataset: DatasetFile to S3, read back with DuckDB", function () {
    this.timeout(30_000);
    let loopback: LoopbackS3;
    const copies: string[] = [];

    before(async () => {
        loopback = await startLoopbackS3([BUCKET]);
    });
    after(async () => {
        await loopback.close();
        for (const dir of copies) removeDir(dir);
    });

    function target(schemas: Record<string, FeatureSchema>, partBytes?: number, rows = 50_000): DatasetTarget {
        return {
            store: new S3DatasetStore(loopback.s3, BUCKET, partBytes),
            prefix: "dataset",
            schemas,
            rowGroupLimits: { rows, bytes: 1 << 25 },
        };
    }

    async function readBack(prefix: string): Promise<string> {
        const dir = await copyOut(loopback.s3, BUCKET, prefix);
        copies.push(dir);
        return dir;
    }

    it("writes raw input and output strings when the endpoint declares no schema, one row per inference, under dt/hour", async () => {
        const file = new DatasetFile(SOURCE, target({}));
        assert.equal(file.key, KEY);
        for (const spec of [CSV_RECORD, JSON_MAP_RECORD])
            assert.deepStrictEqual(file.add(inferences(spec)), { refused: null, pending: undefined });
        await file.finish();
        assert.deepStrictEqual(file.counts, { datasetFiles: 1, datasetRows: 3, datasetRowsRefused: 0 });
        assert.deepStrictEqual(await listKeys(loopback.s3, BUCKET, "dataset/"), [KEY]);
        const dir = await readBack("dataset/");
        assert.deepStrictEqual(await describeColumns(dir), [
            ["partner_inference_id", "VARCHAR"],
            ["event_id", "VARCHAR"],
            ["inference_id", "VARCHAR"],
            ["endpoint", "VARCHAR"],
            ["variant", "VARCHAR"],
            ["inference_time", "TIMESTAMP"],
            ["custom_attributes", "VARCHAR"],
            ["input", "VARCHAR"],
            ["output", "VARCHAR"],
            ["dt", "VARCHAR"],
            ["hour", "VARCHAR"],
        ]);
        assert.deepStrictEqual(
            await duckdb(
                dir,
                "SELECT * REPLACE (CAST(inference_time AS VARCHAR) AS inference_time) FROM {files} ORDER BY partner_inference_id",
            ),
            [
                {
                    partner_inference_id: "e-map",
                    event_id: "e-map",
                    inference_id: null,
                    endpoint: "churn-endpoint",
                    variant: "AllTraffic",
                    inference_time: "2024-01-02 03:10:00",
                    custom_attributes: null,
                    input: '{"age":40,"score":0.001,"region":"south","active":false}',
                    output: '{"probabilities":[0.25]}',
                    dt: "2024-01-02",
                    hour: "03",
                },
                {
                    partner_inference_id: "req-1_0",
                    event_id: "e-csv",
                    inference_id: "req-1",
                    endpoint: "churn-endpoint",
                    variant: "AllTraffic",
                    inference_time: "2024-01-02 03:04:05.25",
                    custom_attributes: "tenant=a",
                    input: '1,2.5,"north, east",true',
                    output: "0.12",
                    dt: "2024-01-02",
                    hour: "03",
                },
                {
                    partner_inference_id: "req-1_1",
                    event_id: "e-csv",
                    inference_id: "req-1",
                    endpoint: "churn-endpoint",
                    variant: "AllTraffic",
                    inference_time: "2024-01-02 03:04:05.25",
                    custom_attributes: "tenant=a",
                    input: '2,,"say ""hi""",0',
                    output: "0.87",
                    dt: "2024-01-02",
                    hour: "03",
                },
            ],
        );
    });

    it("types declared features: CSV by position (RFC 4180 quotes), JSON maps by name, JSON arrays by position", async () => {
        const file = new DatasetFile({ ...SOURCE, etag: "typed" }, target({ "churn-endpoint": TYPED }));
        for (const spec of [CSV_RECORD, JSON_MAP_RECORD, JSON_ARRAY_RECORD]) assert.equal(file.add(inferences(spec)).refused, null);
        await file.finish();
        const dir = await readBack(
            "dataset/churn-endpoint/dt=2024-01-02/hour=03/AllTraffic-04-05-678-0b2c1d9e-3f4a-4b5c-8d6e-7f8091a2b3c4-typed",
        );
        assert.deepStrictEqual((await describeColumns(dir)).slice(7), [
            ["age", "BIGINT"],
            ["score", "DOUBLE"],
            ["region", "VARCHAR"],
            ["active", "BOOLEAN"],
            ["churn_probability", "DOUBLE"],
            ["dt", "VARCHAR"],
            ["hour", "VARCHAR"],
        ]);
        assert.deepStrictEqual(
            await duckdb(
                dir,
                "SELECT partner_inference_id, CAST(age AS VARCHAR) AS age, CAST(score AS VARCHAR) AS score, region, active, churn_probability FROM {files} ORDER BY partner_inference_id",
            ),
            [
                { partner_inference_id: "e-map", age: "40", score: "0.001", region: "south", active: false, churn_probability: 0.25 },
                { partner_inference_id: "req-1_0", age: "1", score: "2.5", region: "north, east", active: true, churn_probability: 0.12 },
                { partner_inference_id: "req-1_1", age: "2", score: null, region: 'say "hi"', active: false, churn_probability: 0.87 },
                { partner_inference_id: "req-3", age: "7", score: "nan", region: "3", active: false, churn_probability: 0.5 },
            ],
        );
    });

    it("writes the columns of datasetColumns(schema), in order, with the types the Glue table declares for them", async () => {
        const file = new DatasetFile({ ...SOURCE, etag: "glue" }, target({ "churn-endpoint": TYPED }));
        await file.finish();
        const dir = await readBack(
            "dataset/churn-endpoint/dt=2024-01-02/hour=03/AllTraffic-04-05-678-0b2c1d9e-3f4a-4b5c-8d6e-7f8091a2b3c4-glue",
        );
        // DuckDB's names of the Parquet types, as Glue (Hive) names them.
        const HIVE_OF_DUCKDB: Record<string, string> = {
            VARCHAR: "string",
            BIGINT: "bigint",
            DOUBLE: "double",
            BOOLEAN: "boolean",
            TIMESTAMP: "timestamp",
        };
        assert.deepStrictEqual(
            (await describeColumns(dir))
                .filter(([name]) => name !== "dt" && name !== "hour")
                .map(([name, type]) => [name, HIVE_OF_DUCKDB[type]]),
            datasetColumns(TYPED).map((c) => [c.name, GLUE_COLUMN_TYPES[c.type]]),
        );
    });

    it("refuses a record whose width or types do not fit, naming side, feature and rule but no value, and writes the rest", async () => {
        const file = new DatasetFile({ ...SOURCE, etag: "refusals" }, target({ "churn-endpoint": TYPED }));
        const refusals = [
            {
                ...CSV_RECORD,
                input: { data: "1,2.5,north\n", encoding: "CSV" as const },
                output: { data: "0.1\n", encoding: "CSV" as const },
            },
            {
                ...CSV_RECORD,
                input: { data: "x,2.5,north,true\n", encoding: "CSV" as const },
                output: { data: "0.1\n", encoding: "CSV" as const },
            },
            { ...JSON_MAP_RECORD, input: { data: '{"age":1,"height":2}', encoding: "JSON" as const } },
            { ...JSON_ARRAY_RECORD, input: { data: '[1, 2, "s", "maybe"]', encoding: "JSON" as const } },
            {
                ...CSV_RECORD,
                input: { data: '1,2,"open,true\n', encoding: "CSV" as const },
                output: { data: "0.1\n", encoding: "CSV" as const },
            },
            // One bad inference refuses its whole record (both rows).
            { ...CSV_RECORD, input: { data: "1,2,a,true\n9999999999999999999,2,a,true\n", encoding: "CSV" as const } },
        ].map((spec) => file.add(inferences(spec)).refused);
        assert.deepStrictEqual(refusals, [
            "input CSV row has 3 value(s) but the schema declares 4 feature(s)",
            "input feature 1 (age) is not an integer",
            "input feature-name map has 1 name(s) the schema does not declare",
            "input feature 4 (active) is not a boolean",
            "input CSV row is malformed (a quote is left open or followed by text)",
            "input feature 1 (age) is not an integer",
        ]);
        assert.equal(file.add(inferences(JSON_ARRAY_RECORD)).refused, null);
        await file.finish();
        assert.deepStrictEqual(file.counts, { datasetFiles: 1, datasetRows: 1, datasetRowsRefused: 7 });
        const dir = await readBack(
            "dataset/churn-endpoint/dt=2024-01-02/hour=03/AllTraffic-04-05-678-0b2c1d9e-3f4a-4b5c-8d6e-7f8091a2b3c4-refusals",
        );
        assert.deepStrictEqual(await duckdb(dir, "SELECT partner_inference_id FROM {files}"), [{ partner_inference_id: "req-3" }]);
    });

    it("streams large files as a multipart upload of row groups, and a second write of the same object replaces the file", async () => {
        const many = (n: number): NormalizedInference[] =>
            Array.from({ length: n }, (_, i) => ({
                ...inferences(JSON_ARRAY_RECORD)[0],
                partnerInferenceId: `p-${i}`,
                input: [i, Math.sqrt(i), `r-${(i * 7919).toString(36)}`, i % 2 === 0],
            }));
        const sent: string[] = [];
        const counting = { send: (command: S3UploadCommand) => (sent.push(command.constructor.name), loopback.s3.send(command as never)) };
        for (let run = 0; run < 2; run++) {
            // 64 KiB parts and 500-row groups: 8 row groups, a few parts, for 4,000 rows.
            const store = new S3DatasetStore(counting, BUCKET, 64 * 1024);
            const file = new DatasetFile(
                { ...SOURCE, etag: "large" },
                { store, prefix: "dataset", schemas: { "churn-endpoint": TYPED }, rowGroupLimits: { rows: 500, bytes: 1 << 25 } },
            );
            for (const inference of many(4000)) await file.add([inference]).pending;
            await file.finish();
        }
        const dir = await readBack(
            "dataset/churn-endpoint/dt=2024-01-02/hour=03/AllTraffic-04-05-678-0b2c1d9e-3f4a-4b5c-8d6e-7f8091a2b3c4-large",
        );
        assert.deepStrictEqual(
            await duckdb(
                dir,
                "SELECT count(*)::INTEGER AS n, count(DISTINCT partner_inference_id)::INTEGER AS ids, sum(age)::BIGINT::VARCHAR AS s FROM {files}",
            ),
            [{ n: 4000, ids: 4000, s: String((3999 * 4000) / 2) }],
        );
        assert.deepStrictEqual(
            await duckdb(dir, "SELECT count(*)::INTEGER AS groups FROM parquet_metadata('" + dir + "/**/*.parquet') WHERE column_id = 0"),
            [{ groups: 8 }],
        );
    });
});
