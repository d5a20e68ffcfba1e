/**
 * Groups capture records into chunks on line boundaries, each at most `maxBytes` bytes and
 * `maxRecords` records, so one request to a sink stays bounded in size and memory. A record
 * larger than `maxBytes` travels alone in its own chunk (a line is never split).
 */

/** What a chunk's parts are: raw capture lines (Arthur) or normalized inferences as JSON lines. */
export type ChunkPayload = "capture-lines" | "normalized-inferences";

export interface ChunkLimits {
    /** @default 8388608 (8 MiB) */
    maxBytes: number;
    /** @default 10000 */
    maxRecords: number;
}

export interface Chunk {
    /** 0-based position of the chunk in its object; part of the idempotency key. */
    index: number;
    payload: ChunkPayload;
    /**
     * For 'capture-lines': one raw line per part, without its '\n' (the sink adds separators).
     * For 'normalized-inferences': one string per record holding its inferences as JSON lines, each
     * ending in '\n'.
     */
    parts: Array<Buffer | string>;
    /** Body bytes: lines plus one separator each, or the JSON lines. */
    bytes: number;
    records: number;
    inferences: number;
    firstLine: number;
    lastLine: number;
}

export class ChunkBuilder {
    private current: Chunk | null = null;
    private nextIndex = 0;

    constructor(
        private readonly payload: ChunkPayload,
        private readonly limits: ChunkLimits,
    ) {}

    /**
     * Adds one record; returns the previous chunk when this record does not fit in it any more
     * (the record then starts the next chunk), else null.
     */
    add(lineNumber: number, inferences: number, part: Buffer | string, bytes: number): Chunk | null {
        let finished: Chunk | null = null;
        const open = this.current;
        if (open && (open.bytes + bytes > this.limits.maxBytes || open.records + 1 > this.limits.maxRecords)) {
            finished = open;
            this.current = null;
        }
        if (!this.current) {
            this.current = {
                index: this.nextIndex++,
                payload: this.payload,
                parts: [],
                bytes: 0,
                records: 0,
                inferences: 0,
                firstLine: lineNumber,
                lastLine: lineNumber,
            };
        }
        const chunk = this.current;
        chunk.parts.push(part);
        chunk.bytes += bytes;
        chunk.records += 1;
        chunk.inferences += inferences;
        chunk.lastLine = lineNumber;
        return finished;
    }

    /** The last, partly filled chunk, if any. */
    finish(): Chunk | null {
        const open = this.current;
        this.current = null;
        return open;
    }
}
