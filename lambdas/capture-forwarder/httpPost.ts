/**
 * One HTTP(S) POST whose body is written part by part (never joined into one buffer), with an
 * overall timeout. Non-2xx answers become SinkResponseError (status and a short error code, never
 * the body); an answer given before the body was written whole becomes EarlyAnswerError; a 207 Multi-Status whose body shows failed inferences becomes PartialRejectionError;
 * timeouts RequestTimeoutError; socket errors keep their Node code (ECONNRESET...) so the retry
 * policy can classify them.
 */
import http from "node:http";
import https from "node:https";
import { MULTI_STATUS_MAX_BYTES, PartialRejectionError, readMultiStatus } from "./multiStatus";
import { RequestTimeoutError, SinkResponseError } from "./retry";
import { ERROR_BODY_KEPT_BYTES, sinkErrorCode } from "./sinkErrorCode";

export interface HttpPostRequest {
    url: URL;
    headers: Record<string, string>;
    /** Written in order; Content-Length is their total byte length. */
    body: ReadonlyArray<Buffer | string>;
    timeoutMs: number;
    agent?: http.Agent;
    /** Inferences in the body, checked against a 207's counts.total. @default null (not checked) */
    expectedInferences?: number | null;
}

export interface HttpPostResponse {
    status: number;
    /** What the answer says that is worth a log line (a 207 total that differs from what was sent). */
    warnings: string[];
}

/** How much of a response body is kept: a 207 is read whole (up to a limit), others barely. */
function bodyBytesToKeep(status: number): number {
    if (status === 207) return MULTI_STATUS_MAX_BYTES;
    return status >= 200 && status < 300 ? 0 : ERROR_BODY_KEPT_BYTES;
}

/** Keep-alive agents: one TLS handshake per container instead of one per chunk. */
export function keepAliveAgent(url: URL): http.Agent {
    return url.protocol === "https:" ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
}

function byteLength(parts: ReadonlyArray<Buffer | string>): number {
    let total = 0;
    for (const part of parts) total += typeof part === "string" ? Buffer.byteLength(part) : part.length;
    return total;
}

/** The sink answered before the request body was written whole: not a delivery, whatever the status. */
export class EarlyAnswerError extends Error {
    constructor(readonly status: number) {
        super(`the sink answered HTTP ${status} before it had received the whole request body; the chunk is not counted as delivered`);
        this.name = "EarlyAnswerError";
    }
}

/** What a complete answer means: a delivery (with warnings) or the error to throw. */
function answerOutcome(res: http.IncomingMessage, body: string, truncated: boolean, expected: number | null): HttpPostResponse | Error {
    const status = res.statusCode ?? 0;
    if (status === 207) {
        const { failure, warning } = readMultiStatus(body, truncated, expected);
        return failure !== null ? new PartialRejectionError(failure) : { status, warnings: warning === null ? [] : [warning] };
    }
    if (status >= 200 && status < 300) return { status, warnings: [] };
    const retryAfter = res.headers["retry-after"];
    return new SinkResponseError(status, Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, sinkErrorCode(body));
}

export function httpPost(request: HttpPostRequest): Promise<HttpPostResponse> {
    const { url, body, timeoutMs } = request;
    const transport = url.protocol === "https:" ? https : http;
    return new Promise<HttpPostResponse>((resolve, reject) => {
        let settled = false;
        const finish = (error: Error | null, response?: HttpPostResponse): void => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            if (error) reject(error);
            else resolve(response as HttpPostResponse);
        };
        const req = transport.request(url, {
            method: "POST",
            agent: request.agent,
            headers: { ...request.headers, "Content-Length": String(byteLength(body)) },
        });
        const timer = setTimeout(() => {
            const error = new RequestTimeoutError(timeoutMs);
            finish(error);
            req.destroy(error);
        }, timeoutMs);
        req.on("error", (error) => finish(error));
        // The server cannot have read bytes not yet handed to the socket: an answer that comes before
        // the whole body was written was given without reading it, and is not a delivery.
        let bodyWritten = false;
        req.on("finish", () => (bodyWritten = true));
        req.on("response", (res) => {
            const answeredEarly = !bodyWritten;
            const status = res.statusCode ?? 0;
            const keep = bodyBytesToKeep(status);
            const pieces: Buffer[] = [];
            let received = 0;
            res.on("data", (piece: Buffer) => {
                if (received < keep) pieces.push(piece);
                received += piece.length;
            });
            res.on("error", (error) => finish(error));
            res.on("end", () => {
                if (answeredEarly) {
                    finish(new EarlyAnswerError(status));
                    req.destroy();
                    return;
                }
                const text = Buffer.concat(pieces).subarray(0, keep).toString("utf8");
                const outcome = answerOutcome(res, text, received > keep, request.expectedInferences ?? null);
                if (outcome instanceof Error) finish(outcome);
                else finish(null, outcome);
            });
        });
        void writeParts(req, body).then(
            () => req.end(),
            (error: Error) => finish(error),
        );
    });
}

/** Writes parts honouring backpressure; stops quietly if the request was destroyed. */
async function writeParts(req: http.ClientRequest, parts: ReadonlyArray<Buffer | string>): Promise<void> {
    for (const part of parts) {
        if (req.destroyed) return;
        if (!req.write(part)) {
            await new Promise<void>((resolve) => {
                const done = (): void => {
                    req.off("drain", done);
                    req.off("close", done);
                    resolve();
                };
                req.on("drain", done);
                req.on("close", done);
            });
        }
    }
}
