import assert from "node:assert/strict";
import {
    buildForwarderEnvironment,
    ENV,
    ForwarderEnvironmentError,
    loadForwarderConfig,
    readForwarderEnvironment,
    validateForwarderEnvironmentArgs,
} from "../../../domain/forwarder/environment";

const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:arthur-token-AbCdEf";
const QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/capture-forwarder-dlq";

describe("capture-forwarder config", () => {
    it("reads a dataset-only configuration: SINK unset, DATASET_BUCKET set", () => {
        const { config, problems } = readForwarderEnvironment({
            DATASET_BUCKET: "capture-bucket-1",
            DATASET_PREFIX: "dataset",
            DEAD_LETTER_QUEUE_URL: QUEUE,
            IDEMPOTENCY_TABLE: "forwarder-chunks",
        });
        assert.deepStrictEqual([config?.sink, config?.dataset, problems], [null, { bucket: "capture-bucket-1", prefix: "dataset" }, []]);
    });

    it("refuses a dataset prefix without its bucket, a bad bucket name, and no sink at all", () => {
        const base = { DEAD_LETTER_QUEUE_URL: QUEUE, IDEMPOTENCY_TABLE: "forwarder-chunks" };
        assert.deepStrictEqual(readForwarderEnvironment({ ...base, DATASET_PREFIX: "dataset" }).problems, [
            { variable: "DATASET_BUCKET", reason: "is required when DATASET_PREFIX is set" },
            { variable: "SINK", reason: "must be one of arthur, http, got nothing" },
        ]);
        assert.deepStrictEqual(
            readForwarderEnvironment({ ...base, DATASET_BUCKET: "Bad_Bucket", DATASET_PREFIX: "/lead" }).problems.map((p) => p.variable),
            ["DATASET_BUCKET", "DATASET_PREFIX"],
        );
    });

    it("reads an arthur configuration with defaults", () => {
        assert.deepStrictEqual(
            loadForwarderConfig({
                SINK: "arthur",
                ARTHUR_HOST: "https://app.arthur.ai",
                ARTHUR_MODEL_ID: "model-1",
                AUTH_SECRET_ARN: ARN,
                DEAD_LETTER_QUEUE_URL: QUEUE,
                IDEMPOTENCY_TABLE: "forwarder-chunks",
            }),
            {
                sink: {
                    kind: "arthur",
                    host: "https://app.arthur.ai",
                    modelId: "model-1",
                    authSecretArn: ARN,
                    allowUndocumentedForms: false,
                },
                dataset: null,
                deadLetterQueueUrl: QUEUE,
                idempotencyTable: "forwarder-chunks",
                tuning: {
                    chunkMaxBytes: 8388608,
                    chunkMaxRecords: 10000,
                    httpTimeoutMs: 30000,
                    retry: { maxAttempts: 6, baseDelayMs: 200, maxDelayMs: 20000, safetyMarginMs: 10000 },
                    secretCacheTtlSeconds: 300,
                    s3RangeBytes: 8388608,
                    idempotencyTtlDays: 14,
                },
            },
        );
    });

    it("reads an http configuration with an auth header and tuning", () => {
        const { config } = readForwarderEnvironment({
            SINK: "http",
            HTTP_URL: "https://monitor.example.com/ingest",
            AUTH_SECRET_ARN: ARN,
            HTTP_AUTH_HEADER: "X-Api-Key",
            DEAD_LETTER_QUEUE_URL: QUEUE,
            IDEMPOTENCY_TABLE: "forwarder-chunks",
            CHUNK_MAX_BYTES: "1048576",
            RETRY_MAX_ATTEMPTS: "3",
        });
        assert.deepStrictEqual(config?.sink, {
            kind: "http",
            url: "https://monitor.example.com/ingest",
            auth: { secretArn: ARN, header: "X-Api-Key", prefix: "" },
        });
        assert.deepStrictEqual([config?.tuning.chunkMaxBytes, config?.tuning.retry.maxAttempts], [1048576, 3]);
    });

    it("names every bad variable at once", () => {
        assert.throws(
            () =>
                loadForwarderConfig({
                    SINK: "arthur",
                    ARTHUR_HOST: "http://arthur.internal",
                    AUTH_SECRET_ARN: "my-secret",
                    DEAD_LETTER_QUEUE_URL: QUEUE,
                    CHUNK_MAX_BYTES: "10MB",
                    RETRY_BASE_DELAY_MS: "30000",
                    RETRY_MAX_DELAY_MS: "1000",
                }),
            (error: unknown) => {
                assert.ok(error instanceof ForwarderEnvironmentError);
                assert.deepStrictEqual(error.problems, [
                    {
                        variable: "ARTHUR_HOST",
                        reason: 'must use https (plain http is allowed only to 127.0.0.1/localhost), got "http://arthur.internal"',
                    },
                    { variable: "ARTHUR_MODEL_ID", reason: "is required when SINK is arthur" },
                    {
                        variable: "AUTH_SECRET_ARN",
                        reason: 'must be a Secrets Manager secret ARN arn:aws:secretsmanager:<region>:<account>:secret:<name>, but it is not an ARN (got "my-secret")',
                    },
                    { variable: "IDEMPOTENCY_TABLE", reason: "is required (the DynamoDB table of delivered chunks)" },
                    { variable: "CHUNK_MAX_BYTES", reason: 'must be an integer from 1024 to 67108864, got "10MB"' },
                    { variable: "RETRY_BASE_DELAY_MS", reason: "must not exceed RETRY_MAX_DELAY_MS (1000), got 30000" },
                ]);
                assert.equal(
                    error.message,
                    "invalid capture-forwarder environment:\n" +
                        '  ARTHUR_HOST: must use https (plain http is allowed only to 127.0.0.1/localhost), got "http://arthur.internal"\n' +
                        "  ARTHUR_MODEL_ID: is required when SINK is arthur\n" +
                        '  AUTH_SECRET_ARN: must be a Secrets Manager secret ARN arn:aws:secretsmanager:<region>:<account>:secret:<name>, but it is not an ARN (got "my-secret")\n' +
                        "  IDEMPOTENCY_TABLE: is required (the DynamoDB table of delivered chunks)\n" +
                        '  CHUNK_MAX_BYTES: must be an integer from 1024 to 67108864, got "10MB"\n' +
                        "  RETRY_BASE_DELAY_MS: must not exceed RETRY_MAX_DELAY_MS (1000), got 30000",
                );
                return true;
            },
        );
    });

    it("refuses a missing or unknown SINK and an auth header without its secret", () => {
        assert.deepStrictEqual(readForwarderEnvironment({ DEAD_LETTER_QUEUE_URL: QUEUE, IDEMPOTENCY_TABLE: "tbl" }).problems, [
            { variable: "SINK", reason: "must be one of arthur, http, got nothing" },
        ]);
        assert.deepStrictEqual(
            readForwarderEnvironment({ SINK: "kafka", DEAD_LETTER_QUEUE_URL: QUEUE, IDEMPOTENCY_TABLE: "tbl" }).problems,
            [{ variable: "SINK", reason: 'must be one of arthur, http, got "kafka"' }],
        );
        assert.deepStrictEqual(
            readForwarderEnvironment({
                SINK: "http",
                HTTP_URL: "http://127.0.0.1:8080/x",
                HTTP_AUTH_HEADER: "Bad Header",
                DEAD_LETTER_QUEUE_URL: QUEUE,
                IDEMPOTENCY_TABLE: "tbl",
            }).problems,
            [
                { variable: "HTTP_AUTH_HEADER", reason: 'must be an HTTP header name (token characters), got "Bad Header"' },
                {
                    variable: "AUTH_SECRET_ARN",
                    reason: "is required when HTTP_AUTH_HEADER or HTTP_AUTH_PREFIX is set (the header's value is read from the secret)",
                },
            ],
        );
    });

    it("builds the environment the Lambda reads back unchanged", () => {
        const env = buildForwarderEnvironment({
            sink: {
                kind: "http",
                url: "https://monitor.example.com/ingest",
                authSecretArn: ARN,
                authHeader: "X-Api-Key",
                authPrefix: "Token ",
            },
            deadLetterQueueUrl: QUEUE,
            idempotencyTable: "forwarder-chunks",
            tuning: { chunkMaxBytes: 2097152, httpTimeoutMs: 10000 },
        });
        assert.deepStrictEqual(env, {
            SINK: "http",
            HTTP_URL: "https://monitor.example.com/ingest",
            AUTH_SECRET_ARN: ARN,
            HTTP_AUTH_HEADER: "X-Api-Key",
            HTTP_AUTH_PREFIX: "Token ",
            DEAD_LETTER_QUEUE_URL: QUEUE,
            IDEMPOTENCY_TABLE: "forwarder-chunks",
            CHUNK_MAX_BYTES: "2097152",
            HTTP_TIMEOUT_MS: "10000",
        });
        const config = loadForwarderConfig(env);
        assert.deepStrictEqual(
            [config.sink, config.tuning.chunkMaxBytes, config.tuning.httpTimeoutMs],
            [
                {
                    kind: "http",
                    url: "https://monitor.example.com/ingest",
                    auth: { secretArn: ARN, header: "X-Api-Key", prefix: "Token " },
                },
                2097152,
                10000,
            ],
        );
        assert.equal(ENV.deadLetterQueueUrl, "DEAD_LETTER_QUEUE_URL");
    });

    it("reports component argument problems by property path", () => {
        assert.deepStrictEqual(
            validateForwarderEnvironmentArgs({
                sink: { kind: "arthur", host: "arthur.example.com", modelId: "m 1", authSecretArn: ARN },
                deadLetterQueueUrl: QUEUE,
                idempotencyTable: "forwarder-chunks",
                tuning: { chunkMaxRecords: 0 },
            }),
            [
                {
                    propertyPath: "sink.host",
                    reason: 'must be an absolute URL (https://...), got "arthur.example.com" (environment variable ARTHUR_HOST)',
                },
                {
                    propertyPath: "sink.modelId",
                    reason: 'must be 1-256 characters of A-Z a-z 0-9 . _ ~ -, got "m 1" (environment variable ARTHUR_MODEL_ID)',
                },
                {
                    propertyPath: "tuning.chunkMaxRecords",
                    reason: 'must be an integer from 1 to 1000000, got "0" (environment variable CHUNK_MAX_RECORDS)',
                },
            ],
        );
        assert.throws(
            () =>
                buildForwarderEnvironment({
                    sink: { kind: "arthur", host: "https://app.arthur.ai", modelId: "m", authSecretArn: ARN },
                    deadLetterQueueUrl: "",
                    idempotencyTable: "tbl",
                }),
            {
                name: "ForwarderEnvironmentError",
                message:
                    "invalid capture-forwarder environment:\n  DEAD_LETTER_QUEUE_URL: is required (the SQS queue for chunks that cannot be delivered)",
            },
        );
    });
});
