/**
 * Dataset files into S3 with memory bounded by one part: a file smaller than PART_BYTES is one
 * PutObject; a larger one is a multipart upload whose parts go up as they fill (S3's smallest
 * part is 5 MiB), completed at the end, aborted on failure. The key is fixed by the capture
 * object (datasetObjectKey), so a redelivery overwrites the file; a reader sees the old file or
 * the new one, never a partial one (S3 makes an object visible only when PutObject or
 * CompleteMultipartUpload succeeds). Encryption is the bucket's default (SSE-KMS): the code sends
 * no key, so the IAM policy needs s3:PutObject (it covers CreateMultipartUpload, UploadPart and
 * CompleteMultipartUpload), s3:AbortMultipartUpload, and kms:GenerateDataKey plus kms:Decrypt
 * (S3 needs Decrypt to complete a multipart upload under SSE-KMS) on the dataset key.
 */
import {
    AbortMultipartUploadCommand,
    CompleteMultipartUploadCommand,
    CreateMultipartUploadCommand,
    PutObjectCommand,
    UploadPartCommand,
} from "@aws-sdk/client-s3";
import { ByteSink, DatasetStore } from "./byteSink";

/** The commands this module sends, so tests and replay can pass their own client. */
export type S3UploadCommand =
    PutObjectCommand | CreateMultipartUploadCommand | UploadPartCommand | CompleteMultipartUploadCommand | AbortMultipartUploadCommand;

export interface S3Writer {
    send(command: S3UploadCommand): Promise<unknown>;
}

/** Part size, and the largest file sent as one PutObject. 8 MiB x 10,000 parts = 78 GiB. */
const PART_BYTES = 8 * 1024 * 1024;

const PARQUET_CONTENT_TYPE = "application/vnd.apache.parquet";

class S3ObjectUpload implements ByteSink {
    private pending: Uint8Array[] = [];
    private pendingBytes = 0;
    private uploadId: string | null = null;
    private readonly parts: Array<{ PartNumber: number; ETag: string }> = [];

    constructor(
        private readonly s3: S3Writer,
        private readonly bucket: string,
        private readonly key: string,
        private readonly partBytes: number,
    ) {}

    async write(bytes: Uint8Array): Promise<void> {
        this.pending.push(bytes);
        this.pendingBytes += bytes.length;
        if (this.pendingBytes >= this.partBytes) await this.uploadPart();
    }

    async finish(): Promise<void> {
        if (this.uploadId === null) {
            const body = this.take();
            await this.s3.send(
                new PutObjectCommand({
                    Bucket: this.bucket,
                    Key: this.key,
                    Body: body,
                    ContentLength: body.length,
                    ContentType: PARQUET_CONTENT_TYPE,
                }),
            );
            return;
        }
        if (this.pendingBytes > 0) await this.uploadPart();
        await this.s3.send(
            new CompleteMultipartUploadCommand({
                Bucket: this.bucket,
                Key: this.key,
                UploadId: this.uploadId,
                MultipartUpload: { Parts: this.parts },
            }),
        );
    }

    async abort(): Promise<void> {
        this.pending = [];
        this.pendingBytes = 0;
        if (this.uploadId === null) return;
        const uploadId = this.uploadId;
        this.uploadId = null;
        await this.s3.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: this.key, UploadId: uploadId }));
    }

    private take(): Buffer {
        const body = Buffer.concat(this.pending, this.pendingBytes);
        this.pending = [];
        this.pendingBytes = 0;
        return body;
    }

    private async uploadPart(): Promise<void> {
        if (this.uploadId === null) {
            const created = (await this.s3.send(
                new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: this.key, ContentType: PARQUET_CONTENT_TYPE }),
            )) as { UploadId?: string };
            if (!created.UploadId) throw new Error(`S3 CreateMultipartUpload for s3://${this.bucket}/${this.key} returned no UploadId`);
            this.uploadId = created.UploadId;
        }
        const body = this.take();
        const PartNumber = this.parts.length + 1;
        const answer = (await this.s3.send(
            new UploadPartCommand({
                Bucket: this.bucket,
                Key: this.key,
                UploadId: this.uploadId,
                PartNumber,
                Body: body,
                ContentLength: body.length,
            }),
        )) as { ETag?: string };
        this.parts.push({ PartNumber, ETag: answer.ETag ?? "" });
    }
}

/** The dataset bucket as a DatasetStore; `prefix` is already in the keys it is given. */
export class S3DatasetStore implements DatasetStore {
    readonly location: string;

    constructor(
        private readonly s3: S3Writer,
        private readonly bucket: string,
        private readonly partBytes = PART_BYTES,
    ) {
        this.location = `s3://${bucket}`;
    }

    open(key: string): ByteSink {
        return new S3ObjectUpload(this.s3, this.bucket, key, this.partBytes);
    }
}
