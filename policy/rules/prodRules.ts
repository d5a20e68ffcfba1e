/**
 * Prod rules: stricter checks a prod policy group switches on with `enabled: true` in the pack
 * config. Off by default (not applicable), so dev stacks are not held to prod standards.
 */
import { allVariants } from "../resourceShapes";
import { defineRuleConfig, instanceTypeList, integerInRange, readRuleConfig } from "../ruleConfig";
import {
    enabledSwitch,
    PackResourcePolicy,
    requireEnabled,
    RuleDefinition,
    show,
    validateInstanceEndpointConfig,
    validateModel,
    violation,
} from "./ruleKit";

export const minInstanceCountConfig = defineRuleConfig({
    enabled: enabledSwitch,
    minimumInstanceCount: integerInRange(1, 1000, 2, "Lowest allowed initialInstanceCount per production variant."),
});

export const minInstanceCount: PackResourcePolicy = {
    name: "min-instance-count",
    description: "Every instance-based production variant runs at least minimumInstanceCount instances (default 2), so one instance failure does not take the endpoint down.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Set productionVariants[].initialInstanceCount to at least the pack's minimumInstanceCount.",
    configSchema: minInstanceCountConfig.configSchema,
    validateResource: validateInstanceEndpointConfig((config, args, reportViolation) => {
        const { enabled, minimumInstanceCount: minimum } = readRuleConfig(minInstanceCount.name, minInstanceCountConfig, args.getConfig());
        requireEnabled(args, enabled);
        for (const variant of config.productionVariants) {
            if (variant.serverless) {
                continue;
            }
            const count = variant.initialInstanceCount;
            if (typeof count !== "number" || count < minimum) {
                reportViolation(
                    violation(
                        `${variant.path}.initialInstanceCount of variant ${show(variant.variantName)} is ${show(count)}, below the required minimum of ${minimum}.`,
                        `set ${variant.path}.initialInstanceCount to ${minimum} or more.`,
                    ),
                );
            }
        }
    }),
};

export const networkIsolationConfig = defineRuleConfig({ enabled: enabledSwitch });

export const modelNetworkIsolationAndVpc: PackResourcePolicy = {
    name: "model-network-isolation-and-vpc",
    description: "SageMaker models run with network isolation and inside a VPC.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Set enableNetworkIsolation to true and vpcConfig with subnets and securityGroupIds on the model.",
    configSchema: networkIsolationConfig.configSchema,
    validateResource: validateModel((model, args, reportViolation) => {
        requireEnabled(args, readRuleConfig(modelNetworkIsolationAndVpc.name, networkIsolationConfig, args.getConfig()).enabled);
        if (model.enableNetworkIsolation !== true) {
            reportViolation(
                violation(
                    `enableNetworkIsolation is ${show(model.enableNetworkIsolation)}, so the model container can reach the network.`,
                    "set enableNetworkIsolation to true.",
                ),
            );
        }
        if (model.vpcSubnets.length === 0 || model.vpcSecurityGroupIds.length === 0) {
            reportViolation(
                violation(
                    "vpcConfig has no subnets or no securityGroupIds, so the model does not run inside your VPC.",
                    "set vpcConfig.subnets and vpcConfig.securityGroupIds to private subnets and a security group.",
                ),
            );
        }
    }),
};

export const allowedInstanceTypesConfig = defineRuleConfig(
    {
        enabled: enabledSwitch,
        allowedInstanceTypes: instanceTypeList("Instance types variants may use, e.g. [\"ml.m5.xlarge\", \"ml.g5.xlarge\"]."),
    },
    (value, ctx) => {
        if (value.enabled && value.allowedInstanceTypes.length === 0) {
            ctx.addIssue({ code: "custom", path: ["allowedInstanceTypes"], message: "must list at least one instance type when enabled is true" });
        }
    },
);

export const allowedInstanceTypes: PackResourcePolicy = {
    name: "allowed-instance-types",
    description: "Endpoint variants use only the instance types listed in allowedInstanceTypes.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: "Change the variant's instanceType to one of the pack's allowedInstanceTypes, or add the type to that list.",
    configSchema: allowedInstanceTypesConfig.configSchema,
    validateResource: validateInstanceEndpointConfig((config, args, reportViolation) => {
        const settings = readRuleConfig(allowedInstanceTypes.name, allowedInstanceTypesConfig, args.getConfig());
        requireEnabled(args, settings.enabled);
        const allowed = settings.allowedInstanceTypes;
        for (const variant of allVariants(config)) {
            for (const instanceType of variant.instanceTypes.filter((type) => !allowed.includes(type))) {
                reportViolation(
                    violation(
                        `${variant.path} (variant ${show(variant.variantName)}) uses ${instanceType}, which is not in allowedInstanceTypes.`,
                        `use one of ${allowed.join(", ")}.`,
                    ),
                );
            }
        }
    }),
};

export const prodRules: RuleDefinition[] = [
    { policy: minInstanceCount, config: minInstanceCountConfig },
    { policy: modelNetworkIsolationAndVpc, config: networkIsolationConfig },
    { policy: allowedInstanceTypes, config: allowedInstanceTypesConfig },
];
