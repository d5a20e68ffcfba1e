/**
 * What each mandatory capture rule finds on one endpoint config, as full messages (without the
 * subject prefix). The rules (dataCapture.ts) report these unless the endpoint is exempted; the
 * data-capture-exemptions policy reports the exempted ones, as advisory, with the same words.
 */
import { allVariants, DataCaptureShape, EndpointConfigShape } from "../resourceShapes";
import { StackFileKeys } from "../stackFileKeys";
import { providerBoolean, providerNumber } from "../../domain/providerValues";
import { show, violation } from "./ruleKit";

/** AWS: "Some of the features currently available for SageMaker Real-time Inference are not supported for Serverless Inference, including ... data capture". */
export const SERVERLESS_EXCLUSIONS_URL =
    "https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html#serverless-endpoints-how-it-works-exclusions";

/** The messages a rule reports for one endpoint config, or why it does not apply. */
type CaptureCheckResult = string[] | { notApplicable: string };

export type EndpointConfigCaptureCheck = (config: EndpointConfigShape, stackFile: StackFileKeys) => CaptureCheckResult;

const EXEMPT_HINT = 'or exempt the endpoint in "data-capture-exemptions" with a reason and an expiry.';

export const FULL_CAPTURE_REMEDIATION =
    "set dataCaptureConfig with enableCapture: true, initialSamplingPercentage: 100, destinationS3Uri, " +
    'captureOptions [{captureMode: "Input"}, {captureMode: "Output"}], captureContentTypeHeader and kmsKeyId.';

/** The variant paths of a config that run on Serverless Inference. */
function serverlessVariantPaths(config: EndpointConfigShape): string[] {
    return allVariants(config)
        .filter((variant) => variant.serverless)
        .map((variant) => variant.path);
}

/** The capture block, or why a rule other than data-capture-enabled does not apply (data-capture-enabled reports it). */
function captureOf(config: EndpointConfigShape): DataCaptureShape | { notApplicable: string } {
    if (serverlessVariantPaths(config).length > 0) {
        return { notApplicable: "Serverless endpoint config: Serverless Inference has no Data Capture (reported by data-capture-enabled)" };
    }
    return config.dataCapture ?? { notApplicable: "No dataCaptureConfig (reported by data-capture-enabled)" };
}

export const checkCaptureEnabled: EndpointConfigCaptureCheck = (config, stackFile) => {
    const serverless = serverlessVariantPaths(config);
    if (serverless.length > 0) {
        return [
            violation(
                `${serverless.join(", ")} ${serverless.length === 1 ? "is" : "are"} serverless (serverlessConfig), and SageMaker Serverless Inference does not support Data Capture (${SERVERLESS_EXCLUSIONS_URL}).`,
                `deploy the model on instances (instanceType and initialInstanceCount instead of serverlessConfig), ${EXEMPT_HINT}`,
            ),
        ];
    }
    const capture = config.dataCapture;
    if (!capture) {
        return [violation("Data Capture is not configured (dataCaptureConfig is missing).", FULL_CAPTURE_REMEDIATION)];
    }
    const messages: string[] = [];
    const enable = capture.enableCapture;
    // Omitted means enabled (the API default); strings count as the provider converts them.
    if (enable !== undefined && providerBoolean(enable) !== true) {
        const problem =
            providerBoolean(enable) === false
                ? `Data Capture is switched off (dataCaptureConfig.enableCapture is ${show(enable)}).`
                : `dataCaptureConfig.enableCapture is ${show(enable)}, not true or false, so the provider rejects it.`;
        messages.push(violation(problem, "set dataCaptureConfig.enableCapture to true.", stackFile(["dataCapture.enabled"])));
    }
    if (!capture.hasDestinationS3Uri) {
        messages.push(
            violation(
                "dataCaptureConfig.destinationS3Uri is not set, so captured data has nowhere to go (the API requires it).",
                "set dataCaptureConfig.destinationS3Uri to an s3:// location in the capture bucket.",
            ),
        );
    }
    return messages;
};

export const REQUIRED_SAMPLING_PERCENTAGE = 100;

export const checkSampling: EndpointConfigCaptureCheck = (config, stackFile) => {
    const capture = captureOf(config);
    if ("notApplicable" in capture) {
        return capture;
    }
    const sampling = capture.initialSamplingPercentage;
    const value = providerNumber(sampling);
    if (value !== undefined && value >= REQUIRED_SAMPLING_PERCENTAGE) {
        return [];
    }
    const problem =
        value === undefined
            ? `dataCaptureConfig.initialSamplingPercentage is ${show(sampling)}; it must be a number of at least ${REQUIRED_SAMPLING_PERCENTAGE}.`
            : `dataCaptureConfig.initialSamplingPercentage is ${show(sampling)}, below the required minimum of ${REQUIRED_SAMPLING_PERCENTAGE}.`;
    return [
        violation(
            problem,
            `set dataCaptureConfig.initialSamplingPercentage to ${REQUIRED_SAMPLING_PERCENTAGE}.`,
            stackFile(["dataCapture.samplingPercentage"]),
        ),
    ];
};

export const INPUT_AND_OUTPUT_REMEDIATION =
    'set dataCaptureConfig.captureOptions to [{captureMode: "Input"}, {captureMode: "Output"}] (or [{captureMode: "InputAndOutput"}]).';

export const checkInputAndOutput: EndpointConfigCaptureCheck = (config, stackFile) => {
    const capture = captureOf(config);
    if ("notApplicable" in capture) {
        return capture;
    }
    const modes = capture.captureModes;
    const input = modes.includes("Input") || modes.includes("InputAndOutput");
    const output = modes.includes("Output") || modes.includes("InputAndOutput");
    if (input && output) {
        return [];
    }
    const captured = input ? "only Input" : output ? "only Output" : "neither Input nor Output";
    return [
        violation(
            `dataCaptureConfig.captureOptions captures ${captured} (modes: ${show(modes)}).`,
            INPUT_AND_OUTPUT_REMEDIATION,
            stackFile(["dataCapture.captureModes"]),
        ),
    ];
};

export const CONTENT_TYPES_REMEDIATION =
    'set dataCaptureConfig.captureContentTypeHeader.jsonContentTypes (e.g. ["application/json"]) or csvContentTypes (e.g. ["text/csv"]).';

export const checkContentTypes: EndpointConfigCaptureCheck = (config, stackFile) => {
    const capture = captureOf(config);
    if ("notApplicable" in capture) {
        return capture;
    }
    if (capture.csvContentTypes.length > 0 || capture.jsonContentTypes.length > 0) {
        return [];
    }
    return [
        violation(
            "dataCaptureConfig.captureContentTypeHeader lists no CSV or JSON content types, so SageMaker base64-encodes captured payloads and monitoring platforms cannot read them.",
            CONTENT_TYPES_REMEDIATION,
            stackFile(["dataCapture.jsonContentTypes", "dataCapture.csvContentTypes"]),
        ),
    ];
};

export const CAPTURE_KMS_REMEDIATION = "set dataCaptureConfig.kmsKeyId to the ARN of a customer-managed KMS key.";

export const checkCaptureKms: EndpointConfigCaptureCheck = (config) => {
    const capture = captureOf(config);
    if ("notApplicable" in capture) {
        return capture;
    }
    return capture.hasKmsKey
        ? []
        : [
              violation(
                  "dataCaptureConfig.kmsKeyId is not set, so captured data is not encrypted with a customer-managed KMS key.",
                  CAPTURE_KMS_REMEDIATION,
              ),
          ];
};
