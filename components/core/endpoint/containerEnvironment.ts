import { ContainerMetadata, METADATA_ENVIRONMENT } from "../../../domain/containerMetadata";
import { CONTAINER_ENVIRONMENT } from "../../../domain/sageMakerLimits";

/** The prefix of the metadata variables (domain/containerMetadata.ts); user variables may not use it. */
export const RESERVED_ENVIRONMENT_PREFIX = "SAGEMAKER_MONITORING_";

/** Tags as one JSON value with sorted keys, so the same tags always give the same environment. */
export function encodeTags(tags: Record<string, string>): string {
    return JSON.stringify(
        Object.fromEntries(
            Object.keys(tags)
                .sort()
                .map((k) => [k, tags[k]]),
        ),
    );
}

export function buildContainerEnvironment(userEnvironment: Record<string, string>, metadata: ContainerMetadata): Record<string, string> {
    return {
        ...userEnvironment,
        [METADATA_ENVIRONMENT.endpointName]: metadata.endpointName,
        [METADATA_ENVIRONMENT.variantName]: metadata.variantName,
        [METADATA_ENVIRONMENT.stack]: metadata.stack,
        [METADATA_ENVIRONMENT.tags]: encodeTags(metadata.tags),
    };
}

/** Problems with a user's environment map, keyed by variable name ("" for the map itself). */
export function environmentProblems(environment: unknown): { key: string; reason: string }[] {
    if (environment === undefined) {
        return [];
    }
    if (environment === null || typeof environment !== "object" || Array.isArray(environment)) {
        return [{ key: "", reason: "must be a map of variable names to string values" }];
    }
    const entries = Object.entries(environment as Record<string, unknown>);
    const problems: { key: string; reason: string }[] = [];
    const room = CONTAINER_ENVIRONMENT.maxEntries - Object.keys(METADATA_ENVIRONMENT).length;
    if (entries.length > room) {
        problems.push({
            key: "",
            reason: `must have at most ${room} variables (SageMaker allows ${CONTAINER_ENVIRONMENT.maxEntries}; ${Object.keys(METADATA_ENVIRONMENT).length} carry endpoint metadata) (got ${entries.length})`,
        });
    }
    for (const [key, value] of entries) {
        if (!CONTAINER_ENVIRONMENT.keyPattern.test(key) || key.length > CONTAINER_ENVIRONMENT.maxKeyLength) {
            problems.push({
                key,
                reason: `variable name must match ${CONTAINER_ENVIRONMENT.keyPattern.source} and be at most ${CONTAINER_ENVIRONMENT.maxKeyLength} characters`,
            });
        } else if (key.startsWith(RESERVED_ENVIRONMENT_PREFIX)) {
            problems.push({
                key,
                reason: `variable names starting with ${RESERVED_ENVIRONMENT_PREFIX} are reserved for endpoint metadata (${Object.values(METADATA_ENVIRONMENT).join(", ")})`,
            });
        }
        if (typeof value !== "string" || value.length > CONTAINER_ENVIRONMENT.maxValueLength) {
            problems.push({
                key,
                reason: `value must be a string of at most ${CONTAINER_ENVIRONMENT.maxValueLength} characters (got ${typeof value === "string" ? `${value.length} characters` : JSON.stringify(value)})`,
            });
        }
    }
    return problems;
}
