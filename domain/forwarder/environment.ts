/**
 * The forwarder's configuration lives in Lambda environment variables. This module owns their
 * names, defaults and validation, and builds the environment for the Pulumi component
 * (buildForwarderEnvironment), so names cannot drift between the two sides.
 */

import { secretArn as secretArnRule } from "../arn";
import { s3BucketName, s3Prefix } from "../validationRules";

/** How sink deliveries are retried (lambdas/capture-forwarder/retry.ts applies it). */
export interface RetryPolicy {
    /** Attempts per chunk, the first included. @default 6 */
    maxAttempts: number;
    /** Backoff cap of the first retry; doubles per attempt. @default 200 */
    baseDelayMs: number;
    /** Largest backoff cap (Retry-After may ask for longer and is honoured). @default 20000 */
    maxDelayMs: number;
    /** Time kept free before the Lambda's deadline for logging and dead-lettering. @default 10000 */
    safetyMarginMs: number;
}

/** Environment variable names. */
export const ENV = {
    sink: "SINK",
    arthurHost: "ARTHUR_HOST",
    arthurModelId: "ARTHUR_MODEL_ID",
    arthurAllowUndocumentedForms: "ARTHUR_ALLOW_UNDOCUMENTED_FORMS",
    authSecretArn: "AUTH_SECRET_ARN",
    httpUrl: "HTTP_URL",
    httpAuthHeader: "HTTP_AUTH_HEADER",
    httpAuthPrefix: "HTTP_AUTH_PREFIX",
    deadLetterQueueUrl: "DEAD_LETTER_QUEUE_URL",
    idempotencyTable: "IDEMPOTENCY_TABLE",
    idempotencyTtlDays: "IDEMPOTENCY_TTL_DAYS",
    chunkMaxBytes: "CHUNK_MAX_BYTES",
    chunkMaxRecords: "CHUNK_MAX_RECORDS",
    httpTimeoutMs: "HTTP_TIMEOUT_MS",
    retryMaxAttempts: "RETRY_MAX_ATTEMPTS",
    retryBaseDelayMs: "RETRY_BASE_DELAY_MS",
    retryMaxDelayMs: "RETRY_MAX_DELAY_MS",
    safetyMarginMs: "SAFETY_MARGIN_MS",
    secretCacheTtlSeconds: "SECRET_CACHE_TTL_SECONDS",
    s3RangeBytes: "S3_RANGE_BYTES",
    /** The forwarder's `allowedHosts`, comma-separated; checked with the sink URL at start-up (domain/forwarder/egress.ts). */
    allowedHosts: "ALLOWED_HOSTS",
    /** Bucket the dataset sink writes Parquet files to (docs/components/dataset.md); unset: no dataset. */
    datasetBucket: "DATASET_BUCKET",
    /** Key prefix of the dataset in DATASET_BUCKET, no leading or trailing slash. */
    datasetPrefix: "DATASET_PREFIX",
} as const;

export const SINK_KINDS = ["arthur", "http"] as const;
export type SinkKind = (typeof SINK_KINDS)[number];

export type SinkSettings =
    | {
          kind: "arthur";
          host: string;
          modelId: string;
          authSecretArn: string;
          /** Send payload forms Arthur does not document (JSON Lines, bare arrays and scalars) instead of dead-lettering them. @default false */
          allowUndocumentedForms: boolean;
      }
    | { kind: "http"; url: string; auth: { secretArn: string; header: string; prefix: string } | null };

export interface TuningSettings {
    /** @default 8388608 (8 MiB) */
    chunkMaxBytes: number;
    /** @default 10000 */
    chunkMaxRecords: number;
    /** @default 30000 */
    httpTimeoutMs: number;
    retry: RetryPolicy;
    /** @default 300 */
    secretCacheTtlSeconds: number;
    /** @default 8388608 (8 MiB) */
    s3RangeBytes: number;
    /** @default 14 */
    idempotencyTtlDays: number;
}

/** The pipeline's delivery settings from the tuning, for the Lambda and for replay alike. */
export function pipelineTuning(tuning: TuningSettings): {
    chunkLimits: { maxBytes: number; maxRecords: number };
    retry: RetryPolicy;
    attemptTimeoutMs: number;
} {
    return {
        chunkLimits: { maxBytes: tuning.chunkMaxBytes, maxRecords: tuning.chunkMaxRecords },
        retry: tuning.retry,
        attemptTimeoutMs: tuning.httpTimeoutMs,
    };
}

/** Where the dataset sink writes (domain/dataset/datasetLayout.ts); the feature schemas ship beside the code (DATASET_SCHEMAS_FILE). */
export interface DatasetSettings {
    bucket: string;
    prefix: string;
}

export interface ForwarderConfig {
    /** The push sink; null when the forwarder only writes the dataset. */
    sink: SinkSettings | null;
    /** The dataset sink; null when the forwarder only pushes. */
    dataset: DatasetSettings | null;
    deadLetterQueueUrl: string;
    idempotencyTable: string;
    tuning: TuningSettings;
}

interface IntegerRule {
    env: string;
    min: number;
    max: number;
    default: number;
}

/** Integer settings: range and default, in one table used by parsing and by the docs. */
export const INTEGER_SETTINGS = {
    chunkMaxBytes: { env: ENV.chunkMaxBytes, min: 1024, max: 64 * 1024 * 1024, default: 8 * 1024 * 1024 },
    chunkMaxRecords: { env: ENV.chunkMaxRecords, min: 1, max: 1_000_000, default: 10_000 },
    httpTimeoutMs: { env: ENV.httpTimeoutMs, min: 100, max: 900_000, default: 30_000 },
    retryMaxAttempts: { env: ENV.retryMaxAttempts, min: 1, max: 20, default: 6 },
    retryBaseDelayMs: { env: ENV.retryBaseDelayMs, min: 1, max: 60_000, default: 200 },
    retryMaxDelayMs: { env: ENV.retryMaxDelayMs, min: 1, max: 900_000, default: 20_000 },
    safetyMarginMs: { env: ENV.safetyMarginMs, min: 0, max: 300_000, default: 10_000 },
    secretCacheTtlSeconds: { env: ENV.secretCacheTtlSeconds, min: 0, max: 86_400, default: 300 },
    s3RangeBytes: { env: ENV.s3RangeBytes, min: 64 * 1024, max: 256 * 1024 * 1024, default: 8 * 1024 * 1024 },
    idempotencyTtlDays: { env: ENV.idempotencyTtlDays, min: 1, max: 365, default: 14 },
} satisfies Record<string, IntegerRule>;

export type IntegerSetting = keyof typeof INTEGER_SETTINGS;

export interface EnvironmentProblem {
    variable: string;
    reason: string;
}

const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const MODEL_ID = /^[A-Za-z0-9._~-]{1,256}$/;
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** https, or http to a loopback address (tests and local replay). */
function urlProblem(text: string): string | null {
    let url: URL;
    try {
        url = new URL(text);
    } catch {
        return `must be an absolute URL (https://...), got ${JSON.stringify(text)}`;
    }
    if (url.protocol === "https:") return null;
    if (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)) return null;
    return `must use https (plain http is allowed only to 127.0.0.1/localhost), got ${JSON.stringify(text)}`;
}

/** Why `text` is not a valid value of an integer setting, or null; shared with replay's flags. */
export function integerSettingProblem(name: IntegerSetting, text: string): string | null {
    const rule: IntegerRule = INTEGER_SETTINGS[name];
    if (/^\d+$/.test(text) && Number(text) >= rule.min && Number(text) <= rule.max) return null;
    return `must be an integer from ${rule.min} to ${rule.max}, got ${JSON.stringify(text)}`;
}

function readInteger(env: Record<string, string | undefined>, name: IntegerSetting, problems: EnvironmentProblem[]): number {
    const rule: IntegerRule = INTEGER_SETTINGS[name];
    const text = env[rule.env];
    if (text === undefined || text === "") return rule.default;
    const problem = integerSettingProblem(name, text);
    if (problem !== null) {
        problems.push({ variable: rule.env, reason: problem });
        return rule.default;
    }
    return Number(text);
}

function required(env: Record<string, string | undefined>, name: string, why: string, problems: EnvironmentProblem[]): string {
    const value = env[name];
    if (value === undefined || value === "") {
        problems.push({ variable: name, reason: `is required ${why}` });
        return "";
    }
    return value;
}

function check(problems: EnvironmentProblem[], variable: string, value: string, problem: string | null): void {
    if (value !== "" && problem !== null) problems.push({ variable, reason: problem });
}

/** The sink settings (SINK and its variables); problems are appended to `problems`. */
export function readSinkEnvironment(env: Record<string, string | undefined>, problems: EnvironmentProblem[]): SinkSettings | null {
    const kind = env[ENV.sink];
    if (kind === "arthur") {
        const host = required(env, ENV.arthurHost, "when SINK is arthur", problems);
        check(problems, ENV.arthurHost, host, urlProblem(host));
        const modelId = required(env, ENV.arthurModelId, "when SINK is arthur", problems);
        check(
            problems,
            ENV.arthurModelId,
            modelId,
            MODEL_ID.test(modelId) ? null : `must be 1-256 characters of A-Z a-z 0-9 . _ ~ -, got ${JSON.stringify(modelId)}`,
        );
        const authSecretArn = required(env, ENV.authSecretArn, "when SINK is arthur (the Arthur API token)", problems);
        check(problems, ENV.authSecretArn, authSecretArn, secretArnRule(authSecretArn) ?? null);
        const allow = env[ENV.arthurAllowUndocumentedForms] ?? "";
        check(
            problems,
            ENV.arthurAllowUndocumentedForms,
            allow,
            /^(true|false)$/.test(allow) ? null : `must be true or false, got ${JSON.stringify(allow)}`,
        );
        return { kind, host, modelId, authSecretArn, allowUndocumentedForms: allow === "true" };
    }
    if (kind === "http") {
        const url = required(env, ENV.httpUrl, "when SINK is http", problems);
        check(problems, ENV.httpUrl, url, urlProblem(url));
        const secretArn = env[ENV.authSecretArn] ?? "";
        const header = env[ENV.httpAuthHeader] ?? "";
        const prefix = env[ENV.httpAuthPrefix] ?? "";
        check(problems, ENV.authSecretArn, secretArn, secretArnRule(secretArn) ?? null);
        check(
            problems,
            ENV.httpAuthHeader,
            header,
            HEADER_NAME.test(header) ? null : `must be an HTTP header name (token characters), got ${JSON.stringify(header)}`,
        );
        if (secretArn === "" && (header !== "" || prefix !== "")) {
            problems.push({
                variable: ENV.authSecretArn,
                reason: `is required when ${ENV.httpAuthHeader} or ${ENV.httpAuthPrefix} is set (the header's value is read from the secret)`,
            });
        }
        return { kind, url, auth: secretArn === "" ? null : { secretArn, header: header || "Authorization", prefix } };
    }
    problems.push({
        variable: ENV.sink,
        reason: `must be one of ${SINK_KINDS.join(", ")}, got ${kind === undefined ? "nothing" : JSON.stringify(kind)}`,
    });
    return null;
}

/** The integer tuning settings, defaulted; problems are appended to `problems`. */
export function readTuningEnvironment(env: Record<string, string | undefined>, problems: EnvironmentProblem[]): TuningSettings {
    const n = (name: IntegerSetting): number => readInteger(env, name, problems);
    const tuning: TuningSettings = {
        chunkMaxBytes: n("chunkMaxBytes"),
        chunkMaxRecords: n("chunkMaxRecords"),
        httpTimeoutMs: n("httpTimeoutMs"),
        retry: {
            maxAttempts: n("retryMaxAttempts"),
            baseDelayMs: n("retryBaseDelayMs"),
            maxDelayMs: n("retryMaxDelayMs"),
            safetyMarginMs: n("safetyMarginMs"),
        },
        secretCacheTtlSeconds: n("secretCacheTtlSeconds"),
        s3RangeBytes: n("s3RangeBytes"),
        idempotencyTtlDays: n("idempotencyTtlDays"),
    };
    if (tuning.retry.baseDelayMs > tuning.retry.maxDelayMs) {
        problems.push({
            variable: ENV.retryBaseDelayMs,
            reason: `must not exceed ${ENV.retryMaxDelayMs} (${tuning.retry.maxDelayMs}), got ${tuning.retry.baseDelayMs}`,
        });
    }
    return tuning;
}

/** The DynamoDB table name rule, shared with replay's optional table. */
export function tableNameProblem(name: string): string | null {
    return TABLE_NAME.test(name)
        ? null
        : `must be a DynamoDB table name (3-255 characters of A-Z a-z 0-9 _ . -), got ${JSON.stringify(name)}`;
}

/** The SQS queue URL rule, shared with replay's optional queue. */
export function queueUrlProblem(url: string): string | null {
    return urlProblem(url);
}

/** Parses and validates the environment; every problem is collected, none thrown. */
export function readForwarderEnvironment(env: Record<string, string | undefined>): {
    config: ForwarderConfig | null;
    problems: EnvironmentProblem[];
} {
    const problems: EnvironmentProblem[] = [];
    const dataset = readDatasetEnvironment(env, problems);
    // A forwarder may write only the dataset: then SINK is left unset.
    const sink = dataset !== null && (env[ENV.sink] ?? "") === "" ? null : readSinkEnvironment(env, problems);
    const deadLetterQueueUrl = required(env, ENV.deadLetterQueueUrl, "(the SQS queue for chunks that cannot be delivered)", problems);
    check(problems, ENV.deadLetterQueueUrl, deadLetterQueueUrl, urlProblem(deadLetterQueueUrl));
    const idempotencyTable = required(env, ENV.idempotencyTable, "(the DynamoDB table of delivered chunks)", problems);
    check(problems, ENV.idempotencyTable, idempotencyTable, tableNameProblem(idempotencyTable));
    const tuning = readTuningEnvironment(env, problems);
    if (problems.length > 0 || (sink === null && dataset === null)) return { config: null, problems };
    return { config: { sink, dataset, deadLetterQueueUrl, idempotencyTable, tuning }, problems };
}

/** The dataset settings: both variables or neither; problems are appended to `problems`. */
function readDatasetEnvironment(env: Record<string, string | undefined>, problems: EnvironmentProblem[]): DatasetSettings | null {
    const bucket = env[ENV.datasetBucket] ?? "";
    const prefix = env[ENV.datasetPrefix] ?? "";
    if (bucket === "") {
        if (prefix !== "") problems.push({ variable: ENV.datasetBucket, reason: `is required when ${ENV.datasetPrefix} is set` });
        return null;
    }
    check(problems, ENV.datasetBucket, bucket, s3BucketName(bucket) ?? null);
    if (prefix !== "") check(problems, ENV.datasetPrefix, prefix, s3Prefix(prefix) ?? null);
    return { bucket, prefix };
}

export class ForwarderEnvironmentError extends Error {
    constructor(readonly problems: EnvironmentProblem[]) {
        super(`invalid capture-forwarder environment:\n${problems.map((p) => `  ${p.variable}: ${p.reason}`).join("\n")}`);
        this.name = "ForwarderEnvironmentError";
    }
}

/** Reads the environment at cold start; throws one error naming every bad variable. */
export function loadForwarderConfig(env: Record<string, string | undefined>): ForwarderConfig {
    const { config, problems } = readForwarderEnvironment(env);
    if (!config) throw new ForwarderEnvironmentError(problems);
    return config;
}

/** What the Pulumi component knows; resolved values (apply Outputs first). */
export interface ForwarderEnvironmentArgs {
    /** The push sink. @default none: the forwarder only writes the dataset (then `dataset` is required) */
    sink?:
        | {
              kind: "arthur";
              host: string;
              modelId: string;
              authSecretArn: string;
              /** Send payload forms Arthur does not document (JSON Lines, bare arrays and scalars) instead of dead-lettering them. @default false */
              allowUndocumentedPayloadForms?: boolean;
          }
        | {
              kind: "http";
              url: string;
              /** Secret whose value is the auth header's value; no auth header when absent. */
              authSecretArn?: string;
              /** @default "Authorization" */
              authHeader?: string;
              /** Put before the secret's value, e.g. "Bearer ". @default "" */
              authPrefix?: string;
          };
    /** The dataset sink's bucket and prefix. @default none: the forwarder only pushes */
    dataset?: DatasetSettings;
    deadLetterQueueUrl: string;
    idempotencyTable: string;
    /** Only the settings given are written; the others take the defaults in INTEGER_SETTINGS. */
    tuning?: Partial<Record<IntegerSetting, number>>;
}

/** Where each variable comes from in ForwarderEnvironmentArgs, for error property paths. */
export const ENV_ARG_PATHS: Record<string, string> = {
    [ENV.sink]: "sink.kind",
    [ENV.arthurHost]: "sink.host",
    [ENV.arthurModelId]: "sink.modelId",
    [ENV.arthurAllowUndocumentedForms]: "sink.allowUndocumentedPayloadForms",
    [ENV.authSecretArn]: "sink.authSecretArn",
    [ENV.httpUrl]: "sink.url",
    [ENV.httpAuthHeader]: "sink.authHeader",
    [ENV.httpAuthPrefix]: "sink.authPrefix",
    [ENV.datasetBucket]: "dataset.bucket",
    [ENV.datasetPrefix]: "dataset.prefix",
    [ENV.deadLetterQueueUrl]: "deadLetterQueueUrl",
    [ENV.idempotencyTable]: "idempotencyTable",
    ...Object.fromEntries(Object.entries(INTEGER_SETTINGS).map(([name, rule]) => [rule.env, `tuning.${name}`])),
};

/** tools/replay.ts's flags for the chunk limits: replay and the alarms' runbook read this one table. */
export const REPLAY_CHUNK_LIMIT_FLAGS = { chunkMaxBytes: "--chunk-max-bytes", chunkMaxRecords: "--chunk-max-records" } as const;

function sinkEnvironment(sink: NonNullable<ForwarderEnvironmentArgs["sink"]>): Record<string, string> {
    const env: Record<string, string> = { [ENV.sink]: sink.kind };
    if (sink.kind === "arthur") {
        env[ENV.arthurHost] = sink.host;
        env[ENV.arthurModelId] = sink.modelId;
        env[ENV.authSecretArn] = sink.authSecretArn;
        if (sink.allowUndocumentedPayloadForms === true) env[ENV.arthurAllowUndocumentedForms] = "true";
    } else {
        env[ENV.httpUrl] = sink.url;
        if (sink.authSecretArn !== undefined) env[ENV.authSecretArn] = sink.authSecretArn;
        if (sink.authHeader !== undefined) env[ENV.httpAuthHeader] = sink.authHeader;
        if (sink.authPrefix !== undefined) env[ENV.httpAuthPrefix] = sink.authPrefix;
    }
    return env;
}

function environmentOf(args: ForwarderEnvironmentArgs): Record<string, string> {
    const env: Record<string, string> = args.sink === undefined ? {} : sinkEnvironment(args.sink);
    if (args.dataset !== undefined) {
        env[ENV.datasetBucket] = args.dataset.bucket;
        if (args.dataset.prefix !== "") env[ENV.datasetPrefix] = args.dataset.prefix;
    }
    env[ENV.deadLetterQueueUrl] = args.deadLetterQueueUrl;
    env[ENV.idempotencyTable] = args.idempotencyTable;
    for (const [name, value] of Object.entries(args.tuning ?? {})) {
        if (value !== undefined) env[INTEGER_SETTINGS[name as IntegerSetting].env] = String(value);
    }
    return env;
}

/**
 * The component's validation: the problems buildForwarderEnvironment would throw, by property
 * path of ForwarderEnvironmentArgs (for pulumi.InputPropertiesError).
 */
export function validateForwarderEnvironmentArgs(args: ForwarderEnvironmentArgs): Array<{ propertyPath: string; reason: string }> {
    return readForwarderEnvironment(environmentOf(args)).problems.map((p) => ({
        propertyPath: ENV_ARG_PATHS[p.variable] ?? p.variable,
        reason: `${p.reason} (environment variable ${p.variable})`,
    }));
}

/**
 * The Lambda environment for the given settings (a pure function the component calls with
 * resolved values). Throws ForwarderEnvironmentError when the Lambda would refuse it.
 */
export function buildForwarderEnvironment(args: ForwarderEnvironmentArgs): Record<string, string> {
    const env = environmentOf(args);
    const { problems } = readForwarderEnvironment(env);
    if (problems.length > 0) throw new ForwarderEnvironmentError(problems);
    return env;
}
