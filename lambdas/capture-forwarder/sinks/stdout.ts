/** Replay sink: writes normalized inferences, one JSON object per line, to a stream (stdout). */
import { Writable } from "node:stream";
import { Chunk } from "../chunking";
import { Sink } from "./sink";

export class StreamSink implements Sink {
    readonly name = "stdout";
    readonly payload = "normalized-inferences" as const;

    constructor(private readonly out: Writable) {}

    async deliver(chunk: Chunk): Promise<void> {
        for (const part of chunk.parts) {
            if (!this.out.write(part)) await new Promise<void>((resolve) => this.out.once("drain", resolve));
        }
    }
}
