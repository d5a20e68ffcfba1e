import * as pulumi from "@pulumi/pulumi";
import { EndpointArgs } from "../core/endpoint/endpointArgs";
import { RealtimeAlarmArgs } from "./alarms/realtimeAlarmArgs";
import { AutoRollbackArgs } from "./rollback/autoRollbackArgs";
import { GpuCatalogueOverride } from "../../domain/gpuCatalogueRules";

/** RealtimeEndpoint's arguments: the shared endpoint arguments, the alarm topic and the alarm thresholds. */
export interface RealtimeEndpointArgs extends EndpointArgs {
    /** SNS topic every alarm notifies on ALARM and OK, e.g. AlarmNotifications' `topicArn`. */
    alarmTopicArn: pulumi.Input<string>;
    /** Thresholds of the standard alarms (docs/alarms.md). @default every alarm at its default threshold */
    alarms?: RealtimeAlarmArgs;
    /** Blue/green updates that roll back when a chosen alarm fires (docs/alarms.md#auto-rollback). @default none: SageMaker's default update */
    autoRollback?: AutoRollbackArgs;
    /** Entries over the built-in GPU catalogue (domain/gpuCatalogue.ts): the GPU alarms scale by its GPUs per instance. @default none */
    gpuCatalogue?: GpuCatalogueOverride;
}
