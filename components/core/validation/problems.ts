import * as pulumi from "@pulumi/pulumi";
import { tagProblems } from "../../../domain/validationRules";

/** One invalid input: where it is (`variants[1].instanceType`) and what rule it breaks. */
export interface Problem {
    propertyPath: string;
    reason: string;
}

/** Joins property paths the way users read them: `a.b`, `a[0]`, never a leading dot. */
export function joinPath(prefix: string, key: string | number): string {
    if (typeof key === "number") {
        return `${prefix}[${key}]`;
    }
    return prefix === "" ? key : `${prefix}.${key}`;
}

/**
 * Collects every problem before anything is declared, so a user sees all of them at once
 * instead of fixing one per `pulumi up`.
 */
export class ProblemCollector {
    private readonly problems: Problem[] = [];

    constructor(private readonly prefix = "") {}

    add(path: string, reason: string): void {
        this.problems.push({ propertyPath: path === "" ? this.prefix : joinPath(this.prefix, path), reason });
    }

    /** Records `reason` at `path` when it is defined (rule functions return undefined when satisfied). */
    check(path: string, reason: string | undefined): void {
        if (reason !== undefined) {
            this.add(path, reason);
        }
    }

    /** AWS tag rules on a tag map: each bad tag at `<path>.<key>`, a bad map at `<path>`. */
    checkTags(tags: unknown, path = "tags"): void {
        for (const tag of tagProblems(tags)) {
            this.add(tag.key === undefined ? path : `${path}.${tag.key}`, tag.reason);
        }
    }

    addAll(problems: readonly Problem[], prefix = ""): void {
        for (const problem of problems) {
            this.add(prefix === "" ? problem.propertyPath : joinPathString(prefix, problem.propertyPath), problem.reason);
        }
    }

    list(): Problem[] {
        return [...this.problems];
    }

    /** Throws one `InputPropertiesError` listing every problem, if there is any. */
    throwIfAny(subject: string): void {
        if (this.problems.length > 0) {
            throw inputPropertiesError(subject, this.problems);
        }
    }
}

function joinPathString(prefix: string, path: string): string {
    if (path === "") {
        return prefix;
    }
    return path.startsWith("[") ? `${prefix}${path}` : `${prefix}.${path}`;
}

/** The error Pulumi's engine pretty-prints: a headline plus one line per property. */
export function inputPropertiesError(subject: string, problems: readonly Problem[]): pulumi.InputPropertiesError {
    const lines = problems.map((p) => `  - ${p.propertyPath}: ${p.reason}`);
    return new pulumi.InputPropertiesError({
        message: `${subject}: ${problems.length} invalid input${problems.length === 1 ? "" : "s"}:\n${lines.join("\n")}`,
        errors: problems.map((p) => ({ propertyPath: p.propertyPath, reason: p.reason })),
    });
}
