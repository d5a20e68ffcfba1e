/**
 * Backfill: runs the capture-forwarder pipeline over capture files in a directory or under an S3
 * prefix.
 *
 *   npm run replay -- --source <dir|s3://bucket/prefix> --sink <arthur|http|stdout> [--endpoint E --variant V]
 *     [--chunk-max-bytes N] [--chunk-max-records N] [--resend-partially-accepted]
 *
 * `--sink stdout` prints the normalized inferences, one JSON object per line; logs, dead letters
 * (when DEAD_LETTER_QUEUE_URL is not set) and the summary go to stderr. The arthur and http sinks
 * read the Lambda's environment variables (ARTHUR_HOST, ARTHUR_MODEL_ID, AUTH_SECRET_ARN, HTTP_URL,
 * ..., CHUNK_MAX_BYTES...). With IDEMPOTENCY_TABLE set, chunks the Lambda already delivered and
 * refused records it already dead-lettered are skipped (same sink kind and chunk limits required:
 * --chunk-max-bytes/--chunk-max-records take the Lambda's CHUNK_MAX_* values over the environment):
 * both sides key an object's work by bucket, key and ETag, which S3 events and ListObjects both
 * carry. Chunks the Lambda dead-lettered are sent again (replay's purpose once the cause is
 * fixed); chunks the sink accepted only in part are skipped unless --resend-partially-accepted,
 * because resending them duplicates their accepted inferences. Files whose path does not follow the Data Capture layout
 * take their endpoint and variant from --endpoint/--variant, or are skipped.
 * Exit status: 0 everything accounted for; 1 some dead letter could not be written; 2 bad flags
 * or environment.
 */
import { promises as fs, createReadStream } from "node:fs";
import path from "node:path";
import type { GetObjectCommand, GetObjectCommandOutput, ListObjectsV2Command, ListObjectsV2CommandOutput } from "@aws-sdk/client-s3";
import { parseS3Uri, s3Uri } from "../domain/validationRules";
import { parseCaptureKey } from "../lambdas/capture-forwarder/captureKey";
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
import { StreamSink } from "../lambdas/capture-forwarder/sinks/stdout";

export const REPLAY_SINKS = ["arthur", "http", "stdout"] as const;
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
}

const VALUE_FLAGS = ["--source", "--sink", "--endpoint", "--variant", ...Object.values(REPLAY_CHUNK_LIMIT_FLAGS)] as const;
const SWITCHES = ["--resend-partially-accepted"] as const;
const FLAGS = [...VALUE_FLAGS, ...SWITCHES];
const USAGE =
    "usage: npm run replay -- --source <dir|s3://bucket/prefix> --sink <arthur|http|stdout> [--endpoint <name> --variant <name>]" +
    " [--chunk-max-bytes <n> --chunk-max-records <n> (the Lambda's CHUNK_MAX_*)] [--resend-partially-accepted]";

/** Parses the command line; every problem is reported at once. */
export function parseReplayArgs(argv: string[]): { args: ReplayArgs | null; problems: string[] } {
    const problems: string[] = [];
    const values: Record<string, string> = {};
    const switches = new Set<string>();
    for (let i = 0; i < argv.length; i++) {
        const token = argv[i];
        const [flag, inline] =
            token.startsWith("--") && token.includes("=")
                ? [token.slice(0, token.indexOf("=")), token.slice(token.indexOf("=") + 1)]
                : [token, undefined];
        if ((SWITCHES as readonly string[]).includes(flag)) {
            if (inline !== undefined) problems.push(`${flag} takes no value`);
            else if (switches.has(flag)) problems.push(`${flag} is given more than once`);
            switches.add(flag);
            continue;
        }
        if (!(VALUE_FLAGS as readonly string[]).includes(flag)) {
            problems.push(
                token.startsWith("--")
                    ? `unknown flag ${flag} (known: ${FLAGS.join(", ")})`
                    : `unexpected argument ${JSON.stringify(token)}`,
            );
            // An unknown flag's value is not a second problem.
            if (token.startsWith("--") && inline === undefined && argv[i + 1] !== undefined && !argv[i + 1].startsWith("--")) i++;
            continue;
        }
        const value = inline ?? argv[i + 1];
        if (inline === undefined) i++;
        if (value === undefined || value === "" || (inline === undefined && value.startsWith("--"))) {
            problems.push(`${flag} needs a value`);
            if (inline === undefined && value !== undefined && value.startsWith("--")) i--;
            continue;
        }
        if (flag in values) problems.push(`${flag} is given more than once`);
        values[flag] = value;
    }
    if (!values["--source"] && !problems.includes("--source needs a value"))
        problems.push("--source is required (a directory or s3://bucket/prefix)");
    const sink = values["--sink"];
    if (sink === undefined) {
        if (!problems.includes("--sink needs a value")) problems.push(`--sink is required (one of ${REPLAY_SINKS.join(", ")})`);
    } else if (!(REPLAY_SINKS as readonly string[]).includes(sink)) {
        problems.push(`--sink must be one of ${REPLAY_SINKS.join(", ")}, got ${JSON.stringify(sink)}`);
    }
    if ((values["--endpoint"] === undefined) !== (values["--variant"] === undefined)) problems.push("--endpoint and --variant go together");
    if (values["--source"]?.startsWith("s3://") && s3Uri(values["--source"]) !== undefined) {
        problems.push(`--source ${JSON.stringify(values["--source"])} is not s3://bucket/prefix`);
    }
    for (const [setting, flag] of Object.entries(REPLAY_CHUNK_LIMIT_FLAGS) as [keyof typeof REPLAY_CHUNK_LIMIT_FLAGS, string][]) {
        const problem = values[flag] === undefined ? null : integerSettingProblem(setting, values[flag]);
        if (problem !== null) problems.push(`${flag} ${problem} (the Lambda's ${INTEGER_SETTINGS[setting].env})`);
    }
    if (problems.length > 0) return { args: null, problems };
    const limit = (setting: keyof typeof REPLAY_CHUNK_LIMIT_FLAGS): number | null => {
        const value = values[REPLAY_CHUNK_LIMIT_FLAGS[setting]];
        return value === undefined ? null : Number(value);
    };
    return {
        args: {
            source: values["--source"],
            sink: sink as ReplaySink,
            endpoint: values["--endpoint"] ?? null,
            variant: values["--variant"] ?? null,
            chunkMaxBytes: limit("chunkMaxBytes"),
            chunkMaxRecords: limit("chunkMaxRecords"),
            resendPartiallyAccepted: switches.has("--resend-partially-accepted"),
        },
        problems,
    };
}

interface ReplayObject {
    bucket: string;
    key: string;
    etag: string | null;
    size: number;
    open(): AsyncIterable<Uint8Array>;
}

async function* walk(dir: string): AsyncGenerator<string> {
    const entries = (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) yield* walk(full);
        else if (entry.isFile() && entry.name.endsWith(".jsonl")) yield full;
    }
}

async function* directoryObjects(dir: string): AsyncGenerator<ReplayObject> {
    const root = path.resolve(dir);
    for await (const file of walk(root)) {
        const stat = await fs.stat(file);
        yield {
            bucket: root,
            key: path.relative(root, file).split(path.sep).join("/"),
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

async function* s3Objects(uri: string, rangeBytes: number, client: ReplayS3 | undefined): AsyncGenerator<ReplayObject> {
    const { S3Client, ListObjectsV2Command } = await import("@aws-sdk/client-s3");
    const { readS3Object } = await import("../lambdas/capture-forwarder/s3Source");
    const { bucket, key: prefix } = parseS3Uri(uri);
    const s3: ReplayS3 = client ?? new S3Client({ responseChecksumValidation: "WHEN_REQUIRED" });
    let token: string | undefined;
    do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        for (const item of page.Contents ?? []) {
            if (!item.Key || !item.Key.endsWith(".jsonl")) continue;
            // No versionId: ListObjects has none; the ETag names the content (and pins the reads).
            const ref = { bucket, key: item.Key, versionId: null, etag: item.ETag?.replace(/"/g, "") ?? null, size: item.Size ?? 0 };
            yield { ...ref, open: () => readS3Object(s3, ref, { rangeBytes, maxAttempts: 4, clock: systemClock }) };
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
}

/** Dead letters as JSON lines on stderr, when no queue is configured. */
class StderrDeadLetters implements DeadLetterQueue {
    async send(message: DeadLetterMessage): Promise<void> {
        process.stderr.write(`${JSON.stringify({ deadLetter: message })}\n`);
    }
}

/** Edges a caller (a test, another tool) may supply instead of the ones built from the environment. */
export interface ReplayEdges {
    /** @default an S3Client with the default credentials and region */
    s3?: ReplayS3;
    /** @default the IDEMPOTENCY_TABLE DynamoDB table, or in memory when it is not set */
    store?: IdempotencyStore;
    /** @default the DEAD_LETTER_QUEUE_URL SQS queue, or stderr when it is not set */
    deadLetters?: DeadLetterQueue;
}

interface ReplaySetup {
    sink: Sink;
    store: IdempotencyStore;
    deadLetters: DeadLetterQueue;
    tuning: TuningSettings;
}

async function setUp(
    args: ReplayArgs,
    env: Record<string, string | undefined>,
    redactor: Redactor,
    edges: ReplayEdges,
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
    const sinkSettings = args.sink === "stdout" ? null : readSinkEnvironment({ ...env, [ENV.sink]: args.sink }, problems);
    const queueUrl = env[ENV.deadLetterQueueUrl];
    const table = env[ENV.idempotencyTable];
    const queueProblem = queueUrl ? queueUrlProblem(queueUrl) : null;
    if (queueProblem) problems.push({ variable: ENV.deadLetterQueueUrl, reason: queueProblem });
    const tableProblem = table ? tableNameProblem(table) : null;
    if (tableProblem) problems.push({ variable: ENV.idempotencyTable, reason: tableProblem });
    if (problems.length > 0) return { setup: null, problems };

    let sink: Sink;
    if (sinkSettings === null) {
        sink = new StreamSink(process.stdout);
    } else {
        const { SecretsManagerClient } = await import("@aws-sdk/client-secrets-manager");
        const { buildSink } = await import("../lambdas/capture-forwarder/dependencies");
        sink = buildSink(sinkSettings, tuning.secretCacheTtlSeconds, new SecretsManagerClient({}), redactor);
    }
    let deadLetters: DeadLetterQueue = edges.deadLetters ?? new StderrDeadLetters();
    if (queueUrl && !edges.deadLetters) {
        const { SQSClient } = await import("@aws-sdk/client-sqs");
        const { SqsDeadLetterQueue } = await import("../lambdas/capture-forwarder/deadLetter");
        deadLetters = new SqsDeadLetterQueue(new SQSClient({}), queueUrl);
    }
    let store: IdempotencyStore = edges.store ?? new InMemoryIdempotencyStore();
    if (table && !edges.store) {
        const { DynamoDBClient } = await import("@aws-sdk/client-dynamodb");
        const { DynamoDbIdempotencyStore } = await import("../lambdas/capture-forwarder/idempotency");
        store = new DynamoDbIdempotencyStore(new DynamoDBClient({}), table, tuning.idempotencyTtlDays * 86_400, systemClock);
    }
    return { setup: { sink, store, deadLetters, tuning }, problems };
}

export async function replay(
    args: ReplayArgs,
    env: Record<string, string | undefined>,
    logger: Logger,
    redactor: Redactor,
    edges: ReplayEdges = {},
): Promise<number> {
    const { setup, problems } = await setUp(args, env, redactor, edges);
    if (!setup) {
        process.stderr.write(
            `replay: invalid environment for --sink ${args.sink}:\n${problems.map((p) => `  ${p.variable}: ${p.reason}`).join("\n")}\n`,
        );
        return 2;
    }
    const deps: PipelineDependencies = {
        sink: setup.sink,
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
    const counts = emptyCounts();
    let objects = 0;
    let objectsSkipped = 0;
    let lost = 0;
    const source = args.source.startsWith("s3://")
        ? s3Objects(args.source, setup.tuning.s3RangeBytes, edges.s3)
        : directoryObjects(args.source);
    for await (const object of source) {
        const parsed = parseCaptureKey(object.key);
        const identity = parsed.ok
            ? parsed.value
            : args.endpoint && args.variant
              ? { endpoint: args.endpoint, variant: args.variant }
              : null;
        if (!identity) {
            objectsSkipped++;
            logger.info("skipping object that is not a Data Capture file", {
                bucket: object.bucket,
                key: object.key,
                reason: parsed.ok ? "" : parsed.reason,
            });
            continue;
        }
        objects++;
        const result = await forwardCaptureObject(
            {
                bucket: object.bucket,
                key: object.key,
                versionId: null,
                etag: object.etag,
                endpoint: identity.endpoint,
                variant: identity.variant,
                name: path.posix.basename(object.key, ".jsonl"),
                body: object.open(),
            },
            deps,
        );
        addCounts(counts, result.counts);
        lost += result.lost.length;
    }
    logger.info("replay summary", { objects, objectsSkipped, deadLettersLost: lost, ...counts });
    return lost > 0 ? 1 : 0;
}

async function main(): Promise<void> {
    const { args, problems } = parseReplayArgs(process.argv.slice(2));
    if (!args) {
        process.stderr.write(`${problems.map((p) => `replay: ${p}`).join("\n")}\n${USAGE}\n`);
        process.exitCode = 2;
        return;
    }
    const redactor = new Redactor();
    const logger = createJsonLogger((line) => process.stderr.write(`${line}\n`), redactor);
    process.exitCode = await replay(args, process.env, logger, redactor);
}

if (require.main === module) {
    main().catch((error: unknown) => {
        process.stderr.write(`replay: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
    });
}
