/**
 * The raw feature values of one side (input or output) of an inference, by the declared features:
 * - a string is a CSV row, split by position (csvFields.ts);
 * - a JSON array, or a `{"features": [...]}` / `{"probabilities": [...]}` object, by position;
 * - any other JSON object is a feature-name map, read by name (a name it lacks is null; a key the
 *   schema does not declare is a mismatch);
 * - a JSON number or boolean is the only feature of a one-feature side;
 * - a side that was not captured (null) gives nulls.
 * Positional values must be exactly as many as the features.
 */
import { Feature } from "../../../domain/dataset/featureSchema";
import { isObject } from "../../../domain/values";
import { csvFields } from "./csvFields";

export type SideFields = { ok: true; values: unknown[] } | { ok: false; reason: string };

function byPosition(values: unknown[], features: Feature[], side: string, form: string): SideFields {
    if (values.length === features.length) return { ok: true, values };
    return { ok: false, reason: `${side} ${form} has ${values.length} value(s) but the schema declares ${features.length} feature(s)` };
}

function byName(map: Record<string, unknown>, features: Feature[], side: string): SideFields {
    const declared = new Set(features.map((f) => f.name));
    const unknown = Object.keys(map).filter((k) => !declared.has(k));
    // Dead letters carry coordinates, never payload data: the names are counted, not quoted.
    if (unknown.length > 0)
        return { ok: false, reason: `${side} feature-name map has ${unknown.length} name(s) the schema does not declare` };
    return { ok: true, values: features.map((f) => map[f.name]) };
}

export function sideFields(value: unknown, features: Feature[], side: "input" | "output"): SideFields {
    if (value === null || value === undefined) return { ok: true, values: features.map(() => null) };
    if (typeof value === "string") {
        const fields = csvFields(value);
        if (fields === null) return { ok: false, reason: `${side} CSV row is malformed (a quote is left open or followed by text)` };
        return byPosition(fields, features, side, "CSV row");
    }
    if (Array.isArray(value)) return byPosition(value, features, side, "JSON array");
    if (isObject(value)) {
        const keys = Object.keys(value);
        if (keys.length === 1 && (keys[0] === "features" || keys[0] === "probabilities") && Array.isArray(value[keys[0]])) {
            return byPosition(value[keys[0]] as unknown[], features, side, `"${keys[0]}" array`);
        }
        return byName(value, features, side);
    }
    return byPosition([value], features, side, "JSON scalar");
}
