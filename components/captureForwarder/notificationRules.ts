import { CAPTURE_FILE_SUFFIX, CAPTURE_OBJECT_CREATED } from "./forwarderArgs";

/** One S3 event notification rule of a forwarder, as plain data. */
export interface CaptureNotificationRule {
    /** The rule's Id in the bucket's notification configuration. */
    id: string;
    events: string[];
    filterPrefix: string;
    filterSuffix: string;
}

/**
 * Key prefixes a forwarder reads and is notified about: `<prefix>/<endpoint>/` per endpoint, or
 * the whole `<prefix>/`. The trailing "/" keeps `churn/` from matching `churn-v2/`.
 */
export function forwarderKeyPrefixes(capturePrefix: string, endpointNames: readonly string[] | undefined): string[] {
    return endpointNames === undefined ? [`${capturePrefix}/`] : endpointNames.map((endpoint) => `${capturePrefix}/${endpoint}/`);
}

/** A forwarder's rules: new capture files (`.jsonl`) under each of its key prefixes. */
export function forwarderNotificationRules(
    functionName: string,
    capturePrefix: string,
    endpointNames: readonly string[] | undefined,
): CaptureNotificationRule[] {
    return forwarderKeyPrefixes(capturePrefix, endpointNames).map((filterPrefix, i) => ({
        id: endpointNames === undefined ? functionName : `${functionName}-${endpointNames[i]}`,
        events: [CAPTURE_OBJECT_CREATED],
        filterPrefix,
        filterSuffix: CAPTURE_FILE_SUFFIX,
    }));
}

/** What a BucketNotification needs of one forwarder; the ARN is generic so this stays pure. */
export interface NotifiedForwarder<Arn> {
    functionArn: Arn;
    rules: readonly CaptureNotificationRule[];
}

/** The `lambdaFunctions` entries of a bucket's single notification configuration: every forwarder's rules, in order. */
export function bucketNotificationRules<Arn>(forwarders: readonly NotifiedForwarder<Arn>[]) {
    return forwarders.flatMap((forwarder) =>
        forwarder.rules.map((rule) => ({
            id: rule.id,
            lambdaFunctionArn: forwarder.functionArn,
            events: [...rule.events],
            filterPrefix: rule.filterPrefix,
            filterSuffix: rule.filterSuffix,
        })),
    );
}
