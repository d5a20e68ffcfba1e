/**
 * Presence checks that work during preview. Many rules only need to know that a field is set
 * (a KMS key, a dead-letter queue URL, subnets), not its value; on a new stack that value is
 * usually another resource's output, unknown until deployment, and reading it through the
 * engine's unknown-checking proxy would stop the rule ("can't run policy ... during preview").
 * An unknown value counts as set: it is computed from another resource's output, and the rule
 * sees the real value when it runs again at `pulumi up`.
 */
import { isUnknownValue, UnknownValueError } from "./policySdkInternals";
import { isObject } from "../domain/values";

/**
 * The value of `props[key]` without the proxy's unknown check. Only for presence tests: nested
 * values of the result are not wrapped in the proxy.
 */
function rawProperty(props: Record<string, any> | undefined, key: string): unknown {
    return props === undefined ? undefined : Object.getOwnPropertyDescriptor(props, key)?.value;
}

/** True when `props[key]` is unknown during preview. */
export function isUnknownAt(props: Record<string, any> | undefined, key: string): boolean {
    return isUnknownValue(rawProperty(props, key));
}

/**
 * True when `props[key]` is set: unknown during preview, a non-empty string, a non-empty array,
 * an object, a number or a boolean.
 */
export function isSet(props: Record<string, any> | undefined, key: string): boolean {
    const value = rawProperty(props, key);
    if (isUnknownValue(value) || typeof value === "number" || typeof value === "boolean" || isObject(value)) {
        return true;
    }
    return (typeof value === "string" || Array.isArray(value)) && value.length > 0;
}

/** The value of `props[key]` when it is a known string, else undefined (never throws on unknowns). */
export function knownString(props: Record<string, any> | undefined, key: string): string | undefined {
    const value = rawProperty(props, key);
    return typeof value === "string" && value.length > 0 && !isUnknownValue(value) ? value : undefined;
}

/** `props[key]` when it is a known object (not unknown during preview), else undefined. Never throws. */
export function knownObject(props: Record<string, any> | undefined, key: string): Record<string, any> | undefined {
    const value = rawProperty(props, key);
    return isObject(value) ? value : undefined;
}

/**
 * The known strings of `props[key]`: the string itself, or the known string items of an array.
 * Unknown items are left out: they come from resources listed in the property's
 * propertyDependencies, which callers look at first.
 */
export function knownStrings(props: Record<string, any> | undefined, key: string): string[] {
    const value = rawProperty(props, key);
    const items = Array.isArray(value) ? value : [value];
    return items.filter((item): item is string => typeof item === "string" && item.length > 0 && !isUnknownValue(item));
}

/** The known string items of the list `props[key]`, each with its index (unknown items are left out). Never throws. */
export function knownStringItems(props: Record<string, any> | undefined, key: string): { index: number; value: string }[] {
    const value = rawProperty(props, key);
    return (Array.isArray(value) ? value : [])
        .map((item, index) => ({ index, value: item }))
        .filter(
            (entry): entry is { index: number; value: string } =>
                typeof entry.value === "string" && entry.value.length > 0 && !isUnknownValue(entry.value),
        );
}

/**
 * The known value of tag `key` in `props.tags`, in either provider's shape: a map (classic
 * @pulumi/aws) or a list of `{ key, value }` (aws-native). Never throws.
 */
export function knownTag(props: Record<string, any> | undefined, key: string): string | undefined {
    const tags = rawProperty(props, "tags");
    const value = Array.isArray(tags)
        ? (tags.find((tag) => isObject(tag) && tag.key === key) as Record<string, unknown> | undefined)?.value
        : isObject(tags)
          ? tags[key]
          : undefined;
    return typeof value === "string" && value.length > 0 && !isUnknownValue(value) ? value : undefined;
}

/**
 * Reads all of `props[key]` through the engine's proxy, so any value in it that is unknown during
 * preview throws UnknownValueError (the engine then reports "can't run policy ... during preview").
 * For rules that cannot decide without the whole value.
 */
export function requireKnown(props: Record<string, any>, key: string): void {
    // Serializing visits every nested value through the proxy's get trap.
    JSON.stringify(props[key]);
}

/**
 * Runs `check` on every item. A check that reads a value unknown during preview stops for its
 * own item only; once every item has been checked, the first such error is rethrown, so the
 * engine still reports "can't run policy ... during preview" (advisory) next to the violations
 * the other items produced (it keeps violations reported before the throw).
 */
export function checkEach<T>(items: Iterable<T>, check: (item: T) => void): void {
    let unknown: unknown;
    for (const item of items) {
        try {
            check(item);
        } catch (e) {
            if (!(e instanceof UnknownValueError)) {
                throw e;
            }
            unknown ??= e;
        }
    }
    if (unknown !== undefined) {
        throw unknown;
    }
}
