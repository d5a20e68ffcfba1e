import { z } from "zod";
import { stackConfigSchema } from "../../program/schema";
import { allowedValues, docOf, isOptional, unionObjects, unwrap } from "../../program/schemaWalk";

/** Where the reference is written, relative to the repository root. */
export const STACK_CONFIG_REFERENCE = "docs/stack-config.md";
export const REGENERATE_COMMAND = "npm run docs:config";

/** One documented key: its path in the stack file, its schema, and the options of a union it belongs to. */
interface Row {
    path: string;
    schema: z.ZodType;
    /** "kind: arthur" when only some options of a discriminated union have the key. */
    only?: string;
    /** A discriminator's values: every option's, not only those of the option documenting it. */
    values?: unknown[];
}

/** The key at `path` and every key under it, in schema order; list entries are written `[]`. */
function rows(row: Row): Row[] {
    const inner = unwrap(row.schema);
    if (inner instanceof z.ZodRecord) {
        // A map of objects (gpuCatalogue): its entries' keys, under a placeholder for the map key.
        const title = docOf(inner.valueType as z.ZodType).title ?? "key";
        return [row, ...childRows(`${row.path}.<${title}>`, unwrap(inner.valueType as z.ZodType))];
    }
    const below = inner instanceof z.ZodArray ? unwrap(inner.element as z.ZodType) : inner;
    const prefix = inner instanceof z.ZodArray ? `${row.path}[]` : row.path;
    return [row, ...childRows(prefix, below)];
}

function childRows(prefix: string, schema: z.ZodType): Row[] {
    const objects = unionObjects(schema);
    if (objects.length === 0) {
        return [];
    }
    const discriminator = schema instanceof z.ZodDiscriminatedUnion ? schema.def.discriminator : undefined;
    const keys = [...new Set(objects.flatMap((o) => Object.keys(o.shape)))];
    const tagsOf = (options: z.ZodObject[]) => options.flatMap((o) => allowedValues(o.shape[discriminator ?? ""] as z.ZodType) ?? []);
    return keys.flatMap((key) => {
        const owners = objects.filter((o) => key in o.shape);
        // Options whose key has the same sub-keys share its rows, documented from the first option that
        // documents it; a key with other sub-keys per option (autoRollback: blue/green on realtime,
        // rolling updates on inference-components) gets rows per shape.
        const path = `${prefix}.${key}`;
        const shapeOf = (o: z.ZodObject) =>
            rows({ path, schema: o.shape[key] as z.ZodType })
                .map((r) => r.path)
                .join(" ");
        return [...new Set(owners.map(shapeOf))].flatMap((shape) => {
            const sharing = owners.filter((o) => shapeOf(o) === shape);
            const documented = sharing.find((o) => docOf(o.shape[key] as z.ZodType).description !== undefined) ?? sharing[0];
            return rows({
                path,
                schema: documented.shape[key] as z.ZodType,
                only: sharing.length < objects.length ? `only with ${discriminator}: ${tagsOf(sharing).join(" or ")}` : undefined,
                values: key === discriminator ? tagsOf(objects) : undefined,
            });
        });
    });
}

/** A compact type: "string", "string[]", "number or false", "map of strings", "object". */
function typeName(schema: z.ZodType): string {
    const inner = unwrap(schema);
    const values = allowedValues(inner);
    if (values !== undefined) {
        return [...new Set(values.map((v) => (typeof v === "boolean" ? String(v) : typeof v)))].join(" or ");
    }
    if (inner instanceof z.ZodArray) {
        return `${typeName(inner.element as z.ZodType)}[]`;
    }
    if (inner instanceof z.ZodRecord) {
        return `map of ${typeName(inner.valueType as z.ZodType)}s`;
    }
    if (inner instanceof z.ZodUnion && !(inner instanceof z.ZodDiscriminatedUnion)) {
        return (inner.options as z.ZodType[]).map(typeName).join(" or ");
    }
    return inner instanceof z.ZodDiscriminatedUnion ? "object" : inner.def.type;
}

function defaultOf(schema: z.ZodType): string {
    const doc = docOf(schema);
    if (schema instanceof z.ZodDefault) {
        return `\`${JSON.stringify(schema.def.defaultValue)}\``;
    }
    if (doc.default !== undefined) {
        return `\`${JSON.stringify(doc.default)}\``;
    }
    return doc.defaultText ?? (isOptional(schema) ? "none" : "**required**");
}

function allowedOf(schema: z.ZodType, values = allowedValues(schema)): string {
    const listed = values === undefined ? [] : [values.map((v) => `\`${JSON.stringify(v)}\``).join(", ")];
    return [...listed, ...(docOf(schema).allowed === undefined ? [] : [docOf(schema).allowed!])].join("; ");
}

function cell(text: string): string {
    return text.replace(/\|/g, "\\|");
}

function renderRow(row: Row): string {
    const description = docOf(row.schema).description;
    if (description === undefined) {
        throw new Error(`${row.path} has no description: document it with doc(...) in its schema`);
    }
    const text = row.only === undefined ? description : `${description} (${row.only})`;
    return `| \`${row.path}\` | ${cell(typeName(row.schema))} | ${cell(defaultOf(row.schema))} | ${cell(allowedOf(row.schema, row.values))} | ${cell(text)} |`;
}

const HEADER = (namespace: string) => [
    "# Stack config reference",
    "",
    `<!-- Generated by \`${REGENERATE_COMMAND}\` from program/schema.ts and program/forwarderSchema.ts: do not edit by hand. -->`,
    "",
    `Generated from the stack-config schema by \`${REGENERATE_COMMAND}\`. This is the one generated file the repository commits, on purpose:`,
    "test/tools/docsConfig.spec.ts fails when it no longer matches the schema, so it is always current. To change it, change the",
    "schema's `doc(...)` descriptions or the components' constants, then run the command.",
    "",
    `Every key lives in the project's namespace: \`${namespace}:captureBucket\` in \`Pulumi.<stack>.yaml\`. A key not listed here is`,
    "refused, with the closest known key. `[]` marks the entries of a list. Defaults are the components' own constants.",
];

/** The whole reference, one section per top-level key. */
export function renderStackConfigReference(namespace: string): string {
    const sections = Object.entries(stackConfigSchema.shape).flatMap(([key, schema]) => [
        "",
        `## \`${namespace}:${key}\``,
        "",
        "| Key | Type | Default | Allowed | Description |",
        "| --- | --- | --- | --- | --- |",
        ...rows({ path: key, schema: schema as z.ZodType }).map(renderRow),
    ]);
    return [...HEADER(namespace), ...sections, ""].join("\n");
}
