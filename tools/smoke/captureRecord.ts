import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { parseS3Uri } from "../../domain/validationRules";

/** One side of a capture record, as SageMaker writes it. */
interface CapturedPayload {
    observedContentType?: string;
    mode?: string;
    data?: string;
    encoding?: string;
}

/** A Data Capture record: one line of a `.jsonl` capture file. */
export interface CaptureRecord {
    captureData?: { endpointInput?: CapturedPayload; endpointOutput?: CapturedPayload };
    eventMetadata?: { eventId?: string; inferenceId?: string; inferenceTime?: string };
    eventVersion?: string;
}

export interface CaptureSearch {
    /** `s3://bucket/prefix/<endpoint>/` */
    capturePrefix: string;
    /** Variants whose folders are searched. */
    variants: string[];
    inferenceId: string;
    /** When the request was sent: capture files are filed under its UTC hour. */
    sentAt: Date;
    timeoutMs: number;
    pollIntervalMs: number;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** `yyyy/mm/dd/hh/` of each UTC hour from `from` to `to`: where SageMaker files capture written in between. */
function hourFolders(from: Date, to: Date): string[] {
    const folders: string[] = [];
    const hour = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate(), from.getUTCHours()));
    for (; hour.getTime() <= to.getTime(); hour.setUTCHours(hour.getUTCHours() + 1)) {
        folders.push(`${hour.getUTCFullYear()}/${pad(hour.getUTCMonth() + 1)}/${pad(hour.getUTCDate())}/${pad(hour.getUTCHours())}/`);
    }
    return folders;
}

async function listKeys(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        keys.push(...(page.Contents ?? []).map((o) => o.Key!).filter((k) => k.endsWith(".jsonl")));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return keys;
}

function recordIn(text: string, inferenceId: string): CaptureRecord | undefined {
    for (const line of text.split("\n")) {
        if (line.trim() === "") continue;
        try {
            const record = JSON.parse(line) as CaptureRecord;
            if (record.eventMetadata?.inferenceId === inferenceId) return record;
        } catch {
            // A line that is not JSON is not the record sought.
        }
    }
    return undefined;
}

/**
 * Polls the variants' hour folders under the capture prefix until a capture file holds a record
 * whose `eventMetadata.inferenceId` is `inferenceId`; each file is read once (capture files are
 * written whole). Undefined when none appears within the timeout.
 */
export async function findCaptureRecord(s3: S3Client, search: CaptureSearch): Promise<{ record: CaptureRecord; key: string } | undefined> {
    const { bucket, key: prefix } = parseS3Uri(search.capturePrefix);
    const base = prefix.replace(/\/?$/, "/");
    const read = new Set<string>();
    const deadline = Date.now() + search.timeoutMs;
    for (;;) {
        const folders = hourFolders(new Date(search.sentAt.getTime() - 60_000), new Date());
        for (const variant of search.variants) {
            for (const folder of folders) {
                for (const key of await listKeys(s3, bucket, `${base}${variant}/${folder}`)) {
                    if (read.has(key)) continue;
                    read.add(key);
                    const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
                    const record = recordIn(Body === undefined ? "" : await Body.transformToString(), search.inferenceId);
                    if (record !== undefined) return { record, key };
                }
            }
        }
        if (Date.now() >= deadline) return undefined;
        await new Promise((resolve) => setTimeout(resolve, search.pollIntervalMs));
    }
}

/** Why a found record does not prove capture works (input, output, text encodings); [] when it does. */
export function captureRecordProblems(record: CaptureRecord): string[] {
    const problems: string[] = [];
    const data = record.captureData ?? {};
    for (const side of ["endpointInput", "endpointOutput"] as const) {
        const payload = data[side];
        if (payload?.data === undefined) {
            problems.push(`the record holds no ${side} (captureModes must include ${side === "endpointInput" ? "Input" : "Output"})`);
        } else if (payload.encoding === "BASE64") {
            const type = (payload.observedContentType ?? "").split(";")[0].trim() || "(none)";
            problems.push(
                `${side} is BASE64: its content type ${type} is in neither list of the endpoint config's DataCaptureConfig.CaptureContentTypeHeader; ` +
                    `add it to CsvContentTypes or JsonContentTypes (stack file: dataCapture.csvContentTypes / jsonContentTypes)`,
            );
        }
    }
    return problems;
}
