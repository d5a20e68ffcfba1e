import { BinaryOperator, MathNode } from "./mathAst";

type Token =
    | { type: "number"; text: string; at: number }
    | { type: "word"; text: string; at: number }
    | { type: "string"; text: string; at: number }
    | { type: "punct"; text: string; at: number };

/** Why a metric math expression cannot be read, with the character position. */
export class MathSyntaxError extends Error {}

const PUNCTUATION = ["==", "!=", "<=", ">=", "(", ")", "[", "]", ",", "+", "-", "*", "/", "^", "<", ">"];

function tokenize(text: string): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    while (i < text.length) {
        const c = text[i];
        if (c === " ") {
            i++;
        } else if (c === "'") {
            // CloudWatch strings have no escape: the next single quote ends the string.
            const end = text.indexOf("'", i + 1);
            if (end < 0) {
                throw new MathSyntaxError(`unbalanced single quote at ${i}: a string is never closed`);
            }
            tokens.push({ type: "string", text: text.slice(i + 1, end), at: i });
            i = end + 1;
        } else if (/[0-9.]/.test(c)) {
            const match = /^(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?/.exec(text.slice(i));
            if (match === null) {
                throw new MathSyntaxError(`unexpected "${c}" at ${i}`);
            }
            tokens.push({ type: "number", text: match[0], at: i });
            i += match[0].length;
        } else if (/[A-Za-z_]/.test(c)) {
            const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))![0];
            tokens.push({ type: "word", text: word, at: i });
            i += word.length;
        } else {
            const punct = PUNCTUATION.find((p) => text.startsWith(p, i));
            if (punct === undefined) {
                throw new MathSyntaxError(`unexpected "${c}" at ${i}`);
            }
            tokens.push({ type: "punct", text: punct, at: i });
            i += punct.length;
        }
    }
    return tokens;
}

/** Operator precedence, loosest first. */
const LEVELS: readonly (readonly BinaryOperator[])[] = [["OR"], ["AND"], ["==", "!=", "<=", ">=", "<", ">"], ["+", "-"], ["*", "/"], ["^"]];

/** Parses metric math (including SEARCH calls) into the tree `renderMath` prints. */
export function parseMath(text: string): MathNode {
    const tokens = tokenize(text);
    let pos = 0;
    const peek = () => tokens[pos];
    const isPunct = (t: Token | undefined, p: string) => t !== undefined && t.type === "punct" && t.text === p;
    const expect = (p: string) => {
        const t = tokens[pos];
        if (!isPunct(t, p)) {
            throw new MathSyntaxError(`expected "${p}" at ${t === undefined ? text.length : t.at}`);
        }
        pos++;
    };
    const list = (close: string): MathNode[] => {
        const items: MathNode[] = [];
        if (isPunct(peek(), close)) {
            pos++;
            return items;
        }
        for (;;) {
            items.push(level(0));
            if (isPunct(peek(), ",")) {
                pos++;
                continue;
            }
            expect(close);
            return items;
        }
    };
    const primary = (): MathNode => {
        const t = tokens[pos++];
        if (t === undefined) {
            throw new MathSyntaxError("unexpected end of expression");
        }
        if (t.type === "number") return { kind: "number", value: Number(t.text) };
        if (t.type === "string") return { kind: "string", value: t.text };
        if (t.type === "word") {
            if (isPunct(peek(), "(")) {
                pos++;
                return { kind: "call", name: t.text, args: list(")") };
            }
            return { kind: "id", name: t.text };
        }
        if (t.text === "(") {
            const inner = level(0);
            expect(")");
            return { kind: "group", inner };
        }
        if (t.text === "[") return { kind: "array", items: list("]") };
        if (t.text === "-") return { kind: "negate", operand: primary() };
        throw new MathSyntaxError(`unexpected "${t.text}" at ${t.at}`);
    };
    const level = (n: number): MathNode => {
        if (n === LEVELS.length) return primary();
        let left = level(n + 1);
        for (;;) {
            const t = peek();
            const op = t === undefined ? undefined : LEVELS[n].find((o) => o === t.text && (t.type === "punct" || t.type === "word"));
            if (op === undefined) return left;
            pos++;
            left = { kind: "binary", op, left, right: level(n + 1) };
        }
    };
    const node = level(0);
    if (pos < tokens.length) {
        throw new MathSyntaxError(`unexpected "${tokens[pos].text}" at ${tokens[pos].at}`);
    }
    return node;
}
