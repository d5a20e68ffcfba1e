import { INTEGER_SETTINGS, SINK_KINDS } from "../../domain/forwarder/environment";
import { Problem, ProblemCollector } from "../core/validation/problems";
import * as rules from "../../domain/validationRules";
import { CAPTURE_FORWARDER_DEFAULTS, CAPTURE_FORWARDER_LIMITS, CaptureForwarderArgs, ForwarderSettings } from "./forwarderArgs";
import { CONSTRUCTION_STAND_INS, createsTokenSecret, forwarderEnvironmentProblems } from "./forwarderEnvironment";
import { forwarderEgressProblems } from "./forwarderEgress";
import { forwarderComponentNameRule, forwarderFunctionNameRule } from "./forwarderNameLimits";
import { forwarderKeyPrefixes } from "./notificationRules";
import { prefixesOverlap } from "../../domain/s3NotificationOverlap";

const L = CAPTURE_FORWARDER_LIMITS;

function sinkProblems(settings: ForwarderSettings, problems: ProblemCollector): void {
    const sink = settings.sink;
    if (sink === undefined || sink.tokenSecretKmsKeyArn === undefined) {
        return;
    }
    if (sink.tokenSecretArn === undefined) {
        problems.add(
            "sink.tokenSecretKmsKeyArn",
            "must not be set without sink.tokenSecretArn: a created secret is encrypted with the forwarder's own key",
        );
    } else if (rules.isKnownString(sink.tokenSecretKmsKeyArn)) {
        problems.check("sink.tokenSecretKmsKeyArn", rules.kmsKeyArn(sink.tokenSecretKmsKeyArn));
    }
}

/**
 * Every problem with the settings a stack file can give, by property path. Sink and tuning values
 * go through the Lambda's own environment validation, so a value the component accepts is one the
 * Lambda accepts at cold start. Values known only at deploy time are checked then.
 * @param datasetPrefix the dataset's prefix when the forwarder writes the dataset (then `sink` may be left out)
 */
export function forwarderSettingsProblems(componentName: string, settings: ForwarderSettings, datasetPrefix?: string): Problem[] {
    const problems = new ProblemCollector();
    nameProblems(componentName, settings, problems);
    endpointNamesProblems(settings, problems);
    sinkSettingsProblems(settings, problems, datasetPrefix);
    timeoutProblems(settings, problems);
    lambdaSettingsProblems(settings, problems);
    problems.checkTags(settings.tags);
    return problems.list();
}

function nameProblems(componentName: string, settings: ForwarderSettings, problems: ProblemCollector): void {
    const functionName = settings.functionName ?? componentName;
    const nameProblem = forwarderFunctionNameRule(functionName);
    if (nameProblem !== undefined) {
        problems.add(
            "functionName",
            settings.functionName === undefined ? `${nameProblem}; it defaults to the component name` : nameProblem,
        );
    }
    // A component name that is also the function name is held to the function name's stricter rule.
    if (componentName !== functionName) {
        problems.check("name", forwarderComponentNameRule(componentName));
    }
}

function endpointNamesProblems(settings: ForwarderSettings, problems: ProblemCollector): void {
    if (settings.endpointNames !== undefined) {
        if (settings.endpointNames.length === 0) {
            problems.add("endpointNames", "must list at least one endpoint (leave it out to forward every endpoint's capture)");
        }
        settings.endpointNames.forEach((endpoint, i) => problems.check(`endpointNames[${i}]`, rules.sageMakerName(endpoint)));
        problems.check("endpointNames", rules.uniqueValues(settings.endpointNames));
    }
}

function sinkSettingsProblems(settings: ForwarderSettings, problems: ProblemCollector, datasetPrefix: string | undefined): void {
    if (settings.sink === undefined) {
        if (datasetPrefix === undefined) {
            problems.add("sink", "must be set unless the forwarder writes the dataset: give `sink`, `dataset` or both");
            return;
        }
    } else {
        problems.check("sink.kind", rules.oneOf(settings.sink.kind, SINK_KINDS));
        if (settings.sink.kind !== "arthur" && settings.sink.kind !== "http") {
            return;
        }
        sinkProblems(settings, problems);
    }
    const given = settings.sink?.tokenSecretArn;
    const tokenSecretArn = rules.isKnownString(given)
        ? given
        : given !== undefined || createsTokenSecret(settings.sink)
          ? CONSTRUCTION_STAND_INS.tokenSecretArn
          : undefined;
    problems.addAll(
        forwarderEnvironmentProblems(
            settings,
            {
                deadLetterQueueUrl: CONSTRUCTION_STAND_INS.deadLetterQueueUrl,
                idempotencyTable: CONSTRUCTION_STAND_INS.idempotencyTable,
                tokenSecretArn,
                datasetBucket: datasetPrefix === undefined ? undefined : CONSTRUCTION_STAND_INS.datasetBucket,
            },
            datasetPrefix,
        ),
    );
    forwarderEgressProblems(settings, problems, new Set(problems.list().map((p) => p.propertyPath)));
}

function timeoutProblems(settings: ForwarderSettings, problems: ProblemCollector): void {
    if (settings.timeoutSeconds !== undefined) {
        problems.check("timeoutSeconds", rules.integerInRange(settings.timeoutSeconds, 1, L.maxTimeoutSeconds));
    }
    const timeoutMs = (settings.timeoutSeconds ?? CAPTURE_FORWARDER_DEFAULTS.timeoutSeconds) * 1000;
    const safetyMarginMs = settings.safetyMarginMs ?? INTEGER_SETTINGS.safetyMarginMs.default;
    if (Number.isInteger(timeoutMs) && Number.isInteger(safetyMarginMs) && timeoutMs <= safetyMarginMs) {
        problems.add(
            "timeoutSeconds",
            `must leave time to work: ${timeoutMs} ms is not more than safetyMarginMs (${safetyMarginMs} ms), the time the handler keeps free to dead-letter and log before the timeout`,
        );
    }
}

function lambdaSettingsProblems(settings: ForwarderSettings, problems: ProblemCollector): void {
    if (settings.memorySizeMb !== undefined) {
        problems.check("memorySizeMb", rules.integerInRange(settings.memorySizeMb, L.minMemorySizeMb, L.maxMemorySizeMb));
    }
    if (settings.reservedConcurrency !== undefined) {
        problems.check("reservedConcurrency", rules.integerAtLeast(settings.reservedConcurrency, 1));
    }
    if (settings.maximumRetryAttempts !== undefined) {
        problems.check("maximumRetryAttempts", rules.integerInRange(settings.maximumRetryAttempts, 0, L.maxRetryAttempts));
    }
    if (settings.maximumEventAgeSeconds !== undefined) {
        problems.check(
            "maximumEventAgeSeconds",
            rules.integerInRange(settings.maximumEventAgeSeconds, L.minEventAgeSeconds, L.maxEventAgeSeconds),
        );
    }
    if (settings.logRetentionDays !== undefined) {
        problems.check("logRetentionDays", rules.oneOf(settings.logRetentionDays, L.logRetentionDays));
    }
}

/** The settings' problems plus the wiring's: the capture location and the alarm topic. */
export function captureForwarderArgsProblems(componentName: string, args: CaptureForwarderArgs): Problem[] {
    const problems = new ProblemCollector();
    const datasetPrefix = args.dataset === undefined || rules.s3Prefix(args.dataset.prefix) !== undefined ? undefined : args.dataset.prefix;
    problems.addAll(forwarderSettingsProblems(componentName, args, args.dataset === undefined ? undefined : (datasetPrefix ?? "")));
    if (args.dataset !== undefined) {
        problems.addAll(forwarderDatasetProblems(args));
    }
    problems.check("capture.prefix", rules.s3Prefix(args.capture?.prefix));
    if (rules.isKnownString(args.capture?.bucketName)) {
        problems.check("capture.bucketName", rules.s3BucketName(args.capture.bucketName));
    }
    if (rules.isKnownString(args.capture?.kmsKeyArn)) {
        problems.check("capture.kmsKeyArn", rules.kmsKeyArn(args.capture.kmsKeyArn));
    }
    if (rules.isKnownString(args.alarmTopicArn)) {
        problems.check("alarmTopicArn", rules.snsTopicArn(args.alarmTopicArn));
    }
    return problems.list();
}

/**
 * The dataset destination: its prefix, bucket and key, and no overlap with the capture keys the
 * forwarder is triggered on in the same bucket (it would read its own output: an S3 notification loop).
 */
function forwarderDatasetProblems(args: CaptureForwarderArgs): Problem[] {
    const problems = new ProblemCollector("dataset");
    const dataset = args.dataset!;
    problems.check("prefix", rules.s3Prefix(dataset.prefix));
    if (rules.isKnownString(dataset.bucketName)) {
        problems.check("bucketName", rules.s3BucketName(dataset.bucketName));
    }
    if (rules.isKnownString(dataset.kmsKeyArn)) {
        problems.check("kmsKeyArn", rules.kmsKeyArn(dataset.kmsKeyArn));
    }
    const otherBucket =
        rules.isKnownString(dataset.bucketName) &&
        rules.isKnownString(args.capture?.bucketName) &&
        dataset.bucketName !== args.capture.bucketName;
    if (!otherBucket && rules.s3Prefix(dataset.prefix) === undefined && rules.s3Prefix(args.capture?.prefix) === undefined) {
        const trigger = forwarderKeyPrefixes(args.capture.prefix, args.endpointNames).find((prefix) =>
            prefixesOverlap(prefix, `${dataset.prefix}/`),
        );
        if (trigger !== undefined) {
            problems.add(
                "prefix",
                `must not overlap "${trigger}", a capture prefix this forwarder is triggered on (got "${dataset.prefix}"): it would read its own output, an S3 notification loop`,
            );
        }
    }
    return problems.list();
}

/** Throws one InputPropertiesError naming every problem, before any resource is declared. */
export function validateCaptureForwarderArgs(componentName: string, args: CaptureForwarderArgs): void {
    const problems = new ProblemCollector();
    problems.addAll(captureForwarderArgsProblems(componentName, args));
    problems.throwIfAny(`CaptureForwarder "${componentName}"`);
}
