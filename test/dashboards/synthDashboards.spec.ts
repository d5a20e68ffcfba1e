import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { searchCalls } from "../../dashboards/expressions/mathAst";
import { isMetricsInsights } from "../../dashboards/expressions/metricsInsights";
import { parseMath } from "../../dashboards/expressions/parseMath";
import { parseSearchQuery } from "../../dashboards/expressions/search";
import { dashboardProblems } from "../../dashboards/limits";
import { DashboardBody, isExpressionEntry } from "../../dashboards/model";
import { FixtureStack } from "../support/fixtureStacks";
import { synthStackOnce } from "../support/synthCli";

const ENDPOINTS: Record<FixtureStack, string[]> = { dev: ["churn-batch-dev", "churn-dev", "genai-dev"], prod: [] };

describe("offline synth: dashboards of the fixture stacks", function () {
    this.timeout(120000);
    for (const stack of ["dev", "prod"] as const) {
        describe(stack, () => {
            let dir: string;
            let resources: any[];
            before(async () => {
                const run = await synthStackOnce(stack);
                assert.strictEqual(run.status, 0, run.stderr);
                dir = path.join(run.dir, "dashboards");
                resources = JSON.parse(fs.readFileSync(path.join(run.dir, "resources.json"), "utf8"));
            });

            it("writes a body per endpoint and the stack summary, each equal to the declared dashboard's body", () => {
                const endpoints = resources.filter((r) => r.type.startsWith("sagemaker-monitoring:endpoint:")).map((r) => r.name);
                if (stack === "dev") assert.deepStrictEqual(endpoints.sort(), ENDPOINTS.dev);
                const dashboards = resources.filter((r) => r.type === "aws:cloudwatch/dashboard:Dashboard");
                assert.deepStrictEqual(
                    dashboards.map((d) => d.inputs.dashboardName).sort(),
                    [...endpoints, `sagemaker-monitoring-${stack}`].sort(),
                );
                assert.deepStrictEqual(
                    fs.readdirSync(dir).sort(),
                    [...dashboards.map((d) => `${d.inputs.dashboardName}.json`), "index.html"].sort(),
                );
                for (const d of dashboards) {
                    const file = JSON.parse(fs.readFileSync(path.join(dir, `${d.inputs.dashboardName}.json`), "utf8"));
                    assert.deepStrictEqual(file, JSON.parse(d.inputs.dashboardBody));
                }
            });

            it("every body passes CloudWatch's limit checks; every SEARCH is balanced and names its endpoint", () => {
                const endpoints = resources.filter((r) => r.type.startsWith("sagemaker-monitoring:endpoint:")).map((r) => r.name);
                // Inference-component metrics carry the component's name, not the endpoint's.
                const components = resources
                    .filter((r) => r.type === "aws-native:sagemaker:InferenceComponent")
                    .map((r) => r.inputs.inferenceComponentName as string);
                let searches = 0;
                for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
                    const name = file.replace(/\.json$/, "");
                    const body: DashboardBody = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
                    assert.deepStrictEqual(dashboardProblems(name, body), [], file);
                    for (const widget of body.widgets) {
                        const entries = widget.type === "metric" ? widget.properties.metrics.filter(isExpressionEntry) : [];
                        for (const { expression } of entries.map((e) => e[0]).filter((e) => !isMetricsInsights(e.expression))) {
                            for (const search of searchCalls(parseMath(expression))) {
                                searches++;
                                const query =
                                    search.args[0].kind === "string" ? parseSearchQuery(search.args[0].value) : { problem: "none" };
                                assert.ok(!("problem" in query), expression);
                                const named =
                                    !("problem" in query) &&
                                    (endpoints.includes(query.terms.EndpointName) ||
                                        components.includes(query.terms.InferenceComponentName));
                                assert.ok(named, expression);
                            }
                        }
                    }
                }
                assert.ok(searches > 0, "the per-instance graphs use SEARCH");
            });
        });
    }
});
