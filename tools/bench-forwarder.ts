/**
 * Capture-forwarder throughput and memory benchmark.
 *
 *   npm run bench:forwarder -- --size-mb 256 [--payload capture-lines|normalized-inferences] [--runs 3] (--help: every flag)
 *
 * Generates a realistic Data Capture file of the given size (CSV and JSON records, one to four
 * inferences each, seeded so every run reads the same bytes) in the temp directory, then runs in
 * two separate child processes (so each peak RSS is its own):
 *   (a) the floor: a bare loop over the file that streams lines and JSON.parses each record and
 *       each JSON payload;
 *   (b) the real pipeline (lineStream -> normalize -> chunking -> idempotency -> sink) with a null
 *       sink that counts the bytes it is handed.
 * The children run the esbuild bundle of this file under plain node, like the Lambda runs its
 * bundle (no ts-node, no TypeScript compiler in memory).
 * Floor and pipeline runs alternate `--runs` times (default 3); the fastest run of each counts
 * (the machine is shared, so slower runs measure other load) and the peak RSS is the largest seen.
 * `--payload capture-lines` is the Arthur path (raw lines); `normalized-inferences` the http path.
 * `--sink stdout` runs replay's stdout sink (writing to the null device, with back-pressure).
 * `--sink dataset` runs the dataset writer alone (raw input/output columns), uploads counted and dropped.
 * Prints one JSON line: {mbPerSec, peakRssMb, records, inferences, floorMbPerSec, ratio, ...}.
 * Aims: ratio >= 0.7, peakRssMb < 200 also for 1024 MB.
 */
import { spawnSync } from "node:child_process";
import {
    createReadStream,
    createWriteStream,
    existsSync,
    mkdirSync,
    openSync,
    closeSync,
    renameSync,
    writeSync,
    writeFileSync,
    statSync,
} from "node:fs";
import { tmpdir, cpus, devNull } from "node:os";
import path from "node:path";
import { Chunk, ChunkPayload } from "../lambdas/capture-forwarder/chunking";
import { systemClock } from "../lambdas/capture-forwarder/clock";
import { DeadLetterMessage } from "../lambdas/capture-forwarder/deadLetter";
import { InMemoryIdempotencyStore } from "../lambdas/capture-forwarder/idempotency";
import { forwardCaptureObject } from "../lambdas/capture-forwarder/pipeline";
import { Redactor } from "../lambdas/capture-forwarder/redactor";
import { Sink } from "../lambdas/capture-forwarder/sinks/sink";
import { StreamSink } from "../lambdas/capture-forwarder/sinks/stdout";
import { CommandSpec, helpText, integerValue, parseFlags, usageErrorText } from "./cli/flags";
import { S3DatasetStore, S3UploadCommand, S3Writer } from "../lambdas/capture-forwarder/dataset/s3Upload";

const MB = 1024 * 1024;
const PAYLOADS: ChunkPayload[] = ["capture-lines", "normalized-inferences"];
/**
 * null: a sink that counts bytes; stdout: replay's stdout sink, writing to the null device with back-pressure;
 * dataset: the dataset writer alone (no push sink), its S3 uploads (PutObject or 8 MiB parts) counted and dropped.
 */
const BENCH_SINKS = ["null", "stdout", "dataset"] as const;
type BenchSink = (typeof BENCH_SINKS)[number];

interface RunResult {
    seconds: number;
    /** CPU seconds (user + system) of the run: less distorted than `seconds` on a shared machine. */
    cpuSeconds?: number;
    bytes: number;
    peakRssMb: number;
    records: number;
    inferences: number;
    sinkBytes?: number;
}

/** Deterministic PRNG (mulberry32) so the same size always gives the same file. */
function prng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function uuid(random: () => number): string {
    const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join("");
    return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

const FEATURE_NAMES = [
    "age",
    "tenure_months",
    "monthly_charges",
    "total_charges",
    "num_support_calls",
    "contract_type",
    "payment_method",
    "internet_service",
    "streaming_tv",
    "paperless_billing",
    "senior_citizen",
    "dependents",
    "region",
    "device_count",
    "avg_session_min",
];

/** Builds pools of realistic rows once; records combine them (generation must not dominate). */
function makePools(random: () => number) {
    const num = (scale: number): string => (random() * scale).toFixed(4);
    const csvRows = Array.from({ length: 512 }, () =>
        Array.from({ length: 24 }, (_, i) => (i % 5 === 0 ? String(Math.floor(random() * 9)) : num(100))).join(","),
    );
    const jsonMaps = Array.from({ length: 512 }, () => {
        const entry: Record<string, string | number> = {};
        for (const name of FEATURE_NAMES)
            entry[name] =
                name.endsWith("type") || name.endsWith("method") || name === "region"
                    ? ["a", "b", "c", "north", "south"][Math.floor(random() * 5)]
                    : Number(num(200));
        return JSON.stringify(entry);
    });
    const featureArrays = Array.from({ length: 512 }, () => `{"features":[${Array.from({ length: 20 }, () => num(10)).join(",")}]}`);
    const probabilities = Array.from({ length: 512 }, () => {
        const p = random();
        return `{"probabilities":[${p.toFixed(6)},${(1 - p).toFixed(6)}]}`;
    });
    return { csvRows, jsonMaps, featureArrays, probabilities, num };
}

/** One capture line; `k` inferences per call (1 most often). */
function captureRecord(random: () => number, pools: ReturnType<typeof makePools>, n: number): string {
    const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
    const k = random() < 0.7 ? 1 : 1 + Math.floor(random() * 4);
    const metadata: Record<string, string> = {
        eventId: uuid(random),
        inferenceTime: new Date(1_704_164_645_000 + n * 37).toISOString().replace(/\.\d{3}Z$/, "Z"),
    };
    if (random() < 0.5) metadata.inferenceId = `req-${n}`;
    if (random() < 0.2) metadata.customAttributes = `tenant=t${n % 97};trace=${Math.floor(random() * 1e9)}`;
    let input: object;
    let output: object;
    const kind = random();
    if (kind < 0.45) {
        const rows = Array.from({ length: k }, () => pick(pools.csvRows)).join("\n");
        const scores = Array.from({ length: k }, () => pools.num(1)).join("\n");
        input = { observedContentType: "text/csv", mode: "INPUT", data: `${rows}\n`, encoding: "CSV" };
        output = { observedContentType: "text/csv; charset=utf-8", mode: "OUTPUT", data: `${scores}\n`, encoding: "CSV" };
    } else {
        const instances = Array.from({ length: k }, () => (kind < 0.75 ? pick(pools.jsonMaps) : pick(pools.featureArrays))).join(",");
        const predictions = Array.from({ length: k }, () => pick(pools.probabilities)).join(",");
        input = { observedContentType: "application/json", mode: "INPUT", data: `{"instances":[${instances}]}`, encoding: "JSON" };
        output = { observedContentType: "application/json", mode: "OUTPUT", data: `{"predictions":[${predictions}]}`, encoding: "JSON" };
    }
    return JSON.stringify({ captureData: { endpointInput: input, endpointOutput: output }, eventMetadata: metadata, eventVersion: "0" });
}

/** Writes (once; cached by size) a capture file of about `sizeMb` MiB. */
function generateCaptureFile(sizeMb: number): string {
    const dir = path.join(tmpdir(), "sagemaker-monitoring-bench-forwarder");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `capture-${sizeMb}mb.jsonl`);
    if (existsSync(file)) return file;
    const random = prng(sizeMb);
    const pools = makePools(random);
    const target = sizeMb * MB;
    const partial = `${file}.partial`;
    const fd = openSync(partial, "w");
    let written = 0;
    let n = 0;
    while (written < target) {
        const lines: string[] = [];
        let block = 0;
        while (block < 4 * MB && written + block < target) {
            const line = `${captureRecord(random, pools, n++)}\n`;
            lines.push(line);
            block += Buffer.byteLength(line);
        }
        const buf = Buffer.from(lines.join(""));
        writeSync(fd, buf);
        written += buf.length;
    }
    closeSync(fd);
    renameSync(partial, file);
    return file;
}

/** (a) The floor: stream lines, JSON.parse each record and each JSON payload. Nothing else. */
async function runFloor(file: string): Promise<RunResult> {
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    let records = 0;
    let payloads = 0;
    let bytes = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const handle = (line: Buffer): void => {
        if (line.length === 0) return;
        const record = JSON.parse(line.toString("utf8")) as { captureData: Record<string, { data: string; encoding: string } | undefined> };
        records++;
        for (const side of [record.captureData.endpointInput, record.captureData.endpointOutput]) {
            if (side && side.encoding === "JSON") {
                JSON.parse(side.data);
                payloads++;
            }
        }
    };
    for await (const piece of createReadStream(file, { highWaterMark: MB })) {
        const buf = piece as Buffer;
        bytes += buf.length;
        let start = 0;
        let nl = buf.indexOf(10, start);
        while (nl !== -1) {
            if (pending.length > 0) {
                pending.push(buf.subarray(start, nl));
                handle(Buffer.concat(pending, pendingBytes + nl - start));
                pending = [];
                pendingBytes = 0;
            } else {
                handle(buf.subarray(start, nl));
            }
            start = nl + 1;
            nl = buf.indexOf(10, start);
        }
        if (start < buf.length) {
            pending.push(buf.subarray(start));
            pendingBytes += buf.length - start;
        }
    }
    if (pending.length > 0) handle(Buffer.concat(pending, pendingBytes));
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage(cpuStart);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    return { seconds, cpuSeconds, bytes, peakRssMb: process.resourceUsage().maxRSS / 1024, records, inferences: payloads };
}

/** A sink that accepts everything and counts the bytes it is handed. */
class NullSink implements Sink {
    readonly name = "null";
    bytes = 0;
    constructor(readonly payload: ChunkPayload) {}
    async deliver(chunk: Chunk): Promise<void> {
        for (const part of chunk.parts) this.bytes += typeof part === "string" ? Buffer.byteLength(part) : part.length + 1;
    }
}

/** An S3 client for the dataset's uploads that counts the bytes of each body and keeps none. */
class NullS3Writer implements S3Writer {
    bytes = 0;
    async send(command: S3UploadCommand): Promise<unknown> {
        const body = (command.input as { Body?: Uint8Array }).Body;
        if (body) this.bytes += body.length;
        return { UploadId: "bench", ETag: '"bench"' };
    }
}

/** (b) The real pipeline with the null sink. */
async function runPipeline(file: string, payload: ChunkPayload, sinkKind: BenchSink): Promise<RunResult> {
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    const counting = new NullSink(payload);
    const uploads = new NullS3Writer();
    // The dataset alone, without feature schemas (raw input/output strings), as a dataset-only forwarder runs.
    const dataset = sinkKind === "dataset" ? { store: new S3DatasetStore(uploads, "bench"), prefix: "dataset", schemas: {} } : null;
    const sink: Sink | null = sinkKind === "stdout" ? new StreamSink(createWriteStream(devNull)) : sinkKind === "dataset" ? null : counting;
    const lost: DeadLetterMessage[] = [];
    const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const result = await forwardCaptureObject(
        {
            bucket: "bench",
            key: path.basename(file),
            capturedAt: "2024-01-02T03:04:05.000Z",
            versionId: null,
            etag: "bench",
            endpoint: "bench-endpoint",
            variant: "AllTraffic",
            name: "bench",
            body: createReadStream(file, { highWaterMark: MB }),
        },
        {
            sink,
            dataset,
            store: new InMemoryIdempotencyStore(),
            deadLetters: {
                send: async (m) => {
                    lost.push(m);
                },
            },
            logger: silent,
            redactor: new Redactor(),
            clock: systemClock,
            random: Math.random,
            chunkLimits: { maxBytes: 8 * MB, maxRecords: 10_000 },
            retry: { maxAttempts: 6, baseDelayMs: 200, maxDelayMs: 20_000, safetyMarginMs: 10_000 },
            attemptTimeoutMs: 30_000,
            deadlineMs: Number.POSITIVE_INFINITY,
        },
    );
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage(cpuStart);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    if (lost.length > 0 || result.counts.deadLettered > 0) throw new Error(`bench records were refused: ${JSON.stringify(lost[0])}`);
    return {
        seconds,
        cpuSeconds,
        bytes: statSync(file).size,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        records: result.counts.recordsRead,
        inferences: result.dataset ? result.dataset.datasetRows : result.counts.inferencesSent,
        sinkBytes: result.dataset ? uploads.bytes : counting.bytes,
    };
}

const BENCH_COMMAND: CommandSpec = {
    name: "bench-forwarder",
    invocation: "npm run bench:forwarder --",
    summary:
        "Measures the capture-forwarder pipeline's throughput and peak memory on a generated Data Capture file, against the floor" +
        " of merely streaming and parsing it; each run is a child process running the Lambda's esbuild bundle. Prints one JSON line.",
    flags: [
        {
            name: "--size-mb",
            value: "<n>",
            required: true,
            integer: { min: 1, max: 65536 },
            description: "size of the capture file in MiB, 1 to 65536 (generated once, kept in the temp folder)",
        },
        {
            name: "--payload",
            value: `<${PAYLOADS.join("|")}>`,
            default: "capture-lines",
            description: "what the sink is handed: capture-lines (the Arthur path) or normalized-inferences (the http path)",
        },
        {
            name: "--runs",
            value: "<n>",
            default: "3",
            integer: { min: 1, max: 20 },
            description: "floor and pipeline runs, alternating, 1 to 20; the fastest of each counts",
        },
        {
            name: "--sink",
            value: `<${BENCH_SINKS.join("|")}>`,
            default: "null",
            description:
                "null counts the bytes handed over; stdout is replay's stdout sink (normalized inferences) writing to the null device;" +
                " dataset writes the Parquet dataset (raw input/output columns) to a counting S3 client",
        },
    ],
    notes: [
        "aims: ratio >= 0.7, peakRssMb < 200 also for --size-mb 1024; --sink dataset: ratio >= 0.5, peakRssMb < 300",
        "exit status: 0 measured, 1 a run failed, 2 bad flags",
    ],
    examples: [
        "npm run bench:forwarder -- --size-mb 256",
        "npm run bench:forwarder -- --size-mb 1024 --payload normalized-inferences --runs 5",
        "npm run bench:forwarder -- --size-mb 1024 --sink stdout --runs 1",
        "npm run bench:forwarder -- --size-mb 256 --sink dataset",
    ],
};

interface BenchArgs {
    sizeMb: number;
    payload: ChunkPayload;
    runs: number;
    sink: BenchSink;
}

/** The arguments, or exits: 0 after printing the help, 2 after naming every problem. */
function parseBenchArgs(argv: string[]): BenchArgs {
    const { values, help, problems } = parseFlags(argv, BENCH_COMMAND);
    if (help) {
        process.stdout.write(helpText(BENCH_COMMAND));
        process.exit(0);
    }
    const sink = (values["--sink"] ?? "null") as BenchSink;
    // The stdout sink prints normalized inferences, whatever --payload says.
    const payload = (sink === "stdout" ? "normalized-inferences" : (values["--payload"] ?? "capture-lines")) as ChunkPayload;
    if (!PAYLOADS.includes(payload)) problems.push(`--payload must be one of ${PAYLOADS.join(", ")}, got ${JSON.stringify(payload)}`);
    if (!(BENCH_SINKS as readonly string[]).includes(sink)) {
        problems.push(`--sink must be one of ${BENCH_SINKS.join(", ")}, got ${JSON.stringify(sink)}`);
    }
    if (problems.length > 0) {
        process.stderr.write(usageErrorText(BENCH_COMMAND, problems));
        process.exit(2);
    }
    const integer = (name: string) => integerValue(BENCH_COMMAND, values, name)!;
    return { sizeMb: integer("--size-mb"), payload, runs: integer("--runs"), sink };
}

function flag(argv: string[], name: string): string | undefined {
    const i = argv.indexOf(name);
    return i === -1 ? undefined : argv[i + 1];
}

async function child(argv: string[]): Promise<void> {
    const file = flag(argv, "--file") as string;
    const result =
        flag(argv, "--child") === "floor"
            ? await runFloor(file)
            : await runPipeline(file, flag(argv, "--payload") as ChunkPayload, (flag(argv, "--sink") ?? "null") as BenchSink);
    process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Runs floor and pipeline children alternately, `runs` times each, on the bundle of this file. */
async function measure(
    file: string,
    payload: ChunkPayload,
    runs: number,
    sink: BenchSink,
): Promise<{ floors: RunResult[]; pipelines: RunResult[] }> {
    const { bundleLambda } = await import("../components/captureForwarder/bundleLambda");
    const script = path.join(path.dirname(file), "bench-forwarder.js");
    writeFileSync(script, bundleLambda("tools/bench-forwarder.ts").code);
    const run = (args: string[]): RunResult => {
        const out = spawnSync(process.execPath, ["--no-warnings", script, ...args, "--file", file], { encoding: "utf8", maxBuffer: MB });
        if (out.status !== 0) throw new Error(`child ${args.join(" ")} failed: ${out.stderr}`);
        return JSON.parse(out.stdout) as RunResult;
    };
    const floors: RunResult[] = [];
    const pipelines: RunResult[] = [];
    for (let i = 0; i < runs; i++) {
        floors.push(run(["--child", "floor"]));
        pipelines.push(run(["--child", "pipeline", "--payload", payload, "--sink", sink]));
    }
    return { floors, pipelines };
}

async function parent(argv: string[]): Promise<void> {
    const { sizeMb, payload, runs, sink } = parseBenchArgs(argv);
    const file = generateCaptureFile(sizeMb);
    const { floors, pipelines } = await measure(file, payload, runs, sink);
    const fastest = (results: RunResult[]): RunResult => results.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const floor = fastest(floors);
    const pipeline = fastest(pipelines);
    const peakRssMb = Math.max(...pipelines.map((r) => r.peakRssMb));
    const floorPeakRssMb = Math.max(...floors.map((r) => r.peakRssMb));
    const mbPerSec = pipeline.bytes / MB / pipeline.seconds;
    const floorMbPerSec = floor.bytes / MB / floor.seconds;
    const round = (x: number, digits = 1): number => Number(x.toFixed(digits));
    process.stdout.write(
        `${JSON.stringify({
            mbPerSec: round(mbPerSec),
            peakRssMb: round(peakRssMb),
            records: pipeline.records,
            inferences: pipeline.inferences,
            floorMbPerSec: round(floorMbPerSec),
            ratio: round(mbPerSec / floorMbPerSec, 2),
            // The same ratio by CPU time (fastest runs): what the pipeline costs per byte against the floor, whatever else shares the machine.
            cpuRatio: round((floor.cpuSeconds ?? 0) / (pipeline.cpuSeconds ?? 1), 2),
            floorPeakRssMb: round(floorPeakRssMb),
            sizeMb: round(pipeline.bytes / MB),
            payload,
            sink,
            runs,
            sinkMb: round((pipeline.sinkBytes ?? 0) / MB),
            node: process.version,
            cpu: cpus()[0]?.model ?? "unknown",
        })}\n`,
    );
}

const argv = process.argv.slice(2);
(argv.includes("--child") ? child(argv) : parent(argv)).catch((error: unknown) => {
    process.stderr.write(`bench-forwarder: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
});
