/**
 * Which failures deserve another attempt, for every edge the forwarder talks to: the sink's POSTs,
 * the ranged S3 reads and the Secrets Manager token read. One list, so the S3 reader and the
 * delivery retry policy cannot drift apart. The AWS part follows the SDK's own classification
 * (@smithy/core service-error-classification): errors it marks `$retryable`, throttling names,
 * 429 and 500/502/503/504; errors an SDK call gives up on still carry these marks.
 * HTTP answers of the sinks are classified by status in retry.ts, not here.
 */

/** Code of a ranged S3 read that ended before its last byte (s3Source.ts); it is resumed. */
export const SHORT_READ_CODE = "ShortRead";

/** Node socket and DNS codes, AWS SDK timeout and throttling names, and our short read. */
export const TRANSIENT_ERROR_CODES: ReadonlySet<string> = new Set([
    // Node sockets and DNS (a Lambda's resolver can fail for a moment)
    "ECONNRESET",
    "ECONNREFUSED",
    "ECONNABORTED",
    "EPIPE",
    "ETIMEDOUT",
    "ESOCKETTIMEDOUT",
    "EAI_AGAIN",
    "ENOTFOUND",
    "ENETUNREACH",
    "EHOSTUNREACH",
    "UND_ERR_SOCKET",
    SHORT_READ_CODE,
    // AWS SDK timeouts
    "TimeoutError",
    "RequestTimeout",
    "RequestTimeoutException",
    // AWS SDK throttling (Secrets Manager, S3 SlowDown, DynamoDB, SQS...)
    "ThrottlingException",
    "Throttling",
    "ThrottledException",
    "TooManyRequestsException",
    "RequestLimitExceeded",
    "RequestThrottled",
    "RequestThrottledException",
    "SlowDown",
    "ProvisionedThroughputExceededException",
    "BandwidthLimitExceeded",
    "PriorRequestNotComplete",
    "LimitExceededException",
    "TransactionInProgressException",
    "EC2ThrottledException",
]);

/** HTTP statuses of AWS SDK errors that are worth another attempt. */
const TRANSIENT_AWS_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

interface ErrorShape {
    code?: unknown;
    name?: unknown;
    $retryable?: unknown;
    $metadata?: { httpStatusCode?: unknown };
    cause?: unknown;
}

/** True for network errors, timeouts, throttling and AWS 5xx, also when wrapped as a `cause`. */
export function isTransientError(error: unknown, depth = 0): boolean {
    if (error === null || typeof error !== "object") return false;
    const e = error as ErrorShape;
    if (e.name === "AbortError") return false;
    if (typeof e.code === "string" && TRANSIENT_ERROR_CODES.has(e.code)) return true;
    if (typeof e.name === "string" && TRANSIENT_ERROR_CODES.has(e.name)) return true;
    if (e.$retryable !== undefined) return true;
    const status = e.$metadata?.httpStatusCode;
    if (typeof status === "number" && TRANSIENT_AWS_STATUSES.has(status)) return true;
    return depth < 5 && e.cause !== undefined && isTransientError(e.cause, depth + 1);
}
