/**
 * Pure validation rules. Each returns `undefined` when the value is valid, otherwise a reason that
 * names the rule and the allowed values. Limits are AWS's (docs/ARCHITECTURE.md, "AWS limits").
 */

export const SAGEMAKER_NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const SAGEMAKER_NAME_MAX_LENGTH = 63;

export function sageMakerName(value: unknown, maxLength = SAGEMAKER_NAME_MAX_LENGTH): string | undefined {
    if (typeof value !== "string" || value.length === 0) {
        return `must be a non-empty string of 1-${maxLength} characters matching ${SAGEMAKER_NAME_PATTERN.source}`;
    }
    if (value.length > maxLength) {
        return `must be at most ${maxLength} characters (got ${value.length}: "${value}")`;
    }
    if (!SAGEMAKER_NAME_PATTERN.test(value)) {
        return `must match ${SAGEMAKER_NAME_PATTERN.source}: letters, digits and hyphens, starting and ending with a letter or digit (got "${value}")`;
    }
    return undefined;
}

export function integerInRange(value: unknown, min: number, max: number): string | undefined {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        return `must be an integer from ${min} to ${max} (got ${JSON.stringify(value)})`;
    }
    return undefined;
}

export function numberInRange(value: unknown, min: number, max: number): string | undefined {
    if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
        return `must be a number from ${min} to ${max} (got ${JSON.stringify(value)})`;
    }
    return undefined;
}

export function oneOf<T>(value: unknown, allowed: readonly T[]): string | undefined {
    if (!allowed.includes(value as T)) {
        return `must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")} (got ${JSON.stringify(value)})`;
    }
    return undefined;
}

export function isBoolean(value: unknown): string | undefined {
    return typeof value === "boolean" ? undefined : `must be true or false (got ${JSON.stringify(value)})`;
}

const S3_URI = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(\/.*)?$/;

/** `s3://bucket[/key]` with a valid bucket name. */
export function s3Uri(value: unknown): string | undefined {
    if (typeof value !== "string" || !S3_URI.test(value)) {
        return `must be an S3 URI of the form s3://<bucket>/<key>, bucket 3-63 lowercase letters, digits, dots and hyphens (got ${JSON.stringify(value)})`;
    }
    return undefined;
}

/** Splits a URI that `s3Uri` accepted into bucket and key (no leading slash). */
export function parseS3Uri(uri: string): { bucket: string; key: string } {
    const match = S3_URI.exec(uri);
    if (!match) {
        throw new Error(`not an S3 URI: ${uri}`);
    }
    return { bucket: match[1], key: (match[2] ?? "").replace(/^\//, "") };
}

/** Days before a bucket's objects expire: a day at least, a century at most. */
export const S3_EXPIRATION_DAYS = { min: 1, max: 36500 } as const;

const S3_PREFIX = /^[a-zA-Z0-9!_.*'()-]+(\/[a-zA-Z0-9!_.*'()-]+)*$/;

/** A key prefix without leading or trailing slash, in S3's safe characters. */
export function s3Prefix(value: unknown): string | undefined {
    if (typeof value !== "string" || value.length > 512 || !S3_PREFIX.test(value)) {
        return `must be 1-512 characters of S3-safe key segments (letters, digits, !_.*'()-) separated by single "/", with no leading or trailing "/" (got ${JSON.stringify(value)})`;
    }
    return undefined;
}

export const TAG_LIMITS = { maxTags: 50, maxKeyLength: 128, maxValueLength: 256 } as const;
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** AWS tag rules: at most 50 tags, keys 1-128 and values 0-256 characters, no `aws:` keys. */
export function tagProblems(tags: unknown): { key?: string; reason: string }[] {
    if (tags === undefined) {
        return [];
    }
    if (tags === null || typeof tags !== "object" || Array.isArray(tags)) {
        return [{ reason: "must be a map of tag keys to string values" }];
    }
    const entries = Object.entries(tags as Record<string, unknown>);
    const problems: { key?: string; reason: string }[] = [];
    if (entries.length > TAG_LIMITS.maxTags) {
        problems.push({ reason: `must have at most ${TAG_LIMITS.maxTags} tags (got ${entries.length})` });
    }
    for (const [key, value] of entries) {
        if (key.length < 1 || key.length > TAG_LIMITS.maxKeyLength || !TAG_CHARACTERS.test(key)) {
            problems.push({
                key,
                reason: `tag key must be 1-${TAG_LIMITS.maxKeyLength} letters, digits, spaces and _.:/=+-@ (got ${JSON.stringify(key)})`,
            });
        } else if (key.toLowerCase().startsWith("aws:")) {
            problems.push({ key, reason: `tag key must not start with the reserved prefix "aws:" (got ${JSON.stringify(key)})` });
        }
        if (typeof value !== "string" || value.length > TAG_LIMITS.maxValueLength || !TAG_CHARACTERS.test(value)) {
            problems.push({
                key,
                reason: `tag value must be a string of 0-${TAG_LIMITS.maxValueLength} letters, digits, spaces and _.:/=+-@ (got ${JSON.stringify(value)})`,
            });
        }
    }
    return problems;
}

export function integerAtLeast(value: unknown, min: number): string | undefined {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
        return `must be an integer >= ${min} (got ${JSON.stringify(value)})`;
    }
    return undefined;
}

/** A value that is only known at deploy time (a Pulumi Output) is checked later, inside `apply`. */
export function isKnownString(value: unknown): value is string {
    return typeof value === "string";
}

export const S3_BUCKET_NAME_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function s3BucketName(value: unknown): string | undefined {
    if (typeof value !== "string" || !S3_BUCKET_NAME_PATTERN.test(value)) {
        return `must be an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit (got ${JSON.stringify(value)})`;
    }
    return undefined;
}

export function numberAtLeast(value: unknown, min: number): string | undefined {
    if (typeof value !== "number" || !Number.isFinite(value) || value < min) {
        return `must be a number >= ${min} (got ${JSON.stringify(value)})`;
    }
    return undefined;
}

export function numberGreaterThan(value: unknown, min: number): string | undefined {
    if (typeof value !== "number" || !Number.isFinite(value) || value <= min) {
        return `must be a number > ${min} (got ${JSON.stringify(value)})`;
    }
    return undefined;
}

/** A list without repeated values. */
export function uniqueValues(value: readonly unknown[]): string | undefined {
    const repeated = value.filter((v, i) => value.indexOf(v) !== i);
    return repeated.length === 0
        ? undefined
        : `must not repeat a value (repeated: ${[...new Set(repeated)].map((v) => JSON.stringify(v)).join(", ")})`;
}

// ARN rules live with the other ARN facts; validators reach every rule through this module.
export { iamRoleArn, kmsKeyArn, snsTopicArn } from "./arn";
export { awsRegion } from "./awsRegions";
