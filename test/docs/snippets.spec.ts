/**
 * Every TypeScript example in README.md and docs/ is a piece of a real file under
 * examples/snippets/, which `tsc --noEmit` type-checks against the public API ("sagemaker-monitoring"
 * maps to components/index.ts in tsconfig.json). So an example cannot drift from the code: change
 * the snippet file, then paste the changed lines into the doc.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { codeBlocks, documentationFiles, read, ROOT } from "./markdown";

const SNIPPETS_DIR = "examples/snippets";
const TYPESCRIPT = new Set(["ts", "typescript"]);

/** Lines without trailing whitespace: the only difference a doc block may have from its file. */
const normalize = (text: string) =>
    text
        .split("\n")
        .map((line) => line.trimEnd())
        .join("\n")
        .replace(/^\n+|\n+$/g, "");

/** True when `block` is a run of whole lines of `file`. */
const containsLines = (file: string, block: string) => `\n${file}\n`.includes(`\n${block}\n`);

const snippetFiles = fs
    .readdirSync(path.join(ROOT, SNIPPETS_DIR))
    .filter((file) => file.endsWith(".ts"))
    .sort()
    .map((file) => ({ file: `${SNIPPETS_DIR}/${file}`, text: normalize(read(`${SNIPPETS_DIR}/${file}`)) }));

const docBlocks = documentationFiles().flatMap((doc) =>
    codeBlocks(read(doc))
        .filter((block) => TYPESCRIPT.has(block.language))
        .map((block) => ({ where: `${doc}:${block.line}`, text: normalize(block.text) })),
);

describe("docs: TypeScript examples are compiled snippet files", () => {
    it("finds TypeScript examples in README.md and docs/", () => {
        assert.ok(
            docBlocks.some((b) => b.where.startsWith("README.md:")),
            "README.md's library example was not found as a ```ts block",
        );
        assert.ok(
            docBlocks.some((b) => b.where.startsWith("docs/")),
            "no ```ts block under docs/",
        );
    });

    it("every ```ts / ```typescript block appears verbatim (modulo trailing whitespace) in a file under examples/snippets/", () => {
        const missing = docBlocks
            .filter((block) => block.text === "" || !snippetFiles.some((snippet) => containsLines(snippet.text, block.text)))
            .map((block) => `${block.where}: this block is not a run of whole lines of any ${SNIPPETS_DIR}/*.ts file`);
        assert.deepStrictEqual(missing, []);
    });

    it("every snippet file is shown in some doc, so none goes stale unseen", () => {
        const unused = snippetFiles
            .filter((snippet) => !docBlocks.some((block) => block.text !== "" && containsLines(snippet.text, block.text)))
            .map((snippet) => `${snippet.file}: no doc shows any part of it`);
        assert.deepStrictEqual(unused, []);
    });

    it("snippets import the package by name, as a user would, never the repository's folders", () => {
        const relative = snippetFiles
            .filter((snippet) => /from\s+"\.{1,2}\//.test(snippet.text) || /require\("\.{1,2}\//.test(snippet.text))
            .map((snippet) => snippet.file);
        assert.deepStrictEqual(relative, []);
    });
});
