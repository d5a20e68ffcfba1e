/** bench:synth's and bench:checks' command lines (tools/cli/flags.ts parses them), and the figures' statistics. */
import * as assert from "assert";
import { integerValue, readFlags } from "../../tools/cli/flags";
import { median, round } from "../../tools/bench/stats";
import * as checks from "../../tools/bench-checks";
import * as synth from "../../tools/bench-synth";

describe("bench CLIs (bench:synth, bench:checks)", () => {
    it("bench:synth --help prints the usage, every flag with its range and default, and an example (exit 0)", () => {
        assert.deepStrictEqual(readFlags(["--endpoints", "x", "--help"], synth.COMMAND), {
            kind: "exit",
            status: 0,
            text: [
                "usage: npm run bench:synth -- [--endpoints <n>] [--runs <n>]",
                "",
                "Times the offline synth of N endpoints through the components against the same resources declared directly (raw Pulumi)," +
                    " each in a fresh process, module loading excluded. Prints one JSON line: {endpoints, resources, runs, seconds, rawSeconds," +
                    " ratio, cpuSeconds, rawCpuSeconds, cpuRatio, peakRssMb, rawPeakRssMb, perRun} (seconds are medians over the runs).",
                "",
                "flags:",
                "  --endpoints <n>  real-time endpoints in the stack (about 6 resources each), 1 to 5000 [default: 50]",
                "  --runs <n>       components/raw pairs to run, alternating, 1 to 50 [default: 1]",
                "  -h, --help       print this help and exit",
                "",
                "exit status: 0 measured, 1 a run failed, 2 bad flags",
                "",
                "example:",
                "  npm run bench:synth -- --endpoints 200 --runs 3",
                "",
            ].join("\n"),
        });
    });

    it("takes the defaults, and both --flag value and --flag=value", () => {
        const values = (argv: string[], command = synth.COMMAND) => {
            const outcome = readFlags(argv, command);
            assert.strictEqual(outcome.kind, "run", JSON.stringify(outcome));
            return ["--endpoints", "--runs"]
                .filter((flag) => command.flags.some((f) => f.name === flag))
                .map((flag) => integerValue(command, outcome.kind === "run" ? outcome.values : {}, flag));
        };
        assert.deepStrictEqual(
            [values([]), values(["--endpoints=200", "--runs", "3"]), values([], checks.COMMAND), values(["--runs", "2"], checks.COMMAND)],
            [[50, 1], [200, 3], [1], [2]],
        );
    });

    it("exits 2 naming every bad flag and value at once, then the usage line", () => {
        assert.deepStrictEqual(readFlags(["--endpoint", "5", "--runs=0", "--endpoints"], synth.COMMAND), {
            kind: "exit",
            status: 2,
            text: [
                "bench:synth: unknown flag --endpoint; did you mean --endpoints?",
                'bench:synth: --runs must be an integer from 1 to 50, got "0"',
                "bench:synth: --endpoints needs a value: --endpoints <n>",
                "usage: npm run bench:synth -- [--endpoints <n>] [--runs <n>]",
                "(npm run bench:synth -- --help describes every flag)",
                "",
            ].join("\n"),
        });
        assert.deepStrictEqual(readFlags(["--runs", "1.5", "--endpoints", "9"], checks.COMMAND), {
            kind: "exit",
            status: 2,
            text: [
                'bench:checks: --runs must be an integer from 1 to 20, got "1.5"',
                "bench:checks: unknown flag --endpoints (known: --runs)",
                "usage: npm run bench:checks -- [--runs <n>]",
                "(npm run bench:checks -- --help describes every flag)",
                "",
            ].join("\n"),
        });
    });

    it("medians and rounding of the figures", () => {
        assert.deepStrictEqual(
            [median([3, 1, 2]), median([4, 1, 3, 2]), round(1.23456), round(1.25, 1), round(1.3333, 2)],
            [2, 2.5, 1.235, 1.3, 1.33],
        );
        assert.throws(() => median([]), /^Error: median of no values$/);
    });
});
