/**
 * Command-line flags of the bench CLIs: `--name value` or `--name=value` integers with a default
 * and a minimum, and `--help`. Every problem is reported at once; the caller prints and exits.
 */
export interface IntegerFlag {
    /** Placeholder in the usage, e.g. `N`. */
    value: string;
    description: string;
    default: number;
    min: number;
}

export interface BenchUsage {
    /** The npm script, e.g. `bench:synth`. */
    script: string;
    /** What the bench does and prints, one or more lines. */
    summary: string;
    example: string;
}

export type FlagsResult<K extends string> =
    | { kind: "run"; values: Record<K, number> }
    /** `--help` (status 0, text for stdout) or bad flags (status 2, text for stderr). */
    | { kind: "exit"; status: 0 | 2; text: string };

function usageText<K extends string>(flags: Record<K, IntegerFlag>, usage: BenchUsage): string {
    const entries = Object.entries<IntegerFlag>(flags);
    const synopsis = entries.map(([name, flag]) => `[--${name} ${flag.value}]`).join(" ");
    const rows = entries.map(([name, flag]) => {
        const left = `--${name} ${flag.value}`;
        return `  ${left.padEnd(20)} ${flag.description} (integer >= ${flag.min}, default ${flag.default})`;
    });
    return [
        `usage: npm run ${usage.script} -- ${synopsis}`,
        "",
        usage.summary,
        "",
        "flags:",
        ...rows,
        `  ${"--help".padEnd(20)} print this help and exit`,
        "",
        `example: ${usage.example}`,
        "",
    ].join("\n");
}

export function parseBenchFlags<K extends string>(argv: string[], flags: Record<K, IntegerFlag>, usage: BenchUsage): FlagsResult<K> {
    if (argv.includes("--help") || argv.includes("-h")) {
        return { kind: "exit", status: 0, text: usageText(flags, usage) };
    }
    const values = Object.fromEntries(Object.entries<IntegerFlag>(flags).map(([name, flag]) => [name, flag.default])) as Record<K, number>;
    const problems: string[] = [];
    for (let i = 0; i < argv.length; i++) {
        const [token, inline] = argv[i].split(/=(.*)/s, 2);
        if (!token.startsWith("--")) {
            problems.push(`unexpected argument ${JSON.stringify(argv[i])}`);
            continue;
        }
        const name = token.slice(2) as K;
        const flag: IntegerFlag | undefined = Object.hasOwn(flags, name) ? flags[name] : undefined;
        if (flag === undefined) {
            problems.push(
                `unknown flag ${token} (known: ${Object.keys(flags)
                    .map((n) => `--${n}`)
                    .join(", ")}, --help)`,
            );
            continue;
        }
        const raw = inline ?? argv[++i];
        const parsed = Number(raw);
        if (raw === undefined || !/^\d+$/.test(raw) || parsed < flag.min) {
            problems.push(`--${name} must be an integer >= ${flag.min}, got ${raw === undefined ? "nothing" : JSON.stringify(raw)}`);
            continue;
        }
        values[name] = parsed;
    }
    if (problems.length > 0) {
        const text = [...problems.map((p) => `${usage.script}: ${p}`), usageText(flags, usage).split("\n")[0], ""].join("\n");
        return { kind: "exit", status: 2, text };
    }
    return { kind: "run", values };
}
