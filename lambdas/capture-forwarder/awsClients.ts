/**
 * The AWS SDK clients, each with connection, request and idle-socket timeouts. The bundled
 * node-http-handler has none by default (`requestTimeout` 0), and only logs a warning unless
 * `throwOnRequestTimeout` is set; `requestTimeout` ends when the answer's headers arrive, so a
 * body that stalls is ended by `socketTimeout`. timeBudget.ts bounds whole calls on top of this.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SQSClient } from "@aws-sdk/client-sqs";

/** Per-request limits of every client. */
export const AWS_REQUEST_LIMITS = {
    /** TCP and TLS set-up. */
    connectionTimeout: 3000,
    /** Until the answer's headers. */
    requestTimeout: 10_000,
    /** Longest silence on the socket, body included (a ranged S3 read that stalls). */
    socketTimeout: 10_000,
    throwOnRequestTimeout: true,
} as const;

/** SDK attempts per call (its retries stay inside the call's budget). */
const SDK_MAX_ATTEMPTS = 3;

export interface AwsClients {
    s3: S3Client;
    secrets: SecretsManagerClient;
    dynamo: DynamoDBClient;
    sqs: SQSClient;
}

/**
 * @param options.s3PathStyle path-style S3 URLs, for an S3-compatible server at AWS_ENDPOINT_URL_S3
 * (replay against s3rver); @default false
 */
export function createAwsClients(options: { s3PathStyle?: boolean } = {}): AwsClients {
    const common = { requestHandler: { ...AWS_REQUEST_LIMITS }, maxAttempts: SDK_MAX_ATTEMPTS };
    return {
        // Reads are ranged: a whole-object checksum cannot be checked against a range, so the SDK's
        // optional response validation is off (TLS still guards the bytes in transit).
        s3: new S3Client({ ...common, responseChecksumValidation: "WHEN_REQUIRED", forcePathStyle: options.s3PathStyle === true }),
        secrets: new SecretsManagerClient(common),
        dynamo: new DynamoDBClient(common),
        sqs: new SQSClient(common),
    };
}
