import * as pulumi from "@pulumi/pulumi";
import { AlarmNotifications } from "../components/alarmNotifications/AlarmNotifications";
import { AsyncEndpoint } from "../components/asyncEndpoint/AsyncEndpoint";
import { CaptureBucket } from "../components/captureBucket/CaptureBucket";
import { CaptureDataset } from "../components/captureDataset/CaptureDataset";
import { datasetEndpointSchemas, defaultDatabaseName, writesDataset } from "./datasetEntries";
import { declareSummaryDashboard } from "../components/core/dashboards/declareSummaryDashboard";
import { EndpointNetwork } from "../components/endpointNetwork/EndpointNetwork";
import { GpuCapacityPublisher } from "../components/gpuCapacityPublisher/GpuCapacityPublisher";
import { InferenceComponentEndpoint } from "../components/inferenceComponentEndpoint/InferenceComponentEndpoint";
import { RealtimeEndpoint } from "../components/realtimeEndpoint/RealtimeEndpoint";
import { DeclaredForwarders, declareForwarders, forwarderOutputs } from "./declareForwarders";
import { endpointEntryArgs, inferenceComponentEntryArgs, realtimeEntryArgs } from "./endpointEntryArgs";
import { StackConfig } from "./schema";
import { applyAll } from "../components/core/outputs";

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
    const { athenaWorkgroup, connectors, databaseName, ...datasetStorage } = config.dataset;
    const withDataset = writesDataset(config.forwarders);
    const captureBucket = new CaptureBucket(STACK_COMPONENT_NAMES.captureBucket, {
        ...config.captureBucket,
        endpointNames: config.endpoints.map((e) => e.name),
        // Only with a dataset: a stack without one keeps the bucket's lifecycle as it was.
        ...(withDataset ? { dataset: datasetStorage } : {}),
        tags: config.tags,
    });
    const dataset = withDataset
        ? new CaptureDataset(STACK_COMPONENT_NAMES.dataset, {
              storage: captureBucket.datasetStorage(),
              endpoints: datasetEndpointSchemas(config),
              databaseName: databaseName ?? defaultDatabaseName(pulumi.getProject(), pulumi.getStack()),
              athenaWorkgroup,
              connectors,
              tags: config.tags,
          })
        : undefined;
    const notifications = new AlarmNotifications(STACK_COMPONENT_NAMES.notifications, { ...config.notifications, tags: config.tags });
    const network =
        config.network.mode === "none"
            ? undefined
            : new EndpointNetwork(
                  STACK_COMPONENT_NAMES.network,
                  config.network.mode === "create" ? { ...config.network, tags: config.tags } : config.network,
              );
    const endpoints: DeclaredStack["endpoints"] = {};
    // A loop, not forEach: Pulumi records (and ts-node source-maps) the whole call stack of every
    // resource, and a callback adds two frames to each endpoint's ~15 stacks (docs/benchmarks.md).
    for (const [index, entry] of config.endpoints.entries()) {
        const wiring = {
            captureDestination: captureBucket.destination(),
            network:
                network === undefined
                    ? undefined
                    : { subnetIds: network.subnetIds, securityGroupIds: network.securityGroupIds, vpcId: network.vpcId },
        };
        if (entry.kind === "inference-components") {
            endpoints[entry.name] = new InferenceComponentEndpoint(entry.name, {
                ...inferenceComponentEntryArgs(entry, index, config.tags, config.gpuCatalogue),
                ...wiring,
                alarmTopicArn: notifications.topicArn,
            });
            continue;
        }
        endpoints[entry.name] =
            entry.kind === "async"
                ? new AsyncEndpoint(entry.name, {
                      ...endpointEntryArgs(entry, index, config.tags),
                      ...wiring,
                      alarmTopicArn: notifications.topicArn,
                  })
                : new RealtimeEndpoint(entry.name, {
                      ...realtimeEntryArgs(entry, index, config.tags, config.gpuCatalogue),
                      ...wiring,
                      alarmTopicArn: notifications.topicArn,
                  });
    }
    const gpuSubjects = Object.values(endpoints).flatMap((e) =>
        e instanceof InferenceComponentEndpoint && e.gpuCapacitySubject !== undefined ? [e.gpuCapacitySubject] : [],
    );
    const gpuCapacity =
        gpuSubjects.length === 0
            ? undefined
            : new GpuCapacityPublisher(STACK_COMPONENT_NAMES.gpuCapacity, {
                  endpoints: gpuSubjects,
                  alarmTopicArn: notifications.topicArn,
                  tags: config.tags,
              });
    const forwarding = declareForwarders(
        config.forwarders ?? [],
        config.tags,
        captureBucket,
        notifications.topicArn,
        config.captureBucket.existing,
        dataset,
    );
    const endpointList = Object.values(endpoints);
    declareSummaryDashboard(STACK_COMPONENT_NAMES.summaryDashboard, {
        stack: pulumi.getStack(),
        endpoints: endpointList.map((e) => e.dashboardSummary),
        forwarderFunctionNames: Object.values(forwarding.forwarders).map((f) => f.functionName),
    });
    return { captureBucket, notifications, network, endpoints, gpuCapacity, dataset, ...forwarding };
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
                    // One Output per endpoint, built with one apply per field (components/core/outputs.ts).
                    applyAll(
                        {
                            ...e.endpointOutputs(),
                            ...(e instanceof AsyncEndpoint ? asyncEndpointOutputs(e) : {}),
                            // Calls to such an endpoint must name one of them (smoke invokes each).
                            ...(e instanceof InferenceComponentEndpoint ? { inferenceComponentNames: e.inferenceComponentNames } : {}),
                        },
                        (resolved) => resolved,
                    ),
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
