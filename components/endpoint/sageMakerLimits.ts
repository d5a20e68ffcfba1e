/** SageMaker facts that validation and builders share (DESIGN.md §2 and §6). One place, never copied. */

/** Valid `MetricsConfig.MetricPublishFrequencyInSeconds` values. */
export const METRIC_PUBLISH_FREQUENCIES = [10, 30, 60, 120, 180, 240, 300] as const;
export type MetricPublishFrequency = (typeof METRIC_PUBLISH_FREQUENCIES)[number];

export const CAPTURE_MODES = ["Input", "Output", "InputAndOutput"] as const;
export type CaptureMode = (typeof CAPTURE_MODES)[number];

export const CONTENT_TYPE_LIST = { minItems: 1, maxItems: 10, maxLength: 256 } as const;

/** ContainerDefinition.Environment: at most 100 entries, keys and values at most 1024 characters. */
export const CONTAINER_ENVIRONMENT = { maxEntries: 100, maxKeyLength: 1024, maxValueLength: 1024, keyPattern: /^[a-zA-Z_][a-zA-Z0-9_]*$/ } as const;

/** Endpoint names leave room for the `-<8 hex>` content hash that names models and endpoint configs. */
export const PHYSICAL_NAME_HASH_LENGTH = 8;
export const MAX_ENDPOINT_NAME_LENGTH = 63 - 1 - PHYSICAL_NAME_HASH_LENGTH;

/**
 * Instance families whose ML storage is NVMe instance store. AWS rejects a volume `KmsKeyId`
 * on them (instance storage is always encrypted with a hardware key), so none is set.
 */
export const INSTANCE_STORE_FAMILIES = [
    "c5d", "c6id", "g4dn", "g5", "g6", "g6e", "gr6", "m5d", "m6id", "p3dn", "p4d", "p4de", "p5", "p5e", "p5en", "r5d", "r6id", "trn1", "trn1n",
] as const;

/** Families with NVIDIA GPUs, for GPU metrics and alarms. */
export const GPU_INSTANCE_FAMILY_PREFIXES = ["g", "p"] as const;

const INSTANCE_TYPE = /^ml\.([a-z0-9]+)\.([a-z0-9]+)$/;

export function instanceFamily(instanceType: string): string | undefined {
    return INSTANCE_TYPE.exec(instanceType)?.[1];
}

export function isInstanceType(value: unknown): value is string {
    return typeof value === "string" && INSTANCE_TYPE.test(value);
}

export function usesInstanceStore(instanceType: string): boolean {
    const family = instanceFamily(instanceType);
    return family !== undefined && (INSTANCE_STORE_FAMILIES as readonly string[]).includes(family);
}

/** Variant names share the endpoint name rules. */
export const DEFAULT_VARIANT_NAME = "AllTraffic";
