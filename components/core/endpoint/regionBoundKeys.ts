import * as pulumi from "@pulumi/pulumi";
import { kmsKeyArn, kmsKeyArnInRegion } from "../../../domain/arn";
import { isObject } from "../../../domain/values";
import { Problem } from "../validation/problems";

/** A KMS key an endpoint hands to a service of its own region, at its property path. */
export interface RegionBoundKey {
    path: string;
    value: pulumi.Input<string>;
}

/**
 * The keys AWS uses only in the endpoint's region: the ML volumes' (SageMaker), the model artifacts'
 * and the capture and async-output objects' (S3 SSE-KMS), the log group's (CloudWatch Logs). Read
 * from the arguments as given, so the stack file's entries and the components' calls name the same
 * paths; a key an SNS topic or a secret uses is not here (those may live in another region).
 */
export function regionBoundKeys(args: object): RegionBoundKey[] {
    const a = args as Record<string, unknown>;
    const keys: { path: string; value: unknown }[] = [
        { path: "volumeKmsKeyArn", value: a.volumeKmsKeyArn },
        { path: "logs.kmsKeyArn", value: field(a.logs, "kmsKeyArn") },
        { path: "captureDestination.kmsKeyArn", value: field(a.captureDestination, "kmsKeyArn") },
        { path: "model.modelDataKmsKeyArn", value: field(a.model, "modelDataKmsKeyArn") },
        ...listed(a.variants).map((v, i) => ({
            path: `variants[${i}].model.modelDataKmsKeyArn`,
            value: field(field(v, "model"), "modelDataKmsKeyArn"),
        })),
        ...listed(a.inferenceComponents).map((c, i) => ({
            path: `inferenceComponents[${i}].model.modelDataKmsKeyArn`,
            value: field(field(c, "model"), "modelDataKmsKeyArn"),
        })),
        { path: "async.existingLocations.kmsKeyArn", value: field(field(a.async, "existingLocations"), "kmsKeyArn") },
    ];
    return keys.filter((k): k is RegionBoundKey => k.value !== undefined && k.value !== null);
}

/**
 * Keys of another region than `region`. A value that is no key ARN at all is left to kmsKeyArn,
 * which the argument validators run at the same path, so no path is reported twice.
 */
export function regionBoundKeyProblems(keys: readonly { path: string; value: unknown }[], region: string): Problem[] {
    const inRegion = kmsKeyArnInRegion(region);
    return keys.flatMap(({ path, value }) => {
        const reason = kmsKeyArn(value) === undefined ? inRegion(value) : undefined;
        return reason === undefined ? [] : [{ propertyPath: path, reason }];
    });
}

function field(value: unknown, key: string): unknown {
    return isObject(value) ? value[key] : undefined;
}

function listed(value: unknown): unknown[] {
    return Array.isArray(value) ? value : [];
}
