import { loadStackConfig } from "../../program/loadStackConfig";

export const NAMESPACE = "sagemaker-monitoring";

/** Loads a stack config from values as Pulumi would hand them to the program (JSON text). */
export function loadConfig(values: Record<string, unknown>) {
    return loadStackConfig((key) => (values[key] === undefined ? undefined : JSON.stringify(values[key])), NAMESPACE);
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
