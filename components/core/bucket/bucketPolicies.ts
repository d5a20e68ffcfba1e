import { denyInsecureTransport, PolicyDocument, policyDocument } from "../iam/policyDocument";

/** Denies every request that does not use TLS, on the bucket and its objects. */
export function buildTlsOnlyBucketPolicy(bucketArn: string): PolicyDocument {
    return policyDocument([denyInsecureTransport(["s3:*"], [bucketArn, `${bucketArn}/*`])]);
}

/** One prefix of a bucket with its own retention (a lifecycle rule). */
export interface RetentionRule {
    /** The rule's Id. */
    id: string;
    /** Key prefix the rule applies to; "" for the whole bucket. */
    prefix: string;
    expirationDays: number;
}

/** The id of the rule that expires the bucket's main contents. */
export const RETENTION_RULE_ID = "expire-after-retention";

/**
 * Current objects expire after `expirationDays`, old versions a day later, stalled uploads after 7 days.
 * S3 has one lifecycle configuration per bucket: with `rules`, each prefix expires on its own
 * (and nothing outside them expires); without, the whole bucket expires after `expirationDays`.
 */
export function buildLifecycleRules(expirationDays: number, rules?: readonly RetentionRule[]) {
    return (rules ?? [{ id: RETENTION_RULE_ID, prefix: "", expirationDays }]).map((rule) => ({
        id: rule.id,
        status: "Enabled",
        filter: { prefix: rule.prefix },
        expiration: { days: rule.expirationDays },
        noncurrentVersionExpiration: { noncurrentDays: 1 },
        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
    }));
}
