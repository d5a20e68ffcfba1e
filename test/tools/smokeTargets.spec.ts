import assert from "node:assert/strict";
import * as fs from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { SMOKE_SAMPLE_DEFAULTS } from "../../domain/invoke/smokeSample";
import { SmokeInputError, smokeTargets } from "../../tools/smoke/targets";

const ROOT = path.resolve(__dirname, "../..");
const STACK_FILE = path.join(ROOT, "test/fixtures/stacks/dev/Pulumi.dev.yaml");

describe("smoke: the endpoints to check, from the stack outputs and the stack file", () => {
    let dir: string;
    before(() => (dir = fs.mkdtempSync(path.join(tmpdir(), "smoke-targets-"))));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("takes samples from the stack file (default where it sets none) and each forwarder whose rules cover the endpoint's capture prefix", () => {
        const outputsFile = path.join(dir, "outputs.json");
        const rule = (filterPrefix: string) => ({ id: filterPrefix, filterPrefix, filterSuffix: ".jsonl" });
        fs.writeFileSync(
            outputsFile,
            JSON.stringify({
                capturePrefixes: {
                    "churn-batch-dev": "s3://capture-b/datacapture/churn-batch-dev/",
                    "churn-dev": "s3://capture-b/datacapture/churn-dev/",
                },
                endpoints: {
                    "churn-dev": {
                        endpointName: "churn-dev",
                        metricDimensions: { variants: [{ VariantName: "champion" }, { VariantName: "challenger" }] },
                    },
                    "churn-batch-dev": {
                        endpointName: "churn-batch-dev",
                        metricDimensions: { variants: [{ VariantName: "AllTraffic" }] },
                        inputLocationPrefix: "s3://async-io/requests/",
                    },
                },
                forwarders: {
                    all: {
                        deadLetterQueueUrl: "https://sqs/all",
                        failedInvocationQueueUrl: "https://sqs/all-failed",
                        notificationRules: [rule("datacapture/")],
                    },
                    churn: { deadLetterQueueUrl: "https://sqs/churn", notificationRules: [rule("datacapture/churn-dev/")] },
                    other: { deadLetterQueueUrl: "https://sqs/other", notificationRules: [rule("datacapture/churn/")] },
                },
            }),
        );
        const targets = smokeTargets(ROOT, { stack: "dev", outputsFile, configFile: STACK_FILE, timeoutSeconds: 1, pollIntervalMs: 10 });
        assert.deepEqual(targets, [
            {
                name: "churn-batch-dev",
                endpointName: "churn-batch-dev",
                kind: "async",
                variants: ["AllTraffic"],
                capturePrefix: "s3://capture-b/datacapture/churn-batch-dev/",
                inputLocationPrefix: "s3://async-io/requests/",
                forwarderQueues: [
                    { forwarder: "all", queue: "dead-letter", url: "https://sqs/all" },
                    { forwarder: "all", queue: "failed-invocation", url: "https://sqs/all-failed" },
                ],
                sample: { payload: "0.5,1,0,3", contentType: "text/csv" },
            },
            {
                name: "churn-dev",
                endpointName: "churn-dev",
                kind: "realtime",
                variants: ["champion", "challenger"],
                capturePrefix: "s3://capture-b/datacapture/churn-dev/",
                inputLocationPrefix: undefined,
                forwarderQueues: [
                    { forwarder: "all", queue: "dead-letter", url: "https://sqs/all" },
                    { forwarder: "all", queue: "failed-invocation", url: "https://sqs/all-failed" },
                    { forwarder: "churn", queue: "dead-letter", url: "https://sqs/churn" },
                ],
                sample: { payload: "0.42,1,0,37.5,2", contentType: "text/csv" },
            },
        ]);
    });

    it("splits an inference-components endpoint into one target per component, named from the outputs, else from the stack file", () => {
        const outputsFile = path.join(dir, "genai.json");
        const endpoint = { endpointName: "genai-dev", metricDimensions: { variants: [{ VariantName: "AllTraffic" }] } };
        const args = { stack: "dev", outputsFile, configFile: STACK_FILE, timeoutSeconds: 1, pollIntervalMs: 10 };
        const component = (name: string, inferenceComponentName: string) => ({
            name,
            endpointName: "genai-dev",
            kind: "inference-component",
            inferenceComponentName,
            variants: ["AllTraffic"],
            capturePrefix: "s3://capture-b/datacapture/genai-dev/",
            inputLocationPrefix: undefined,
            forwarderQueues: [],
            sample: SMOKE_SAMPLE_DEFAULTS,
        });
        const write = (names?: string[]) =>
            fs.writeFileSync(
                outputsFile,
                JSON.stringify({
                    capturePrefixes: { "genai-dev": "s3://capture-b/datacapture/genai-dev/" },
                    endpoints: { "genai-dev": { ...endpoint, inferenceComponentNames: names } },
                }),
            );
        write(["genai-dev-summarizer-1", "genai-dev-embedder-1"]);
        assert.deepEqual(smokeTargets(ROOT, args), [
            component("genai-dev/summarizer", "genai-dev-summarizer-1"),
            component("genai-dev/embedder", "genai-dev-embedder-1"),
        ]);
        // Outputs from before the component names were exported: the names the component gives them.
        write(undefined);
        assert.deepEqual(smokeTargets(ROOT, args), [
            component("genai-dev/summarizer", "genai-dev-summarizer"),
            component("genai-dev/embedder", "genai-dev-embedder"),
        ]);
    });

    it("refuses outputs whose locations are not S3 URIs, naming each output", () => {
        const outputsFile = path.join(dir, "bad.json");
        fs.writeFileSync(
            outputsFile,
            JSON.stringify({
                capturePrefixes: { "churn-dev": "capture-b/datacapture/churn-dev/" },
                endpoints: { "churn-dev": { endpointName: "churn-dev", inputLocationPrefix: "s3://x/requests/" } },
            }),
        );
        assert.throws(
            () => smokeTargets(ROOT, { stack: "dev", outputsFile, configFile: STACK_FILE, timeoutSeconds: 1, pollIntervalMs: 10 }),
            SmokeInputError,
        );
        assert.throws(
            () => smokeTargets(ROOT, { stack: "dev", outputsFile, configFile: STACK_FILE, timeoutSeconds: 1, pollIntervalMs: 10 }),
            {
                message:
                    'the stack outputs: capturePrefixes.churn-dev must be an S3 URI of the form s3://<bucket>/<key>, bucket 3-63 lowercase letters, digits, dots and hyphens (got "capture-b/datacapture/churn-dev/"); ' +
                    'endpoints.churn-dev.inputLocationPrefix must be an S3 URI of the form s3://<bucket>/<key>, bucket 3-63 lowercase letters, digits, dots and hyphens (got "s3://x/requests/")',
            },
        );
    });
});
