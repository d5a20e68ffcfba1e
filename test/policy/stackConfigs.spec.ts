import * as assert from "assert";
import { parsePackConfig } from "../../policy/config";
import { fixturePolicyConfig } from "../support/fixtureStacks";

describe("the prod fixture's policy pack config (test/fixtures/stacks/prod/policy.json)", () => {
    it("switches on the prod rules, allows its async endpoint to scale to zero explicitly, and requires 10 s enhanced metrics", () => {
        const prod = parsePackConfig(fixturePolicyConfig("prod"));
        assert.deepStrictEqual(
            {
                metrics: prod["enhanced-metrics-enabled"].properties,
                minCount: prod["min-instance-count"].properties,
                minCapacity: prod["min-scaling-capacity"].properties,
                isolation: prod["model-network-isolation-and-vpc"].properties,
                allowed: prod["allowed-instance-types"].properties,
            },
            {
                metrics: { maximumPublishFrequencySeconds: 10 },
                minCount: { enabled: true, minimumInstanceCount: 2 },
                minCapacity: { enabled: true, minimumCapacity: 2, allowScaleToZeroForAsync: true },
                isolation: { enabled: true },
                allowed: { enabled: false, allowedInstanceTypes: [] },
            },
        );
    });
});
