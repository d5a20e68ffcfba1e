import * as pulumi from "@pulumi/pulumi";
import { bundleLambda, LAMBDA_RUNTIME, LambdaBundle } from "../../lambdas/bundle";

export const FORWARDER_ENTRY = "lambdas/capture-forwarder/index.ts";
/** The runtime the bundle is built for (nodejs22.x: Node.js 20 reached end of life on 30 April 2026). */
export const FORWARDER_RUNTIME = LAMBDA_RUNTIME;
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
