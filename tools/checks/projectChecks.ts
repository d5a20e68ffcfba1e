/**
 * The checks `npm test` runs: lint (ESLint, Prettier, knip), the type check and the mocha specs. Each
 * runs its package's own bin under this node, as `npm run` would, without a shell or npx.
 */
import path from "node:path";
import { Check } from "./runChecks";

function bin(root: string, pkg: string, name: string): string {
    const manifest = require(path.join(root, "node_modules", pkg, "package.json"));
    const relative = typeof manifest.bin === "string" ? manifest.bin : manifest.bin[name];
    return path.join(root, "node_modules", pkg, relative);
}

function check(root: string, name: string, pkg: string, binName: string, args: string[]): Check {
    return { name, display: [binName, ...args].join(" "), command: process.execPath, args: [bin(root, pkg, binName), ...args] };
}

/** In the order `npm test` ran them one after another; they now run at once. */
export function projectChecks(root: string): Check[] {
    return [
        check(root, "eslint", "eslint", "eslint", ["."]),
        check(root, "prettier", "prettier", "prettier", ["--check", "."]),
        // Exports nothing imports (knip.json): the public surface stays the barrel and what modules use.
        check(root, "knip", "knip", "knip", ["--no-progress"]),
        check(root, "tsc", "typescript", "tsc", ["--noEmit"]),
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
