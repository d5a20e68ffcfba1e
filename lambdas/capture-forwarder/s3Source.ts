/**
 * Reads an S3 object as a byte stream through consecutive ranged GETs, pinned to the version (or
 * the ETag via If-Match) named in the event, so the object cannot change under the reader. A
 * range that breaks off mid-stream is resumed from the last byte received, a few times.
 * Memory stays at one network read, whatever the object size.
 */
import { GetObjectCommand, GetObjectCommandOutput } from "@aws-sdk/client-s3";
import { Clock } from "./clock";
import { describeError } from "./logger";
import { DeadlineExceededError } from "./timeBudget";
import { isTransientError, SHORT_READ_CODE } from "./transientErrors";

/** The part of S3Client this module uses, so tests and replay can pass their own client. */
export interface S3Reader {
    send(command: GetObjectCommand): Promise<GetObjectCommandOutput>;
}

export interface S3ObjectRef {
    bucket: string;
    key: string;
    versionId: string | null;
    etag: string | null;
    /** Null when unknown (an S3 event without `size`): learnt from the first range's Content-Range. */
    size: number | null;
}

export interface S3ReadOptions {
    /** @default 8388608 (8 MiB) via S3_RANGE_BYTES */
    rangeBytes: number;
    /** Attempts per range for transient failures. @default 4 */
    maxAttempts: number;
    clock: Clock;
    /** Filled from the first answer: the object's Content-Type. @default none */
    meta?: { contentType: string | null };
}

/** The object could not be read; `offset` is the first byte not delivered. */
export class ObjectReadError extends Error {
    constructor(
        message: string,
        readonly offset: number,
    ) {
        super(message);
        this.name = "ObjectReadError";
    }
}

function quoted(etag: string): string {
    return etag.startsWith('"') ? etag : `"${etag}"`;
}

/** The object's total size from a ranged answer's `Content-Range: bytes 0-99/1234`, or null. */
function totalSize(out: GetObjectCommandOutput): number | null {
    const match = /\/(\d+)$/.exec(out.ContentRange ?? "");
    return match ? Number(match[1]) : null;
}

/** S3 answers a range on an empty object with 416 InvalidRange. */
function isEmptyObjectAnswer(error: unknown, offset: number): boolean {
    const e = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } };
    return offset === 0 && (e?.name === "InvalidRange" || e?.$metadata?.httpStatusCode === 416);
}

export async function* readS3Object(client: S3Reader, ref: S3ObjectRef, options: S3ReadOptions): AsyncGenerator<Uint8Array> {
    let offset = 0;
    // Unknown size: read the first range, whose Content-Range states the total.
    let size = ref.size ?? options.rangeBytes;
    let sizeKnown = ref.size !== null;
    while (offset < size) {
        const end = Math.min(size, offset + options.rangeBytes) - 1;
        for (let attempt = 1; offset < Math.min(end + 1, size); attempt++) {
            try {
                const out = await client.send(
                    new GetObjectCommand({
                        Bucket: ref.bucket,
                        Key: ref.key,
                        VersionId: ref.versionId ?? undefined,
                        IfMatch: ref.versionId === null && ref.etag !== null ? quoted(ref.etag) : undefined,
                        Range: `bytes=${offset}-${end}`,
                    }),
                );
                if (!sizeKnown) {
                    const total = totalSize(out);
                    if (total === null)
                        throw new ObjectReadError(`reading s3://${ref.bucket}/${ref.key}: no Content-Range in the answer, size unknown`, 0);
                    size = total;
                    sizeKnown = true;
                }
                if (options.meta && offset === 0) options.meta.contentType = out.ContentType ?? null;
                const body = out.Body as AsyncIterable<Uint8Array> | undefined;
                if (!body) throw Object.assign(new Error("GetObject returned no body"), { code: SHORT_READ_CODE });
                for await (const piece of body) {
                    offset += piece.byteLength;
                    yield piece;
                }
                if (offset < Math.min(end + 1, size))
                    throw Object.assign(new Error(`range ended at byte ${offset}, expected ${end + 1}`), { code: SHORT_READ_CODE });
            } catch (error) {
                if (error instanceof ObjectReadError || error instanceof DeadlineExceededError) throw error;
                if (!sizeKnown && isEmptyObjectAnswer(error, offset)) return;
                if (attempt >= options.maxAttempts || !isTransientError(error)) {
                    throw new ObjectReadError(
                        `reading s3://${ref.bucket}/${ref.key} at byte ${offset} failed after ${attempt} attempt(s): ${describeError(error)}`,
                        offset,
                    );
                }
                await options.clock.sleep(Math.min(2000, 100 * 2 ** attempt));
            }
        }
    }
}
