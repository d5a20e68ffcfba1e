import * as assert from "assert";
import { allowedInstanceTypes, modelNetworkIsolationAndVpc } from "../../policy/rules/prodRules";
import {
    CLASSIC_ENDPOINT_CONFIG,
    CLASSIC_MODEL,
    classicEndpointConfig,
    classicModel,
    NATIVE_ENDPOINT_CONFIG,
    NATIVE_MODEL,
    nativeEndpointConfig,
    nativeModel,
    PROD_RULES_ON,
} from "./fixtures";
import { runResourcePolicy, UNKNOWN_VALUE, withField, withoutField } from "./harness";

const none = { kind: "violations", messages: [] };
/** Messages name the resource (its physical name) first. */
const onlyFor = (subject: string) => (message: string) => ({ kind: "violations", messages: [`${subject}: ${message}`] });
const off = { kind: "notApplicable", reason: "Prod rule switched off; set enabled: true in the policy pack config to enforce it" };

const configs = [
    { flavor: "aws-native", type: NATIVE_ENDPOINT_CONFIG, baseline: nativeEndpointConfig },
    { flavor: "classic aws", type: CLASSIC_ENDPOINT_CONFIG, baseline: classicEndpointConfig },
];
const models = [
    { flavor: "aws-native", type: NATIVE_MODEL, baseline: nativeModel },
    { flavor: "classic aws", type: CLASSIC_MODEL, baseline: classicModel },
];

for (const { flavor, type, baseline } of configs) {
    const config = (props: Record<string, any>) => ({ type, name: "config", props });
    const only = onlyFor(`Endpoint config "${baseline().endpointConfigName ?? baseline().name}"`);

    describe(`prod rules on ${flavor} endpoint configs`, () => {
        it("allowed-instance-types is off by default, even for a violating config", () => {
            const props = withField(baseline(), "productionVariants[0].instanceType", "ml.p4d.24xlarge");
            assert.deepStrictEqual(runResourcePolicy(allowedInstanceTypes, config(props)), off);
        });

        it("allowed-instance-types switched on: the baseline passes", () => {
            assert.deepStrictEqual(
                runResourcePolicy(allowedInstanceTypes, config(baseline()), { config: PROD_RULES_ON["allowed-instance-types"] }),
                none,
            );
        });

        it("allowed-instance-types: a type outside the list", () => {
            assert.deepStrictEqual(
                runResourcePolicy(
                    allowedInstanceTypes,
                    config(withField(baseline(), "productionVariants[0].instanceType", "ml.p4d.24xlarge")),
                    {
                        config: PROD_RULES_ON["allowed-instance-types"],
                    },
                ),
                only(
                    'productionVariants[0] (variant "AllTraffic") uses ml.p4d.24xlarge, which is not in allowedInstanceTypes. Remediation: use one of ml.m5.xlarge, ml.g5.xlarge.',
                ),
            );
        });
    });
}

describe("allowed-instance-types on heterogeneous (instance pool) variants", () => {
    it("checks every pool's instance type", () => {
        const props = withField(nativeEndpointConfig(), "productionVariants[0].instancePools", [
            { instanceType: "ml.m5.xlarge", priority: 1 },
            { instanceType: "ml.c5.xlarge", priority: 2 },
        ]);
        assert.deepStrictEqual(
            runResourcePolicy(
                allowedInstanceTypes,
                { type: NATIVE_ENDPOINT_CONFIG, name: "config", props },
                { config: PROD_RULES_ON["allowed-instance-types"] },
            ),
            onlyFor('Endpoint config "realtime-config"')(
                'productionVariants[0] (variant "AllTraffic") uses ml.c5.xlarge, which is not in allowedInstanceTypes. Remediation: use one of ml.m5.xlarge, ml.g5.xlarge.',
            ),
        );
    });
});

for (const { flavor, type, baseline } of models) {
    const model = (props: Record<string, any>) => ({ type, name: "model", props });
    const on = { config: PROD_RULES_ON["model-network-isolation-and-vpc"] };
    const only = onlyFor('Model "model"');

    describe(`model-network-isolation-and-vpc on ${flavor} ${type}`, () => {
        it("is off by default", () => {
            assert.deepStrictEqual(runResourcePolicy(modelNetworkIsolationAndVpc, model(withoutField(baseline(), "vpcConfig"))), off);
        });

        it("switched on, the baseline passes", () => {
            assert.deepStrictEqual(runResourcePolicy(modelNetworkIsolationAndVpc, model(baseline()), on), none);
        });

        it("enableNetworkIsolation missing", () => {
            assert.deepStrictEqual(
                runResourcePolicy(modelNetworkIsolationAndVpc, model(withoutField(baseline(), "enableNetworkIsolation")), on),
                only(
                    "enableNetworkIsolation is not set, so the model container can reach the network. Remediation: set enableNetworkIsolation to true.",
                ),
            );
        });

        it("subnets and security groups created in the same stack (unknown until deployment) count as set", () => {
            const props = withField(withField(baseline(), "vpcConfig.subnets", UNKNOWN_VALUE), "vpcConfig.securityGroupIds", [
                UNKNOWN_VALUE,
            ]);
            assert.deepStrictEqual(runResourcePolicy(modelNetworkIsolationAndVpc, model(props), on), none);
        });

        it("vpcConfig missing", () => {
            assert.deepStrictEqual(
                runResourcePolicy(modelNetworkIsolationAndVpc, model(withoutField(baseline(), "vpcConfig")), on),
                only(
                    "vpcConfig has no subnets or no securityGroupIds, so the model does not run inside your VPC. Remediation: set vpcConfig.subnets and vpcConfig.securityGroupIds to private subnets and a security group.",
                ),
            );
        });
    });
}
