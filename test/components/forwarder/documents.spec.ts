import * as assert from "assert";
import { alarmDefinitionProblems } from "../../../components/core/alarms/alarmLimits";
import { ALARM_DESCRIPTION_MAX_LENGTH, buildForwarderAlarmDefinitions } from "../../../components/captureForwarder/forwarderAlarms";
import { buildForwarderKeyPolicy } from "../../../components/captureForwarder/forwarderKeyPolicy";
import {
    autoNamedNames,
    explicitNames,
    MAX_COMPONENT_NAME_LENGTH,
    MAX_FUNCTION_NAME_LENGTH,
} from "../../../components/captureForwarder/forwarderNameLimits";
import { autoNamedChildNames, forwarderNames, logGroupArn } from "../../../components/captureForwarder/forwarderNames";
import { buildForwarderRolePolicy, ForwarderRoleScope } from "../../../components/captureForwarder/forwarderRolePolicy";
import { INTEGER_SETTINGS } from "../../../domain/forwarder/environment";
import { parsePolicyDocument, wildcardProblems } from "../../../domain/iamPolicyDocument";
import { parseReplayArgs } from "../../../tools/replay";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/e0000003-0000-4000-8000-000000000003";
const CAPTURE_KEY = "arn:aws:kms:us-east-1:123456789012:key/e0000002-0000-4000-8000-000000000002";
const SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:arthur-token-AbCdEf";
const LOG_GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/arthur-churn";
const scope: ForwarderRoleScope = {
    partition: "aws",
    bucketName: "capture-bucket",
    keyPrefixes: ["datacapture/fraud/", "datacapture/churn/"],
    captureKmsKeyArn: CAPTURE_KEY,
    tokenSecretArn: SECRET,
    tokenSecretKmsKeyArn: undefined,
    forwarderKmsKeyArn: KEY,
    deadLetterQueueArn: "arn:aws:sqs:us-east-1:123456789012:arthur-churn-dead-letters",
    failedInvocationQueueArn: "arn:aws:sqs:us-east-1:123456789012:arthur-churn-failed-invocations",
    tableArn: "arn:aws:dynamodb:us-east-1:123456789012:table/arthur-churn-deliveries",
    logGroupArn: LOG_GROUP,
};

const read = {
    Sid: "ReadCaptureFiles",
    Effect: "Allow",
    Action: ["s3:GetObject", "s3:GetObjectVersion"],
    Resource: ["arn:aws:s3:::capture-bucket/datacapture/churn/*", "arn:aws:s3:::capture-bucket/datacapture/fraud/*"],
};
const decryptCapture = { Sid: "DecryptCaptureFiles", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [CAPTURE_KEY] };
const readToken = { Sid: "ReadSinkToken", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [SECRET] };
const rest = [
    {
        Sid: "SendDeadLettersAndFailedInvocations",
        Effect: "Allow",
        Action: ["sqs:SendMessage"],
        Resource: [scope.deadLetterQueueArn, scope.failedInvocationQueueArn],
    },
    { Sid: "UseForwarderKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [KEY] },
    { Sid: "CheckAndRecordDeliveries", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem"], Resource: [scope.tableArn] },
    {
        Sid: "WriteOwnLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: [`${LOG_GROUP}:log-stream:*`],
    },
];

describe("forwarder role policy", () => {
    it("grants exactly its prefixes (read only: it never lists), keys, secret, queues, table and log group, by exact ARN", () => {
        assert.deepStrictEqual(buildForwarderRolePolicy(scope), {
            Version: "2012-10-17",
            Statement: [read, decryptCapture, readToken, ...rest],
        });
    });

    it("adds Decrypt on a given secret's customer-managed key, and nothing for the secret when there is none", () => {
        const secretKey = "arn:aws:kms:us-east-1:123456789012:key/e0000009-0000-4000-8000-000000000009";
        assert.deepStrictEqual(buildForwarderRolePolicy({ ...scope, tokenSecretKmsKeyArn: secretKey }).Statement, [
            read,
            decryptCapture,
            readToken,
            { Sid: "DecryptSinkToken", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [secretKey] },
            ...rest,
        ]);
        assert.deepStrictEqual(
            buildForwarderRolePolicy({ ...scope, tokenSecretArn: undefined, tokenSecretKmsKeyArn: undefined }).Statement,
            [read, decryptCapture, ...rest],
        );
    });

    it("reads the whole capture prefix when it forwards every endpoint", () => {
        assert.deepStrictEqual(buildForwarderRolePolicy({ ...scope, keyPrefixes: ["datacapture/"] }).Statement.slice(0, 1), [
            { ...read, Resource: ["arn:aws:s3:::capture-bucket/datacapture/*"] },
        ]);
    });

    it("passes the policy pack's iam-no-wildcards checks", () => {
        const parsed = parsePolicyDocument(
            JSON.stringify(
                buildForwarderRolePolicy({
                    ...scope,
                    tokenSecretKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/e0000009-0000-4000-8000-000000000009",
                }),
            ),
        );
        assert.ok("statements" in parsed);
        assert.deepStrictEqual(parsed.statements.flatMap(wildcardProblems), []);
    });
});

describe("forwarder key policy", () => {
    it("lets the account administer the key and CloudWatch Logs use it for the forwarder's log group only", () => {
        assert.deepStrictEqual(
            buildForwarderKeyPolicy("aws", "eu-west-1", "123456789012", "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/f"),
            {
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "AccountAdministersKey",
                        Effect: "Allow",
                        Principal: { AWS: "arn:aws:iam::123456789012:root" },
                        Action: ["kms:*"],
                        Resource: ["*"],
                    },
                    {
                        Sid: "CloudWatchLogsEncryptsOwnLogGroup",
                        Effect: "Allow",
                        Principal: { Service: "logs.eu-west-1.amazonaws.com" },
                        Action: ["kms:Decrypt*", "kms:Describe*", "kms:Encrypt*", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
                        Resource: ["*"],
                        Condition: {
                            ArnEquals: {
                                "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/f",
                            },
                        },
                    },
                ],
            },
        );
    });
});

describe("forwarder names", () => {
    it("derives every physical name from the function name", () => {
        assert.deepStrictEqual(forwarderNames("arthur-churn"), {
            functionName: "arthur-churn",
            deadLetterQueueName: "arthur-churn-dead-letters",
            failedInvocationQueueName: "arthur-churn-failed-invocations",
            tableName: "arthur-churn-deliveries",
            logGroupName: "/aws/lambda/arthur-churn",
            roleNamePrefix: "arthur-churn-",
        });
        assert.strictEqual(
            logGroupArn("aws-cn", "cn-north-1", "123456789012", "/aws/lambda/f"),
            "arn:aws-cn:logs:cn-north-1:123456789012:log-group:/aws/lambda/f",
        );
    });

    it("cuts the role's name prefix to IAM's 38 characters, which IAM completes to at most 64", () => {
        assert.deepStrictEqual(
            ["a".repeat(37), "a".repeat(38), "a".repeat(61)].map((name) => forwarderNames(name).roleNamePrefix),
            [`${"a".repeat(37)}-`, `${"a".repeat(37)}-`, `${"a".repeat(37)}-`],
        );
    });

    it("names the auto-named children after the component", () => {
        assert.deepStrictEqual(autoNamedChildNames("arthur-churn"), {
            rolePolicy: "arthur-churn-policy",
            invokePermission: "arthur-churn-s3-invoke",
            tokenSecret: "arthur-churn-token",
        });
    });

    it("lists every explicit and auto-named physical name with its AWS limit", () => {
        assert.deepStrictEqual(explicitNames("f"), [
            { kind: "Lambda function", shown: "f", length: 1, maxLength: 64 },
            { kind: "SQS queue", shown: "f-dead-letters", length: 14, maxLength: 80 },
            { kind: "SQS queue", shown: "f-failed-invocations", length: 20, maxLength: 80 },
            { kind: "DynamoDB table", shown: "f-deliveries", length: 12, maxLength: 255 },
            { kind: "CloudWatch Logs log group", shown: "/aws/lambda/f", length: 13, maxLength: 512 },
            { kind: "CloudWatch alarm", shown: "f-dead-letters-visible", length: 22, maxLength: 255 },
            { kind: "CloudWatch alarm", shown: "f-failed-invocations-visible", length: 28, maxLength: 255 },
            { kind: "CloudWatch alarm", shown: "f-Errors", length: 8, maxLength: 255 },
            { kind: "CloudWatch alarm", shown: "f-Throttles", length: 11, maxLength: 255 },
            { kind: "CloudWatch alarm", shown: "f-Duration", length: 10, maxLength: 255 },
        ]);
        assert.deepStrictEqual(autoNamedNames("c"), [
            { kind: "IAM inline policy", shown: "c-policy-<7 random characters>", length: 16, maxLength: 128 },
            { kind: "Lambda permission statement ID", shown: "c-s3-invoke-<7 random characters>", length: 19, maxLength: 100 },
            { kind: "Secrets Manager secret", shown: "c-token-<7 random characters>", length: 15, maxLength: 512 },
        ]);
    });

    it("derives the longest names from those limits, the function's no longer than the component's, so a component named like its function passes both", () => {
        assert.deepStrictEqual([MAX_FUNCTION_NAME_LENGTH, MAX_COMPONENT_NAME_LENGTH], [61, 82]);
    });
});

describe("forwarder alarms", () => {
    const definitions = buildForwarderAlarmDefinitions({
        names: forwarderNames("arthur-churn"),
        timeoutSeconds: 300,
        maximumRetryAttempts: 2,
        sinkKind: "arthur",
        chunkLimits: {},
    });

    it("watches both queues, errors, throttles and duration near the timeout, with no data counting as quiet", () => {
        const shared = {
            periodSeconds: 60,
            evaluationPeriods: 1,
            datapointsToAlarm: 1,
            comparisonOperator: "GreaterThanThreshold",
            treatMissingData: "notBreaching",
        };
        assert.deepStrictEqual(
            definitions.map(({ description: _description, ...rest }) => rest),
            [
                {
                    id: "dead-letters",
                    alarmName: "arthur-churn-dead-letters-visible",
                    namespace: "AWS/SQS",
                    metricName: "ApproximateNumberOfMessagesVisible",
                    dimensions: { QueueName: "arthur-churn-dead-letters" },
                    statistic: "Maximum",
                    threshold: 0,
                    ...shared,
                },
                {
                    id: "failed-invocations",
                    alarmName: "arthur-churn-failed-invocations-visible",
                    namespace: "AWS/SQS",
                    metricName: "ApproximateNumberOfMessagesVisible",
                    dimensions: { QueueName: "arthur-churn-failed-invocations" },
                    statistic: "Maximum",
                    threshold: 0,
                    ...shared,
                },
                {
                    id: "errors",
                    alarmName: "arthur-churn-Errors",
                    namespace: "AWS/Lambda",
                    metricName: "Errors",
                    dimensions: { FunctionName: "arthur-churn" },
                    statistic: "Sum",
                    threshold: 0,
                    ...shared,
                },
                {
                    id: "throttles",
                    alarmName: "arthur-churn-Throttles",
                    namespace: "AWS/Lambda",
                    metricName: "Throttles",
                    dimensions: { FunctionName: "arthur-churn" },
                    statistic: "Sum",
                    threshold: 0,
                    ...shared,
                },
                {
                    id: "duration",
                    alarmName: "arthur-churn-Duration",
                    namespace: "AWS/Lambda",
                    metricName: "Duration",
                    dimensions: { FunctionName: "arthur-churn" },
                    statistic: "Maximum",
                    threshold: 240000,
                    ...shared,
                },
            ],
        );
    });

    it("tells the person paged what to check first, and how to replay a dead-lettered or failed object", () => {
        const replay =
            "IDEMPOTENCY_TABLE=arthur-churn-deliveries npm run replay -- --source s3://<bucket>/<key> --sink arthur (with the Lambda's sink variables; delivered and partly accepted chunks are skipped)";
        assert.deepStrictEqual(
            definitions.map((d) => d.description),
            [
                "Capture forwarder arthur-churn dead-lettered capture data it could not deliver or read (queue arthur-churn-dead-letters has messages). " +
                    "Each message names bucket, key, versionId, firstLine-lastLine, count and reason, never payloads. " +
                    "Read them (aws sqs receive-message --queue-url <url of arthur-churn-dead-letters>), fix the cause " +
                    "(sink 4xx: token or model ID; BASE64: set the endpoint's capture content types; input/output count mismatch: the model's output shape), " +
                    `then re-send each object: ${replay}, and delete the messages.`,
                "Lambda gave up on S3 events for capture forwarder arthur-churn after 2 retries (queue arthur-churn-failed-invocations has messages): " +
                    "the function failed, ran out of time or could not write a dead letter. Each message holds the S3 event (requestPayload) and the error (responseContext). " +
                    `Check /aws/lambda/arthur-churn for the error and the summary line, fix it, then re-send each object key of the events: ${replay}, and delete the messages.`,
                "Invocations of capture forwarder arthur-churn failed: an unhandled error, a timeout, or a dead letter SQS refused. " +
                    "Lambda retries each S3 event up to 2 times (delivered chunks are skipped); events that still fail go to arthur-churn-failed-invocations. " +
                    "Check /aws/lambda/arthur-churn for the error and the summary line's unaccounted and objectsIncomplete counts.",
                "Invocations of capture forwarder arthur-churn were throttled (its reserved concurrency or the account's concurrency limit). " +
                    "Lambda retries throttled S3 events for up to maximumEventAgeSeconds, then sends them to arthur-churn-failed-invocations. " +
                    "Check ConcurrentExecutions and raise reservedConcurrency or the account quota.",
                "An invocation of capture forwarder arthur-churn ran longer than 80 % of its 300 s timeout (240000 ms): large capture files or a slow sink. " +
                    "An invocation out of time fails and is retried without resending delivered chunks. " +
                    "Check the summary lines in /aws/lambda/arthur-churn (objectsIncomplete) and the sink's latency; raise timeoutSeconds (at most 900) or memorySizeMb.",
            ],
        );
    });

    it("the runbook's replay command carries the chunk limits that are set, and replay's own parser reads them back", () => {
        const command = (chunkLimits: { chunkMaxBytes?: number; chunkMaxRecords?: number }) => {
            const description = buildForwarderAlarmDefinitions({
                names: forwarderNames("arthur-churn"),
                timeoutSeconds: 300,
                maximumRetryAttempts: 2,
                sinkKind: "arthur",
                chunkLimits,
            })[0].description;
            const text = /npm run replay -- (.*?) \(with/
                .exec(description)![1]
                .replace("<bucket>/<key>", "capture-bucket/datacapture/churn/x.jsonl");
            const { args, problems } = parseReplayArgs(text.split(" "));
            return { problems, sink: args?.sink, chunkMaxBytes: args?.chunkMaxBytes, chunkMaxRecords: args?.chunkMaxRecords };
        };
        const parsed = (chunkMaxBytes: number | null, chunkMaxRecords: number | null) => ({
            problems: [],
            sink: "arthur",
            chunkMaxBytes,
            chunkMaxRecords,
        });
        assert.deepStrictEqual(
            [
                command({}),
                command({ chunkMaxBytes: 1048576 }),
                command({ chunkMaxRecords: 500 }),
                command({ chunkMaxBytes: 2048, chunkMaxRecords: 10 }),
            ],
            [parsed(null, null), parsed(1048576, null), parsed(null, 500), parsed(2048, 10)],
        );
    });

    it("scales the duration threshold with the timeout, and every definition is within CloudWatch's limits", () => {
        const long = buildForwarderAlarmDefinitions({
            names: forwarderNames("f".repeat(MAX_FUNCTION_NAME_LENGTH)),
            timeoutSeconds: 900,
            maximumRetryAttempts: 0,
            sinkKind: "arthur",
            // The longest limits the Lambda accepts, so the longest replay command.
            chunkLimits: { chunkMaxBytes: INTEGER_SETTINGS.chunkMaxBytes.max, chunkMaxRecords: INTEGER_SETTINGS.chunkMaxRecords.max },
        });
        assert.strictEqual(long[4].threshold, 720000);
        for (const definition of [...definitions, ...long]) {
            assert.deepStrictEqual(alarmDefinitionProblems(definition), [], definition.id);
            assert.ok(
                definition.description.length <= ALARM_DESCRIPTION_MAX_LENGTH,
                `${definition.id}: ${definition.description.length} characters`,
            );
        }
    });
});
