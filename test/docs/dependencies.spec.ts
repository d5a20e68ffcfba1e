/**
 * Dependencies are pinned exactly and each says why it is here: every dependency of the root and of
 * the policy pack has an exact version, and the README's Dependencies table names it with that version.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8"));

/** name -> version of a manifest's dependencies and devDependencies (peer dependencies are ranges on purpose). */
function pinned(manifestFile: string): Record<string, string> {
    const manifest = readJson(manifestFile);
    return { ...manifest.dependencies, ...manifest.devDependencies };
}

/** The README's Dependencies table: each row's package names (in backticks) -> its versions, in order. */
function readmeTable(): Record<string, string> {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const section = readme.split("\n## Dependencies\n")[1].split("\n## ")[0];
    const rows: Record<string, string> = {};
    for (const line of section.split("\n").filter((l) => l.startsWith("| `"))) {
        const [packages, versions] = line.split(" | ");
        const names = [...packages.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
        const numbers = versions.split(", ");
        names.forEach((name, i) => (rows[name] = numbers[numbers.length === 1 ? 0 : i]));
    }
    return rows;
}

describe("dependencies: pinned and explained", () => {
    const manifests = ["package.json", "policy/package.json"];

    it("pins every dependency of the root and of the policy pack to one exact version", () => {
        const ranges = manifests.flatMap((file) =>
            Object.entries(pinned(file))
                .filter(([, version]) => !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version))
                .map(([name, version]) => `${file}: ${name} ${version}`),
        );
        assert.deepStrictEqual(ranges, []);
    });

    it("names every dependency in the README's Dependencies table with its pinned version", () => {
        const table = readmeTable();
        const expected = Object.assign({}, ...manifests.map(pinned));
        const mismatches = Object.entries(expected)
            .filter(([name, version]) => table[name] !== version)
            .map(([name, version]) => `${name}: package.json ${version}, README ${table[name] ?? "(missing)"}`);
        assert.deepStrictEqual(mismatches, []);
    });
});
