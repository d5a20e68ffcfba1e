/**
 * Data Capture rules on endpoint configs. No other policy tool checks Data Capture, and a pull
 * request must not be able to sample below 100 %, drop input or output, leave payloads
 * base64-encoded or unencrypted, or ship a serverless endpoint (Serverless Inference has no Data
 * Capture). These are mandatory capture rules (mandatoryCapture.ts): no pack config can weaken
 * them; an endpoint is let off one of them only by an exemption with a reason and an expiry.
 * Each rule except data-capture-enabled is not applicable when the config has no
 * dataCaptureConfig or is serverless: data-capture-enabled reports that once.
 */
import { defineRuleConfig, integerFixedAt } from "../ruleConfig";
import {
    CAPTURE_KMS_REMEDIATION,
    checkCaptureEnabled,
    checkCaptureKms,
    checkContentTypes,
    checkInputAndOutput,
    checkSampling,
    CONTENT_TYPES_REMEDIATION,
    FULL_CAPTURE_REMEDIATION,
    INPUT_AND_OUTPUT_REMEDIATION,
    REQUIRED_SAMPLING_PERCENTAGE,
    SERVERLESS_EXCLUSIONS_URL,
} from "./captureChecks";
import { mandatoryEndpointConfigRule } from "./exemptionKit";
import { RuleDefinition } from "./ruleKit";

export const dataCaptureEnabled = mandatoryEndpointConfigRule(
    {
        name: "data-capture-enabled",
        description: `SageMaker endpoint configs must enable Data Capture to a destination; serverless variants cannot (Serverless Inference does not support Data Capture: ${SERVERLESS_EXCLUSIONS_URL}).`,
        severity: "critical",
        remediationSteps: `${FULL_CAPTURE_REMEDIATION} Use instance-based variants: Serverless Inference does not support Data Capture (${SERVERLESS_EXCLUSIONS_URL}).`,
    },
    checkCaptureEnabled,
);

const samplingConfig = defineRuleConfig({
    minimumSamplingPercentage: integerFixedAt(
        REQUIRED_SAMPLING_PERCENTAGE,
        "Fixed at 100: data-capture-sampling-100 is a mandatory capture rule. Accepted only so existing configs that spell out 100 stay valid.",
        (got) =>
            `cannot be lowered below ${REQUIRED_SAMPLING_PERCENTAGE} (got ${got}): data-capture-sampling-100 is a mandatory capture rule; ` +
            `exempt a single endpoint in "data-capture-exemptions" (with a reason and an expiry) instead`,
    ),
});

export const dataCaptureSampling = {
    ...mandatoryEndpointConfigRule(
        {
            name: "data-capture-sampling-100",
            description: "Data Capture must sample 100 % of requests.",
            severity: "high",
            remediationSteps: "Set dataCaptureConfig.initialSamplingPercentage to 100.",
        },
        checkSampling,
    ),
    configSchema: samplingConfig.configSchema,
};

export const dataCaptureInputAndOutput = mandatoryEndpointConfigRule(
    {
        name: "data-capture-input-and-output",
        description: "Data Capture must capture both the request (Input) and the response (Output).",
        severity: "high",
        remediationSteps: INPUT_AND_OUTPUT_REMEDIATION,
    },
    checkInputAndOutput,
);

export const dataCaptureContentTypes = mandatoryEndpointConfigRule(
    {
        name: "data-capture-content-types",
        description: "Data Capture must declare CSV or JSON content types, otherwise SageMaker base64-encodes captured payloads.",
        severity: "medium",
        remediationSteps: CONTENT_TYPES_REMEDIATION,
    },
    checkContentTypes,
);

export const dataCaptureKms = mandatoryEndpointConfigRule(
    {
        name: "data-capture-kms",
        description: "Captured inference data must be encrypted with a customer-managed KMS key.",
        severity: "high",
        remediationSteps: CAPTURE_KMS_REMEDIATION,
    },
    checkCaptureKms,
);

/** The checks of the endpoint-config rules above, by rule name (for the exemptions report). */
export const ENDPOINT_CONFIG_CAPTURE_CHECKS = {
    [dataCaptureEnabled.name]: checkCaptureEnabled,
    [dataCaptureSampling.name]: checkSampling,
    [dataCaptureInputAndOutput.name]: checkInputAndOutput,
    [dataCaptureContentTypes.name]: checkContentTypes,
    [dataCaptureKms.name]: checkCaptureKms,
};

export const dataCaptureRules: RuleDefinition[] = [
    { policy: dataCaptureEnabled },
    { policy: dataCaptureSampling, config: samplingConfig },
    { policy: dataCaptureInputAndOutput },
    { policy: dataCaptureContentTypes },
    { policy: dataCaptureKms },
];
