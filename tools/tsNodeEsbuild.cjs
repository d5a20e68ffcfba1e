// ts-node's transpiler for `npm test` (tsconfig.tsnode.json, which tools/checks.ts names in TS_NODE_PROJECT):
// esbuild's transformSync instead of TypeScript's transpileModule, file by file, as
// `ts-node/register/transpile-only` does. Same isolated-module semantics (type-only imports elided, no type
// check: `tsc --noEmit` does that), CommonJS out, source maps for the stack traces. The mocha workers and
// every ts-node process the specs start pay a third less CPU (docs/benchmarks.md). Not in tsconfig.json:
// `pulumi up` reads that file and type-checks, and ts-node refuses a custom transpiler then. A plain
// CommonJS file because ts-node loads it before it can compile TypeScript.
"use strict";

const { transformSync } = require("esbuild");

/** TypeScript's ScriptTarget values (ts-node hands over the parsed compiler options) to esbuild's names. */
const TARGETS = { 2: "es2015", 3: "es2016", 4: "es2017", 5: "es2018", 6: "es2019", 7: "es2020", 8: "es2021", 9: "es2022", 99: "esnext" };
const ES2022 = 9;

exports.create = function create({ service }) {
    const options = service.config.options;
    const target = options.target ?? ES2022;
    const esTarget = TARGETS[target];
    if (esTarget === undefined) throw new Error(`tools/tsNodeEsbuild.cjs: compilerOptions.target ${target} has no esbuild target`);
    // TypeScript's own default: define semantics for class fields from ES2022 on.
    const useDefineForClassFields = options.useDefineForClassFields ?? target >= ES2022;
    return {
        transpile(input, { fileName }) {
            const result = transformSync(input, {
                loader: fileName.endsWith(".tsx") ? "tsx" : "ts",
                format: "cjs",
                target: esTarget,
                sourcefile: fileName,
                sourcemap: "external",
                tsconfigRaw: { compilerOptions: { useDefineForClassFields } },
                // import() becomes require(), as TypeScript emits it for CommonJS: Node's own import() cannot load .ts files.
                supported: { "dynamic-import": false },
            });
            return { outputText: result.code, sourceMapText: result.map };
        },
    };
};
