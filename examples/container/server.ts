/**
 * A reference model-container handler (not a deployed image): the SageMaker serving contract
 * (GET /ping, POST /invocations on port 8080) with the two things these components expect of a
 * container:
 *
 * - it reads the request's custom attributes (`X-Amzn-SageMaker-Custom-Attributes`, the only
 *   caller header SageMaker forwards), logs with their trace ID, and echoes `traceId=<id>` back in
 *   the response's custom attributes, which `npm run smoke` checks;
 * - it learns which endpoint, variant and stack it serves from the `SAGEMAKER_MONITORING_*`
 *   environment the components inject, with no DescribeEndpoint call and no IAM right to make one.
 *
 * The "model" scores a CSV row of numbers; put yours in `predict`. Run it: `npx ts-node examples/container/server.ts`.
 */
import * as http from "node:http";
import { ContainerMetadata, readContainerMetadata } from "../../domain/containerMetadata";
import { formatCustomAttributes, parseCustomAttributes } from "../../domain/invoke/customAttributes";

const CUSTOM_ATTRIBUTES_HEADER = "x-amzn-sagemaker-custom-attributes";
/** The port SageMaker sends requests to; SAGEMAKER_BIND_TO_PORT overrides it where SageMaker sets it. */
const PORT = Number(process.env.SAGEMAKER_BIND_TO_PORT ?? "8080");

/** The stand-in model: a logistic score of the row's sum, one line per CSV row. */
export function predict(csv: string): string {
    return csv
        .split("\n")
        .filter((row) => row.trim() !== "")
        .map((row) => (1 / (1 + Math.exp(-row.split(",").reduce((sum, cell) => sum + Number(cell), 0)))).toFixed(4))
        .join("\n")
        .concat("\n");
}

async function readBody(request: http.IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
}

/** The container's request handler, for the metadata it was started with; `log` receives one JSON object per request. */
export function createHandler(
    metadata: ContainerMetadata,
    log: (entry: object) => void = (e) => console.log(JSON.stringify(e)),
): http.RequestListener {
    return (request, response) => {
        if (request.method === "GET" && request.url === "/ping") {
            response.writeHead(200).end();
            return;
        }
        if (request.method !== "POST" || request.url !== "/invocations") {
            response.writeHead(404).end();
            return;
        }
        void readBody(request).then((body) => {
            const attributes = parseCustomAttributes(request.headers[CUSTOM_ATTRIBUTES_HEADER] as string | undefined);
            log({
                traceId: attributes.traceId ?? null,
                endpoint: metadata.endpointName,
                variant: metadata.variantName,
                stack: metadata.stack,
                bytes: body.length,
            });
            // Echo the trace ID (and say which variant answered); no trace ID, no custom attributes.
            const echoed: Record<string, string> | undefined =
                attributes.traceId === undefined ? undefined : { traceId: attributes.traceId, variant: metadata.variantName };
            response.writeHead(200, {
                "Content-Type": "text/csv",
                ...(echoed === undefined ? {} : { [CUSTOM_ATTRIBUTES_HEADER]: formatCustomAttributes(echoed) }),
            });
            response.end(predict(body));
        });
    };
}

if (require.main === module) {
    const metadata = readContainerMetadata(process.env);
    http.createServer(createHandler(metadata)).listen(PORT, () => console.log(JSON.stringify({ listening: PORT, ...metadata })));
}
