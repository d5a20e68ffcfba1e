import { loadStackConfig } from "../../program/loadStackConfig";

export const NAMESPACE = "sagemaker-monitoring";

/** The stack's config as Pulumi hands it to the program: `namespace:key` -> JSON text, for every key given. */
export function configOf(values: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(
        Object.entries(values)
            .filter(([, value]) => value !== undefined)
            .map(([key, value]) => [`${NAMESPACE}:${key}`, JSON.stringify(value)]),
    );
}

/** Loads a stack config from values as Pulumi would hand them to the program (JSON text). */
export function loadConfig(values: Record<string, unknown>) {
    return loadStackConfig(() => configOf(values), NAMESPACE);
}

/** The `{ propertyPath, reason }` list a bad stack config is rejected with. */
export function configProblems(values: Record<string, unknown>): { propertyPath: string; reason: string }[] {
    try {
        loadConfig(values);
    } catch (error: any) {
        return error.errors;
    }
    throw new Error("expected an InputPropertiesError");
}
