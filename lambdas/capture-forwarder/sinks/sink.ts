import { Chunk, ChunkPayload } from "../chunking";

export interface DeliveryContext {
    /** Capture file name without `.jsonl`, used to name uploads. */
    objectName: string;
    /** Timeout for this attempt (already shortened to the Lambda's time left). */
    timeoutMs: number;
    /** The capture object's own Content-Type; null when unknown or when the body was decompressed. @default null */
    contentType?: string | null;
}

/** What a delivery's answer said that is worth a log line, besides success. */
export interface DeliveryReport {
    warnings: string[];
}

/** Where chunks go. `deliver` resolves once the sink has accepted the whole chunk, else throws. */
export interface Sink {
    readonly name: string;
    /** What the chunks this sink accepts carry. */
    readonly payload: ChunkPayload;
    /** Payload forms the sink does not document are dead-lettered instead of sent (Arthur, unless allowed). @default false */
    readonly refusesUndocumentedForms?: boolean;
    deliver(chunk: Chunk, context: DeliveryContext): Promise<DeliveryReport | void>;
}
