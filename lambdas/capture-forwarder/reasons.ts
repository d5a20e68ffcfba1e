/**
 * Dead-letter reasons and logged reasons are capped: an SQS message holds at most 256 KiB, and a
 * reason built from a record's fields (a 2 MB `encoding` value, thousands of problems) must neither
 * exceed it nor fill the logs. The cut is stated in the text, so a reader knows it is incomplete.
 */

/** Largest reason kept, in UTF-8 bytes, the note about the cut included. */
export const REASON_MAX_BYTES = 1024;

/** `reason` unchanged when it fits in REASON_MAX_BYTES, else its start and a note saying how long it was. */
export function capReason(reason: string): string {
    const total = Buffer.byteLength(reason);
    if (total <= REASON_MAX_BYTES) return reason;
    const note = ` [reason cut: ${total} bytes, first KEPT kept]`;
    const budget = REASON_MAX_BYTES - Buffer.byteLength(note) - 4;
    // Cut on a character boundary: decoding a cut multi-byte sequence would add U+FFFD.
    let kept = Buffer.from(reason).subarray(0, budget).toString("utf8");
    if (kept.endsWith("\uFFFD")) kept = kept.slice(0, -1);
    return `${kept}${note.replace("KEPT", String(Buffer.byteLength(kept)))}`;
}

/** How a string value from a record is named in a reason: short identifiers verbatim, anything else by type and length only. */
export function describeValue(value: unknown): string {
    if (typeof value === "string") {
        return /^[A-Za-z0-9_.-]{0,16}$/.test(value) ? JSON.stringify(value) : `a string of ${value.length} characters`;
    }
    if (value === null) return "null";
    if (value === undefined) return "nothing";
    if (Array.isArray(value)) return "an array";
    return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
