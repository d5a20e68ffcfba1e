/**
 * s3-notifications-no-overlap: S3 rejects a notification configuration with overlapping rules,
 * and a bucket has exactly one notification configuration, so a second BucketNotification on
 * the same bucket silently replaces the first. Rules are compared across all of a bucket's
 * BucketNotification resources.
 */
import { checkEach, knownString } from "../previewSafe";
import { BUCKET_TYPES, TYPES } from "../resourceTypes";
import { findOverlappingRules, S3NotificationFilter } from "../../domain/s3NotificationOverlap";
import { dependenciesOf, resourcesOfType, StackResource } from "../stackModel";
import { arrayOf, nonEmptyString, objectOf, stringsOf } from "../../domain/values";
import { PackStackPolicy, RuleDefinition, violation } from "./ruleKit";

/** The three kinds of notification targets a BucketNotification lists. */
const TARGET_LISTS = ["lambdaFunctions", "queues", "topics"] as const;

interface LabelledRule extends S3NotificationFilter {
    /** "capture-notification lambdaFunctions[0]". */
    readonly label: string;
    readonly owner: StackResource;
}

function rulesOf(notification: StackResource): LabelledRule[] {
    return TARGET_LISTS.flatMap((list) =>
        arrayOf(notification.props[list]).map((raw, i) => {
            const rule = objectOf(raw) ?? {};
            return {
                label: `${notification.name} ${list}[${i}]`,
                owner: notification,
                events: stringsOf(rule.events),
                filterPrefix: nonEmptyString(rule.filterPrefix),
                filterSuffix: nonEmptyString(rule.filterSuffix),
            };
        }),
    );
}

const keyFilter = (rule: S3NotificationFilter) =>
    `prefix ${JSON.stringify(rule.filterPrefix ?? "")}, suffix ${JSON.stringify(rule.filterSuffix ?? "")}`;

export const s3NotificationsNoOverlap: PackStackPolicy = {
    name: "s3-notifications-no-overlap",
    description:
        "Each bucket has one BucketNotification, and no two of its rules share an event type with overlapping key prefixes and suffixes.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Declare all triggers of a bucket in a single BucketNotification, and give rules that share an event type disjoint prefixes or suffixes.",
    validateStack: (args, reportViolation) => {
        // Keyed by the bucket resource the notification was built from (known at preview), else
        // by the bucket resource of that name, else by the name (a bucket outside the stack).
        const buckets = resourcesOfType(args.resources, BUCKET_TYPES);
        const byBucket = new Map<string, { bucket: string; notifications: StackResource[] }>();
        checkEach(resourcesOfType(args.resources, [TYPES.bucketNotification]), (notification) => {
            const [resource] = dependenciesOf(notification, "bucket", BUCKET_TYPES);
            const name =
                resource === undefined
                    ? nonEmptyString(notification.props.bucket)
                    : (knownString(resource.props, "bucket") ?? resource.name);
            const key = resource?.urn ?? buckets.find((bucket) => knownString(bucket.props, "bucket") === name)?.urn ?? `name:${name}`;
            if (name !== undefined) {
                const group = byBucket.get(key) ?? { bucket: name, notifications: [] };
                byBucket.set(key, { ...group, notifications: [...group.notifications, notification] });
            }
        });
        for (const { bucket, notifications } of byBucket.values()) {
            if (notifications.length > 1) {
                const names = notifications.map((n) => n.name).join(", ");
                for (const duplicate of notifications.slice(1)) {
                    reportViolation(
                        violation(
                            `Bucket "${bucket}" has ${notifications.length} BucketNotification resources (${names}); S3 keeps one notification configuration per bucket, so each replaces the others.`,
                            `merge the rules into one BucketNotification for bucket "${bucket}".`,
                        ),
                        duplicate.urn,
                    );
                }
            }
            const rules = notifications.flatMap(rulesOf);
            for (const overlap of findOverlappingRules(rules)) {
                const first = rules[overlap.first];
                const second = rules[overlap.second];
                reportViolation(
                    violation(
                        `Notification rules ${first.label} (${keyFilter(first)}) and ${second.label} (${keyFilter(second)}) on bucket "${bucket}" overlap on ${overlap.events.join(", ")}; S3 rejects overlapping rules.`,
                        "give the rules disjoint filterPrefix or filterSuffix values, or different event types.",
                    ),
                    second.owner.urn,
                );
            }
        }
    },
};

export const s3NotificationRules: RuleDefinition[] = [{ policy: s3NotificationsNoOverlap }];
