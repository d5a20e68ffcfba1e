/**
 * multipart/form-data framing (RFC 7578) for one file field. Only the head and tail are built
 * here; the file content is streamed between them by the caller.
 */

export interface MultipartFile {
    field: string;
    filename: string;
    contentType: string;
    boundary: string;
}

export function multipartContentType(boundary: string): string {
    return `multipart/form-data; boundary=${boundary}`;
}

export function multipartHead(file: MultipartFile): string {
    const filename = file.filename.replace(/["\r\n\\]/g, "_");
    return (
        `--${file.boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${filename}"\r\n` +
        `Content-Type: ${file.contentType}\r\n\r\n`
    );
}

export function multipartTail(boundary: string): string {
    return `\r\n--${boundary}--\r\n`;
}
