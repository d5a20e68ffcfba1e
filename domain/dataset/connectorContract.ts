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

/** STS external IDs: 2-1224 characters of letters, digits and `+=,.@:/-` (IAM's pattern, `\w` included). */
export const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]{2,1224}$/;
