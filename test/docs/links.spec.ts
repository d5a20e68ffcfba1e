/**
 * The README stays a front page (at most 300 lines), and every relative link of the docs leads
 * somewhere: the file exists and, for a `#anchor`, so does the heading.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { anchors, documentationFiles, links, read, ROOT } from "./markdown";

const MAX_README_LINES = 300;

/** Besides README.md and docs/: the pointer READMEs left where the old docs were. */
const POINTER_READMES = ["policy/README.md", "lambdas/capture-forwarder/README.md"];

const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;

/** The problem with one relative link of `doc`, or undefined when it resolves. */
function linkProblem(doc: string, target: string): string | undefined {
    const [pathPart, anchor] = target.split("#", 2) as [string, string | undefined];
    const resolved = pathPart === "" ? doc : path.posix.normalize(path.posix.join(path.posix.dirname(doc), decodeURI(pathPart)));
    if (resolved.startsWith("../")) {
        return `${target} leaves the repository`;
    }
    if (!fs.existsSync(path.join(ROOT, resolved))) {
        return `${target}: ${resolved} does not exist`;
    }
    if (anchor === undefined || !resolved.endsWith(".md")) {
        return undefined;
    }
    return anchors(read(resolved)).has(anchor) ? undefined : `${target}: ${resolved} has no heading with anchor #${anchor}`;
}

describe("docs: README size and relative links", () => {
    it(`README.md has at most ${MAX_README_LINES} lines`, () => {
        const lines = read("README.md").split("\n").length;
        assert.ok(lines <= MAX_README_LINES, `README.md has ${lines} lines; move detail to docs/ and link to it`);
    });

    it("every relative link in README.md, docs/ and the pointer READMEs points to an existing file and heading", () => {
        const docs = [...documentationFiles(), ...POINTER_READMES];
        const checked = docs.flatMap((doc) => links(read(doc)).filter((link) => !EXTERNAL.test(link.target)));
        assert.ok(checked.length > 0, "no relative links found: the link scanner is broken");
        const broken = docs.flatMap((doc) =>
            links(read(doc))
                .filter((link) => !EXTERNAL.test(link.target))
                .map((link) => ({ where: `${doc}:${link.line}`, problem: linkProblem(doc, link.target) }))
                .filter((result) => result.problem !== undefined)
                .map((result) => `${result.where}: ${result.problem}`),
        );
        assert.deepStrictEqual(broken, []);
    });
});
