import * as assert from "assert";
import { closestFlag, CommandSpec, helpText, parseFlags, usageErrorText, wantsHelp } from "../../tools/cli/flags";

const TOOL: CommandSpec = {
    name: "tool",
    invocation: "npm run tool --",
    summary: "Does one thing.",
    flags: [
        { name: "--source", value: "<dir>", required: true, description: "where to read" },
        { name: "--size-mb", value: "<n>", default: "8", description: "how much" },
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
});
