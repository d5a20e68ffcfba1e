import * as assert from "assert";
import {
    dataCaptureContentTypes,
    dataCaptureEnabled,
    dataCaptureInputAndOutput,
    dataCaptureKms,
    dataCaptureSampling,
} from "../../policy/rules/dataCapture";
import { CLASSIC_ENDPOINT_CONFIG, classicEndpointConfig, NATIVE_ENDPOINT_CONFIG, nativeEndpointConfig } from "./fixtures";
import { runResourcePolicy, withField, withoutField, withUnknown } from "./harness";
import { STACK_PATH_TAG } from "../../domain/stackPathTag";

const captureRules = [dataCaptureEnabled, dataCaptureSampling, dataCaptureInputAndOutput, dataCaptureContentTypes, dataCaptureKms];

const flavors = [
    { flavor: "aws-native", type: NATIVE_ENDPOINT_CONFIG, baseline: nativeEndpointConfig },
    { flavor: "classic aws", type: CLASSIC_ENDPOINT_CONFIG, baseline: classicEndpointConfig },
];

const none = { kind: "violations", messages: [] };
/** Messages name the endpoint config (its physical name) first. */
const onlyFor = (subject: string) => (message: string) => ({ kind: "violations", messages: [`Endpoint config "${subject}": ${message}`] });

for (const { flavor, type, baseline } of flavors) {
    const only = onlyFor(baseline().endpointConfigName ?? baseline().name);
    const run = (policy: (typeof captureRules)[number], props: Record<string, any>, config?: unknown) =>
        runResourcePolicy(policy, { type, name: "config", props }, { config });

    describe(`data capture rules on ${flavor} ${type}`, () => {
        it("the compliant baseline passes every capture rule", () => {
            assert.deepStrictEqual(
                captureRules.map((policy) => run(policy, baseline())),
                captureRules.map(() => none),
            );
        });

        it("data-capture-enabled: dataCaptureConfig missing", () => {
            assert.deepStrictEqual(
                run(dataCaptureEnabled, withoutField(baseline(), "dataCaptureConfig")),
                only(
                    "Data Capture is not configured (dataCaptureConfig is missing). Remediation: set dataCaptureConfig with enableCapture: true, initialSamplingPercentage: 100, destinationS3Uri, " +
                        'captureOptions [{captureMode: "Input"}, {captureMode: "Output"}], captureContentTypeHeader and kmsKeyId.',
                ),
            );
        });

        it("data-capture-enabled: enableCapture false", () => {
            assert.deepStrictEqual(
                run(dataCaptureEnabled, withField(baseline(), "dataCaptureConfig.enableCapture", false)),
                only(
                    "Data Capture is switched off (dataCaptureConfig.enableCapture is false). Remediation: set dataCaptureConfig.enableCapture to true.",
                ),
            );
        });

        it("data-capture-enabled: enableCapture omitted means enabled (the API default)", () => {
            assert.deepStrictEqual(run(dataCaptureEnabled, withoutField(baseline(), "dataCaptureConfig.enableCapture")), none);
        });

        it("the other capture rules are not applicable without dataCaptureConfig (reported once, by data-capture-enabled)", () => {
            const props = withoutField(baseline(), "dataCaptureConfig");
            assert.deepStrictEqual(
                [dataCaptureSampling, dataCaptureInputAndOutput, dataCaptureContentTypes, dataCaptureKms].map((policy) =>
                    run(policy, props),
                ),
                [1, 2, 3, 4].map(() => ({ kind: "notApplicable", reason: "No dataCaptureConfig (reported by data-capture-enabled)" })),
            );
        });

        it("data-capture-sampling-100: sampling 50", () => {
            assert.deepStrictEqual(
                run(dataCaptureSampling, withField(baseline(), "dataCaptureConfig.initialSamplingPercentage", 50)),
                only(
                    "dataCaptureConfig.initialSamplingPercentage is 50, below the required minimum of 100. Remediation: set dataCaptureConfig.initialSamplingPercentage to 100.",
                ),
            );
        });

        it("data-capture-sampling-100: numbers given as strings count as the provider converts them", () => {
            const props = (sampling: unknown) => withField(baseline(), "dataCaptureConfig.initialSamplingPercentage", sampling);
            assert.deepStrictEqual(run(dataCaptureSampling, props("100")), none);
            assert.deepStrictEqual(
                run(dataCaptureSampling, props("50")),
                only(
                    'dataCaptureConfig.initialSamplingPercentage is "50", below the required minimum of 100. Remediation: set dataCaptureConfig.initialSamplingPercentage to 100.',
                ),
            );
            assert.deepStrictEqual(
                run(dataCaptureSampling, props("all")),
                only(
                    'dataCaptureConfig.initialSamplingPercentage is "all"; it must be a number of at least 100. Remediation: set dataCaptureConfig.initialSamplingPercentage to 100.',
                ),
            );
        });

        it("data-capture-sampling-100: sampling not a number", () => {
            assert.deepStrictEqual(
                run(dataCaptureSampling, withoutField(baseline(), "dataCaptureConfig.initialSamplingPercentage")),
                only(
                    "dataCaptureConfig.initialSamplingPercentage is not set; it must be a number of at least 100. Remediation: set dataCaptureConfig.initialSamplingPercentage to 100.",
                ),
            );
        });

        it("data-capture-input-and-output: Input only", () => {
            assert.deepStrictEqual(
                run(dataCaptureInputAndOutput, withField(baseline(), "dataCaptureConfig.captureOptions", [{ captureMode: "Input" }])),
                only(
                    'dataCaptureConfig.captureOptions captures only Input (modes: ["Input"]). Remediation: set dataCaptureConfig.captureOptions to [{captureMode: "Input"}, {captureMode: "Output"}] (or [{captureMode: "InputAndOutput"}]).',
                ),
            );
        });

        it("data-capture-input-and-output: Output only, and none", () => {
            const remediation =
                ' Remediation: set dataCaptureConfig.captureOptions to [{captureMode: "Input"}, {captureMode: "Output"}] (or [{captureMode: "InputAndOutput"}]).';
            assert.deepStrictEqual(
                run(dataCaptureInputAndOutput, withField(baseline(), "dataCaptureConfig.captureOptions", [{ captureMode: "Output" }])),
                only(`dataCaptureConfig.captureOptions captures only Output (modes: ["Output"]).${remediation}`),
            );
            assert.deepStrictEqual(
                run(dataCaptureInputAndOutput, withField(baseline(), "dataCaptureConfig.captureOptions", [])),
                only(`dataCaptureConfig.captureOptions captures neither Input nor Output (modes: []).${remediation}`),
            );
        });

        it("data-capture-input-and-output: InputAndOutput alone passes", () => {
            assert.deepStrictEqual(
                run(
                    dataCaptureInputAndOutput,
                    withField(baseline(), "dataCaptureConfig.captureOptions", [{ captureMode: "InputAndOutput" }]),
                ),
                none,
            );
        });

        it("data-capture-content-types: no content type header", () => {
            assert.deepStrictEqual(
                run(dataCaptureContentTypes, withoutField(baseline(), "dataCaptureConfig.captureContentTypeHeader")),
                only(
                    "dataCaptureConfig.captureContentTypeHeader lists no CSV or JSON content types, so SageMaker base64-encodes captured payloads and monitoring platforms cannot read them. " +
                        'Remediation: set dataCaptureConfig.captureContentTypeHeader.jsonContentTypes (e.g. ["application/json"]) or csvContentTypes (e.g. ["text/csv"]).',
                ),
            );
        });

        it("data-capture-content-types: JSON types alone pass", () => {
            assert.deepStrictEqual(
                run(dataCaptureContentTypes, withoutField(baseline(), "dataCaptureConfig.captureContentTypeHeader.csvContentTypes")),
                none,
            );
        });

        it("data-capture-kms: kmsKeyId missing", () => {
            assert.deepStrictEqual(
                run(dataCaptureKms, withoutField(baseline(), "dataCaptureConfig.kmsKeyId")),
                only(
                    "dataCaptureConfig.kmsKeyId is not set, so captured data is not encrypted with a customer-managed KMS key. Remediation: set dataCaptureConfig.kmsKeyId to the ARN of a customer-managed KMS key.",
                ),
            );
        });

        it("data-capture-enabled: enableCapture given as a string counts as the provider converts it", () => {
            const props = (enable: unknown) => withField(baseline(), "dataCaptureConfig.enableCapture", enable);
            assert.deepStrictEqual(run(dataCaptureEnabled, props("true")), none);
            assert.deepStrictEqual(
                run(dataCaptureEnabled, props("false")),
                only(
                    'Data Capture is switched off (dataCaptureConfig.enableCapture is "false"). Remediation: set dataCaptureConfig.enableCapture to true.',
                ),
            );
            assert.deepStrictEqual(
                run(dataCaptureEnabled, props("no")),
                only(
                    'dataCaptureConfig.enableCapture is "no", not true or false, so the provider rejects it. Remediation: set dataCaptureConfig.enableCapture to true.',
                ),
            );
        });

        it("data-capture-enabled: no destinationS3Uri (the API requires one)", () => {
            assert.deepStrictEqual(
                run(dataCaptureEnabled, withoutField(baseline(), "dataCaptureConfig.destinationS3Uri")),
                only(
                    "dataCaptureConfig.destinationS3Uri is not set, so captured data has nowhere to go (the API requires it). Remediation: set dataCaptureConfig.destinationS3Uri to an s3:// location in the capture bucket.",
                ),
            );
        });

        it("a serverless endpoint config is a data-capture-enabled violation: Serverless Inference does not support Data Capture", () => {
            const serverless = withField(withoutField(baseline(), "dataCaptureConfig"), "productionVariants", [
                { variantName: "AllTraffic", modelName: "model", serverlessConfig: { memorySizeInMb: 2048, maxConcurrency: 5 } },
            ]);
            assert.deepStrictEqual(
                run(dataCaptureEnabled, serverless),
                only(
                    "productionVariants[0] is serverless (serverlessConfig), and SageMaker Serverless Inference does not support Data Capture " +
                        "(https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html#serverless-endpoints-how-it-works-exclusions). " +
                        'Remediation: deploy the model on instances (instanceType and initialInstanceCount instead of serverlessConfig), or exempt the endpoint in "data-capture-exemptions" with a reason and an expiry.',
                ),
            );
            assert.deepStrictEqual(
                [dataCaptureSampling, dataCaptureInputAndOutput, dataCaptureContentTypes, dataCaptureKms].map((policy) =>
                    run(policy, serverless),
                ),
                [1, 2, 3, 4].map(() => ({
                    kind: "notApplicable",
                    reason: "Serverless endpoint config: Serverless Inference has no Data Capture (reported by data-capture-enabled)",
                })),
            );
        });

        it("remediations name the stack-file key when the config carries the stack-path tag (both tag shapes)", () => {
            const tags =
                type === NATIVE_ENDPOINT_CONFIG
                    ? [
                          { key: "team", value: "ml" },
                          { key: STACK_PATH_TAG, value: "endpoints.2" },
                      ]
                    : { team: "ml", [STACK_PATH_TAG]: "endpoints.2" };
            const props = withField(withField(baseline(), "tags", tags), "dataCaptureConfig.initialSamplingPercentage", 50);
            const key = "sagemaker-monitoring:endpoints[2].dataCapture";
            assert.deepStrictEqual(
                run(dataCaptureSampling, props),
                only(
                    `dataCaptureConfig.initialSamplingPercentage is 50, below the required minimum of 100. Remediation: set dataCaptureConfig.initialSamplingPercentage to 100 (stack file: ${key}.samplingPercentage).`,
                ),
            );
            assert.deepStrictEqual(
                run(dataCaptureContentTypes, withoutField(props, "dataCaptureConfig.captureContentTypeHeader")),
                only(
                    "dataCaptureConfig.captureContentTypeHeader lists no CSV or JSON content types, so SageMaker base64-encodes captured payloads and monitoring platforms cannot read them. " +
                        'Remediation: set dataCaptureConfig.captureContentTypeHeader.jsonContentTypes (e.g. ["application/json"]) or csvContentTypes (e.g. ["text/csv"]) ' +
                        `(stack file: ${key}.jsonContentTypes or ${key}.csvContentTypes).`,
                ),
            );
            assert.deepStrictEqual(
                run(dataCaptureEnabled, withField(props, "dataCaptureConfig.enableCapture", false)),
                only(
                    `Data Capture is switched off (dataCaptureConfig.enableCapture is false). Remediation: set dataCaptureConfig.enableCapture to true (stack file: ${key}.enabled).`,
                ),
            );
            assert.deepStrictEqual(
                run(dataCaptureInputAndOutput, withField(props, "dataCaptureConfig.captureOptions", [{ captureMode: "Input" }])),
                only(
                    'dataCaptureConfig.captureOptions captures only Input (modes: ["Input"]). Remediation: set dataCaptureConfig.captureOptions to [{captureMode: "Input"}, {captureMode: "Output"}] (or [{captureMode: "InputAndOutput"}]) ' +
                        `(stack file: ${key}.captureModes).`,
                ),
            );
        });
    });
}

describe("data capture rules during preview (unknown values)", () => {
    it("an unknown sampling percentage is not a violation: the engine reports it as 'can't run during preview'", () => {
        assert.deepStrictEqual(
            runResourcePolicy(dataCaptureSampling, {
                type: NATIVE_ENDPOINT_CONFIG,
                name: "config",
                props: withUnknown(nativeEndpointConfig(), "dataCaptureConfig.initialSamplingPercentage"),
            }),
            { kind: "unknown", message: "string value at .dataCaptureConfig.initialSamplingPercentage can't be known during preview" },
        );
    });

    it("an unknown field a rule does not read (the model name) leaves every capture rule able to run", () => {
        const props = withUnknown(nativeEndpointConfig(), "productionVariants[0].modelName");
        assert.deepStrictEqual(
            captureRules.map((policy) => runResourcePolicy(policy, { type: NATIVE_ENDPOINT_CONFIG, name: "config", props })),
            captureRules.map(() => none),
        );
    });

    it("an unknown destination bucket does not stop the sampling rule from failing a 50 % config", () => {
        const props = withField(
            withUnknown(nativeEndpointConfig(), "dataCaptureConfig.destinationS3Uri"),
            "dataCaptureConfig.initialSamplingPercentage",
            50,
        );
        assert.deepStrictEqual(
            runResourcePolicy(dataCaptureSampling, { type: NATIVE_ENDPOINT_CONFIG, name: "config", props }),
            onlyFor("realtime-config")(
                "dataCaptureConfig.initialSamplingPercentage is 50, below the required minimum of 100. Remediation: set dataCaptureConfig.initialSamplingPercentage to 100.",
            ),
        );
    });

    it("a capture key created in the same stack (unknown until deployment) counts as set: data-capture-kms runs and passes", () => {
        const props = withUnknown(nativeEndpointConfig(), "dataCaptureConfig.kmsKeyId");
        assert.deepStrictEqual(runResourcePolicy(dataCaptureKms, { type: NATIVE_ENDPOINT_CONFIG, name: "config", props }), none);
    });
});

describe("data capture rules on other resource types", () => {
    it("are not applicable, naming both endpoint-config types", () => {
        assert.deepStrictEqual(runResourcePolicy(dataCaptureEnabled, { type: "aws:s3/bucket:Bucket", name: "b", props: {} }), {
            kind: "notApplicable",
            reason: "Policy only applies to resources of type aws-native:sagemaker:EndpointConfig, aws:sagemaker/endpointConfiguration:EndpointConfiguration",
        });
    });
});
