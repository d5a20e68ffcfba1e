import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";

export interface StackFile {
    /** Flat Pulumi config: `namespace:key` -> value as Pulumi hands it to programs (JSON text for objects). */
    config: Record<string, string>;
    region: string;
}

/** What `Pulumi.yaml` says: the project's name and its declared config keys (full `namespace:key`). */
export interface Project {
    name: string;
    /** Declared keys of the project's own namespace, with their default if they have one. */
    config: Record<string, { default?: unknown }>;
}

export class StackFileError extends Error {}

export function readProject(projectDir: string): Project {
    const document = YAML.parse(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8"));
    if (typeof document?.name !== "string") {
        throw new StackFileError("Pulumi.yaml has no project name");
    }
    const name: string = document.name;
    const config: Project["config"] = {};
    for (const [key, declaration] of Object.entries<Record<string, unknown>>(document.config ?? {})) {
        const fullKey = key.includes(":") ? key : `${name}:${key}`;
        if (fullKey.startsWith(`${name}:`)) {
            config[fullKey] = "default" in declaration ? { default: declaration.default } : {};
        }
    }
    return { name, config };
}

/** Pulumi hands strings to programs as they are, everything else as JSON text. */
function asConfigValue(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * Reads `Pulumi.<stack>.yaml` (or an explicit file; none: an empty one) the way the Pulumi CLI passes it to a program:
 * the project's declared defaults fill what the stack leaves out, a declared key without a default
 * must be set, and every other key is passed on as it is. The CLI does not refuse a key the project
 * does not declare; the program itself does (program/loadStackConfig.ts), under `pulumi up` and
 * here alike.
 */
export function readStackFile(file: string | undefined, project: Project): StackFile {
    if (file !== undefined && !fs.existsSync(file)) {
        throw new StackFileError(`stack config file not found: ${file}`);
    }
    let document: unknown;
    try {
        document = file === undefined ? {} : YAML.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new StackFileError(`${file} is not valid YAML: ${(error as Error).message}`);
    }
    const config = (document as { config?: Record<string, unknown> } | null)?.config ?? {};
    const flat: Record<string, string> = {};
    const problems: string[] = [];
    for (const [key, value] of Object.entries(config)) {
        if (value !== null && typeof value === "object" && "secure" in (value as object)) {
            problems.push(
                `${key} is an encrypted secret, which offline synth cannot decrypt; keep secrets in Secrets Manager and pass their ARN`,
            );
        }
        flat[key] = asConfigValue(value);
    }
    for (const [key, declaration] of Object.entries(project.config)) {
        if (flat[key] !== undefined) {
            continue;
        }
        if ("default" in declaration) {
            flat[key] = asConfigValue(declaration.default);
        } else {
            problems.push(`${key} is missing: Pulumi.yaml declares it without a default, so every stack must set it`);
        }
    }
    if (problems.length > 0) {
        throw new StackFileError(
            `${file ?? "the stack config"}: ${problems.length} config problem${problems.length === 1 ? "" : "s"}:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
        );
    }
    return { config: flat, region: flat["aws:region"] ?? "us-east-1" };
}
