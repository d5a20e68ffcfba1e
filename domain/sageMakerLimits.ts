/** SageMaker facts that validation and builders share (docs/ARCHITECTURE.md, "Decisions" and "AWS limits"). One place, never copied. */
import { METRIC_PUBLISH_FREQUENCIES } from "./sageMakerMetrics";

// Facts the policy pack checks too live in the pack's pure modules; re-exported here under the
// names the components use, so a component and the pack can never disagree.
export { METRIC_PUBLISH_FREQUENCIES } from "./sageMakerMetrics";
export { GPU_INSTANCE_FAMILY_PREFIXES, instanceFamily, isInstanceType, hasLocalNvmeStorage as usesInstanceStore } from "./instanceTypes";

export type MetricPublishFrequency = (typeof METRIC_PUBLISH_FREQUENCIES)[number];

export const CAPTURE_MODES = ["Input", "Output", "InputAndOutput"] as const;
export type CaptureMode = (typeof CAPTURE_MODES)[number];

export const CONTENT_TYPE_LIST = { minItems: 1, maxItems: 10, maxLength: 256 } as const;

/** Data Capture: InitialSamplingPercentage, and how many capture modes a config lists. */
export const DATA_CAPTURE_LIMITS = { samplingPercentage: { min: 0, max: 100 }, maxCaptureModes: 2 } as const;

/** Production variants per endpoint config, and each variant's instance count and traffic weight. */
export const VARIANT_LIMITS = { maxVariants: 10, minInstanceCount: 1, weight: { min: 0, max: 1000 } } as const;

/** ContainerDefinition.Environment: at most 100 entries, keys and values at most 1024 characters. */
export const CONTAINER_ENVIRONMENT = {
    maxEntries: 100,
    maxKeyLength: 1024,
    maxValueLength: 1024,
    keyPattern: /^[a-zA-Z_][a-zA-Z0-9_]*$/,
} as const;

/** Endpoint names leave room for the `-<8 hex>` content hash that names models and endpoint configs. */
export const PHYSICAL_NAME_HASH_LENGTH = 8;
export const MAX_ENDPOINT_NAME_LENGTH = 63 - 1 - PHYSICAL_NAME_HASH_LENGTH;

/** Variant names share the endpoint name rules. */
export const DEFAULT_VARIANT_NAME = "AllTraffic";
