import * as pulumi from "@pulumi/pulumi";
import { AsyncAlarmArgs } from "./alarms/asyncAlarmArgs";
import { EndpointArgs } from "../core/endpoint/endpointArgs";
import { BacklogScalingArgs } from "./scaling/backlogScalingArgs";

/** `NotificationConfig.IncludeInferenceResponseIn` values. */
export const INCLUDE_INFERENCE_RESPONSE_IN = ["SUCCESS_NOTIFICATION_TOPIC", "ERROR_NOTIFICATION_TOPIC"] as const;
export type IncludeInferenceResponseIn = (typeof INCLUDE_INFERENCE_RESPONSE_IN)[number];

/** `ClientConfig.MaxConcurrentInvocationsPerInstance` bounds (docs/ARCHITECTURE.md, "AWS limits"). */
export const MAX_CONCURRENT_INVOCATIONS = { min: 1, max: 1000 } as const;

/** Where SageMaker tells callers a request finished or failed. */
export interface AsyncNotificationArgs {
    /** Existing topic for successes. @default a KMS-encrypted topic is created */
    successTopicArn?: pulumi.Input<string>;
    /** Existing topic for failures. @default a KMS-encrypted topic is created */
    errorTopicArn?: pulumi.Input<string>;
    /** KMS key of the existing topics; a created execution role may use it. Only with an existing topic. @default none */
    kmsKeyArn?: pulumi.Input<string>;
    /**
     * Topics whose messages carry the inference response (only responses <= 128 KB fit).
     * @default [] (responses can hold personal data; subscribers read them from S3 instead)
     */
    includeInferenceResponseIn?: IncludeInferenceResponseIn[];
}

/** Locations in a bucket you own, instead of the bucket AsyncEndpoint creates. */
export interface ExistingAsyncLocations {
    /** `s3://bucket/prefix/` callers upload request payloads under; the execution role may read it. */
    inputPrefix: pulumi.Input<string>;
    /** `s3://` path SageMaker writes results to (`S3OutputPath`). */
    outputPath: pulumi.Input<string>;
    /** `s3://` path SageMaker writes errors to (`S3FailurePath`). */
    failurePath: pulumi.Input<string>;
    /** KMS key SageMaker encrypts results and failures with (`OutputConfig.KmsKeyId`). */
    kmsKeyArn: pulumi.Input<string>;
}

export interface AsyncInferenceArgs {
    /** Requests one instance processes at a time, 1-1000. @default SageMaker chooses */
    maxConcurrentInvocationsPerInstance?: number;
    /** @default a new KMS-encrypted, TLS-only, private bucket (AsyncOutputBucket) */
    existingLocations?: ExistingAsyncLocations;
    /** Days before requests, results and failures expire from the created bucket. @default 30 */
    expirationDays?: number;
    /** Let `pulumi destroy` delete a created bucket that still holds objects. @default false */
    forceDestroy?: boolean;
    /** @default both topics created, responses not included */
    notifications?: AsyncNotificationArgs;
}

export const ASYNC_INFERENCE_DEFAULTS = { expirationDays: 30, forceDestroy: false } as const;

/** Arguments of AsyncEndpoint: everything RealtimeEndpoint takes, plus the queue's own. */
export interface AsyncEndpointArgs extends EndpointArgs {
    /** SNS topic every alarm notifies on ALARM and OK, e.g. AlarmNotifications' `topicArn`. */
    alarmTopicArn: pulumi.Input<string>;
    /** @default results in a created bucket, both notification topics created */
    async?: AsyncInferenceArgs;
    /** @default scaling on, 1-4 instances per variant, 5 queued requests per instance */
    scaling?: BacklogScalingArgs;
    /** @default every backlog and failure alarm at its documented threshold */
    alarms?: AsyncAlarmArgs;
}
