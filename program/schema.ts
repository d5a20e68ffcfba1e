import { z } from "zod";
import {
    ASYNC_INFERENCE_DEFAULTS,
    INCLUDE_INFERENCE_RESPONSE_IN,
    MAX_CONCURRENT_INVOCATIONS,
} from "../components/asyncEndpoint/asyncEndpointArgs";
import {
    BACKLOG_SCALING_DEFAULTS,
    BACKLOG_SCALING_METRIC,
    MAX_COOLDOWN_SECONDS,
} from "../components/asyncEndpoint/scaling/backlogScalingArgs";
import { CAPTURE_BUCKET_DEFAULTS } from "../components/captureBucket/CaptureBucket";
import { ECR_IMAGE_FORM } from "../components/core/endpoint/containerImage";
import { RESERVED_ENVIRONMENT_PREFIX } from "../components/core/endpoint/containerEnvironment";
import { CAPTURE_DEFAULTS, METRICS_DEFAULTS, VARIANT_DEFAULTS } from "../components/core/endpoint/resolveEndpointArgs";
import { ENDPOINT_LOGS_DEFAULTS } from "../components/core/endpoint/endpointLogs";
import { LOG_RETENTION_DAYS } from "../domain/cloudWatchLogs";
import { NETWORK_DEFAULTS, NETWORK_LIMITS } from "../components/endpointNetwork/EndpointNetwork";
import {
    INFERENCE_COMPONENT_DEFAULTS,
    MAX_INFERENCE_COMPONENTS,
    ROUTING_STRATEGIES,
} from "../components/inferenceComponentEndpoint/inferenceComponentEndpointArgs";
import { ARN_KINDS, arnForm } from "../domain/arn";
import {
    CAPTURE_MODES,
    CONTAINER_ENVIRONMENT,
    DATA_CAPTURE_LIMITS,
    DEFAULT_VARIANT_NAME,
    MAX_ENDPOINT_NAME_LENGTH,
    METRIC_PUBLISH_FREQUENCIES,
    VARIANT_LIMITS,
} from "../domain/sageMakerLimits";
import { SMOKE_SAMPLE_DEFAULTS } from "../domain/invoke/smokeSample";
import { S3_EXPIRATION_DAYS, TAG_LIMITS } from "../domain/validationRules";
import { isObject } from "../domain/values";
import { autoRollbackSchema, componentAutoRollbackSchema, endpointAlarmsSchema, gpuAlarmsSchema } from "./alarmsSchema";
import { forwarderEntrySchema } from "./forwarderSchema";
import { datasetSchema, featuresSchema } from "./datasetSchema";
import { doc, form, integers, TEXT } from "./schemaDoc";

/**
 * The shape of a stack file's `sagemaker-monitoring:*` keys: shapes, types and the components' own
 * enumerations. Value rules (ranges, patterns, AWS limits) live in the components' validators,
 * which the loader runs on the same values, so there is one rule per fact. Each shape is its
 * component's arguments field for field (test/components/stackConfigShapes.typecheck.ts).
 *
 * Every key is documented with `doc(...)`: docs/stack-config.md is generated from these, with
 * defaults and limits taken from the components' constants (`npm run docs:config`).
 */
const stringMap = z.record(z.string(), z.string());
const tags = (description: string) =>
    stringMap.optional().meta(
        doc(description, {
            defaultText: "none",
            allowed: `at most ${TAG_LIMITS.maxTags} tags; keys of 1-${TAG_LIMITS.maxKeyLength} and values of 0-${TAG_LIMITS.maxValueLength} characters, no "aws:" keys`,
        }),
    );

const kmsKey = form(arnForm(ARN_KINDS.kmsKey));
const snsTopic = form(arnForm(ARN_KINDS.snsTopic));
/** Keys AWS uses only in their own region (components/core/endpoint/regionBoundKeys.ts). */
const kmsKeyOfStackRegion = `${kmsKey} of the stack's region (\`aws:region\`)`;

const model = z.strictObject({
    image: z.string().meta(doc("Container image that serves the model.", { allowed: `Amazon ECR image URI ${form(ECR_IMAGE_FORM)}` })),
    modelDataUrl: z
        .string()
        .optional()
        .meta(
            doc(
                "Model artifacts: a `.tar.gz` object, or a prefix ending in `/` for an uncompressed model. Leave it out when the image carries the model.",
                {
                    defaultText: "none",
                    allowed: TEXT.s3Uri,
                },
            ),
        ),
    modelDataKmsKeyArn: z
        .string()
        .optional()
        .meta(
            doc("KMS key that encrypts the model artifacts; a created execution role may decrypt with it.", {
                defaultText: "none",
                allowed: kmsKeyOfStackRegion,
            }),
        ),
    environment: stringMap.optional().meta(
        doc("Extra environment variables of the container.", {
            defaultText: "none",
            allowed: `at most ${CONTAINER_ENVIRONMENT.maxEntries} names matching ${form(CONTAINER_ENVIRONMENT.keyPattern.source)}, values of at most ${CONTAINER_ENVIRONMENT.maxValueLength} characters; names starting with ${RESERVED_ENVIRONMENT_PREFIX} are reserved`,
        }),
    ),
});

const variant = z
    .strictObject({
        name: z
            .string()
            .optional()
            .meta(
                doc("Variant name, unique in the endpoint.", {
                    defaultText: `"${DEFAULT_VARIANT_NAME}" when the endpoint has one variant; required with several`,
                    allowed: TEXT.sageMakerName(63),
                }),
            ),
        instanceType: z
            .string()
            .optional()
            .meta(doc("Instance type of this variant.", { defaultText: "the endpoint's instanceType", allowed: TEXT.instanceType })),
        instanceCount: z
            .number()
            .optional()
            .meta(
                doc("Instances of this variant.", {
                    defaultText: "the endpoint's instanceCount",
                    allowed: `integer >= ${VARIANT_LIMITS.minInstanceCount}`,
                }),
            ),
        weight: z
            .number()
            .optional()
            .meta(
                doc("Relative share of the endpoint's traffic.", {
                    default: VARIANT_DEFAULTS.weight,
                    allowed: `number ${VARIANT_LIMITS.weight.min}-${VARIANT_LIMITS.weight.max}; not all 0`,
                }),
            ),
        model: model.optional().meta(doc("A different model for this variant (A/B tests).", { defaultText: "the endpoint's model" })),
    })
    .meta({ title: "variant" });

const dataCapture = z.strictObject({
    enabled: z
        .boolean()
        .optional()
        .meta(doc("Capture requests and responses.", { default: CAPTURE_DEFAULTS.enabled })),
    samplingPercentage: z
        .number()
        .optional()
        .meta(
            doc("Share of requests captured.", {
                default: CAPTURE_DEFAULTS.samplingPercentage,
                allowed: integers(DATA_CAPTURE_LIMITS.samplingPercentage),
            }),
        ),
    captureModes: z
        .array(z.enum(CAPTURE_MODES))
        .optional()
        .meta(
            doc("What is captured.", {
                default: CAPTURE_DEFAULTS.captureModes,
                allowed: `1-${DATA_CAPTURE_LIMITS.maxCaptureModes} of them, no repeats`,
            }),
        ),
    csvContentTypes: z
        .array(z.string())
        .optional()
        .meta(
            doc("Content types captured as CSV text instead of base64.", {
                default: CAPTURE_DEFAULTS.csvContentTypes,
                allowed: TEXT.contentTypes,
            }),
        ),
    jsonContentTypes: z
        .array(z.string())
        .optional()
        .meta(
            doc("Content types captured as JSON text instead of base64.", {
                default: CAPTURE_DEFAULTS.jsonContentTypes,
                allowed: TEXT.contentTypes,
            }),
        ),
});

const metrics = z.strictObject({
    enhancedMetrics: z
        .boolean()
        .optional()
        .meta(doc("Enhanced metrics (MetricsConfig).", { default: METRICS_DEFAULTS.enhancedMetrics })),
    publishFrequencySeconds: z
        .literal(METRIC_PUBLISH_FREQUENCIES)
        .optional()
        .meta(doc("How often enhanced metrics are published, in seconds.", { default: METRICS_DEFAULTS.publishFrequencySeconds })),
    detailedObservability: z
        .boolean()
        .optional()
        .meta(doc("Container-level, per-GPU and per-instance metrics.", { default: METRICS_DEFAULTS.detailedObservability })),
});

const s3Location = (description: string) => z.string().meta(doc(description, { allowed: TEXT.s3Uri }));

/** AsyncEndpoint's `async` block (kind: async only). */
const asyncInference = z.strictObject({
    maxConcurrentInvocationsPerInstance: z
        .number()
        .optional()
        .meta(
            doc("Requests one instance processes at a time.", {
                defaultText: "SageMaker chooses",
                allowed: integers(MAX_CONCURRENT_INVOCATIONS),
            }),
        ),
    existingLocations: z
        .strictObject({
            inputPrefix: s3Location("Where callers upload request payloads; the execution role may read it."),
            outputPath: s3Location("Where SageMaker writes results (S3OutputPath)."),
            failurePath: s3Location("Where SageMaker writes failures (S3FailurePath)."),
            kmsKeyArn: z.string().meta(doc("KMS key SageMaker encrypts results and failures with.", { allowed: kmsKeyOfStackRegion })),
        })
        .optional()
        .meta(
            doc("Locations in a bucket you own, instead of the bucket AsyncEndpoint creates.", {
                defaultText: "a new KMS-encrypted, TLS-only, private bucket",
            }),
        ),
    expirationDays: z
        .number()
        .optional()
        .meta(
            doc("Days before requests, results and failures expire from the created bucket. Not with existingLocations.", {
                default: ASYNC_INFERENCE_DEFAULTS.expirationDays,
                allowed: integers(S3_EXPIRATION_DAYS),
            }),
        ),
    forceDestroy: z
        .boolean()
        .optional()
        .meta(
            doc("Let `pulumi destroy` delete the created bucket while it still holds objects. Not with existingLocations.", {
                default: ASYNC_INFERENCE_DEFAULTS.forceDestroy,
            }),
        ),
    notifications: z
        .strictObject({
            successTopicArn: z
                .string()
                .optional()
                .meta(
                    doc("Existing SNS topic told of each success.", { defaultText: "a KMS-encrypted topic is created", allowed: snsTopic }),
                ),
            errorTopicArn: z
                .string()
                .optional()
                .meta(
                    doc("Existing SNS topic told of each failure.", { defaultText: "a KMS-encrypted topic is created", allowed: snsTopic }),
                ),
            kmsKeyArn: z
                .string()
                .optional()
                .meta(
                    doc("KMS key of the existing topics; a created execution role may use it. Only with an existing topic.", {
                        defaultText: "none",
                        allowed: kmsKey,
                    }),
                ),
            includeInferenceResponseIn: z
                .array(z.enum(INCLUDE_INFERENCE_RESPONSE_IN))
                .optional()
                .meta(
                    doc("Topics whose messages carry the inference response (only responses up to 128 KB fit).", {
                        defaultText: "none (responses can hold personal data; subscribers read them from S3)",
                        allowed: "no repeats",
                    }),
                ),
        })
        .optional()
        .meta(
            doc("Where SageMaker tells callers a request finished or failed.", {
                defaultText: "both topics created, responses not included",
            }),
        ),
});

const d = BACKLOG_SCALING_DEFAULTS;

/** AsyncEndpoint's `scaling` block (kind: async only). */
const scaling = z.strictObject({
    enabled: z
        .boolean()
        .optional()
        .meta(doc("Register the variants with Application Auto Scaling.", { default: d.enabled })),
    minCapacity: z
        .number()
        .optional()
        .meta(
            doc("Fewest instances per variant. 0 lets an idle endpoint cost nothing; the first request then waits for an instance.", {
                default: d.minCapacity,
                allowed: "integer >= 0, at most maxCapacity",
            }),
        ),
    maxCapacity: z
        .number()
        .optional()
        .meta(
            doc("Most instances per variant.", { default: d.maxCapacity, allowed: "integer >= 1, at least every variant's instanceCount" }),
        ),
    metricName: z
        .string()
        .optional()
        .meta(
            doc("The metric target tracking follows; the key exists so that a real-time metric is refused with a reason.", {
                default: d.metricName,
                allowed: `only ${BACKLOG_SCALING_METRIC}`,
            }),
        ),
    targetBacklogPerInstance: z
        .number()
        .optional()
        .meta(
            doc("Queued requests per instance that target tracking holds the endpoint at.", {
                default: d.targetBacklogPerInstance,
                allowed: "number > 0",
            }),
        ),
    scaleInCooldownSeconds: z
        .number()
        .optional()
        .meta(
            doc("Seconds after a scale-in before another scale-in.", {
                default: d.scaleInCooldownSeconds,
                allowed: integers({ min: 0, max: MAX_COOLDOWN_SECONDS }),
            }),
        ),
    scaleOutCooldownSeconds: z
        .number()
        .optional()
        .meta(
            doc("Seconds after a scale-out before another; also the scale-from-zero step policy's cooldown.", {
                default: d.scaleOutCooldownSeconds,
                allowed: integers({ min: 0, max: MAX_COOLDOWN_SECONDS }),
            }),
        ),
});

/** The container log group (EndpointArgs.logs). */
const endpointLogs = z
    .strictObject({
        retentionDays: z
            .number()
            .optional()
            .meta(
                doc("Days the container logs are kept.", {
                    default: ENDPOINT_LOGS_DEFAULTS.retentionDays,
                    allowed: `one of ${LOG_RETENTION_DAYS.join(", ")}`,
                }),
            ),
        kmsKeyArn: z
            .string()
            .optional()
            .meta(
                doc("KMS key of the log group; its key policy must let CloudWatch Logs use it for this log group.", {
                    defaultText: "the capture bucket's key (a created one lets CloudWatch Logs use it for each endpoint's log group)",
                    allowed: kmsKeyOfStackRegion,
                }),
            ),
    })
    .optional()
    .meta(
        doc("The container log group /aws/sagemaker/Endpoints/<name>, created before the endpoint.", {
            defaultText: "see its keys",
        }),
    );

/** The detail dashboard (EndpointArgs.dashboard, without the programs-only extra widgets). */
const endpointDashboard = z
    .union([
        z.boolean(),
        z.strictObject({
            name: z
                .string()
                .optional()
                .meta(
                    doc("CloudWatch dashboard name, global to the account.", {
                        defaultText: "the endpoint name",
                        allowed: 'A-Z, a-z, 0-9, "-" and "_", at most 255 characters',
                    }),
                ),
        }),
    ])
    .optional()
    .meta(doc("The endpoint's detail dashboard; false declares none. Extra widgets: component arguments only.", { default: true }));

/** What `npm run smoke` sends to an endpoint (tools/smoke/): read by the tool, not by the components. */
const smokeSample = z.strictObject({
    payload: z
        .string()
        .optional()
        .meta(doc("The request body, e.g. one CSV row of features.", { default: SMOKE_SAMPLE_DEFAULTS.payload, allowed: "text" })),
    contentType: z
        .string()
        .optional()
        .meta(
            doc("Its MIME type; list it in dataCapture.csvContentTypes or jsonContentTypes, or the capture is base64.", {
                default: SMOKE_SAMPLE_DEFAULTS.contentType,
                allowed: 'a MIME type "type/subtype"',
            }),
        ),
});

/**
 * The fields every endpoint kind takes alike (the shared part of the component arguments:
 * capture, metrics, role, volume key, isolation, logs, tags, dashboard), in stack-file order.
 */
const sharedEndpointFields = {
    dataCapture: dataCapture.optional().meta(doc("Data Capture.", { defaultText: "see its keys: everything captured" })),
    metrics: metrics.optional().meta(doc("Enhanced metrics.", { defaultText: "see its keys" })),
    executionRoleArn: z
        .string()
        .optional()
        .meta(
            doc("Existing execution role of the model(s).", {
                defaultText: "a least-privilege role is created",
                allowed: form(arnForm(ARN_KINDS.iamRole)),
            }),
        ),
    volumeKmsKeyArn: z
        .string()
        .optional()
        .meta(
            doc("KMS key of the ML storage volumes. Not with instance-store types, which AWS encrypts itself.", {
                defaultText: "the capture bucket's key (none on instance-store types)",
                allowed: kmsKeyOfStackRegion,
            }),
        ),
    networkIsolation: z
        .boolean()
        .optional()
        .meta(
            doc("Block all network access of the model container(s).", { defaultText: 'true when network.mode is not "none", else false' }),
        ),
    logs: endpointLogs,
    tags: tags("Tags of this endpoint's resources, over the stack's `tags`."),
    dashboard: endpointDashboard,
    features: featuresSchema.optional().meta(
        doc("Names and types of the input and output features: the columns of the endpoint's dataset table (docs/components/dataset.md).", {
            defaultText: "none: raw `input` and `output` strings",
            allowed: "only on an endpoint a forwarder with `dataset: true` forwards",
        }),
    ),
};

/** Blocks that only an async endpoint understands. */
const ASYNC_ONLY_KEYS = ["async", "scaling"] as const;

export const endpointEntrySchema = z
    .strictObject({
        name: z
            .string()
            .meta(doc("Endpoint name, and the name of its component.", { allowed: TEXT.sageMakerName(MAX_ENDPOINT_NAME_LENGTH) })),
        kind: z
            .enum(["realtime", "async"])
            .default("realtime")
            .meta(
                doc(
                    "Real-time (RealtimeEndpoint), asynchronous (AsyncEndpoint), or models as inference components (InferenceComponentEndpoint).",
                ),
            ),
        model: model.meta(doc("The model every variant serves unless it sets its own.")),
        instanceType: z
            .string()
            .optional()
            .meta(
                doc("Instance type of variants that set none.", {
                    defaultText: "none: required unless every variant sets one",
                    allowed: TEXT.instanceType,
                }),
            ),
        instanceCount: z
            .number()
            .optional()
            .meta(
                doc("Instance count of variants that set none.", {
                    default: VARIANT_DEFAULTS.instanceCount,
                    allowed: `integer >= ${VARIANT_LIMITS.minInstanceCount}`,
                }),
            ),
        variants: z
            .array(variant)
            .optional()
            .meta(
                doc("Production variants.", {
                    defaultText: `one variant "${DEFAULT_VARIANT_NAME}" with the endpoint's model, instanceType and instanceCount`,
                    allowed: `1-${VARIANT_LIMITS.maxVariants} variants`,
                }),
            ),
        ...sharedEndpointFields,
        async: asyncInference
            .optional()
            .meta(doc("kind async only: output locations, notifications, concurrency.", { defaultText: "see its keys" })),
        scaling: scaling.optional().meta(doc("kind async only: backlog scaling.", { defaultText: "see its keys" })),
        alarms: endpointAlarmsSchema.optional().meta(
            doc("Alarm thresholds and extra actions; each kind has its own thresholds (docs/alarms.md).", {
                defaultText: "every alarm at its default threshold",
            }),
        ),
        autoRollback: autoRollbackSchema
            .optional()
            .meta(doc("kind realtime only: blue/green updates that roll back when a chosen alarm fires.", { defaultText: "none" })),
        smoke: smokeSample
            .optional()
            .meta(doc("The sample request `npm run smoke` sends after a deploy (docs/smoke.md).", { defaultText: "see its keys" })),
    })
    .superRefine(
        (entry, ctx) => {
            // A kind zod refused is reported itself; the kind-only keys are judged only against a valid one.
            if (entry.kind === "async" && entry.autoRollback !== undefined) {
                ctx.addIssue({
                    code: "custom",
                    path: ["autoRollback"],
                    message: 'is only valid with kind: realtime (this endpoint\'s kind is "async")',
                });
            }
            if ((entry.kind ?? "realtime") !== "realtime") {
                return;
            }
            for (const key of ASYNC_ONLY_KEYS) {
                if (entry[key] !== undefined) {
                    ctx.addIssue({
                        code: "custom",
                        path: [key],
                        message: 'is only valid with kind: async (this endpoint\'s kind is "realtime")',
                    });
                }
            }
        },
        // Also when other keys of the entry are refused, so one run reports every problem.
        { when: (payload) => isObject(payload.value) },
    )
    .meta({ title: "endpoint" });

const ic = INFERENCE_COMPONENT_DEFAULTS;

/** One model of an inference-components endpoint. */
const inferenceComponent = z
    .strictObject({
        name: z.string().meta(
            doc("Component name, unique in the endpoint; its physical name is `<endpoint>-<name>`.", {
                allowed: `${TEXT.sageMakerName(63)}; with the endpoint name and a hyphen at most 63`,
            }),
        ),
        label: z
            .string()
            .optional()
            .meta(
                doc("What people call the model, tagged `sagemaker-monitoring:label`.", {
                    defaultText: "the name",
                    allowed: `1-${TAG_LIMITS.maxValueLength} characters`,
                }),
            ),
        model: model.meta(doc("The model this component serves.")),
        acceleratorDevices: z
            .number()
            .optional()
            .meta(
                doc("GPUs each copy needs (NumberOfAcceleratorDevicesRequired). GPU instance types only.", {
                    default: ic.acceleratorDevices,
                    allowed: "integer >= 1, at most the instance type's GPUs",
                }),
            ),
        minMemoryMb: z.number().meta(doc("Memory each copy needs, in MB (MinMemoryRequiredInMb).", { allowed: "integer >= 128" })),
        cpuCores: z
            .number()
            .optional()
            .meta(
                doc("CPU cores each copy needs (NumberOfCpuCoresRequired).", { defaultText: "SageMaker decides", allowed: "number > 0" }),
            ),
        copyCount: z
            .number()
            .optional()
            .meta(doc("Copies deployed (RuntimeConfig.CopyCount).", { default: ic.copyCount, allowed: "integer >= 1" })),
        autoscaling: z
            .strictObject({
                minCopies: z
                    .number()
                    .optional()
                    .meta(doc("Fewest copies.", { defaultText: "copyCount", allowed: "integer >= 1" })),
                maxCopies: z.number().meta(doc("Most copies.", { allowed: "integer >= minCopies" })),
                targetInvocationsPerCopy: z.number().meta(
                    doc("Invocations per copy per minute that target tracking holds (SageMakerInferenceComponentInvocationsPerCopy).", {
                        allowed: "number > 0",
                    }),
                ),
                scaleInCooldownSeconds: z
                    .number()
                    .optional()
                    .meta(
                        doc("Seconds after a scale-in before another.", { default: ic.scaleInCooldownSeconds, allowed: "integer 0-3600" }),
                    ),
                scaleOutCooldownSeconds: z
                    .number()
                    .optional()
                    .meta(
                        doc("Seconds after a scale-out before another.", {
                            default: ic.scaleOutCooldownSeconds,
                            allowed: "integer 0-3600",
                        }),
                    ),
            })
            .optional()
            .meta(doc("Scale copies with Application Auto Scaling.", { defaultText: "none: copyCount copies" })),
    })
    .meta({ title: "inference component" });

/** An endpoint whose models are inference components (InferenceComponentEndpoint). */
export const inferenceComponentEntrySchema = z
    .strictObject({
        name: z
            .string()
            .meta(doc("Endpoint name, and the name of its component.", { allowed: TEXT.sageMakerName(MAX_ENDPOINT_NAME_LENGTH) })),
        kind: z.literal("inference-components").meta(doc("Models as inference components sharing instances (InferenceComponentEndpoint).")),
        instanceType: z
            .string()
            .meta(doc("Instance type hosting every component; a GPU type must be in the GPU catalogue.", { allowed: TEXT.instanceType })),
        instanceCount: z
            .number()
            .optional()
            .meta(doc("Instances at creation.", { defaultText: "minInstances", allowed: "integer >= minInstances" })),
        minInstances: z
            .number()
            .optional()
            .meta(doc("Managed instance scaling: fewest instances.", { default: ic.minInstances, allowed: "integer >= 1" })),
        maxInstances: z
            .number()
            .optional()
            .meta(
                doc("Managed instance scaling: most instances; every component's GPUs at its most copies must fit in them.", {
                    defaultText: "instanceCount",
                    allowed: "integer >= instanceCount",
                }),
            ),
        routingStrategy: z
            .enum(ROUTING_STRATEGIES)
            .optional()
            .meta(doc("How requests are spread over copies (RoutingConfig).", { default: ic.routingStrategy })),
        inferenceComponents: z
            .array(inferenceComponent)
            .meta(doc("The models, one inference component each.", { allowed: `1-${MAX_INFERENCE_COMPONENTS} components` })),
        ...sharedEndpointFields,
        smoke: smokeSample
            .optional()
            .meta(doc("The sample request `npm run smoke` sends after a deploy (docs/smoke.md).", { defaultText: "see its keys" })),
        gpuAlarms: gpuAlarmsSchema
            .optional()
            .meta(doc("GPU instance types only: thresholds of the unused-GPU alarms.", { defaultText: "both alarms at their defaults" })),
        alarms: endpointAlarmsSchema.optional().meta(
            doc(
                "Thresholds of the real-time alarms (invocation metrics per component) and extra actions of every alarm (docs/alarms.md).",
                {
                    defaultText: "every alarm at its default threshold",
                },
            ),
        ),
        autoRollback: componentAutoRollbackSchema.optional().meta(
            doc("Each component's rolling update, rolled back when a chosen alarm of it or of the instances fires.", {
                defaultText: "none",
            }),
        ),
    })
    .meta({ title: "endpoint" });

/** A stack's corrections and additions to the built-in GPU catalogue (domain/gpuCatalogue.ts). */
const gpuCatalogueSchema = z.record(
    z.string(),
    z
        .strictObject({
            gpus: z
                .number()
                .optional()
                .meta(
                    doc("GPUs per instance.", {
                        defaultText: "the built-in catalogue's; required for a type it lacks",
                        allowed: "integer >= 1",
                    }),
                ),
            hourlyUsd: z
                .record(z.string(), z.number())
                .optional()
                .meta(
                    doc("On-demand USD per instance-hour, by region (`us-east-1: 7.09`), over the built-in prices.", {
                        defaultText: "the built-in prices",
                        allowed: "numbers > 0",
                    }),
                ),
        })
        .meta({ title: "GPU instance type" }),
);

/** Every endpoint entry: `kind` (realtime when left out) chooses the shape. */
const anyEndpointEntrySchema = z
    .discriminatedUnion("kind", [endpointEntrySchema, inferenceComponentEntrySchema])
    .meta({ title: "endpoint" });

export const captureBucketSchema = z.strictObject({
    prefix: z
        .string()
        .optional()
        .meta(
            doc("Key prefix capture files go under (SageMaker appends `/<endpoint>/<variant>/...`).", {
                default: CAPTURE_BUCKET_DEFAULTS.prefix,
                allowed: TEXT.s3Prefix,
            }),
        ),
    expirationDays: z
        .number()
        .optional()
        .meta(
            doc("Days before capture files expire; old versions expire a day after. Not with existing.", {
                default: CAPTURE_BUCKET_DEFAULTS.expirationDays,
                allowed: integers(S3_EXPIRATION_DAYS),
            }),
        ),
    forceDestroy: z
        .boolean()
        .optional()
        .meta(
            doc("Let `pulumi destroy` delete the bucket while it still holds capture data.", {
                default: CAPTURE_BUCKET_DEFAULTS.forceDestroy,
            }),
        ),
    existing: z
        .strictObject({
            bucketName: z.string().meta(doc("The bucket capture files go to.", { allowed: TEXT.s3BucketName })),
            kmsKeyArn: z.string().meta(
                doc("The key the bucket's objects are encrypted with; SageMaker encrypts capture files with it.", {
                    allowed: kmsKeyOfStackRegion,
                }),
            ),
            manageNotifications: z
                .boolean()
                .optional()
                .meta(
                    doc("Let the stack's forwarders own the bucket's whole notification configuration (replacing its other triggers).", {
                        defaultText: "false: forwarders on an existing bucket are refused",
                    }),
                ),
        })
        .optional()
        .meta(doc("Use this bucket and key instead of creating them.", { defaultText: "a new bucket and key are created" })),
});

export const notificationsSchema = z.strictObject({
    topicArn: z
        .string()
        .optional()
        .meta(doc("Existing SNS topic every alarm notifies.", { defaultText: "a KMS-encrypted topic is created", allowed: snsTopic })),
    emails: z
        .array(z.string())
        .optional()
        .meta(
            doc("E-mail addresses subscribed to the topic (each must confirm).", {
                defaultText: "none",
                allowed: "e-mail addresses like oncall@example.com",
            }),
        ),
});

export const networkSchema = z.discriminatedUnion("mode", [
    z.strictObject({
        mode: z.literal("none").meta(doc("Where endpoints run: the public SageMaker network, a created VPC or an existing one.")),
    }),
    z.strictObject({
        mode: z.literal("create"),
        availabilityZoneCount: z
            .number()
            .optional()
            .meta(
                doc("Availability zones of the created VPC.", {
                    default: NETWORK_DEFAULTS.availabilityZoneCount,
                    allowed: integers(NETWORK_LIMITS.availabilityZoneCount),
                }),
            ),
        cidrBlock: z
            .string()
            .optional()
            .meta(
                doc("Address range of the created VPC.", {
                    default: NETWORK_DEFAULTS.cidrBlock,
                    allowed: "IPv4 CIDR block with a /16 to /28 mask",
                }),
            ),
        interfaceEndpoints: z
            .boolean()
            .optional()
            .meta(
                doc(
                    "Interface VPC endpoints for CloudWatch Logs, CloudWatch and SNS, so container logs, instance metrics and async notifications leave the isolated subnets (about $7.30 a month per service and zone, plus $0.01 per GB).",
                    { default: NETWORK_DEFAULTS.interfaceEndpoints, allowed: "true or false" },
                ),
            ),
    }),
    z.strictObject({
        mode: z.literal("existing"),
        subnetIds: z.array(z.string()).meta(
            doc("Subnets the endpoints run in.", {
                allowed: `1-${NETWORK_LIMITS.maxIds} IDs like ${form("subnet-0123456789abcdef0")}`,
            }),
        ),
        securityGroupIds: z.array(z.string()).meta(
            doc("Security groups of the endpoints.", {
                allowed: `1-${NETWORK_LIMITS.maxIds} IDs like ${form("sg-0123456789abcdef0")}`,
            }),
        ),
    }),
]);

export const stackConfigSchema = z.strictObject({
    endpoints: z.array(anyEndpointEntrySchema).min(1).meta(doc("The stack's endpoints.")),
    captureBucket: captureBucketSchema.default({}).meta(doc("Where Data Capture writes: a created bucket, or an existing one.")),
    notifications: notificationsSchema.default({}).meta(doc("Where every alarm of the stack notifies.")),
    network: networkSchema.default({ mode: "none" }).meta(doc("Where endpoints run.")),
    tags: stringMap
        .default({})
        .meta(doc("Tags on every resource of the stack.", { allowed: `at most ${TAG_LIMITS.maxTags} tags, no "aws:" keys` })),
    forwarders: z
        .array(forwarderEntrySchema)
        .optional()
        .meta(
            doc("Capture forwarders; the capture bucket gets one notification configuration gathering all of them.", {
                defaultText: "none",
            }),
        ),
    dataset: datasetSchema
        .default({})
        .meta(
            doc(
                "The capture dataset's settings: Parquet files in the capture bucket, a Glue database and tables, an optional Athena workgroup and connector roles. Written when a forwarder sets `dataset: true` (docs/components/dataset.md).",
            ),
        ),
    gpuCatalogue: gpuCatalogueSchema.optional().meta(
        doc("GPUs and hourly prices of instance types, merged over the built-in GPU catalogue (domain/gpuCatalogue.ts).", {
            defaultText: "the built-in catalogue",
            allowed: "keys are instance types `ml.<family>.<size>`",
        }),
    ),
});

export type StackConfig = z.infer<typeof stackConfigSchema>;
export type EndpointEntry = z.infer<typeof endpointEntrySchema>;
export type InferenceComponentEntry = z.infer<typeof inferenceComponentEntrySchema>;

/** The config keys, without the project namespace. */
export const STACK_CONFIG_KEYS = Object.keys(stackConfigSchema.shape) as (keyof StackConfig)[];
