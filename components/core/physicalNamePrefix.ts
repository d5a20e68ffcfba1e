/**
 * Prefixes for resources AWS names uniquely from a prefix (S3 `bucketPrefix`, IAM `namePrefix`):
 * any component name fits, because the prefix is cut to AWS's limit and AWS adds the unique part.
 */
export const PREFIX_LIMITS = {
    /** S3 appends 26 characters; bucket names are at most 63, lowercase. */
    s3Bucket: 37,
    /** IAM appends 26 characters; role names are at most 64. */
    iamRole: 38,
} as const;

/** `<name>-`, cut to `maxLength`. */
export function namePrefix(name: string, maxLength: number): string {
    const prefix = `${name}-`;
    return prefix.length <= maxLength ? prefix : `${prefix.slice(0, maxLength - 1)}-`;
}

/**
 * A valid S3 bucket-name prefix from any component name: lowercase letters, digits and hyphens,
 * starting with a letter or digit (a Pulumi name may hold `_`, `.` or capitals S3 refuses).
 */
export function bucketNamePrefix(name: string): string {
    const safe = name
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, "-")
        .replace(/^-+/, "");
    return namePrefix(safe === "" ? "bucket" : safe, PREFIX_LIMITS.s3Bucket);
}
