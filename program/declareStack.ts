import * as pulumi from "@pulumi/pulumi";
import { AlarmNotifications } from "../components/alarmNotifications/AlarmNotifications";
import { AsyncEndpoint } from "../components/asyncEndpoint/AsyncEndpoint";
import { CaptureBucket } from "../components/captureBucket/CaptureBucket";
import { CaptureDataset } from "../components/captureDataset/CaptureDataset";
import { writesDataset } from "./datasetEntries";
import { captureBucketArgs, captureDatasetArgs, endpointNetworkArgs, EndpointWiring } from "./stackComponentArgs";
import { declareSummaryDashboard } from "../components/core/dashboards/declareSummaryDashboard";
import { EndpointNetwork } from "../components/endpointNetwork/EndpointNetwork";
import { GpuCapacityPublisher } from "../components/gpuCapacityPublisher/GpuCapacityPublisher";
import { InferenceComponentEndpoint } from "../components/inferenceComponentEndpoint/InferenceComponentEndpoint";
import { RealtimeEndpoint } from "../components/realtimeEndpoint/RealtimeEndpoint";
import { DeclaredForwarders, declareForwarders, forwarderOutputs } from "./declareForwarders";
import { endpointEntryArgs, inferenceComponentEntryArgs, realtimeEntryArgs } from "./endpointEntryArgs";
import { StackConfig } from "./schema";

/** Logical names of the stack's shared components; they never change once released. */
export const STACK_COMPONENT_NAMES = {
    captureBucket: "capture",
    notifications: "alarms",
    network: "network",
    summaryDashboard: "summary-dashboard",
    gpuCapacity: "gpu-capacity",
    dataset: "dataset",
} as const;

export interface DeclaredStack extends DeclaredForwarders {
    captureBucket: CaptureBucket;
    notifications: AlarmNotifications;
    network?: EndpointNetwork;
    endpoints: Record<string, RealtimeEndpoint | AsyncEndpoint | InferenceComponentEndpoint>;
    /** Declared once when any endpoint is an inference-component endpoint on GPUs. */
    gpuCapacity?: GpuCapacityPublisher;
    /** Declared when a forwarder writes the dataset (`dataset: true`). */
    dataset?: CaptureDataset;
}

/** Builds every component a validated stack config declares. */
export function declareStack(config: StackConfig): DeclaredStack {
    const withDataset = writesDataset(config.forwarders);
    const captureBucket = new CaptureBucket(STACK_COMPONENT_NAMES.captureBucket, captureBucketArgs(config, withDataset));
    const dataset = withDataset ? declareDataset(config, captureBucket) : undefined;
    const notifications = new AlarmNotifications(STACK_COMPONENT_NAMES.notifications, { ...config.notifications, tags: config.tags });
    const networkArgs = endpointNetworkArgs(config);
    const network = networkArgs === undefined ? undefined : new EndpointNetwork(STACK_COMPONENT_NAMES.network, networkArgs);
    const endpoints = declareEndpoints(config, captureBucket, network, notifications.topicArn);
    const gpuCapacity = declareGpuCapacity(endpoints, notifications.topicArn, config.tags);
    const forwarding = declareForwarders(
        config.forwarders ?? [],
        config.tags,
        captureBucket,
        notifications.topicArn,
        config.captureBucket.existing,
        dataset,
    );
    declareSummaryDashboard(STACK_COMPONENT_NAMES.summaryDashboard, {
        stack: pulumi.getStack(),
        endpoints: Object.values(endpoints).map((e) => e.dashboardSummary),
        forwarderFunctionNames: Object.values(forwarding.forwarders).map((f) => f.functionName),
    });
    return { captureBucket, notifications, network, endpoints, gpuCapacity, dataset, ...forwarding };
}

/** The capture dataset, in the capture bucket's dataset prefix. */
function declareDataset(config: StackConfig, captureBucket: CaptureBucket): CaptureDataset {
    return new CaptureDataset(
        STACK_COMPONENT_NAMES.dataset,
        captureDatasetArgs(config, captureBucket.datasetStorage(), { project: pulumi.getProject(), stack: pulumi.getStack() }),
    );
}

/** The endpoint components, by name, each wired to the capture bucket, the network and the alarm topic. */
function declareEndpoints(
    config: StackConfig,
    captureBucket: CaptureBucket,
    network: EndpointNetwork | undefined,
    alarmTopicArn: pulumi.Output<string>,
): DeclaredStack["endpoints"] {
    const endpoints: DeclaredStack["endpoints"] = {};
    // A loop calling the constructors itself, not forEach or a helper: Pulumi records (and ts-node
    // source-maps) the whole call stack of every resource, so each frame here is paid by every
    // resource of every endpoint (docs/benchmarks.md, `npm run bench:synth`).
    for (const [index, entry] of config.endpoints.entries()) {
        const wiring: EndpointWiring & { alarmTopicArn: pulumi.Output<string> } = {
            captureDestination: captureBucket.destination(),
            network:
                network === undefined
                    ? undefined
                    : { subnetIds: network.subnetIds, securityGroupIds: network.securityGroupIds, vpcId: network.vpcId },
            alarmTopicArn,
        };
        endpoints[entry.name] =
            entry.kind === "inference-components"
                ? new InferenceComponentEndpoint(entry.name, {
                      ...inferenceComponentEntryArgs(entry, index, config.tags, config.gpuCatalogue),
                      ...wiring,
                  })
                : entry.kind === "async"
                  ? new AsyncEndpoint(entry.name, { ...endpointEntryArgs(entry, index, config.tags), ...wiring })
                  : new RealtimeEndpoint(entry.name, { ...realtimeEntryArgs(entry, index, config.tags, config.gpuCatalogue), ...wiring });
    }
    return endpoints;
}

/** One GPU capacity publisher for every inference-component endpoint on GPUs; none without one. */
function declareGpuCapacity(
    endpoints: DeclaredStack["endpoints"],
    alarmTopicArn: pulumi.Output<string>,
    tags: Record<string, string> | undefined,
): GpuCapacityPublisher | undefined {
    const subjects = Object.values(endpoints).flatMap((e) =>
        e instanceof InferenceComponentEndpoint && e.gpuCapacitySubject !== undefined ? [e.gpuCapacitySubject] : [],
    );
    return subjects.length === 0
        ? undefined
        : new GpuCapacityPublisher(STACK_COMPONENT_NAMES.gpuCapacity, { endpoints: subjects, alarmTopicArn, tags });
}

/** The stack outputs a platform engineer reads after `pulumi up`. */
export function stackOutputs(stack: DeclaredStack) {
    return {
        captureBucketName: stack.captureBucket.bucketName,
        capturePrefixes: stack.captureBucket.capturePrefixes,
        alarmTopicArn: stack.notifications.topicArn,
        forwarders: forwarderOutputs(stack.forwarders),
        ...(stack.dataset === undefined ? {} : { dataset: datasetOutputs(stack.dataset) }),
        endpoints: pulumi.output(
            Object.fromEntries(
                Object.entries(stack.endpoints).map(([name, e]) => [
                    name,
                    {
                        ...e.endpointOutputs(),
                        ...(e instanceof AsyncEndpoint ? asyncEndpointOutputs(e) : {}),
                        // Calls to such an endpoint must name one of them (smoke invokes each).
                        ...(e instanceof InferenceComponentEndpoint ? { inferenceComponentNames: e.inferenceComponentNames } : {}),
                    },
                ]),
            ),
        ),
    };
}

/** What a platform engineer gives a pull-based platform or an analyst: the database, tables, connector roles, workgroup. */
function datasetOutputs(dataset: CaptureDataset) {
    return {
        databaseName: dataset.databaseName,
        tableNames: dataset.tableNames,
        connectorRoleArns: dataset.connectorRoleArns,
        workgroupName: dataset.workgroupName,
    };
}

/** What callers of an async endpoint need: where to upload, where results and failures land, what to subscribe to. */
function asyncEndpointOutputs(e: AsyncEndpoint) {
    return {
        inputLocationPrefix: e.inputLocationPrefix,
        outputPath: e.outputPath,
        failurePath: e.failurePath,
        successTopicArn: e.successTopicArn,
        errorTopicArn: e.errorTopicArn,
    };
}
