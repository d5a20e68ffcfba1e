import {
    AsyncEndpointArgs,
    AsyncInferenceArgs,
    AsyncNotificationArgs,
    INCLUDE_INFERENCE_RESPONSE_IN,
    MAX_CONCURRENT_INVOCATIONS,
} from "./asyncEndpointArgs";
import { asyncOutputBucketArgsProblems } from "../asyncOutputBucket/AsyncOutputBucket";
import { asyncAlarmProblems } from "./alarms/validateAsyncAlarms";
import { captureDestinationRequired, endpointArgsProblems, WithoutWiring } from "../core/endpoint/validateEndpointArgs";
import { backlogScalingProblems, InitialCount } from "./scaling/validateBacklogScaling";
import { Problem, ProblemCollector } from "../core/validation/problems";
import * as rules from "../../domain/validationRules";
import { isObject } from "../../domain/values";

/** The stack validates entries before the capture bucket and alarm topic they are wired to exist. */
export type AsyncEndpointArgsWithoutWiring = WithoutWiring<AsyncEndpointArgs>;

/** Every problem with AsyncEndpoint arguments, paths relative to the arguments; Outputs are checked at deploy time. */
export function asyncEndpointArgsProblems(componentName: string, args: AsyncEndpointArgsWithoutWiring): Problem[] {
    const problems = new ProblemCollector();
    problems.addAll(endpointArgsProblems(componentName, args, "async"));
    if (args.alarmTopicArn !== undefined && rules.isKnownString(args.alarmTopicArn)) {
        problems.check("alarmTopicArn", rules.snsTopicArn(args.alarmTopicArn));
    }
    if (args.async !== undefined) {
        asyncInferenceProblems(problems, args.async);
    }
    problems.addAll(backlogScalingProblems(args.scaling, initialCounts(args)));
    problems.addAll(asyncAlarmProblems(args.alarms));
    return problems.list();
}

/** Throws one InputPropertiesError listing every invalid argument, before any resource exists. */
export function validateAsyncEndpointArgs(name: string, args: AsyncEndpointArgs): void {
    const problems = new ProblemCollector();
    problems.addAll(captureDestinationRequired(args));
    if (args.alarmTopicArn === undefined || args.alarmTopicArn === null) {
        problems.add("alarmTopicArn", "is required: the SNS topic every alarm notifies, e.g. AlarmNotifications' topicArn");
    }
    problems.addAll(asyncEndpointArgsProblems(name, args));
    problems.throwIfAny(`AsyncEndpoint "${name}"`);
}

/** Each variant's starting instance count and the property that set it; invalid counts are reported elsewhere. */
function initialCounts(args: AsyncEndpointArgsWithoutWiring): InitialCount[] {
    const variants = Array.isArray(args.variants) ? args.variants : [{}];
    return variants
        .flatMap((variant, i): InitialCount[] => {
            const own = variant?.instanceCount;
            const count = own ?? args.instanceCount;
            if (typeof count !== "number" || !Number.isInteger(count)) {
                return [];
            }
            return [{ path: own !== undefined ? `variants[${i}].instanceCount` : "instanceCount", count }];
        })
        .filter((c, i, all) => all.findIndex((other) => other.path === c.path) === i);
}

function asyncInferenceProblems(problems: ProblemCollector, async: AsyncInferenceArgs): void {
    if (async === null || typeof async !== "object" || Array.isArray(async)) {
        problems.add(
            "async",
            "must be an object (maxConcurrentInvocationsPerInstance, existingLocations, expirationDays, forceDestroy, notifications)",
        );
        return;
    }
    if (async.maxConcurrentInvocationsPerInstance !== undefined) {
        const { min, max } = MAX_CONCURRENT_INVOCATIONS;
        problems.check(
            "async.maxConcurrentInvocationsPerInstance",
            rules.integerInRange(async.maxConcurrentInvocationsPerInstance, min, max),
        );
    }
    problems.addAll(asyncOutputBucketArgsProblems(async), "async");
    const existing = async.existingLocations;
    if (existing !== undefined) {
        if (!isObject(existing)) {
            problems.add("async.existingLocations", "must be an object with inputPrefix, outputPath, failurePath and kmsKeyArn");
        } else {
            for (const key of ["inputPrefix", "outputPath", "failurePath"] as const) {
                const value = existing[key];
                if (value === undefined) {
                    problems.add(`async.existingLocations.${key}`, "is required with existingLocations: an s3://<bucket>/<key> URI");
                } else if (rules.isKnownString(value)) {
                    problems.check(`async.existingLocations.${key}`, rules.s3Uri(value));
                }
            }
            if (existing.kmsKeyArn === undefined) {
                problems.add(
                    "async.existingLocations.kmsKeyArn",
                    "is required with existingLocations: the KMS key SageMaker encrypts results with",
                );
            } else if (rules.isKnownString(existing.kmsKeyArn)) {
                problems.check("async.existingLocations.kmsKeyArn", rules.kmsKeyArn(existing.kmsKeyArn));
            }
        }
        for (const key of ["expirationDays", "forceDestroy"] as const) {
            if (async[key] !== undefined) {
                problems.add(`async.${key}`, "must not be set with existingLocations: it applies only to the bucket AsyncEndpoint creates");
            }
        }
    }
    if (async.notifications !== undefined) {
        notificationProblems(problems, async.notifications);
    }
}

function notificationProblems(problems: ProblemCollector, notifications: AsyncNotificationArgs): void {
    if (notifications === null || typeof notifications !== "object" || Array.isArray(notifications)) {
        problems.add("async.notifications", "must be an object (successTopicArn, errorTopicArn, kmsKeyArn, includeInferenceResponseIn)");
        return;
    }
    for (const key of ["successTopicArn", "errorTopicArn"] as const) {
        const value = notifications[key];
        if (value !== undefined && rules.isKnownString(value)) {
            problems.check(`async.notifications.${key}`, rules.snsTopicArn(value));
        }
    }
    if (notifications.kmsKeyArn !== undefined) {
        if (notifications.successTopicArn === undefined && notifications.errorTopicArn === undefined) {
            problems.add(
                "async.notifications.kmsKeyArn",
                "must only be set with successTopicArn or errorTopicArn: created topics use their own key",
            );
        } else if (rules.isKnownString(notifications.kmsKeyArn)) {
            problems.check("async.notifications.kmsKeyArn", rules.kmsKeyArn(notifications.kmsKeyArn));
        }
    }
    const include = notifications.includeInferenceResponseIn;
    if (include !== undefined) {
        if (!Array.isArray(include) || include.length > INCLUDE_INFERENCE_RESPONSE_IN.length) {
            problems.add(
                "async.notifications.includeInferenceResponseIn",
                `must be a list of at most ${INCLUDE_INFERENCE_RESPONSE_IN.length} of ${INCLUDE_INFERENCE_RESPONSE_IN.join(", ")} (got ${JSON.stringify(include)})`,
            );
        } else {
            include.forEach((value, i) =>
                problems.check(`async.notifications.includeInferenceResponseIn[${i}]`, rules.oneOf(value, INCLUDE_INFERENCE_RESPONSE_IN)),
            );
            problems.check("async.notifications.includeInferenceResponseIn", rules.uniqueValues(include));
        }
    }
}
