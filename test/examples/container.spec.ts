import assert from "node:assert/strict";
import * as http from "node:http";
import { AddressInfo } from "node:net";
import { buildContainerEnvironment } from "../../components/core/endpoint/containerEnvironment";
import { readContainerMetadata } from "../../domain/containerMetadata";
import { createHandler } from "../../examples/container/server";

describe("examples/container: the reference model-container handler on loopback", () => {
    let server: http.Server;
    let base: string;
    const logged: object[] = [];

    before(async () => {
        // The environment exactly as the endpoint components build it for a variant.
        const env = buildContainerEnvironment(
            { SAGEMAKER_PROGRAM: "inference.py" },
            { endpointName: "churn-dev", variantName: "champion", stack: "dev", tags: { team: "ml", model: "churn" } },
        );
        server = http.createServer(createHandler(readContainerMetadata(env), (entry) => logged.push(entry)));
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    beforeEach(() => (logged.length = 0));

    it("answers /ping with 200", async () => {
        assert.equal((await fetch(`${base}/ping`)).status, 200);
    });

    it("echoes the trace ID with its variant, read from the injected metadata, and logs the request with it", async () => {
        const response = await fetch(`${base}/invocations`, {
            method: "POST",
            headers: { "Content-Type": "text/csv", "X-Amzn-SageMaker-Custom-Attributes": "traceId=0b2c1d9e;caller=smoke" },
            body: "0.5,1,0,3\n-2,0,0,0\n",
        });
        assert.deepEqual(
            [
                response.status,
                response.headers.get("x-amzn-sagemaker-custom-attributes"),
                response.headers.get("content-type"),
                await response.text(),
            ],
            [200, "traceId=0b2c1d9e;variant=champion", "text/csv", "0.9890\n0.1192\n"],
        );
        assert.deepEqual(logged, [{ traceId: "0b2c1d9e", endpoint: "churn-dev", variant: "champion", stack: "dev", bytes: 19 }]);
    });

    it("returns no custom attributes when the request carries no trace ID", async () => {
        const response = await fetch(`${base}/invocations`, { method: "POST", body: "1,1\n" });
        assert.deepEqual(
            [response.status, response.headers.get("x-amzn-sagemaker-custom-attributes"), await response.text()],
            [200, null, "0.8808\n"],
        );
        assert.deepEqual(logged, [{ traceId: null, endpoint: "churn-dev", variant: "champion", stack: "dev", bytes: 4 }]);
    });

    it("reads the components' metadata variables, tags included, without any AWS call", () => {
        assert.deepEqual(
            readContainerMetadata({
                SAGEMAKER_MONITORING_ENDPOINT_NAME: "churn-dev",
                SAGEMAKER_MONITORING_VARIANT_NAME: "challenger",
                SAGEMAKER_MONITORING_STACK: "dev",
                SAGEMAKER_MONITORING_ENDPOINT_TAGS: '{"model":"churn","team":"ml"}',
            }),
            { endpointName: "churn-dev", variantName: "challenger", stack: "dev", tags: { model: "churn", team: "ml" } },
        );
        assert.deepEqual(readContainerMetadata({ SAGEMAKER_MONITORING_ENDPOINT_TAGS: "not json" }), {
            endpointName: "",
            variantName: "",
            stack: "",
            tags: {},
        });
    });
});
