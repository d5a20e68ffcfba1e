import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { CaptureForwarder, CaptureForwarderArgs } from "../../components/captureForwarder/CaptureForwarder";
import { metricAlarmArgs } from "../../components/core/alarms/declareMetricAlarms";
import { buildForwarderAlarmDefinitions } from "../../components/captureForwarder/forwarderAlarms";
import { forwarderBundle } from "../../components/captureForwarder/forwarderCode";
import { buildForwarderKeyPolicy } from "../../components/captureForwarder/forwarderKeyPolicy";
import { forwarderNames } from "../../components/captureForwarder/forwarderNames";
import { stableHex } from "../../tools/synth/mockState";
import { InvalidInputsError } from "../../tools/synth/runProgram";
import { SynthResource } from "../../tools/synth/synthResource";
import { declared, declaredWithDependencies, ofType, resource } from "../support/pulumiMocks";

const CAPTURE_KEY = "arn:aws:kms:us-east-1:123456789012:key/e0000002-0000-4000-8000-000000000002";
const ALARMS = "arn:aws:sns:us-east-1:123456789012:alarms";
const SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:arthur-token-AbCdEf";
const TAGS = { team: "ml", "sagemaker-monitoring:component": "capture-forwarder" };
/** Secrets Manager appends six characters to a secret's name; the synth mock derives them from it. */
const CREATED_SECRET_ARN = `arn:aws:secretsmanager:us-east-1:123456789012:secret:arthur-churn-token-${stableHex("arthur-churn-token", 6)}`;
/** IAM completes the role's namePrefix; the synth mock adds 26 characters derived from the logical name. */
const ROLE_ARN = `arn:aws:iam::123456789012:role/arthur-churn-${stableHex("arthur-churn-role", 26)}`;
/** What sourceCodeHash must be: base64 of the sha256 of the deployed index.js. */
const bundleSha256Base64 = () => createHash("sha256").update(forwarderBundle().code, "utf8").digest("base64");
const URN = "urn:pulumi:test::sagemaker-monitoring::sagemaker-monitoring:forwarding:CaptureForwarder$";
const baseArgs: CaptureForwarderArgs = {
    capture: { bucketName: "capture-bucket", prefix: "datacapture", kmsKeyArn: CAPTURE_KEY },
    endpointNames: ["churn"],
    sink: { kind: "arthur", host: "https://app.arthur.ai", modelId: "8d3b6f0e" },
    alarmTopicArn: ALARMS,
    tags: { team: "ml" },
};

/** Declares the forwarder and records, per logical name, the URNs each registration depends on. */
function declareForwarder(args: CaptureForwarderArgs, name = "arthur-churn") {
    return declaredWithDependencies(() => new CaptureForwarder(name, args));
}

const keyArn = (resources: SynthResource[]) => resource(resources, "aws:kms/key:Key", "arthur-churn-key").outputs.arn;
/** The role statements for reading the churn endpoint's capture files. */
const CHURN_CAPTURE_STATEMENTS = [
    {
        Sid: "ReadCaptureFiles",
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:GetObjectVersion"],
        Resource: ["arn:aws:s3:::capture-bucket/datacapture/churn/*"],
    },
    { Sid: "DecryptCaptureFiles", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [CAPTURE_KEY] },
];
/** The role statements for the forwarder's own queues, key, table and log group (the same for every sink). */
const OWN_RESOURCE_STATEMENTS = (forwarderKeyArn: string) => [
    {
        Sid: "SendDeadLettersAndFailedInvocations",
        Effect: "Allow",
        Action: ["sqs:SendMessage"],
        Resource: [
            "arn:aws:sqs:us-east-1:123456789012:arthur-churn-dead-letters",
            "arn:aws:sqs:us-east-1:123456789012:arthur-churn-failed-invocations",
        ],
    },
    { Sid: "UseForwarderKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [forwarderKeyArn] },
    {
        Sid: "CheckAndRecordDeliveries",
        Effect: "Allow",
        Action: ["dynamodb:GetItem", "dynamodb:PutItem"],
        Resource: ["arn:aws:dynamodb:us-east-1:123456789012:table/arthur-churn-deliveries"],
    },
    {
        Sid: "WriteOwnLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/arthur-churn:log-stream:*"],
    },
];
const policyOf = (resources: SynthResource[]) =>
    JSON.parse(resource(resources, "aws:iam/rolePolicy:RolePolicy", "arthur-churn-policy").inputs.policy);

describe("CaptureForwarder", () => {
    it("declares the key, log group, two queues, table, token secret, role, function, async config, S3 permission and five alarms, nothing else", async () => {
        const { resources } = await declareForwarder(baseArgs);
        assert.deepStrictEqual(
            resources.map((r) => [r.type, r.name, r.parent]),
            [
                ["aws:cloudwatch/logGroup:LogGroup", "arthur-churn-logs", "arthur-churn"],
                ["aws:cloudwatch/metricAlarm:MetricAlarm", "arthur-churn-alarm-dead-letters", "arthur-churn"],
                ["aws:cloudwatch/metricAlarm:MetricAlarm", "arthur-churn-alarm-duration", "arthur-churn"],
                ["aws:cloudwatch/metricAlarm:MetricAlarm", "arthur-churn-alarm-errors", "arthur-churn"],
                ["aws:cloudwatch/metricAlarm:MetricAlarm", "arthur-churn-alarm-failed-invocations", "arthur-churn"],
                ["aws:cloudwatch/metricAlarm:MetricAlarm", "arthur-churn-alarm-throttles", "arthur-churn"],
                ["aws:dynamodb/table:Table", "arthur-churn-deliveries", "arthur-churn"],
                ["aws:iam/role:Role", "arthur-churn-role", "arthur-churn"],
                ["aws:iam/rolePolicy:RolePolicy", "arthur-churn-policy", "arthur-churn"],
                ["aws:kms/key:Key", "arthur-churn-key", "arthur-churn"],
                ["aws:lambda/function:Function", "arthur-churn-function", "arthur-churn"],
                ["aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig", "arthur-churn-async-invoke", "arthur-churn"],
                ["aws:lambda/permission:Permission", "arthur-churn-s3-invoke", "arthur-churn"],
                ["aws:secretsmanager/secret:Secret", "arthur-churn-token", "arthur-churn"],
                ["aws:sqs/queue:Queue", "arthur-churn-dead-letters", "arthur-churn"],
                ["aws:sqs/queue:Queue", "arthur-churn-failed-invocations", "arthur-churn"],
                ["sagemaker-monitoring:forwarding:CaptureForwarder", "arthur-churn", null],
            ],
        );
    });

    it("deploys the bundled handler on nodejs22.x with the environment the Lambda validates, tagged as the forwarder", async () => {
        const { resources } = await declareForwarder(baseArgs);
        const { code, ...inputs } = resource(resources, "aws:lambda/function:Function", "arthur-churn-function").inputs;
        const secretArn = resource(resources, "aws:secretsmanager/secret:Secret", "arthur-churn-token").outputs.arn;
        assert.deepStrictEqual(inputs, {
            name: "arthur-churn",
            description: "Forwards SageMaker Data Capture files to the arthur sink (sagemaker-monitoring)",
            runtime: "nodejs22.x",
            handler: "index.handler",
            sourceCodeHash: bundleSha256Base64(),
            role: ROLE_ARN,
            timeout: 300,
            memorySize: 1024,
            environment: {
                variables: {
                    SINK: "arthur",
                    ARTHUR_HOST: "https://app.arthur.ai",
                    ARTHUR_MODEL_ID: "8d3b6f0e",
                    AUTH_SECRET_ARN: secretArn,
                    DEAD_LETTER_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/123456789012/arthur-churn-dead-letters",
                    IDEMPOTENCY_TABLE: "arthur-churn-deliveries",
                },
            },
            tags: TAGS,
        });
        assert.strictEqual(secretArn, CREATED_SECRET_ARN);
        const assets = await code.assets;
        assert.deepStrictEqual(Object.keys(assets), ["index.js"]);
        assert.strictEqual(await assets["index.js"].text, forwarderBundle().code);
    });

    it("bundles once per process, however many forwarders there are", async () => {
        const first = forwarderBundle();
        const resources = await declared(() => {
            new CaptureForwarder("a", { ...baseArgs, endpointNames: ["a"] });
            new CaptureForwarder("b", { ...baseArgs, endpointNames: ["b"] });
        });
        assert.strictEqual(forwarderBundle(), first);
        const texts = await Promise.all(
            ofType(resources, "aws:lambda/function:Function").map(async (f) => (await f.inputs.code.assets)["index.js"].text),
        );
        assert.deepStrictEqual(texts, [first.code, first.code]);
    });

    it("encrypts both queues, the table, the log group and the created secret with its own key", async () => {
        const { resources } = await declareForwarder(baseArgs);
        const key = keyArn(resources);
        const { policy, ...keyInputs } = resource(resources, "aws:kms/key:Key", "arthur-churn-key").inputs;
        assert.deepStrictEqual(keyInputs, {
            description:
                "Encrypts the dead-letter and failed-invocation queues, delivery table and log group of capture forwarder arthur-churn, and its created token secret",
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            tags: TAGS,
        });
        // The document's statements are pinned in documents.spec.ts; here, that it is built for this account, region and log group.
        assert.deepStrictEqual(
            JSON.parse(policy),
            buildForwarderKeyPolicy(
                "aws",
                "us-east-1",
                "123456789012",
                "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/arthur-churn",
            ),
        );
        for (const name of ["arthur-churn-dead-letters", "arthur-churn-failed-invocations"]) {
            assert.deepStrictEqual(resource(resources, "aws:sqs/queue:Queue", name).inputs, {
                name,
                kmsMasterKeyId: key,
                messageRetentionSeconds: 1209600,
                tags: TAGS,
            });
        }
        assert.deepStrictEqual(resource(resources, "aws:dynamodb/table:Table", "arthur-churn-deliveries").inputs, {
            name: "arthur-churn-deliveries",
            billingMode: "PAY_PER_REQUEST",
            hashKey: "chunkKey",
            attributes: [{ name: "chunkKey", type: "S" }],
            ttl: { attributeName: "expiresAt", enabled: true },
            serverSideEncryption: { enabled: true, kmsKeyArn: key },
            pointInTimeRecovery: { enabled: true },
            tags: TAGS,
        });
        assert.deepStrictEqual(resource(resources, "aws:cloudwatch/logGroup:LogGroup", "arthur-churn-logs").inputs, {
            name: "/aws/lambda/arthur-churn",
            retentionInDays: 30,
            kmsKeyId: key,
            tags: TAGS,
        });
        assert.deepStrictEqual(resource(resources, "aws:secretsmanager/secret:Secret", "arthur-churn-token").inputs, {
            description:
                "Token of capture forwarder arthur-churn (arthur sink). Created empty: put the token in out of band " +
                "(aws secretsmanager put-secret-value --secret-id <this ARN> --secret-string <token>), never in config or code.",
            kmsKeyId: key,
            tags: TAGS,
        });
    });

    it("sends failed asynchronous invocations to its own queue after the documented retries, and lets only its bucket's account invoke it", async () => {
        const { resources } = await declareForwarder(baseArgs);
        assert.deepStrictEqual(
            resource(resources, "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig", "arthur-churn-async-invoke").inputs,
            {
                functionName: "arthur-churn",
                maximumRetryAttempts: 2,
                maximumEventAgeInSeconds: 21600,
                destinationConfig: { onFailure: { destination: "arn:aws:sqs:us-east-1:123456789012:arthur-churn-failed-invocations" } },
            },
        );
        assert.deepStrictEqual(resource(resources, "aws:lambda/permission:Permission", "arthur-churn-s3-invoke").inputs, {
            action: "lambda:InvokeFunction",
            function: "arthur-churn",
            principal: "s3.amazonaws.com",
            sourceArn: "arn:aws:s3:::capture-bucket",
            sourceAccount: "123456789012",
        });
    });

    it("gives the role exactly its prefix, keys, secret, queues, table and log group, assumable by Lambda from this account only", async () => {
        const { resources } = await declareForwarder(baseArgs);
        const secretArn = resource(resources, "aws:secretsmanager/secret:Secret", "arthur-churn-token").outputs.arn;
        const role = resource(resources, "aws:iam/role:Role", "arthur-churn-role");
        assert.deepStrictEqual(
            { ...role.inputs, assumeRolePolicy: JSON.parse(role.inputs.assumeRolePolicy) },
            {
                namePrefix: "arthur-churn-",
                description:
                    "Execution role of capture forwarder arthur-churn: reads its capture prefixes and token, writes its queues, table and logs",
                assumeRolePolicy: {
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "AssumeFromThisAccountOnly",
                            Effect: "Allow",
                            Principal: { Service: "lambda.amazonaws.com" },
                            Action: ["sts:AssumeRole"],
                            Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
                        },
                    ],
                },
                tags: TAGS,
            },
        );
        assert.strictEqual(role.outputs.arn, ROLE_ARN);
        assert.deepStrictEqual(policyOf(resources), {
            Version: "2012-10-17",
            Statement: [
                ...CHURN_CAPTURE_STATEMENTS,
                { Sid: "ReadSinkToken", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [secretArn] },
                ...OWN_RESOURCE_STATEMENTS(keyArn(resources)),
            ],
        });
    });

    it("creates the function after its log group and permissions, and the async config after the role may send to the queue", async () => {
        const { dependencies } = await declareForwarder(baseArgs);
        const urn = (type: string, name: string) => `${URN}${type}::${name}`;
        const sorted = (name: string) => [...dependencies.get(name)!].sort();
        assert.deepStrictEqual(
            sorted("arthur-churn-function"),
            [
                urn("aws:cloudwatch/logGroup:LogGroup", "arthur-churn-logs"),
                urn("aws:dynamodb/table:Table", "arthur-churn-deliveries"),
                urn("aws:iam/role:Role", "arthur-churn-role"),
                urn("aws:iam/rolePolicy:RolePolicy", "arthur-churn-policy"),
                urn("aws:secretsmanager/secret:Secret", "arthur-churn-token"),
                urn("aws:sqs/queue:Queue", "arthur-churn-dead-letters"),
            ].sort(),
        );
        assert.deepStrictEqual(
            sorted("arthur-churn-async-invoke"),
            [
                urn("aws:iam/rolePolicy:RolePolicy", "arthur-churn-policy"),
                urn("aws:lambda/function:Function", "arthur-churn-function"),
                urn("aws:sqs/queue:Queue", "arthur-churn-failed-invocations"),
            ].sort(),
        );
    });

    it("pages the alarm topic on both queues, errors, throttles and duration near the timeout", async () => {
        const { resources } = await declareForwarder({ ...baseArgs, timeoutSeconds: 600 });
        // The definitions (thresholds, descriptions) are pinned in documents.spec.ts; here, that each becomes one alarm with exactly those inputs.
        const definitions = buildForwarderAlarmDefinitions({
            names: forwarderNames("arthur-churn"),
            timeoutSeconds: 600,
            maximumRetryAttempts: 2,
            sinkKind: "arthur",
            chunkLimits: {},
        });
        assert.deepStrictEqual(
            ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => [a.name, a.inputs]),
            definitions
                .map((d) => [`arthur-churn-alarm-${d.id}`, metricAlarmArgs(d, { alarmActions: [ALARMS], okActions: [ALARMS], tags: TAGS })])
                .sort(([a], [b]) => String(a).localeCompare(String(b))),
        );
        assert.strictEqual(
            resource(resources, "aws:cloudwatch/metricAlarm:MetricAlarm", "arthur-churn-alarm-duration").inputs.threshold,
            480000,
        );
    });

    it("puts the chunk limits it sets into both runbooks' replay command, under replay's flag names, so replay cuts and keys chunks as the Lambda did", async () => {
        const { resources } = await declareForwarder({ ...baseArgs, chunkMaxBytes: 1048576, chunkMaxRecords: 500 });
        const replayCommand = (id: string) =>
            /IDEMPOTENCY_TABLE=.*?\)/.exec(
                resource(resources, "aws:cloudwatch/metricAlarm:MetricAlarm", `arthur-churn-alarm-${id}`).inputs.alarmDescription,
            )?.[0];
        const expected =
            "IDEMPOTENCY_TABLE=arthur-churn-deliveries npm run replay -- --source s3://<bucket>/<key> --sink arthur --chunk-max-bytes 1048576 --chunk-max-records 500 " +
            "(with the Lambda's sink variables; delivered and partly accepted chunks are skipped)";
        assert.deepStrictEqual([replayCommand("dead-letters"), replayCommand("failed-invocations")], [expected, expected]);
    });

    it("passes the Lambda and async settings through, and writes only the tuning that is set", async () => {
        const { resources } = await declareForwarder({
            ...baseArgs,
            functionName: "arthur-churn-fn",
            timeoutSeconds: 900,
            memorySizeMb: 2048,
            reservedConcurrency: 5,
            maximumRetryAttempts: 0,
            maximumEventAgeSeconds: 3600,
            logRetentionDays: 90,
            chunkMaxBytes: 1048576,
            retryMaxAttempts: 3,
        });
        const { code: _code, ...fn } = resource(resources, "aws:lambda/function:Function", "arthur-churn-function").inputs;
        assert.deepStrictEqual(fn, {
            name: "arthur-churn-fn",
            description: "Forwards SageMaker Data Capture files to the arthur sink (sagemaker-monitoring)",
            runtime: "nodejs22.x",
            handler: "index.handler",
            sourceCodeHash: bundleSha256Base64(),
            role: `arn:aws:iam::123456789012:role/arthur-churn-fn-${stableHex("arthur-churn-role", 26)}`,
            timeout: 900,
            memorySize: 2048,
            reservedConcurrentExecutions: 5,
            environment: {
                variables: {
                    SINK: "arthur",
                    ARTHUR_HOST: "https://app.arthur.ai",
                    ARTHUR_MODEL_ID: "8d3b6f0e",
                    AUTH_SECRET_ARN: CREATED_SECRET_ARN,
                    DEAD_LETTER_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/123456789012/arthur-churn-fn-dead-letters",
                    IDEMPOTENCY_TABLE: "arthur-churn-fn-deliveries",
                    CHUNK_MAX_BYTES: "1048576",
                    RETRY_MAX_ATTEMPTS: "3",
                },
            },
            tags: TAGS,
        });
        assert.deepStrictEqual(
            resource(resources, "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig", "arthur-churn-async-invoke").inputs,
            {
                functionName: "arthur-churn-fn",
                maximumRetryAttempts: 0,
                maximumEventAgeInSeconds: 3600,
                destinationConfig: { onFailure: { destination: "arn:aws:sqs:us-east-1:123456789012:arthur-churn-fn-failed-invocations" } },
            },
        );
        assert.deepStrictEqual(resource(resources, "aws:cloudwatch/logGroup:LogGroup", "arthur-churn-logs").inputs, {
            name: "/aws/lambda/arthur-churn-fn",
            retentionInDays: 90,
            kmsKeyId: keyArn(resources),
            tags: TAGS,
        });
    });

    it("reads a given secret, decrypting it with its customer-managed key, and creates none", async () => {
        const secretKey = "arn:aws:kms:us-east-1:123456789012:key/e0000009-0000-4000-8000-000000000009";
        const { resources } = await declareForwarder({
            ...baseArgs,
            sink: { ...baseArgs.sink, tokenSecretArn: SECRET, tokenSecretKmsKeyArn: secretKey } as never,
        });
        assert.deepStrictEqual(ofType(resources, "aws:secretsmanager/secret:Secret"), []);
        assert.strictEqual(
            resource(resources, "aws:lambda/function:Function", "arthur-churn-function").inputs.environment.variables.AUTH_SECRET_ARN,
            SECRET,
        );
        assert.deepStrictEqual(policyOf(resources), {
            Version: "2012-10-17",
            Statement: [
                ...CHURN_CAPTURE_STATEMENTS,
                { Sid: "ReadSinkToken", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [SECRET] },
                { Sid: "DecryptSinkToken", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [secretKey] },
                ...OWN_RESOURCE_STATEMENTS(keyArn(resources)),
            ],
        });
    });

    it("forwards every endpoint's capture to an http sink without auth: no secret, no secret access", async () => {
        const { resources } = await declareForwarder({
            ...baseArgs,
            endpointNames: undefined,
            sink: { kind: "http", url: "https://ingest.example.com/v1" },
            allowedHosts: ["ingest.example.com"],
        });
        assert.deepStrictEqual(ofType(resources, "aws:secretsmanager/secret:Secret"), []);
        assert.deepStrictEqual(resource(resources, "aws:lambda/function:Function", "arthur-churn-function").inputs.environment.variables, {
            SINK: "http",
            HTTP_URL: "https://ingest.example.com/v1",
            ALLOWED_HOSTS: "ingest.example.com",
            DEAD_LETTER_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/123456789012/arthur-churn-dead-letters",
            IDEMPOTENCY_TABLE: "arthur-churn-deliveries",
        });
        assert.deepStrictEqual(policyOf(resources), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "ReadCaptureFiles",
                    Effect: "Allow",
                    Action: ["s3:GetObject", "s3:GetObjectVersion"],
                    Resource: ["arn:aws:s3:::capture-bucket/datacapture/*"],
                },
                { Sid: "DecryptCaptureFiles", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [CAPTURE_KEY] },
                ...OWN_RESOURCE_STATEMENTS(keyArn(resources)),
            ],
        });
    });

    it("creates a secret for an http auth header without one", async () => {
        const { resources } = await declareForwarder({
            ...baseArgs,
            sink: { kind: "http", url: "https://ingest.example.com/v1", authHeaderName: "X-Api-Key" },
            allowedHosts: ["ingest.example.com"],
        });
        assert.deepStrictEqual(resource(resources, "aws:lambda/function:Function", "arthur-churn-function").inputs.environment.variables, {
            SINK: "http",
            HTTP_URL: "https://ingest.example.com/v1",
            AUTH_SECRET_ARN: CREATED_SECRET_ARN,
            HTTP_AUTH_HEADER: "X-Api-Key",
            ALLOWED_HOSTS: "ingest.example.com",
            DEAD_LETTER_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/123456789012/arthur-churn-dead-letters",
            IDEMPOTENCY_TABLE: "arthur-churn-deliveries",
        });
    });

    it("exposes its notification rules and every output", async () => {
        let forwarder: CaptureForwarder | undefined;
        const resources = await declared(() => {
            forwarder = new CaptureForwarder("arthur-churn", { ...baseArgs, endpointNames: ["churn", "fraud"] });
        });
        const resolved = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply(resolve));
        const f = forwarder!;
        const outputs = {
            functionName: f.functionName,
            functionArn: f.functionArn,
            roleArn: f.roleArn,
            deadLetterQueueUrl: f.deadLetterQueueUrl,
            deadLetterQueueArn: f.deadLetterQueueArn,
            failedInvocationQueueUrl: f.failedInvocationQueueUrl,
            failedInvocationQueueArn: f.failedInvocationQueueArn,
            idempotencyTableName: f.idempotencyTableName,
            tokenSecretArn: f.tokenSecretArn,
            logGroupName: f.logGroupName,
            kmsKeyArn: f.kmsKeyArn,
            alarmNames: f.alarmNames,
            bucketName: f.bucketName,
        };
        const values = await Promise.all(Object.values(outputs).map((o) => resolved(o as pulumi.Output<unknown>)));
        assert.deepStrictEqual(
            {
                forwarderName: f.forwarderName,
                captureBucketName: f.captureBucketName,
                notificationRules: f.notificationRules,
                ...Object.fromEntries(Object.keys(outputs).map((key, i) => [key, values[i]])),
            },
            {
                forwarderName: "arthur-churn",
                captureBucketName: "capture-bucket",
                notificationRules: [
                    {
                        id: "arthur-churn-churn",
                        events: ["s3:ObjectCreated:*"],
                        filterPrefix: "datacapture/churn/",
                        filterSuffix: ".jsonl",
                    },
                    {
                        id: "arthur-churn-fraud",
                        events: ["s3:ObjectCreated:*"],
                        filterPrefix: "datacapture/fraud/",
                        filterSuffix: ".jsonl",
                    },
                ],
                functionName: "arthur-churn",
                functionArn: "arn:aws:lambda:us-east-1:123456789012:function:arthur-churn",
                roleArn: ROLE_ARN,
                deadLetterQueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/arthur-churn-dead-letters",
                deadLetterQueueArn: "arn:aws:sqs:us-east-1:123456789012:arthur-churn-dead-letters",
                failedInvocationQueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/arthur-churn-failed-invocations",
                failedInvocationQueueArn: "arn:aws:sqs:us-east-1:123456789012:arthur-churn-failed-invocations",
                idempotencyTableName: "arthur-churn-deliveries",
                tokenSecretArn: CREATED_SECRET_ARN,
                logGroupName: "/aws/lambda/arthur-churn",
                kmsKeyArn: keyArn(resources),
                alarmNames: [
                    "arthur-churn-dead-letters-visible",
                    "arthur-churn-failed-invocations-visible",
                    "arthur-churn-Errors",
                    "arthur-churn-Throttles",
                    "arthur-churn-Duration",
                ],
                bucketName: "capture-bucket",
            },
        );
    });

    it("takes the longest function name whose derived names all fit: the failed-invocation queue at SQS's 80, the role's prefix cut to IAM's 38", async () => {
        const longest = `arthur-churn-prod-${"x".repeat(43)}`;
        const { resources } = await declareForwarder({ ...baseArgs, functionName: longest });
        const names = (type: string) => ofType(resources, type).map((r) => r.inputs.name);
        assert.deepStrictEqual(
            {
                function: names("aws:lambda/function:Function"),
                queues: names("aws:sqs/queue:Queue"),
                table: names("aws:dynamodb/table:Table"),
                logGroup: names("aws:cloudwatch/logGroup:LogGroup"),
                alarms: names("aws:cloudwatch/metricAlarm:MetricAlarm"),
                rolePrefix: resource(resources, "aws:iam/role:Role", "arthur-churn-role").inputs.namePrefix,
                role: resource(resources, "aws:lambda/function:Function", "arthur-churn-function").inputs.role,
            },
            {
                function: [longest],
                queues: [`${longest}-dead-letters`, `${longest}-failed-invocations`],
                table: [`${longest}-deliveries`],
                logGroup: [`/aws/lambda/${longest}`],
                alarms: [
                    `${longest}-dead-letters-visible`,
                    `${longest}-Duration`,
                    `${longest}-Errors`,
                    `${longest}-failed-invocations-visible`,
                    `${longest}-Throttles`,
                ],
                rolePrefix: `arthur-churn-prod-${"x".repeat(19)}-`,
                role: `arn:aws:iam::123456789012:role/arthur-churn-prod-${"x".repeat(19)}-${stableHex("arthur-churn-role", 26)}`,
            },
        );
        assert.deepStrictEqual(
            [longest.length, `${longest}-failed-invocations`.length, `arthur-churn-prod-${"x".repeat(19)}-`.length],
            [61, 80, 38],
        );
    });

    it("refuses a function name one character too long before declaring anything, naming the property and the name that would not fit", async () => {
        const tooLong = `arthur-churn-prod-${"x".repeat(44)}`;
        let caught: unknown;
        const resources = await declared(() => {
            try {
                new CaptureForwarder(tooLong, baseArgs);
            } catch (error) {
                caught = error;
            }
        });
        assert.deepStrictEqual(resources, []);
        assert.deepStrictEqual((caught as pulumi.InputPropertiesError).errors, [
            {
                propertyPath: "functionName",
                reason:
                    `must be at most 61 characters (got 62: "${tooLong}"): the SQS queue "${tooLong}-failed-invocations" would be 81 characters, over its limit of 80; ` +
                    "it defaults to the component name",
            },
        ]);
    });

    it("refuses a component name whose auto-named children would not fit, when the function is named separately", async () => {
        const name = "c".repeat(83);
        let caught: unknown;
        const resources = await declared(() => {
            try {
                new CaptureForwarder(name, { ...baseArgs, functionName: "arthur-churn" });
            } catch (error) {
                caught = error;
            }
        });
        assert.deepStrictEqual(resources, []);
        assert.deepStrictEqual((caught as pulumi.InputPropertiesError).errors, [
            {
                propertyPath: "name",
                reason: `must be at most 82 characters (got 83: "${name}"): the Lambda permission statement ID "${name}-s3-invoke-<7 random characters>" would be 101 characters, over its limit of 100`,
            },
        ]);
    });

    it("refuses bad arguments before declaring anything", async () => {
        let caught: unknown;
        const resources = await declared(() => {
            try {
                new CaptureForwarder("arthur-churn", {
                    ...baseArgs,
                    timeoutSeconds: 0,
                    sink: { kind: "arthur", host: "http://app.arthur.ai", modelId: "m" },
                });
            } catch (error) {
                caught = error;
            }
        });
        assert.deepStrictEqual(resources, []);
        assert.ok(pulumi.InputPropertiesError.isInstance(caught));
        assert.deepStrictEqual((caught as pulumi.InputPropertiesError).errors, [
            {
                propertyPath: "sink.host",
                reason: 'must use https (plain http is allowed only to 127.0.0.1/localhost), got "http://app.arthur.ai" (environment variable ARTHUR_HOST)',
            },
            { propertyPath: "timeoutSeconds", reason: "must be an integer from 1 to 900 (got 0)" },
            {
                propertyPath: "timeoutSeconds",
                reason: "must leave time to work: 0 ms is not more than safetyMarginMs (10000 ms), the time the handler keeps free to dead-letter and log before the timeout",
            },
        ]);
    });

    it("checks a token secret ARN known only at deploy time with the Lambda's rule, at its path", async () => {
        await assert.rejects(
            declareForwarder({
                ...baseArgs,
                sink: { ...baseArgs.sink, tokenSecretArn: pulumi.output("arn:aws:s3:::not-a-secret") } as never,
            }),
            (error: any) => {
                assert.ok(error instanceof InvalidInputsError);
                assert.deepStrictEqual(error.problems, [
                    {
                        propertyPath: "sink.tokenSecretArn",
                        reason: 'must be a Secrets Manager secret ARN arn:aws:secretsmanager:<region>:<account>:secret:<name>, but its service is "s3", not secretsmanager (got "arn:aws:s3:::not-a-secret") (environment variable AUTH_SECRET_ARN)',
                    },
                ]);
                return true;
            },
        );
    });
});
