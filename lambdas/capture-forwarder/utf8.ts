/**
 * Capture lines must be UTF-8 (JSON text is). A line that is not is refused and dead-lettered on
 * every sink alike: the Arthur path would otherwise forward the raw bytes, and the http path would
 * silently turn them into U+FFFD and count the record as sent. Blank lines and the BOM some tools
 * write are told apart here too, on raw bytes.
 */
import { isUtf8 } from "node:buffer";

const BOM = [0xef, 0xbb, 0xbf] as const;

/** True for an empty line or one of only spaces, tabs and '\r' (CRLF files). */
export function isBlankLine(raw: Buffer): boolean {
    for (let i = 0; i < raw.length; i++) {
        const byte = raw[i];
        if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
    }
    return true;
}

export function startsWithBom(raw: Buffer): boolean {
    return raw.length >= 3 && raw[0] === BOM[0] && raw[1] === BOM[1] && raw[2] === BOM[2];
}

/** Length of the UTF-8 sequence a lead byte starts, or 0 when it cannot start one. */
function sequenceLength(lead: number): number {
    if (lead < 0x80) return 1;
    if (lead >= 0xc2 && lead <= 0xdf) return 2;
    if (lead >= 0xe0 && lead <= 0xef) return 3;
    if (lead >= 0xf0 && lead <= 0xf4) return 4;
    return 0;
}

/** Byte offset of the first byte that is not valid UTF-8, or -1 when the line is valid. */
export function firstInvalidUtf8Byte(raw: Buffer): number {
    if (isUtf8(raw)) return -1;
    for (let i = 0; i < raw.length;) {
        const length = sequenceLength(raw[i]);
        if (length === 0 || i + length > raw.length) return i;
        // A sequence that does not decode to exactly one character (bad continuation, overlong, surrogate) is invalid at its start.
        const decoded = raw.subarray(i, i + length).toString("utf8");
        if (decoded.length === 0 || decoded.includes("\uFFFD")) return i;
        i += length;
    }
    return raw.length;
}
