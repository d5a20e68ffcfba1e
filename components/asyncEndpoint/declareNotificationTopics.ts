import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AsyncNotificationArgs } from "./asyncEndpointArgs";
import { buildNotificationKeyPolicy, buildNotificationTopicPolicy } from "./notificationTopicPolicies";
import { awsContext } from "../core/awsContext";

export interface NotificationTopics {
    successTopicArn: pulumi.Output<string>;
    errorTopicArn: pulumi.Output<string>;
    /** Keys the execution role must be able to use to publish: the created key and/or the one passed in. */
    kmsKeyArns: pulumi.Output<string>[];
}

/** Uses the topics passed in and creates the others, KMS-encrypted, with one key between them. */
export function declareNotificationTopics(
    parent: pulumi.Resource,
    name: string,
    args: AsyncNotificationArgs,
    options: {
        executionRoleArn?: pulumi.Input<string>;
        tags: Record<string, string>;
        /** The component's own options: they decide whether the AWS account lookup can be shared. */
        componentOpts?: pulumi.ComponentResourceOptions;
    },
): NotificationTopics {
    const opts = { parent };
    const kmsKeyArns = args.kmsKeyArn === undefined ? [] : [pulumi.output(args.kmsKeyArn)];
    if (args.successTopicArn !== undefined && args.errorTopicArn !== undefined) {
        return { successTopicArn: pulumi.output(args.successTopicArn), errorTopicArn: pulumi.output(args.errorTopicArn), kmsKeyArns };
    }
    const context = awsContext(parent, options.componentOpts);
    const publishers = options.executionRoleArn === undefined ? [] : [options.executionRoleArn];
    const key = new aws.kms.Key(
        `${name}-notifications-key`,
        {
            description: `Encrypts async inference notifications of ${name}`,
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            policy: pulumi
                .output({ context, publishers })
                .apply(({ context: c, publishers: roles }) =>
                    JSON.stringify(buildNotificationKeyPolicy(c.partition, c.accountId, c.region, roles)),
                ),
            tags: options.tags,
        },
        opts,
    );
    const topicArn = (kind: "success" | "error", given: pulumi.Input<string> | undefined): pulumi.Output<string> => {
        if (given !== undefined) {
            return pulumi.output(given);
        }
        const topic = new aws.sns.Topic(`${name}-${kind}-topic`, { kmsMasterKeyId: key.arn, tags: options.tags }, opts);
        new aws.sns.TopicPolicy(
            `${name}-${kind}-topic-policy`,
            {
                arn: topic.arn,
                policy: pulumi
                    .output({ topicArn: topic.arn, context })
                    .apply(({ topicArn, context: c }) => JSON.stringify(buildNotificationTopicPolicy(c.partition, c.accountId, topicArn))),
            },
            opts,
        );
        return topic.arn;
    };
    return {
        successTopicArn: topicArn("success", args.successTopicArn),
        errorTopicArn: topicArn("error", args.errorTopicArn),
        kmsKeyArns: [key.arn, ...kmsKeyArns],
    };
}
