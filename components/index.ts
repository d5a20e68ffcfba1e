/**
 * sagemaker-monitoring: Pulumi components for SageMaker inference endpoints that are observable
 * from their first `pulumi up`. This barrel is the package's public API; anything not exported
 * here is internal and may change without notice.
 *
 * @packageDocumentation
 */

// Endpoints
export { RealtimeEndpoint, validateRealtimeEndpointArgs } from "./realtimeEndpoint/RealtimeEndpoint";
export type { RealtimeEndpointArgs } from "./realtimeEndpoint/RealtimeEndpoint";
export { AsyncEndpoint } from "./asyncEndpoint/AsyncEndpoint";
export type { AsyncEndpointArgs } from "./asyncEndpoint/AsyncEndpoint";
export type { AsyncInferenceArgs, AsyncNotificationArgs, ExistingAsyncLocations } from "./asyncEndpoint/asyncEndpointArgs";
export type { CaptureDestination, DataCaptureArgs, EndpointArgs, MetricsArgs, ModelArgs, VariantArgs } from "./core/endpoint/endpointArgs";

// Storage
export { CaptureBucket } from "./captureBucket/CaptureBucket";
export type { CaptureBucketArgs, ExistingCaptureBucket } from "./captureBucket/CaptureBucket";
export { AsyncOutputBucket } from "./asyncOutputBucket/AsyncOutputBucket";
export type { AsyncOutputBucketArgs } from "./asyncOutputBucket/AsyncOutputBucket";

// Forwarding captured inferences to a monitoring platform
export { CaptureForwarder } from "./captureForwarder/CaptureForwarder";
export type { CaptureForwarderArgs, ForwarderSettings, ForwarderSinkArgs } from "./captureForwarder/CaptureForwarder";

// Alarms and networking
export { AlarmNotifications } from "./alarmNotifications/AlarmNotifications";
export type { AlarmNotificationsArgs } from "./alarmNotifications/AlarmNotifications";
export { EndpointNetwork } from "./endpointNetwork/EndpointNetwork";
export type { EndpointNetworkArgs } from "./endpointNetwork/EndpointNetwork";
