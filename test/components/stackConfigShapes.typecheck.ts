/**
 * Compile-time proof that each stack-file shape is its component's arguments, field for field:
 * `tsc --noEmit` (part of `npm test`) fails when a field is added, removed or retyped on one side
 * only. The components' args interfaces are the declaration; the schema in program/ must match
 * them, less what the stack program wires itself.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { AlarmNotificationsArgs } from "../../components/alarmNotifications/AlarmNotifications";
import { CaptureBucketArgs, ExistingCaptureBucket } from "../../components/captureBucket/CaptureBucket";
import { ForwarderSettings } from "../../components/captureForwarder/forwarderArgs";
import { EndpointNetworkArgs } from "../../components/endpointNetwork/EndpointNetwork";
import { ExistingCaptureBucketEntry } from "../../program/declareForwarders";
import { EndpointEntryFields } from "../../program/endpointEntryArgs";
import { forwarderEntrySchema } from "../../program/forwarderSchema";
import { datasetSchema } from "../../program/datasetSchema";
import { CaptureDatasetArgs } from "../../components/captureDataset/captureDatasetArgs";
import { DatasetStorageArgs } from "../../components/captureDataset/datasetStorage";
import { FeatureSchema } from "../../domain/dataset/featureSchema";
import { InferenceComponentEndpointArgs } from "../../components/inferenceComponentEndpoint/inferenceComponentEndpointArgs";
import {
    captureBucketSchema,
    endpointEntrySchema,
    inferenceComponentEntrySchema,
    networkSchema,
    notificationsSchema,
} from "../../program/schema";

/** True only when A and B are the same type, not merely assignable one way. */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

/** What a stack file holds of an argument type: plain values where a component also takes Outputs. */
type Plain<T> = T extends pulumi.OutputInstance<unknown> | Promise<unknown>
    ? never
    : T extends readonly (infer E)[]
      ? Plain<E>[]
      : T extends object
        ? { [K in keyof T]: Plain<T[K]> }
        : T;

/** The schema's parsed value and the arguments are the same plain type. */
type Same<Parsed, Args> = Equals<Plain<Parsed>, Plain<Args>>;

type EndpointEntry = z.output<typeof endpointEntrySchema>;
type NetworkOf<Mode> = Extract<EndpointNetworkArgs, { mode: Mode }>;

export type ShapeChecks = [
    // An endpoint entry: its name and kind, then AsyncEndpoint's arguments (RealtimeEndpoint's are a subset).
    Assert<Same<Omit<EndpointEntry, "name" | "kind" | "smoke" | "features">, EndpointEntryFields>>,
    // `features` is the endpoint's dataset schema: CaptureDataset's and the forwarder's, not the endpoint's.
    Assert<Same<NonNullable<EndpointEntry["features"]>, FeatureSchema>>,
    Assert<Same<NonNullable<z.output<typeof inferenceComponentEntrySchema>["features"]>, FeatureSchema>>,
    Assert<
        Same<
            z.output<typeof datasetSchema>,
            Omit<DatasetStorageArgs, never> &
                Omit<CaptureDatasetArgs, "storage" | "endpoints" | "tags" | "databaseName"> & { databaseName?: string }
        >
    >,
    // `smoke` is the smoke check's sample request (tools/smoke/), not a component argument.
    Assert<Equals<EndpointEntry["smoke"], { payload?: string | undefined; contentType?: string | undefined } | undefined>>,
    Assert<Equals<Pick<EndpointEntry, "name" | "kind">, { name: string; kind: "realtime" | "async" }>>,
    // An inference-components entry: InferenceComponentEndpoint's arguments less the wiring and the stack-wide gpuCatalogue.
    Assert<
        Same<
            Omit<z.output<typeof inferenceComponentEntrySchema>, "name" | "kind" | "smoke" | "dashboard" | "features" | "alarms">,
            Omit<
                InferenceComponentEndpointArgs,
                "endpointName" | "captureDestination" | "network" | "stackName" | "alarmTopicArn" | "gpuCatalogue" | "dashboard" | "alarms"
            >
        >
    >,
    // Every endpoint kind reads the one `alarms` block; each validator refuses the other kinds' keys.
    Assert<Equals<z.output<typeof inferenceComponentEntrySchema>["alarms"], EndpointEntry["alarms"]>>,
    // Both endpoint kinds take the same `smoke` sample and `dashboard` block.
    Assert<Equals<z.output<typeof inferenceComponentEntrySchema>["smoke"], EndpointEntry["smoke"]>>,
    Assert<Equals<z.output<typeof inferenceComponentEntrySchema>["dashboard"], EndpointEntry["dashboard"]>>,
    // `existing.manageNotifications` is the forwarders' opt-in (declareForwarders reads it), not CaptureBucket's;
    // the dataset's storage is the stack's own `dataset` key.
    Assert<
        Same<
            z.output<typeof captureBucketSchema>,
            Omit<CaptureBucketArgs, "endpointNames" | "tags" | "existing" | "dataset"> & {
                existing?: ExistingCaptureBucket & Omit<ExistingCaptureBucketEntry, "bucketName">;
            }
        >
    >,
    Assert<Same<z.output<typeof notificationsSchema>, Omit<AlarmNotificationsArgs, "tags">>>,
    Assert<Same<z.output<typeof networkSchema>, { mode: "none" } | Omit<NetworkOf<"create">, "region" | "tags"> | NetworkOf<"existing">>>,
    // A forwarder entry calls the function name `name` and the endpoint names `endpoints`.
    Assert<
        Same<
            z.output<typeof forwarderEntrySchema>,
            Omit<ForwarderSettings, "functionName" | "endpointNames"> & { name: string; endpoints?: string[]; dataset?: boolean }
        >
    >,
];
