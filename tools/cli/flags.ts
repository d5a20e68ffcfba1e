/**
 * Command-line flags of the tools (synth, replay, the bench scripts): one parser, one `--help`
 * layout, one way to say what is wrong. `--flag value` and `--flag=value` both work; every problem
 * is collected before the tool gives up, and each names the flag and what to write instead.
 */

/** One flag of a tool. */
export interface FlagSpec {
    /** e.g. "--stack" */
    name: string;
    /** The value's placeholder, e.g. "<name>"; absent for a switch, which takes no value. */
    value?: string;
    /** What the flag does, for `--help` and for the "is required" message. */
    description: string;
    /** Must be given. @default false */
    required?: boolean;
    /** What applies when the flag is absent, for `--help` and for {@link integerValue}. @default none (absent means off, or required) */
    default?: string;
    /** The value must be a whole number in this range (`max` included); the description should say the range. @default any value */
    integer?: { min: number; max?: number };
}

/** What `--help` prints and errors point back to. */
export interface CommandSpec {
    /** Prefix of every error line, e.g. "synth". */
    name: string;
    /** How a user starts the tool, e.g. "npm run synth --". */
    invocation: string;
    /** One paragraph: what the tool does. */
    summary: string;
    flags: FlagSpec[];
    /** Lines after the flags, e.g. the exit statuses. @default [] */
    notes?: string[];
    examples: string[];
}

export interface ParsedFlags {
    /** Values of the value flags given, by flag name. */
    values: Record<string, string>;
    /** The switches given. */
    switches: Set<string>;
    /** `-h` or `--help` was given: print the help, whatever else is wrong. */
    help: boolean;
    problems: string[];
}

const HELP_FLAGS = ["-h", "--help"];

/** `-h` or `--help` anywhere: the help wins over every other flag and problem. */
export function wantsHelp(argv: readonly string[]): boolean {
    return argv.some((token) => HELP_FLAGS.includes(token));
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}

/** The known flag a mistyped one most likely meant: a typo or two away, or a prefix either way. */
export function closestFlag(token: string, names: readonly string[]): string | undefined {
    const bare = (flag: string) => flag.replace(/^-+/, "");
    const typed = bare(token);
    const ranked = names
        .map((name) => ({ name, cost: bare(name).startsWith(typed) || typed.startsWith(bare(name)) ? 0 : distance(typed, bare(name)) }))
        .sort((a, b) => a.cost - b.cost);
    const best = ranked[0];
    return typed !== "" && best !== undefined && best.cost <= Math.max(1, Math.floor(typed.length / 3)) ? best.name : undefined;
}

function unknownFlagProblem(flag: string, spec: CommandSpec, suggested: Set<string>): string {
    const names = spec.flags.map((f) => f.name);
    if (names.length === 0) return `unknown flag ${flag} (${spec.name} takes no flags but --help)`;
    const closest = closestFlag(flag, names);
    if (closest === undefined) {
        return `unknown flag ${flag} (known: ${names.join(", ")})`;
    }
    suggested.add(closest);
    return `unknown flag ${flag}; did you mean ${closest}?`;
}

/** `--flag=value` -> ["--flag", "value"]; anything else -> [token, undefined]. */
function splitInline(token: string): [string, string | undefined] {
    const equals = token.indexOf("=");
    return token.startsWith("--") && equals !== -1 ? [token.slice(0, equals), token.slice(equals + 1)] : [token, undefined];
}

/** Why `text` is not a whole number within `range`, or undefined if it is. */
function integerProblem(flag: string, text: string, range: { min: number; max?: number }): string | undefined {
    const value = Number(text);
    if (/^\d+$/.test(text) && value >= range.min && (range.max === undefined || value <= range.max)) return undefined;
    const allowed = range.max === undefined ? `>= ${range.min}` : `from ${range.min} to ${range.max}`;
    return `${flag} must be an integer ${allowed}, got ${JSON.stringify(text)}`;
}

/** An integer flag's value: the one given, else its default (parseFlags reported any bad one); undefined if neither. */
export function integerValue(spec: CommandSpec, values: Readonly<Record<string, string>>, name: string): number | undefined {
    const flag = spec.flags.find((f) => f.name === name);
    if (flag?.integer === undefined) throw new Error(`${spec.name}: ${name} is not an integer flag`);
    const text = values[name] ?? flag.default;
    return text === undefined ? undefined : Number(text);
}

/** "--stack <name>", or "--switch". */
const flagText = (flag: FlagSpec) => (flag.value === undefined ? flag.name : `${flag.name} ${flag.value}`);

const isFlag = (token: string | undefined) => token !== undefined && token.startsWith("-");

/** Reads `argv` against `spec`; returns what was given and every problem (unknown, repeated, valueless flags, missing required ones). */
export function parseFlags(argv: readonly string[], spec: CommandSpec): ParsedFlags {
    const parsed: ParsedFlags = { values: {}, switches: new Set(), help: wantsHelp(argv), problems: [] };
    const mentioned = new Set<string>();
    // A required flag suggested for a misspelt one is not also reported missing.
    const suggested = new Set<string>();
    for (let i = 0; i < argv.length; i++) {
        const [flag, inline] = splitInline(argv[i]);
        const known = spec.flags.find((f) => f.name === flag);
        if (HELP_FLAGS.includes(flag)) continue;
        if (known === undefined) {
            parsed.problems.push(
                isFlag(flag)
                    ? unknownFlagProblem(flag, spec, suggested)
                    : spec.flags.length === 0
                      ? `unexpected argument ${JSON.stringify(flag)} (${spec.name} takes no arguments)`
                      : `unexpected argument ${JSON.stringify(flag)} (a value goes right after its flag: --flag value)`,
            );
            // An unknown flag's value is not a second problem.
            if (isFlag(flag) && inline === undefined && argv[i + 1] !== undefined && !isFlag(argv[i + 1])) i++;
            continue;
        }
        mentioned.add(flag);
        if (known.value === undefined) {
            if (inline !== undefined) parsed.problems.push(`${flag} takes no value`);
            else if (parsed.switches.has(flag)) parsed.problems.push(`${flag} is given more than once`);
            parsed.switches.add(flag);
            continue;
        }
        const value = inline ?? (isFlag(argv[i + 1]) ? undefined : argv[++i]);
        if (value === undefined || value === "") {
            parsed.problems.push(`${flag} needs a value: ${flag} ${known.value}`);
            continue;
        }
        if (flag in parsed.values) parsed.problems.push(`${flag} is given more than once`);
        parsed.values[flag] = value;
        const range = known.integer === undefined ? undefined : integerProblem(flag, value, known.integer);
        if (range !== undefined) parsed.problems.push(range);
    }
    for (const f of spec.flags.filter((f) => f.required && !mentioned.has(f.name) && !suggested.has(f.name))) {
        parsed.problems.push(`${flagText(f)} is required: ${f.description}`);
    }
    // A flag given three times is one problem.
    parsed.problems = [...new Set(parsed.problems)];
    return parsed;
}

/** `usage: <invocation> --required <v> [--optional <v>] [--switch]`. */
function usageLine(spec: CommandSpec): string {
    const flags = spec.flags.map((f) => (f.required ? flagText(f) : `[${flagText(f)}]`));
    return `usage: ${[spec.invocation, ...flags].join(" ")}`;
}

/** What `--help` prints: usage, what the tool does, every flag with its default, notes, examples. */
export function helpText(spec: CommandSpec): string {
    const rows = [
        ...spec.flags.map((f) => {
            const qualifier = f.required ? " [required]" : f.default !== undefined ? ` [default: ${f.default}]` : "";
            return [flagText(f), `${f.description}${qualifier}`];
        }),
        ["-h, --help", "print this help and exit"],
    ];
    const width = Math.max(...rows.map(([left]) => left.length)) + 2;
    return [
        usageLine(spec),
        "",
        spec.summary,
        "",
        "flags:",
        ...rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`),
        ...(spec.notes === undefined ? [] : ["", ...spec.notes]),
        "",
        spec.examples.length === 1 ? "example:" : "examples:",
        ...spec.examples.map((example) => `  ${example}`),
        "",
    ].join("\n");
}

/** What a tool prints for bad flags: each problem, the usage line, and where the help is. */
export function usageErrorText(spec: CommandSpec, problems: readonly string[]): string {
    return [...problems.map((p) => `${spec.name}: ${p}`), usageLine(spec), `(${spec.invocation} --help describes every flag)`, ""].join(
        "\n",
    );
}

/** What a tool does with its command line: run with these values, or exit (0 after `--help` for stdout, 2 after bad flags for stderr). */
export type FlagsOutcome = { kind: "run"; values: Record<string, string> } | { kind: "exit"; status: 0 | 2; text: string };

/** {@link parseFlags}, then the help or the usage error a tool prints, for tools with nothing more to check. */
export function readFlags(argv: readonly string[], spec: CommandSpec): FlagsOutcome {
    const { values, help, problems } = parseFlags(argv, spec);
    if (help) return { kind: "exit", status: 0, text: helpText(spec) };
    if (problems.length > 0) return { kind: "exit", status: 2, text: usageErrorText(spec, problems) };
    return { kind: "run", values };
}
