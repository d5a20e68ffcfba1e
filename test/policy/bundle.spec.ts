/// <reference path="../../policy/index.ts" />
// (The reference puts the pack entry point, which nothing imports at run time, under tsc.)
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { BUNDLE_PATH, bundlePolicyPack } from "../../policy/build";

describe("committed policy pack bundle (policy/bin/index.js)", () => {
    it("is byte-identical to a fresh build, so it can never go stale (fix: npm run build:policy)", async () => {
        const fresh = await bundlePolicyPack();
        assert.ok(fs.readFileSync(BUNDLE_PATH, "utf8") === fresh, "policy/bin/index.js is stale: run `npm run build:policy` and commit it");
    });

    it("is what the pack's package.json main points at, and needs only the external Pulumi packages", async () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(BUNDLE_PATH), "..", "package.json"), "utf8"));
        assert.strictEqual(path.join(path.dirname(BUNDLE_PATH), "..", pkg.main), BUNDLE_PATH);
        const required = [...(await bundlePolicyPack()).matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
        // The proxy module must be the analyzer's own instance: its unknown sentinels and UnknownValueError class.
        assert.deepStrictEqual([...new Set(required)].sort(), ["@pulumi/policy", "@pulumi/policy/proxy"]);
    });
});
