/**
 * Bundles a Lambda entry file with esbuild into one CommonJS file for the nodejs22.x runtime
 * (nodejs20.x reached end of support on 30 April 2026).
 * The AWS SDK v3 clients are bundled (versions pinned by package-lock.json here, by the package's
 * exact dependency versions in a consumer, rather than whatever the runtime ships). No install
 * scripts, no network: esbuild reads node_modules only.
 * Deterministic: paths are made relative to LAYERS_ROOT and no timestamps or absolute paths are
 * embedded, so the same sources give a byte-identical bundle (and the same sha256, which is what
 * Pulumi diffs the asset on).
 */
import * as pulumi from "@pulumi/pulumi";
import { buildSync } from "esbuild";
import { createHash } from "node:crypto";
import path from "node:path";

/** The Lambda runtime the bundles are built for; deploy them with this runtime. */
export const LAMBDA_RUNTIME = "nodejs22.x";
/** esbuild's target for LAMBDA_RUNTIME. */
export const LAMBDA_ESBUILD_TARGET = "node22";

export interface LambdaBundle {
    /** The bundled JavaScript; deploy it as `index.js` with handler `index.handler`. */
    code: string;
    /** Hex sha256 of `code`. */
    sha256: string;
    /** Source files in the bundle, relative to LAYERS_ROOT with `/`, sorted. */
    inputs: string[];
}

/**
 * The folder the layers (`components/`, `domain/`, `lambdas/`) live in, two levels above this
 * file (`<root>/components/captureForwarder/`): the repository when run from source, `dist/` in
 * the installed package, where the Lambda sources are the compiled `.js` files.
 */
const LAYERS_ROOT = path.resolve(__dirname, "../..");

/**
 * `entryFile` is relative to LAYERS_ROOT (or absolute). Given without extension, esbuild picks the
 * `.ts` source in the repository and the compiled `.js` in the installed package.
 */
export function bundleLambda(entryFile: string): LambdaBundle {
    const result = buildSync({
        absWorkingDir: LAYERS_ROOT,
        entryPoints: [path.resolve(LAYERS_ROOT, entryFile)],
        bundle: true,
        platform: "node",
        target: LAMBDA_ESBUILD_TARGET,
        format: "cjs",
        // ESM builds of the SDK tree-shake better than their CommonJS builds.
        mainFields: ["module", "main"],
        minify: true,
        // Readable names in stack traces and CloudWatch logs.
        keepNames: true,
        sourcemap: false,
        legalComments: "none",
        charset: "utf8",
        write: false,
        logLevel: "silent",
        // Lists the bundled files (paths relative to absWorkingDir); it does not change the code.
        metafile: true,
    });
    if (result.errors.length > 0 || result.outputFiles.length !== 1) {
        throw new Error(`esbuild failed for ${entryFile}: ${result.errors.map((e) => e.text).join("; ")}`);
    }
    const code = result.outputFiles[0].text;
    const inputs = Object.keys(result.metafile.inputs)
        .map((file) => file.split(path.sep).join("/"))
        .sort();
    return { code, sha256: createHash("sha256").update(code).digest("hex"), inputs };
}

const bundles = new Map<string, LambdaBundle>();

/** The bundle of `entryFile`, built once per process however many components deploy it. */
export function cachedBundle(entryFile: string): LambdaBundle {
    let bundle = bundles.get(entryFile);
    if (bundle === undefined) {
        bundle = bundleLambda(entryFile);
        bundles.set(entryFile, bundle);
    }
    return bundle;
}

/** The Lambda's code: one deterministic `index.js` (handler `index.handler`), so Pulumi sees a change only when the sources change. */
export function lambdaCodeArchive(bundle: LambdaBundle): pulumi.asset.AssetArchive {
    return new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(bundle.code) });
}

/**
 * The function's `sourceCodeHash`: base64 of the bundle's sha256. In the Pulumi aws provider it is
 * an update trigger the provider tracks, not Lambda's CodeSha256 (which hashes the zip Pulumi
 * builds, whose bytes this program does not control); it shows in the synth's resources.json,
 * where the archive does not, so a bundle change is visible in review.
 */
export function lambdaSourceCodeHash(bundle: LambdaBundle): string {
    return Buffer.from(bundle.sha256, "hex").toString("base64");
}
