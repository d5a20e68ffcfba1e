import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { filesHash } from "../../tools/checks/filesHash";
import { projectChecks } from "../../tools/checks/projectChecks";
import { Check, CheckResult, exitStatus, runChecks, summary } from "../../tools/checks/runChecks";

const ROOT = path.resolve(__dirname, "../..");

/** A check running a node one-liner. */
function node(name: string, script: string): Check {
    return { name, display: `node ${name}`, command: process.execPath, args: ["-e", script] };
}

/** Times vary from run to run: `1.2 s` -> `T s`. */
const untimed = (text: string) => text.replace(/\d+\.\d s\)/g, "T s)");

async function run(checks: Check[]): Promise<{ results: CheckResult[]; printed: string }> {
    let printed = "";
    const results = await runChecks(checks, ROOT, { write: (text) => (printed += text) });
    return { results, printed };
}

describe("tools/checks (npm test)", function () {
    this.timeout(20000);

    it("prints each check's output whole, in the listed order, though the first finishes last", async () => {
        const { results, printed } = await run([
            node("slow", "setTimeout(() => { console.log('slow out'); console.error('slow err'); }, 1500)"),
            node("fast", "console.log('fast out')"),
        ]);
        assert.strictEqual(
            untimed(printed),
            [
                "",
                "> node slow  (exit 0, T s)",
                "slow out",
                "slow err",
                "",
                "> node fast  (exit 0, T s)",
                "fast out",
                "",
                "ok    slow (T s)",
                "ok    fast (T s)",
                "checks: all 2 passed",
                "",
            ].join("\n"),
        );
        assert.deepStrictEqual(
            results.map((r) => [r.name, r.status]),
            [
                ["slow", 0],
                ["fast", 0],
            ],
        );
        assert.ok(results[0].seconds >= 1.5, `slow took ${results[0].seconds} s`);
        assert.strictEqual(exitStatus(results), 0);
    });

    it("runs the checks at once: each of two checks waits to see the other one's file", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "checks-"));
        // Writes its own file, then waits up to 10 s for the other's: run one after the other, the first fails.
        const meet = (mine: string, other: string) =>
            node(
                mine,
                `const fs = require("fs"); fs.writeFileSync(${JSON.stringify(path.join(dir, mine))}, "");` +
                    `const until = Date.now() + 10000; const poll = () => fs.existsSync(${JSON.stringify(path.join(dir, other))})` +
                    ` ? process.exit(0) : Date.now() > until ? process.exit(1) : setTimeout(poll, 20); poll();`,
            );
        try {
            const { results } = await run([meet("a", "b"), meet("b", "a")]);
            assert.deepStrictEqual(
                results.map((r) => [r.name, r.status]),
                [
                    ["a", 0],
                    ["b", 0],
                ],
            );
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("exits 1 when any check fails, naming the failed ones, and still runs and prints the others", async () => {
        const { results, printed } = await run([
            node("lint", "process.exitCode = 2"),
            node("types", "console.log('fine')"),
            { name: "missing", display: "missing", command: path.join(ROOT, "no-such-command"), args: [] },
        ]);
        assert.deepStrictEqual(
            results.map((r) => [r.name, r.status]),
            [
                ["lint", 2],
                ["types", 0],
                ["missing", 1],
            ],
        );
        assert.strictEqual(exitStatus(results), 1);
        assert.match(printed, /\n> missing {2}\(exit 1, \d+\.\d s\)\nmissing: could not start: spawn \S*no-such-command ENOENT\n/);
        assert.strictEqual(
            untimed(summary(results)),
            ["FAIL  lint (T s)", "ok    types (T s)", "FAIL  missing (T s)", "checks: lint, missing failed"].join("\n"),
        );
    });

    it("runs the lint (ESLint, Prettier, knip), the type check and mocha, each through its own bin, ESLint, Prettier and tsc with caches", () => {
        const eslintCache = `node_modules/.cache/checks/eslint-${filesHash(ROOT, ["eslint.config.mjs", "tools/lint/layerImports.mjs"]).slice(0, 16)}.json`;
        assert.deepStrictEqual(
            projectChecks(ROOT).map((c) => [c.name, c.display, c.command, c.args]),
            [
                [
                    "eslint",
                    `eslint --cache --cache-strategy content --cache-location ${eslintCache} .`,
                    process.execPath,
                    [
                        path.join(ROOT, "node_modules/eslint/bin/eslint.js"),
                        "--cache",
                        "--cache-strategy",
                        "content",
                        "--cache-location",
                        eslintCache,
                        ".",
                    ],
                ],
                [
                    "prettier",
                    "prettier --check --cache --cache-strategy content --cache-location node_modules/.cache/checks/prettier .",
                    process.execPath,
                    [
                        path.join(ROOT, "node_modules/prettier/bin/prettier.cjs"),
                        "--check",
                        "--cache",
                        "--cache-strategy",
                        "content",
                        "--cache-location",
                        "node_modules/.cache/checks/prettier",
                        ".",
                    ],
                ],
                ["knip", "knip --no-progress", process.execPath, [path.join(ROOT, "node_modules/knip/bin/knip.js"), "--no-progress"]],
                [
                    "tsc",
                    "tsc --noEmit --incremental --tsBuildInfoFile node_modules/.cache/checks/tsc.tsbuildinfo",
                    process.execPath,
                    [
                        path.join(ROOT, "node_modules/typescript/bin/tsc"),
                        "--noEmit",
                        "--incremental",
                        "--tsBuildInfoFile",
                        "node_modules/.cache/checks/tsc.tsbuildinfo",
                    ],
                ],
                ["mocha", "mocha", process.execPath, [path.join(ROOT, "node_modules/mocha/bin/mocha.js")]],
            ],
        );
    });

    it("keys a cache by each file's path and content and by the seed, in the order given", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "checks-hash-"));
        try {
            fs.writeFileSync(path.join(dir, "a"), "one");
            fs.writeFileSync(path.join(dir, "b"), "two");
            const first = filesHash(dir, ["a", "b"]);
            assert.match(first, /^[0-9a-f]{64}$/);
            assert.strictEqual(filesHash(dir, ["a", "b"]), first);
            const variants = [filesHash(dir, ["b", "a"]), filesHash(dir, ["a", "b"], "node v20"), filesHash(dir, ["a"])];
            fs.writeFileSync(path.join(dir, "b"), "three");
            variants.push(filesHash(dir, ["a", "b"]));
            fs.renameSync(path.join(dir, "b"), path.join(dir, "c"));
            variants.push(filesHash(dir, ["a", "c"]));
            assert.strictEqual(new Set([first, ...variants]).size, 6);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("gives mocha every spec file once, the longest (packing, the policy gate's clones) first, so both workers stay busy to the end", () => {
        const { lookupFiles } = require("mocha/lib/cli/lookup-files.js");
        const mocharc = JSON.parse(fs.readFileSync(path.join(ROOT, ".mocharc.json"), "utf8"));
        const listed: string[] = mocharc.spec.flatMap((glob: string) => lookupFiles(path.join(ROOT, glob), ["ts"], true));
        const everySpec = (fs.readdirSync(path.join(ROOT, "test"), { recursive: true }) as string[])
            .filter((file) => file.endsWith(".spec.ts"))
            .map((file) => path.join(ROOT, "test", file));
        assert.deepStrictEqual([...listed].sort(), everySpec.sort());
        assert.deepStrictEqual(
            listed.slice(0, 2).map((file) => path.relative(ROOT, file)),
            ["test/packaging/package.spec.ts", "test/workflows/dashboardDiff.spec.ts"],
        );
    });
});
