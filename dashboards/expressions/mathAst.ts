/**
 * Metric math as a tree, and its one canonical text: builders make trees and render them, the
 * parser reads text back into the same tree, so every emitted expression round-trips exactly.
 */

export type MathNode =
    | { kind: "number"; value: number }
    | { kind: "id"; name: string }
    /** A single-quoted string argument, e.g. SEARCH's query or statistic; `value` is the text between the quotes. */
    | { kind: "string"; value: string }
    | { kind: "call"; name: string; args: MathNode[] }
    | { kind: "array"; items: MathNode[] }
    | { kind: "binary"; op: BinaryOperator; left: MathNode; right: MathNode }
    | { kind: "negate"; operand: MathNode }
    | { kind: "group"; inner: MathNode };

export type BinaryOperator = "+" | "-" | "*" | "/" | "^" | "==" | "!=" | "<=" | ">=" | "<" | ">" | "AND" | "OR";

export const num = (value: number): MathNode => ({ kind: "number", value });
export const ref = (name: string): MathNode => ({ kind: "id", name });
export const str = (value: string): MathNode => ({ kind: "string", value });
export const call = (name: string, ...args: MathNode[]): MathNode => ({ kind: "call", name, args });
export const group = (inner: MathNode): MathNode => ({ kind: "group", inner });
export const binary = (op: BinaryOperator, left: MathNode, right: MathNode): MathNode => ({ kind: "binary", op, left, right });

/** The canonical text: operators spaced, arguments after ", ", parentheses only where a `group` is. */
export function renderMath(node: MathNode): string {
    switch (node.kind) {
        case "number":
            return String(node.value);
        case "id":
            return node.name;
        case "string":
            return `'${node.value}'`;
        case "call":
            return `${node.name}(${node.args.map(renderMath).join(", ")})`;
        case "array":
            return `[${node.items.map(renderMath).join(", ")}]`;
        case "binary":
            return `${renderMath(node.left)} ${node.op} ${renderMath(node.right)}`;
        case "negate":
            return `-${renderMath(node.operand)}`;
        case "group":
            return `(${renderMath(node.inner)})`;
    }
}

/** Every id the expression reads (function names excluded). */
export function referencedIds(node: MathNode): string[] {
    switch (node.kind) {
        case "id":
            return [node.name];
        case "call":
            return node.args.flatMap(referencedIds);
        case "array":
            return node.items.flatMap(referencedIds);
        case "binary":
            return [...referencedIds(node.left), ...referencedIds(node.right)];
        case "negate":
            return referencedIds(node.operand);
        case "group":
            return referencedIds(node.inner);
        default:
            return [];
    }
}

/** Every SEARCH(...) call in the expression. */
export function searchCalls(node: MathNode): Extract<MathNode, { kind: "call" }>[] {
    switch (node.kind) {
        case "call":
            return [...(node.name === "SEARCH" ? [node] : []), ...node.args.flatMap(searchCalls)];
        case "array":
            return node.items.flatMap(searchCalls);
        case "binary":
            return [...searchCalls(node.left), ...searchCalls(node.right)];
        case "negate":
            return searchCalls(node.operand);
        case "group":
            return searchCalls(node.inner);
        default:
            return [];
    }
}
