/**
 * Endpoint metadata the endpoint components hand each container as environment variables, so code
 * inside it never calls DescribeEndpoint or DescribeEndpointConfig (nor needs the IAM rights to) to
 * learn where it runs. The components write them (components/core/endpoint/containerEnvironment.ts);
 * a container reads them with `readContainerMetadata` (examples/container/).
 */
export const METADATA_ENVIRONMENT = {
    endpointName: "SAGEMAKER_MONITORING_ENDPOINT_NAME",
    variantName: "SAGEMAKER_MONITORING_VARIANT_NAME",
    stack: "SAGEMAKER_MONITORING_STACK",
    /** The endpoint's tags as one JSON object with sorted keys. */
    tags: "SAGEMAKER_MONITORING_ENDPOINT_TAGS",
} as const;

export interface ContainerMetadata {
    endpointName: string;
    variantName: string;
    stack: string;
    tags: Record<string, string>;
}

/**
 * The metadata from a container's environment; a variable that is missing (the container runs
 * outside an endpoint these components declared) reads as "" and its tags as {}.
 */
export function readContainerMetadata(env: Readonly<Record<string, string | undefined>>): ContainerMetadata {
    let tags: Record<string, string> = {};
    try {
        const parsed: unknown = JSON.parse(env[METADATA_ENVIRONMENT.tags] ?? "{}");
        if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) tags = parsed as Record<string, string>;
    } catch {
        // Not JSON: not written by the components; no tags.
    }
    return {
        endpointName: env[METADATA_ENVIRONMENT.endpointName] ?? "",
        variantName: env[METADATA_ENVIRONMENT.variantName] ?? "",
        stack: env[METADATA_ENVIRONMENT.stack] ?? "",
        tags,
    };
}
