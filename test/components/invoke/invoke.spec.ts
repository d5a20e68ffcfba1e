import assert from "node:assert/strict";
import { S3Client } from "@aws-sdk/client-s3";
import { SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import { invokeAsync, InvokeInputError, invokeRealtime } from "../../../components/invoke";
import { MODEL_OUTPUT, StandIn, startSageMakerStandIn } from "../../support/sageMakerStandIn";

const CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test" };
const VISIBLE = "must hold only visible US-ASCII characters (! to ~) and inner spaces";

describe("sagemaker-monitoring/invoke against a loopback runtime stand-in", () => {
    let standIn: StandIn;
    let runtime: SageMakerRuntimeClient;
    let s3: S3Client;
    const behaviour = { capture: "none" as const, echo: true, variant: "champion", deadLetters: 0 };

    before(async () => {
        // S3 points at the stand-in too: a call that should not happen would show in its requests.
        s3 = new S3Client({ region: "us-east-1", credentials: CREDENTIALS, forcePathStyle: true, endpoint: "http://127.0.0.1:1" });
        standIn = await startSageMakerStandIn({
            s3,
            bucket: "capture-bucket",
            capturePrefix: "datacapture",
            behaviour,
            inferenceComponents: { "genai-dev": ["genai-dev-summarizer"] },
        });
        runtime = new SageMakerRuntimeClient({ region: "us-east-1", credentials: CREDENTIALS, endpoint: standIn.url });
        s3 = new S3Client({ region: "us-east-1", credentials: CREDENTIALS, forcePathStyle: true, endpoint: standIn.url });
    });
    after(() => standIn.close());
    beforeEach(() => {
        standIn.requests.length = 0;
        behaviour.echo = true;
    });

    it("sends the trace ID in CustomAttributes with the InferenceId, and reads the echo back", async () => {
        const result = await invokeRealtime(
            { endpointName: "churn-dev", body: "1,2,3", traceId: "trace-1", inferenceId: "smoke-1", customAttributes: { stage: "smoke" } },
            runtime,
        );
        assert.deepEqual(
            { ...result, latencyMs: typeof result.latencyMs },
            {
                traceId: "trace-1",
                inferenceId: "smoke-1",
                statusCode: 200,
                latencyMs: "number",
                body: MODEL_OUTPUT,
                contentType: "text/csv; charset=utf-8",
                invokedVariant: "champion",
                echoedAttributes: { stage: "smoke", traceId: "trace-1" },
                traceIdEchoed: true,
            },
        );
        const [request] = standIn.requests;
        assert.equal(request.path, "/endpoints/churn-dev/invocations");
        assert.equal(request.headers["x-amzn-sagemaker-custom-attributes"], "stage=smoke;traceId=trace-1");
        assert.equal(request.headers["x-amzn-sagemaker-inference-id"], "smoke-1");
        assert.equal(request.headers["content-type"], "text/csv");
    });

    it("reports a container that does not echo", async () => {
        behaviour.echo = false;
        const result = await invokeRealtime({ endpointName: "churn-dev", body: "1,2,3" }, runtime);
        assert.deepEqual([result.echoedAttributes, result.traceIdEchoed], [{}, false]);
        assert.match(result.traceId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        assert.match(result.inferenceId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        assert.notEqual(result.traceId, result.inferenceId);
    });

    it("names the inference component of an endpoint hosting components; without one, SageMaker's 400 comes back", async () => {
        const result = await invokeRealtime(
            { endpointName: "genai-dev", inferenceComponentName: "genai-dev-summarizer", body: "hi", inferenceId: "ic-1" },
            runtime,
        );
        assert.deepEqual([result.statusCode, result.body, result.inferenceId], [200, MODEL_OUTPUT, "ic-1"]);
        await assert.rejects(invokeRealtime({ endpointName: "genai-dev", body: "hi" }, runtime), {
            name: "ValidationError",
            message: "Inference Component Name header is required for endpoints to which you plan to deploy inference components.",
        });
        assert.deepEqual(
            standIn.requests.map((r) => [r.path, r.inferenceComponent]),
            [
                ["/endpoints/genai-dev/invocations", "genai-dev-summarizer"],
                ["/endpoints/genai-dev/invocations", undefined],
            ],
        );
    });

    it("refuses an inference component name breaking the SageMaker name rule before any call", async () => {
        await assert.rejects(invokeRealtime({ endpointName: "genai-dev", inferenceComponentName: "genai_dev", body: "hi" }, runtime), {
            name: "InvokeInputError",
            message:
                'invoke genai-dev: 1 invalid input:\n  - inferenceComponentName: must match ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$: letters, digits and hyphens, starting and ending with a letter or digit (got "genai_dev")',
        });
        assert.deepEqual(standIn.requests, []);
    });

    const BAD: [string, Parameters<typeof invokeRealtime>[0], string[]][] = [
        [
            "custom attributes longer than 1024 characters",
            { endpointName: "churn-dev", body: "1", traceId: "t", customAttributes: { note: "n".repeat(1020) } },
            ["customAttributes: must be at most 1024 characters once joined as key=value;key=value (got 1035)"],
        ],
        [
            "non-ASCII and control characters",
            { endpointName: "churn-dev", body: "1", traceId: "tr\u00e4ce", customAttributes: { note: "a\nb" } },
            [
                `customAttributes.note: value ${VISIBLE}: control character U+000A at index 1`,
                `customAttributes.traceId: value ${VISIBLE}: non-ASCII character U+00E4 at index 2`,
            ],
        ],
        [
            "an InferenceId longer than 64 characters",
            { endpointName: "churn-dev", body: "1", inferenceId: "i".repeat(65) },
            ["inferenceId: must be 1-64 characters (got 65)"],
        ],
        [
            "an InferenceId starting with whitespace",
            { endpointName: "churn-dev", body: "1", inferenceId: " smoke" },
            ["inferenceId: must not start with whitespace"],
        ],
    ];

    for (const [name, request, problems] of BAD) {
        it(`refuses ${name} before any call, naming the key (real-time and async)`, async () => {
            const expected = (error: unknown) => {
                assert.ok(error instanceof InvokeInputError);
                assert.deepEqual(
                    error.problems.map((p) => `${p.path}: ${p.reason}`),
                    problems,
                );
                assert.equal(
                    error.message,
                    `invoke churn-dev: ${problems.length} invalid input${problems.length === 1 ? "" : "s"}:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
                );
                return true;
            };
            await assert.rejects(invokeRealtime(request, runtime), expected);
            await assert.rejects(
                invokeAsync({ ...request, inputLocationPrefix: "s3://capture-bucket/async/input/" }, { runtime, s3 }),
                expected,
            );
            assert.deepEqual(standIn.requests, []);
        });
    }
});
