import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { IDEMPOTENCY_KEY_ATTRIBUTE, IDEMPOTENCY_TTL_ATTRIBUTE } from "../../domain/forwarder/contract";
import { CAPTURE_FORWARDER_TAG } from "../../domain/forwarder/contract";
import { declareMetricAlarms } from "../core/alarms/declareMetricAlarms";
import { awsContext } from "../core/awsContext";
import { buildForwarderAlarmDefinitions } from "./forwarderAlarms";
import { CAPTURE_FORWARDER_DEFAULTS, CaptureForwarderArgs } from "./forwarderArgs";
import { FORWARDER_HANDLER, FORWARDER_RUNTIME, forwarderCodeArchive, forwarderSourceCodeHash } from "./forwarderCode";
import { createsTokenSecret, forwarderEnvironmentVariables, WiredValue, wiredValuePath, wiredValueProblem } from "./forwarderEnvironment";
import { buildForwarderKeyPolicy } from "./forwarderKeyPolicy";
import { autoNamedChildNames, forwarderNames, logGroupArn } from "./forwarderNames";
import { buildForwarderRolePolicy, s3BucketArn } from "./forwarderRolePolicy";
import { CaptureNotificationRule, forwarderKeyPrefixes, forwarderNotificationRules } from "./notificationRules";
import { validateCaptureForwarderArgs } from "./validateForwarderArgs";
import { serviceTrustPolicy } from "../core/iam/policyDocument";
import { checkedAtDeploy } from "../core/validation/deployTime";
import * as rules from "../../domain/validationRules";

export type { CaptureForwarderArgs, ForwarderSettings, ForwarderSinkArgs } from "./forwarderArgs";

export const CAPTURE_FORWARDER_TYPE = "sagemaker-monitoring:forwarding:CaptureForwarder";
/** SQS's maximum: dead letters wait two weeks for someone to replay them. */
const QUEUE_RETENTION_SECONDS = 1_209_600;

/**
 * A Lambda that forwards SageMaker Data Capture files to a monitoring platform (Arthur or any
 * HTTPS endpoint), with nothing lost silently: chunks it cannot deliver go to a KMS-encrypted
 * dead-letter queue, invocations Lambda gives up on go to a failed-invocation queue, delivered
 * chunks are remembered in a DynamoDB table so redelivered events send nothing twice, and alarms
 * page on any of it. Least privilege throughout.
 *
 * S3 notifications are not declared here: a bucket has one notification configuration, so
 * CaptureBucketNotifications gathers the `notificationRules` of every forwarder on a bucket.
 */
export class CaptureForwarder extends pulumi.ComponentResource {
    /** The component name. */
    public readonly forwarderName: string;
    public readonly functionName: pulumi.Output<string>;
    public readonly functionArn: pulumi.Output<string>;
    public readonly roleArn: pulumi.Output<string>;
    public readonly deadLetterQueueUrl: pulumi.Output<string>;
    public readonly deadLetterQueueArn: pulumi.Output<string>;
    public readonly failedInvocationQueueUrl: pulumi.Output<string>;
    public readonly failedInvocationQueueArn: pulumi.Output<string>;
    public readonly idempotencyTableName: pulumi.Output<string>;
    /** The given or created token secret; undefined for an http sink without auth. */
    public readonly tokenSecretArn: pulumi.Output<string | undefined>;
    public readonly logGroupName: pulumi.Output<string>;
    /** The forwarder's own key (queues, table, log group, created secret). */
    public readonly kmsKeyArn: pulumi.Output<string>;
    public readonly alarmNames: pulumi.Output<string[]>;
    /** The bucket whose capture files it reads. */
    public readonly bucketName: pulumi.Output<string>;
    /** The bucket as given in `capture.bucketName`, so CaptureBucketNotifications can tell it is the same one before deployment. */
    public readonly captureBucketName: pulumi.Input<string>;
    /** Rules this forwarder needs in its bucket's notification configuration (plain, known before deployment). */
    public readonly notificationRules: CaptureNotificationRule[];
    /** S3's permission to invoke the function; the bucket's notification must be declared after it. */
    public readonly invokePermission: aws.lambda.Permission;

    constructor(name: string, args: CaptureForwarderArgs, opts?: pulumi.ComponentResourceOptions) {
        validateCaptureForwarderArgs(name, args);
        // Bundled before any resource, so a build failure leaves nothing half-declared.
        const code = forwarderCodeArchive();
        super(CAPTURE_FORWARDER_TYPE, name, {}, opts);
        const parentOpts = { parent: this };
        const subject = `CaptureForwarder "${name}"`;
        const names = forwarderNames(args.functionName ?? name);
        const autoNamed = autoNamedChildNames(name);
        const tags = { ...(args.tags ?? {}), [CAPTURE_FORWARDER_TAG.key]: CAPTURE_FORWARDER_TAG.value };
        const d = CAPTURE_FORWARDER_DEFAULTS;
        const timeoutSeconds = args.timeoutSeconds ?? d.timeoutSeconds;
        const maximumRetryAttempts = args.maximumRetryAttempts ?? d.maximumRetryAttempts;
        const context = awsContext(this, opts);
        const bucketName = checkedAtDeploy(subject, "capture.bucketName", args.capture.bucketName, rules.s3BucketName);
        const captureKmsKeyArn = checkedAtDeploy(subject, "capture.kmsKeyArn", args.capture.kmsKeyArn, rules.kmsKeyArn);
        const alarmTopicArn = checkedAtDeploy(subject, "alarmTopicArn", args.alarmTopicArn, rules.snsTopicArn);
        const sink = args.sink;
        const secretKeyArn =
            sink.tokenSecretKmsKeyArn === undefined
                ? undefined
                : checkedAtDeploy(subject, "sink.tokenSecretKmsKeyArn", sink.tokenSecretKmsKeyArn, rules.kmsKeyArn);
        const logsArn = context.apply((c) => logGroupArn(c.partition, c.region, c.accountId, names.logGroupName));

        const key = new aws.kms.Key(
            `${name}-key`,
            {
                description: `Encrypts the queues, delivery table, logs and token of capture forwarder ${names.functionName}`,
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                policy: pulumi
                    .all([context, logsArn])
                    .apply(([c, arn]) => JSON.stringify(buildForwarderKeyPolicy(c.partition, c.region, c.accountId, arn))),
                tags,
            },
            parentOpts,
        );
        const logGroup = new aws.cloudwatch.LogGroup(
            `${name}-logs`,
            { name: names.logGroupName, retentionInDays: args.logRetentionDays ?? d.logRetentionDays, kmsKeyId: key.arn, tags },
            parentOpts,
        );
        const queue = (id: string, queueName: string) =>
            new aws.sqs.Queue(
                `${name}-${id}`,
                { name: queueName, kmsMasterKeyId: key.arn, messageRetentionSeconds: QUEUE_RETENTION_SECONDS, tags },
                parentOpts,
            );
        const deadLetters = queue("dead-letters", names.deadLetterQueueName);
        const failedInvocations = queue("failed-invocations", names.failedInvocationQueueName);
        const table = new aws.dynamodb.Table(
            `${name}-deliveries`,
            {
                name: names.tableName,
                billingMode: "PAY_PER_REQUEST",
                hashKey: IDEMPOTENCY_KEY_ATTRIBUTE,
                attributes: [{ name: IDEMPOTENCY_KEY_ATTRIBUTE, type: "S" }],
                ttl: { attributeName: IDEMPOTENCY_TTL_ATTRIBUTE, enabled: true },
                serverSideEncryption: { enabled: true, kmsKeyArn: key.arn },
                pointInTimeRecovery: { enabled: true },
                tags,
            },
            parentOpts,
        );
        const tokenSecretArn = createsTokenSecret(sink)
            ? new aws.secretsmanager.Secret(
                  autoNamed.tokenSecret,
                  {
                      description:
                          `Token of capture forwarder ${names.functionName} (${sink.kind} sink). Created empty: put the token in out of band ` +
                          "(aws secretsmanager put-secret-value --secret-id <this ARN> --secret-string <token>), never in config or code.",
                      kmsKeyId: key.arn,
                      tags,
                  },
                  parentOpts,
              ).arn
            : sink.tokenSecretArn;

        const role = new aws.iam.Role(
            `${name}-role`,
            {
                // Not auto-named from the logical name: IAM's 64 characters would cap forwarder names at 51.
                namePrefix: names.roleNamePrefix,
                description: `Execution role of capture forwarder ${names.functionName}: reads its capture prefixes and token, writes its queues, table and logs`,
                assumeRolePolicy: context.apply((c) => JSON.stringify(serviceTrustPolicy("lambda.amazonaws.com", c.accountId))),
                tags,
            },
            parentOpts,
        );
        const keyPrefixes = forwarderKeyPrefixes(args.capture.prefix, args.endpointNames);
        const rolePolicy = new aws.iam.RolePolicy(
            autoNamed.rolePolicy,
            {
                role: role.name,
                policy: pulumi
                    .output({
                        context,
                        bucketName,
                        captureKmsKeyArn,
                        tokenSecretArn,
                        tokenSecretKmsKeyArn: secretKeyArn,
                        forwarderKmsKeyArn: key.arn,
                        deadLetterQueueArn: deadLetters.arn,
                        failedInvocationQueueArn: failedInvocations.arn,
                        tableArn: table.arn,
                        logGroupArn: logsArn,
                    })
                    .apply(({ context: c, ...resolved }) =>
                        JSON.stringify(buildForwarderRolePolicy({ partition: c.partition, keyPrefixes, ...resolved })),
                    ),
            },
            parentOpts,
        );

        // One Output per variable: the plain settings stay known at a new stack's preview (the policy pack reads DEAD_LETTER_QUEUE_URL).
        const wired = (field: WiredValue, value: pulumi.Input<string>) =>
            checkedAtDeploy(subject, wiredValuePath(field), value, (v) => wiredValueProblem(args, field, v));
        const variables = forwarderEnvironmentVariables(args, {
            deadLetterQueueUrl: wired("deadLetterQueueUrl", deadLetters.url),
            idempotencyTable: wired("idempotencyTable", table.name),
            tokenSecretArn: tokenSecretArn === undefined ? undefined : wired("tokenSecretArn", tokenSecretArn),
        });
        const fn = new aws.lambda.Function(
            `${name}-function`,
            {
                name: names.functionName,
                description: `Forwards SageMaker Data Capture files to the ${sink.kind} sink (sagemaker-monitoring)`,
                runtime: FORWARDER_RUNTIME,
                handler: FORWARDER_HANDLER,
                code,
                // The archive is not diffable in synth output; its bundle's hash is, and it triggers the code update.
                sourceCodeHash: forwarderSourceCodeHash(),
                role: role.arn,
                timeout: timeoutSeconds,
                memorySize: args.memorySizeMb ?? d.memorySizeMb,
                ...(args.reservedConcurrency === undefined ? {} : { reservedConcurrentExecutions: args.reservedConcurrency }),
                environment: { variables },
                tags,
            },
            // Logs land in the encrypted group with retention, never in one Lambda would create; permissions exist before the first event.
            { parent: this, dependsOn: [logGroup, rolePolicy] },
        );
        new aws.lambda.FunctionEventInvokeConfig(
            `${name}-async-invoke`,
            {
                functionName: fn.name,
                maximumRetryAttempts,
                maximumEventAgeInSeconds: args.maximumEventAgeSeconds ?? d.maximumEventAgeSeconds,
                destinationConfig: { onFailure: { destination: failedInvocations.arn } },
            },
            // Lambda checks that the role may send to the destination.
            { parent: this, dependsOn: [rolePolicy] },
        );
        this.invokePermission = new aws.lambda.Permission(
            autoNamed.invokePermission,
            {
                action: "lambda:InvokeFunction",
                function: fn.name,
                principal: "s3.amazonaws.com",
                sourceArn: pulumi.all([context, bucketName]).apply(([c, bucket]) => s3BucketArn(c.partition, bucket)),
                // Bucket ARNs carry no account: this keeps a same-named bucket elsewhere from invoking it.
                sourceAccount: context.accountId,
            },
            parentOpts,
        );
        const definitions = buildForwarderAlarmDefinitions({
            names,
            timeoutSeconds,
            maximumRetryAttempts,
            sinkKind: sink.kind,
            chunkLimits: { chunkMaxBytes: args.chunkMaxBytes, chunkMaxRecords: args.chunkMaxRecords },
        });
        declareMetricAlarms(this, name, definitions, { alarmActions: [alarmTopicArn], okActions: [alarmTopicArn], tags });

        this.forwarderName = name;
        this.functionName = fn.name;
        this.functionArn = fn.arn;
        this.roleArn = role.arn;
        this.deadLetterQueueUrl = deadLetters.url;
        this.deadLetterQueueArn = deadLetters.arn;
        this.failedInvocationQueueUrl = failedInvocations.url;
        this.failedInvocationQueueArn = failedInvocations.arn;
        this.idempotencyTableName = table.name;
        this.tokenSecretArn = tokenSecretArn === undefined ? pulumi.output(undefined) : pulumi.output(tokenSecretArn);
        this.logGroupName = logGroup.name;
        this.kmsKeyArn = key.arn;
        this.alarmNames = pulumi.output(definitions.map((definition) => definition.alarmName));
        this.bucketName = pulumi.output(bucketName);
        this.captureBucketName = args.capture.bucketName;
        this.notificationRules = forwarderNotificationRules(names.functionName, args.capture.prefix, args.endpointNames);
        this.registerOutputs({
            functionName: this.functionName,
            functionArn: this.functionArn,
            roleArn: this.roleArn,
            deadLetterQueueUrl: this.deadLetterQueueUrl,
            deadLetterQueueArn: this.deadLetterQueueArn,
            failedInvocationQueueUrl: this.failedInvocationQueueUrl,
            failedInvocationQueueArn: this.failedInvocationQueueArn,
            idempotencyTableName: this.idempotencyTableName,
            tokenSecretArn: this.tokenSecretArn,
            logGroupName: this.logGroupName,
            kmsKeyArn: this.kmsKeyArn,
            alarmNames: this.alarmNames,
            bucketName: this.bucketName,
            notificationRules: this.notificationRules,
        });
    }
}
