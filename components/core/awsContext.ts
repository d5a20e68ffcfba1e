import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Partition, region and account of the provider a component deploys with: the parts of exact ARNs. */
export interface AwsContext {
    partition: string;
    region: string;
    accountId: string;
}

/**
 * One lookup per deployment for components on the default provider (keyed by the engine connection,
 * so a new run never sees an old answer); components given their own provider look it up themselves.
 */
const defaultProviderContext = new WeakMap<object, pulumi.Output<AwsContext>>();

export function awsContext(parent: pulumi.Resource, opts?: pulumi.ComponentResourceOptions): pulumi.Output<AwsContext> {
    const ownProvider = opts !== undefined && (opts.provider !== undefined || opts.providers !== undefined || opts.parent !== undefined);
    const monitor = pulumi.runtime.getMonitor() as object | undefined;
    if (ownProvider || monitor === undefined) {
        return lookUp(parent);
    }
    let context = defaultProviderContext.get(monitor);
    if (context === undefined) {
        // Parented to nothing: the default provider answers, whichever component asks first.
        context = lookUp(undefined);
        defaultProviderContext.set(monitor, context);
    }
    return context;
}

function lookUp(parent: pulumi.Resource | undefined): pulumi.Output<AwsContext> {
    const invokeOpts = parent === undefined ? {} : { parent };
    return pulumi
        .output({
            partition: aws.getPartitionOutput({}, invokeOpts),
            region: aws.getRegionOutput({}, invokeOpts),
            identity: aws.getCallerIdentityOutput({}, invokeOpts),
        })
        .apply(({ partition, region, identity }) => ({
            partition: partition.partition,
            region: region.region,
            accountId: identity.accountId,
        }));
}
