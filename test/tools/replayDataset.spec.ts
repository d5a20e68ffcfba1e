/**
 * `npm run replay -- --sink dataset`: the acceptance case (a capture folder written as
 * hive-partitioned Parquet that DuckDB reads back with one row per inference and the partner IDs of
 * `--sink stdout`), typed columns from --features, a second replay that replaces the files, --out
 * s3:// on s3rver, and the flag errors.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { InMemoryIdempotencyStore } from "../../lambdas/capture-forwarder/idempotency";
import { Writable } from "node:stream";
import { parseReplayArgs, replay, ReplayArgs, replayCommand } from "../../tools/replay";
import { replayFeatureSchemas } from "../../tools/replay/featureSchemas";
import { captureLine, CollectingDeadLetterQueue, collectingLogger } from "../lambdas/capture-forwarder/support";
import { copyOut, duckdb, listKeys, LoopbackS3, startLoopbackS3 } from "../lambdas/capture-forwarder/dataset/support";

const ROOT = path.resolve(__dirname, "../..");
const FILE_A = "datacapture/churn-endpoint/AllTraffic/2024/03/04/05/06-07-089-1c3d2e0f-4a5b-4c6d-9e7f-8091a2b3c4d5.jsonl";
const FILE_B = "datacapture/churn-endpoint/Canary/2024/03/04/23/59-59-999-2d4e3f10-5b6c-4d7e-8f90-91a2b3c4d5e6.jsonl";

/** A capture folder: the fixture file, and two generated files (CSV and JSON records, an hour apart, two variants). */
function captureFolder(): string {
    const dir = mkdtempSync(path.join(tmpdir(), "replay-dataset-src-"));
    const fixture = "datacapture/demo-endpoint/AllTraffic/2024/01/02/03/04-05-678-0b2c1d9e-3f4a-4b5c-8d6e-7f8091a2b3c4.jsonl";
    const files: Record<string, string[]> = {
        [fixture]: [spawnSync("cat", [path.join(ROOT, "test/fixtures/capture", fixture)], { encoding: "utf8" }).stdout.trimEnd()],
        [FILE_A]: Array.from({ length: 5 }, (_, i) =>
            captureLine({
                eventId: `a-${i}`,
                inferenceId: i === 0 ? "" : `req-${i}`,
                input: { data: i === 2 ? `${i},gold\n${i},basic\n` : `${i},gold`, encoding: "CSV" },
                output: { data: i === 2 ? "0.5\n0.25" : "0.75", encoding: "CSV" },
            }),
        ),
        [FILE_B]: [
            captureLine({
                eventId: "b-0",
                input: { data: '{"instances":[{"tenure":7,"plan":"basic"},{"tenure":"x","plan":"gold"}]}', encoding: "JSON" },
                output: { data: '{"predictions":[0.1,0.2]}', encoding: "JSON" },
            }),
            captureLine({
                eventId: "b-1",
                input: { data: '{"tenure":8,"plan":"basic"}', encoding: "JSON" },
                output: { data: "0.3", encoding: "JSON" },
            }),
        ],
    };
    for (const [key, lines] of Object.entries(files)) {
        mkdirSync(path.join(dir, path.dirname(key)), { recursive: true });
        writeFileSync(path.join(dir, key), lines.map((l) => `${l}\n`).join(""));
    }
    return dir;
}

function args(source: string, out: string, more: Partial<ReplayArgs> = {}): ReplayArgs {
    return { source, sink: "dataset", endpoint: null, variant: null, out, stack: null, features: null, ...more };
}

function summaryOf(lines: string[]): Record<string, unknown> {
    const summary = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.message === "replay summary");
    assert.ok(summary, lines.join("\n"));
    return summary;
}

describe("tools/replay --sink dataset", function () {
    this.timeout(60_000);
    let source: string;
    const temporary: string[] = [];
    const tmp = (prefix: string): string => {
        const dir = mkdtempSync(path.join(tmpdir(), prefix));
        temporary.push(dir);
        return dir;
    };

    before(() => {
        source = captureFolder();
        temporary.push(source);
    });
    after(() => {
        for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
    });

    it("writes hive-partitioned Parquet that DuckDB reads with one row per inference and the partner IDs of --sink stdout", async () => {
        const out = tmp("replay-dataset-out-");
        const logs = collectingLogger();
        const deadLetters = new CollectingDeadLetterQueue();
        assert.equal(await replay(args(source, out), {}, logs.logger, logs.redactor, { deadLetters }), 0);
        const stdout = spawnSync(
            process.execPath,
            ["--no-warnings", "-r", "ts-node/register/transpile-only", "tools/replay.ts", "--source", source, "--sink", "stdout"],
            { cwd: ROOT, env: { PATH: process.env.PATH ?? "" }, encoding: "utf8" },
        );
        assert.equal(stdout.status, 0, stdout.stderr);
        const stdoutIds = stdout.stdout
            .trimEnd()
            .split("\n")
            .map((l) => (JSON.parse(l) as { partnerInferenceId: string }).partnerInferenceId)
            .sort();
        const rows = await duckdb(
            out,
            "SELECT partner_inference_id, endpoint, variant, dt, hour FROM {files} ORDER BY partner_inference_id",
        );
        assert.deepStrictEqual(
            rows.map((r) => r.partner_inference_id),
            stdoutIds,
        );
        assert.equal(rows.length, 11);
        assert.deepStrictEqual(
            await duckdb(out, "SELECT endpoint, variant, dt, hour, count(*)::INTEGER AS n FROM {files} GROUP BY ALL ORDER BY ALL"),
            [
                { endpoint: "churn-endpoint", variant: "AllTraffic", dt: "2024-03-04", hour: "05", n: 6 },
                { endpoint: "churn-endpoint", variant: "Canary", dt: "2024-03-04", hour: "23", n: 3 },
                { endpoint: "demo-endpoint", variant: "AllTraffic", dt: "2024-01-02", hour: "03", n: 2 },
            ],
        );
        assert.deepStrictEqual([summaryOf(logs.lines).datasetFiles, summaryOf(logs.lines).datasetRows, deadLetters.messages], [3, 11, []]);
        // A second replay replaces the files: same names, same rows.
        const files = readdirSync(out, { recursive: true }).map(String).sort();
        assert.equal(await replay(args(source, out), {}, logs.logger, logs.redactor, { deadLetters }), 0);
        assert.deepStrictEqual(readdirSync(out, { recursive: true }).map(String).sort(), files);
        assert.deepStrictEqual(await duckdb(out, "SELECT count(*)::INTEGER AS n FROM {files}"), [{ n: 11 }]);
    });

    it("types the columns from --features and dead-letters, with a count, the records that do not fit", async () => {
        const out = tmp("replay-dataset-typed-");
        const features = path.join(tmp("replay-dataset-features-"), "features.json");
        writeFileSync(
            features,
            JSON.stringify({
                "churn-endpoint": {
                    inputs: [
                        { name: "tenure", type: "integer" },
                        { name: "plan", type: "string" },
                    ],
                    outputs: [{ name: "score", type: "double" }],
                },
            }),
        );
        const logs = collectingLogger();
        const deadLetters = new CollectingDeadLetterQueue();
        assert.equal(await replay(args(source, out, { features }), {}, logs.logger, logs.redactor, { deadLetters }), 0);
        assert.deepStrictEqual(
            // One table per endpoint: each endpoint's folder has its own columns.
            await duckdb(
                path.join(out, "churn-endpoint"),
                "SELECT partner_inference_id, tenure::VARCHAR AS tenure, plan, score FROM {files} ORDER BY 1",
            ),
            [
                { partner_inference_id: "a-0", tenure: "0", plan: "gold", score: 0.75 },
                { partner_inference_id: "b-1", tenure: "8", plan: "basic", score: 0.3 },
                { partner_inference_id: "req-1", tenure: "1", plan: "gold", score: 0.75 },
                { partner_inference_id: "req-2_0", tenure: "2", plan: "gold", score: 0.5 },
                { partner_inference_id: "req-2_1", tenure: "2", plan: "basic", score: 0.25 },
                { partner_inference_id: "req-3", tenure: "3", plan: "gold", score: 0.75 },
                { partner_inference_id: "req-4", tenure: "4", plan: "gold", score: 0.75 },
            ],
        );
        assert.deepStrictEqual(
            deadLetters.messages.map((m) => [m.key, m.firstLine, m.lastLine, m.count, m.reason]),
            [
                [
                    FILE_B,
                    1,
                    1,
                    2,
                    "does not fit the dataset feature schema of endpoint churn-endpoint: input feature 1 (tenure) is not an integer",
                ],
            ],
        );
        const summary = summaryOf(logs.lines);
        assert.deepStrictEqual([summary.datasetRows, summary.datasetRowsRefused], [9, 2]);
    });

    it("writes to s3://bucket/prefix (s3rver) under the prefix", async () => {
        let loopback: LoopbackS3 | null = null;
        try {
            loopback = await startLoopbackS3(["curated"]);
            const logs = collectingLogger();
            const code = await replay(args(source, "s3://curated/monitoring/dataset/"), {}, logs.logger, logs.redactor, {
                deadLetters: new CollectingDeadLetterQueue(),
                store: new InMemoryIdempotencyStore(),
                datasetS3: loopback.s3,
            });
            assert.equal(code, 0);
            const keys = await listKeys(loopback.s3, "curated");
            assert.deepStrictEqual(
                keys.map((k) => k.split("/").slice(0, 5).join("/")),
                [
                    "monitoring/dataset/churn-endpoint/dt=2024-03-04/hour=05",
                    "monitoring/dataset/churn-endpoint/dt=2024-03-04/hour=23",
                    "monitoring/dataset/demo-endpoint/dt=2024-01-02/hour=03",
                ],
            );
            const copy = await copyOut(loopback.s3, "curated", "monitoring/dataset/");
            temporary.push(copy);
            assert.deepStrictEqual(await duckdb(copy, "SELECT count(*)::INTEGER AS n FROM {files}"), [{ n: 11 }]);
        } finally {
            await loopback?.close();
        }
    });

    it("names the flag and the fix: --out missing or not s3://bucket/prefix, --stack with --features, dataset flags without --sink dataset", () => {
        const problems = (argv: string[]) => parseReplayArgs(argv).problems;
        assert.deepStrictEqual(
            [
                problems(["--source", "x", "--sink", "dataset"]),
                problems(["--source", "x", "--sink", "dataset", "--out", "s3://", "--stack", "dev", "--features", "f.json"]),
                problems(["--source", "x", "--sink", "stdout", "--out", "o", "--stack", "dev"]),
                problems(["--source", "x", "--sink", "dataset", "--out", "o", "--endpoint", "e", "--variant", "v"]),
            ],
            [
                ["--sink dataset needs --out <folder|s3://bucket/prefix>: where the Parquet files go"],
                ['--out "s3://" is not s3://bucket/prefix', "--stack and --features both name the feature schemas: give one of them"],
                [
                    "--out is for --sink dataset only; drop it, or pass --sink dataset",
                    "--stack is for --sink dataset only; drop it, or pass --sink dataset",
                ],
                [
                    "--endpoint and --variant cannot be used with --sink dataset: the dt/hour partition comes from the capture path's yyyy/mm/dd/hh; replay the files from their Data Capture folders",
                ],
            ],
        );
    });

    it("exits 2 naming the --features file and the endpoint's property when the schemas are not valid", async () => {
        const features = path.join(tmp("replay-dataset-bad-"), "features.json");
        writeFileSync(features, JSON.stringify({ "churn-endpoint": { inputs: [{ name: "plan", type: "text" }] } }));
        const logs = collectingLogger();
        const written: string[] = [];
        const write = process.stderr.write.bind(process.stderr);
        process.stderr.write = ((chunk: string) => (written.push(chunk), true)) as typeof process.stderr.write;
        try {
            assert.equal(await replay(args(source, tmp("replay-dataset-none-"), { features }), {}, logs.logger, logs.redactor), 2);
        } finally {
            process.stderr.write = write;
        }
        assert.deepStrictEqual(written, [
            `replay: --features ${features}: "churn-endpoint".inputs[0].type: must be one of string, integer, double, boolean (got "text")\n`,
        ]);
    });

    it("exits 2 before reading anything when --out is a file or under one, or --features a folder or no file, naming the flag and the fix", async () => {
        const dir = tmp("replay-dataset-paths-");
        const aFile = path.join(dir, "a-file");
        writeFileSync(aFile, "");
        const run = async (...more: string[]) => {
            let stdout = "";
            let stderr = "";
            const collect = (add: (text: string) => void) =>
                new Writable({ write: (chunk, _encoding, done) => (add(String(chunk)), done()) });
            const streams = { stdout: collect((t) => (stdout += t)), stderr: collect((t) => (stderr += t)) };
            const status = await replayCommand(["--source", source, "--sink", "dataset", ...more], streams, {});
            return { status, stdout, stderr };
        };
        const outFix = "pass a folder (created when missing) or s3://bucket/prefix";
        const featuresFix = 'pass a JSON file { "<endpoint>": { "inputs": [...], "outputs": [...] } }';
        assert.deepStrictEqual(
            [
                await run("--out", aFile),
                await run("--out", path.join(aFile, "dataset"), "--features", dir),
                await run("--out", path.join(dir, "dataset"), "--features", path.join(dir, "missing.json")),
            ],
            [
                { status: 2, stdout: "", stderr: `replay: --out ${aFile} is a file, not a folder; ${outFix}\n` },
                {
                    status: 2,
                    stdout: "",
                    stderr:
                        `replay: --out ${path.join(aFile, "dataset")} is under ${aFile}, which is a file, not a folder; ${outFix}\n` +
                        `replay: --features ${dir} is a folder, not a file; ${featuresFix}\n`,
                },
                { status: 2, stdout: "", stderr: `replay: --features ${path.join(dir, "missing.json")}: no such file; ${featuresFix}\n` },
            ],
        );
        assert.deepStrictEqual(readdirSync(dir).sort(), ["a-file"]);
    });

    it("names --stack, the stack files there and the fix when the stack has no stack file or the name is not a stack name", async () => {
        const root = tmp("replay-dataset-root-");
        writeFileSync(path.join(root, "Pulumi.alpha.yaml"), "config: {}\n");
        assert.deepStrictEqual(
            [
                await replayFeatureSchemas({ stack: "beta", features: null }, root),
                await replayFeatureSchemas({ stack: "../alpha", features: null }, root),
            ],
            [
                {
                    schemas: null,
                    problems: [
                        `--stack beta: there is no Pulumi.beta.yaml in ${root} (stack files there: Pulumi.alpha.yaml); pass one of those stacks, or type the columns with --features <file.json>`,
                    ],
                },
                { schemas: null, problems: ['--stack "../alpha" is not a stack name; use letters, digits, _ . and -'] },
            ],
        );
    });
});
