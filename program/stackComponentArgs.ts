import { CaptureBucketArgs } from "../components/captureBucket/CaptureBucket";
import { CaptureDatasetArgs } from "../components/captureDataset/captureDatasetArgs";
import { DatasetStorage } from "../components/captureDataset/datasetStorage";
import { CaptureDestination, EndpointNetworkArgs as EndpointPlacement } from "../components/core/endpoint/endpointArgs";
import { EndpointNetworkArgs } from "../components/endpointNetwork/EndpointNetwork";
import { datasetEndpointSchemas, defaultDatabaseName } from "./datasetEntries";
import { StackConfig } from "./schema";

/**
 * Pure builders of the stack's shared components' arguments from a validated stack config;
 * program/declareStack.ts declares the components with them.
 */

/** The capture bucket's arguments: the dataset's prefix and lifecycle only when a forwarder writes it. */
export function captureBucketArgs(config: StackConfig, withDataset: boolean): CaptureBucketArgs {
    const { athenaWorkgroup: _workgroup, connectors: _connectors, databaseName: _databaseName, ...datasetStorage } = config.dataset;
    return {
        ...config.captureBucket,
        endpointNames: config.endpoints.map((e) => e.name),
        // Only with a dataset: a stack without one keeps the bucket's lifecycle as it was.
        ...(withDataset ? { dataset: datasetStorage } : {}),
        tags: config.tags,
    };
}

/** The capture dataset's arguments, in the capture bucket's `storage`; the database is named after the project and stack by default. */
export function captureDatasetArgs(
    config: StackConfig,
    storage: DatasetStorage,
    stack: { project: string; stack: string },
): CaptureDatasetArgs {
    const { athenaWorkgroup, connectors, databaseName } = config.dataset;
    return {
        storage,
        endpoints: datasetEndpointSchemas(config),
        databaseName: databaseName ?? defaultDatabaseName(stack.project, stack.stack),
        athenaWorkgroup,
        connectors,
        tags: config.tags,
    };
}

/** The endpoint network's arguments, or undefined on the public SageMaker network (`mode: none`). */
export function endpointNetworkArgs(config: StackConfig): EndpointNetworkArgs | undefined {
    const network = config.network;
    if (network.mode === "none") {
        return undefined;
    }
    return network.mode === "create" ? { ...network, tags: config.tags } : network;
}

/** What the stack gives every endpoint: where capture goes, and the network it runs in. */
export interface EndpointWiring {
    captureDestination: CaptureDestination;
    network: EndpointPlacement | undefined;
}
