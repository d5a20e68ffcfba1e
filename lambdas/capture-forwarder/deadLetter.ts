/**
 * Dead letters: what could not be delivered, with enough to find it again (object, version,
 * line range) and the reason. Messages never carry payload data, only coordinates.
 */
import { SendMessageCommand } from "@aws-sdk/client-sqs";

export interface DeadLetterMessage {
    bucket: string;
    key: string;
    versionId: string | null;
    etag: string | null;
    /** 1-based first line of the range. */
    firstLine: number;
    /** Last line of the range, or null when the rest of the object could not be read. */
    lastLine: number | null;
    reason: string;
    /** Inferences in the range, or null when unknown (object not read). */
    count: number | null;
}

export interface DeadLetterQueue {
    send(message: DeadLetterMessage): Promise<void>;
}

/** The part of SQSClient this module uses, so tests can pass a small fake. */
export interface SqsSender {
    send(command: SendMessageCommand): Promise<unknown>;
}

/** SQS dead-letter queue; encryption at rest (KMS) is configured on the queue itself. */
export class SqsDeadLetterQueue implements DeadLetterQueue {
    constructor(
        private readonly sqs: SqsSender,
        private readonly queueUrl: string,
    ) {}

    async send(message: DeadLetterMessage): Promise<void> {
        await this.sqs.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(message) }));
    }
}
