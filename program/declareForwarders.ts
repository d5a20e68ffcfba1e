import * as pulumi from "@pulumi/pulumi";
import { CaptureBucket } from "../components/captureBucket/CaptureBucket";
import { CaptureDataset } from "../components/captureDataset/CaptureDataset";
import { CaptureForwarder } from "../components/captureForwarder/CaptureForwarder";
import { CaptureBucketNotifications } from "../components/captureForwarder/captureBucketNotifications";
import { forwarderEntryArgs } from "./forwarderEntries";
import { ForwarderEntry } from "./forwarderSchema";

/** Logical name of the capture bucket's notification configuration; never changes once released. */
const CAPTURE_NOTIFICATIONS_NAME = "capture-notifications";

export interface DeclaredForwarders {
    forwarders: Record<string, CaptureForwarder>;
    /** The capture bucket's single notification configuration; absent without forwarders. */
    captureNotifications?: CaptureBucketNotifications;
}

/** The stack's `captureBucket.existing`, as far as the forwarders care. */
export interface ExistingCaptureBucketEntry {
    bucketName: string;
    /** Let the forwarders own the existing bucket's whole notification configuration. @default false (forwarders on it are refused) */
    manageNotifications?: boolean;
}

/**
 * Every forwarder of the stack (those with `dataset: true` writing `dataset`), and one notification
 * configuration on the capture bucket gathering all their rules. Pass the stack's `captureBucket.existing` when it is set: without its
 * `manageNotifications: true` the forwarders are refused, since their configuration would delete the
 * bucket owner's other triggers.
 */
export function declareForwarders(
    entries: ForwarderEntry[],
    stackTags: Record<string, string>,
    captureBucket: CaptureBucket,
    alarmTopicArn: pulumi.Input<string>,
    existingCaptureBucket?: ExistingCaptureBucketEntry,
    dataset?: CaptureDataset,
): DeclaredForwarders {
    const forwarders: Record<string, CaptureForwarder> = {};
    for (const entry of entries) {
        forwarders[entry.name] = new CaptureForwarder(entry.name, {
            ...forwarderEntryArgs(entry, stackTags),
            capture: captureBucket.destination(),
            alarmTopicArn,
            // The loader refused `dataset: true` without a dataset, so it is declared here.
            ...(entry.dataset === true && dataset !== undefined ? { dataset: dataset.destination() } : {}),
        });
    }
    const list = Object.values(forwarders);
    const captureNotifications =
        list.length === 0
            ? undefined
            : new CaptureBucketNotifications(CAPTURE_NOTIFICATIONS_NAME, {
                  bucketName: captureBucket.bucketName,
                  forwarders: list,
                  bucketCreatedHere: existingCaptureBucket === undefined,
                  ...(existingCaptureBucket === undefined
                      ? {}
                      : { manageExistingNotifications: existingCaptureBucket.manageNotifications ?? false }),
              });
    return { forwarders, captureNotifications };
}

/** What an operator reads after `pulumi up`: where dead letters wait, where the token goes, what triggers each forwarder. */
export function forwarderOutputs(forwarders: Record<string, CaptureForwarder>) {
    return pulumi.output(
        Object.fromEntries(
            Object.entries(forwarders).map(([name, f]) => [
                name,
                {
                    functionName: f.functionName,
                    functionArn: f.functionArn,
                    deadLetterQueueUrl: f.deadLetterQueueUrl,
                    deadLetterQueueArn: f.deadLetterQueueArn,
                    failedInvocationQueueUrl: f.failedInvocationQueueUrl,
                    failedInvocationQueueArn: f.failedInvocationQueueArn,
                    idempotencyTableName: f.idempotencyTableName,
                    tokenSecretArn: f.tokenSecretArn,
                    notificationRules: f.notificationRules,
                },
            ]),
        ),
    );
}
