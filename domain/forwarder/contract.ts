/**
 * The capture forwarder's contract with the component that deploys it and the rules that check it:
 * how the Lambda is recognised, where its dead-letter queue is declared, and its idempotency table.
 */
export const CAPTURE_FORWARDER_TAG = {
    key: "sagemaker-monitoring:component",
    value: "capture-forwarder",
} as const;

/** Environment variable holding the URL of the SQS queue that receives undeliverable chunks. */
export const DEAD_LETTER_QUEUE_URL_ENV = "DEAD_LETTER_QUEUE_URL";

/** Idempotency table partition key (type S). */
export const IDEMPOTENCY_KEY_ATTRIBUTE = "chunkKey";
/** Idempotency table TTL attribute (type N, epoch seconds). */
export const IDEMPOTENCY_TTL_ATTRIBUTE = "expiresAt";
