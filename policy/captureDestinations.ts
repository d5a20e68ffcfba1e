/**
 * Which buckets of the stack SageMaker writes to: Data Capture destinations and async inference
 * output/failure locations, by the endpoint-config property that names them. Shared by the
 * capture-bucket and forwarder rules.
 */
import { bucketIdentities, endpointConfigShape } from "./resourceShapes";
import { BUCKET_TYPES, ENDPOINT_CONFIG_TYPES } from "./resourceTypes";
import { bucketNameOfS3Uri } from "../domain/s3Location";
import { dependenciesOf, resourcesOfType, StackResource } from "./stackModel";
import { checkEach } from "./previewSafe";

/** An endpoint-config property that names buckets SageMaker writes to, and how to read the URIs inside it. */
export interface DestinationProperty {
    readonly property: "dataCaptureConfig" | "asyncInferenceConfig";
    readonly uris: (resource: StackResource) => (string | undefined)[];
}

export const DATA_CAPTURE_DESTINATION: DestinationProperty = {
    property: "dataCaptureConfig",
    uris: (r) => [endpointConfigShape(r.type, r.props)!.dataCapture?.destinationS3Uri],
};

export const ASYNC_OUTPUT_DESTINATION: DestinationProperty = {
    property: "asyncInferenceConfig",
    uris: (r) => {
        const async = endpointConfigShape(r.type, r.props)!.asyncInference;
        return [async?.s3OutputPath, async?.s3FailurePath];
    },
};

/**
 * Bucket URN -> the endpoint-config properties that write to it ("churn-dev-config
 * dataCaptureConfig"). A property's bucket comes from its propertyDependencies when it has any
 * (known at preview, while a new bucket's name may not be), else from the bucket names in its
 * URIs (`s3://` or `https://` form).
 */
export function destinationBuckets(
    resources: readonly StackResource[],
    properties: readonly DestinationProperty[],
): Map<string, Set<string>> {
    const buckets = resourcesOfType(resources, BUCKET_TYPES);
    const writers = new Map<string, Set<string>>();
    const add = (bucket: StackResource, writer: string) => writers.set(bucket.urn, (writers.get(bucket.urn) ?? new Set()).add(writer));
    checkEach(resourcesOfType(resources, ENDPOINT_CONFIG_TYPES), (config) => {
        for (const { property, uris } of properties) {
            const writer = `${config.name} ${property}`;
            const dependencies = dependenciesOf(config, property, BUCKET_TYPES);
            if (dependencies.length > 0) {
                dependencies.forEach((bucket) => add(bucket, writer));
                continue;
            }
            const names = uris(config)
                .map((uri) => (uri === undefined ? undefined : bucketNameOfS3Uri(uri)))
                .filter((name): name is string => name !== undefined);
            if (names.length > 0) {
                buckets
                    .filter((bucket) => bucketIdentities(bucket.props).some((identity) => names.includes(identity)))
                    .forEach((bucket) => add(bucket, writer));
            }
        }
    });
    return writers;
}
