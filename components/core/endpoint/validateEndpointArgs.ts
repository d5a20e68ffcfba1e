import { encodeTags, environmentProblems } from "./containerEnvironment";
import { endpointLogsProblems } from "./endpointLogs";
import { ecrImageRule } from "./containerImage";
import { EndpointArgs, ModelArgs, VariantArgs } from "./endpointArgs";
import { VARIANT_DEFAULTS } from "./resolveEndpointArgs";
import {
    CAPTURE_MODES,
    CONTAINER_ENVIRONMENT,
    CONTENT_TYPE_LIST,
    DATA_CAPTURE_LIMITS,
    DEFAULT_VARIANT_NAME,
    isInstanceType,
    MAX_ENDPOINT_NAME_LENGTH,
    METRIC_PUBLISH_FREQUENCIES,
    PHYSICAL_NAME_HASH_LENGTH,
    usesInstanceStore,
    VARIANT_LIMITS,
} from "../../../domain/sageMakerLimits";
import { endpointDashboardProblems } from "../dashboards/endpointDashboardArgs";
import { Problem, ProblemCollector } from "../validation/problems";
import * as rules from "../../../domain/validationRules";
import { instanceTypeReason } from "../../../domain/instanceTypes";

/** The stack validates endpoint arguments before the capture bucket that supplies the destination exists. */
export type EndpointArgsWithoutDestination = Omit<EndpointArgs, "captureDestination"> & {
    captureDestination?: EndpointArgs["captureDestination"];
};

/** The stack validates an endpoint's arguments before the capture bucket and alarm topic they are wired to exist. */
export type WithoutWiring<Args extends { captureDestination: unknown; alarmTopicArn: unknown }> = Omit<
    Args,
    "captureDestination" | "alarmTopicArn"
> &
    Partial<Pick<Args, "captureDestination" | "alarmTopicArn">>;

/** Components require a destination; the stack always supplies one. */
export function captureDestinationRequired(args: { captureDestination?: unknown }): Problem[] {
    return args.captureDestination === undefined || args.captureDestination === null
        ? [
              {
                  propertyPath: "captureDestination",
                  reason: "is required: a CaptureBucket's destination() or { bucketName, prefix, kmsKeyArn }",
              },
          ]
        : [];
}

const CONTENT_TYPE = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*\/[a-zA-Z0-9](-*[a-zA-Z0-9.+])*$/;

/** What every endpoint kind shares: everything but where its models and instances come from. */
export type SharedEndpointArgs = Omit<EndpointArgsWithoutDestination, "model" | "variants" | "instanceType" | "instanceCount">;

/**
 * Every problem with endpoint arguments, as property paths relative to the arguments object.
 * Values that are Pulumi Outputs are checked at deploy time instead.
 */
export function endpointArgsProblems(
    componentName: string,
    args: EndpointArgsWithoutDestination,
    kind: "realtime" | "async" = "realtime",
): Problem[] {
    return sharedEndpointProblems(componentName, { ...args, kind }, variantInstanceTypes(args), (problems) => {
        if (args.model === undefined || args.model === null || typeof args.model !== "object") {
            problems.add("model", "is required: an object with at least `image`");
        } else {
            modelProblems(problems, "model", args.model);
        }
        if (args.instanceType !== undefined && !isInstanceType(args.instanceType)) {
            problems.add("instanceType", instanceTypeReason(args.instanceType));
        }
        if (args.instanceCount !== undefined) {
            problems.check("instanceCount", rules.integerAtLeast(args.instanceCount, VARIANT_LIMITS.minInstanceCount));
        }
        variantProblems(problems, args);
    });
}

/**
 * The rules every endpoint kind shares (name, Data Capture, metrics, destination, role, volume
 * key, network, tags), around the kind's own rules for its models and instances (`kindProblems`),
 * in the order users read them. `instanceTypes`: the valid instance types the endpoint runs on.
 */
export function sharedEndpointProblems(
    componentName: string,
    args: SharedEndpointArgs & { kind?: "realtime" | "async" },
    instanceTypes: string[],
    kindProblems: (problems: ProblemCollector) => void,
): Problem[] {
    const problems = new ProblemCollector();
    const endpointName = args.endpointName ?? componentName;
    const namePath = args.endpointName === undefined ? "name" : "endpointName";
    const nameReason = rules.sageMakerName(endpointName);
    problems.check(
        namePath,
        nameReason ??
            (endpointName.length > MAX_ENDPOINT_NAME_LENGTH
                ? `must be at most ${MAX_ENDPOINT_NAME_LENGTH} characters so that derived model and endpoint-config names "<name>-<${PHYSICAL_NAME_HASH_LENGTH} hex>" stay within 63 (got ${endpointName.length}: "${endpointName}")`
                : undefined),
    );
    kindProblems(problems);
    dataCaptureProblems(problems, args);
    metricsProblems(problems, args);
    destinationProblems(problems, args);

    if (args.executionRoleArn !== undefined && rules.isKnownString(args.executionRoleArn)) {
        problems.check("executionRoleArn", rules.iamRoleArn(args.executionRoleArn));
    }
    if (args.volumeKmsKeyArn !== undefined) {
        if (rules.isKnownString(args.volumeKmsKeyArn)) {
            problems.check("volumeKmsKeyArn", rules.kmsKeyArn(args.volumeKmsKeyArn));
        }
        const instanceStoreTypes = instanceTypes.filter(usesInstanceStore);
        if (instanceStoreTypes.length > 0) {
            problems.add(
                "volumeKmsKeyArn",
                `must not be set when a variant uses an instance-store type (${instanceStoreTypes.join(", ")}): AWS encrypts instance storage itself and rejects a volume KMS key`,
            );
        }
    }
    if (args.networkIsolation !== undefined) {
        problems.check("networkIsolation", rules.isBoolean(args.networkIsolation));
    }
    if (args.network !== undefined) {
        for (const key of ["subnetIds", "securityGroupIds"] as const) {
            const value = args.network[key];
            if (Array.isArray(value) && value.length === 0) {
                problems.add(`network.${key}`, "must list at least one ID");
            } else if (value === undefined) {
                problems.add(`network.${key}`, "is required when `network` is set");
            }
        }
    }
    endpointLogsProblems(problems, args.logs);
    problems.addAll(endpointTagProblems(args.tags));
    problems.addAll(endpointDashboardProblems(componentName, { ...args, instanceType: instanceTypes[0] }, args.kind ?? "realtime"));
    return problems.list();
}

/** An endpoint's tags: AWS tag rules, and the JSON of them the container receives in one variable. */
export function endpointTagProblems(tags: unknown): Problem[] {
    const problems = new ProblemCollector();
    problems.checkTags(tags);
    if (tags !== undefined && tags !== null && typeof tags === "object") {
        const encoded = encodeTags(tags as Record<string, string>).length;
        if (encoded > CONTAINER_ENVIRONMENT.maxValueLength) {
            problems.add(
                "tags",
                `must encode to at most ${CONTAINER_ENVIRONMENT.maxValueLength} characters of JSON, because they are passed to the container as one environment variable (got ${encoded})`,
            );
        }
    }
    return problems.list();
}

export function modelProblems(problems: ProblemCollector, path: string, model: ModelArgs): void {
    if (model.image === undefined) {
        problems.add(`${path}.image`, "is required: an Amazon ECR image URI");
    } else if (rules.isKnownString(model.image)) {
        problems.check(`${path}.image`, ecrImageRule(model.image));
    }
    if (model.modelDataUrl !== undefined && rules.isKnownString(model.modelDataUrl)) {
        problems.check(`${path}.modelDataUrl`, rules.s3Uri(model.modelDataUrl));
    }
    if (model.modelDataKmsKeyArn !== undefined && rules.isKnownString(model.modelDataKmsKeyArn)) {
        problems.check(`${path}.modelDataKmsKeyArn`, rules.kmsKeyArn(model.modelDataKmsKeyArn));
    }
    for (const env of environmentProblems(model.environment)) {
        problems.add(env.key === "" ? `${path}.environment` : `${path}.environment.${env.key}`, env.reason);
    }
}

function variantInstanceTypes(args: EndpointArgsWithoutDestination): string[] {
    const variants = Array.isArray(args.variants) ? args.variants : [{}];
    return variants.map((v) => v?.instanceType ?? args.instanceType).filter(isInstanceType);
}

function variantProblems(problems: ProblemCollector, args: EndpointArgsWithoutDestination): void {
    if (args.variants === undefined) {
        if (args.instanceType === undefined) {
            problems.add("instanceType", `is required when no variants are given (${instanceTypeReason(undefined)})`);
        }
        return;
    }
    const { maxVariants } = VARIANT_LIMITS;
    if (!Array.isArray(args.variants) || args.variants.length < 1 || args.variants.length > maxVariants) {
        problems.add("variants", `must be a list of 1-${maxVariants} production variants`);
        return;
    }
    const seen = new Set<string>();
    const weights = args.variants.map((variant, i) => oneVariantProblems(problems, args, `variants[${i}]`, variant, seen));
    const allWeightsValid = weights.every((weight) => weight !== undefined);
    const totalWeight = weights.reduce<number>((sum, weight) => sum + (weight ?? 0), 0);
    if (allWeightsValid && totalWeight === 0) {
        problems.add("variants", "weights must not all be 0: at least one variant must receive traffic");
    }
}

/** One variant's problems; returns its weight when valid, so the caller can check they are not all 0. */
function oneVariantProblems(
    problems: ProblemCollector,
    args: EndpointArgsWithoutDestination,
    path: string,
    variant: VariantArgs | null,
    seen: Set<string>,
): number | undefined {
    if (variant === null || typeof variant !== "object") {
        problems.add(
            path,
            `must be an object with the variant's name, instanceType, instanceCount, weight or model (got ${JSON.stringify(variant)})`,
        );
        return undefined;
    }
    const name = variant.name ?? (args.variants!.length === 1 ? DEFAULT_VARIANT_NAME : undefined);
    if (name === undefined) {
        problems.add(`${path}.name`, "is required when there is more than one variant");
    } else {
        problems.check(`${path}.name`, rules.sageMakerName(name));
        if (seen.has(name)) {
            problems.add(`${path}.name`, `must be unique within the endpoint ("${name}" is used twice)`);
        }
        seen.add(name);
    }
    const instanceType = variant.instanceType ?? args.instanceType;
    if (instanceType === undefined) {
        problems.add(
            `${path}.instanceType`,
            `is required: set it on the variant or the endpoint's instanceType (${instanceTypeReason(undefined)})`,
        );
    } else if (variant.instanceType !== undefined && !isInstanceType(variant.instanceType)) {
        problems.add(`${path}.instanceType`, instanceTypeReason(variant.instanceType));
    }
    if (variant.instanceCount !== undefined) {
        problems.check(`${path}.instanceCount`, rules.integerAtLeast(variant.instanceCount, VARIANT_LIMITS.minInstanceCount));
    }
    const weight = variant.weight ?? VARIANT_DEFAULTS.weight;
    const weightReason = rules.numberInRange(weight, VARIANT_LIMITS.weight.min, VARIANT_LIMITS.weight.max);
    problems.check(`${path}.weight`, weightReason);
    if (variant.model !== undefined) {
        modelProblems(problems, `${path}.model`, variant.model);
    }
    return weightReason === undefined ? weight : undefined;
}

function dataCaptureProblems(problems: ProblemCollector, args: SharedEndpointArgs): void {
    const capture = args.dataCapture;
    if (capture === undefined) {
        return;
    }
    if (capture.enabled !== undefined) {
        problems.check("dataCapture.enabled", rules.isBoolean(capture.enabled));
    }
    if (capture.samplingPercentage !== undefined) {
        const { min, max } = DATA_CAPTURE_LIMITS.samplingPercentage;
        problems.check("dataCapture.samplingPercentage", rules.integerInRange(capture.samplingPercentage, min, max));
    }
    if (capture.captureModes !== undefined) {
        const modes = capture.captureModes;
        const max = DATA_CAPTURE_LIMITS.maxCaptureModes;
        if (!Array.isArray(modes) || modes.length < 1 || modes.length > max) {
            problems.add("dataCapture.captureModes", `must be a list of 1-${max} capture modes from ${CAPTURE_MODES.join(", ")}`);
        } else {
            modes.forEach((mode, i) => problems.check(`dataCapture.captureModes[${i}]`, rules.oneOf(mode, CAPTURE_MODES)));
            if (new Set(modes).size !== modes.length) {
                problems.add("dataCapture.captureModes", "must not repeat a capture mode");
            }
        }
    }
    for (const key of ["csvContentTypes", "jsonContentTypes"] as const) {
        const list = capture[key];
        if (list === undefined) {
            continue;
        }
        // An empty list leaves that header out; the policy pack, not the component, decides whether that may ship.
        if (!Array.isArray(list) || list.length > CONTENT_TYPE_LIST.maxItems) {
            problems.add(
                `dataCapture.${key}`,
                `must be a list of at most ${CONTENT_TYPE_LIST.maxItems} content types (got ${Array.isArray(list) ? `${list.length} entries` : JSON.stringify(list)})`,
            );
            continue;
        }
        list.forEach((type, i) => problems.check(`dataCapture.${key}[${i}]`, contentTypeRule(type)));
    }
}

/** One Data Capture content type: a MIME type SageMaker accepts in CaptureContentTypeHeader. */
function contentTypeRule(value: unknown): string | undefined {
    const { maxLength } = CONTENT_TYPE_LIST;
    if (typeof value === "string" && value.length > maxLength) {
        return `must be at most ${maxLength} characters (got ${value.length}: ${JSON.stringify(value)})`;
    }
    if (typeof value !== "string" || !CONTENT_TYPE.test(value)) {
        return `must be a MIME type "type/subtype" such as "text/csv" or "application/json" (got ${JSON.stringify(value)})`;
    }
    return undefined;
}

function metricsProblems(problems: ProblemCollector, args: SharedEndpointArgs): void {
    const metrics = args.metrics;
    if (metrics === undefined) {
        return;
    }
    if (metrics.enhancedMetrics !== undefined) {
        problems.check("metrics.enhancedMetrics", rules.isBoolean(metrics.enhancedMetrics));
    }
    if (metrics.publishFrequencySeconds !== undefined) {
        problems.check("metrics.publishFrequencySeconds", rules.oneOf(metrics.publishFrequencySeconds, METRIC_PUBLISH_FREQUENCIES));
    }
    if (metrics.detailedObservability !== undefined) {
        problems.check("metrics.detailedObservability", rules.isBoolean(metrics.detailedObservability));
    }
}

function destinationProblems(problems: ProblemCollector, args: SharedEndpointArgs): void {
    const destination = args.captureDestination;
    if (destination === undefined || destination === null) {
        return;
    }
    problems.check("captureDestination.prefix", rules.s3Prefix(destination.prefix));
    if (rules.isKnownString(destination.bucketName)) {
        problems.check(
            "captureDestination.bucketName",
            rules.s3Uri(`s3://${destination.bucketName}`) && rules.s3BucketName(destination.bucketName),
        );
    }
    if (rules.isKnownString(destination.kmsKeyArn)) {
        problems.check("captureDestination.kmsKeyArn", rules.kmsKeyArn(destination.kmsKeyArn));
    }
}
