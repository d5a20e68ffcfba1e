/**
 * The checks `npm test` runs: lint (ESLint, Prettier, knip), the type check and the mocha specs. Each
 * runs its package's own bin under this node, as `npm run` would, without a shell or npx.
 *
 * ESLint, Prettier and tsc keep caches under `node_modules/.cache/checks/` (gone with every `npm ci`,
 * so CI always starts cold): a second `npm test` re-checks only the files that changed. Each cache is
 * keyed by file content, not timestamps, so a checkout or `git switch` cannot leave a stale verdict.
 */
import fs from "node:fs";
import path from "node:path";
import { filesHash } from "./filesHash";
import { Check } from "./runChecks";

/** Where the checks' caches live: inside node_modules, so `npm ci` and a fresh clone start without them. */
export const CHECKS_CACHE = path.join("node_modules", ".cache", "checks");

/**
 * ESLint's cache is invalidated by a change of its configuration object, but not of a local rule's
 * code (tools/lint/): the cache file is named by the hash of both, so editing a rule starts afresh.
 */
const ESLINT_RULE_SOURCES = ["eslint.config.mjs", "tools/lint"];

function bin(root: string, pkg: string, name: string): string {
    const manifest = require(path.join(root, "node_modules", pkg, "package.json"));
    const relative = typeof manifest.bin === "string" ? manifest.bin : manifest.bin[name];
    return path.join(root, "node_modules", pkg, relative);
}

function check(root: string, name: string, pkg: string, binName: string, args: string[]): Check {
    return { name, display: [binName, ...args].join(" "), command: process.execPath, args: [bin(root, pkg, binName), ...args] };
}

/** The files under `sources` (files or folders, relative to `root`), sorted. */
function filesUnder(root: string, sources: string[]): string[] {
    return sources
        .flatMap((source) =>
            fs.statSync(path.join(root, source)).isDirectory()
                ? (fs.readdirSync(path.join(root, source), { recursive: true }) as string[]).map((file) => path.join(source, file))
                : [source],
        )
        .filter((file) => fs.statSync(path.join(root, file)).isFile())
        .sort();
}

/** In the order `npm test` ran them one after another; they now run at once. */
export function projectChecks(root: string): Check[] {
    const eslintCache = path.join(CHECKS_CACHE, `eslint-${filesHash(root, filesUnder(root, ESLINT_RULE_SOURCES)).slice(0, 16)}.json`);
    return [
        check(root, "eslint", "eslint", "eslint", ["--cache", "--cache-strategy", "content", "--cache-location", eslintCache, "."]),
        check(root, "prettier", "prettier", "prettier", [
            "--check",
            "--cache",
            "--cache-strategy",
            "content",
            "--cache-location",
            path.join(CHECKS_CACHE, "prettier"),
            ".",
        ]),
        // Exports nothing imports (knip.json): the public surface stays the barrel and what modules use.
        check(root, "knip", "knip", "knip", ["--no-progress"]),
        check(root, "tsc", "typescript", "tsc", [
            "--noEmit",
            "--incremental",
            "--tsBuildInfoFile",
            path.join(CHECKS_CACHE, "tsc.tsbuildinfo"),
        ]),
        check(root, "mocha", "mocha", "mocha", []),
    ];
}

/**
 * The ts-node settings of the checks and of every process they start: esbuild compiles
 * (tsconfig.tsnode.json, tools/tsNodeEsbuild.cjs), a third less CPU for mocha and the ts-node
 * processes its specs start. Set for this process's children, not in tsconfig.json, which
 * `pulumi up` reads too and type-checks with, where ts-node refuses a custom transpiler.
 */
export function useChecksTsNode(root: string): void {
    process.env.TS_NODE_PROJECT ??= path.join(root, "tsconfig.tsnode.json");
}
