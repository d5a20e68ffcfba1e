import { Chunk, ChunkPayload } from "../chunking";

export interface DeliveryContext {
    /** Capture file name without `.jsonl`, used to name uploads. */
    objectName: string;
    /** Timeout for this attempt (already shortened to the Lambda's time left). */
    timeoutMs: number;
}

/** Where chunks go. `deliver` resolves once the sink has accepted the whole chunk, else throws. */
export interface Sink {
    readonly name: string;
    /** What the chunks this sink accepts carry. */
    readonly payload: ChunkPayload;
    deliver(chunk: Chunk, context: DeliveryContext): Promise<void>;
}
