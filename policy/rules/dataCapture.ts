/**
 * Data Capture rules. No other policy tool checks Data Capture, and a pull request must not be
 * able to sample below 100 %, drop input or output, or leave payloads base64-encoded.
 * Mandatory by default. Each rule except data-capture-enabled is not applicable when the config
 * has no dataCaptureConfig at all: data-capture-enabled reports that once.
 */
import type { ResourceValidationArgs } from "@pulumi/policy";
import { DataCaptureShape, EndpointConfigShape } from "../resourceShapes";
import { defineRuleConfig, integerInRange, readRuleConfig } from "../ruleConfig";
import { PackResourcePolicy, RuleDefinition, show, validateInstanceEndpointConfig, violation } from "./ruleKit";

const FULL_CAPTURE_REMEDIATION =
    "set dataCaptureConfig with enableCapture: true, initialSamplingPercentage: 100, destinationS3Uri, " +
    'captureOptions [{captureMode: "Input"}, {captureMode: "Output"}], captureContentTypeHeader and kmsKeyId.';

/** The capture block, or stops the rule as not applicable when there is none. */
function requireCapture(config: EndpointConfigShape, args: ResourceValidationArgs): DataCaptureShape {
    const capture = config.dataCapture;
    if (!capture) {
        return args.notApplicable("No dataCaptureConfig (reported by data-capture-enabled)");
    }
    return capture;
}

export const dataCaptureEnabled: PackResourcePolicy = {
    name: "data-capture-enabled",
    description: "SageMaker endpoint configs must enable Data Capture.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: FULL_CAPTURE_REMEDIATION,
    validateResource: validateInstanceEndpointConfig((config, _args, reportViolation) => {
        const capture = config.dataCapture;
        if (!capture) {
            reportViolation(violation("Data Capture is not configured (dataCaptureConfig is missing).", FULL_CAPTURE_REMEDIATION));
        } else if (capture.enableCapture === false) {
            reportViolation(
                violation(
                    "Data Capture is switched off (dataCaptureConfig.enableCapture is false).",
                    "set dataCaptureConfig.enableCapture to true.",
                ),
            );
        }
    }),
};

export const samplingConfig = defineRuleConfig({
    minimumSamplingPercentage: integerInRange(0, 100, 100, "Lowest allowed dataCaptureConfig.initialSamplingPercentage."),
});

export const dataCaptureSampling: PackResourcePolicy = {
    name: "data-capture-sampling-100",
    description: "Data Capture must sample at least the configured percentage of requests (default 100 %).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Set dataCaptureConfig.initialSamplingPercentage to 100 (or at least the pack's minimumSamplingPercentage).",
    configSchema: samplingConfig.configSchema,
    validateResource: validateInstanceEndpointConfig((config, args, reportViolation) => {
        const capture = requireCapture(config, args);
        const { minimumSamplingPercentage: minimum } = readRuleConfig(dataCaptureSampling.name, samplingConfig, args.getConfig());
        const sampling = capture.initialSamplingPercentage;
        if (typeof sampling !== "number" || sampling < minimum) {
            const fix = minimum === 100 ? "to 100" : `to a value from ${minimum} to 100`;
            const problem =
                typeof sampling === "number"
                    ? `dataCaptureConfig.initialSamplingPercentage is ${sampling}, below the required minimum of ${minimum}.`
                    : `dataCaptureConfig.initialSamplingPercentage is ${show(sampling)}; it must be a number of at least ${minimum}.`;
            reportViolation(violation(problem, `set dataCaptureConfig.initialSamplingPercentage ${fix}.`));
        }
    }),
};

const INPUT_AND_OUTPUT_REMEDIATION =
    'set dataCaptureConfig.captureOptions to [{captureMode: "Input"}, {captureMode: "Output"}] (or [{captureMode: "InputAndOutput"}]).';

export const dataCaptureInputAndOutput: PackResourcePolicy = {
    name: "data-capture-input-and-output",
    description: "Data Capture must capture both the request (Input) and the response (Output).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: INPUT_AND_OUTPUT_REMEDIATION,
    validateResource: validateInstanceEndpointConfig((config, args, reportViolation) => {
        const modes = requireCapture(config, args).captureModes;
        const input = modes.includes("Input") || modes.includes("InputAndOutput");
        const output = modes.includes("Output") || modes.includes("InputAndOutput");
        if (input && output) {
            return;
        }
        const captured = input ? "only Input" : output ? "only Output" : "neither Input nor Output";
        reportViolation(
            violation(`dataCaptureConfig.captureOptions captures ${captured} (modes: ${show(modes)}).`, INPUT_AND_OUTPUT_REMEDIATION),
        );
    }),
};

const CONTENT_TYPES_REMEDIATION =
    'set dataCaptureConfig.captureContentTypeHeader.jsonContentTypes (e.g. ["application/json"]) or csvContentTypes (e.g. ["text/csv"]).';

export const dataCaptureContentTypes: PackResourcePolicy = {
    name: "data-capture-content-types",
    description: "Data Capture must declare CSV or JSON content types, otherwise SageMaker base64-encodes captured payloads.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: CONTENT_TYPES_REMEDIATION,
    validateResource: validateInstanceEndpointConfig((config, args, reportViolation) => {
        const capture = requireCapture(config, args);
        if (capture.csvContentTypes.length === 0 && capture.jsonContentTypes.length === 0) {
            reportViolation(
                violation(
                    "dataCaptureConfig.captureContentTypeHeader lists no CSV or JSON content types, so SageMaker base64-encodes captured payloads and monitoring platforms cannot read them.",
                    CONTENT_TYPES_REMEDIATION,
                ),
            );
        }
    }),
};

const CAPTURE_KMS_REMEDIATION = "set dataCaptureConfig.kmsKeyId to the ARN of a customer-managed KMS key.";

export const dataCaptureKms: PackResourcePolicy = {
    name: "data-capture-kms",
    description: "Captured inference data must be encrypted with a customer-managed KMS key.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: CAPTURE_KMS_REMEDIATION,
    validateResource: validateInstanceEndpointConfig((config, args, reportViolation) => {
        if (!requireCapture(config, args).hasKmsKey) {
            reportViolation(
                violation(
                    "dataCaptureConfig.kmsKeyId is not set, so captured data is not encrypted with a customer-managed KMS key.",
                    CAPTURE_KMS_REMEDIATION,
                ),
            );
        }
    }),
};

export const dataCaptureRules: RuleDefinition[] = [
    { policy: dataCaptureEnabled },
    { policy: dataCaptureSampling, config: samplingConfig },
    { policy: dataCaptureInputAndOutput },
    { policy: dataCaptureContentTypes },
    { policy: dataCaptureKms },
];
