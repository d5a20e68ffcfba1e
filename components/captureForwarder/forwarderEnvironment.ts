import {
    buildForwarderEnvironment,
    ENV,
    ENV_ARG_PATHS,
    ForwarderEnvironmentArgs,
    INTEGER_SETTINGS,
    IntegerSetting,
    validateForwarderEnvironmentArgs,
} from "../../domain/forwarder/environment";
import { formatAllowedHosts } from "../../domain/forwarder/egress";
import { Problem } from "../core/validation/problems";
import { ForwarderSettings, ForwarderSinkArgs } from "./forwarderArgs";

/** What the component declares for the Lambda's environment, resolved. */
export interface ForwarderEnvironmentWiring {
    deadLetterQueueUrl: string;
    idempotencyTable: string;
    /** The given or created token secret; undefined for an http sink without auth. */
    tokenSecretArn: string | undefined;
    /** The dataset's bucket; undefined when the forwarder writes no dataset. */
    datasetBucket?: string;
}

/** Valid stand-ins for values that exist only once resources do, so construction-time checks see only the caller's values. */
export const CONSTRUCTION_STAND_INS = {
    deadLetterQueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/stand-in",
    idempotencyTable: "stand-in",
    tokenSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:stand-in",
    datasetBucket: "stand-in-bucket",
} as const;

export const TUNING_SETTINGS = Object.keys(INTEGER_SETTINGS) as IntegerSetting[];

/** True when the sink needs a token and none is given, so the component creates an empty secret. */
export function createsTokenSecret(sink: ForwarderSinkArgs | undefined): boolean {
    if (sink === undefined || sink.tokenSecretArn !== undefined) {
        return false;
    }
    return sink.kind === "arthur" || sink.authHeaderName !== undefined || sink.authPrefix !== undefined;
}

/**
 * The Lambda side's arguments for these settings (the Lambda's config.ts owns variable names and
 * rules). `datasetPrefix` is the dataset's, written with `wiring.datasetBucket`.
 */
export function forwarderEnvironmentArgs(
    settings: ForwarderSettings,
    wiring: ForwarderEnvironmentWiring,
    datasetPrefix = "",
): ForwarderEnvironmentArgs {
    const tuning: Partial<Record<IntegerSetting, number>> = {};
    for (const setting of TUNING_SETTINGS) {
        if (settings[setting] !== undefined) {
            tuning[setting] = settings[setting];
        }
    }
    const sink = settings.sink;
    const common = {
        ...(wiring.datasetBucket === undefined ? {} : { dataset: { bucket: wiring.datasetBucket, prefix: datasetPrefix } }),
        deadLetterQueueUrl: wiring.deadLetterQueueUrl,
        idempotencyTable: wiring.idempotencyTable,
        tuning,
    };
    if (sink === undefined) {
        return common;
    }
    if (sink.kind === "arthur") {
        const allow = sink.allowUndocumentedPayloadForms === true ? { allowUndocumentedPayloadForms: true } : {};
        return {
            sink: { kind: "arthur", host: sink.host, modelId: sink.modelId, authSecretArn: wiring.tokenSecretArn ?? "", ...allow },
            ...common,
        };
    }
    return {
        sink: {
            kind: sink.kind,
            url: sink.url,
            ...(wiring.tokenSecretArn === undefined ? {} : { authSecretArn: wiring.tokenSecretArn }),
            ...(sink.authHeaderName === undefined ? {} : { authHeader: sink.authHeaderName }),
            ...(sink.authPrefix === undefined ? {} : { authPrefix: sink.authPrefix }),
        },
        ...common,
    };
}

/** ForwarderEnvironmentArgs paths that are named differently in the component's arguments. */
const RENAMED_PATHS: Record<string, string> = {
    "sink.authSecretArn": "sink.tokenSecretArn",
    "sink.authHeader": "sink.authHeaderName",
    "dataset.bucket": "dataset.bucketName",
};

function argumentPath(environmentArgsPath: string): string {
    if (environmentArgsPath.startsWith("tuning.")) {
        return environmentArgsPath.slice("tuning.".length);
    }
    return RENAMED_PATHS[environmentArgsPath] ?? environmentArgsPath;
}

/** What the Lambda would refuse at cold start, at the component's property paths. */
export function forwarderEnvironmentProblems(
    settings: ForwarderSettings,
    wiring: ForwarderEnvironmentWiring,
    datasetPrefix?: string,
): Problem[] {
    return validateForwarderEnvironmentArgs(forwarderEnvironmentArgs(settings, wiring, datasetPrefix)).map((p) => ({
        propertyPath: argumentPath(p.propertyPath),
        reason: p.reason,
    }));
}

/** The environment variable each wired value goes into. */
const WIRED_VARIABLES = {
    deadLetterQueueUrl: ENV.deadLetterQueueUrl,
    idempotencyTable: ENV.idempotencyTable,
    tokenSecretArn: ENV.authSecretArn,
    datasetBucket: ENV.datasetBucket,
} as const satisfies Record<keyof ForwarderEnvironmentWiring, string>;

export type WiredValue = keyof typeof WIRED_VARIABLES;

/** The component's property path of a wired value, as its problems name it. */
export function wiredValuePath(field: WiredValue): string {
    return argumentPath(ENV_ARG_PATHS[WIRED_VARIABLES[field]]);
}

/**
 * The Lambda's objection to one wired value resolved at deploy time (the other wired values are
 * stand-ins), or undefined. The caller's own values were checked before any resource.
 */
export function wiredValueProblem(
    settings: ForwarderSettings,
    field: WiredValue,
    value: unknown,
    datasetPrefix?: string,
): string | undefined {
    if (typeof value !== "string") {
        return `must be a string, got ${JSON.stringify(value)} (environment variable ${WIRED_VARIABLES[field]})`;
    }
    const path = wiredValuePath(field);
    const reasons = forwarderEnvironmentProblems(settings, { ...CONSTRUCTION_STAND_INS, [field]: value }, datasetPrefix)
        .filter((problem) => problem.propertyPath === path)
        .map((problem) => problem.reason);
    return reasons.length === 0 ? undefined : reasons.join("; ");
}

/**
 * The Lambda's environment as a map of one value per variable: the caller's settings as plain
 * strings, each wired value as given (an Output in the component). A single Output for the whole
 * map would make every variable unknown at a new stack's preview, so the policy pack could not
 * see DEAD_LETTER_QUEUE_URL there. AUTH_SECRET_ARN is written only when a token secret is wired.
 */
export function forwarderEnvironmentVariables<T>(
    settings: ForwarderSettings,
    wiring: { deadLetterQueueUrl: T; idempotencyTable: T; tokenSecretArn: T | undefined; datasetBucket?: T },
    datasetPrefix?: string,
): Record<string, string | T> {
    const standIns: ForwarderEnvironmentWiring = {
        ...CONSTRUCTION_STAND_INS,
        tokenSecretArn: wiring.tokenSecretArn === undefined ? undefined : CONSTRUCTION_STAND_INS.tokenSecretArn,
        datasetBucket: wiring.datasetBucket === undefined ? undefined : CONSTRUCTION_STAND_INS.datasetBucket,
    };
    const variables: Record<string, string | T> = buildForwarderEnvironment(forwarderEnvironmentArgs(settings, standIns, datasetPrefix));
    // Written only when set, so a forwarder without allowedHosts keeps the environment it had.
    if (settings.allowedHosts !== undefined && settings.allowedHosts.length > 0) {
        variables[ENV.allowedHosts] = formatAllowedHosts(settings.allowedHosts);
    }
    for (const field of Object.keys(WIRED_VARIABLES) as WiredValue[]) {
        const value = wiring[field];
        if (value !== undefined) {
            variables[WIRED_VARIABLES[field]] = value;
        }
    }
    return variables;
}
