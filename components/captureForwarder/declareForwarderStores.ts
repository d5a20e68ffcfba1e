import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { IDEMPOTENCY_KEY_ATTRIBUTE, IDEMPOTENCY_TTL_ATTRIBUTE } from "../../domain/forwarder/contract";
import { AwsContext } from "../core/awsContext";
import { ForwarderSinkArgs } from "./forwarderArgs";
import { createsTokenSecret } from "./forwarderEnvironment";
import { buildForwarderKeyPolicy } from "./forwarderKeyPolicy";
import { ResolvedForwarder } from "./resolveForwarderArgs";

/** SQS's maximum: dead letters wait two weeks for someone to replay them. */
const QUEUE_RETENTION_SECONDS = 1_209_600;

export interface ForwarderStoresArgs {
    forwarder: ResolvedForwarder;
    /** The push sink; undefined for a forwarder that only writes the dataset. */
    sink: ForwarderSinkArgs | undefined;
    /** ARN of the log group: the key's policy lets CloudWatch Logs use the key for it alone. */
    logGroupArn: pulumi.Output<string>;
    context: pulumi.Output<AwsContext>;
}

export interface ForwarderStores {
    key: aws.kms.Key;
    logGroup: aws.cloudwatch.LogGroup;
    deadLetters: aws.sqs.Queue;
    failedInvocations: aws.sqs.Queue;
    /** The idempotency table: what was delivered or dead-lettered already. */
    table: aws.dynamodb.Table;
    /** The given or created token secret; undefined for an http sink without auth. */
    tokenSecretArn: pulumi.Input<string> | undefined;
}

/**
 * Everything the forwarder keeps, all encrypted with its own key: its log group, the dead-letter
 * and failed-invocation queues, the idempotency table and, unless one is given, the token secret.
 */
export function declareForwarderStores(parent: pulumi.ComponentResource, name: string, args: ForwarderStoresArgs): ForwarderStores {
    const { names, tags } = args.forwarder;
    const opts = { parent };
    const key = declareForwarderKey(parent, name, args);
    const logGroup = new aws.cloudwatch.LogGroup(
        `${name}-logs`,
        { name: names.logGroupName, retentionInDays: args.forwarder.logRetentionDays, kmsKeyId: key.arn, tags },
        opts,
    );
    const queue = (id: string, queueName: string) =>
        new aws.sqs.Queue(
            `${name}-${id}`,
            { name: queueName, kmsMasterKeyId: key.arn, messageRetentionSeconds: QUEUE_RETENTION_SECONDS, tags },
            opts,
        );
    const deadLetters = queue("dead-letters", names.deadLetterQueueName);
    const failedInvocations = queue("failed-invocations", names.failedInvocationQueueName);
    const table = declareDeliveryTable(parent, name, { tableName: names.tableName, key, tags });
    const tokenSecretArn = createsTokenSecret(args.sink) ? declareTokenSecret(parent, key, args).arn : args.sink?.tokenSecretArn;
    return { key, logGroup, deadLetters, failedInvocations, table, tokenSecretArn };
}

function declareForwarderKey(parent: pulumi.ComponentResource, name: string, args: ForwarderStoresArgs): aws.kms.Key {
    return new aws.kms.Key(
        `${name}-key`,
        {
            // The token only when the component creates its secret: a given secret keeps its own key.
            description:
                `Encrypts the dead-letter and failed-invocation queues, delivery table and log group of capture forwarder ${args.forwarder.names.functionName}` +
                (createsTokenSecret(args.sink) ? ", and its created token secret" : ""),
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            policy: pulumi
                .output({ context: args.context, logGroupArn: args.logGroupArn })
                .apply(({ context: c, logGroupArn }) =>
                    JSON.stringify(buildForwarderKeyPolicy(c.partition, c.region, c.accountId, logGroupArn)),
                ),
            tags: args.forwarder.tags,
        },
        { parent },
    );
}

function declareDeliveryTable(
    parent: pulumi.ComponentResource,
    name: string,
    args: { tableName: string; key: aws.kms.Key; tags: Record<string, string> },
): aws.dynamodb.Table {
    return new aws.dynamodb.Table(
        `${name}-deliveries`,
        {
            name: args.tableName,
            billingMode: "PAY_PER_REQUEST",
            hashKey: IDEMPOTENCY_KEY_ATTRIBUTE,
            attributes: [{ name: IDEMPOTENCY_KEY_ATTRIBUTE, type: "S" }],
            ttl: { attributeName: IDEMPOTENCY_TTL_ATTRIBUTE, enabled: true },
            serverSideEncryption: { enabled: true, kmsKeyArn: args.key.arn },
            pointInTimeRecovery: { enabled: true },
            tags: args.tags,
        },
        { parent },
    );
}

/** An empty secret for the sink's token: the token is put in out of band, never in config or code. */
function declareTokenSecret(parent: pulumi.ComponentResource, key: aws.kms.Key, args: ForwarderStoresArgs): aws.secretsmanager.Secret {
    return new aws.secretsmanager.Secret(
        args.forwarder.autoNamed.tokenSecret,
        {
            description:
                `Token of capture forwarder ${args.forwarder.names.functionName} (${args.sink?.kind} sink). Created empty: put the token in out of band ` +
                "(aws secretsmanager put-secret-value --secret-id <this ARN> --secret-string <token>), never in config or code.",
            kmsKeyId: key.arn,
            tags: args.forwarder.tags,
        },
        { parent },
    );
}
