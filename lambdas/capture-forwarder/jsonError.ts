/**
 * Why a text is not JSON, told by kind and position only. V8's JSON.parse messages quote the input
 * (`Unexpected token 's', "ssn=123-45"... is not valid JSON`), and those messages would carry
 * payload data into logs and dead letters; this scanner is run only after JSON.parse failed, and
 * reports what went wrong and at which byte, never a character of the text.
 */

export interface JsonSyntaxProblem {
    /** e.g. "unexpected character", "unexpected end of input". */
    kind: string;
    /** UTF-8 byte offset of the problem from the start of the text. */
    byteOffset: number;
}

class Stop extends Error {
    constructor(
        readonly kind: string,
        readonly at: number,
    ) {
        super(kind);
    }
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** A recursive-descent JSON checker that throws Stop at the first problem. */
class Scanner {
    private at = 0;
    constructor(private readonly text: string) {}

    check(): void {
        this.value(0);
        this.space();
        if (this.at < this.text.length) throw new Stop("unexpected data after the JSON value", this.at);
    }

    private space(): void {
        while (this.at < this.text.length && WHITESPACE.has(this.text[this.at])) this.at++;
    }

    private value(depth: number): void {
        this.space();
        if (this.at >= this.text.length) throw new Stop("unexpected end of input", this.at);
        if (depth > 1000) throw new Stop("nesting too deep", this.at);
        const c = this.text[this.at];
        if (c === "{") return this.object(depth);
        if (c === "[") return this.array(depth);
        if (c === '"') return this.string();
        for (const word of ["true", "false", "null"]) {
            if (this.text.startsWith(word, this.at)) {
                this.at += word.length;
                return;
            }
        }
        NUMBER.lastIndex = this.at;
        if (NUMBER.test(this.text)) {
            this.at = NUMBER.lastIndex;
            return;
        }
        throw new Stop("unexpected character", this.at);
    }

    private expect(char: string, kind: string): void {
        this.space();
        if (this.at >= this.text.length) throw new Stop("unexpected end of input", this.at);
        if (this.text[this.at] !== char) throw new Stop(kind, this.at);
        this.at++;
    }

    private object(depth: number): void {
        this.at++;
        this.space();
        if (this.text[this.at] === "}") {
            this.at++;
            return;
        }
        for (;;) {
            this.space();
            if (this.text[this.at] !== '"') {
                throw new Stop(this.at >= this.text.length ? "unexpected end of input" : "expected a property name", this.at);
            }
            this.string();
            this.expect(":", "expected ':' after a property name");
            this.value(depth + 1);
            this.space();
            if (this.text[this.at] === "}") {
                this.at++;
                return;
            }
            this.expect(",", "expected ',' or '}' in an object");
        }
    }

    private array(depth: number): void {
        this.at++;
        this.space();
        if (this.text[this.at] === "]") {
            this.at++;
            return;
        }
        for (;;) {
            this.value(depth + 1);
            this.space();
            if (this.text[this.at] === "]") {
                this.at++;
                return;
            }
            this.expect(",", "expected ',' or ']' in an array");
        }
    }

    private string(): void {
        const start = this.at++;
        for (;;) {
            if (this.at >= this.text.length) throw new Stop("unterminated string", start);
            const c = this.text[this.at];
            if (c === '"') {
                this.at++;
                return;
            }
            if (c < " ") throw new Stop("control character in a string", this.at);
            if (c === "\\") {
                const next = this.text[this.at + 1];
                if (next === "u" && HEX4.test(this.text.slice(this.at + 2, this.at + 6))) this.at += 6;
                else if (next !== undefined && ESCAPES.has(next)) this.at += 2;
                else throw new Stop("invalid escape in a string", this.at);
            } else {
                this.at++;
            }
        }
    }
}

/** The first syntax problem of `text`, or null when it is valid JSON. */
export function jsonSyntaxProblem(text: string): JsonSyntaxProblem | null {
    try {
        new Scanner(text).check();
        return null;
    } catch (error) {
        if (!(error instanceof Stop)) throw error;
        return { kind: error.kind, byteOffset: Buffer.byteLength(text.slice(0, error.at)) };
    }
}

/** "unexpected character at byte 12", for reasons; "invalid JSON" when the scanner finds nothing (it should not). */
export function describeJsonSyntax(text: string): string {
    const problem = jsonSyntaxProblem(text);
    return problem === null ? "invalid JSON" : `${problem.kind} at byte ${problem.byteOffset}`;
}
