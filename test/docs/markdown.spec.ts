/** The Markdown reader behind the docs' checks: if it misses blocks or links, those checks pass vacuously. */
import * as assert from "assert";
import { anchors, codeBlocks, links, slug } from "./markdown";

const SAMPLE = [
    "# Title",
    "",
    "See [the guide](docs/guide.md#set-up) and `[not a link](nowhere.md)`.",
    "",
    "```ts title=example",
    'import { A } from "sagemaker-monitoring";',
    "[inside code](ignored.md)",
    "```",
    "",
    "~~~sh",
    "npm test",
    "~~~",
    "",
    "## `async` (object)",
    "",
    "## Replay: backfill and recovery",
    "",
    "## Limits",
    "",
    "## Limits",
    "",
    "[ref]: https://example.com/x",
    "![diagram](images/flow.png)",
].join("\n");

describe("docs: Markdown reader", () => {
    it("finds fenced blocks with their language and opening line, ``` and ~~~ alike", () => {
        assert.deepStrictEqual(codeBlocks(SAMPLE), [
            { language: "ts", line: 5, text: 'import { A } from "sagemaker-monitoring";\n[inside code](ignored.md)' },
            { language: "sh", line: 10, text: "npm test" },
        ]);
    });

    it("treats an unclosed fence as running to the end of the file", () => {
        assert.deepStrictEqual(codeBlocks("text\n```typescript\nconst a = 1;"), [
            { language: "typescript", line: 2, text: "const a = 1;" },
        ]);
    });

    it("finds links in prose with their line, never in code blocks or inline code", () => {
        assert.deepStrictEqual(links(SAMPLE), [
            { target: "docs/guide.md#set-up", line: 3 },
            { target: "https://example.com/x", line: 22 },
            { target: "images/flow.png", line: 23 },
        ]);
    });

    it("makes GitHub's anchors, with suffixes for repeated headings", () => {
        assert.strictEqual(slug("The offline synth contract"), "the-offline-synth-contract");
        assert.strictEqual(slug("`async` (object)"), "async-object");
        assert.strictEqual(slug("[CaptureBucket](x.md): outputs"), "capturebucket-outputs");
        assert.deepStrictEqual([...anchors(SAMPLE)], ["title", "async-object", "replay-backfill-and-recovery", "limits", "limits-1"]);
    });
});
