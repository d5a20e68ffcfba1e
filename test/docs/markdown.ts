/**
 * Just enough Markdown for the docs' checks: fenced code blocks, relative links and GitHub heading
 * anchors, each with the 1-based line it starts on. Not a renderer: what the repository's docs use.
 */
import * as fs from "fs";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "../..");

export interface CodeBlock {
    /** First word of the info string, lower-cased ("ts", "sh", "" for none). */
    language: string;
    /** Line of the opening fence. */
    line: number;
    /** The block's lines, without the fences. */
    text: string;
}

export interface Link {
    target: string;
    line: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/;

/** Every fenced code block; an unclosed fence runs to the end of the file, as renderers do. */
export function codeBlocks(markdown: string): CodeBlock[] {
    const blocks: CodeBlock[] = [];
    let open: { fence: string; language: string; line: number; lines: string[] } | undefined;
    markdown.split("\n").forEach((text, i) => {
        const fence = FENCE.exec(text);
        if (open === undefined) {
            if (fence) {
                open = { fence: fence[1], language: fence[2].toLowerCase(), line: i + 1, lines: [] };
            }
        } else if (fence && fence[1][0] === open.fence[0] && fence[1].length >= open.fence.length && fence[2] === "") {
            blocks.push({ language: open.language, line: open.line, text: open.lines.join("\n") });
            open = undefined;
        } else {
            open.lines.push(text);
        }
    });
    if (open !== undefined) {
        blocks.push({ language: open.language, line: open.line, text: open.lines.join("\n") });
    }
    return blocks;
}

/** Each line outside fenced blocks (`undefined` inside one), as written and with inline code blanked out. */
function proseLines(markdown: string): ({ text: string; prose: string } | undefined)[] {
    let fence: string | undefined;
    return markdown.split("\n").map((text) => {
        const match = FENCE.exec(text);
        if (fence === undefined && match) {
            fence = match[1];
            return undefined;
        }
        if (fence !== undefined) {
            if (match && match[1][0] === fence[0] && match[1].length >= fence.length && match[2] === "") {
                fence = undefined;
            }
            return undefined;
        }
        return { text, prose: text.replace(/(`+)[^`]*?\1/g, (code) => " ".repeat(code.length)) };
    });
}

/** Inline links and images `[text](target "title")`, and reference definitions `[id]: target`. */
export function links(markdown: string): Link[] {
    const found: Link[] = [];
    proseLines(markdown).forEach((line, i) => {
        if (line === undefined) {
            return;
        }
        for (const match of line.prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
            found.push({ target: match[1], line: i + 1 });
        }
        const definition = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/.exec(line.prose);
        if (definition) {
            found.push({ target: definition[1], line: i + 1 });
        }
    });
    return found;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
    const text = heading
        .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
        .replace(/`/g, "")
        .trim()
        .toLowerCase();
    return text.replace(/[^\p{L}\p{M}\p{N}_ -]/gu, "").replace(/ /g, "-");
}

/** Every heading's anchor, with GitHub's `-1`, `-2` suffixes for repeated headings. */
export function anchors(markdown: string): Set<string> {
    const seen = new Map<string, number>();
    const result = new Set<string>();
    for (const line of proseLines(markdown)) {
        const heading = line === undefined ? null : /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line.text);
        if (!heading) {
            continue;
        }
        const base = slug(heading[1]);
        const count = seen.get(base) ?? 0;
        result.add(count === 0 ? base : `${base}-${count}`);
        seen.set(base, count + 1);
    }
    return result;
}

/** Repository-relative paths of README.md and every Markdown file under docs/, sorted. */
export function documentationFiles(): string[] {
    const underDocs = (dir: string): string[] =>
        fs.existsSync(dir)
            ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
                  const full = path.join(dir, entry.name);
                  return entry.isDirectory() ? underDocs(full) : entry.name.endsWith(".md") ? [full] : [];
              })
            : [];
    return ["README.md", ...underDocs(path.join(ROOT, "docs")).map((file) => path.relative(ROOT, file).split(path.sep).join("/"))].sort();
}

export function read(relativePath: string): string {
    return fs.readFileSync(path.join(ROOT, relativePath), "utf8");
}
