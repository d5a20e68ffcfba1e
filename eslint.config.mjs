// One lint configuration for the whole repository (npm run lint, part of npm test).
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import tseslint from "typescript-eslint";
import layers from "./tools/lint/layerImports.mjs";

export default tseslint.config(
    { ignores: ["node_modules/", "**/node_modules/", "dist/", "out/", "bin/", "coverage/"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    prettier,
    {
        files: ["**/*.ts", "**/*.mjs"],
        plugins: { layers },
        rules: {
            "layers/imports": "error",
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
            "@typescript-eslint/no-require-imports": "off",
        },
    },
    {
        // ts-node's transpiler (tools/tsNodeEsbuild.cjs) is CommonJS: ts-node loads it before it compiles TypeScript.
        files: ["**/*.cjs"],
        languageOptions: { sourceType: "commonjs", globals: { require: "readonly", exports: "writable", module: "writable" } },
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
    {
        // Functions read like a table of contents: a long constructor hands off to validate*/resolve*/declare*/build*.
        // The CLIs (tools/) and the stack program (program/) are held to the same rule.
        files: ["components/**/*.ts", "lambdas/**/*.ts", "tools/**/*.ts", "program/**/*.ts"],
        rules: { "max-lines-per-function": ["error", { max: 60, skipBlankLines: true, skipComments: true }] },
    },
    {
        // `any` only where values arrive untyped from Pulumi's engine or its mock runtime (resource
        // property bags, policy args) and are narrowed by readers; everywhere else it is an error.
        files: ["policy/**/*.ts", "domain/values.ts", "domain/iamPolicyDocument.ts", "tools/**/*.ts", "test/**/*.ts"],
        rules: { "@typescript-eslint/no-explicit-any": "off" },
    },
);
