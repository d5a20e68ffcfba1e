import * as assert from "assert";
import { allowedInstanceTypes, minInstanceCount, modelNetworkIsolationAndVpc } from "../../policy/rules/prodRules";
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
import { runResourcePolicy, withField, withoutField } from "./harness";

const none = { kind: "violations", messages: [] };
const only = (message: string) => ({ kind: "violations", messages: [message] });
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

    describe(`prod rules on ${flavor} endpoint configs`, () => {
        it("are off by default, even for a violating config", () => {
            const props = withField(baseline(), "productionVariants[0].initialInstanceCount", 1);
            assert.deepStrictEqual(runResourcePolicy(minInstanceCount, config(props)), off);
            assert.deepStrictEqual(runResourcePolicy(allowedInstanceTypes, config(props)), off);
        });

        it("switched on, the baseline passes", () => {
            assert.deepStrictEqual(runResourcePolicy(minInstanceCount, config(baseline()), { config: PROD_RULES_ON["min-instance-count"] }), none);
            assert.deepStrictEqual(runResourcePolicy(allowedInstanceTypes, config(baseline()), { config: PROD_RULES_ON["allowed-instance-types"] }), none);
        });

        it("min-instance-count: one instance where the minimum is 2", () => {
            assert.deepStrictEqual(
                runResourcePolicy(minInstanceCount, config(withField(baseline(), "productionVariants[0].initialInstanceCount", 1)), { config: { enabled: true } }),
                only(
                    'productionVariants[0].initialInstanceCount of variant "AllTraffic" is 1, below the required minimum of 2. Remediation: set productionVariants[0].initialInstanceCount to 2 or more.',
                ),
            );
        });

        it("min-instance-count: a configured minimum of 3", () => {
            assert.deepStrictEqual(
                runResourcePolicy(minInstanceCount, config(baseline()), { config: { enabled: true, minimumInstanceCount: 3 } }),
                only(
                    'productionVariants[0].initialInstanceCount of variant "AllTraffic" is 2, below the required minimum of 3. Remediation: set productionVariants[0].initialInstanceCount to 3 or more.',
                ),
            );
        });

        it("allowed-instance-types: a type outside the list", () => {
            assert.deepStrictEqual(
                runResourcePolicy(allowedInstanceTypes, config(withField(baseline(), "productionVariants[0].instanceType", "ml.p4d.24xlarge")), {
                    config: PROD_RULES_ON["allowed-instance-types"],
                }),
                only('productionVariants[0] (variant "AllTraffic") uses ml.p4d.24xlarge, which is not in allowedInstanceTypes. Remediation: use one of ml.m5.xlarge, ml.g5.xlarge.'),
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
            runResourcePolicy(allowedInstanceTypes, { type: NATIVE_ENDPOINT_CONFIG, name: "config", props }, { config: PROD_RULES_ON["allowed-instance-types"] }),
            only('productionVariants[0] (variant "AllTraffic") uses ml.c5.xlarge, which is not in allowedInstanceTypes. Remediation: use one of ml.m5.xlarge, ml.g5.xlarge.'),
        );
    });
});

for (const { flavor, type, baseline } of models) {
    const model = (props: Record<string, any>) => ({ type, name: "model", props });
    const on = { config: PROD_RULES_ON["model-network-isolation-and-vpc"] };

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
                only("enableNetworkIsolation is not set, so the model container can reach the network. Remediation: set enableNetworkIsolation to true."),
            );
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
