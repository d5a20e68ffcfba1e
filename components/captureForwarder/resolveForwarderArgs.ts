import * as pulumi from "@pulumi/pulumi";
import { CAPTURE_FORWARDER_TAG } from "../../domain/forwarder/contract";
import * as rules from "../../domain/validationRules";
import { checkedAtDeploy } from "../core/validation/deployTime";
import { CAPTURE_FORWARDER_DEFAULTS, CaptureForwarderArgs } from "./forwarderArgs";
import { autoNamedChildNames, ForwarderNames, forwarderNames } from "./forwarderNames";
import { forwarderKeyPrefixes } from "./notificationRules";
import { FeatureSchema } from "../../domain/dataset/featureSchema";

/** Forwarder arguments with every default applied and every name derived. Only built from arguments that passed validation. */
export interface ResolvedForwarder {
    /** How problems found at deploy time name the component: `CaptureForwarder "<name>"`. */
    subject: string;
    names: ForwarderNames;
    autoNamed: ReturnType<typeof autoNamedChildNames>;
    /** The caller's tags plus the tag that marks the forwarder's resources. */
    tags: Record<string, string>;
    /** Key prefixes it reads, each ending in "/". */
    keyPrefixes: string[];
    /** Dataset key prefixes it writes, each ending in "/"; undefined without a dataset. */
    datasetKeyPrefixes: string[] | undefined;
    /** The feature schemas it ships beside its code (DATASET_SCHEMAS_FILE); undefined without a dataset. */
    datasetSchemas: Record<string, FeatureSchema> | undefined;
    timeoutSeconds: number;
    memorySizeMb: number;
    maximumRetryAttempts: number;
    maximumEventAgeSeconds: number;
    logRetentionDays: number;
}

export function resolveForwarderArgs(name: string, args: CaptureForwarderArgs): ResolvedForwarder {
    const d = CAPTURE_FORWARDER_DEFAULTS;
    return {
        subject: `CaptureForwarder "${name}"`,
        names: forwarderNames(args.functionName ?? name),
        autoNamed: autoNamedChildNames(name),
        tags: { ...(args.tags ?? {}), [CAPTURE_FORWARDER_TAG.key]: CAPTURE_FORWARDER_TAG.value },
        keyPrefixes: forwarderKeyPrefixes(args.capture.prefix, args.endpointNames),
        datasetKeyPrefixes: args.dataset === undefined ? undefined : forwarderKeyPrefixes(args.dataset.prefix, args.endpointNames),
        datasetSchemas: args.dataset === undefined ? undefined : forwardedSchemas(args.dataset.schemas, args.endpointNames),
        timeoutSeconds: args.timeoutSeconds ?? d.timeoutSeconds,
        memorySizeMb: args.memorySizeMb ?? d.memorySizeMb,
        maximumRetryAttempts: args.maximumRetryAttempts ?? d.maximumRetryAttempts,
        maximumEventAgeSeconds: args.maximumEventAgeSeconds ?? d.maximumEventAgeSeconds,
        logRetentionDays: args.logRetentionDays ?? d.logRetentionDays,
    };
}

/** The schemas of the endpoints it forwards (all, without `endpointNames`), by endpoint name in sorted order. */
function forwardedSchemas(schemas: Record<string, FeatureSchema>, endpointNames: string[] | undefined): Record<string, FeatureSchema> {
    const names = Object.keys(schemas)
        .filter((endpoint) => endpointNames === undefined || endpointNames.includes(endpoint))
        .sort();
    return Object.fromEntries(names.map((endpoint) => [endpoint, schemas[endpoint]]));
}

/** What the forwarder is wired to: its capture bucket and key, its alarm topic, the key of a given token secret. */
export interface ForwarderWiring {
    bucketName: pulumi.Input<string>;
    captureKmsKeyArn: pulumi.Input<string>;
    /** The dataset's bucket and key; undefined without a dataset. */
    dataset: { bucketName: pulumi.Input<string>; kmsKeyArn: pulumi.Input<string> } | undefined;
    alarmTopicArn: pulumi.Input<string>;
    tokenSecretKmsKeyArn: pulumi.Input<string> | undefined;
}

/** The wiring as given: plain values were validated before any resource, Outputs are checked once they resolve. */
export function checkedForwarderWiring(subject: string, args: CaptureForwarderArgs): ForwarderWiring {
    const secretKey = args.sink?.tokenSecretKmsKeyArn;
    return {
        bucketName: checkedAtDeploy(subject, "capture.bucketName", args.capture.bucketName, rules.s3BucketName),
        captureKmsKeyArn: checkedAtDeploy(subject, "capture.kmsKeyArn", args.capture.kmsKeyArn, rules.kmsKeyArn),
        dataset:
            args.dataset === undefined
                ? undefined
                : {
                      bucketName: checkedAtDeploy(subject, "dataset.bucketName", args.dataset.bucketName, rules.s3BucketName),
                      kmsKeyArn: checkedAtDeploy(subject, "dataset.kmsKeyArn", args.dataset.kmsKeyArn, rules.kmsKeyArn),
                  },
        alarmTopicArn: checkedAtDeploy(subject, "alarmTopicArn", args.alarmTopicArn, rules.snsTopicArn),
        tokenSecretKmsKeyArn:
            secretKey === undefined ? undefined : checkedAtDeploy(subject, "sink.tokenSecretKmsKeyArn", secretKey, rules.kmsKeyArn),
    };
}
