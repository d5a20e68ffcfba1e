/**
 * BASE64 captures: SageMaker base64-encodes a payload whose content type is not listed in the
 * endpoint config's CaptureContentTypeHeader. Monitoring platforms cannot read such payloads, so
 * the forwarder counts them, logs file and line, and dead-letters them with this hint.
 */
import { CaptureRecord } from "./captureRecord";

export const BASE64_HINT =
    "configure DataCaptureConfig.CaptureContentTypeHeader (CsvContentTypes / JsonContentTypes) with the content types " +
    "the endpoint is invoked with, so SageMaker captures payloads as CSV or JSON instead of BASE64";

/** The dead-letter reason for a BASE64 record, or null when neither side is BASE64. */
export function base64Reason(record: CaptureRecord): string | null {
    const sides: string[] = [];
    if (record.input?.encoding === "BASE64") sides.push("captureData.endpointInput");
    if (record.output?.encoding === "BASE64") sides.push("captureData.endpointOutput");
    if (sides.length === 0) return null;
    return `${sides.join(" and ")} ${sides.length > 1 ? "are" : "is"} BASE64-encoded and cannot be read: ${BASE64_HINT}`;
}
