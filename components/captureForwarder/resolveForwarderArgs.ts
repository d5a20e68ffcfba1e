import * as pulumi from "@pulumi/pulumi";
import { CAPTURE_FORWARDER_TAG } from "../../domain/forwarder/contract";
import * as rules from "../../domain/validationRules";
import { checkedAtDeploy } from "../core/validation/deployTime";
import { CAPTURE_FORWARDER_DEFAULTS, CaptureForwarderArgs } from "./forwarderArgs";
import { autoNamedChildNames, ForwarderNames, forwarderNames } from "./forwarderNames";
import { forwarderKeyPrefixes } from "./notificationRules";

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
        timeoutSeconds: args.timeoutSeconds ?? d.timeoutSeconds,
        memorySizeMb: args.memorySizeMb ?? d.memorySizeMb,
        maximumRetryAttempts: args.maximumRetryAttempts ?? d.maximumRetryAttempts,
        maximumEventAgeSeconds: args.maximumEventAgeSeconds ?? d.maximumEventAgeSeconds,
        logRetentionDays: args.logRetentionDays ?? d.logRetentionDays,
    };
}

/** What the forwarder is wired to: its capture bucket and key, its alarm topic, the key of a given token secret. */
export interface ForwarderWiring {
    bucketName: pulumi.Input<string>;
    captureKmsKeyArn: pulumi.Input<string>;
    alarmTopicArn: pulumi.Input<string>;
    tokenSecretKmsKeyArn: pulumi.Input<string> | undefined;
}

/** The wiring as given: plain values were validated before any resource, Outputs are checked once they resolve. */
export function checkedForwarderWiring(subject: string, args: CaptureForwarderArgs): ForwarderWiring {
    const secretKey = args.sink.tokenSecretKmsKeyArn;
    return {
        bucketName: checkedAtDeploy(subject, "capture.bucketName", args.capture.bucketName, rules.s3BucketName),
        captureKmsKeyArn: checkedAtDeploy(subject, "capture.kmsKeyArn", args.capture.kmsKeyArn, rules.kmsKeyArn),
        alarmTopicArn: checkedAtDeploy(subject, "alarmTopicArn", args.alarmTopicArn, rules.snsTopicArn),
        tokenSecretKmsKeyArn:
            secretKey === undefined ? undefined : checkedAtDeploy(subject, "sink.tokenSecretKmsKeyArn", secretKey, rules.kmsKeyArn),
    };
}
