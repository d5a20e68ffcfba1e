/**
 * Instance-type knowledge the rules and the components need. Every list lives here, once:
 * components/endpoint/sageMakerLimits.ts re-exports these functions, so the volume key a
 * component sets and the key endpoint-config-kms expects can never disagree.
 */

/**
 * Family prefixes treated as GPU endpoints: every `g*` (g4dn, g5, g5g, g6, g6e, gr6, ...) and
 * every `p*` (p3, p4d, p4de, p5, p5e, p5en, ...) family.
 */
export const GPU_INSTANCE_FAMILY_PREFIXES = ["g", "p"] as const;

/** The same prefixes on full instance types ("ml.g", "ml.p"). */
export const GPU_INSTANCE_TYPE_PREFIXES: readonly string[] = GPU_INSTANCE_FAMILY_PREFIXES.map((family) => `ml.${family}`);

/**
 * Families that always come with local NVMe instance storage, even without the `d` letter in
 * their name. AWS rejects CreateEndpointConfig with a volume `KmsKeyId` if any variant uses an
 * instance type with local storage ("Certain Nitro-based instances include local storage ...
 * You can't request a KmsKeyId when using an instance type with local storage"), because that
 * storage is encrypted by a hardware module on the instance.
 */
const ALWAYS_LOCAL_NVME_FAMILIES: readonly string[] = ["g5", "g6", "g6e", "g6f", "gr6", "p5", "p5e", "p5en", "p6-b200", "trn1", "trn1n"];

/** `ml.<family>.<size>`: family letters, generation digits, then attribute letters. */
const FAMILY_RE = /^ml\.(([a-z]+)(\d+)([a-z-]*)[a-z0-9-]*)\./;

/** A whole SageMaker instance type: `ml.<family>.<size>`, families like `m5`, `g4dn`, `p6-b200`. */
export const INSTANCE_TYPE_PATTERN = /^ml\.[a-z]+\d+[a-z0-9-]*\.[a-z0-9]+$/;

export function isInstanceType(value: unknown): value is string {
    return typeof value === "string" && INSTANCE_TYPE_PATTERN.test(value);
}

/** Why a value is not an instance type: the stack file, the components and the policy pack's config say it alike. */
export function instanceTypeReason(value: unknown): string {
    return `must be a SageMaker instance type "ml.<family>.<size>", e.g. "ml.m5.large" or "ml.g5.xlarge" (got ${JSON.stringify(value)})`;
}

/** The family part of an instance type ("ml.g4dn.xlarge" -> "g4dn"), or undefined. */
export function instanceFamily(instanceType: string): string | undefined {
    return FAMILY_RE.exec(instanceType)?.[1];
}

export function isGpuInstanceType(instanceType: string): boolean {
    return GPU_INSTANCE_TYPE_PREFIXES.some((prefix) => instanceType.startsWith(prefix));
}

/**
 * True when the instance type has local NVMe instance storage: EC2's `d` attribute letter
 * (m5d, c5d, r5d, g4dn, g4ad, p3dn, p4d, p4de, c6gd, m6id, ...) or a family in
 * {@link ALWAYS_LOCAL_NVME_FAMILIES}.
 */
export function hasLocalNvmeStorage(instanceType: string): boolean {
    const match = FAMILY_RE.exec(instanceType);
    if (!match) {
        return false;
    }
    const [, family, , , attributes] = match;
    return attributes.includes("d") || ALWAYS_LOCAL_NVME_FAMILIES.includes(family);
}

/**
 * vCPUs of an instance type from its size, by EC2's naming convention: `large` has 2, `xlarge` 4,
 * `<n>xlarge` 4 x n; `medium` has 2 on the burstable t families and 1 elsewhere. Undefined for any
 * other size. CloudWatch's CPUUtilization sums every vCPU (0-100 each), so a percent of the whole
 * instance is multiplied by this.
 */
export function vcpuCount(instanceType: string): number | undefined {
    const size = /\.([a-z0-9]+)$/.exec(instanceType)?.[1];
    const family = instanceFamily(instanceType);
    if (size === undefined || family === undefined) {
        return undefined;
    }
    if (size === "medium") {
        return family.startsWith("t") ? 2 : 1;
    }
    if (size === "large") {
        return 2;
    }
    const multiple = /^(\d*)xlarge$/.exec(size);
    return multiple === null ? undefined : 4 * (multiple[1] === "" ? 1 : Number(multiple[1]));
}
