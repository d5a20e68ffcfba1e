import { findOverlappingRules } from "../../domain/s3NotificationOverlap";
import { Problem } from "../core/validation/problems";
import { CaptureNotificationRule } from "./notificationRules";

/** A forwarder's rules and where it is in the caller's input, for messages. */
export interface LabelledForwarderRules {
    /** How the forwarder is referred to: "forwarders[0]". */
    label: string;
    /** Where a problem with its rules is reported: "forwarders[0].endpoints". */
    propertyPath: string;
    name: string;
    rules: readonly CaptureNotificationRule[];
}

const quoted = (value: string) => JSON.stringify(value);

/**
 * The overlaps S3 would refuse at deploy time ("Configuration is ambiguously defined"), found
 * now with the policy pack's own overlap test. One problem per pair of forwarders, at the later
 * one's path, naming both. Overlaps within one forwarder are its repeated endpoints, which the
 * argument validation reports.
 */
export function notificationOverlapProblems(forwarders: readonly LabelledForwarderRules[], bucketLabel: string): Problem[] {
    const owned = forwarders.flatMap((forwarder, owner) => forwarder.rules.map((rule) => ({ owner, rule })));
    const problems: Problem[] = [];
    const reportedPairs = new Set<string>();
    for (const overlap of findOverlappingRules(owned.map(({ rule }) => rule))) {
        const first = owned[overlap.first];
        const second = owned[overlap.second];
        const pair = `${first.owner}/${second.owner}`;
        if (first.owner === second.owner || reportedPairs.has(pair)) {
            continue;
        }
        reportedPairs.add(pair);
        const earlier = forwarders[first.owner];
        const later = forwarders[second.owner];
        problems.push({
            propertyPath: later.propertyPath,
            reason:
                `${quoted(later.name)} overlaps ${earlier.label} (${quoted(earlier.name)}) on ${bucketLabel}: ` +
                `same event ${overlap.events.join(", ")}, ` +
                `prefixes ${quoted(first.rule.filterPrefix)} and ${quoted(second.rule.filterPrefix)} overlap, ` +
                `suffixes ${quoted(first.rule.filterSuffix)} and ${quoted(second.rule.filterSuffix)} overlap; ` +
                `S3 would refuse the bucket's notification configuration ("Configuration is ambiguously defined"): give the forwarders disjoint endpoints`,
        });
    }
    return problems;
}
