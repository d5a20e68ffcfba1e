import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext } from "../core/awsContext";
import { checkedAtDeploy } from "../core/validation/deployTime";
import { ForwarderStores } from "./declareForwarderStores";
import { ForwarderSettings } from "./forwarderArgs";
import { ForwarderWiring, ResolvedForwarder } from "./resolveForwarderArgs";
import { FORWARDER_HANDLER, FORWARDER_RUNTIME, forwarderSourceCodeHash } from "./forwarderCode";
import { forwarderEnvironmentVariables, WiredValue, wiredValuePath, wiredValueProblem } from "./forwarderEnvironment";
import { ForwarderRole } from "./declareForwarderRole";
import { s3BucketArn } from "./forwarderRolePolicy";

export interface ForwarderFunctionArgs {
    forwarder: ResolvedForwarder;
    wiring: ForwarderWiring;
    /** The dataset's prefix; undefined without a dataset. */
    datasetPrefix: string | undefined;
    /** The settings as given: the Lambda's environment is built from them. */
    settings: ForwarderSettings;
    /** The bundle, built before any resource was declared. */
    code: pulumi.asset.AssetArchive;
    stores: ForwarderStores;
    access: ForwarderRole;
}

/** The Lambda function and its async-invoke config: retries, then the failed-invocation queue. */
export function declareForwarderFunction(parent: pulumi.ComponentResource, name: string, args: ForwarderFunctionArgs): aws.lambda.Function {
    const { forwarder, settings, stores, access } = args;
    const fn = new aws.lambda.Function(
        `${name}-function`,
        {
            name: forwarder.names.functionName,
            description: `Forwards SageMaker Data Capture files to ${destinations(settings, args.datasetPrefix)} (sagemaker-monitoring)`,
            runtime: FORWARDER_RUNTIME,
            handler: FORWARDER_HANDLER,
            code: args.code,
            // The archive is not diffable in synth output; its bundle's hash is, and it triggers the code update.
            sourceCodeHash: forwarderSourceCodeHash(forwarder.datasetSchemas),
            role: access.role.arn,
            timeout: forwarder.timeoutSeconds,
            memorySize: forwarder.memorySizeMb,
            ...(settings.reservedConcurrency === undefined ? {} : { reservedConcurrentExecutions: settings.reservedConcurrency }),
            environment: { variables: wiredEnvironment(args) },
            tags: forwarder.tags,
        },
        // Logs land in the encrypted group with retention, never in one Lambda would create; permissions exist before the first event.
        { parent, dependsOn: [stores.logGroup, access.rolePolicy] },
    );
    new aws.lambda.FunctionEventInvokeConfig(
        `${name}-async-invoke`,
        {
            functionName: fn.name,
            maximumRetryAttempts: forwarder.maximumRetryAttempts,
            maximumEventAgeInSeconds: forwarder.maximumEventAgeSeconds,
            destinationConfig: { onFailure: { destination: stores.failedInvocations.arn } },
        },
        // Lambda checks that the role may send to the destination.
        { parent, dependsOn: [access.rolePolicy] },
    );
    return fn;
}

/** "the arthur sink", "the capture dataset" or both. */
function destinations(settings: ForwarderSettings, datasetPrefix: string | undefined): string {
    const sink = settings.sink === undefined ? [] : [`the ${settings.sink.kind} sink`];
    return [...sink, ...(datasetPrefix === undefined ? [] : ["the capture dataset"])].join(" and ");
}

/** The Lambda's environment, each wired value checked by the Lambda's own rule once it resolves. */
function wiredEnvironment(args: ForwarderFunctionArgs) {
    const { settings, stores, datasetPrefix } = args;
    // One Output per variable: the plain settings stay known at a new stack's preview (the policy pack reads DEAD_LETTER_QUEUE_URL).
    const wired = (field: WiredValue, value: pulumi.Input<string>) =>
        checkedAtDeploy(args.forwarder.subject, wiredValuePath(field), value, (v) => wiredValueProblem(settings, field, v, datasetPrefix));
    const dataset = args.wiring.dataset;
    return forwarderEnvironmentVariables(
        settings,
        {
            deadLetterQueueUrl: wired("deadLetterQueueUrl", stores.deadLetters.url),
            idempotencyTable: wired("idempotencyTable", stores.table.name),
            tokenSecretArn: stores.tokenSecretArn === undefined ? undefined : wired("tokenSecretArn", stores.tokenSecretArn),
            ...(dataset === undefined ? {} : { datasetBucket: wired("datasetBucket", dataset.bucketName) }),
        },
        datasetPrefix,
    );
}

/** S3's permission to invoke the function, for the capture bucket of this account only. */
export function declareInvokePermission(
    parent: pulumi.ComponentResource,
    args: {
        forwarder: ResolvedForwarder;
        functionName: pulumi.Output<string>;
        wiring: ForwarderWiring;
        context: pulumi.Output<AwsContext>;
    },
): aws.lambda.Permission {
    return new aws.lambda.Permission(
        args.forwarder.autoNamed.invokePermission,
        {
            action: "lambda:InvokeFunction",
            function: args.functionName,
            principal: "s3.amazonaws.com",
            sourceArn: pulumi
                .output({ context: args.context, bucketName: args.wiring.bucketName })
                .apply(({ context: c, bucketName }) => s3BucketArn(c.partition, bucketName)),
            // Bucket ARNs carry no account: this keeps a same-named bucket elsewhere from invoking it.
            sourceAccount: args.context.accountId,
        },
        { parent },
    );
}
