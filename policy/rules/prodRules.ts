/**
 * Prod rules: stricter checks a prod policy group switches on with `enabled: true` in the pack
 * config. Off by default (not applicable), so dev stacks are not held to prod standards.
 */
import { checkEach } from "../previewSafe";
import { allVariants } from "../resourceShapes";
import { defineRuleConfig, flag, instanceTypeList, integerInRange, readRuleConfig } from "../ruleConfig";
import { endpointOfTarget, endpointsOf, variantTargetsOf } from "../stackModel";
import {
    enabledSwitch,
    PackResourcePolicy,
    PackStackPolicy,
    requireEnabled,
    RuleDefinition,
    show,
    validateInstanceEndpointConfig,
    validateModel,
    violation,
} from "./ruleKit";

const minInstanceCountConfig = defineRuleConfig({
    enabled: enabledSwitch,
    minimumInstanceCount: integerInRange(1, 1000, 2, "Lowest allowed initialInstanceCount per instance-based production variant."),
});

/**
 * A resource rule, so it runs when the endpoint config is checked, before it is created: a stack
 * rule runs at `pulumi up` only after every resource exists (and with --skip-preview nothing
 * checks it earlier).
 */
export const minInstanceCount: PackResourcePolicy = {
    name: "min-instance-count",
    description:
        "Every instance-based production variant starts with at least minimumInstanceCount instances (default 2), so one instance failure does not take the endpoint down. " +
        "min-scaling-capacity keeps autoscaling from going below it.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Set productionVariants[].initialInstanceCount to at least the pack's minimumInstanceCount.",
    configSchema: minInstanceCountConfig.configSchema,
    validateResource: validateInstanceEndpointConfig((config, args, reportViolation) => {
        const { enabled, minimumInstanceCount: minimum } = readRuleConfig(minInstanceCount.name, minInstanceCountConfig, args.getConfig());
        requireEnabled(args, enabled);
        for (const variant of config.productionVariants.filter((v) => !v.serverless)) {
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

const minScalingCapacityConfig = defineRuleConfig({
    enabled: enabledSwitch,
    minimumCapacity: integerInRange(
        1,
        1000,
        2,
        "Lowest allowed minCapacity of each SageMaker variant's scalable target (keep it equal to min-instance-count's minimumInstanceCount).",
    ),
    allowScaleToZeroForAsync: flag(
        false,
        "Allow async endpoints' scalable targets minCapacity 0 (scale to zero while the queue is empty). Async endpoints queue requests and " +
            "async-endpoint-backlog-alarms requires their scale-from-zero wiring; any other minCapacity below minimumCapacity is still a violation.",
    ),
});

/** The config key that allows async endpoints to scale to zero, named in messages. */
const SCALE_TO_ZERO_KEY = "allowScaleToZeroForAsync";

/**
 * A stack rule: telling an async endpoint (which may scale to zero under the allowance) from a
 * real-time one needs the target's endpoint and its config, which only the whole stack shows.
 */
export const minScalingCapacity: PackStackPolicy = {
    name: "min-scaling-capacity",
    description:
        "Autoscaling can never take an instance-based variant below minimumCapacity instances (default 2): every SageMaker variant scalable target's minCapacity is at least that. " +
        "Async endpoints may scale to zero only where allowScaleToZeroForAsync is true.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Set the variant's aws.appautoscaling.Target minCapacity to at least the pack's minimumCapacity; " +
        "for an async endpoint meant to scale to zero, set allowScaleToZeroForAsync: true in the pack config.",
    configSchema: minScalingCapacityConfig.configSchema,
    validateStack: (args, reportViolation) => {
        const settings = readRuleConfig(minScalingCapacity.name, minScalingCapacityConfig, args.getConfig());
        requireEnabled(args, settings.enabled);
        const minimum = settings.minimumCapacity;
        const endpoints = endpointsOf(args.resources);
        checkEach(variantTargetsOf(args.resources), (target) => {
            const minCapacity = target.target.minCapacity;
            if (typeof minCapacity === "number" && minCapacity >= minimum) {
                return;
            }
            const node = endpointOfTarget(target, endpoints);
            const isAsync = node?.config?.isAsync === true;
            if (minCapacity === 0 && isAsync && settings.allowScaleToZeroForAsync) {
                return; // The explicit allowance: this async endpoint scales to zero on purpose.
            }
            const endpoint =
                node?.endpoint.endpointName === undefined ? "" : ` of ${isAsync ? "async " : ""}endpoint "${node.endpoint.endpointName}"`;
            const allowance =
                minCapacity === 0 && isAsync
                    ? `, or set ${SCALE_TO_ZERO_KEY}: true in the ${minScalingCapacity.name} pack config if this async endpoint is meant to scale to zero`
                    : "";
            reportViolation(
                violation(
                    `Scalable target ${target.label}${endpoint} has minCapacity ${show(minCapacity)}, below the required minimum of ${minimum}, so autoscaling can take the variant below ${minimum} instances.`,
                    `set minCapacity to ${minimum} or more${allowance}.`,
                ),
                target.resource.urn,
            );
        });
    },
};

const networkIsolationConfig = defineRuleConfig({ enabled: enabledSwitch });

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
        if (!model.hasVpcSubnets || !model.hasVpcSecurityGroupIds) {
            reportViolation(
                violation(
                    "vpcConfig has no subnets or no securityGroupIds, so the model does not run inside your VPC.",
                    "set vpcConfig.subnets and vpcConfig.securityGroupIds to private subnets and a security group.",
                ),
            );
        }
    }),
};

const allowedInstanceTypesConfig = defineRuleConfig(
    {
        enabled: enabledSwitch,
        allowedInstanceTypes: instanceTypeList('Instance types variants may use, e.g. ["ml.m5.xlarge", "ml.g5.xlarge"].'),
    },
    (value, ctx) => {
        if (value.enabled && value.allowedInstanceTypes.length === 0) {
            ctx.addIssue({
                code: "custom",
                path: ["allowedInstanceTypes"],
                message: "must list at least one instance type when enabled is true",
            });
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
    { policy: minScalingCapacity, config: minScalingCapacityConfig },
    { policy: modelNetworkIsolationAndVpc, config: networkIsolationConfig },
    { policy: allowedInstanceTypes, config: allowedInstanceTypesConfig },
];
