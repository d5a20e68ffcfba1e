import { characterFaultReason, characterFaults } from "./characters";

/**
 * InvokeEndpoint's `CustomAttributes` (header `X-Amzn-SageMaker-Custom-Attributes`): forwarded
 * verbatim to the container, which may return it. The API allows at most 1024 characters, "visible
 * US-ASCII characters as specified in Section 3.3.6. Field Value Components" of RFC 7230 (visible
 * characters, with spaces only between them). Containers conventionally read `key=value` pairs
 * separated by `;`, so a key or value holding `;` or `=` would be read back as other pairs.
 */
export const CUSTOM_ATTRIBUTES_LIMITS = { maxLength: 1024, pairSeparator: ";", keyValueSeparator: "=" } as const;

/** One problem with an input of the invoke helper, at its path (`customAttributes.traceId`). */
export interface InvokeInputProblem {
    path: string;
    reason: string;
}

const VISIBLE_ASCII = "visible US-ASCII characters (! to ~) and inner spaces";
const SEPARATORS = `must not contain "${CUSTOM_ATTRIBUTES_LIMITS.pairSeparator}" or "${CUSTOM_ATTRIBUTES_LIMITS.keyValueSeparator}" (they separate the key=value pairs)`;

/** Why a key or a value breaks the header's rules, each reason starting with "key" or "value". */
function fieldReasons(text: string, what: "key" | "value"): string[] {
    const reasons: string[] = [];
    if (what === "key" && text === "") {
        reasons.push("must not be empty");
    }
    if (what === "key" && /\s/.test(text)) {
        reasons.push("must not contain whitespace");
    }
    if (what === "value" && /^\s/.test(text)) {
        reasons.push("must not start with whitespace");
    }
    if (what === "value" && /\s$/.test(text)) {
        reasons.push("must not end with whitespace (HTTP drops it)");
    }
    reasons.push(...characterFaults(text).map((fault) => characterFaultReason(fault, VISIBLE_ASCII)));
    if (/[;=]/.test(text)) {
        reasons.push(SEPARATORS);
    }
    return reasons.map((reason) => `${what} ${reason}`);
}

/** The header value: `key=value` pairs joined by `;`, in the map's order. */
export function formatCustomAttributes(attributes: Readonly<Record<string, string>>): string {
    return Object.entries(attributes)
        .map(([key, value]) => `${key}${CUSTOM_ATTRIBUTES_LIMITS.keyValueSeparator}${value}`)
        .join(CUSTOM_ATTRIBUTES_LIMITS.pairSeparator);
}

/** Every problem with a custom attributes map, each at `<path>.<key>` (the map's own at `<path>`); [] when it is valid. */
export function customAttributesProblems(attributes: Readonly<Record<string, string>>, path = "customAttributes"): InvokeInputProblem[] {
    const problems: InvokeInputProblem[] = [];
    for (const [key, value] of Object.entries(attributes)) {
        const at = `${path}.${key}`;
        problems.push(...[...fieldReasons(key, "key"), ...fieldReasons(value, "value")].map((reason) => ({ path: at, reason })));
    }
    const length = formatCustomAttributes(attributes).length;
    if (length > CUSTOM_ATTRIBUTES_LIMITS.maxLength) {
        problems.push({
            path,
            reason: `must be at most ${CUSTOM_ATTRIBUTES_LIMITS.maxLength} characters once joined as key=value;key=value (got ${length})`,
        });
    }
    return problems;
}

/**
 * The map a `key=value;key=value` header carries, as a container echoed it. Whitespace around
 * pairs is dropped; a pair without `=` is a key with an empty value; a repeated key keeps its
 * last value.
 */
export function parseCustomAttributes(header: string | undefined): Record<string, string> {
    const attributes: Record<string, string> = {};
    for (const pair of (header ?? "").split(CUSTOM_ATTRIBUTES_LIMITS.pairSeparator)) {
        const trimmed = pair.trim();
        if (trimmed === "") continue;
        const equals = trimmed.indexOf(CUSTOM_ATTRIBUTES_LIMITS.keyValueSeparator);
        if (equals === -1) attributes[trimmed] = "";
        else attributes[trimmed.slice(0, equals).trim()] = trimmed.slice(equals + 1).trim();
    }
    return attributes;
}
