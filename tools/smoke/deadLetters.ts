import { GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";

/** One of a forwarder's two queues of lost work: chunks its sink refused (dead-letter) and events its Lambda failed on (failed-invocation). */
export interface ForwarderQueue {
    forwarder: string;
    queue: "dead-letter" | "failed-invocation";
    url: string;
}

/** Messages waiting in each queue (ApproximateNumberOfMessages), in the order given. */
export async function queueCounts(sqs: SQSClient, queues: readonly ForwarderQueue[]): Promise<(ForwarderQueue & { count: number })[]> {
    const counts: (ForwarderQueue & { count: number })[] = [];
    for (const queue of queues) {
        const { Attributes } = await sqs.send(
            new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ["ApproximateNumberOfMessages"] }),
        );
        counts.push({ ...queue, count: Number(Attributes?.ApproximateNumberOfMessages ?? "0") });
    }
    return counts;
}
