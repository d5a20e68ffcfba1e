import * as pulumi from "@pulumi/pulumi";
import type * as aws from "@pulumi/aws";
import { declareMetricAlarms } from "../core/alarms/declareMetricAlarms";
import { topicWiring } from "../core/alarms/alarmActions";
import { awsContext } from "../core/awsContext";
import { declareForwarderFunction, declareInvokePermission } from "./declareForwarderFunction";
import { declareForwarderRole } from "./declareForwarderRole";
import { declareForwarderStores } from "./declareForwarderStores";
import { buildForwarderAlarmDefinitions } from "./forwarderAlarms";
import { CaptureForwarderArgs } from "./forwarderArgs";
import { forwarderCodeArchive } from "./forwarderCode";
import { logGroupArn as logGroupArnOf } from "./forwarderNames";
import { CaptureNotificationRule, forwarderNotificationRules } from "./notificationRules";
import { checkedForwarderWiring, resolveForwarderArgs } from "./resolveForwarderArgs";
import { validateCaptureForwarderArgs } from "./validateForwarderArgs";

export type { CaptureForwarderArgs, ForwarderSettings, ForwarderSinkArgs } from "./forwarderArgs";

const CAPTURE_FORWARDER_TYPE = "sagemaker-monitoring:forwarding:CaptureForwarder";

/**
 * A Lambda that forwards SageMaker Data Capture files to a monitoring platform (Arthur or any
 * HTTPS endpoint), with nothing lost silently: chunks it cannot deliver go to a KMS-encrypted
 * dead-letter queue, invocations Lambda gives up on go to a failed-invocation queue, delivered
 * chunks are remembered in a DynamoDB table so redelivered events send nothing twice, and alarms
 * page on any of it. Least privilege throughout.
 *
 * Declares a KMS key, a log group, the dead-letter and failed-invocation SQS queues, a DynamoDB
 * table of delivered chunks, the token secret (when the sink needs one and none is given), an IAM
 * role and policy, the Lambda function (its code bundled with esbuild while the program runs) with
 * its asynchronous-invocation config, S3's permission to invoke it, and CloudWatch alarms on
 * `alarmTopicArn`. Arguments: {@link CaptureForwarderArgs}.
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
        const forwarder = resolveForwarderArgs(name, args);
        const code = forwarderCodeArchive(forwarder.datasetSchemas);
        super(CAPTURE_FORWARDER_TYPE, name, {}, opts);
        const { names, tags } = forwarder;
        const context = awsContext(this, opts);
        const wiring = checkedForwarderWiring(forwarder.subject, args);
        const logGroupArn = context.apply((c) => logGroupArnOf(c.partition, c.region, c.accountId, names.logGroupName));

        const stores = declareForwarderStores(this, name, { forwarder, sink: args.sink, logGroupArn, context });
        const access = declareForwarderRole(this, name, { forwarder, wiring, stores, logGroupArn, context });
        const fn = declareForwarderFunction(this, name, {
            forwarder,
            wiring,
            datasetPrefix: args.dataset?.prefix,
            settings: args,
            code,
            stores,
            access,
        });
        this.invokePermission = declareInvokePermission(this, { forwarder, functionName: fn.name, wiring, context });
        const definitions = buildForwarderAlarmDefinitions({
            names,
            timeoutSeconds: forwarder.timeoutSeconds,
            maximumRetryAttempts: forwarder.maximumRetryAttempts,
            sinkKind: args.sink?.kind ?? "dataset",
            chunkLimits: { chunkMaxBytes: args.chunkMaxBytes, chunkMaxRecords: args.chunkMaxRecords },
        });
        declareMetricAlarms(this, name, definitions, topicWiring(wiring.alarmTopicArn, tags));

        this.forwarderName = name;
        this.functionName = fn.name;
        this.functionArn = fn.arn;
        this.roleArn = access.role.arn;
        this.deadLetterQueueUrl = stores.deadLetters.url;
        this.deadLetterQueueArn = stores.deadLetters.arn;
        this.failedInvocationQueueUrl = stores.failedInvocations.url;
        this.failedInvocationQueueArn = stores.failedInvocations.arn;
        this.idempotencyTableName = stores.table.name;
        this.tokenSecretArn = stores.tokenSecretArn === undefined ? pulumi.output(undefined) : pulumi.output(stores.tokenSecretArn);
        this.logGroupName = stores.logGroup.name;
        this.kmsKeyArn = stores.key.arn;
        this.alarmNames = pulumi.output(definitions.map((definition) => definition.alarmName));
        this.bucketName = pulumi.output(wiring.bucketName);
        this.captureBucketName = args.capture.bucketName;
        this.notificationRules = forwarderNotificationRules(names.functionName, args.capture.prefix, args.endpointNames);
        this.registerOutputs(this.registeredOutputs());
    }

    /** What the engine records as the component's outputs. */
    private registeredOutputs(): Record<string, unknown> {
        return {
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
        };
    }
}
