/**
 * forwarder-has-dlq: nothing the capture forwarder fails to deliver may be lost. Chunks it
 * cannot deliver go to the SQS queue named in DEAD_LETTER_QUEUE_URL, and invocations that fail
 * altogether go to the FunctionEventInvokeConfig's on-failure destination.
 */
import { CAPTURE_FORWARDER_TAG, DEAD_LETTER_QUEUE_URL_ENV } from "../forwarderContract";
import { lambdaFunctionShape } from "../resourceShapes";
import { nonEmptyString, objectOf } from "../values";
import { TYPES } from "../resourceTypes";
import { resourcesOfType } from "../stackModel";
import { PackStackPolicy, RuleDefinition, violation } from "./ruleKit";

export const forwarderHasDlq: PackStackPolicy = {
    name: "forwarder-has-dlq",
    description: `The capture forwarder Lambda (tag ${CAPTURE_FORWARDER_TAG.key}=${CAPTURE_FORWARDER_TAG.value}) has a dead-letter queue for chunks and an on-failure destination for invocations.`,
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: `Set the ${DEAD_LETTER_QUEUE_URL_ENV} environment variable to an SQS queue URL and add an aws.lambda.FunctionEventInvokeConfig with destinationConfig.onFailure.destination.`,
    validateStack: (args, reportViolation) => {
        const invokeConfigs = resourcesOfType(args.resources, [TYPES.lambdaEventInvokeConfig]).map(({ props }) => ({
            functionName: nonEmptyString(props.functionName),
            onFailure: nonEmptyString(objectOf(objectOf(props.destinationConfig)?.onFailure)?.destination),
        }));
        for (const resource of resourcesOfType(args.resources, [TYPES.lambdaFunction])) {
            const fn = lambdaFunctionShape(resource.props);
            if (fn.tags[CAPTURE_FORWARDER_TAG.key] !== CAPTURE_FORWARDER_TAG.value) {
                continue;
            }
            if (nonEmptyString(fn.environment[DEAD_LETTER_QUEUE_URL_ENV]) === undefined) {
                reportViolation(
                    violation(
                        `Capture forwarder has no ${DEAD_LETTER_QUEUE_URL_ENV} environment variable, so chunks it cannot deliver would be lost.`,
                        `set environment.variables.${DEAD_LETTER_QUEUE_URL_ENV} to the URL of an SQS dead-letter queue.`,
                    ),
                    resource.urn,
                );
            }
            const identities = fn.identities;
            const ownConfigs = invokeConfigs.filter(({ functionName }) => functionName !== undefined && identities.includes(functionName));
            if (!ownConfigs.some(({ onFailure }) => onFailure !== undefined)) {
                reportViolation(
                    violation(
                        "Capture forwarder has no FunctionEventInvokeConfig with destinationConfig.onFailure.destination, so failed asynchronous invocations (S3 events) would be dropped.",
                        "add an aws.lambda.FunctionEventInvokeConfig for this function with destinationConfig.onFailure.destination set to an SQS queue or SNS topic ARN.",
                    ),
                    resource.urn,
                );
            }
        }
    },
};

export const forwarderRules: RuleDefinition[] = [{ policy: forwarderHasDlq }];
