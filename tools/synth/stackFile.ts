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

/** A problem of the stack file at its `namespace:key` path, worded like the program's. */
export interface StackFileProblem {
    propertyPath: string;
    reason: string;
}

/** The stack file as the program receives it, and what only offline synth cannot read of it. */
export interface ReadStackFile extends StackFile {
    /**
     * Keys offline synth cannot pass on (an encrypted secret): they are left out of `config`, so the
     * program still validates everything else, and synth reports these with the program's problems.
     */
    problems: StackFileProblem[];
}

function parseStackDocument(file: string | undefined): Record<string, unknown> {
    if (file !== undefined && !fs.existsSync(file)) {
        throw new StackFileError(`stack config file not found: ${file}`);
    }
    let document: unknown;
    try {
        document = file === undefined ? {} : YAML.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        // Nothing of the file can be read, so nothing else of it can be checked.
        throw new StackFileError(`${file} is not valid YAML: ${(error as Error).message}`);
    }
    return (document as { config?: Record<string, unknown> } | null)?.config ?? {};
}

function problemList(file: string | undefined, problems: readonly string[]): string {
    return `${file ?? "the stack config"}: ${problems.length} config problem${problems.length === 1 ? "" : "s"}:\n${problems.map((p) => `  - ${p}`).join("\n")}`;
}

/**
 * Reads `Pulumi.<stack>.yaml` (or an explicit file; none: an empty one) the way the Pulumi CLI passes it to a program:
 * the project's declared defaults fill what the stack leaves out, a declared key without a default
 * must be set, and every other key is passed on as it is. The CLI does not refuse a key the project
 * does not declare; the program itself does (program/loadStackConfig.ts), under `pulumi up` and
 * here alike. An encrypted secret is left out and returned as a problem (see ReadStackFile).
 */
export function readStackFileForSynth(file: string | undefined, project: Project): ReadStackFile {
    const config = parseStackDocument(file);
    const flat: Record<string, string> = {};
    const problems: StackFileProblem[] = [];
    for (const [key, value] of Object.entries(config)) {
        if (value !== null && typeof value === "object" && "secure" in (value as object)) {
            problems.push({
                propertyPath: key,
                reason: "is an encrypted secret, which offline synth cannot decrypt; keep secrets in Secrets Manager and pass their ARN",
            });
        } else {
            flat[key] = asConfigValue(value);
        }
    }
    const missing: string[] = [];
    for (const [key, declaration] of Object.entries(project.config)) {
        if (flat[key] !== undefined || problems.some((p) => p.propertyPath === key)) {
            continue;
        }
        if ("default" in declaration) {
            flat[key] = asConfigValue(declaration.default);
        } else {
            missing.push(`${key} is missing: Pulumi.yaml declares it without a default, so every stack must set it`);
        }
    }
    if (missing.length > 0) {
        // The Pulumi CLI stops here too, before the program runs: a required key belongs in the
        // program's own validation (this project declares none), where it is reported with the rest.
        throw new StackFileError(problemList(file, [...problems.map((p) => `${p.propertyPath} ${p.reason}`), ...missing]));
    }
    return { config: flat, region: flat["aws:region"] ?? "us-east-1", problems };
}

/** The stack file as the program receives it; any problem of it throws (tools that only read a stack's values). */
export function readStackFile(file: string | undefined, project: Project): StackFile {
    const { config, region, problems } = readStackFileForSynth(file, project);
    if (problems.length > 0) {
        throw new StackFileError(
            problemList(
                file,
                problems.map((p) => `${p.propertyPath} ${p.reason}`),
            ),
        );
    }
    return { config, region };
}
