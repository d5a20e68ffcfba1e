/**
 * One classification of transient failures for every edge: the delivery retry policy and the S3
 * reader must agree (they once kept two lists that had drifted apart).
 */
import assert from "node:assert/strict";
import { GetObjectCommand, GetObjectCommandOutput } from "@aws-sdk/client-s3";
import { classifyFailure, SinkResponseError } from "../../../lambdas/capture-forwarder/retry";
import { ObjectReadError, readS3Object } from "../../../lambdas/capture-forwarder/s3Source";
import { isTransientError, TRANSIENT_ERROR_CODES } from "../../../lambdas/capture-forwarder/transientErrors";
import { FakeClock } from "./support";

function coded(code: string): Error {
    return Object.assign(new Error(`failed with ${code}`), { code });
}

function aws(name: string, httpStatusCode?: number, extra: Record<string, unknown> = {}): Error {
    return Object.assign(new Error(`${name} from the service`), { name, $metadata: { httpStatusCode }, ...extra });
}

const NOW = Date.parse("2024-01-02T03:04:05Z");

describe("capture-forwarder transient errors", () => {
    const transient: Array<[string, unknown]> = [
        ["ECONNABORTED (once only in the retry list)", coded("ECONNABORTED")],
        ["EHOSTUNREACH (once only in the retry list)", coded("EHOSTUNREACH")],
        ["UND_ERR_SOCKET", coded("UND_ERR_SOCKET")],
        ["ENOTFOUND (DNS)", coded("ENOTFOUND")],
        ["a short read (once only in the S3 list)", coded("ShortRead")],
        ["an SDK error marked $retryable (once only in the S3 list)", aws("SomethingRetryable", 400, { $retryable: {} })],
        ["Secrets Manager throttling", aws("ThrottlingException", 400)],
        ["S3 SlowDown", aws("SlowDown", 503)],
        ["an AWS 500", aws("InternalServiceError", 500)],
        ["an AWS 429", aws("TooManyRequests", 429)],
        ["an SDK TimeoutError", aws("TimeoutError")],
        ["a network error wrapped as a cause", Object.assign(new Error("fetch failed"), { cause: coded("ECONNRESET") })],
    ];
    const permanent: Array<[string, unknown]> = [
        ["NoSuchKey", aws("NoSuchKey", 404)],
        ["AccessDenied", aws("AccessDenied", 403)],
        ["an AWS 501", aws("NotImplemented", 501)],
        ["an aborted request", Object.assign(aws("AbortError"), { code: "ECONNRESET" })],
        ["a plain error", new TypeError("x is not a function")],
        ["a string", "ECONNRESET"],
        ["null", null],
    ];

    for (const [name, error] of transient) {
        it(`${name}: transient for the S3 reader and the delivery retry alike`, () => {
            assert.equal(isTransientError(error), true);
            assert.deepStrictEqual(classifyFailure(error, NOW), { retryable: true, retryAfterMs: null });
        });
    }
    for (const [name, error] of permanent) {
        it(`${name}: permanent`, () => {
            assert.equal(isTransientError(error), false);
            assert.deepStrictEqual(classifyFailure(error, NOW), { retryable: false, retryAfterMs: null });
        });
    }

    it("HTTP answers of the sinks are classified by status, not by the list", () => {
        assert.deepStrictEqual(classifyFailure(new SinkResponseError(503, "2", null), NOW), { retryable: true, retryAfterMs: 2000 });
        assert.deepStrictEqual(classifyFailure(new SinkResponseError(400, undefined, "ECONNRESET"), NOW), {
            retryable: false,
            retryAfterMs: null,
        });
    });

    describe("the S3 reader uses the shared list", () => {
        const ref = { bucket: "capture-bucket", key: "dc/x.jsonl", versionId: "v1", etag: "abc", size: 6 };

        /** A client failing with each given error once, then serving the object. */
        function flaky(failures: unknown[]): { send(command: GetObjectCommand): Promise<GetObjectCommandOutput>; calls: number } {
            const client = {
                calls: 0,
                async send(command: GetObjectCommand): Promise<GetObjectCommandOutput> {
                    client.calls++;
                    const failure = failures.shift();
                    if (failure !== undefined) throw failure;
                    const [, from, to] = /^bytes=(\d+)-(\d+)$/.exec(command.input.Range ?? "") as RegExpExecArray;
                    const body = (async function* () {
                        yield Buffer.from("line\n\n").subarray(Number(from), Number(to) + 1);
                    })();
                    return { Body: body, $metadata: {} } as unknown as GetObjectCommandOutput;
                },
            };
            return client;
        }

        async function read(client: ReturnType<typeof flaky>): Promise<string> {
            const pieces: Buffer[] = [];
            for await (const piece of readS3Object(client, ref, { rangeBytes: 1024, maxAttempts: 4, clock: new FakeClock() }))
                pieces.push(Buffer.from(piece));
            return Buffer.concat(pieces).toString("utf8");
        }

        it("retries ECONNABORTED, EHOSTUNREACH and throttling as the delivery retry does", async () => {
            const client = flaky([coded("ECONNABORTED"), coded("EHOSTUNREACH"), aws("ThrottlingException", 400)]);
            assert.equal(await read(client), "line\n\n");
            assert.equal(client.calls, 4);
        });

        it("stops at once on a permanent error", async () => {
            const client = flaky([aws("AccessDenied", 403)]);
            await assert.rejects(read(client), (error: unknown) => {
                assert.ok(error instanceof ObjectReadError);
                assert.deepStrictEqual(
                    [error.message, error.offset],
                    ["reading s3://capture-bucket/dc/x.jsonl at byte 0 failed after 1 attempt(s): AccessDenied from the service", 0],
                );
                return true;
            });
            assert.equal(client.calls, 1);
        });
    });

    it("lists every code the two old lists held", () => {
        const retryList = [
            "ECONNRESET",
            "ECONNREFUSED",
            "ECONNABORTED",
            "EPIPE",
            "ETIMEDOUT",
            "ESOCKETTIMEDOUT",
            "EAI_AGAIN",
            "ENETUNREACH",
            "EHOSTUNREACH",
            "UND_ERR_SOCKET",
        ];
        const s3List = ["ECONNRESET", "EPIPE", "ETIMEDOUT", "ECONNREFUSED", "EAI_AGAIN", "ShortRead"];
        assert.deepStrictEqual(
            [...retryList, ...s3List].filter((code) => !TRANSIENT_ERROR_CODES.has(code)),
            [],
        );
    });
});
