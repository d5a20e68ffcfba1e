import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext } from "../core/awsContext";
import { serviceTrustPolicy } from "../core/iam/policyDocument";
import { ForwarderStores } from "./declareForwarderStores";
import { ForwarderWiring, ResolvedForwarder } from "./resolveForwarderArgs";
import { buildForwarderRolePolicy } from "./forwarderRolePolicy";

export interface ForwarderRoleArgs {
    forwarder: ResolvedForwarder;
    wiring: ForwarderWiring;
    stores: ForwarderStores;
    logGroupArn: pulumi.Output<string>;
    context: pulumi.Output<AwsContext>;
}

export interface ForwarderRole {
    role: aws.iam.Role;
    /** The function and its async-invoke config wait for it: permissions exist before the first event. */
    rolePolicy: aws.iam.RolePolicy;
}

/** The execution role and its least-privilege inline policy (buildForwarderRolePolicy). */
export function declareForwarderRole(parent: pulumi.ComponentResource, name: string, args: ForwarderRoleArgs): ForwarderRole {
    const { stores, context } = args;
    const { names, tags } = args.forwarder;
    const role = new aws.iam.Role(
        `${name}-role`,
        {
            // Not auto-named from the logical name: IAM's 64 characters would cap forwarder names at 51.
            namePrefix: names.roleNamePrefix,
            description: `Execution role of capture forwarder ${names.functionName}: reads its capture prefixes${stores.tokenSecretArn === undefined ? "" : " and token"}, writes its queues, table${args.wiring.dataset === undefined ? " and logs" : ", logs and dataset files"}`,
            assumeRolePolicy: context.apply((c) => JSON.stringify(serviceTrustPolicy("lambda.amazonaws.com", c.accountId))),
            tags,
        },
        { parent },
    );
    const rolePolicy = new aws.iam.RolePolicy(
        args.forwarder.autoNamed.rolePolicy,
        {
            role: role.name,
            policy: pulumi
                .output({
                    context,
                    bucketName: args.wiring.bucketName,
                    captureKmsKeyArn: args.wiring.captureKmsKeyArn,
                    dataset: args.wiring.dataset,
                    tokenSecretArn: stores.tokenSecretArn,
                    tokenSecretKmsKeyArn: args.wiring.tokenSecretKmsKeyArn,
                    forwarderKmsKeyArn: stores.key.arn,
                    deadLetterQueueArn: stores.deadLetters.arn,
                    failedInvocationQueueArn: stores.failedInvocations.arn,
                    tableArn: stores.table.arn,
                    logGroupArn: args.logGroupArn,
                })
                .apply(({ context: c, dataset, ...resolved }) =>
                    JSON.stringify(
                        buildForwarderRolePolicy({
                            partition: c.partition,
                            keyPrefixes: args.forwarder.keyPrefixes,
                            ...resolved,
                            ...(dataset === undefined
                                ? {}
                                : { dataset: { ...dataset, keyPrefixes: args.forwarder.datasetKeyPrefixes ?? [] } }),
                        }),
                    ),
                ),
        },
        { parent },
    );
    return { role, rolePolicy };
}
