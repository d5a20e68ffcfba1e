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

/** `<name>-`, cut to `maxLength`, lowercased for S3. */
export function namePrefix(name: string, maxLength: number, lowercase = false): string {
    const prefix = `${lowercase ? name.toLowerCase() : name}-`;
    return prefix.length <= maxLength ? prefix : `${prefix.slice(0, maxLength - 1)}-`;
}
