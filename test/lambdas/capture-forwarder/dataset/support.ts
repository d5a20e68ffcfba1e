/** Shared by the dataset specs: a loopback S3 (s3rver), copying the dataset out of it, and DuckDB queries over the copy. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { DuckDBInstance } from "@duckdb/node-api";

const S3rver = require("s3rver");

export interface LoopbackS3 {
    s3: S3Client;
    endpoint: string;
    close(): Promise<void>;
}

/** s3rver on 127.0.0.1 (random port) with the given buckets, and a client for it. */
export async function startLoopbackS3(buckets: string[]): Promise<LoopbackS3> {
    const dir = mkdtempSync(path.join(tmpdir(), "dataset-s3-"));
    const server = new S3rver({ address: "127.0.0.1", port: 0, directory: dir, silent: true });
    const { port } = (await server.run()) as { port: number };
    const endpoint = `http://127.0.0.1:${port}`;
    const s3 = new S3Client({
        endpoint,
        forcePathStyle: true,
        region: "us-east-1",
        credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
    });
    for (const bucket of buckets) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    return {
        s3,
        endpoint,
        close: async () => {
            s3.destroy();
            await server.close();
            rmSync(dir, { recursive: true, force: true });
        },
    };
}

/** Every key under the prefix, sorted. */
export async function listKeys(s3: S3Client, bucket: string, prefix = ""): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        for (const item of page.Contents ?? []) if (item.Key) keys.push(item.Key);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
}

/** Copies the bucket's objects under `prefix` to a new temporary folder (same relative keys); returns the folder. */
export async function copyOut(s3: S3Client, bucket: string, prefix = ""): Promise<string> {
    const dir = mkdtempSync(path.join(tmpdir(), "dataset-copy-"));
    for (const key of await listKeys(s3, bucket, prefix)) {
        const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        const file = path.join(dir, ...key.split("/"));
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, await answer.Body!.transformToByteArray());
    }
    return dir;
}

/** Runs a query with DuckDB; `{files}` stands for read_parquet of every Parquet file under `dir`, hive-partitioned. */
export async function duckdb(dir: string, sql: string): Promise<Array<Record<string, unknown>>> {
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    try {
        const files = `read_parquet('${dir.replace(/'/g, "''")}/**/*.parquet', hive_partitioning = true, hive_types_autocast = false)`;
        const reader = await connection.runAndReadAll(sql.replace("{files}", files));
        return reader.getRowObjectsJson() as Array<Record<string, unknown>>;
    } finally {
        connection.closeSync();
        instance.closeSync();
    }
}

/** DESCRIBE of the dataset: [name, type] per column, partitions last. */
export async function describe(dir: string): Promise<Array<[string, string]>> {
    const rows = await duckdb(dir, "DESCRIBE SELECT * FROM {files}");
    return rows.map((r) => [String(r.column_name), String(r.column_type)]);
}

export function removeDir(dir: string): void {
    rmSync(dir, { recursive: true, force: true });
}
