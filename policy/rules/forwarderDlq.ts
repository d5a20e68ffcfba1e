/**
 * forwarder-has-dlq: nothing a capture forwarder fails to deliver may be lost, and what it parks
 * holds captured payloads, so it must be encrypted with a KMS key.
 *
 * Forwarders are this project's (tag sagemaker-monitoring:component = capture-forwarder) and any
 * other Lambda that an S3 notification on a Data Capture bucket of the stack invokes. Every one
 * needs a destination for failed asynchronous invocations (a FunctionEventInvokeConfig with
 * destinationConfig.onFailure.destination, or the function's deadLetterConfig.targetArn); this
 * project's forwarders also send chunks they cannot deliver to the SQS queue named in
 * DEAD_LETTER_QUEUE_URL. Each of those queues and topics declared in the stack must set
 * kmsMasterKeyId (SSE-SQS / unencrypted SNS do not count). Queues and topics outside the stack
 * cannot be seen and are not checked.
 */
import { DATA_CAPTURE_DESTINATION, destinationBuckets } from "../captureDestinations";
import { CAPTURE_FORWARDER_TAG, DEAD_LETTER_QUEUE_URL_ENV } from "../../domain/forwarder/contract";
import { checkEach, isSet, knownString } from "../previewSafe";
import { lambdaFunctionShape } from "../resourceShapes";
import { BUCKET_TYPES, TYPES } from "../resourceTypes";
import { referencedResources, resourcesOfType, StackResource } from "../stackModel";
import { arrayOf, objectOf } from "../../domain/values";
import { PackStackPolicy, RuleDefinition, violation } from "./ruleKit";

/** Where failures can be parked that this rule can check for a KMS key. */
const ENCRYPTABLE_DESTINATION_TYPES: readonly string[] = [TYPES.sqsQueue, TYPES.snsTopic];

/** A function's physical name when known, else its logical name, for messages. */
const displayName = (resource: StackResource) => knownString(resource.props, "name") ?? resource.name;

/**
 * Adds to `triggered` (function URN -> why it counts) the Lambdas that S3 notifications on a
 * Data Capture bucket invoke. Fills in what it can before rethrowing a preview-time unknown.
 */
function addCaptureTriggeredFunctions(
    resources: readonly StackResource[],
    functions: readonly StackResource[],
    triggered: Map<string, string>,
): void {
    const captureBuckets = destinationBuckets(resources, [DATA_CAPTURE_DESTINATION]);
    const buckets = resourcesOfType(resources, BUCKET_TYPES);
    checkEach(resourcesOfType(resources, [TYPES.bucketNotification]), (notification) => {
        const [bucket] = referencedResources(notification, "bucket", buckets, (b) => [
            knownString(b.props, "bucket"),
            knownString(b.props, "id"),
        ]);
        if (bucket === undefined || !captureBuckets.has(bucket.urn)) {
            return;
        }
        const targets = referencedResources(notification, "lambdaFunctions", functions, (fn) => lambdaFunctionShape(fn.props).identities, {
            values: (props) => arrayOf(props.lambdaFunctions).map((rule) => knownString(objectOf(rule), "lambdaFunctionArn")),
        });
        for (const fn of targets) {
            triggered.set(
                fn.urn,
                `S3 notification ${notification.name} on Data Capture bucket "${knownString(bucket.props, "bucket") ?? bucket.name}"`,
            );
        }
    });
}

/**
 * The queues and topics of the stack that `property` of `resource` names: by dependency (known at
 * preview), else by ARN or URL. When the property depends on several, the one its known value
 * names, if any.
 */
function destinationsOf(
    resource: StackResource,
    property: string,
    candidates: readonly StackResource[],
    values: (props: Record<string, any>) => (string | undefined)[],
): StackResource[] {
    const identities = (d: StackResource) => ["arn", "id", "url"].map((key) => knownString(d.props, key));
    const found = referencedResources(resource, property, candidates, identities, { assignedIdentities: true, values });
    const named = values(resource.props).filter((value): value is string => value !== undefined);
    const narrowed = found.filter((d) => identities(d).some((identity) => identity !== undefined && named.includes(identity)));
    return found.length > 1 && narrowed.length > 0 ? narrowed : found;
}

export const forwarderHasDlq: PackStackPolicy = {
    name: "forwarder-has-dlq",
    description:
        `Every capture forwarder (a Lambda tagged ${CAPTURE_FORWARDER_TAG.key}=${CAPTURE_FORWARDER_TAG.value}, or one that an S3 notification on a Data Capture bucket invokes) ` +
        "has an on-failure destination for invocations, this project's forwarders also a dead-letter queue for chunks, and each of those queues and topics is KMS-encrypted.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Add an aws.lambda.FunctionEventInvokeConfig with destinationConfig.onFailure.destination (or set deadLetterConfig.targetArn); " +
        `for this project's forwarders set the ${DEAD_LETTER_QUEUE_URL_ENV} environment variable to an SQS queue URL; set kmsMasterKeyId on every such queue and topic.`,
    validateStack: (args, reportViolation) => {
        const functions = resourcesOfType(args.resources, [TYPES.lambdaFunction]);
        const destinations = resourcesOfType(args.resources, ENCRYPTABLE_DESTINATION_TYPES);
        const invokeConfigs = resourcesOfType(args.resources, [TYPES.lambdaEventInvokeConfig]);
        const triggered = new Map<string, string>();

        /** Reports each queue or topic among `parked` without a KMS key. */
        const requireKms = (fn: StackResource, parked: readonly StackResource[], role: string) => {
            for (const destination of parked.filter((d) => !isSet(d.props, "kmsMasterKeyId"))) {
                const kind = destination.type === TYPES.sqsQueue ? "SQS queue" : "SNS topic";
                reportViolation(
                    violation(
                        `${kind} ${destination.name}, the ${role} of capture forwarder "${displayName(fn)}", has no kmsMasterKeyId, so the captured payloads it holds are not encrypted with a KMS key.`,
                        `set kmsMasterKeyId on ${destination.name} to a KMS key the forwarder may use.`,
                    ),
                    destination.urn,
                );
            }
        };

        // Which functions a capture bucket triggers, then each forwarder: an unknown in the first
        // step leaves the tagged forwarders checked.
        const checkForwarder = (resource: StackResource) => {
            const fn = lambdaFunctionShape(resource.props);
            const tagged = fn.tags[CAPTURE_FORWARDER_TAG.key] === CAPTURE_FORWARDER_TAG.value;
            const trigger = triggered.get(resource.urn);
            if (!tagged && trigger === undefined) {
                return;
            }
            const subject = tagged
                ? `Capture forwarder "${displayName(resource)}"`
                : `Lambda "${displayName(resource)}", which ${trigger} invokes,`;
            checkEach(
                [
                    () => {
                        if (tagged && !fn.hasEnvironmentVariable(DEAD_LETTER_QUEUE_URL_ENV)) {
                            reportViolation(
                                violation(
                                    `${subject} has no ${DEAD_LETTER_QUEUE_URL_ENV} environment variable, so chunks it cannot deliver would be lost.`,
                                    `set environment.variables.${DEAD_LETTER_QUEUE_URL_ENV} to the URL of an SQS dead-letter queue.`,
                                ),
                                resource.urn,
                            );
                        }
                    },
                    () => {
                        // The queue comes from the environment's dependencies (known at preview even when
                        // the variables, built in one apply, are not), else from the variable's URL.
                        if (tagged) {
                            const queues = destinationsOf(
                                resource,
                                "environment",
                                destinations.filter((d) => d.type === TYPES.sqsQueue),
                                () => [fn.knownEnvironmentVariable(DEAD_LETTER_QUEUE_URL_ENV)],
                            );
                            requireKms(resource, queues, `${DEAD_LETTER_QUEUE_URL_ENV} dead-letter queue`);
                        }
                    },
                    () => {
                        const ownConfigs = invokeConfigs.filter(
                            (config) =>
                                referencedResources(config, "functionName", [resource], (f) => lambdaFunctionShape(f.props).identities)
                                    .length > 0,
                        );
                        const onFailure = ownConfigs.filter((config) =>
                            isSet(objectOf(objectOf(config.props.destinationConfig)?.onFailure), "destination"),
                        );
                        if (onFailure.length === 0 && !fn.hasDeadLetterTarget) {
                            reportViolation(
                                violation(
                                    `${subject} has no FunctionEventInvokeConfig with destinationConfig.onFailure.destination and no deadLetterConfig.targetArn, so failed asynchronous invocations (S3 events) would be dropped.`,
                                    "add an aws.lambda.FunctionEventInvokeConfig for this function with destinationConfig.onFailure.destination set to an SQS queue or SNS topic ARN.",
                                ),
                                resource.urn,
                            );
                            return;
                        }
                        for (const config of onFailure) {
                            const parked = destinationsOf(config, "destinationConfig", destinations, (props) => [
                                knownString(objectOf(objectOf(props.destinationConfig)?.onFailure), "destination"),
                            ]);
                            requireKms(resource, parked, "on-failure destination");
                        }
                        if (fn.hasDeadLetterTarget) {
                            const parked = destinationsOf(resource, "deadLetterConfig", destinations, (props) => [
                                knownString(objectOf(props.deadLetterConfig), "targetArn"),
                            ]);
                            requireKms(resource, parked, "dead-letter target");
                        }
                    },
                ],
                (check) => check(),
            );
        };
        checkEach(
            [() => addCaptureTriggeredFunctions(args.resources, functions, triggered), () => checkEach(functions, checkForwarder)],
            (step) => step(),
        );
    },
};

export const forwarderRules: RuleDefinition[] = [{ policy: forwarderHasDlq }];
