/**
 * The regions of each AWS partition this library deploys to. A region name that only looks right
 * (`us-west-9`) is refused: an ARN or a config naming it could never resolve. New regions are added
 * here when AWS opens them.
 */
export const AWS_REGIONS = {
    aws: [
        "af-south-1",
        "ap-east-1",
        "ap-east-2",
        "ap-northeast-1",
        "ap-northeast-2",
        "ap-northeast-3",
        "ap-south-1",
        "ap-south-2",
        "ap-southeast-1",
        "ap-southeast-2",
        "ap-southeast-3",
        "ap-southeast-4",
        "ap-southeast-5",
        "ap-southeast-6",
        "ap-southeast-7",
        "ca-central-1",
        "ca-west-1",
        "eu-central-1",
        "eu-central-2",
        "eu-north-1",
        "eu-south-1",
        "eu-south-2",
        "eu-west-1",
        "eu-west-2",
        "eu-west-3",
        "il-central-1",
        "me-central-1",
        "me-south-1",
        "me-west-1",
        "mx-central-1",
        "sa-east-1",
        "sa-west-1",
        "us-east-1",
        "us-east-2",
        "us-west-1",
        "us-west-2",
    ],
    "aws-cn": ["cn-north-1", "cn-northwest-1"],
    "aws-us-gov": ["us-gov-east-1", "us-gov-west-1"],
} as const satisfies Record<string, readonly string[]>;

export type AwsPartition = keyof typeof AWS_REGIONS;

export const AWS_PARTITIONS = Object.keys(AWS_REGIONS) as AwsPartition[];

const PARTITION_OF_REGION: ReadonlyMap<string, AwsPartition> = new Map(
    AWS_PARTITIONS.flatMap((partition) => AWS_REGIONS[partition].map((region) => [region, partition] as const)),
);

/** The partition of a real region, or undefined for a name that is no region. */
export function partitionOfRegion(region: string): AwsPartition | undefined {
    return PARTITION_OF_REGION.get(region);
}

/** Short lists are given whole; the commercial one by two examples and its size. */
const LISTED_IN_FULL = 4;

/** "a region of partition aws, e.g. us-east-1, eu-west-1 (36 regions)" or "a region of partition aws-cn: cn-north-1, cn-northwest-1". */
export function regionsOfPartition(partition: AwsPartition): string {
    const regions: readonly string[] = AWS_REGIONS[partition];
    return regions.length <= LISTED_IN_FULL
        ? `a region of partition ${partition}: ${regions.join(", ")}`
        : `a region of partition ${partition}, e.g. us-east-1, eu-west-1 (${regions.length} regions)`;
}

/** The rule for a region name in any partition. */
export function awsRegion(value: unknown): string | undefined {
    return typeof value === "string" && partitionOfRegion(value) !== undefined
        ? undefined
        : `must be an AWS region: ${AWS_PARTITIONS.map(regionsOfPartition).join("; or ")} (got ${JSON.stringify(value)})`;
}
