import * as pulumi from "@pulumi/pulumi";
import { bundleLambda, LambdaBundle } from "../../lambdas/bundle";

export const FORWARDER_ENTRY = "lambdas/capture-forwarder/index.ts";
export const FORWARDER_RUNTIME = "nodejs20.x";
/** The bundle is deployed as `index.js`, exporting `handler`. */
export const FORWARDER_HANDLER = "index.handler";

let bundled: LambdaBundle | undefined;

/** The esbuild bundle, built once per process however many forwarders a program declares. */
export function forwarderBundle(): LambdaBundle {
    bundled ??= bundleLambda(FORWARDER_ENTRY);
    return bundled;
}

/** The Lambda's code: one deterministic `index.js`, so Pulumi sees a change only when the sources change. */
export function forwarderCodeArchive(): pulumi.asset.AssetArchive {
    return new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(forwarderBundle().code) });
}
