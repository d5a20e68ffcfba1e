import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { buildLifecycleRules, buildTlsOnlyBucketPolicy, RetentionRule } from "./bucketPolicies";
import { bucketNamePrefix } from "../physicalNamePrefix";

export interface SecureBucketOptions {
    /** What the bucket holds, for descriptions. */
    purpose: string;
    /** What else the key encrypts, for its description. @default nothing else */
    keyAlsoEncrypts?: string;
    /** The key's policy. @default AWS's default key policy (the account administers the key) */
    keyPolicy?: pulumi.Input<string>;
    expirationDays: number;
    /** Prefixes with their own retention; nothing else expires. @default none: the whole bucket expires after expirationDays */
    retentionRules?: readonly RetentionRule[];
    forceDestroy: boolean;
    tags: Record<string, string>;
}

export interface SecureBucket {
    key: aws.kms.Key;
    bucket: aws.s3.Bucket;
    /** The bucket's settings: encryption, public-access block, ownership, versioning, lifecycle, TLS policy. */
    ready: pulumi.Resource[];
    /**
     * The bucket's name, resolving only once all of `ready` exists: whoever receives it (an
     * endpoint, a forwarder) then never writes to or reads from the bucket before it is safe.
     */
    nameWhenReady: pulumi.Output<string>;
}

/**
 * A bucket that is safe by construction: its own KMS key with rotation, SSE-KMS with bucket keys,
 * all public access blocked, ACLs disabled, TLS-only policy, versioning and a retention lifecycle.
 * Used for capture data and for asynchronous inference output alike.
 */
export function declareSecureBucket(parent: pulumi.Resource, name: string, options: SecureBucketOptions): SecureBucket {
    const opts = { parent };
    const key = new aws.kms.Key(
        `${name}-key`,
        {
            description: `Encrypts ${options.purpose} in ${name}${options.keyAlsoEncrypts === undefined ? "" : `, and ${options.keyAlsoEncrypts}`}`,
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            policy: options.keyPolicy,
            tags: options.tags,
        },
        opts,
    );
    const bucket = new aws.s3.Bucket(
        `${name}-bucket`,
        { bucketPrefix: bucketNamePrefix(name), forceDestroy: options.forceDestroy, tags: options.tags },
        opts,
    );
    const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
        `${name}-encryption`,
        {
            bucket: bucket.id,
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
        },
        opts,
    );
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
        `${name}-public-access-block`,
        { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        opts,
    );
    const ownership = new aws.s3.BucketOwnershipControls(
        `${name}-ownership`,
        { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
        opts,
    );
    const versioning = new aws.s3.BucketVersioning(
        `${name}-versioning`,
        { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
        opts,
    );
    const lifecycle = new aws.s3.BucketLifecycleConfiguration(
        `${name}-lifecycle`,
        { bucket: bucket.id, rules: buildLifecycleRules(options.expirationDays, options.retentionRules) },
        // A lifecycle rule on a versioned bucket must follow versioning.
        { parent, dependsOn: [versioning] },
    );
    const policy = new aws.s3.BucketPolicy(
        `${name}-tls-only-policy`,
        { bucket: bucket.id, policy: bucket.arn.apply((arn) => JSON.stringify(buildTlsOnlyBucketPolicy(arn))) },
        // The public-access block must exist first, or the policy briefly stands alone.
        { parent, dependsOn: [publicAccess] },
    );
    const ready = [encryption, publicAccess, ownership, versioning, lifecycle, policy];
    // The URNs carry the configuration resources as dependencies of whatever uses the name.
    const nameWhenReady = pulumi
        .output({ bucketName: bucket.bucket, readyUrns: ready.map((r) => r.urn) })
        .apply(({ bucketName }) => bucketName);
    return { key, bucket, ready, nameWhenReady };
}
