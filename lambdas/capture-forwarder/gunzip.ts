/**
 * Gzip-compressed capture objects (`.jsonl.gz` copies, or gzip bytes under any name) are
 * recognised by their magic bytes, not their name, and decompressed as a stream: the
 * decompressor pulls the next piece only when the line splitter has taken its output, so memory
 * stays flat whatever the object's size.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream";
import { createGunzip } from "node:zlib";

/** Did the object turn out to be gzip? Set once its first bytes are read. */
export interface BodyEncoding {
    gzip: boolean;
}

async function* prepend(first: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
    yield first;
    for (let step = await rest.next(); !step.done; step = await rest.next()) yield step.value;
}

/** The object's bytes, decompressed when they start with the gzip magic bytes (1f 8b); `encoding` tells which. */
export async function* decodedBody(source: AsyncIterable<Uint8Array>, encoding: BodyEncoding): AsyncGenerator<Uint8Array> {
    const iterator = source[Symbol.asyncIterator]();
    let first = await iterator.next();
    // A first piece of one byte cannot tell; gzip headers are 10 bytes, and every reader gives more.
    while (!first.done && first.value.byteLength === 0) first = await iterator.next();
    if (first.done) return;
    const head = first.value;
    encoding.gzip = head.byteLength >= 2 && head[0] === 0x1f && head[1] === 0x8b;
    if (!encoding.gzip) {
        yield* prepend(head, iterator);
        return;
    }
    const gunzip = pipeline(Readable.from(prepend(head, iterator), { objectMode: false }), createGunzip(), () => {
        // Errors reach the consumer through the iteration below.
    });
    for await (const piece of gunzip) yield piece as Buffer;
}
