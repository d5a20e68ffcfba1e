/**
 * Backfill: runs the capture-forwarder pipeline over capture files in a directory or under an S3
 * prefix.
 *
 *   npm run replay -- --source <file|dir|s3://bucket/prefix> --sink <arthur|http|stdout> ... (--help: every flag, its default)
 *
 * `--sink dataset --out <folder|s3://bucket/prefix> [--stack <name> | --features <file.json>]` writes
 * the hive-partitioned Parquet dataset the forwarder writes (docs/replay.md, "Backfilling the dataset").
 * `--sink stdout` prints the normalized inferences, one JSON object per line; logs, dead letters
 * (when DEAD_LETTER_QUEUE_URL is not set) and the summary go to stderr. The arthur and http sinks
 * read the Lambda's environment variables (ARTHUR_HOST, ARTHUR_MODEL_ID, AUTH_SECRET_ARN, HTTP_URL,
 * ..., CHUNK_MAX_BYTES...). With IDEMPOTENCY_TABLE set, chunks the Lambda already delivered and
 * refused records it already dead-lettered are skipped (same sink kind and chunk limits required:
 * --chunk-max-bytes/--chunk-max-records take the Lambda's CHUNK_MAX_* values over the environment):
 * both sides key an object's work by bucket, key and ETag, which S3 events and ListObjects both
 * carry. Chunks the Lambda dead-lettered are sent again (replay's purpose once the cause is
 * fixed); chunks the sink accepted only in part are skipped unless --resend-partially-accepted,
 * because resending them duplicates their accepted inferences. Endpoint and variant come from the
 * file's whole path (so a folder at any level of the layout works), else from --endpoint/--variant,
 * else the file is skipped. --dry-run counts without sending.
 * Exit status: 0 everything accounted for; 1 some dead letter could not be written; 2 bad flags,
 * source or environment, or no capture file found (naming what was seen).
 */
import { promises as fs, createReadStream } from "node:fs";
import path from "node:path";
import type { Writable } from "node:stream";
import type { GetObjectCommand, GetObjectCommandOutput, ListObjectsV2Command, ListObjectsV2CommandOutput } from "@aws-sdk/client-s3";
import { parseS3Uri, s3Uri } from "../domain/validationRules";
import { CommandSpec, FlagSpec, helpText, parseFlags, usageErrorText, wantsHelp } from "./cli/flags";
import { folderProblem } from "./cli/inputPaths";
import { CAPTURE_FILE_SUFFIXES, captureFileName, parseCaptureKey } from "../lambdas/capture-forwarder/captureKey";
import { systemClock } from "../lambdas/capture-forwarder/clock";
import {
    ENV,
    EnvironmentProblem,
    INTEGER_SETTINGS,
    integerSettingProblem,
    queueUrlProblem,
    readSinkEnvironment,
    pipelineTuning,
    readTuningEnvironment,
    REPLAY_CHUNK_LIMIT_FLAGS,
    tableNameProblem,
    TuningSettings,
} from "../domain/forwarder/environment";
import { addCounts, emptyCounts } from "../lambdas/capture-forwarder/counts";
import { DeadLetterMessage, DeadLetterQueue } from "../lambdas/capture-forwarder/deadLetter";
import { IdempotencyStore, InMemoryIdempotencyStore } from "../lambdas/capture-forwarder/idempotency";
import { createJsonLogger, Logger } from "../lambdas/capture-forwarder/logger";
import { forwardCaptureObject, PipelineDependencies } from "../lambdas/capture-forwarder/pipeline";
import { Redactor } from "../lambdas/capture-forwarder/redactor";
import { Sink } from "../lambdas/capture-forwarder/sinks/sink";
import { ChunkPayload } from "../lambdas/capture-forwarder/chunking";
import { StreamSink } from "../lambdas/capture-forwarder/sinks/stdout";
import { FeatureSchema } from "../domain/dataset/featureSchema";
import { addDatasetCounts, DatasetCounts, DatasetTarget, emptyDatasetCounts } from "../lambdas/capture-forwarder/dataset/datasetFile";
import type { S3Writer } from "../lambdas/capture-forwarder/dataset/s3Upload";
import { replayFeatureSchemas } from "./replay/featureSchemas";
import { FolderDatasetStore } from "./replay/folderStore";

/** Where Pulumi.yaml and the stack files are (--stack). */
const REPOSITORY_ROOT = path.resolve(__dirname, "..");

export const REPLAY_SINKS = ["arthur", "http", "stdout", "dataset"] as const;
export type ReplaySink = (typeof REPLAY_SINKS)[number];

export interface ReplayArgs {
    source: string;
    sink: ReplaySink;
    endpoint: string | null;
    variant: string | null;
    /** The Lambda's CHUNK_MAX_BYTES, over the environment's. @default null (CHUNK_MAX_BYTES, else its default) */
    chunkMaxBytes?: number | null;
    /** The Lambda's CHUNK_MAX_RECORDS, over the environment's. @default null (CHUNK_MAX_RECORDS, else its default) */
    chunkMaxRecords?: number | null;
    /** Also resend chunks the sink accepted only in part (their accepted inferences are sent twice). @default false */
    resendPartiallyAccepted?: boolean;
    /** Read, parse and count everything, send nothing (no sink, table or queue is used). @default false */
    dryRun?: boolean;
    /** `--sink dataset`'s destination: a folder or s3://bucket/prefix. @default null (required with --sink dataset) */
    out?: string | null;
    /** The stack file whose endpoint entries' `features` type the dataset's columns. @default null */
    stack?: string | null;
    /** A dataset-schemas.json file typing the dataset's columns, instead of --stack. @default null */
    features?: string | null;
}

const chunkLimitFlag = (setting: keyof typeof REPLAY_CHUNK_LIMIT_FLAGS): FlagSpec => {
    const rule = INTEGER_SETTINGS[setting];
    return {
        name: REPLAY_CHUNK_LIMIT_FLAGS[setting],
        value: "<n>",
        description: `the Lambda's ${rule.env}, an integer from ${rule.min} to ${rule.max}; replay and the Lambda must agree to share the idempotency table`,
        default: `${rule.env}, else ${rule.default}`,
    };
};

export const REPLAY_COMMAND: CommandSpec = {
    name: "replay",
    invocation: "npm run replay --",
    summary:
        "Runs the capture-forwarder pipeline over capture files already written: backfill, or resend what the Lambda dead-lettered once the cause is fixed." +
        " Logs, dead letters (without DEAD_LETTER_QUEUE_URL) and the summary go to stderr as JSON lines.",
    flags: [
        {
            name: "--source",
            value: "<file|dir|s3://bucket/prefix>",
            required: true,
            description:
                "the capture files: one file, a folder at any level of the capture layout (datacapture/, <endpoint>/, <variant>/, yyyy/...; searched recursively for *.jsonl and *.jsonl.gz), or an S3 prefix",
        },
        {
            name: "--sink",
            value: `<${REPLAY_SINKS.join("|")}>`,
            required: true,
            description:
                "where the inferences go: arthur and http read the Lambda's variables (ARTHUR_HOST, ARTHUR_MODEL_ID, AUTH_SECRET_ARN, HTTP_URL, ...); stdout prints one JSON line per inference; dataset writes Parquet files to --out",
        },
        {
            name: "--endpoint",
            value: "<name>",
            description: "the endpoint of files whose path does not follow the Data Capture layout; goes with --variant",
            default: "taken from the path; files whose path has none are skipped",
        },
        {
            name: "--variant",
            value: "<name>",
            description: "their variant; goes with --endpoint",
            default: "taken from the path; files whose path has none are skipped",
        },
        chunkLimitFlag("chunkMaxBytes"),
        chunkLimitFlag("chunkMaxRecords"),
        {
            name: "--resend-partially-accepted",
            description: "also resend chunks the sink accepted only in part (their accepted inferences are sent twice)",
            default: "off: only dead-lettered chunks are resent",
        },
        {
            name: "--out",
            value: "<folder|s3://bucket/prefix>",
            description:
                "with --sink dataset: where the hive-partitioned Parquet files go (<out>/<endpoint>/dt=YYYY-MM-DD/hour=HH/...parquet); a file written again is replaced",
            default: "none; required with --sink dataset",
        },
        {
            name: "--stack",
            value: "<name>",
            description: "with --sink dataset: type the columns by the `features` of the endpoint entries in Pulumi.<name>.yaml",
            default: "no schema: raw input and output strings",
        },
        {
            name: "--features",
            value: "<file.json>",
            description:
                'with --sink dataset: type the columns by this file, { "<endpoint>": { "inputs": [{ "name", "type" }], "outputs": [...] } }, instead of --stack',
            default: "no schema: raw input and output strings",
        },
        {
            name: "--dry-run",
            description: "read, parse and count everything, and print the summary; send nothing (no sink, table or queue is used)",
            default: "off",
        },
    ],
    notes: [
        "environment: IDEMPOTENCY_TABLE skips what the Lambda already delivered or dead-lettered; DEAD_LETTER_QUEUE_URL sends dead letters to SQS.",
        "exit status: 0 everything accounted for, 1 some dead letter could not be written, 2 bad flags, source or environment, or no capture file found",
    ],
    examples: [
        "npm run replay -- --source test/fixtures/capture --sink stdout",
        "npm run replay -- --source test/fixtures/capture --sink dataset --out /tmp/dataset --stack dev",
        "ARTHUR_HOST=https://app.arthur.ai ARTHUR_MODEL_ID=<id> AUTH_SECRET_ARN=<arn> IDEMPOTENCY_TABLE=<table> \\\n" +
            "    npm run replay -- --source s3://<capture-bucket>/datacapture/churn-prod/ --sink arthur",
    ],
};

/** The problems flags can have beyond their syntax: allowed values, pairs, S3 URIs, the Lambda's ranges. */
function valueProblems(values: Record<string, string>): string[] {
    const problems: string[] = [];
    const sink = values["--sink"];
    if (sink !== undefined && !(REPLAY_SINKS as readonly string[]).includes(sink)) {
        problems.push(`--sink must be one of ${REPLAY_SINKS.join(", ")}, got ${JSON.stringify(sink)}`);
    }
    if ((values["--endpoint"] === undefined) !== (values["--variant"] === undefined))
        problems.push("--endpoint and --variant go together: give both, or neither");
    if (values["--source"]?.startsWith("s3://") && s3Uri(values["--source"]) !== undefined) {
        problems.push(`--source ${JSON.stringify(values["--source"])} is not s3://bucket/prefix`);
    }
    problems.push(...datasetFlagProblems(values));
    for (const [setting, flag] of Object.entries(REPLAY_CHUNK_LIMIT_FLAGS) as [keyof typeof REPLAY_CHUNK_LIMIT_FLAGS, string][]) {
        const problem = values[flag] === undefined ? null : integerSettingProblem(setting, values[flag]);
        if (problem !== null) problems.push(`${flag} ${problem} (the Lambda's ${INTEGER_SETTINGS[setting].env})`);
    }
    return problems;
}

/** --out, --stack and --features: only with --sink dataset, where --out is required. */
function datasetFlagProblems(values: Record<string, string>): string[] {
    const problems: string[] = [];
    if (values["--sink"] !== "dataset") {
        for (const flag of ["--out", "--stack", "--features"].filter((f) => values[f] !== undefined)) {
            problems.push(`${flag} is for --sink dataset only; drop it, or pass --sink dataset`);
        }
        return problems;
    }
    const out = values["--out"];
    if (out === undefined) problems.push("--sink dataset needs --out <folder|s3://bucket/prefix>: where the Parquet files go");
    else if (out.startsWith("s3://") && s3Uri(out) !== undefined) problems.push(`--out ${JSON.stringify(out)} is not s3://bucket/prefix`);
    if (values["--stack"] !== undefined && values["--features"] !== undefined) {
        problems.push("--stack and --features both name the feature schemas: give one of them");
    }
    if (values["--endpoint"] !== undefined) {
        problems.push(
            "--endpoint and --variant cannot be used with --sink dataset: the dt/hour partition comes from the capture path's yyyy/mm/dd/hh; replay the files from their Data Capture folders",
        );
    }
    return problems;
}

/** Parses the command line; every problem is reported at once. */
export function parseReplayArgs(argv: string[]): { args: ReplayArgs | null; problems: string[] } {
    const { values, switches, problems: syntax } = parseFlags(argv, REPLAY_COMMAND);
    const problems = [...syntax, ...valueProblems(values)];
    if (problems.length > 0) return { args: null, problems };
    const limit = (setting: keyof typeof REPLAY_CHUNK_LIMIT_FLAGS): number | null => {
        const value = values[REPLAY_CHUNK_LIMIT_FLAGS[setting]];
        return value === undefined ? null : Number(value);
    };
    return {
        args: {
            source: values["--source"],
            sink: values["--sink"] as ReplaySink,
            endpoint: values["--endpoint"] ?? null,
            variant: values["--variant"] ?? null,
            chunkMaxBytes: limit("chunkMaxBytes"),
            chunkMaxRecords: limit("chunkMaxRecords"),
            resendPartiallyAccepted: switches.has("--resend-partially-accepted"),
            dryRun: switches.has("--dry-run"),
            // Only --sink dataset's flags that were given: the other sinks' arguments stay as they were.
            ...Object.fromEntries(
                (["out", "stack", "features"] as const)
                    .filter((name) => values[`--${name}`] !== undefined)
                    .map((name) => [name, values[`--${name}`]]),
            ),
        },
        problems,
    };
}

/** What a run saw, to say so when it found no capture file. */
interface SeenFiles {
    total: number;
    /** The first few keys. */
    names: string[];
    /** Capture files skipped because their path names no endpoint and variant. */
    withoutIdentity: number;
}

interface ReplayObject {
    bucket: string;
    key: string;
    /** The path the endpoint and variant are read from: the absolute file path, or the S3 key. */
    layoutPath: string;
    etag: string | null;
    size: number | null;
    open(): AsyncIterable<Uint8Array>;
    /** The object's Content-Type once read (S3 only). @default none */
    contentType?: () => string | null;
}

async function* walk(dir: string): AsyncGenerator<string> {
    const entries = (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) yield* walk(full);
        else if (entry.isFile()) yield full;
    }
}

/** The files of a local source: the file itself, or every file under the folder. */
async function* localObjects(source: string): AsyncGenerator<ReplayObject> {
    const given = path.resolve(source);
    const isFile = (await fs.stat(given)).isFile();
    const root = isFile ? path.dirname(given) : given;
    const files = isFile ? [given] : walk(root);
    for await (const file of files) {
        const stat = await fs.stat(file);
        yield {
            bucket: root,
            key: path.relative(root, file).split(path.sep).join("/"),
            layoutPath: file.split(path.sep).join("/"),
            etag: `${stat.size}-${Math.floor(stat.mtimeMs)}`,
            size: stat.size,
            open: () => createReadStream(file, { highWaterMark: 1 << 20 }),
        };
    }
}

/** The part of S3Client replay uses: list a prefix, read objects. */
export interface ReplayS3 {
    send(command: ListObjectsV2Command): Promise<ListObjectsV2CommandOutput>;
    send(command: GetObjectCommand): Promise<GetObjectCommandOutput>;
}

async function* s3Objects(
    uri: string,
    rangeBytes: number,
    client: ReplayS3 | undefined,
    env: Record<string, string | undefined>,
): AsyncGenerator<ReplayObject> {
    const { ListObjectsV2Command } = await import("@aws-sdk/client-s3");
    const { readS3Object } = await import("../lambdas/capture-forwarder/s3Source");
    const { bucket, key: prefix } = parseS3Uri(uri);
    const { createAwsClients } = await import("../lambdas/capture-forwarder/awsClients");
    // The Lambda's clients, with their connection, request and idle-socket timeouts.
    // AWS_ENDPOINT_URL_S3 (honoured by the SDK) names an S3-compatible server, which wants path-style URLs.
    const s3PathStyle = Boolean(env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL);
    const s3: ReplayS3 = client ?? createAwsClients({ s3PathStyle }).s3;
    let token: string | undefined;
    do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        for (const item of page.Contents ?? []) {
            // Keys ending in "/" are the console's folder markers, not files.
            if (!item.Key || item.Key.endsWith("/")) continue;
            // No versionId: ListObjects has none; the ETag names the content (and pins the reads).
            const ref = { bucket, key: item.Key, versionId: null, etag: item.ETag?.replace(/"/g, "") ?? null, size: item.Size ?? null };
            const meta = { contentType: null as string | null };
            yield {
                ...ref,
                layoutPath: item.Key,
                open: () => readS3Object(s3, ref, { rangeBytes, maxAttempts: 4, clock: systemClock, meta }),
                contentType: () => meta.contentType,
            };
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
}

/** Dead letters as JSON lines on stderr, when no queue is configured. */
class StderrDeadLetters implements DeadLetterQueue {
    constructor(private readonly stderr: Writable) {}
    async send(message: DeadLetterMessage): Promise<void> {
        this.stderr.write(`${JSON.stringify({ deadLetter: message })}\n`);
    }
}

/** --dry-run's sink: takes every chunk without sending it, shaped (and refusing) as the chosen sink would. */
class DryRunSink implements Sink {
    readonly name: string;
    readonly payload: ChunkPayload;
    readonly refusesUndocumentedForms: boolean;
    constructor(kind: ReplaySink) {
        this.name = `${kind} (dry run)`;
        this.payload = kind === "arthur" ? "capture-lines" : "normalized-inferences";
        this.refusesUndocumentedForms = kind === "arthur";
    }
    async deliver(): Promise<void> {}
}

/** Edges a caller (a test, another tool) may supply instead of the ones built from the environment. */
export interface ReplayEdges {
    /** @default an S3Client with the default credentials and region */
    s3?: ReplayS3;
    /** @default the IDEMPOTENCY_TABLE DynamoDB table, or in memory when it is not set */
    store?: IdempotencyStore;
    /** @default the DEAD_LETTER_QUEUE_URL SQS queue, or stderr when it is not set */
    deadLetters?: DeadLetterQueue;
    /** Where `--out s3://...` writes. @default an S3Client like the source's */
    datasetS3?: S3Writer;
    /** Where `--sink stdout` writes. @default process.stdout */
    stdout?: Writable;
    /** Where messages, dead letters without a queue and (from `replayCommand`) the log go. @default process.stderr */
    stderr?: Writable;
}

interface ReplaySetup {
    /** Null with --sink dataset: the dataset is the only destination. */
    sink: Sink | null;
    dataset: DatasetTarget | null;
    store: IdempotencyStore;
    deadLetters: DeadLetterQueue;
    tuning: TuningSettings;
}

/** --out as a dataset destination: a local folder, or an S3 bucket and prefix. */
async function datasetTarget(
    args: ReplayArgs,
    schemas: Record<string, FeatureSchema>,
    edges: ReplayEdges,
    env: Record<string, string | undefined>,
): Promise<DatasetTarget> {
    const out = args.out as string;
    if (!out.startsWith("s3://")) return { store: new FolderDatasetStore(out), prefix: "", schemas };
    const { bucket, key } = parseS3Uri(out);
    const { S3DatasetStore } = await import("../lambdas/capture-forwarder/dataset/s3Upload");
    const { createAwsClients } = await import("../lambdas/capture-forwarder/awsClients");
    const s3PathStyle = Boolean(env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL);
    return {
        store: new S3DatasetStore(edges.datasetS3 ?? createAwsClients({ s3PathStyle }).s3, bucket),
        prefix: key.replace(/\/+$/, ""),
        schemas,
    };
}

async function setUp(
    args: ReplayArgs,
    env: Record<string, string | undefined>,
    redactor: Redactor,
    edges: ReplayEdges,
    schemas: Record<string, FeatureSchema>,
): Promise<{ setup: ReplaySetup | null; problems: EnvironmentProblem[] }> {
    const problems: EnvironmentProblem[] = [];
    // The flags stand for the Lambda's CHUNK_MAX_* and win over the environment's.
    const tuning = readTuningEnvironment(
        {
            ...env,
            ...(args.chunkMaxBytes != null ? { [ENV.chunkMaxBytes]: String(args.chunkMaxBytes) } : {}),
            ...(args.chunkMaxRecords != null ? { [ENV.chunkMaxRecords]: String(args.chunkMaxRecords) } : {}),
        },
        problems,
    );
    if (args.dryRun) {
        // Nothing is sent: no sink variables, table or queue are read.
        const setup = {
            sink: new DryRunSink(args.sink),
            dataset: null,
            store: new InMemoryIdempotencyStore(),
            deadLetters: new StderrDeadLetters(edges.stderr ?? process.stderr),
            tuning,
        };
        return { setup: problems.length > 0 ? null : setup, problems };
    }
    const sinkSettings =
        args.sink === "stdout" || args.sink === "dataset" ? null : readSinkEnvironment({ ...env, [ENV.sink]: args.sink }, problems);
    const queueUrl = env[ENV.deadLetterQueueUrl];
    const table = env[ENV.idempotencyTable];
    const queueProblem = queueUrl ? queueUrlProblem(queueUrl) : null;
    if (queueProblem) problems.push({ variable: ENV.deadLetterQueueUrl, reason: queueProblem });
    const tableProblem = table ? tableNameProblem(table) : null;
    if (tableProblem) problems.push({ variable: ENV.idempotencyTable, reason: tableProblem });
    if (problems.length > 0) return { setup: null, problems };

    let sink: Sink | null = null;
    if (args.sink === "stdout") {
        sink = new StreamSink(edges.stdout ?? process.stdout);
    } else if (sinkSettings !== null) {
        const { createAwsClients } = await import("../lambdas/capture-forwarder/awsClients");
        const { buildSink } = await import("../lambdas/capture-forwarder/dependencies");
        sink = buildSink(sinkSettings, tuning.secretCacheTtlSeconds, createAwsClients().secrets, redactor);
    }
    let deadLetters: DeadLetterQueue = edges.deadLetters ?? new StderrDeadLetters(edges.stderr ?? process.stderr);
    if (queueUrl && !edges.deadLetters) {
        const { createAwsClients } = await import("../lambdas/capture-forwarder/awsClients");
        const { SqsDeadLetterQueue } = await import("../lambdas/capture-forwarder/deadLetter");
        deadLetters = new SqsDeadLetterQueue(createAwsClients().sqs, queueUrl);
    }
    let store: IdempotencyStore = edges.store ?? new InMemoryIdempotencyStore();
    if (table && !edges.store) {
        const { createAwsClients } = await import("../lambdas/capture-forwarder/awsClients");
        const { DynamoDbIdempotencyStore } = await import("../lambdas/capture-forwarder/idempotency");
        store = new DynamoDbIdempotencyStore(createAwsClients().dynamo, table, tuning.idempotencyTtlDays * 86_400, systemClock);
    }
    const dataset = args.sink === "dataset" ? await datasetTarget(args, schemas, edges, env) : null;
    return { setup: { sink, dataset, store, deadLetters, tuning }, problems };
}

/** What a local `--source` may be, for the messages that say what to pass instead. */
const SOURCE_FORMS = "a capture file, a folder that holds capture files (*.jsonl, *.jsonl.gz, searched recursively) or s3://bucket/prefix";

/** `--source` that cannot be read: what is wrong and what to pass instead (never a raw ENOENT). */
async function sourceProblem(source: string): Promise<string | null> {
    if (source.startsWith("s3://")) return null;
    const stat = await fs.stat(source).catch(() => null);
    if (stat === null) return `--source ${source}: no such file or folder; pass ${SOURCE_FORMS}`;
    if (stat.isDirectory() || stat.isFile()) return null;
    return `--source ${source} is neither a file nor a folder; pass ${SOURCE_FORMS}`;
}

/** A local `--out` must be a folder or a path one can create (never a raw ENOTDIR from deep inside the run). */
function outProblem(out: string | null): string | null {
    if (out === null || out.startsWith("s3://")) return null;
    return folderProblem("--out", out, "pass a folder (created when missing) or s3://bucket/prefix");
}

/** Why a run found nothing to forward, naming what it saw and what to pass. */
function nothingFoundText(source: string, seen: SeenFiles): string {
    const shown = seen.names.slice(0, 5).join(", ") + (seen.total > 5 ? `, and ${seen.total - 5} more` : "");
    const what = seen.total === 0 ? "no file at all" : `${seen.total} file(s): ${shown}`;
    const hint =
        seen.withoutIdentity > 0
            ? `${seen.withoutIdentity} capture file(s) have no {endpoint}/{variant}/yyyy/mm/dd/hh/ in their path: pass --endpoint and --variant`
            : "capture files end in .jsonl or .jsonl.gz";
    return `replay: found no capture file to forward in ${source}; saw ${what}. ${hint}\n`;
}

/** The pipeline's collaborators for a replay: the setup's edges, no deadline, and what replay resends. */
function pipelineDependencies(args: ReplayArgs, setup: ReplaySetup, logger: Logger, redactor: Redactor): PipelineDependencies {
    return {
        sink: setup.sink,
        dataset: setup.dataset,
        store: setup.store,
        deadLetters: setup.deadLetters,
        logger,
        redactor,
        clock: systemClock,
        random: Math.random,
        ...pipelineTuning(setup.tuning),
        deadlineMs: Number.POSITIVE_INFINITY,
        // Replay exists to resend what was dead-lettered once the cause is fixed; a partly accepted
        // chunk only on request, since its accepted inferences would be sent twice.
        resendChunkOutcomes: args.resendPartiallyAccepted ? ["dead-lettered", "partially-accepted"] : ["dead-lettered"],
    };
}

/** The endpoint and variant of an object: from its Data Capture key, else from the flags, else none (skipped). */
function identityOf(
    object: ReplayObject,
    args: ReplayArgs,
    logger: Logger,
): { endpoint: string; variant: string; capturedAt?: string } | null {
    if (!CAPTURE_FILE_SUFFIXES.some((suffix) => object.key.endsWith(suffix))) {
        logger.info("skipping file that is not a capture file", {
            bucket: object.bucket,
            key: object.key,
            reason: `capture files end in ${CAPTURE_FILE_SUFFIXES.join(" or ")}`,
        });
        return null;
    }
    // The whole path: a folder at any level of the layout (datacapture/, <endpoint>/, <variant>/, yyyy/...) still names them.
    const parsed = parseCaptureKey(object.layoutPath);
    if (parsed.ok) return parsed.value;
    if (args.endpoint && args.variant) return { endpoint: args.endpoint, variant: args.variant };
    logger.info("skipping capture file whose path names no endpoint and variant", {
        bucket: object.bucket,
        key: object.key,
        reason: `${parsed.reason}; pass --endpoint and --variant for such files`,
    });
    return null;
}

/** Forwards every object of the source; returns the summary's figures. */
async function forwardAll(source: AsyncIterable<ReplayObject>, args: ReplayArgs, deps: PipelineDependencies, seen: SeenFiles) {
    const counts = emptyCounts();
    const summary = { objects: 0, objectsSkipped: 0, deadLettersLost: 0 };
    const dataset = deps.dataset ? emptyDatasetCounts() : {};
    for await (const object of source) {
        seen.total++;
        if (seen.names.length < 5) seen.names.push(object.key);
        const identity = identityOf(object, args, deps.logger);
        if (!identity) {
            summary.objectsSkipped++;
            if (CAPTURE_FILE_SUFFIXES.some((suffix) => object.key.endsWith(suffix))) seen.withoutIdentity++;
            continue;
        }
        summary.objects++;
        const result = await forwardCaptureObject(
            {
                bucket: object.bucket,
                key: object.key,
                versionId: null,
                etag: object.etag,
                endpoint: identity.endpoint,
                variant: identity.variant,
                capturedAt: identity.capturedAt,
                name: captureFileName(object.key),
                body: object.open(),
                contentType: object.contentType,
            },
            deps,
        );
        addCounts(counts, result.counts);
        if (result.dataset) addDatasetCounts(dataset as DatasetCounts, result.dataset);
        summary.deadLettersLost += result.lost.length;
    }
    return { ...summary, ...counts, ...dataset };
}

export async function replay(
    args: ReplayArgs,
    env: Record<string, string | undefined>,
    logger: Logger,
    redactor: Redactor,
    edges: ReplayEdges = {},
): Promise<number> {
    const stderr = edges.stderr ?? process.stderr;
    // Every problem with the flags' paths, the schemas and the environment, said at once, before anything is read or written.
    const problems = [await sourceProblem(args.source), outProblem(args.out ?? null)].filter((p): p is string => p !== null);
    const schemas = await replayFeatureSchemas({ stack: args.stack ?? null, features: args.features ?? null }, REPOSITORY_ROOT);
    problems.push(...schemas.problems);
    const { setup, problems: environmentProblems } = await setUp(args, env, redactor, edges, schemas.schemas ?? {});
    if (problems.length > 0 || !setup) {
        for (const problem of problems) stderr.write(`replay: ${problem}\n`);
        if (!setup) {
            const lines = environmentProblems.map((p) => `  ${p.variable}: ${p.reason}`).join("\n");
            stderr.write(`replay: invalid environment for --sink ${args.sink}:\n${lines}\n`);
        }
        return 2;
    }
    const source = args.source.startsWith("s3://")
        ? s3Objects(args.source, setup.tuning.s3RangeBytes, edges.s3, env)
        : localObjects(args.source);
    const seen: SeenFiles = { total: 0, names: [], withoutIdentity: 0 };
    const summary = await forwardAll(source, args, pipelineDependencies(args, setup, logger, redactor), seen);
    logger.info(args.dryRun ? "replay summary (dry run: nothing sent)" : "replay summary", summary);
    if (summary.objects === 0) {
        stderr.write(nothingFoundText(args.source, seen));
        return 2;
    }
    return summary.deadLettersLost > 0 ? 1 : 0;
}

/** The process's streams, for the CLI; an in-process run passes streams of its own. */
export interface ReplayStreams {
    stdout: Writable;
    stderr: Writable;
}

/**
 * The whole command: `argv` without node and the script, `env` for the tool's own reads (the AWS SDK
 * reads `process.env` itself). Resolves to the exit status; never rejects.
 */
export async function replayCommand(argv: string[], streams: ReplayStreams, env: Record<string, string | undefined>): Promise<number> {
    try {
        if (wantsHelp(argv)) {
            streams.stdout.write(helpText(REPLAY_COMMAND));
            return 0;
        }
        const { args, problems } = parseReplayArgs(argv);
        if (!args) {
            streams.stderr.write(usageErrorText(REPLAY_COMMAND, problems));
            return 2;
        }
        const redactor = new Redactor();
        const logger = createJsonLogger((line) => streams.stderr.write(`${line}\n`), redactor);
        return await replay(args, env, logger, redactor, streams);
    } catch (error) {
        streams.stderr.write(`replay: ${error instanceof Error ? error.message : String(error)}\n`);
        return 1;
    }
}

if (require.main === module) {
    void replayCommand(process.argv.slice(2), process, process.env).then((code) => (process.exitCode = code));
}
