/**
 * capture-bucket-encrypted-private-tls: buckets that receive captured inferences or async
 * outputs hold production payloads. Each such bucket declared in the stack needs default KMS
 * encryption, a public access block with all four flags, and a policy denying non-TLS access.
 * Buckets not declared in the stack are outside what CrossGuard can see and are not checked.
 *
 * Which bucket an endpoint config writes to, and which bucket a sub-resource configures, come
 * from propertyDependencies where the program built one from the other (known at preview, while
 * a new bucket's id and the URIs built from it are not), else from the names in the values.
 */
import { ASYNC_OUTPUT_DESTINATION, DATA_CAPTURE_DESTINATION, destinationBuckets } from "../captureDestinations";
import { readStatements } from "../../domain/iamPolicyDocument";
import { checkEach, knownString } from "../previewSafe";
import { bucketIdentities, Props } from "../resourceShapes";
import { BUCKET_ENCRYPTION_TYPES, BUCKET_TYPES, TYPES } from "../resourceTypes";
import { referencedResources, resourcesOfType } from "../stackModel";
import { arrayOf, nonEmptyString, objectOf } from "../../domain/values";
import { PackStackPolicy, RuleDefinition, violation } from "./ruleKit";

/** SSE algorithms that use KMS. */
const KMS_SSE_ALGORITHMS: readonly string[] = ["aws:kms", "aws:kms:dsse"];
const PUBLIC_ACCESS_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

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
    description:
        "Buckets receiving Data Capture or async inference output are KMS-encrypted, block all public access and deny requests without TLS.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "For each capture/output bucket add a BucketServerSideEncryptionConfiguration with sseAlgorithm aws:kms, a BucketPublicAccessBlock with all four flags true, " +
        'and a BucketPolicy with a Deny statement on Condition {"Bool": {"aws:SecureTransport": "false"}}.',
    validateStack: (args, reportViolation) => {
        const destinations = destinationBuckets(args.resources, [DATA_CAPTURE_DESTINATION, ASYNC_OUTPUT_DESTINATION]);
        checkEach(resourcesOfType(args.resources, BUCKET_TYPES), (bucket) => {
            const writers = destinations.get(bucket.urn);
            if (writers === undefined) {
                return;
            }
            const physical = knownString(bucket.props, "bucket");
            const name = physical ?? bucket.name;
            const usedBy = `Bucket ${physical === undefined ? `resource "${bucket.name}"` : `"${physical}"`} (written by ${[...writers].join(", ")})`;
            const attached = (types: readonly string[]) =>
                resourcesOfType(args.resources, types).filter(
                    (sub) => referencedResources(sub, "bucket", [bucket], (b) => bucketIdentities(b.props)).length > 0,
                );
            // Independent checks: an unknown policy document (built from the bucket's ARN) must not hide a missing public access block.
            const checks: (() => void)[] = [
                () => {
                    if (!attached(BUCKET_ENCRYPTION_TYPES).some(({ props }) => encryptsWithKms(props))) {
                        reportViolation(
                            violation(
                                `${usedBy} has no BucketServerSideEncryptionConfiguration with sseAlgorithm aws:kms.`,
                                `add an aws.s3.BucketServerSideEncryptionConfiguration for bucket "${name}" with rules[0].applyServerSideEncryptionByDefault.sseAlgorithm "aws:kms" and a KMS key.`,
                            ),
                            bucket.urn,
                        );
                    }
                },
                () => {
                    if (!attached([TYPES.bucketPublicAccessBlock]).some(({ props }) => blocksAllPublicAccess(props))) {
                        reportViolation(
                            violation(
                                `${usedBy} has no BucketPublicAccessBlock with ${PUBLIC_ACCESS_FLAGS.join(", ")} all true.`,
                                `add an aws.s3.BucketPublicAccessBlock for bucket "${name}" with all four flags set to true.`,
                            ),
                            bucket.urn,
                        );
                    }
                },
                () => {
                    if (!attached([TYPES.bucketPolicy]).some(({ props }) => deniesInsecureTransport(props))) {
                        reportViolation(
                            violation(
                                `${usedBy} has no BucketPolicy denying requests without TLS (aws:SecureTransport = false).`,
                                `add an aws.s3.BucketPolicy for bucket "${name}" with a Deny statement for s3:* on the bucket and its objects, Condition {"Bool": {"aws:SecureTransport": "false"}}.`,
                            ),
                            bucket.urn,
                        );
                    }
                },
            ];
            checkEach(checks, (check) => check());
        });
    },
};

export const captureBucketRules: RuleDefinition[] = [{ policy: captureBucketEncryptedPrivateTls }];
