import { accountAdministersKey, denyInsecureTransport, PolicyDocument, policyDocument, PolicyStatement } from "../core/iam/policyDocument";

/**
 * The key of the success and error topics. The account administers it, which is also what lets a
 * created execution role use it through its IAM policy (the role is created after the topics, so
 * the key cannot name it). An execution role you pass in is named here, so it can publish
 * encrypted messages without changing its IAM policy for this key.
 */
export function buildNotificationKeyPolicy(
    partition: string,
    accountId: string,
    region: string,
    publisherRoleArns: string[],
): PolicyDocument {
    const statements: PolicyStatement[] = [accountAdministersKey(partition, accountId)];
    if (publisherRoleArns.length > 0) {
        statements.push({
            Sid: "ExecutionRolePublishesEncrypted",
            Effect: "Allow",
            Principal: { AWS: [...publisherRoleArns].sort() },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: ["*"],
            Condition: { StringEquals: { "kms:ViaService": `sns.${region}.amazonaws.com` } },
        });
    }
    return policyDocument(statements);
}

/** The account's principals use the topic through IAM (SageMaker publishes as the execution role), only over TLS. */
export function buildNotificationTopicPolicy(partition: string, accountId: string, topicArn: string): PolicyDocument {
    return policyDocument([
        {
            Sid: "AccountPublishesAndSubscribes",
            Effect: "Allow",
            Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
            Action: ["sns:GetTopicAttributes", "sns:ListSubscriptionsByTopic", "sns:Publish", "sns:Subscribe"],
            Resource: [topicArn],
        },
        denyInsecureTransport(["sns:Publish"], [topicArn]),
    ]);
}
