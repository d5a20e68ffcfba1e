import * as assert from "assert";
import { closestFlag, CommandSpec, helpText, integerValue, parseFlags, readFlags, usageErrorText, wantsHelp } from "../../tools/cli/flags";

const TOOL: CommandSpec = {
    name: "tool",
    invocation: "npm run tool --",
    summary: "Does one thing.",
    flags: [
        { name: "--source", value: "<dir>", required: true, description: "where to read" },
        { name: "--size-mb", value: "<n>", default: "8", integer: { min: 1, max: 64 }, description: "how much" },
        { name: "--dry-run", description: "change nothing", default: "off" },
    ],
    notes: ["exit status: 0 done, 2 bad flags"],
    examples: ["npm run tool -- --source ."],
};

const parsed = (argv: string[]) => {
    const { values, switches, help, problems } = parseFlags(argv, TOOL);
    return { values, switches: [...switches], help, problems };
};

describe("tools/cli/flags", () => {
    it("reads --flag value, --flag=value and switches", () => {
        assert.deepStrictEqual(parsed(["--source", "a b", "--size-mb=16", "--dry-run"]), {
            values: { "--source": "a b", "--size-mb": "16" },
            switches: ["--dry-run"],
            help: false,
            problems: [],
        });
    });

    it("collects every problem, each naming the flag and what to write", () => {
        assert.deepStrictEqual(
            parsed(["--sorce", "x", "--size-mb", "--dry-run=yes", "stray", "--dry-run", "--size-mb=1", "--size-mb=2", "--zz", "1"]),
            {
                values: { "--size-mb": "2" },
                switches: ["--dry-run"],
                help: false,
                problems: [
                    "unknown flag --sorce; did you mean --source?",
                    "--size-mb needs a value: --size-mb <n>",
                    "--dry-run takes no value",
                    'unexpected argument "stray" (a value goes right after its flag: --flag value)',
                    "--dry-run is given more than once",
                    "--size-mb is given more than once",
                    "unknown flag --zz (known: --source, --size-mb, --dry-run)",
                ],
            },
        );
    });

    it("reports a required flag missing, unless a misspelt flag was taken for it", () => {
        assert.deepStrictEqual(
            [parsed([]).problems, parsed(["--source"]).problems, parsed(["-source", "x"]).problems],
            [
                ["--source <dir> is required: where to read"],
                ["--source needs a value: --source <dir>"],
                ["unknown flag -source; did you mean --source?"],
            ],
        );
    });

    it("-h or --help anywhere asks for the help, whatever else is wrong", () => {
        assert.deepStrictEqual(
            [
                wantsHelp(["--bogus", "-h"]),
                wantsHelp(["--source", "x", "--help"]),
                wantsHelp(["--source", "--helpful"]),
                parsed(["--help"]).help,
            ],
            [true, true, false, true],
        );
    });

    it("suggests the flag a typo or two away, or one the token is a prefix of (or extends), and nothing for a stranger", () => {
        const names = ["--stack", "--config", "--out", "--policy-config", "--size-mb"];
        assert.deepStrictEqual(
            ["--stak", "--confg", "--policy", "--outdir", "--sizemb", "--size-mbs", "--xyz", "--"].map((token) =>
                closestFlag(token, names),
            ),
            ["--stack", "--config", "--policy-config", "--out", "--size-mb", "--size-mb", undefined, undefined],
        );
    });

    it("prints the help: usage, summary, every flag with its default or [required], notes, examples", () => {
        assert.strictEqual(
            helpText(TOOL),
            [
                "usage: npm run tool -- --source <dir> [--size-mb <n>] [--dry-run]",
                "",
                "Does one thing.",
                "",
                "flags:",
                "  --source <dir>  where to read [required]",
                "  --size-mb <n>   how much [default: 8]",
                "  --dry-run       change nothing [default: off]",
                "  -h, --help      print this help and exit",
                "",
                "exit status: 0 done, 2 bad flags",
                "",
                "example:",
                "  npm run tool -- --source .",
                "",
            ].join("\n"),
        );
    });

    it("prints usage errors as one line per problem, the usage line and where the help is", () => {
        assert.strictEqual(
            usageErrorText(TOOL, ["a", "b"]),
            "tool: a\ntool: b\nusage: npm run tool -- --source <dir> [--size-mb <n>] [--dry-run]\n(npm run tool -- --help describes every flag)\n",
        );
    });

    it("checks integer flags: a whole number within the range, else a problem naming the range and the value given", () => {
        const countOnly: CommandSpec = {
            ...TOOL,
            flags: [{ name: "--count", value: "<n>", integer: { min: 2 }, description: "how many" }],
        };
        assert.deepStrictEqual(
            [
                parsed(["--source", ".", "--size-mb", "0", "--size-mb=1.5", "--size-mb", "65", "--size-mb", "x"]).problems,
                parsed(["--source", ".", "--size-mb=64"]).problems,
                parseFlags(["--count", "1", "--count", "-3", "--count=+2"], countOnly).problems,
                parseFlags(["--count", "123456"], countOnly).problems,
            ],
            [
                [
                    '--size-mb must be an integer from 1 to 64, got "0"',
                    "--size-mb is given more than once",
                    '--size-mb must be an integer from 1 to 64, got "1.5"',
                    '--size-mb must be an integer from 1 to 64, got "65"',
                    '--size-mb must be an integer from 1 to 64, got "x"',
                ],
                [],
                [
                    '--count must be an integer >= 2, got "1"',
                    "--count needs a value: --count <n>",
                    "unknown flag -3 (known: --count)",
                    "--count is given more than once",
                    '--count must be an integer >= 2, got "+2"',
                ],
                [],
            ],
        );
    });

    it("reads an integer flag's value, else its default, else nothing; only for integer flags", () => {
        const noDefault: CommandSpec = {
            ...TOOL,
            flags: [{ name: "--count", value: "<n>", integer: { min: 0 }, description: "how many" }],
        };
        assert.deepStrictEqual(
            [
                integerValue(TOOL, parseFlags(["--size-mb=16"], TOOL).values, "--size-mb"),
                integerValue(TOOL, {}, "--size-mb"),
                integerValue(noDefault, {}, "--count"),
                integerValue(noDefault, { "--count": "0" }, "--count"),
            ],
            [16, 8, undefined, 0],
        );
        assert.throws(() => integerValue(TOOL, {}, "--source"), /^Error: tool: --source is not an integer flag$/);
    });

    it("readFlags: the help (exit 0) whatever else is wrong, every problem (exit 2), or the values to run with", () => {
        assert.deepStrictEqual(
            [
                readFlags(["--size-mb", "0", "-h"], TOOL),
                readFlags(["--size-mb", "0"], TOOL),
                readFlags(["--source", "a", "--dry-run"], TOOL),
            ],
            [
                { kind: "exit", status: 0, text: helpText(TOOL) },
                {
                    kind: "exit",
                    status: 2,
                    text: usageErrorText(TOOL, [
                        '--size-mb must be an integer from 1 to 64, got "0"',
                        "--source <dir> is required: where to read",
                    ]),
                },
                { kind: "run", values: { "--source": "a" } },
            ],
        );
    });
});
