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
import { CheckedBucket, kmsEncryptionViolation, publicAccessViolation, tlsOnlyViolation } from "../bucketSecurity";
import { checkEach, knownString } from "../previewSafe";
import { BUCKET_TYPES } from "../resourceTypes";
import { resourcesOfType } from "../stackModel";
import { PackStackPolicy, RuleDefinition } from "./ruleKit";

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
        checkEach(resourcesOfType(args.resources, BUCKET_TYPES), (resource) => {
            const writers = destinations.get(resource.urn);
            if (writers === undefined) {
                return;
            }
            const physical = knownString(resource.props, "bucket");
            const bucket: CheckedBucket = {
                resource,
                name: physical ?? resource.name,
                subject: `Bucket ${physical === undefined ? `resource "${resource.name}"` : `"${physical}"`} (written by ${[...writers].join(", ")})`,
            };
            // Independent checks: an unknown policy document (built from the bucket's ARN) must not hide a missing public access block.
            const checks = [
                () => kmsEncryptionViolation(args.resources, bucket, false),
                () => publicAccessViolation(args.resources, bucket),
                () => tlsOnlyViolation(args.resources, bucket),
            ];
            checkEach(checks, (check) => {
                const message = check();
                if (message !== undefined) {
                    reportViolation(message, resource.urn);
                }
            });
        });
    },
};

export const captureBucketRules: RuleDefinition[] = [{ policy: captureBucketEncryptedPrivateTls }];
