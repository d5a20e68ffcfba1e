import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CloudWatchClient, GetMetricDataCommand, ListMetricsCommand } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import { runReport } from "../../tools/report";
import { fixtureStackFile } from "../support/fixtureStacks";
import { ROOT } from "../support/synthCli";
import { metricDataResults, series, WINDOW_END, WINDOW_START } from "../lambdas/gpu-capacity/fixtures";

const cw = mockClient(CloudWatchClient);
/** The dev fixture stack: specs never read the example Pulumi.<stack>.yaml at the root, which users edit. */
const DEV = ["--config", fixtureStackFile("dev")];
const GENAI_DEV_HEADLINE = "GPU capacity of genai-dev: ml.g5.12xlarge, 4 GPUs per instance, 7.09 USD/h in us-east-1, 10 s periods";

async function report(argv: string[], root = ROOT) {
    let out = "";
    let err = "";
    const status = await runReport(argv, root, (region) => new CloudWatchClient({ region }), WINDOW_END, {
        out: (t) => (out += t),
        err: (t) => (err += t),
    });
    return { status, out, err };
}

describe("npm run report", () => {
    beforeEach(() => {
        cw.reset();
        cw.on(ListMetricsCommand, { Dimensions: [{ Name: "InferenceComponentName", Value: "genai-dev-summarizer" }] }).resolves({
            Metrics: [series("genai-dev-summarizer", "i-1", "GpuId", "0"), series("genai-dev-summarizer", "i-1", "GpuId", "1")],
        });
        cw.on(ListMetricsCommand, { Dimensions: [{ Name: "InferenceComponentName", Value: "genai-dev-embedder" }] }).resolves({
            Metrics: [series("genai-dev-embedder", "i-1", "GpuId", "2")],
        });
        cw.on(GetMetricDataCommand).resolves({ MetricDataResults: metricDataResults() });
    });

    it("prints instances, GPUs used and free, cost per interval and cumulative per component, from the publisher's queries", async () => {
        const run = await report(["--endpoint", "genai-dev", "--since", "1m", ...DEV]);
        assert.deepStrictEqual([run.status, run.err], [0, ""]);
        const query = cw.commandCalls(GetMetricDataCommand)[0].args[0].input;
        assert.deepStrictEqual(
            [query.StartTime, query.EndTime, query.MetricDataQueries!.map((q) => q.Id)],
            [WINDOW_START, WINDOW_END, ["i", "c0n0", "c0x0", "c0n1", "c0x1", "c1n0", "c1x0"]],
        );
        const lines = run.out.split("\n");
        const s = (2 * 7.09) / 4 / 360;
        const e = 7.09 / 4 / 360;
        assert.deepStrictEqual(lines.slice(0, 7), [
            GENAI_DEV_HEADLINE,
            "2026-12-05T12:02:00.000Z to 2026-12-05T12:03:00.000Z",
            "",
            "| time | instances | GPUs used | GPUs free | component | GPUs | cost (USD) | cumulative (USD) |",
            "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |",
            `| 2026-12-05T12:02:00.000Z | 1 | 3 | 1 | Summarizer (Mistral 7B) | 2 | ${s.toFixed(6)} | ${s.toFixed(6)} |`,
            `| 2026-12-05T12:02:00.000Z | 1 | 3 | 1 | Embeddings (bge-large) | 1 | ${e.toFixed(6)} | ${e.toFixed(6)} |`,
        ]);
        assert.strictEqual(
            lines[16],
            `| 2026-12-05T12:02:50.000Z | 1 | 3 | 1 | Embeddings (bge-large) | 1 | ${e.toFixed(6)} | ${(6 * e).toFixed(6)} |`,
        );
        assert.deepStrictEqual(lines.slice(18), [
            `Summarizer (Mistral 7B) (genai-dev-summarizer): ${(6 * s).toFixed(6)} USD`,
            `Embeddings (bge-large) (genai-dev-embedder): ${(6 * e).toFixed(6)} USD`,
            "",
        ]);
    });

    it("refuses a bad range or an endpoint that is not a GPU inference-components endpoint, naming the allowed values (exit 2)", async () => {
        assert.deepStrictEqual(await report(["--endpoint", "churn-dev", "--since", "1w", ...DEV]), {
            status: 2,
            out: "",
            err: [
                'report: --since must be a positive whole number of minutes, hours or days such as 30m, 1h or 7d (got "1w")',
                "usage: npm run report -- --endpoint <name> [--since <n>(m|h|d)] [--stack <name>] [--config <file>]",
                "(npm run report -- --help describes every flag)",
                "",
            ].join("\n"),
        });
        const run = await report(["--endpoint", "churn-dev", ...DEV]);
        assert.deepStrictEqual(
            [run.status, run.err.split("\n")[0]],
            [2, 'report: --endpoint must name an inference-components endpoint of the stack (genai-dev), got "churn-dev"'],
        );
    });

    describe("the stack file", () => {
        let dir: string;
        before(() => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "report-stack-"));
            fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
            fs.copyFileSync(fixtureStackFile("dev"), path.join(dir, "Pulumi.alpha.yaml"));
        });
        after(() => fs.rmSync(dir, { recursive: true, force: true }));

        it("reads --config instead of the root Pulumi.<stack>.yaml, and names --config and the fix when it is missing or a folder (exit 2)", async () => {
            const missing = path.join(dir, "missing.yaml");
            const fix = "pass a stack file (the format of Pulumi.<stack>.yaml), or leave --config out";
            assert.deepStrictEqual(
                [
                    await report(["--endpoint", "genai-dev", "--config", missing]),
                    await report(["--endpoint", "genai-dev", "--config", dir]),
                ],
                [
                    { status: 2, out: "", err: `report: --config ${missing}: no such file; ${fix}\n` },
                    { status: 2, out: "", err: `report: --config ${dir} is a folder, not a file; ${fix}\n` },
                ],
            );
            assert.deepStrictEqual(cw.commandCalls(GetMetricDataCommand), []);
        });

        it("exits 2 for a --stack without a stack file, naming --stack, the stack files there and the fix", async () => {
            assert.deepStrictEqual(await report(["--endpoint", "genai-dev", "--stack", "beta"], dir), {
                status: 2,
                out: "",
                err: `report: --stack beta: there is no Pulumi.beta.yaml in ${dir} (stack files there: Pulumi.alpha.yaml); pass one of those stacks, or --config <file>\n`,
            });
            // Along with the flags' problems, all at once.
            assert.deepStrictEqual(await report(["--stack", "beta"], dir), {
                status: 2,
                out: "",
                err: [
                    "report: --endpoint <name> is required: the inference-components endpoint of the stack",
                    `report: --stack beta: there is no Pulumi.beta.yaml in ${dir} (stack files there: Pulumi.alpha.yaml); pass one of those stacks, or --config <file>`,
                    "usage: npm run report -- --endpoint <name> [--since <n>(m|h|d)] [--stack <name>] [--config <file>]",
                    "(npm run report -- --help describes every flag)",
                    "",
                ].join("\n"),
            });
            assert.deepStrictEqual(await report(["--endpoint", "genai-dev", "--stack", "../alpha"], dir), {
                status: 2,
                out: "",
                err: [
                    'report: --stack "../alpha" is not a stack name; use letters, digits, _ . and -',
                    "usage: npm run report -- --endpoint <name> [--since <n>(m|h|d)] [--stack <name>] [--config <file>]",
                    "(npm run report -- --help describes every flag)",
                    "",
                ].join("\n"),
            });
            assert.deepStrictEqual(cw.commandCalls(GetMetricDataCommand), []);
            const found = await report(["--endpoint", "genai-dev", "--stack", "alpha", "--since", "1m"], dir);
            assert.deepStrictEqual([found.status, found.err, found.out.split("\n")[0]], [0, "", GENAI_DEV_HEADLINE]);
        });

        it("exits 2 for a stack file that is not YAML or not a valid stack config, naming the file and each property path", async () => {
            const notYaml = path.join(dir, "not-yaml.yaml");
            fs.writeFileSync(notYaml, "config: [\n");
            const invalid = path.join(dir, "invalid.yaml");
            fs.writeFileSync(invalid, 'config:\n  sagemaker-monitoring:endpoints: "genai-dev"\n');
            const broken = await report(["--endpoint", "genai-dev", "--config", notYaml]);
            assert.deepStrictEqual(
                [broken.status, broken.err.split("\n")[0]],
                [
                    2,
                    `report: ${notYaml} is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1:`,
                ],
            );
            assert.deepStrictEqual(await report(["--endpoint", "genai-dev", "--config", invalid]), {
                status: 2,
                out: "",
                err:
                    `report: ${invalid}: Invalid stack config: 1 invalid input:\n` +
                    '  - sagemaker-monitoring:endpoints: must be a list of 1 or more endpoints (got "genai-dev")\n',
            });
        });
    });
});
