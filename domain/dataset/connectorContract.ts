/**
 * The contract between the dataset's read-only connector roles (components/) and the pack rule
 * that keeps them read-only (policy/): how a connector role is recognised, and the only actions
 * its policies may grant.
 */
export const DATASET_CONNECTOR_TAG = {
    key: "sagemaker-monitoring:component",
    value: "dataset-connector",
} as const;

/** List and get objects under the dataset prefix, and decrypt them: nothing else. */
export const CONNECTOR_ALLOWED_ACTIONS = ["s3:ListBucket", "s3:GetObject", "kms:Decrypt"] as const;

/**
 * The one listing outside the dataset a connector may be given (opt-in, a connector's `listBucketRoot`):
 * the bucket's root, one level deep. It is the request a platform's connection test sends when it
 * lists the bucket (arthur-engine: s3fs `ls(<bucket>)`, ListObjectsV2 with Prefix "" and Delimiter "/").
 * With the delimiter S3 answers with the bucket's top-level prefix names and the keys of objects stored
 * at its root only; without it, an empty prefix would list every key of the bucket.
 */
export const ROOT_LISTING_CONDITION = { StringEquals: { "s3:prefix": "", "s3:delimiter": "/" } } as const;

/** STS external IDs: 2-1224 characters of letters, digits and `+=,.@:/-` (IAM's pattern, `\w` included). */
export const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]{2,1224}$/;
