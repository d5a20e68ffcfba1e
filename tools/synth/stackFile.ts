import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";

export interface StackFile {
    /** Flat Pulumi config: `namespace:key` -> value as Pulumi hands it to programs (JSON text for objects). */
    config: Record<string, string>;
    region: string;
}

export class StackFileError extends Error {}

export function readProjectName(projectDir: string): string {
    const project = YAML.parse(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8"));
    if (typeof project?.name !== "string") {
        throw new StackFileError("Pulumi.yaml has no project name");
    }
    return project.name;
}

/** Reads `Pulumi.<stack>.yaml` (or an explicit file) the way the Pulumi CLI passes it to a program. */
export function readStackFile(file: string): StackFile {
    if (!fs.existsSync(file)) {
        throw new StackFileError(`stack config file not found: ${file}`);
    }
    let document: unknown;
    try {
        document = YAML.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new StackFileError(`${file} is not valid YAML: ${(error as Error).message}`);
    }
    const config = (document as { config?: Record<string, unknown> } | null)?.config ?? {};
    const flat: Record<string, string> = {};
    for (const [key, value] of Object.entries(config)) {
        if (value !== null && typeof value === "object" && "secure" in (value as object)) {
            throw new StackFileError(`${file}: ${key} is an encrypted secret, which offline synth cannot decrypt; keep secrets in Secrets Manager and pass their ARN`);
        }
        flat[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return { config: flat, region: flat["aws:region"] ?? "us-east-1" };
}
