/**
 * The ts-node settings `npm test` runs the specs under (tools/checks.ts sets TS_NODE_PROJECT to
 * tsconfig.tsnode.json: esbuild compiles), for a `node -r ts-node/register/transpile-only` child
 * given an environment of its own; empty when the specs run without them.
 */
export function tsNodeEnv(): Record<string, string> {
    const project = process.env.TS_NODE_PROJECT;
    return project === undefined ? {} : { TS_NODE_PROJECT: project };
}
