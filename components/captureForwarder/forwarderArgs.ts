import * as pulumi from "@pulumi/pulumi";
import { LOG_RETENTION_DAYS } from "../../domain/cloudWatchLogs";
import { IntegerSetting } from "../../domain/forwarder/environment";
import { CaptureDestination } from "../core/endpoint/endpointArgs";
import { DatasetDestination } from "../captureDataset/captureDatasetArgs";

/**
 * Arthur's SageMaker Data Capture integration. The API token lives in Secrets Manager (plain
 * text, or `{"token": "..."}`); its value is set out of band, never in config or code.
 */
interface ArthurSinkArgs {
    kind: "arthur";
    /** `https://...` base URL of the Arthur platform, e.g. `https://app.arthur.ai`. Arthur's cloud hosts (`*.arthur.ai`, port 443) need no `allowedHosts` entry; any other must be listed. */
    host: string;
    /** Arthur model ID the inferences belong to. */
    modelId: string;
    /** Send payload forms Arthur does not document (JSON Lines, bare JSON arrays and scalars) instead of dead-lettering them; Arthur may reject them after accepting the upload. @default false */
    allowUndocumentedPayloadForms?: boolean;
    /** Secrets Manager secret holding the API token. @default an empty secret is created (encrypted with the forwarder's key); put the token in it after the first deployment */
    tokenSecretArn?: pulumi.Input<string>;
    /** Customer-managed KMS key that encrypts `tokenSecretArn`; the forwarder may decrypt with it. Only with `tokenSecretArn`. @default none (the AWS-managed Secrets Manager key) */
    tokenSecretKmsKeyArn?: pulumi.Input<string>;
    /** Let `tokenSecretArn` also serve forwarders of the stack that send to another host (checked across a stack's forwarders). @default false: a token secret is bound to one host */
    sharedTokenSecret?: boolean;
}

/** Any HTTPS endpoint that takes normalized inferences as JSON lines. */
interface HttpSinkArgs {
    kind: "http";
    /** `https://...` ingest URL; its host (and a port other than 443) must be listed in `allowedHosts`. */
    url: string;
    /** Header that carries the secret's value. @default "Authorization" when a token secret is given or created; no auth header otherwise */
    authHeaderName?: string;
    /** Put before the secret's value, e.g. `"Bearer "`. @default "" */
    authPrefix?: string;
    /** Secret holding the header's value. @default none, unless `authHeaderName` or `authPrefix` is set: then an empty secret is created (encrypted with the forwarder's key) */
    tokenSecretArn?: pulumi.Input<string>;
    /** As for the arthur sink. @default none */
    tokenSecretKmsKeyArn?: pulumi.Input<string>;
    /** As for the arthur sink. @default false */
    sharedTokenSecret?: boolean;
}

export type ForwarderSinkArgs = ArthurSinkArgs | HttpSinkArgs;

/** The pipeline's tuning knobs (chunk limits, retries, timeouts), written to the Lambda environment only when set. Ranges and defaults: INTEGER_SETTINGS in the Lambda's config.ts. */
type ForwarderTuningArgs = Partial<Record<IntegerSetting, number>>;

/** Everything about a forwarder except where its capture files are and where its alarms go: the part a stack file sets. */
export interface ForwarderSettings extends ForwarderTuningArgs {
    /** Physical name of the Lambda; the queues, table, log group and alarms are named after it. 1-61 characters of A-Z a-z 0-9 _ - (`<name>-failed-invocations` must fit SQS's 80). @default the component name */
    functionName?: string;
    /** Endpoints whose capture files it forwards: one notification rule per endpoint prefix. @default every endpoint (one rule on the whole capture prefix) */
    endpointNames?: string[];
    /** Where the capture files' records are pushed. @default none: the forwarder only writes the dataset (then `dataset` is required) */
    sink?: ForwarderSinkArgs;
    /**
     * Hosts the sink may send to, besides Arthur's cloud hosts for the arthur sink: `"host"` (port
     * 443), `"host:port"` or `"*.domain"`, DNS names only (no IP address, no localhost or private
     * names). The Lambda checks its URL against them again at start-up.
     * @default [] (the arthur sink reaches Arthur's cloud only; the http sink nothing)
     */
    allowedHosts?: string[];
    /** Lambda timeout, 1-900 s; must exceed safetyMarginMs. An object not finished in time is resumed by Lambda's retry, without resending delivered chunks. @default 300 */
    timeoutSeconds?: number;
    /** Lambda memory, 128-10240 MB. CPU grows with memory; the pipeline itself stays near 130 MB RSS on 1 GB files. @default 1024 */
    memorySizeMb?: number;
    /** Reserved concurrency (>= 1): caps how hard a capture burst hits the sink. @default none (unreserved) */
    reservedConcurrency?: number;
    /** Lambda's retries of a failed asynchronous invocation, 0-2, before it goes to the failed-invocation queue. Retries are safe: delivered chunks are skipped. @default 2 */
    maximumRetryAttempts?: number;
    /** How long Lambda keeps retrying an S3 event, 60-21600 s. @default 21600 */
    maximumEventAgeSeconds?: number;
    /** Log retention, one of CloudWatch's values (1, 3, 5, 7, 14, 30, 60, 90, ...). @default 30 */
    logRetentionDays?: number;
    /** @default {} */
    tags?: Record<string, string>;
}

export interface CaptureForwarderArgs extends ForwarderSettings {
    /** Where Data Capture writes: a CaptureBucket's `destination()`. */
    capture: CaptureDestination;
    /** SNS topic every alarm of the forwarder notifies (AlarmNotifications' `topicArn`). */
    alarmTopicArn: pulumi.Input<string>;
    /** Also write each capture file's inferences as Parquet to the capture dataset: a CaptureDataset's `destination()`. At least one of `sink` and `dataset`. @default none */
    dataset?: DatasetDestination;
}

export const CAPTURE_FORWARDER_DEFAULTS = {
    timeoutSeconds: 300,
    memorySizeMb: 1024,
    maximumRetryAttempts: 2,
    maximumEventAgeSeconds: 21600,
    logRetentionDays: 30,
} as const;

/** Limits AWS puts on the settings above. */
export const CAPTURE_FORWARDER_LIMITS = {
    maxTimeoutSeconds: 900,
    minMemorySizeMb: 128,
    maxMemorySizeMb: 10240,
    maxRetryAttempts: 2,
    minEventAgeSeconds: 60,
    maxEventAgeSeconds: 21600,
    logRetentionDays: LOG_RETENTION_DAYS,
} as const;

/** Capture files end in `.jsonl`. Other `.jsonl` files under the prefix (ground truth, Model Monitor merge output) trigger the Lambda too; it skips them by key layout, with a log line. */
export const CAPTURE_FILE_SUFFIX = ".jsonl";
export const CAPTURE_OBJECT_CREATED = "s3:ObjectCreated:*";
