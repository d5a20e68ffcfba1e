/**
 * The layer rule (tools/lint/layerImports.mjs) run as `npm run lint` runs it: the repository's
 * ESLint config over a temporary tree with planted imports, so a forbidden import fails the lint.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";

const REPOSITORY_ROOT = path.resolve(__dirname, "..", "..");
// TypeScript compiles import() to require() under CommonJS; the config is an ES module.
const importModule = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<{ default: unknown }>;

/** Files of the planted tree: path -> source. */
const PLANTED: Record<string, string> = {
    "domain/fact.ts": 'import * as pulumi from "@pulumi/pulumi";\nexport const fact = pulumi.getStack;\n',
    "domain/pure.ts": 'import { createHash } from "crypto";\nexport const pure = createHash;\n',
    "lambdas/handler.ts":
        'import { Thing } from "../components/thing";\nimport { fact } from "../domain/fact";\nexport const handler = [Thing, fact];\n',
    "components/thing.ts":
        'import { handler } from "../lambdas/handler";\nimport { fact } from "../domain/fact";\nexport const Thing = [handler, fact];\n',
    "components/other.ts": 'export { Thing } from "./thing";\nexport const rule = require("../policy/rule");\n',
    "policy/rule.ts": 'import { Thing } from "../components/thing";\nexport const rule = Thing;\n',
    // The components' barrel by its folder, and by the package's own name (tsconfig paths, Node's self-reference).
    "lambdas/barrel.ts":
        'import { Thing } from "../components";\nimport { invoke } from "sagemaker-monitoring/invoke";\nexport const all = [Thing, invoke];\n',
    "domain/named.ts": 'export { Thing } from "sagemaker-monitoring";\n',
    "program/named.ts":
        'import { Thing } from "sagemaker-monitoring";\nimport { fact } from "../domain";\nexport const all = [Thing, fact];\n',
    "program/stack.ts":
        'import { Thing } from "../components/thing";\nimport { handler } from "../lambdas/handler";\nexport const stack = [Thing, handler];\n',
    "tools/anything.ts":
        'import { Thing } from "../components/thing";\nimport { handler } from "../lambdas/handler";\nexport const all = [Thing, handler];\n',
};

describe("lint: layer imports (layers/imports)", function () {
    this.timeout(60000);
    let dir: string;
    let messages: Record<string, string[]>;

    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "layers-"));
        for (const [file, source] of Object.entries(PLANTED)) {
            fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
            fs.writeFileSync(path.join(dir, file), source);
        }
        const { ESLint } = require("eslint");
        const config = (await importModule(pathToFileURL(path.join(REPOSITORY_ROOT, "eslint.config.mjs")).href)).default;
        const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config });
        const results: { filePath: string; messages: { ruleId: string; message: string }[] }[] = await eslint.lintFiles(["."]);
        messages = Object.fromEntries(
            results.map((r) => [
                path.relative(dir, r.filePath),
                r.messages.filter((m) => m.ruleId === "layers/imports").map((m) => m.message),
            ]),
        );
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("fails each forbidden import with the layers and what the importing layer may use", () => {
        assert.deepStrictEqual(messages, {
            "components/other.ts": [
                "components/ may not import policy/ ('../policy/rule'): components/ may import only components, dashboards, domain. Move the shared fact to domain/.",
            ],
            "components/thing.ts": [
                "components/ may not import lambdas/ ('../lambdas/handler'): components/ may import only components, dashboards, domain. Move the shared fact to domain/.",
            ],
            "domain/fact.ts": ["domain/ may not import '@pulumi/pulumi': no @pulumi/, @aws-sdk/ package in domain/."],
            "domain/named.ts": [
                "domain/ may not import components/ ('sagemaker-monitoring'): domain/ may import only domain. Move the shared fact to domain/.",
            ],
            "domain/pure.ts": [],
            "lambdas/barrel.ts": [
                "lambdas/ may not import components/ ('../components'): lambdas/ may import only lambdas, domain. Move the shared fact to domain/.",
                "lambdas/ may not import components/ ('sagemaker-monitoring/invoke'): lambdas/ may import only lambdas, domain. Move the shared fact to domain/.",
            ],
            "lambdas/handler.ts": [
                "lambdas/ may not import components/ ('../components/thing'): lambdas/ may import only lambdas, domain. Move the shared fact to domain/.",
            ],
            "policy/rule.ts": [
                "policy/ may not import components/ ('../components/thing'): policy/ may import only policy, domain. Move the shared fact to domain/.",
            ],
            "program/named.ts": [],
            "program/stack.ts": [
                "program/ may not import lambdas/ ('../lambdas/handler'): program/ may import only program, components, domain. Move the shared fact to domain/.",
            ],
            "tools/anything.ts": [],
        });
    });
});
