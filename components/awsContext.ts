import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Partition, region and account of the provider a component deploys with: the parts of exact ARNs. */
export interface AwsContext {
    partition: string;
    region: string;
    accountId: string;
}

export function awsContext(parent: pulumi.Resource): pulumi.Output<AwsContext> {
    const opts = { parent };
    return pulumi
        .all([aws.getPartitionOutput({}, opts), aws.getRegionOutput({}, opts), aws.getCallerIdentityOutput({}, opts)])
        .apply(([partition, region, identity]) => ({ partition: partition.partition, region: region.region, accountId: identity.accountId }));
}
