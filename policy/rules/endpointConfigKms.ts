/**
 * endpoint-config-kms: the ML storage volumes of an endpoint must be encrypted with a
 * customer-managed key, except where AWS forbids a volume key: instance types with local NVMe
 * instance storage are encrypted by the instance hardware, and CreateEndpointConfig fails when
 * a KmsKeyId is given while any variant uses one of them.
 */
import { hasLocalNvmeStorage } from "../../domain/instanceTypes";
import { allVariants, VariantShape } from "../resourceShapes";
import { stackFileKeysOf } from "../stackFileKeys";
import { PackResourcePolicy, RuleDefinition, validateInstanceEndpointConfig, violation } from "./ruleKit";

function describeVariants(variants: VariantShape[], keep: (instanceType: string) => boolean): string {
    return variants
        .flatMap((variant) => variant.instanceTypes.filter(keep).map((type) => `${variant.variantName ?? variant.path} (${type})`))
        .join(", ");
}

export const endpointConfigKms: PackResourcePolicy = {
    name: "endpoint-config-kms",
    description:
        "Endpoint configs must encrypt ML storage volumes with a customer-managed KMS key, unless a variant uses an instance type with local NVMe storage.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Set the volume key (kmsKeyId on aws-native EndpointConfig, kmsKeyArn on classic EndpointConfiguration) to a KMS key ARN; " +
        "leave it unset when any variant uses an instance type with local NVMe storage (ml.g5, ml.g6, ml.p4d, ml.*d, ...).",
    validateResource: validateInstanceEndpointConfig((config, args, reportViolation) => {
        const variants = allVariants(config);
        const stackKey = stackFileKeysOf(args.urn, args.props)(["volumeKmsKeyArn"]);
        const property = config.volumeKmsKeyProperty;
        const nvme = describeVariants(variants, hasLocalNvmeStorage);
        if (nvme !== "") {
            if (config.hasVolumeKmsKey) {
                reportViolation(
                    violation(
                        `${property} is set, but ${nvme} use local NVMe instance storage, which the instance hardware encrypts; AWS rejects a volume KMS key for such instance types.`,
                        `remove ${property} from this endpoint config.`,
                        stackKey,
                    ),
                );
            }
            return;
        }
        if (!config.hasVolumeKmsKey) {
            const ebs = describeVariants(variants, () => true) || "its variants";
            reportViolation(
                violation(
                    `${property} is not set, so the ML storage volumes of ${ebs} are not encrypted with a customer-managed KMS key.`,
                    `set ${property} to the ARN of a customer-managed KMS key.`,
                    stackKey,
                ),
            );
        }
    }),
};

export const endpointConfigKmsRules: RuleDefinition[] = [{ policy: endpointConfigKms }];
