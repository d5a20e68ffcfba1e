import { ALARM_LIMITS } from "../core/alarms/alarmLimits";
import { buildForwarderAlarmDefinitions } from "./forwarderAlarms";
import { autoNamedChildNames, forwarderNames, FUNCTION_NAME_PATTERN } from "./forwarderNames";

/** A physical name AWS will see, and the most characters its service takes. */
export interface LimitedName {
    /** What AWS calls the resource, for messages: "SQS queue". */
    kind: string;
    /** The name as messages show it, with "<7 random characters>" where Pulumi adds them. */
    shown: string;
    length: number;
    maxLength: number;
}

/** AWS's limits on the names below. */
const AWS_NAME_LIMITS = {
    lambdaFunction: 64,
    sqsQueue: 80,
    dynamoDbTable: 255,
    logGroup: 512,
    iamInlinePolicy: 128,
    lambdaStatementId: 100,
    secret: 512,
} as const;

/** Pulumi completes an auto-name with "-" and 7 random characters. */
const AUTO_NAME_SUFFIX = { shown: "-<7 random characters>", length: 8 } as const;

const given = (kind: string, name: string, maxLength: number): LimitedName => ({ kind, shown: name, length: name.length, maxLength });
const autoNamed = (kind: string, logicalName: string, maxLength: number): LimitedName => ({
    kind,
    shown: `${logicalName}${AUTO_NAME_SUFFIX.shown}`,
    length: logicalName.length + AUTO_NAME_SUFFIX.length,
    maxLength,
});

/**
 * Every name the forwarder sets explicitly, all derived from the function name. The role is not
 * here: its `namePrefix` is cut to fit.
 */
export function explicitNames(functionName: string): LimitedName[] {
    const names = forwarderNames(functionName);
    // Alarm names depend on the resource names only, not on thresholds or the sink.
    const alarms = buildForwarderAlarmDefinitions({
        names,
        timeoutSeconds: 300,
        maximumRetryAttempts: 0,
        sinkKind: "http",
        chunkLimits: {},
    });
    const L = AWS_NAME_LIMITS;
    return [
        given("Lambda function", names.functionName, L.lambdaFunction),
        given("SQS queue", names.deadLetterQueueName, L.sqsQueue),
        given("SQS queue", names.failedInvocationQueueName, L.sqsQueue),
        given("DynamoDB table", names.tableName, L.dynamoDbTable),
        given("CloudWatch Logs log group", names.logGroupName, L.logGroup),
        ...alarms.map((alarm) => given("CloudWatch alarm", alarm.alarmName, ALARM_LIMITS.maxNameLength)),
    ];
}

/** The names Pulumi derives from the component name. */
export function autoNamedNames(componentName: string): LimitedName[] {
    const logical = autoNamedChildNames(componentName);
    const L = AWS_NAME_LIMITS;
    return [
        autoNamed("IAM inline policy", logical.rolePolicy, L.iamInlinePolicy),
        autoNamed("Lambda permission statement ID", logical.invokePermission, L.lambdaStatementId),
        autoNamed("Secrets Manager secret", logical.tokenSecret, L.secret),
    ];
}

/** The longest value whose derived names all fit (derived names grow one character per character). */
function longestFitting(namesOf: (value: string) => LimitedName[]): number {
    return Math.min(...namesOf("x").map((name) => name.maxLength - (name.length - 1)));
}

/** Longest function name: `<name>-failed-invocations` must fit SQS's 80. */
export const MAX_FUNCTION_NAME_LENGTH = longestFitting(explicitNames);
/** Longest component name: the auto-named S3 invoke statement ID must fit Lambda's 100. */
export const MAX_COMPONENT_NAME_LENGTH = longestFitting(autoNamedNames);

function derivedNamesRule(value: unknown, namesOf: (value: string) => LimitedName[], max: number, role: string): string | undefined {
    if (typeof value !== "string" || value.length === 0 || !FUNCTION_NAME_PATTERN.test(value)) {
        return `must be 1-${max} characters of A-Z a-z 0-9 _ - (${role}) (got ${JSON.stringify(value)})`;
    }
    const over = namesOf(value).filter((name) => name.length > name.maxLength);
    if (over.length === 0) {
        return undefined;
    }
    return (
        `must be at most ${max} characters (got ${value.length}: ${JSON.stringify(value)}): ` +
        over
            .map((name) => `the ${name.kind} "${name.shown}" would be ${name.length} characters, over its limit of ${name.maxLength}`)
            .join("; ")
    );
}

/** A function name whose every derived name fits its service's limit. */
export function forwarderFunctionNameRule(value: unknown): string | undefined {
    return derivedNamesRule(
        value,
        explicitNames,
        MAX_FUNCTION_NAME_LENGTH,
        "it names the Lambda function, and its queues, table, log group and alarms are named after it",
    );
}

/** A component name whose auto-named children fit their services' limits. */
export function forwarderComponentNameRule(value: unknown): string | undefined {
    return derivedNamesRule(
        value,
        autoNamedNames,
        MAX_COMPONENT_NAME_LENGTH,
        "Pulumi names the role policy, the S3 invoke permission and the token secret after it",
    );
}
