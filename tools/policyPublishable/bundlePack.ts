/**
 * Bundles the policy pack (policy/index.ts, the domain/ code and zod it imports) into one CommonJS
 * file that loads from any folder: only the EXTERNAL_PACKAGES stay `require`s, which the pack's
 * package.json declares and the Pulumi CLI installs. Deterministic: paths in the bundle's comments
 * are relative to the repository, nothing is minified (stack traces stay readable).
 */
import { buildSync } from "esbuild";
import { builtinModules } from "node:module";
import path from "node:path";
import { EXTERNAL_PACKAGES } from "./packFiles";

/** The package an import path names: "@scope/name" or "name". */
const packageOf = (importPath: string) =>
    importPath
        .split("/")
        .slice(0, importPath.startsWith("@") ? 2 : 1)
        .join("/");

const isBuiltin = (importPath: string) => importPath.startsWith("node:") || builtinModules.includes(packageOf(importPath));

export interface PackBundle {
    code: string;
    /** Packages the bundle still `require`s (node built-ins aside), sorted. */
    externals: string[];
}

/** The bundle of `<root>/policy/index.ts`; throws when esbuild fails or the bundle needs a package it does not declare. */
export function bundlePack(root: string): PackBundle {
    const result = buildSync({
        absWorkingDir: root,
        entryPoints: [path.join(root, "policy", "index.ts")],
        bundle: true,
        platform: "node",
        target: "node20",
        format: "cjs",
        // "@pulumi/policy" also covers "@pulumi/policy/proxy" (esbuild treats a package name as a prefix).
        external: [...EXTERNAL_PACKAGES],
        // The pack's tsconfig, not the root's (whose paths and settings are the library's).
        tsconfig: path.join(root, "policy", "tsconfig.json"),
        charset: "utf8",
        write: false,
        logLevel: "silent",
        metafile: true,
    });
    if (result.errors.length > 0 || result.outputFiles.length !== 1) {
        throw new Error(`esbuild failed for policy/index.ts: ${result.errors.map((e) => e.text).join("; ")}`);
    }
    const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports);
    const externals = [...new Set(imports.filter((i) => i.external && !isBuiltin(i.path)).map((i) => packageOf(i.path)))].sort();
    const undeclared = externals.filter((name) => !(EXTERNAL_PACKAGES as readonly string[]).includes(name));
    if (undeclared.length > 0) {
        throw new Error(`the bundled pack requires ${undeclared.join(", ")}, which its package.json would not declare`);
    }
    return { code: result.outputFiles[0].text, externals };
}
