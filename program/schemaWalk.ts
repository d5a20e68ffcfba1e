import { z } from "zod";
import { isObject } from "../domain/values";
import { SchemaDoc } from "./schemaDoc";

/**
 * Reading the stack-file schema itself: which schema a value at a path must match, which keys an
 * object knows, and what a shape is called in words. Error messages and the generated config
 * reference (docs/stack-config.md) both read the schema through here, so they cannot disagree.
 */

/** The schema and the schemas it wraps: optional and default wrappers do not change what a given value must look like. */
function wrapperLevels(schema: z.ZodType): z.ZodType[] {
    const levels = [schema];
    for (let current = schema; current instanceof z.ZodOptional || current instanceof z.ZodDefault;) {
        current = current.unwrap() as z.ZodType;
        levels.push(current);
    }
    return levels;
}

/** The schema under its optional and default wrappers. */
export function unwrap(schema: z.ZodType): z.ZodType {
    return wrapperLevels(schema).pop()!;
}

/** The documentation of a key, from every wrapper level (the outermost wins). */
export function docOf(schema: z.ZodType): SchemaDoc {
    const levels = wrapperLevels(schema).reverse();
    return Object.assign({}, ...levels.map((level) => z.globalRegistry.get(level) ?? {})) as SchemaDoc;
}

/** True when the key may be left out. */
export function isOptional(schema: z.ZodType): boolean {
    return schema instanceof z.ZodOptional || schema instanceof z.ZodDefault;
}

/** The values a literal or enum schema allows, or undefined for other schemas. */
export function allowedValues(schema: z.ZodType): unknown[] | undefined {
    const inner = unwrap(schema);
    if (inner instanceof z.ZodLiteral) {
        return [...inner.values];
    }
    if (inner instanceof z.ZodEnum) {
        return [...inner.options];
    }
    return undefined;
}

/** A discriminated union's option for `value`, matched on its discriminator. */
function optionFor(union: z.ZodDiscriminatedUnion, value: unknown): z.ZodType | undefined {
    const discriminator = union.def.discriminator;
    const given = isObject(value) ? value[discriminator] : undefined;
    // Every option of a discriminated union is an object with the discriminator as a literal; a
    // discriminator left out selects the option whose discriminator has a default.
    return (union.options as z.ZodType[]).find((option) => {
        const tag = (unwrap(option) as z.ZodObject).shape[discriminator] as z.ZodType;
        return isObject(value) && given === undefined ? tag.safeParse(undefined).success : (allowedValues(tag) ?? []).includes(given);
    });
}

/** The options of a discriminated union as a list of objects, the one `value` selects first. */
export function unionObjects(schema: z.ZodType, value?: unknown): z.ZodObject[] {
    const inner = unwrap(schema);
    if (inner instanceof z.ZodObject) {
        return [inner];
    }
    if (inner instanceof z.ZodDiscriminatedUnion) {
        const chosen = optionFor(inner, value);
        return (chosen === undefined ? (inner.options as z.ZodType[]) : [chosen]).map((o) => unwrap(o) as z.ZodObject);
    }
    return [];
}

/** The schema a value at `key` of `value` must match; undefined where the schema says nothing. */
function childSchema(schema: z.ZodType, key: string | number, value: unknown): z.ZodType | undefined {
    const inner = unwrap(schema);
    if (inner instanceof z.ZodArray) {
        return typeof key === "number" ? (inner.element as z.ZodType) : undefined;
    }
    if (inner instanceof z.ZodRecord) {
        return typeof key === "string" ? (inner.valueType as z.ZodType) : undefined;
    }
    if (typeof key !== "string") {
        return undefined;
    }
    return unionObjects(inner, value)
        .map((o) => o.shape[key] as z.ZodType | undefined)
        .find((s) => s !== undefined);
}

/** The value at `path` in `root`, or undefined when the path leads nowhere. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
    let current = root;
    for (const key of path) {
        if (current === null || typeof current !== "object") {
            return undefined;
        }
        current = (current as Record<PropertyKey, unknown>)[key];
    }
    return current;
}

/** The schema at `path`, following the values in `root` through discriminated unions. */
export function schemaAt(schema: z.ZodType, root: unknown, path: readonly PropertyKey[]): z.ZodType | undefined {
    let current: z.ZodType | undefined = schema;
    path.forEach((key, i) => {
        current = current && childSchema(current, key as string | number, valueAt(root, path.slice(0, i)));
    });
    return current;
}

/** The keys an object at this schema knows (a discriminated union: those of the option the value selects). */
export function knownKeys(schema: z.ZodType, value: unknown): string[] {
    return [...new Set(unionObjects(schema, value).flatMap((o) => Object.keys(o.shape)))];
}

/** Every value a discriminated union's discriminator may take ("none", "create", "existing"). */
export function discriminatorValues(schema: z.ZodType): unknown[] {
    const inner = unwrap(schema);
    if (!(inner instanceof z.ZodDiscriminatedUnion)) {
        return [];
    }
    return unionObjects(inner).flatMap((o) => allowedValues(o.shape[inner.def.discriminator] as z.ZodType) ?? []);
}

/** The fewest entries a list schema allows (zod's min_length check), or undefined. */
function minItems(schema: z.ZodType): number | undefined {
    const inner = unwrap(schema);
    const check = (inner.def.checks ?? []).find((c) => c._zod.def.check === "min_length");
    return check === undefined ? undefined : (check._zod.def as z.core.$ZodCheckMinLengthDef).minimum;
}

function article(noun: string): string {
    return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function listOf(values: readonly unknown[]): string {
    return values.map((v) => JSON.stringify(v)).join(", ");
}

/** Many of what the schema describes: "strings", "endpoints". */
function plural(schema: z.ZodType): string {
    const inner = unwrap(schema);
    const title = docOf(inner).title;
    if (title !== undefined) {
        return `${title}s`;
    }
    const values = allowedValues(inner);
    if (values !== undefined) {
        return `values from ${listOf(values)}`;
    }
    const names: Record<string, string> = { string: "strings", number: "numbers", boolean: "true/false values", object: "objects" };
    return names[inner.def.type] ?? "values";
}

/** What a value of the schema is, in the words of the config reference: "a list of strings". */
export function describeShape(schema: z.ZodType): string {
    const inner = unwrap(schema);
    const values = allowedValues(inner);
    if (values !== undefined) {
        return values.length === 1 ? JSON.stringify(values[0]) : `one of ${listOf(values)}`;
    }
    if (inner instanceof z.ZodArray) {
        const min = minItems(inner);
        return `a list of ${min === undefined ? "" : `${min} or more `}${plural(inner.element as z.ZodType)}`;
    }
    if (inner instanceof z.ZodRecord) {
        return `a map of names to ${plural(inner.valueType as z.ZodType)}`;
    }
    if (inner instanceof z.ZodDiscriminatedUnion) {
        return `an object whose ${inner.def.discriminator} is one of ${listOf(discriminatorValues(inner))}`;
    }
    if (inner instanceof z.ZodUnion) {
        return (inner.options as z.ZodType[]).map(describeShape).join(" or ");
    }
    if (inner instanceof z.ZodObject) {
        const title = docOf(inner).title;
        return title !== undefined ? article(title) : `an object (${Object.keys(inner.shape).join(", ")})`;
    }
    const names: Record<string, string> = { string: "a string", number: "a number", boolean: "true or false" };
    return names[inner.def.type] ?? inner.def.type;
}
