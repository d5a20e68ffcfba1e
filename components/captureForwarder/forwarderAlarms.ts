import { REPLAY_CHUNK_LIMIT_FLAGS, SinkKind } from "../../domain/forwarder/environment";
import { AlarmDefinition } from "../core/alarms/alarmDefinition";
import { ALARM_LIMITS } from "../core/alarms/alarmLimits";
import { alarmName } from "../core/alarms/alarmNames";
import { ForwarderNames } from "./forwarderNames";

export interface ForwarderAlarmScope {
    names: ForwarderNames;
    timeoutSeconds: number;
    maximumRetryAttempts: number;
    /** For the replay command in descriptions. */
    sinkKind: SinkKind | "dataset";
    /**
     * The chunk limits set on the forwarder (undefined: the Lambda's default). Replay keys chunks
     * the same way only when it cuts them the same way, so the runbook's command carries every one
     * that is set; without them replay would resend every chunk the Lambda delivered.
     */
    chunkLimits: { chunkMaxBytes?: number; chunkMaxRecords?: number };
}

/** Duration alarm: fires when an invocation uses more than this share of its timeout. */
const DURATION_ALARM_TIMEOUT_SHARE = 0.8;
/** CloudWatch's limit on AlarmDescription. */
export const ALARM_DESCRIPTION_MAX_LENGTH = ALARM_LIMITS.maxDescriptionLength;

const PERIOD_SECONDS = 60;

function replayCommand(scope: ForwarderAlarmScope): string {
    const limits = (Object.keys(REPLAY_CHUNK_LIMIT_FLAGS) as (keyof typeof REPLAY_CHUNK_LIMIT_FLAGS)[])
        .filter((setting) => scope.chunkLimits[setting] !== undefined)
        .map((setting) => ` ${REPLAY_CHUNK_LIMIT_FLAGS[setting]} ${scope.chunkLimits[setting]}`)
        .join("");
    return (
        `IDEMPOTENCY_TABLE=${scope.names.tableName} npm run replay -- --source s3://<bucket>/<key> --sink ${scope.sinkKind}${limits} ` +
        "(with the Lambda's sink variables; delivered and partly accepted chunks are skipped)"
    );
}

function queueDepth(id: string, queueName: string, description: string): AlarmDefinition {
    return {
        id,
        alarmName: alarmName({ scope: queueName, measure: "visible" }),
        description,
        namespace: "AWS/SQS",
        metricName: "ApproximateNumberOfMessagesVisible",
        dimensions: { QueueName: queueName },
        statistic: "Maximum",
        periodSeconds: PERIOD_SECONDS,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        threshold: 0,
        comparisonOperator: "GreaterThanThreshold",
        // SQS publishes for every queue that holds messages: no datapoint means an empty, idle queue.
        treatMissingData: "notBreaching",
    };
}

function lambdaMetric(
    scope: ForwarderAlarmScope,
    metricName: string,
    statistic: "Sum" | "Maximum",
    threshold: number,
    description: string,
): AlarmDefinition {
    return {
        id: metricName.toLowerCase(),
        alarmName: alarmName({ scope: scope.names.functionName, measure: metricName }),
        description,
        namespace: "AWS/Lambda",
        metricName,
        dimensions: { FunctionName: scope.names.functionName },
        statistic,
        periodSeconds: PERIOD_SECONDS,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        threshold,
        comparisonOperator: "GreaterThanThreshold",
        // Lambda publishes only for minutes with invocations: no datapoint means no capture files arrived.
        treatMissingData: "notBreaching",
    };
}

/**
 * The forwarder's alarms: anything in either queue (nothing may be lost silently), errors,
 * throttles, and invocations close to the timeout. Each description says what to check first.
 */
export function buildForwarderAlarmDefinitions(scope: ForwarderAlarmScope): AlarmDefinition[] {
    const { functionName, deadLetterQueueName, failedInvocationQueueName, logGroupName } = scope.names;
    const durationThresholdMs = Math.round(scope.timeoutSeconds * 1000 * DURATION_ALARM_TIMEOUT_SHARE);
    const percent = Math.round(DURATION_ALARM_TIMEOUT_SHARE * 100);
    return [
        queueDepth(
            "dead-letters",
            deadLetterQueueName,
            `Capture forwarder ${functionName} dead-lettered capture data it could not deliver or read (queue ${deadLetterQueueName} has messages). ` +
                "Each message names bucket, key, versionId, firstLine-lastLine, count and reason, never payloads. " +
                `Read them (aws sqs receive-message --queue-url <url of ${deadLetterQueueName}>), fix the cause ` +
                "(sink 4xx: token or model ID; BASE64: set the endpoint's capture content types; input/output count mismatch: the model's output shape), " +
                `then re-send each object: ${replayCommand(scope)}, and delete the messages.`,
        ),
        queueDepth(
            "failed-invocations",
            failedInvocationQueueName,
            `Lambda gave up on S3 events for capture forwarder ${functionName} after ${scope.maximumRetryAttempts} retries (queue ${failedInvocationQueueName} has messages): ` +
                "the function failed, ran out of time or could not write a dead letter. Each message holds the S3 event (requestPayload) and the error (responseContext). " +
                `Check ${logGroupName} for the error and the summary line, fix it, then re-send each object key of the events: ${replayCommand(scope)}, and delete the messages.`,
        ),
        lambdaMetric(
            scope,
            "Errors",
            "Sum",
            0,
            `Invocations of capture forwarder ${functionName} failed: an unhandled error, a timeout, or a dead letter SQS refused. ` +
                `Lambda retries each S3 event up to ${scope.maximumRetryAttempts} times (delivered chunks are skipped); events that still fail go to ${failedInvocationQueueName}. ` +
                `Check ${logGroupName} for the error and the summary line's unaccounted and objectsIncomplete counts.`,
        ),
        lambdaMetric(
            scope,
            "Throttles",
            "Sum",
            0,
            `Invocations of capture forwarder ${functionName} were throttled (its reserved concurrency or the account's concurrency limit). ` +
                `Lambda retries throttled S3 events for up to maximumEventAgeSeconds, then sends them to ${failedInvocationQueueName}. ` +
                "Check ConcurrentExecutions and raise reservedConcurrency or the account quota.",
        ),
        lambdaMetric(
            scope,
            "Duration",
            "Maximum",
            durationThresholdMs,
            `An invocation of capture forwarder ${functionName} ran longer than ${percent} % of its ${scope.timeoutSeconds} s timeout (${durationThresholdMs} ms): large capture files or a slow sink. ` +
                "An invocation out of time fails and is retried without resending delivered chunks. " +
                `Check the summary lines in ${logGroupName} (objectsIncomplete) and the sink's latency; raise timeoutSeconds (at most 900) or memorySizeMb.`,
        ),
    ];
}
