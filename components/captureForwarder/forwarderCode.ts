import * as pulumi from "@pulumi/pulumi";
import { cachedBundle, LAMBDA_RUNTIME, LambdaBundle, lambdaCodeArchive, lambdaSourceCodeHash } from "./bundleLambda";

/** Without extension: `index.ts` from the repository, `dist/lambdas/capture-forwarder/index.js` from the installed package. */
export const FORWARDER_ENTRY = "lambdas/capture-forwarder/index";
/** The runtime the bundle is built for (nodejs22.x: Node.js 20 reached end of life on 30 April 2026). */
export const FORWARDER_RUNTIME = LAMBDA_RUNTIME;
/** The bundle is deployed as `index.js`, exporting `handler`. */
export const FORWARDER_HANDLER = "index.handler";

/** The esbuild bundle, built once per process however many forwarders a program declares. */
export function forwarderBundle(): LambdaBundle {
    return cachedBundle(FORWARDER_ENTRY);
}

/** The Lambda's code: one deterministic `index.js`, so Pulumi sees a change only when the sources change. */
export function forwarderCodeArchive(): pulumi.asset.AssetArchive {
    return lambdaCodeArchive(forwarderBundle());
}

/**
 * The function's `sourceCodeHash`: base64 of the bundle's sha256 (the `index.js` bytes).
 *
 * In the Pulumi aws provider `sourceCodeHash` is a synthetic argument, an update trigger tracked
 * only by the provider; it "does not need to match the hashing algorithm used by Lambda to compute
 * the CodeSha256 response value" (aws.lambda.FunctionArgs docs). Lambda's CodeSha256 hashes the zip
 * Pulumi builds from the AssetArchive, whose bytes this program does not control, so the hash is
 * taken over what it does control: the bundle, which is byte-identical for the same sources. It
 * uses the same encoding as CodeSha256 (base64) and shows in the synth's resources.json, where the
 * archive itself is not written, so a bundle change is visible in review.
 */
export function forwarderSourceCodeHash(): string {
    return lambdaSourceCodeHash(forwarderBundle());
}
