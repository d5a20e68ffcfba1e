import * as assert from "assert";
import { parseBenchFlags } from "../../tools/bench/benchFlags";
import { median, round } from "../../tools/bench/stats";
import * as checks from "../../tools/bench-checks";
import * as synth from "../../tools/bench-synth";

describe("bench flags (bench:synth, bench:checks)", () => {
    it("bench:synth --help prints the usage, every flag with its default, and an example (exit 0)", () => {
        assert.deepStrictEqual(parseBenchFlags(["--endpoints", "x", "--help"], synth.FLAGS, synth.USAGE), {
            kind: "exit",
            status: 0,
            text: [
                "usage: npm run bench:synth -- [--endpoints N] [--runs N]",
                "",
                "Times the offline synth of N endpoints through the components against the same resources",
                "declared directly (raw Pulumi), each in a fresh process, module loading excluded. Prints one",
                "JSON line: {endpoints, resources, runs, seconds, rawSeconds, ratio, cpuSeconds, rawCpuSeconds,",
                "cpuRatio, peakRssMb, rawPeakRssMb, perRun} (seconds are medians over the runs).",
                "",
                "flags:",
                "  --endpoints N        real-time endpoints in the stack (about 6 resources each) (integer >= 1, default 50)",
                "  --runs N             components/raw pairs to run, alternating (integer >= 1, default 1)",
                "  --help               print this help and exit",
                "",
                "example: npm run bench:synth -- --endpoints 200 --runs 3",
                "",
            ].join("\n"),
        });
    });

    it("takes the defaults, and both --flag value and --flag=value", () => {
        assert.deepStrictEqual(parseBenchFlags([], synth.FLAGS, synth.USAGE), { kind: "run", values: { endpoints: 50, runs: 1 } });
        assert.deepStrictEqual(parseBenchFlags(["--endpoints=200", "--runs", "3"], synth.FLAGS, synth.USAGE), {
            kind: "run",
            values: { endpoints: 200, runs: 3 },
        });
        assert.deepStrictEqual(parseBenchFlags(["--runs", "2"], checks.FLAGS, checks.USAGE), { kind: "run", values: { runs: 2 } });
    });

    it("exits 2 naming every bad flag and value at once, then the usage line", () => {
        assert.deepStrictEqual(parseBenchFlags(["--endpoint", "5", "--runs=0", "--endpoints"], synth.FLAGS, synth.USAGE), {
            kind: "exit",
            status: 2,
            text: [
                "bench:synth: unknown flag --endpoint (known: --endpoints, --runs, --help)",
                'bench:synth: unexpected argument "5"',
                'bench:synth: --runs must be an integer >= 1, got "0"',
                "bench:synth: --endpoints must be an integer >= 1, got nothing",
                "usage: npm run bench:synth -- [--endpoints N] [--runs N]",
                "",
            ].join("\n"),
        });
        assert.deepStrictEqual(parseBenchFlags(["--runs", "1.5"], checks.FLAGS, checks.USAGE), {
            kind: "exit",
            status: 2,
            text: ['bench:checks: --runs must be an integer >= 1, got "1.5"', "usage: npm run bench:checks -- [--runs N]", ""].join("\n"),
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
