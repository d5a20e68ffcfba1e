/** `npm run bench:forwarder`'s command line: `--help`, and exit 2 naming each bad flag before generating anything. */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
const USAGE =
    "usage: npm run bench:forwarder -- --size-mb <n> [--payload <capture-lines|normalized-inferences>] [--runs <n>] [--sink <null|stdout|dataset>]\n" +
    "(npm run bench:forwarder -- --help describes every flag)\n";

function bench(args: string[]): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(
        process.execPath,
        ["--no-warnings", "-r", "ts-node/register/transpile-only", "tools/bench-forwarder.ts", ...args],
        {
            cwd: ROOT,
            encoding: "utf8",
        },
    );
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run bench:forwarder: --help and usage errors", function () {
    this.timeout(60_000);

    it("--help prints the usage, every flag with its default, the aims and examples, and exits 0", () => {
        assert.deepStrictEqual(bench(["--help"]), {
            status: 0,
            stdout: [
                USAGE.split("\n")[0],
                "",
                "Measures the capture-forwarder pipeline's throughput and peak memory on a generated Data Capture file, against the floor" +
                    " of merely streaming and parsing it; each run is a child process running the Lambda's esbuild bundle. Prints one JSON line.",
                "",
                "flags:",
                "  --size-mb <n>                                    size of the capture file in MiB, 1 to 65536 (generated once, kept in the temp folder) [required]",
                "  --payload <capture-lines|normalized-inferences>  what the sink is handed: capture-lines (the Arthur path)" +
                    " or normalized-inferences (the http path) [default: capture-lines]",
                "  --runs <n>                                       floor and pipeline runs, alternating, 1 to 20; the fastest of each counts [default: 3]",
                "  --sink <null|stdout|dataset>                     null counts the bytes handed over; stdout is replay's stdout sink" +
                    " (normalized inferences) writing to the null device; dataset writes the Parquet dataset (raw input/output columns)" +
                    " to a counting S3 client [default: null]",
                "  -h, --help                                       print this help and exit",
                "",
                "aims: ratio >= 0.7, peakRssMb < 200 also for --size-mb 1024; --sink dataset: ratio >= 0.5, peakRssMb < 300",
                "exit status: 0 measured, 1 a run failed, 2 bad flags",
                "",
                "examples:",
                "  npm run bench:forwarder -- --size-mb 256",
                "  npm run bench:forwarder -- --size-mb 1024 --payload normalized-inferences --runs 5",
                "  npm run bench:forwarder -- --size-mb 1024 --sink stdout --runs 1",
                "  npm run bench:forwarder -- --size-mb 256 --sink dataset",
                "",
            ].join("\n"),
            stderr: "",
        });
    });

    it("exits 2 naming the closest flag, the missing --size-mb and every value out of range", () => {
        assert.deepStrictEqual(
            [bench(["--sizemb", "3", "--runs", "x", "--payload", "csv"]), bench(["--size-mb", "0"])],
            [
                {
                    status: 2,
                    stdout: "",
                    stderr:
                        "bench-forwarder: unknown flag --sizemb; did you mean --size-mb?\n" +
                        'bench-forwarder: --runs must be an integer from 1 to 20, got "x"\n' +
                        'bench-forwarder: --payload must be one of capture-lines, normalized-inferences, got "csv"\n' +
                        USAGE,
                },
                { status: 2, stdout: "", stderr: 'bench-forwarder: --size-mb must be an integer from 1 to 65536, got "0"\n' + USAGE },
            ],
        );
    });
});
