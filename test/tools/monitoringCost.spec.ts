import * as assert from "assert";
import { estimateMonitoringCost } from "../../tools/synth/monitoringCost";
import { SynthResource } from "../../tools/synth/synthResource";

const endpoint = (name: string, type: string, subnets: number): SynthResource =>
    ({
        type: "aws:ec2/vpcEndpoint:VpcEndpoint",
        name,
        inputs: { vpcEndpointType: type, subnetIds: Array.from({ length: subnets }, (_, i) => `subnet-${i}`) },
    }) as unknown as SynthResource;

describe("synth: monitoring cost estimate", () => {
    it("prices interface endpoints per endpoint and zone ($0.01 an hour, 730 hours), not gateways, and shows the per-GB price without adding it", () => {
        const { lines, totalUsd } = estimateMonitoringCost([
            endpoint("logs", "Interface", 3),
            endpoint("monitoring", "Interface", 3),
            endpoint("sns", "Interface", 3),
            endpoint("s3", "Gateway", 3),
        ]);
        assert.deepStrictEqual(lines.slice(-2), [
            { item: "interface VPC endpoints, per endpoint and zone", count: 9, unitUsd: 7.3, monthlyUsd: 65.7 },
            { item: "interface VPC endpoint data, per GB processed (not estimated)", count: 0, unitUsd: 0.01, monthlyUsd: 0 },
        ]);
        assert.strictEqual(totalUsd, 65.7);
    });
});
