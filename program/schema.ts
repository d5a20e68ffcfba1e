import { z } from "zod";
import { ALARM_STATISTICS, COMPARISON_OPERATORS, TREAT_MISSING_DATA } from "../components/core/alarms/alarmDefinition";
import { INCLUDE_INFERENCE_RESPONSE_IN } from "../components/asyncEndpoint/asyncEndpointArgs";
import { CAPTURE_MODES, METRIC_PUBLISH_FREQUENCIES } from "../domain/sageMakerLimits";
import { forwarderEntrySchema } from "./forwarderSchema";

/**
 * The shape of a stack file's `sagemaker-monitoring:*` keys: shapes, types and the components' own
 * enumerations. Value rules (ranges, patterns, AWS limits) live in the components' validators,
 * which the loader runs on the same values, so there is one rule per fact. Each shape is its
 * component's arguments field for field (test/components/stackConfigShapes.typecheck.ts).
 */
const stringMap = z.record(z.string(), z.string());

const model = z.strictObject({
    image: z.string(),
    modelDataUrl: z.string().optional(),
    modelDataKmsKeyArn: z.string().optional(),
    environment: stringMap.optional(),
});

const variant = z
    .strictObject({
        name: z.string().optional(),
        instanceType: z.string().optional(),
        instanceCount: z.number().optional(),
        weight: z.number().optional(),
        model: model.optional(),
    })
    .meta({ title: "variant" });

const dataCapture = z.strictObject({
    enabled: z.boolean().optional(),
    samplingPercentage: z.number().optional(),
    captureModes: z.array(z.enum(CAPTURE_MODES)).optional(),
    csvContentTypes: z.array(z.string()).optional(),
    jsonContentTypes: z.array(z.string()).optional(),
});

const metrics = z.strictObject({
    enhancedMetrics: z.boolean().optional(),
    publishFrequencySeconds: z.literal(METRIC_PUBLISH_FREQUENCIES).optional(),
    detailedObservability: z.boolean().optional(),
});

/** AsyncEndpoint's `async` block (kind: async only). */
const asyncInference = z.strictObject({
    maxConcurrentInvocationsPerInstance: z.number().optional(),
    existingLocations: z
        .strictObject({ inputPrefix: z.string(), outputPath: z.string(), failurePath: z.string(), kmsKeyArn: z.string() })
        .optional(),
    expirationDays: z.number().optional(),
    forceDestroy: z.boolean().optional(),
    notifications: z
        .strictObject({
            successTopicArn: z.string().optional(),
            errorTopicArn: z.string().optional(),
            kmsKeyArn: z.string().optional(),
            includeInferenceResponseIn: z.array(z.enum(INCLUDE_INFERENCE_RESPONSE_IN)).optional(),
        })
        .optional(),
});

/** AsyncEndpoint's `scaling` block (kind: async only). */
const scaling = z.strictObject({
    enabled: z.boolean().optional(),
    minCapacity: z.number().optional(),
    maxCapacity: z.number().optional(),
    metricName: z.string().optional(),
    targetBacklogPerInstance: z.number().optional(),
    scaleInCooldownSeconds: z.number().optional(),
    scaleOutCooldownSeconds: z.number().optional(),
});

/** A threshold, or false to remove the alarm. */
const threshold = z.union([z.number(), z.literal(false)]).optional();

/** AsyncEndpoint's `alarms` block (kind: async only). */
const asyncAlarms = z.strictObject({
    maxBacklogSize: threshold,
    maxOldestRequestAgeSeconds: threshold,
    maxBacklogWithoutCapacitySeconds: threshold,
    maxInvocationFailures: threshold,
    maxExpiredRequests: threshold,
    maxRequestDownloadFailures: threshold,
    maxResponseUploadFailures: threshold,
    maxNotificationFailures: threshold,
    additional: z
        .array(
            z
                .strictObject({
                    // Any string: the validator names the metrics async endpoints publish, and why Invocations is refused.
                    metricName: z.string(),
                    threshold: z.number(),
                    comparisonOperator: z.enum(COMPARISON_OPERATORS).optional(),
                    statistic: z.enum(ALARM_STATISTICS).optional(),
                    periodSeconds: z.number().optional(),
                    evaluationPeriods: z.number().optional(),
                    datapointsToAlarm: z.number().optional(),
                    treatMissingData: z.enum(TREAT_MISSING_DATA).optional(),
                    description: z.string().optional(),
                })
                .meta({ title: "alarm" }),
        )
        .optional(),
});

/** Blocks that only an async endpoint understands. */
const ASYNC_ONLY_KEYS = ["async", "scaling", "alarms"] as const;

export const endpointEntrySchema = z
    .strictObject({
        /** Endpoint name and the name of its component. */
        name: z.string(),
        /** @default "realtime" */
        kind: z.enum(["realtime", "async"]).default("realtime"),
        model,
        instanceType: z.string().optional(),
        instanceCount: z.number().optional(),
        variants: z.array(variant).optional(),
        dataCapture: dataCapture.optional(),
        metrics: metrics.optional(),
        executionRoleArn: z.string().optional(),
        volumeKmsKeyArn: z.string().optional(),
        /** @default true when the stack's network mode is not "none" */
        networkIsolation: z.boolean().optional(),
        tags: stringMap.optional(),
        /** kind async: output locations, notifications, concurrency. @default see README "AsyncEndpoint" */
        async: asyncInference.optional(),
        /** kind async: backlog scaling. @default 1-4 instances per variant */
        scaling: scaling.optional(),
        /** kind async: alarm thresholds. @default every alarm at its documented threshold */
        alarms: asyncAlarms.optional(),
    })
    .superRefine((entry, ctx) => {
        if (entry.kind === "async") {
            return;
        }
        for (const key of ASYNC_ONLY_KEYS) {
            if (entry[key] !== undefined) {
                ctx.addIssue({
                    code: "custom",
                    path: [key],
                    message: `is only valid with kind: async (this endpoint's kind is "${entry.kind}")`,
                });
            }
        }
    })
    .meta({ title: "endpoint" });

export const captureBucketSchema = z.strictObject({
    prefix: z.string().optional(),
    expirationDays: z.number().optional(),
    forceDestroy: z.boolean().optional(),
    existing: z
        .strictObject({
            bucketName: z.string(),
            kmsKeyArn: z.string(),
            /** Let the stack's forwarders own the bucket's whole notification configuration. @default false */
            manageNotifications: z.boolean().optional(),
        })
        .optional(),
});

export const notificationsSchema = z.strictObject({
    topicArn: z.string().optional(),
    emails: z.array(z.string()).optional(),
});

export const networkSchema = z.discriminatedUnion("mode", [
    z.strictObject({ mode: z.literal("none") }),
    z.strictObject({ mode: z.literal("create"), availabilityZoneCount: z.number().optional(), cidrBlock: z.string().optional() }),
    z.strictObject({ mode: z.literal("existing"), subnetIds: z.array(z.string()), securityGroupIds: z.array(z.string()) }),
]);

export const stackConfigSchema = z.strictObject({
    endpoints: z.array(endpointEntrySchema).min(1),
    /** @default a new bucket with prefix "datacapture" and 90-day expiry */
    captureBucket: captureBucketSchema.default({}),
    /** @default a new encrypted topic without subscriptions */
    notifications: notificationsSchema.default({}),
    /** @default { mode: "none" } */
    network: networkSchema.default({ mode: "none" }),
    /** Tags on every resource of the stack. @default {} */
    tags: stringMap.default({}),
    /** Capture forwarders; the capture bucket gets one notification configuration gathering all of them. @default none */
    forwarders: z.array(forwarderEntrySchema).optional(),
});

export type StackConfig = z.infer<typeof stackConfigSchema>;
export type EndpointEntry = z.infer<typeof endpointEntrySchema>;

/** The config keys, without the project namespace. */
export const STACK_CONFIG_KEYS = Object.keys(stackConfigSchema.shape) as (keyof StackConfig)[];
