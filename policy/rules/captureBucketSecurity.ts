/**
 * capture-bucket-encrypted-private-tls: buckets that receive captured inferences or async
 * outputs hold production payloads. Each such bucket declared in the stack needs default KMS
 * encryption, a public access block with all four flags, and a policy denying non-TLS access.
 * Buckets not declared in the stack are outside what CrossGuard can see and are not checked.
 */
import { readStatements } from "../iamPolicyDocument";
import { bucketIdentities, endpointConfigShape, Props } from "../resourceShapes";
import { arrayOf, nonEmptyString, objectOf } from "../values";
import { BUCKET_ENCRYPTION_TYPES, BUCKET_TYPES, ENDPOINT_CONFIG_TYPES, TYPES } from "../resourceTypes";
import { bucketNameOfS3Uri } from "../s3Location";
import { resourcesOfType, StackResource } from "../stackModel";
import { PackStackPolicy, RuleDefinition, violation } from "./ruleKit";

/** SSE algorithms that use KMS. */
export const KMS_SSE_ALGORITHMS: readonly string[] = ["aws:kms", "aws:kms:dsse"];
const PUBLIC_ACCESS_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

/** Bucket name -> the endpoint-config fields that write to it, e.g. 'ep-config dataCaptureConfig.destinationS3Uri'. */
function destinationBuckets(resources: readonly StackResource[]): Map<string, string[]> {
    const destinations = new Map<string, string[]>();
    const add = (uri: string | undefined, where: string) => {
        const bucket = uri === undefined ? undefined : bucketNameOfS3Uri(uri);
        if (bucket !== undefined) {
            destinations.set(bucket, [...(destinations.get(bucket) ?? []), where]);
        }
    };
    for (const resource of resourcesOfType(resources, ENDPOINT_CONFIG_TYPES)) {
        const config = endpointConfigShape(resource.type, resource.props)!;
        add(config.dataCapture?.destinationS3Uri, `${resource.name} dataCaptureConfig.destinationS3Uri`);
        add(config.asyncInference?.s3OutputPath, `${resource.name} asyncInferenceConfig.outputConfig.s3OutputPath`);
        add(config.asyncInference?.s3FailurePath, `${resource.name} asyncInferenceConfig.outputConfig.s3FailurePath`);
    }
    return destinations;
}

function encryptsWithKms(props: Props): boolean {
    return arrayOf(props.rules).some((rule) => {
        const algorithm = nonEmptyString(objectOf(objectOf(rule)?.applyServerSideEncryptionByDefault)?.sseAlgorithm);
        return algorithm !== undefined && KMS_SSE_ALGORITHMS.includes(algorithm);
    });
}

function blocksAllPublicAccess(props: Props): boolean {
    return PUBLIC_ACCESS_FLAGS.every((flag) => props[flag] === true);
}

/** A Deny statement conditioned on aws:SecureTransport = false. */
function deniesInsecureTransport(props: Props): boolean {
    const read = readStatements(props.policy);
    return (
        !("error" in read) &&
        read.statements.some((statement) => {
            const secure = objectOf(objectOf(statement.Condition)?.Bool)?.["aws:SecureTransport"];
            const values = Array.isArray(secure) ? secure : [secure];
            return statement.Effect === "Deny" && values.some((value) => value === false || value === "false");
        })
    );
}

export const captureBucketEncryptedPrivateTls: PackStackPolicy = {
    name: "capture-bucket-encrypted-private-tls",
    description: "Buckets receiving Data Capture or async inference output are KMS-encrypted, block all public access and deny requests without TLS.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "For each capture/output bucket add a BucketServerSideEncryptionConfiguration with sseAlgorithm aws:kms, a BucketPublicAccessBlock with all four flags true, " +
        'and a BucketPolicy with a Deny statement on Condition {"Bool": {"aws:SecureTransport": "false"}}.',
    validateStack: (args, reportViolation) => {
        const destinations = destinationBuckets(args.resources);
        const attachedTo = (types: readonly string[], identities: string[]) =>
            resourcesOfType(args.resources, types).filter(({ props }) => identities.includes(nonEmptyString(props.bucket) ?? ""));
        for (const bucket of resourcesOfType(args.resources, BUCKET_TYPES)) {
            const identities = bucketIdentities(bucket.props);
            const name = identities[0];
            const writers = identities.flatMap((identity) => destinations.get(identity) ?? []);
            if (name === undefined || writers.length === 0) {
                continue;
            }
            const usedBy = `Bucket "${name}" (written by ${[...new Set(writers)].join(", ")})`;
            if (!attachedTo(BUCKET_ENCRYPTION_TYPES, identities).some(({ props }) => encryptsWithKms(props))) {
                reportViolation(
                    violation(
                        `${usedBy} has no BucketServerSideEncryptionConfiguration with sseAlgorithm aws:kms.`,
                        `add an aws.s3.BucketServerSideEncryptionConfiguration for bucket "${name}" with rules[0].applyServerSideEncryptionByDefault.sseAlgorithm "aws:kms" and a KMS key.`,
                    ),
                    bucket.urn,
                );
            }
            if (!attachedTo([TYPES.bucketPublicAccessBlock], identities).some(({ props }) => blocksAllPublicAccess(props))) {
                reportViolation(
                    violation(
                        `${usedBy} has no BucketPublicAccessBlock with ${PUBLIC_ACCESS_FLAGS.join(", ")} all true.`,
                        `add an aws.s3.BucketPublicAccessBlock for bucket "${name}" with all four flags set to true.`,
                    ),
                    bucket.urn,
                );
            }
            if (!attachedTo([TYPES.bucketPolicy], identities).some(({ props }) => deniesInsecureTransport(props))) {
                reportViolation(
                    violation(
                        `${usedBy} has no BucketPolicy denying requests without TLS (aws:SecureTransport = false).`,
                        `add an aws.s3.BucketPolicy for bucket "${name}" with a Deny statement for s3:* on the bucket and its objects, Condition {"Bool": {"aws:SecureTransport": "false"}}.`,
                    ),
                    bucket.urn,
                );
            }
        }
    },
};

export const captureBucketRules: RuleDefinition[] = [{ policy: captureBucketEncryptedPrivateTls }];
