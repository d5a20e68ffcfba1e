/**
 * Pure overlap test for S3 event notification rules. S3 rejects a bucket notification
 * configuration in which two rules could fire for the same object event: they share an event
 * type and both their key prefixes and their key suffixes overlap. The policy pack and the
 * components that declare bucket notifications use these same functions.
 */

/** One notification rule (a lambdaFunctions, queues or topics entry). */
export interface S3NotificationFilter {
    /** Event types, e.g. "s3:ObjectCreated:*" or "s3:ObjectCreated:Put". */
    readonly events: readonly string[];
    /** Key prefix filter; empty or undefined matches every key. */
    readonly filterPrefix?: string;
    /** Key suffix filter; empty or undefined matches every key. */
    readonly filterSuffix?: string;
}

/** Two overlapping rules, by their indexes in the list given to {@link findOverlappingRules}. */
export interface S3NotificationOverlap {
    readonly first: number;
    readonly second: number;
    /** The event types both rules receive (the narrower side of each overlapping pair), sorted. */
    readonly events: string[];
}

/**
 * True when two event types can match the same event. A trailing `*` matches any rest of the
 * name: "s3:ObjectCreated:*" overlaps "s3:ObjectCreated:Put" but not "s3:ObjectRemoved:Delete".
 */
export function eventTypesOverlap(a: string, b: string): boolean {
    const covers = (pattern: string, name: string) => (pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : pattern === name);
    return covers(a, b) || covers(b, a);
}

/** Of two overlapping event types, the more specific: a literal name, else the longer pattern. */
function narrowerEventType(a: string, b: string): string {
    if (!a.endsWith("*")) {
        return a;
    }
    if (!b.endsWith("*")) {
        return b;
    }
    return a.length >= b.length ? a : b;
}

/** The event types two rules have in common: for each overlapping pair, the narrower one. */
export function sharedEventTypes(a: S3NotificationFilter, b: S3NotificationFilter): string[] {
    const shared = new Set<string>();
    for (const left of a.events) {
        for (const right of b.events) {
            if (eventTypesOverlap(left, right)) {
                shared.add(narrowerEventType(left, right));
            }
        }
    }
    return [...shared].sort();
}

/** Prefixes overlap when one starts with the other (an empty prefix overlaps everything). */
export function prefixesOverlap(a = "", b = ""): boolean {
    return a.startsWith(b) || b.startsWith(a);
}

/** Suffixes overlap when one ends with the other (an empty suffix overlaps everything). */
export function suffixesOverlap(a = "", b = ""): boolean {
    return a.endsWith(b) || b.endsWith(a);
}

/** True when S3 would consider the two rules overlapping. */
export function notificationRulesOverlap(a: S3NotificationFilter, b: S3NotificationFilter): boolean {
    return (
        sharedEventTypes(a, b).length > 0 &&
        prefixesOverlap(a.filterPrefix, b.filterPrefix) &&
        suffixesOverlap(a.filterSuffix, b.filterSuffix)
    );
}

/** Every overlapping pair among the rules of one bucket, in index order. */
export function findOverlappingRules(rules: readonly S3NotificationFilter[]): S3NotificationOverlap[] {
    const overlaps: S3NotificationOverlap[] = [];
    for (let first = 0; first < rules.length; first++) {
        for (let second = first + 1; second < rules.length; second++) {
            if (notificationRulesOverlap(rules[first], rules[second])) {
                overlaps.push({ first, second, events: sharedEventTypes(rules[first], rules[second]) });
            }
        }
    }
    return overlaps;
}
