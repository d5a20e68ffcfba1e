/**
 * Generic HTTP sink: POSTs each chunk's normalized inferences as JSON lines
 * (application/x-ndjson) to any URL, with an optional auth header whose value comes from a secret.
 */
import http from "node:http";
import { Chunk } from "../chunking";
import { httpPost, keepAliveAgent } from "../httpPost";
import { TokenSource } from "../secrets";
import { authorizedPost } from "./authorizedPost";
import { DeliveryContext, Sink } from "./sink";

interface HttpSinkAuth {
    tokens: TokenSource;
    /** @default "Authorization" */
    header: string;
    /** Put before the token, e.g. "Bearer ". @default "" */
    prefix: string;
}

export interface HttpSinkOptions {
    url: string;
    /** No auth header when absent. */
    auth?: HttpSinkAuth;
}

export class HttpSink implements Sink {
    readonly name = "http";
    readonly payload = "normalized-inferences" as const;
    private readonly url: URL;
    private readonly agent: http.Agent;

    constructor(private readonly options: HttpSinkOptions) {
        this.url = new URL(options.url);
        this.agent = keepAliveAgent(this.url);
    }

    async deliver(chunk: Chunk, context: DeliveryContext): Promise<void> {
        const request = {
            url: this.url,
            headers: { "Content-Type": "application/x-ndjson" },
            body: chunk.parts,
            timeoutMs: context.timeoutMs,
            agent: this.agent,
        };
        const auth = this.options.auth;
        if (!auth) {
            await httpPost(request);
            return;
        }
        await authorizedPost(request, auth.tokens, (token) => ({ [auth.header]: `${auth.prefix}${token}` }));
    }
}
