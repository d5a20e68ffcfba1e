import * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";
import { DATASET_SCHEMAS_FILE, FeatureSchema } from "../../domain/dataset/featureSchema";
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

/**
 * The feature schemas file shipped beside `index.js` (DATASET_SCHEMAS_FILE): `{ [endpoint]: FeatureSchema }`,
 * endpoints sorted, so the same schemas give the same bytes.
 */
export function datasetSchemasFile(schemas: Record<string, FeatureSchema>): string {
    const sorted = Object.fromEntries(
        Object.keys(schemas)
            .sort()
            .map((endpoint) => [endpoint, schemas[endpoint]]),
    );
    return `${JSON.stringify(sorted, null, 2)}\n`;
}

/**
 * The Lambda's code: one deterministic `index.js`, so Pulumi sees a change only when the sources
 * change; with `schemas` (a dataset forwarder), DATASET_SCHEMAS_FILE beside it.
 */
export function forwarderCodeArchive(schemas?: Record<string, FeatureSchema>): pulumi.asset.AssetArchive {
    const archive = lambdaCodeArchive(forwarderBundle());
    if (schemas === undefined) {
        return archive;
    }
    const schemasFile = new pulumi.asset.StringAsset(datasetSchemasFile(schemas));
    return new pulumi.asset.AssetArchive(archive.assets.then((assets) => ({ ...assets, [DATASET_SCHEMAS_FILE]: schemasFile })));
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
export function forwarderSourceCodeHash(schemas?: Record<string, FeatureSchema>): string {
    if (schemas === undefined) {
        return lambdaSourceCodeHash(forwarderBundle());
    }
    // A schema change must redeploy the code: the hash covers the bundle and the schemas file.
    return createHash("sha256").update(forwarderBundle().code).update("\0").update(datasetSchemasFile(schemas)).digest("base64");
}
