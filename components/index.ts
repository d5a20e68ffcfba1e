/**
 * sagemaker-monitoring: Pulumi components for SageMaker inference endpoints that are observable
 * from their first `pulumi up`. This barrel is the package's public API; anything not exported
 * here is internal and may change without notice. Each component class's own TSDoc says what it
 * declares and links its arguments.
 *
 * @packageDocumentation
 */

// Endpoints
/** A real-time SageMaker endpoint with Data Capture, enhanced metrics and a least-privilege execution role. */
export { RealtimeEndpoint } from "./realtimeEndpoint/RealtimeEndpoint";
/** Checks RealtimeEndpoint arguments without declaring anything; throws one error listing every problem. */
export { validateRealtimeEndpointArgs } from "./realtimeEndpoint/RealtimeEndpoint";
/** Arguments of RealtimeEndpoint: every endpoint's (EndpointArgs), the alarm topic and the alarm thresholds. */
export type { RealtimeEndpointArgs } from "./realtimeEndpoint/RealtimeEndpoint";
/** An asynchronous SageMaker endpoint: S3 in and out, notification topics, backlog scaling and queue alarms, plus what RealtimeEndpoint has. */
export { AsyncEndpoint } from "./asyncEndpoint/AsyncEndpoint";
/** Arguments of AsyncEndpoint: EndpointArgs plus the alarm topic, async inference, scaling and alarm settings. */
export type { AsyncEndpointArgs } from "./asyncEndpoint/AsyncEndpoint";
/** AsyncEndpoint's queue settings (`async`), its notification topics, and bucket locations you own instead of the created bucket. */
export type { AsyncInferenceArgs, AsyncNotificationArgs, ExistingAsyncLocations } from "./asyncEndpoint/asyncEndpointArgs";
/** The pieces of EndpointArgs: where capture goes, what is captured, metrics, the model and production variants. */
export type { CaptureDestination, DataCaptureArgs, EndpointArgs, MetricsArgs, ModelArgs, VariantArgs } from "./core/endpoint/endpointArgs";
/** A real-time endpoint whose models are inference components sharing (GPU) instances, with copy autoscaling and unused-GPU alarms. */
export { InferenceComponentEndpoint } from "./inferenceComponentEndpoint/InferenceComponentEndpoint";
/** Arguments of InferenceComponentEndpoint, one component's arguments, its copy autoscaling and the GPU alarm thresholds. */
export type {
    CopyAutoscalingArgs,
    GpuAlarmArgs,
    InferenceComponentArgs,
    InferenceComponentEndpointArgs,
} from "./inferenceComponentEndpoint/inferenceComponentEndpointArgs";
/** InferenceComponentEndpoint's `autoRollback`: each component's rolling update and its rollback alarm keys, and a batch size. */
export type { CapacitySize, ComponentAutoRollbackArgs } from "./inferenceComponentEndpoint/rollback/componentRollbackArgs";
/** An endpoint's `dashboard` argument: its detail dashboard's name and extra widgets (docs/dashboards.md). */
export type { EndpointDashboardArgs } from "./core/dashboards/endpointDashboardArgs";
/** The CloudWatch dashboard body model (`dashboard.extraWidgets` are `UnplacedWidget`s), property names as CloudWatch spells them. */
export type {
    AlarmWidget,
    DashboardBody,
    ExpressionEntry,
    ExpressionOptions,
    HorizontalAnnotation,
    LogWidget,
    MetricEntry,
    MetricEntryOptions,
    MetricsArrayEntry,
    MetricView,
    MetricWidget,
    MetricWidgetProperties,
    TextWidget,
    UnplacedWidget,
    Widget,
    WidgetPlacement,
    YAxisRange,
    YAxisSide,
} from "../dashboards/model";
/** What the GPU widgets take from the GPU catalogue, per instance type. */
export type { GpuEndpointInput, GpuInstanceFacts } from "../dashboards/gpuWidgets";

// Storage
/** The KMS-encrypted, private, TLS-only, versioned, expiring bucket Data Capture writes to (or an existing one). */
export { CaptureBucket } from "./captureBucket/CaptureBucket";
/** Arguments of CaptureBucket, and the bucket and key to use instead of creating them. */
export type { CaptureBucketArgs, ExistingCaptureBucket } from "./captureBucket/CaptureBucket";
/** The secure bucket an asynchronous endpoint reads requests from and writes results and failures to. */
export { AsyncOutputBucket } from "./asyncOutputBucket/AsyncOutputBucket";
/** Arguments of AsyncOutputBucket. */
export type { AsyncOutputBucketArgs } from "./asyncOutputBucket/AsyncOutputBucket";
/** The capture dataset's Glue database and tables (partition projection), optional Athena workgroup and read-only connector roles. */
export { CaptureDataset } from "./captureDataset/CaptureDataset";
/** Arguments of CaptureDataset, a connector, and what a CaptureForwarder needs to write the dataset. */
export type { CaptureDatasetArgs, DatasetConnectorArgs, DatasetDestination } from "./captureDataset/CaptureDataset";
/** Where the dataset lives in the capture bucket (CaptureBucket's `dataset` argument and `datasetStorage()`). */
export type { DatasetStorage, DatasetStorageArgs } from "./captureDataset/datasetStorage";
/** A feature schema: names and types of an endpoint's input and output features (domain/dataset/featureSchema.ts). */
export type { Feature, FeatureSchema, FeatureType } from "../domain/dataset/featureSchema";

// Forwarding captured inferences to a monitoring platform
/** A Lambda that forwards Data Capture files to Arthur or any HTTPS sink, with dead letters, idempotent delivery and alarms. */
export { CaptureForwarder } from "./captureForwarder/CaptureForwarder";
/** Arguments of CaptureForwarder: where capture files are, where alarms go, and the settings a stack file sets (sink, tuning). */
export type { CaptureForwarderArgs, ForwarderSettings, ForwarderSinkArgs } from "./captureForwarder/CaptureForwarder";
/** The one S3 notification configuration of a capture bucket, triggering every forwarder on it. */
export { CaptureBucketNotifications } from "./captureForwarder/captureBucketNotifications";
/** Arguments of CaptureBucketNotifications, and what it needs of each forwarder (a CaptureForwarder has all of it). */
export type { CaptureBucketNotificationsArgs, NotifyingForwarder } from "./captureForwarder/captureBucketNotifications";

// Alarms and networking
/** The KMS-encrypted SNS topic (or an existing one) every alarm notifies, with optional e-mail subscriptions. */
export { AlarmNotifications } from "./alarmNotifications/AlarmNotifications";
/** Arguments of AlarmNotifications. */
export type { AlarmNotificationsArgs } from "./alarmNotifications/AlarmNotifications";
/** Where VPC-bound endpoints run: a created VPC of isolated subnets with an S3 gateway endpoint, or existing subnets. */
export { EndpointNetwork } from "./endpointNetwork/EndpointNetwork";
/** Arguments of EndpointNetwork: `create` or `existing`. */
export type { EndpointNetworkArgs } from "./endpointNetwork/EndpointNetwork";
