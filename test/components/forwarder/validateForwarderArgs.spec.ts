import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { CaptureForwarderArgs } from "../../../components/captureForwarder/forwarderArgs";
import {
    createsTokenSecret,
    forwarderEnvironmentArgs,
    forwarderEnvironmentProblems,
    forwarderEnvironmentVariables,
    wiredValuePath,
    wiredValueProblem,
} from "../../../components/captureForwarder/forwarderEnvironment";
import { captureForwarderArgsProblems, validateCaptureForwarderArgs } from "../../../components/captureForwarder/validateForwarderArgs";

const base: CaptureForwarderArgs = {
    capture: {
        bucketName: "capture-bucket",
        prefix: "datacapture",
        kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/e0000002-0000-4000-8000-000000000002",
    },
    sink: { kind: "arthur", host: "https://app.arthur.ai", modelId: "m" },
    alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:alarms",
};
const SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:arthur-token-AbCdEf";
const NAME_RULE =
    "must be 1-61 characters of A-Z a-z 0-9 _ - (it names the Lambda function, and its queues, table, log group and alarms are named after it)";
const COMPONENT_NAME_RULE =
    "must be 1-82 characters of A-Z a-z 0-9 _ - (Pulumi names the role policy, the S3 invoke permission and the token secret after it)";
const F62 = "f".repeat(62);
const F70 = "f".repeat(70);
const HTTPS_RULE = "must use https (plain http is allowed only to 127.0.0.1/localhost)";

describe("CaptureForwarder argument validation", () => {
    it("accepts the minimal arthur and http arguments", () => {
        assert.deepStrictEqual(captureForwarderArgsProblems("arthur-churn", base), []);
        assert.deepStrictEqual(
            captureForwarderArgsProblems("http-churn", {
                ...base,
                sink: { kind: "http", url: "https://ingest.example.com/v1" },
                allowedHosts: ["ingest.example.com"],
            }),
            [],
        );
    });

    it("accepts the longest names whose derived names fit: a 61-character function, an 82-character component", () => {
        assert.deepStrictEqual(captureForwarderArgsProblems("f".repeat(61), base), []);
        assert.deepStrictEqual(captureForwarderArgsProblems("c".repeat(82), { ...base, functionName: "f".repeat(61) }), []);
    });

    const cases: [string, string, Partial<CaptureForwarderArgs>, [string, string][]][] = [
        [
            "the default function name",
            "bad name!",
            {},
            [["functionName", `${NAME_RULE} (got "bad name!"); it defaults to the component name`]],
        ],
        [
            "a function name one character too long for its failed-invocation queue",
            "ok",
            { functionName: F62 },
            [
                [
                    "functionName",
                    `must be at most 61 characters (got 62: "${F62}"): the SQS queue "${F62}-failed-invocations" would be 81 characters, over its limit of 80`,
                ],
            ],
        ],
        [
            "every derived name a long function name breaks",
            "ok",
            { functionName: F70 },
            [
                [
                    "functionName",
                    `must be at most 61 characters (got 70: "${F70}"): the Lambda function "${F70}" would be 70 characters, over its limit of 64; ` +
                        `the SQS queue "${F70}-dead-letters" would be 83 characters, over its limit of 80; the SQS queue "${F70}-failed-invocations" would be 89 characters, over its limit of 80`,
                ],
            ],
        ],
        [
            "a component name that breaks its auto-named children's characters, with the function named separately",
            "bad name!",
            { functionName: "ok" },
            [["name", `${COMPONENT_NAME_RULE} (got "bad name!")`]],
        ],
        [
            "a component name too long for the auto-named S3 invoke statement ID",
            "c".repeat(83),
            { functionName: "ok" },
            [
                [
                    "name",
                    `must be at most 82 characters (got 83: "${"c".repeat(83)}"): the Lambda permission statement ID "${"c".repeat(83)}-s3-invoke-<7 random characters>" would be 101 characters, over its limit of 100`,
                ],
            ],
        ],
        [
            "an empty endpoint list",
            "ok",
            { endpointNames: [] },
            [["endpointNames", "must list at least one endpoint (leave it out to forward every endpoint's capture)"]],
        ],
        [
            "bad and repeated endpoint names",
            "ok",
            { endpointNames: ["a", "a", "b_c"] },
            [
                [
                    "endpointNames[2]",
                    'must match ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$: letters, digits and hyphens, starting and ending with a letter or digit (got "b_c")',
                ],
                ["endpointNames", 'must not repeat a value (repeated: "a")'],
            ],
        ],
        [
            "an unknown sink kind",
            "ok",
            { sink: { kind: "kafka" } as never },
            [["sink.kind", 'must be one of "arthur", "http" (got "kafka")']],
        ],
        [
            "the arthur host, model ID and secret ARN (the Lambda's own rules)",
            "ok",
            { sink: { kind: "arthur", host: "http://app.arthur.ai", modelId: "m m", tokenSecretArn: "arn:aws:kms:x" } },
            [
                ["sink.host", `${HTTPS_RULE}, got "http://app.arthur.ai" (environment variable ARTHUR_HOST)`],
                ["sink.modelId", 'must be 1-256 characters of A-Z a-z 0-9 . _ ~ -, got "m m" (environment variable ARTHUR_MODEL_ID)'],
                [
                    "sink.tokenSecretArn",
                    'must be a Secrets Manager secret ARN arn:aws:secretsmanager:<region>:<account>:secret:<name>, but it is not an ARN (got "arn:aws:kms:x") (environment variable AUTH_SECRET_ARN)',
                ],
            ],
        ],
        [
            "http URL and header name",
            "ok",
            { sink: { kind: "http", url: "ftp://x", authHeaderName: "bad header" } },
            [
                ["sink.url", `${HTTPS_RULE}, got "ftp://x" (environment variable HTTP_URL)`],
                [
                    "sink.authHeaderName",
                    'must be an HTTP header name (token characters), got "bad header" (environment variable HTTP_AUTH_HEADER)',
                ],
            ],
        ],
        [
            "a secret key without a secret",
            "ok",
            {
                sink: {
                    kind: "http",
                    url: "https://x.example.com",
                    tokenSecretKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/e0000005-0000-4000-8000-000000000005",
                },
                allowedHosts: ["x.example.com"],
            },
            [
                [
                    "sink.tokenSecretKmsKeyArn",
                    "must not be set without sink.tokenSecretArn: a created secret is encrypted with the forwarder's own key",
                ],
            ],
        ],
        [
            "a secret key that is not a key ARN",
            "ok",
            { sink: { ...base.sink, tokenSecretArn: SECRET, tokenSecretKmsKeyArn: "nope" } as never },
            [
                [
                    "sink.tokenSecretKmsKeyArn",
                    'must be a KMS key ARN arn:aws:kms:<region>:<account>:key/<key id>, but it is not an ARN (got "nope")',
                ],
            ],
        ],
        [
            "the issue's egress holes: the metadata service, loopback http, userinfo (each at the sink's URL property, once)",
            "ok",
            { sink: { kind: "arthur", host: "https://169.254.169.254", modelId: "m" } },
            [
                [
                    "sink.host",
                    'must be a DNS name, not an IP address (169.254.169.254 is an IPv4 literal, link-local: the instance metadata service) (got "https://169.254.169.254")',
                ],
            ],
        ],
        [
            "loopback http: the component never allows it, whatever the Lambda's test option",
            "ok",
            { sink: { kind: "http", url: "http://localhost:9001" } },
            [["sink.url", 'must use https (got "http://localhost:9001")']],
        ],
        [
            "userinfo hiding the real host",
            "ok",
            { sink: { kind: "arthur", host: "https://app.arthur.ai@evil.example", modelId: "m" } },
            [
                [
                    "sink.host",
                    'must not contain userinfo (a "user@" before the host: it hides the real host, here "evil.example") (got "https://app.arthur.ai@evil.example")',
                ],
            ],
        ],
        [
            "a self-hosted Arthur on another port, listed",
            "ok",
            {
                sink: { kind: "arthur", host: "https://arthur.corp.example:8443", modelId: "m" },
                allowedHosts: ["arthur.corp.example:8443"],
            },
            [],
        ],
        [
            "bad and repeated allowedHosts entries, and an unlisted http host",
            "ok",
            { sink: { kind: "http", url: "https://ingest.example.com" }, allowedHosts: ["10.0.0.5", "x.example.com", "x.example.com"] },
            [
                [
                    "allowedHosts[0]",
                    'must be a DNS name, not an IP address (10.0.0.5 is an IPv4 literal, private) (got "10.0.0.5"; entries are "host", "host:port" or "*.domain" in lower case, e.g. "ingest.example.com" or "ingest.example.com:8443")',
                ],
                ["allowedHosts", 'must not repeat a value (repeated: "x.example.com")'],
                [
                    "sink.url",
                    'must name a host listed in allowedHosts: add "ingest.example.com" to allowedHosts to send there (got "https://ingest.example.com")',
                ],
            ],
        ],
        [
            "sharedTokenSecret without a given secret",
            "ok",
            { sink: { kind: "arthur", host: "https://app.arthur.ai", modelId: "m", sharedTokenSecret: true } },
            [["sink.sharedTokenSecret", "must not be set without sink.tokenSecretArn: a created secret serves this forwarder only"]],
        ],
        [
            "tuning (the Lambda's own ranges)",
            "ok",
            { chunkMaxBytes: 10 },
            [["chunkMaxBytes", 'must be an integer from 1024 to 67108864, got "10" (environment variable CHUNK_MAX_BYTES)']],
        ],
        [
            "retry delays in the wrong order",
            "ok",
            { retryBaseDelayMs: 5000, retryMaxDelayMs: 1000 },
            [["retryBaseDelayMs", "must not exceed RETRY_MAX_DELAY_MS (1000), got 5000 (environment variable RETRY_BASE_DELAY_MS)"]],
        ],
        [
            "a timeout over Lambda's limit",
            "ok",
            { timeoutSeconds: 901 },
            [["timeoutSeconds", "must be an integer from 1 to 900 (got 901)"]],
        ],
        [
            "a timeout that leaves no time after the safety margin",
            "ok",
            { timeoutSeconds: 10 },
            [
                [
                    "timeoutSeconds",
                    "must leave time to work: 10000 ms is not more than safetyMarginMs (10000 ms), the time the handler keeps free to dead-letter and log before the timeout",
                ],
            ],
        ],
        ["memory", "ok", { memorySizeMb: 64 }, [["memorySizeMb", "must be an integer from 128 to 10240 (got 64)"]]],
        ["reserved concurrency", "ok", { reservedConcurrency: 0 }, [["reservedConcurrency", "must be an integer >= 1 (got 0)"]]],
        ["retry attempts", "ok", { maximumRetryAttempts: 3 }, [["maximumRetryAttempts", "must be an integer from 0 to 2 (got 3)"]]],
        ["event age", "ok", { maximumEventAgeSeconds: 30 }, [["maximumEventAgeSeconds", "must be an integer from 60 to 21600 (got 30)"]]],
        [
            "log retention",
            "ok",
            { logRetentionDays: 31 },
            [
                [
                    "logRetentionDays",
                    "must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (got 31)",
                ],
            ],
        ],
        [
            "tags",
            "ok",
            { tags: { "aws:x": "y" } },
            [["tags.aws:x", 'tag key must not start with the reserved prefix "aws:" (got "aws:x")']],
        ],
        [
            "the capture location and the alarm topic",
            "ok",
            {
                capture: { bucketName: "Bad_Bucket", prefix: "/x/", kmsKeyArn: "arn:aws:sns:us-east-1:123456789012:t" },
                alarmTopicArn: "topic",
            },
            [
                [
                    "capture.prefix",
                    `must be 1-512 characters of S3-safe key segments (letters, digits, !_.*'()-) separated by single "/", with no leading or trailing "/" (got "/x/")`,
                ],
                [
                    "capture.bucketName",
                    'must be an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit (got "Bad_Bucket")',
                ],
                [
                    "capture.kmsKeyArn",
                    'must be a KMS key ARN arn:aws:kms:<region>:<account>:key/<key id>, but its service is "sns", not kms (got "arn:aws:sns:us-east-1:123456789012:t")',
                ],
                [
                    "alarmTopicArn",
                    'must be an SNS topic ARN arn:aws:sns:<region>:<account>:<topic name>, but it is not an ARN (got "topic")',
                ],
            ],
        ],
    ];
    for (const [what, name, change, expected] of cases) {
        it(`reports ${what} at its exact path`, () => {
            assert.deepStrictEqual(
                captureForwarderArgsProblems(name, { ...base, ...change }).map((p) => [p.propertyPath, p.reason]),
                expected,
            );
        });
    }

    it("leaves values known only at deploy time to the deploy-time checks", () => {
        const later = pulumi.output("not checked yet");
        assert.deepStrictEqual(
            captureForwarderArgsProblems("ok", {
                ...base,
                capture: { ...base.capture, bucketName: later, kmsKeyArn: later },
                alarmTopicArn: later,
                sink: { ...base.sink, tokenSecretArn: later, tokenSecretKmsKeyArn: later } as never,
            }),
            [],
        );
    });

    it("throws one InputPropertiesError listing every problem", () => {
        assert.throws(
            () => validateCaptureForwarderArgs("ok", { ...base, memorySizeMb: 64, reservedConcurrency: 0 }),
            (error: any) =>
                pulumi.InputPropertiesError.isInstance(error) &&
                error.message ===
                    'CaptureForwarder "ok": 2 invalid inputs:\n  - memorySizeMb: must be an integer from 128 to 10240 (got 64)\n  - reservedConcurrency: must be an integer >= 1 (got 0)' &&
                error.errors.length === 2,
        );
    });
});

describe("forwarder environment arguments", () => {
    const wiring = {
        deadLetterQueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/f-dead-letters",
        idempotencyTable: "f-deliveries",
        tokenSecretArn: SECRET,
    };

    it("creates a token secret for arthur without one, and for http only when an auth header is asked for", () => {
        assert.deepStrictEqual(
            [
                createsTokenSecret({ kind: "arthur", host: "https://h", modelId: "m" }),
                createsTokenSecret({ kind: "arthur", host: "https://h", modelId: "m", tokenSecretArn: SECRET }),
                createsTokenSecret({ kind: "http", url: "https://u" }),
                createsTokenSecret({ kind: "http", url: "https://u", authHeaderName: "X-Api-Key" }),
                createsTokenSecret({ kind: "http", url: "https://u", authPrefix: "Bearer " }),
                createsTokenSecret({ kind: "http", url: "https://u", authHeaderName: "X-Api-Key", tokenSecretArn: SECRET }),
            ],
            [true, false, false, true, true, false],
        );
    });

    it("maps the settings onto the Lambda's environment arguments, tuning only where set", () => {
        assert.deepStrictEqual(
            forwarderEnvironmentArgs(
                { sink: { kind: "arthur", host: "https://h", modelId: "m" }, chunkMaxBytes: 2048, timeoutSeconds: 60 },
                wiring,
            ),
            {
                sink: { kind: "arthur", host: "https://h", modelId: "m", authSecretArn: SECRET },
                deadLetterQueueUrl: wiring.deadLetterQueueUrl,
                idempotencyTable: "f-deliveries",
                tuning: { chunkMaxBytes: 2048 },
            },
        );
        assert.deepStrictEqual(
            forwarderEnvironmentArgs({ sink: { kind: "http", url: "https://u", authHeaderName: "X-Api-Key", authPrefix: "Key " } }, wiring)
                .sink,
            {
                kind: "http",
                url: "https://u",
                authSecretArn: SECRET,
                authHeader: "X-Api-Key",
                authPrefix: "Key ",
            },
        );
        assert.deepStrictEqual(
            forwarderEnvironmentArgs({ sink: { kind: "http", url: "https://u" } }, { ...wiring, tokenSecretArn: undefined }).sink,
            { kind: "http", url: "https://u" },
        );
    });

    it("reports what the Lambda would refuse at the component's paths", () => {
        assert.deepStrictEqual(
            forwarderEnvironmentProblems({ sink: { kind: "http", url: "https://u" } }, { ...wiring, tokenSecretArn: "arn:aws:s3:::nope" }),
            [
                {
                    propertyPath: "sink.tokenSecretArn",
                    reason: 'must be a Secrets Manager secret ARN arn:aws:secretsmanager:<region>:<account>:secret:<name>, but its service is "s3", not secretsmanager (got "arn:aws:s3:::nope") (environment variable AUTH_SECRET_ARN)',
                },
            ],
        );
    });

    it("keeps one value per variable: the settings as plain strings, each wired value as given (an Output in the component)", () => {
        const wired = { deadLetterQueueUrl: { wired: "queue" }, idempotencyTable: { wired: "table" } };
        assert.deepStrictEqual(
            forwarderEnvironmentVariables(
                { sink: { kind: "arthur", host: "https://h", modelId: "m" }, chunkMaxBytes: 2048 },
                { ...wired, tokenSecretArn: { wired: "secret" } },
            ),
            {
                SINK: "arthur",
                ARTHUR_HOST: "https://h",
                ARTHUR_MODEL_ID: "m",
                AUTH_SECRET_ARN: { wired: "secret" },
                DEAD_LETTER_QUEUE_URL: { wired: "queue" },
                IDEMPOTENCY_TABLE: { wired: "table" },
                CHUNK_MAX_BYTES: "2048",
            },
        );
        assert.deepStrictEqual(
            forwarderEnvironmentVariables({ sink: { kind: "http", url: "https://u" } }, { ...wired, tokenSecretArn: undefined }),
            {
                SINK: "http",
                HTTP_URL: "https://u",
                DEAD_LETTER_QUEUE_URL: { wired: "queue" },
                IDEMPOTENCY_TABLE: { wired: "table" },
            },
        );
    });

    it("checks each wired value at deploy time with the Lambda's rule, at its own path", () => {
        const settings = { sink: { kind: "http", url: "https://u" } } as const;
        assert.deepStrictEqual(
            [wiredValuePath("deadLetterQueueUrl"), wiredValuePath("idempotencyTable"), wiredValuePath("tokenSecretArn")],
            ["deadLetterQueueUrl", "idempotencyTable", "sink.tokenSecretArn"],
        );
        assert.deepStrictEqual(
            [
                wiredValueProblem(settings, "deadLetterQueueUrl", "http://sqs.example.com/q"),
                wiredValueProblem(settings, "idempotencyTable", "x"),
                wiredValueProblem(settings, "tokenSecretArn", "arn:aws:s3:::nope"),
                wiredValueProblem(settings, "idempotencyTable", 7),
                wiredValueProblem(settings, "deadLetterQueueUrl", wiring.deadLetterQueueUrl),
            ],
            [
                'must use https (plain http is allowed only to 127.0.0.1/localhost), got "http://sqs.example.com/q" (environment variable DEAD_LETTER_QUEUE_URL)',
                'must be a DynamoDB table name (3-255 characters of A-Z a-z 0-9 _ . -), got "x" (environment variable IDEMPOTENCY_TABLE)',
                'must be a Secrets Manager secret ARN arn:aws:secretsmanager:<region>:<account>:secret:<name>, but its service is "s3", not secretsmanager (got "arn:aws:s3:::nope") (environment variable AUTH_SECRET_ARN)',
                "must be a string, got 7 (environment variable IDEMPOTENCY_TABLE)",
                undefined,
            ],
        );
    });
});
