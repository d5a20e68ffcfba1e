import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const SCRIPT = path.join(__dirname, "..", "..", ".github", "scripts", "dashboard-widget-diff.sh");

const text = (markdown: string, y = 0) => ({ type: "text", x: 0, y, width: 24, height: 2, properties: { markdown } });
const graph = (title: string, metrics: unknown[], extra: Record<string, unknown> = {}) => ({
    type: "metric",
    x: 0,
    y: 2,
    width: 12,
    height: 6,
    properties: { title, region: "us-east-1", view: "timeSeries", metrics, ...extra },
});

describe(".github/scripts/dashboard-widget-diff.sh (the pull request's dashboard review)", () => {
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "dashboard-diff-"));
        fs.mkdirSync(path.join(dir, "base"));
        fs.mkdirSync(path.join(dir, "head"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const write = (side: "base" | "head", name: string, widgets: unknown[]) =>
        fs.writeFileSync(path.join(dir, side, `${name}.json`), JSON.stringify({ widgets }));
    const run = () => spawnSync("bash", [SCRIPT, path.join(dir, "base"), path.join(dir, "head"), "dev"], { encoding: "utf8" });

    it("prints each added, removed or changed dashboard's widget list as a diff, and skips unchanged ones", () => {
        const invocations = graph("Invocations", [["AWS/SageMaker", "Invocations", "EndpointName", "a", { label: "a" }]]);
        write("base", "same", [text("# Same")]);
        write("head", "same", [text("# Same")]);
        write("base", "churn", [text("# Churn"), invocations]);
        write("head", "churn", [
            text("# Churn"),
            graph("Invocations", [[{ expression: "m1 * 2", id: "e1" }]], {
                annotations: { horizontal: [{ value: 5, label: "too many" }] },
            }),
        ]);
        write("head", "fresh", [text("# Fresh\n\nnew")]);
        write("base", "old", [
            {
                type: "alarm",
                x: 0,
                y: 0,
                width: 6,
                height: 4,
                properties: { title: "Alarms", alarms: ["arn:aws:cloudwatch:us-east-1:1:alarm:x"] },
            },
        ]);
        const result = run();
        assert.deepStrictEqual({ status: result.status, stderr: result.stderr }, { status: 0, stderr: "" });
        assert.strictEqual(
            result.stdout,
            [
                "## Dashboard changes: `dev`",
                "",
                "### `churn` (changed)",
                "",
                "```diff",
                "--- base",
                "+++ head",
                "@@ -1,3 +1,4 @@",
                " text 0,0 24x2 Churn",
                " metric 0,2 12x6 Invocations",
                "-    AWS/SageMaker Invocations EndpointName a",
                "+    e1 = m1 * 2",
                "+    threshold 5 too many",
                "```",
                "",
                "### `fresh` (added)",
                "",
                "```diff",
                "--- base",
                "+++ head",
                "@@ -0,0 +1 @@",
                "+text 0,0 24x2 Fresh",
                "```",
                "",
                "### `old` (removed)",
                "",
                "```diff",
                "--- base",
                "+++ head",
                "@@ -1,2 +0,0 @@",
                "-alarm 0,0 6x4 Alarms",
                "-    alarm x",
                "```",
                "",
                "",
            ].join("\n"),
        );
    });

    it("says so when no dashboard changed", () => {
        write("base", "same", [text("# Same")]);
        write("head", "same", [text("# Same")]);
        assert.strictEqual(run().stdout, "## Dashboard changes: `dev`\n\nNo dashboard changes.\n\n");
    });
});
