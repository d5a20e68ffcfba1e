import * as assert from "assert";
import { binary, call, group, num, ref, referencedIds, renderMath, searchCalls, str } from "../../dashboards/expressions/mathAst";
import { parseMetricsInsights, renderMetricsInsights, MetricsInsightsQuery } from "../../dashboards/expressions/metricsInsights";
import { MathSyntaxError, parseMath } from "../../dashboards/expressions/parseMath";
import { parseSearchQuery, renderSearchQuery, searchExpression, SearchQuery } from "../../dashboards/expressions/search";

const INSTANCE_QUERY: SearchQuery = {
    namespace: "/aws/sagemaker/Endpoints",
    dimensions: ["EndpointName", "InstanceId", "VariantName"],
    terms: { MetricName: "GPUUtilization", EndpointName: "llm-prod" },
};

describe("dashboards/expressions", () => {
    describe("SEARCH", () => {
        it("puts the whole query in one pair of single quotes, names in double quotes where not plain", () => {
            assert.strictEqual(
                searchExpression(INSTANCE_QUERY, "Average", 10),
                `SEARCH('{"/aws/sagemaker/Endpoints",EndpointName,InstanceId,VariantName} MetricName="GPUUtilization" EndpointName="llm-prod"', 'Average', 10)`,
            );
        });

        it("refuses a value with a quote instead of emitting a query CloudWatch would cut short", () => {
            assert.throws(
                () => renderSearchQuery({ ...INSTANCE_QUERY, terms: { EndpointName: "it's" } }),
                /SEARCH query value must not contain quotes, backslashes or line breaks, which a SEARCH query cannot carry \(got "it's"\)/,
            );
        });

        it("reads the query back into the same schema and terms", () => {
            assert.deepStrictEqual(parseSearchQuery(renderSearchQuery(INSTANCE_QUERY)), INSTANCE_QUERY);
        });

        it("AWS's printed sample, single quotes nested in single quotes, does not parse", () => {
            const awsSample = `SEARCH('{/aws/sagemaker/Endpoints,EndpointName,InstanceId} MetricName='GPUUtilization' EndpointName='llm'', 'Average', 60)`;
            assert.throws(
                () => parseMath(awsSample),
                (e: unknown) => e instanceof MathSyntaxError && e.message === `expected ")" at 71`,
            );
        });

        it("reports unbalanced double quotes in a query", () => {
            assert.deepStrictEqual(parseSearchQuery(`{AWS/SQS,QueueName} QueueName="a`), {
                problem: `has unbalanced double quotes: {AWS/SQS,QueueName} QueueName="a`,
            });
        });
    });

    describe("metric math", () => {
        const cost = binary(
            "*",
            ref("held"),
            group(binary("*", group(binary("/", num(7.09), num(4))), group(binary("/", num(60), num(3600))))),
        );
        const emitted = [
            renderMath(cost),
            renderMath(call("RUNNING_SUM", ref("cost"))),
            renderMath(call("SUM", binary("+", binary("*", ref("cpu"), num(0)), num(1)))),
            searchExpression(INSTANCE_QUERY, "SampleCount", 60),
            renderMath(binary("-", ref("total"), binary("-", ref("a"), ref("b")))),
            "FILL(m1, 0) / PERIOD(m1) ^ -2",
            "IF(m1 >= 5 AND m2 != 0, m1, [m2, m3])",
        ];

        it("round-trips what the builders emit, text and tree", () => {
            for (const text of emitted) {
                assert.strictEqual(renderMath(parseMath(text)), text, text);
                assert.deepStrictEqual(parseMath(renderMath(parseMath(text))), parseMath(text), text);
            }
            assert.deepStrictEqual(parseMath(renderMath(cost)), cost);
            assert.strictEqual(renderMath(cost), "held * ((7.09 / 4) * (60 / 3600))");
        });

        it("lists referenced ids (not function names) and SEARCH calls", () => {
            const tree = parseMath(`SUM(SEARCH('{AWS/SQS,QueueName} MetricName="NumberOfMessagesSent"', 'Sum', 60)) + m1 * FILL(m2, 0)`);
            assert.deepStrictEqual(referencedIds(tree), ["m1", "m2"]);
            assert.deepStrictEqual(
                searchCalls(tree).map((c) => c.args),
                [[str(`{AWS/SQS,QueueName} MetricName="NumberOfMessagesSent"`), str("Sum"), num(60)]],
            );
        });

        it("names the position of what it cannot read", () => {
            assert.throws(() => parseMath("m1 +"), /unexpected end of expression/);
            assert.throws(() => parseMath("SUM(m1"), /expected "\)" at 6/);
            assert.throws(() => parseMath("m1 ; m2"), /unexpected ";" at 3/);
            assert.throws(() => parseMath("SEARCH('{AWS/SQS} x, 'Sum')"), /unbalanced single quote at 25: a string is never closed/);
        });
    });

    describe("Metrics Insights", () => {
        const query: MetricsInsightsQuery = {
            fn: "AVG",
            metricName: "CPUUtilization",
            namespace: "/aws/sagemaker/Endpoints",
            schema: ["EndpointName", "VariantName"],
            where: { EndpointName: "churn-dev" },
            groupBy: ["VariantName"],
            orderBy: { fn: "MAX", direction: "DESC" },
            limit: 10,
        };

        it("quotes the namespace in double quotes and values in single quotes", () => {
            assert.strictEqual(
                renderMetricsInsights(query),
                `SELECT AVG(CPUUtilization) FROM SCHEMA("/aws/sagemaker/Endpoints", EndpointName, VariantName) WHERE EndpointName = 'churn-dev' GROUP BY VariantName ORDER BY MAX() DESC LIMIT 10`,
            );
        });

        it("round-trips, with and without the optional clauses", () => {
            const bare: MetricsInsightsQuery = { fn: "SUM", metricName: "Invocations", namespace: "AWS/SageMaker", schema: [], where: {} };
            for (const q of [query, bare]) {
                assert.deepStrictEqual(parseMetricsInsights(renderMetricsInsights(q)), q);
            }
            assert.strictEqual(renderMetricsInsights(bare), `SELECT SUM(Invocations) FROM "AWS/SageMaker"`);
        });

        it("reports unbalanced single quotes", () => {
            assert.deepStrictEqual(parseMetricsInsights(`SELECT AVG(x) FROM "AWS/EC2" WHERE a = 'b`), {
                problem: `is not a Metrics Insights query this project can check (unbalanced single quotes): SELECT AVG(x) FROM "AWS/EC2" WHERE a = 'b`,
            });
        });
    });
});
