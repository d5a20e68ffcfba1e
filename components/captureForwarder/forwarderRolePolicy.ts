import { policyDocument, PolicyDocument, PolicyStatement, s3ObjectArn } from "../core/iam/policyDocument";
import { uniqueSorted } from "../../domain/values";

/** Everything the forwarder touches, as resolved exact ARNs. */
export interface ForwarderRoleScope {
    partition: string;
    bucketName: string;
    /** Key prefixes it reads, each ending in "/" (`datacapture/` or `datacapture/<endpoint>/`). */
    keyPrefixes: string[];
    /** The key SageMaker encrypts capture files with. */
    captureKmsKeyArn: string;
    /** Where it writes the dataset: the bucket, its key prefixes (each ending in "/") and key; undefined without a dataset. */
    dataset?: { bucketName: string; keyPrefixes: string[]; kmsKeyArn: string };
    tokenSecretArn: string | undefined;
    /** Customer-managed key of a given secret; a created secret uses the forwarder key. */
    tokenSecretKmsKeyArn: string | undefined;
    /** The forwarder's own key: both queues, the table, a created secret. */
    forwarderKmsKeyArn: string;
    deadLetterQueueArn: string;
    failedInvocationQueueArn: string;
    tableArn: string;
    logGroupArn: string;
}

/** `arn:<partition>:s3:::<bucket>`: what S3 invoke permissions and bucket-level IAM statements name. */
export function s3BucketArn(partition: string, bucketName: string): string {
    return `arn:${partition}:s3:::${bucketName}`;
}

/**
 * Least privilege for the forwarder: read capture files under its prefixes only (GetObject; it never
 * lists: a deleted file is then AccessDenied rather than NoSuchKey, both dead-lettered alike), decrypt them,
 * read its own token, send to its own two queues, check and record deliveries in its own table,
 * write its own log group. Every Resource is an exact ARN; nothing is `*`.
 */
export function buildForwarderRolePolicy(scope: ForwarderRoleScope): PolicyDocument {
    const statements: PolicyStatement[] = [
        {
            Sid: "ReadCaptureFiles",
            Effect: "Allow",
            // GetObjectVersion: the handler pins reads to the event's versionId on versioned buckets.
            Action: ["s3:GetObject", "s3:GetObjectVersion"],
            Resource: uniqueSorted(scope.keyPrefixes.map((prefix) => s3ObjectArn(scope.partition, scope.bucketName, `${prefix}*`))),
        },
        { Sid: "DecryptCaptureFiles", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [scope.captureKmsKeyArn] },
    ];
    if (scope.dataset !== undefined) {
        const dataset = scope.dataset;
        statements.push(
            // One Parquet file per capture object, by PutObject or a streamed multipart upload (s3:PutObject
            // covers its Create/UploadPart/Complete calls); AbortMultipartUpload cleans up after a failure.
            {
                Sid: "WriteDatasetFiles",
                Effect: "Allow",
                Action: ["s3:AbortMultipartUpload", "s3:PutObject"],
                Resource: uniqueSorted(dataset.keyPrefixes.map((prefix) => s3ObjectArn(scope.partition, dataset.bucketName, `${prefix}*`))),
            },
            // SSE-KMS writes need GenerateDataKey; a multipart upload also needs Decrypt, to complete it.
            { Sid: "EncryptDatasetFiles", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [dataset.kmsKeyArn] },
        );
    }
    if (scope.tokenSecretArn !== undefined) {
        statements.push({
            Sid: "ReadSinkToken",
            Effect: "Allow",
            Action: ["secretsmanager:GetSecretValue"],
            Resource: [scope.tokenSecretArn],
        });
        if (scope.tokenSecretKmsKeyArn !== undefined) {
            statements.push({ Sid: "DecryptSinkToken", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [scope.tokenSecretKmsKeyArn] });
        }
    }
    statements.push(
        // Dead letters from the handler; failed invocations from Lambda itself, which sends with this role.
        {
            Sid: "SendDeadLettersAndFailedInvocations",
            Effect: "Allow",
            Action: ["sqs:SendMessage"],
            Resource: uniqueSorted([scope.deadLetterQueueArn, scope.failedInvocationQueueArn]),
        },
        // Encrypting SQS messages needs GenerateDataKey and Decrypt; the table and a created secret need Decrypt.
        { Sid: "UseForwarderKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [scope.forwarderKmsKeyArn] },
        { Sid: "CheckAndRecordDeliveries", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem"], Resource: [scope.tableArn] },
        // The log group exists before the function, so CreateLogGroup is not granted.
        {
            Sid: "WriteOwnLogs",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: [`${scope.logGroupArn}:log-stream:*`],
        },
    );
    return policyDocument(statements);
}
