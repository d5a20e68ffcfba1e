/**
 * How the capture forwarder Lambda is recognised and where its dead-letter queue is declared.
 * The forwarder component and the forwarder-has-dlq rule share these names.
 */
export const CAPTURE_FORWARDER_TAG = {
    key: "sagemaker-monitoring:component",
    value: "capture-forwarder",
} as const;

/** Environment variable holding the URL of the SQS queue that receives undeliverable chunks. */
export const DEAD_LETTER_QUEUE_URL_ENV = "DEAD_LETTER_QUEUE_URL";
