/**
 * The region list (domain/awsRegions.ts) against the partitions file of the AWS SDK this repository
 * pins: when an SDK upgrade brings a region AWS opened, this fails until the list has it too.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { AWS_PARTITIONS, AWS_REGIONS, partitionOfRegion } from "../../domain/awsRegions";

/** partition id -> its regions, from @aws-sdk/core's partitions data (an ES module holding one JSON object). */
function sdkRegions(): Record<string, string[]> {
    const core = path.dirname(require.resolve("@aws-sdk/core/package.json"));
    const source = fs.readFileSync(path.join(core, "dist-es/submodules/client/util-endpoints/lib/aws/partitions.js"), "utf8");
    const json = source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1);
    const info: { partitions: { id: string; regions: Record<string, unknown> }[] } = JSON.parse(json);
    return Object.fromEntries(
        info.partitions.map((p) => [
            p.id,
            Object.keys(p.regions)
                .filter((region) => !region.endsWith("-global"))
                .sort(),
        ]),
    );
}

describe("domain/awsRegions: the regions of each partition", () => {
    it("lists exactly the regions the pinned AWS SDK knows for aws, aws-cn and aws-us-gov", () => {
        const sdk = sdkRegions();
        assert.deepStrictEqual(
            Object.fromEntries(AWS_PARTITIONS.map((partition) => [partition, [...AWS_REGIONS[partition]].sort()])),
            Object.fromEntries(AWS_PARTITIONS.map((partition) => [partition, sdk[partition]])),
        );
    });

    it("knows each region's partition, and no partition for a name that only looks like a region", () => {
        assert.deepStrictEqual(["us-east-1", "cn-north-1", "us-gov-west-1", "us-west-9", "us-east1"].map(partitionOfRegion), [
            "aws",
            "aws-cn",
            "aws-us-gov",
            undefined,
            undefined,
        ]);
    });
});
