import { z } from "zod";
import { joinPath, Problem } from "../components/core/validation/problems";
import { closestName } from "../domain/closestName";
import * as rules from "../domain/validationRules";
import { describeShape, discriminatorValues, knownKeys, schemaAt, unionObjects, valueAt } from "./schemaWalk";

/** A problem zod found, and whether the stack file leaves the value out (a component may explain that better). */
export interface ShapeProblem extends Problem {
    missing: boolean;
}

/** A misspelled key gets the closest known one; every unknown key gets the list. */
function unknownKeyReason(key: string, known: readonly string[]): string {
    const suggestion = closestName(key, known);
    return `is not a known property${suggestion === undefined ? "" : `; did you mean "${suggestion}"?`} (known: ${known.join(", ")})`;
}

/**
 * Keys an object schema refuses with a reason of its own, `.meta({ refusedKeys: { key: reason } })`:
 * a key of another kind of the same union says why better than "unknown key".
 */
function refusedKeys(schema: z.ZodType, value: unknown): Record<string, string> {
    return Object.assign(
        {},
        ...unionObjects(schema, value).map((o) => (o.meta() as { refusedKeys?: Record<string, string> })?.refusedKeys ?? {}),
    );
}

function pathString(path: readonly PropertyKey[]): string {
    return path.reduce<string>((acc, key) => joinPath(acc, typeof key === "number" ? key : String(key)), "");
}

/** One zod issue in the project's terms: what the value must be, and what it is. */
function reasonOf(issue: z.core.$ZodIssue, schema: z.ZodType, raw: unknown, value: unknown): string {
    switch (issue.code) {
        case "invalid_value":
            return rules.oneOf(value, issue.values) ?? issue.message;
        case "invalid_union":
            if (issue.discriminator !== undefined) {
                // The path ends at the discriminator; its allowed values are the union's, one level up.
                const union = schemaAt(schema, raw, issue.path.slice(0, -1));
                const tags = union === undefined ? [] : discriminatorValues(union);
                if (tags.length > 0) {
                    const listed = tags.map((t) => JSON.stringify(t)).join(", ");
                    return value === undefined ? `is required: one of ${listed}` : (rules.oneOf(value, tags) ?? issue.message);
                }
            }
            break;
        case "custom":
            // Our own refinements word their messages already.
            return issue.message;
    }
    const target = schemaAt(schema, raw, issue.path);
    const expected = target === undefined ? "of the documented shape (docs/stack-config.md)" : describeShape(target);
    return value === undefined ? `is required: ${expected}` : `must be ${expected} (got ${JSON.stringify(value)})`;
}

/**
 * zod's issues as problems at stack-file paths, worded like the components' own rules: "must be a
 * list of strings (got "a@b.c")" instead of "Invalid input: expected array, received string", and
 * an unknown key with the closest known one.
 */
export function shapeProblems(schema: z.ZodType, raw: unknown, issues: readonly z.core.$ZodIssue[]): ShapeProblem[] {
    return issues.flatMap((issue): ShapeProblem[] => {
        const value = valueAt(raw, issue.path);
        if (issue.code === "unrecognized_keys") {
            const at = schemaAt(schema, raw, issue.path) ?? schema;
            const known = knownKeys(at, value);
            const refused = refusedKeys(at, value);
            return issue.keys.map((key) => ({
                propertyPath: pathString([...issue.path, key]),
                reason: refused[key] ?? unknownKeyReason(key, known),
                missing: false,
            }));
        }
        return [{ propertyPath: pathString(issue.path), reason: reasonOf(issue, schema, raw, value), missing: value === undefined }];
    });
}

/**
 * A copy of `raw` without the values zod refused, so the components' validators, which expect
 * the declared shapes, still check everything else of the file in the same run. A refused list
 * entry becomes undefined (indices stay those of the file); a refused property is removed.
 */
export function withoutShapeFaults(raw: Record<string, unknown>, issues: readonly z.core.$ZodIssue[]): Record<string, unknown> {
    const copy = structuredClone(raw);
    for (const issue of issues) {
        if (issue.code === "unrecognized_keys" || issue.path.length === 0) {
            continue;
        }
        const parent = valueAt(copy, issue.path.slice(0, -1));
        const key = issue.path[issue.path.length - 1];
        if (Array.isArray(parent) && typeof key === "number") {
            parent[key] = undefined;
        } else if (parent !== null && typeof parent === "object") {
            delete (parent as Record<PropertyKey, unknown>)[key];
        }
    }
    return copy;
}

/**
 * Shape and value problems together, one reason per path: where the file leaves a value out, the
 * component's "is required" reason says more than the shape's; anywhere else the shape's reason
 * names the value given (the validators saw it removed).
 */
export function mergeProblems(shape: readonly ShapeProblem[], values: readonly Problem[]): Problem[] {
    const valuePaths = new Set(values.map((p) => p.propertyPath));
    const explainedByComponent = new Set(shape.filter((p) => p.missing && valuePaths.has(p.propertyPath)).map((p) => p.propertyPath));
    const shapePaths = new Set(shape.map((p) => p.propertyPath));
    return [
        ...shape.filter((p) => !explainedByComponent.has(p.propertyPath)).map(({ propertyPath, reason }) => ({ propertyPath, reason })),
        ...values
            .filter((p) => !shapePaths.has(p.propertyPath) || explainedByComponent.has(p.propertyPath))
            .map((p) => (explainedByComponent.has(p.propertyPath) ? { ...p, reason: requiredReason(p.reason) } : p)),
    ];
}

/**
 * A component's reason for a value the file leaves out, in the words of a missing value: its value
 * rule "must be X (got undefined)" reads "is required: X"; any other wording is kept.
 */
function requiredReason(reason: string): string {
    const rule = /^must be (.+) \(got undefined\)$/.exec(reason);
    return rule === null ? reason : `is required: ${rule[1]}`;
}
