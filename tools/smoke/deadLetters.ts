import { GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";

/** Messages waiting in each forwarder dead-letter queue (ApproximateNumberOfMessages), by forwarder. */
export async function deadLetterCounts(
    sqs: SQSClient,
    queues: readonly { forwarder: string; url: string }[],
): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const queue of queues) {
        const { Attributes } = await sqs.send(
            new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ["ApproximateNumberOfMessages"] }),
        );
        counts.set(queue.forwarder, Number(Attributes?.ApproximateNumberOfMessages ?? "0"));
    }
    return counts;
}
