/**
 * Splits a byte stream into lines without holding the whole object.
 *
 * Lines are found on raw bytes ('\n' never occurs inside a multi-byte UTF-8 sequence), so a
 * character split across two network reads is never corrupted. A line that spans many reads
 * (capture lines can exceed 16 MB) is collected as a list of pieces and joined exactly once,
 * so its cost is linear in its length.
 *
 * Lines are yielded in batches, one batch per read, so the consumer's per-line work stays
 * synchronous and the per-line cost of async iteration is avoided.
 */

export interface LineBatch {
    /** Line bytes without the '\n'. Views into the read buffers: copy before keeping them long. */
    lines: Buffer[];
    /** 1-based number of `lines[0]` in the object. */
    firstLineNumber: number;
}

const NEWLINE = 0x0a;

function asBuffer(piece: Uint8Array): Buffer {
    return Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
}

export async function* readLineBatches(source: AsyncIterable<Uint8Array>): AsyncGenerator<LineBatch> {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let nextLineNumber = 1;
    for await (const piece of source) {
        const buf = asBuffer(piece);
        const lines: Buffer[] = [];
        let start = 0;
        let newline = buf.indexOf(NEWLINE, start);
        while (newline !== -1) {
            if (pending.length > 0) {
                pending.push(buf.subarray(start, newline));
                lines.push(Buffer.concat(pending, pendingBytes + newline - start));
                pending = [];
                pendingBytes = 0;
            } else {
                lines.push(buf.subarray(start, newline));
            }
            start = newline + 1;
            newline = buf.indexOf(NEWLINE, start);
        }
        if (start < buf.length) {
            pending.push(buf.subarray(start));
            pendingBytes += buf.length - start;
        }
        if (lines.length > 0) {
            yield { lines, firstLineNumber: nextLineNumber };
            nextLineNumber += lines.length;
        }
    }
    // A last line without a trailing newline is still a line.
    if (pending.length > 0) yield { lines: [Buffer.concat(pending, pendingBytes)], firstLineNumber: nextLineNumber };
}
