import { accountAdministersKey, cloudWatchLogsUsesKey, PolicyDocument, policyDocument } from "../core/iam/policyDocument";

/**
 * The forwarder's own KMS key encrypts its queues, table, log group and created token secret.
 * Not the capture key: CloudWatch Logs may use a key only when the key policy names the logs
 * service, which a capture key (possibly an existing one owned by another team) should not be
 * changed for; and who may read dead letters and delivery records is a different question from
 * who may read captured payloads. The account administers the key and grants use through IAM
 * (the role gets kms:Decrypt/GenerateDataKey on it); the logs service may use it only for this
 * log group.
 */
export function buildForwarderKeyPolicy(partition: string, region: string, accountId: string, logGroupArn: string): PolicyDocument {
    return policyDocument([
        accountAdministersKey(partition, accountId),
        cloudWatchLogsUsesKey("CloudWatchLogsEncryptsOwnLogGroup", region, logGroupArn),
    ]);
}
