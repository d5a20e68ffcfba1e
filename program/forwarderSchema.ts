import { z } from "zod";
import { INTEGER_SETTINGS, IntegerSetting } from "../domain/forwarder/environment";
import { ARN_KINDS, arnForm } from "../domain/arn";
import { ARTHUR_CLOUD_HOSTS } from "../domain/forwarder/egress";
import { CAPTURE_FORWARDER_DEFAULTS, CAPTURE_FORWARDER_LIMITS } from "../components/captureForwarder/forwarderArgs";
import { TUNING_SETTINGS } from "../components/captureForwarder/forwarderEnvironment";
import { MAX_FUNCTION_NAME_LENGTH } from "../components/captureForwarder/forwarderNameLimits";
import { doc, form, integers } from "./schemaDoc";

/**
 * The shape of a `forwarders` entry. Shapes only: CaptureForwarder's validator (and through it the
 * Lambda's own environment rules) checks the values, at the same paths.
 */
const tokenSecret = {
    tokenSecretArn: z
        .string()
        .optional()
        .meta(
            doc("Secrets Manager secret holding the sink's token (its value is set out of band, never in config).", {
                defaultText:
                    "arthur, or http with an auth header: an empty secret is created, to fill after the first deployment; otherwise none",
                allowed: form(arnForm(ARN_KINDS.secret)),
            }),
        ),
    tokenSecretKmsKeyArn: z
        .string()
        .optional()
        .meta(
            doc("Customer-managed KMS key of tokenSecretArn; the forwarder may decrypt with it. Only with tokenSecretArn.", {
                defaultText: "none (the AWS-managed Secrets Manager key)",
                allowed: form(arnForm(ARN_KINDS.kmsKey)),
            }),
        ),
    sharedTokenSecret: z
        .boolean()
        .optional()
        .meta(
            doc("Let tokenSecretArn also serve forwarders of this stack that send to another host. Only with tokenSecretArn.", {
                default: false,
                allowed: "true or false",
            }),
        ),
};

const httpsUrl = `${form("https://<host>[:port][/path]")} URL: a DNS name (no IP address, localhost or private name), no userinfo, query or fragment`;

const sink = z.discriminatedUnion("kind", [
    z.strictObject({
        kind: z
            .literal("arthur")
            .meta(doc("Where the forwarder delivers: Arthur's Data Capture integration, or any HTTPS endpoint taking JSON lines.")),
        host: z.string().meta(
            doc("Base URL of the Arthur platform, e.g. https://app.arthur.ai.", {
                allowed: `${httpsUrl}; a host under ${ARTHUR_CLOUD_HOSTS.map(form).join(", ")} on port 443, or one listed in allowedHosts`,
            }),
        ),
        modelId: z.string().meta(doc("Arthur model ID the inferences belong to.", { allowed: "1-256 characters of A-Z a-z 0-9 . _ ~ -" })),
        allowUndocumentedPayloadForms: z
            .boolean()
            .optional()
            .meta(
                doc(
                    "Send payload forms Arthur does not document (JSON Lines, bare JSON arrays and scalars) instead of dead-lettering them; Arthur may reject them after accepting the upload.",
                    { default: false },
                ),
            ),
        ...tokenSecret,
    }),
    z.strictObject({
        kind: z.literal("http"),
        url: z.string().meta(doc("Ingest URL.", { allowed: `${httpsUrl}; its host listed in allowedHosts` })),
        authHeaderName: z
            .string()
            .optional()
            .meta(
                doc("Header that carries the secret's value.", {
                    defaultText: '"Authorization" when a token secret is given or created; no auth header otherwise',
                    allowed: "HTTP header name",
                }),
            ),
        authPrefix: z
            .string()
            .optional()
            .meta(doc('Put before the secret\'s value, e.g. "Bearer ".', { defaultText: "none" })),
        ...tokenSecret,
    }),
]);

/** What each of the Lambda's integer settings tunes; ranges and defaults are INTEGER_SETTINGS'. */
const TUNING_DESCRIPTIONS: Record<IntegerSetting, string> = {
    chunkMaxBytes: "Most bytes of records in one delivery to the sink.",
    chunkMaxRecords: "Most records in one delivery to the sink.",
    httpTimeoutMs: "Timeout of one delivery attempt, in milliseconds.",
    retryMaxAttempts: "Attempts per delivery, the first included.",
    retryBaseDelayMs: "Backoff cap of the first retry, in milliseconds; it doubles per attempt.",
    retryMaxDelayMs: "Largest backoff cap, in milliseconds (a sink's Retry-After may ask for longer and is honoured).",
    safetyMarginMs: "Milliseconds kept free before the Lambda's timeout to dead-letter and log.",
    secretCacheTtlSeconds: "How long the token is cached, in seconds.",
    s3RangeBytes: "Bytes read from S3 per ranged GET.",
    idempotencyTtlDays: "Days a delivered chunk is remembered, so a retried object skips it.",
};

/** chunkMaxBytes, chunkMaxRecords, ...: the Lambda's integer settings, by their own names. */
const tuning = Object.fromEntries(
    TUNING_SETTINGS.map((setting) => [
        setting,
        z
            .number()
            .optional()
            .meta(
                doc(TUNING_DESCRIPTIONS[setting], {
                    default: INTEGER_SETTINGS[setting].default,
                    allowed: integers(INTEGER_SETTINGS[setting]),
                }),
            ),
    ]),
) as Record<IntegerSetting, z.ZodOptional<z.ZodNumber>>;

const d = CAPTURE_FORWARDER_DEFAULTS;
const L = CAPTURE_FORWARDER_LIMITS;

export const forwarderEntrySchema = z
    .strictObject({
        name: z.string().meta(
            doc("Component name and physical name of the Lambda; its queues, table, log group and alarms are named after it.", {
                allowed: `1-${MAX_FUNCTION_NAME_LENGTH} characters of A-Z a-z 0-9 _ -, unique in the stack`,
            }),
        ),
        endpoints: z
            .array(z.string())
            .optional()
            .meta(
                doc("Endpoints of this stack whose capture files it forwards.", {
                    defaultText: "every endpoint",
                    allowed: "names of this stack's endpoints, at least one, no repeats",
                }),
            ),
        sink: sink.optional().meta(
            doc("Where the capture files' records are pushed.", {
                defaultText: "none: the forwarder only writes the dataset (`dataset: true` is then required)",
            }),
        ),
        dataset: z
            .boolean()
            .optional()
            .meta(
                doc("Also write its endpoints' capture as Parquet to the capture dataset (`sagemaker-monitoring:dataset`).", {
                    default: false,
                    allowed: "true or false; at least one of sink and dataset: true",
                }),
            ),
        allowedHosts: z
            .array(z.string())
            .optional()
            .meta(
                doc(
                    "Hosts the sink may send to, besides Arthur's cloud hosts for the arthur sink; the Lambda checks its URL again at start-up.",
                    {
                        defaultText: "none: the arthur sink reaches Arthur's cloud only, the http sink nothing",
                        allowed: `${form("host")} (port 443), ${form("host:port")} or ${form("*.domain")}: lower-case DNS names, no IP address, localhost or private name, no repeats`,
                    },
                ),
            ),
        timeoutSeconds: z
            .number()
            .optional()
            .meta(
                doc("Lambda timeout; an object not finished in time is resumed by Lambda's retry without resending delivered chunks.", {
                    default: d.timeoutSeconds,
                    allowed: `${integers({ min: 1, max: L.maxTimeoutSeconds })}, longer than safetyMarginMs`,
                }),
            ),
        memorySizeMb: z
            .number()
            .optional()
            .meta(
                doc("Lambda memory; CPU grows with it.", {
                    default: d.memorySizeMb,
                    allowed: integers({ min: L.minMemorySizeMb, max: L.maxMemorySizeMb }),
                }),
            ),
        reservedConcurrency: z
            .number()
            .optional()
            .meta(
                doc("Reserved concurrency: caps how hard a capture burst hits the sink.", {
                    defaultText: "none (unreserved)",
                    allowed: "integer >= 1",
                }),
            ),
        maximumRetryAttempts: z
            .number()
            .optional()
            .meta(
                doc("Lambda's retries of a failed S3 event before it goes to the failed-invocation queue.", {
                    default: d.maximumRetryAttempts,
                    allowed: integers({ min: 0, max: L.maxRetryAttempts }),
                }),
            ),
        maximumEventAgeSeconds: z
            .number()
            .optional()
            .meta(
                doc("How long Lambda keeps retrying an S3 event.", {
                    default: d.maximumEventAgeSeconds,
                    allowed: integers({ min: L.minEventAgeSeconds, max: L.maxEventAgeSeconds }),
                }),
            ),
        logRetentionDays: z
            .number()
            .optional()
            .meta(
                doc("Days the Lambda's logs are kept.", {
                    default: d.logRetentionDays,
                    allowed: `one of ${L.logRetentionDays.join(", ")}`,
                }),
            ),
        ...tuning,
        tags: z
            .record(z.string(), z.string())
            .optional()
            .meta(doc("Tags of this forwarder's resources, over the stack's `tags`.", { defaultText: "none" })),
    })
    .meta({ title: "forwarder" });

export type ForwarderEntry = z.infer<typeof forwarderEntrySchema>;
