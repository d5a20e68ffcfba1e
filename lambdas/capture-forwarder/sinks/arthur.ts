/**
 * Arthur's SageMaker Data Capture integration: POST
 * `{host}/api/v3/models/{modelId}/inferences/integrations/sagemaker_data_capture`, multipart/form-data
 * with the Data Capture JSONL in form field `inference_data` (Arthur's REST client sends it as a
 * file and expects 207 Multi-Status; inferences are then ingested asynchronously). One request per
 * chunk of raw capture lines, body streamed part by part, `Authorization: <api key>` (Arthur's v3 API).
 * A 207 means "accepted for asynchronous ingestion": Arthur may still reject inferences later.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import { Chunk } from "../chunking";
import { keepAliveAgent } from "../httpPost";
import { multipartContentType, multipartHead, multipartTail } from "../multipart";
import { TokenSource } from "../secrets";
import { authorizedPost } from "./authorizedPost";
import { DeliveryContext, DeliveryReport, Sink } from "./sink";

const ARTHUR_FORM_FIELD = "inference_data";

/** Arthur's REST client (arthur-client `ArthurClient`) sends the API key itself as the Authorization value, with no scheme. */
function arthurAuthorization(apiKey: string): Record<string, string> {
    return { Authorization: apiKey };
}
/**
 * Content type of the file part: the capture object's own, as Arthur's reference integration sends
 * it; this one when it is unknown (a local file) or describes compressed bytes (a `.jsonl.gz`).
 */
const ARTHUR_FILE_CONTENT_TYPE = "application/jsonl";

/** A Content-Type value safe to put in a part header (no line breaks, printable ASCII). */
const HEADER_VALUE = /^[\x21-\x7e][\x20-\x7e]{0,254}$/;

const NEWLINE = Buffer.from("\n");

export function arthurUploadUrl(host: string, modelId: string): URL {
    return new URL(
        `${host.replace(/\/+$/, "")}/api/v3/models/${encodeURIComponent(modelId)}/inferences/integrations/sagemaker_data_capture`,
    );
}

export interface ArthurSinkOptions {
    host: string;
    modelId: string;
    tokens: TokenSource;
    /** Send payload forms Arthur does not document instead of dead-lettering them. @default false */
    allowUndocumentedForms?: boolean;
    /** @default 24 random bytes, hex */
    boundary?: () => string;
}

export class ArthurSink implements Sink {
    readonly name = "arthur";
    readonly payload = "capture-lines" as const;
    readonly refusesUndocumentedForms: boolean;
    private readonly url: URL;
    private readonly agent: http.Agent;
    private readonly boundary: () => string;

    constructor(private readonly options: ArthurSinkOptions) {
        this.url = arthurUploadUrl(options.host, options.modelId);
        this.refusesUndocumentedForms = options.allowUndocumentedForms !== true;
        this.agent = keepAliveAgent(this.url);
        this.boundary = options.boundary ?? (() => `sagemaker-monitoring-${randomBytes(24).toString("hex")}`);
    }

    async deliver(chunk: Chunk, context: DeliveryContext): Promise<DeliveryReport> {
        const own = context.contentType;
        const boundary = this.boundary();
        const body: Array<Buffer | string> = [
            multipartHead({
                field: ARTHUR_FORM_FIELD,
                filename: `${context.objectName}-chunk-${chunk.index}.jsonl`,
                contentType: own != null && HEADER_VALUE.test(own) ? own : ARTHUR_FILE_CONTENT_TYPE,
                boundary,
            }),
        ];
        for (const line of chunk.parts) body.push(line, NEWLINE);
        body.push(multipartTail(boundary));
        return authorizedPost(
            {
                url: this.url,
                headers: { "Content-Type": multipartContentType(boundary), Accept: "application/json" },
                body,
                timeoutMs: context.timeoutMs,
                agent: this.agent,
                expectedInferences: chunk.inferences,
            },
            this.options.tokens,
            arthurAuthorization,
        );
    }
}
