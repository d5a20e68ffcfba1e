/**
 * The security checks of one bucket declared in the stack, shared by every rule that guards a
 * bucket holding captured payloads (capture-bucket-encrypted-private-tls, dataset-encrypted):
 * default KMS encryption, a public access block with all four flags, and a policy denying
 * requests without TLS. A bucket's settings are separate resources (encryption configuration,
 * public access block, bucket policy), joined to the bucket through their `bucket` property.
 * Each check returns the full violation message, or undefined when the bucket passes.
 */
import { readStatements } from "../domain/iamPolicyDocument";
import { isSet } from "./previewSafe";
import { bucketIdentities, Props } from "./resourceShapes";
import { BUCKET_ENCRYPTION_TYPES, TYPES } from "./resourceTypes";
import { referencedResources, resourcesOfType, StackResource } from "./stackModel";
import { arrayOf, nonEmptyString, objectOf } from "../domain/values";
import { violation } from "./rules/ruleKit";

/** SSE algorithms that use KMS. */
const KMS_SSE_ALGORITHMS: readonly string[] = ["aws:kms", "aws:kms:dsse"];
const PUBLIC_ACCESS_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

/** A bucket under check, and how messages name it. */
export interface CheckedBucket {
    readonly resource: StackResource;
    /** The bucket's physical name when known, else its logical name. */
    readonly name: string;
    /** What messages start with, e.g. `Bucket "capture" (written by ...)`. */
    readonly subject: string;
}

/** The resources of `types` that configure `bucket` (by dependency at preview, else by name). */
function attachedTo(resources: readonly StackResource[], bucket: StackResource, types: readonly string[]): StackResource[] {
    return resourcesOfType(resources, types).filter(
        (sub) => referencedResources(sub, "bucket", [bucket], (b) => bucketIdentities(b.props)).length > 0,
    );
}

/** A default-encryption rule with a KMS algorithm and, when `requireKey`, a key (an unknown key ARN counts). */
function encryptsWithKms(props: Props, requireKey: boolean): boolean {
    return arrayOf(props.rules).some((rule) => {
        const byDefault = objectOf(objectOf(rule)?.applyServerSideEncryptionByDefault);
        const algorithm = nonEmptyString(byDefault?.sseAlgorithm);
        return algorithm !== undefined && KMS_SSE_ALGORITHMS.includes(algorithm) && (!requireKey || isSet(byDefault, "kmsMasterKeyId"));
    });
}

function blocksAllPublicAccess(props: Props): boolean {
    return PUBLIC_ACCESS_FLAGS.every((flag) => props[flag] === true);
}

/** A Deny statement conditioned on aws:SecureTransport = false. */
function deniesInsecureTransport(props: Props): boolean {
    const read = readStatements(props.policy);
    return (
        !("error" in read) &&
        read.statements.some((statement) => {
            const secure = objectOf(objectOf(statement.Condition)?.Bool)?.["aws:SecureTransport"];
            const values = Array.isArray(secure) ? secure : [secure];
            return statement.Effect === "Deny" && values.some((value) => value === false || value === "false");
        })
    );
}

/**
 * Default KMS encryption. With `requireKey`, the rule must also name the key (kmsMasterKeyId): without
 * one S3 uses the AWS-managed aws/s3 key, whose policy cannot let another account's role decrypt.
 */
export function kmsEncryptionViolation(
    resources: readonly StackResource[],
    bucket: CheckedBucket,
    requireKey: boolean,
    keyPurpose = "a KMS key",
): string | undefined {
    if (attachedTo(resources, bucket.resource, BUCKET_ENCRYPTION_TYPES).some(({ props }) => encryptsWithKms(props, requireKey))) {
        return undefined;
    }
    return requireKey
        ? violation(
              `${bucket.subject} has no BucketServerSideEncryptionConfiguration with sseAlgorithm ${KMS_SSE_ALGORITHMS.join(" or ")} and a kmsMasterKeyId.`,
              `add an aws.s3.BucketServerSideEncryptionConfiguration for bucket "${bucket.name}" with rules[0].applyServerSideEncryptionByDefault.sseAlgorithm "aws:kms" and kmsMasterKeyId set to ${keyPurpose}.`,
          )
        : violation(
              `${bucket.subject} has no BucketServerSideEncryptionConfiguration with sseAlgorithm aws:kms.`,
              `add an aws.s3.BucketServerSideEncryptionConfiguration for bucket "${bucket.name}" with rules[0].applyServerSideEncryptionByDefault.sseAlgorithm "aws:kms" and ${keyPurpose}.`,
          );
}

export function publicAccessViolation(resources: readonly StackResource[], bucket: CheckedBucket): string | undefined {
    if (attachedTo(resources, bucket.resource, [TYPES.bucketPublicAccessBlock]).some(({ props }) => blocksAllPublicAccess(props))) {
        return undefined;
    }
    return violation(
        `${bucket.subject} has no BucketPublicAccessBlock with ${PUBLIC_ACCESS_FLAGS.join(", ")} all true.`,
        `add an aws.s3.BucketPublicAccessBlock for bucket "${bucket.name}" with all four flags set to true.`,
    );
}

export function tlsOnlyViolation(resources: readonly StackResource[], bucket: CheckedBucket): string | undefined {
    if (attachedTo(resources, bucket.resource, [TYPES.bucketPolicy]).some(({ props }) => deniesInsecureTransport(props))) {
        return undefined;
    }
    return violation(
        `${bucket.subject} has no BucketPolicy denying requests without TLS (aws:SecureTransport = false).`,
        `add an aws.s3.BucketPolicy for bucket "${bucket.name}" with a Deny statement for s3:* on the bucket and its objects, Condition {"Bool": {"aws:SecureTransport": "false"}}.`,
    );
}
