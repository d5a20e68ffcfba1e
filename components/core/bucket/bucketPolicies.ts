import { denyInsecureTransport, PolicyDocument, policyDocument } from "../iam/policyDocument";

/** Denies every request that does not use TLS, on the bucket and its objects. */
export function buildTlsOnlyBucketPolicy(bucketArn: string): PolicyDocument {
    return policyDocument([denyInsecureTransport(["s3:*"], [bucketArn, `${bucketArn}/*`])]);
}

/** Current objects expire after `expirationDays`, old versions a day later, stalled uploads after 7 days. */
export function buildLifecycleRules(expirationDays: number) {
    return [
        {
            id: "expire-after-retention",
            status: "Enabled",
            filter: { prefix: "" },
            expiration: { days: expirationDays },
            noncurrentVersionExpiration: { noncurrentDays: 1 },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        },
    ];
}
