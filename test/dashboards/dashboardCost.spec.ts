import * as assert from "assert";
import { dashboardCostLine, estimateMonitoringCost } from "../../tools/synth/monitoringCost";
import { SynthResource } from "../../tools/synth/synthResource";

function dashboard(name: string, metrics: number): SynthResource {
    const widget = {
        type: "metric",
        properties: { metrics: Array.from({ length: metrics }, (_, i) => ["AWS/SQS", "NumberOfMessagesSent", "QueueName", `q${i}`]) },
    };
    return {
        type: "aws:cloudwatch/dashboard:Dashboard",
        name,
        parent: null,
        inputs: { dashboardName: name, dashboardBody: JSON.stringify({ widgets: [widget] }) },
    } as unknown as SynthResource;
}

describe("summary.md: the dashboards' cost", () => {
    it("charges $3 a month per dashboard beyond the 3 free ones of at most 50 metrics", () => {
        const resources = [dashboard("a", 10), dashboard("b", 50), dashboard("c", 51), dashboard("d", 1), dashboard("e", 2)];
        assert.deepStrictEqual(dashboardCostLine(resources), {
            item: "dashboards beyond the free 3 of at most 50 metrics (5 declared)",
            count: 2,
            unitUsd: 3,
        });
        assert.deepStrictEqual(
            estimateMonitoringCost(resources).lines.find((l) => l.item.startsWith("dashboards")),
            { item: "dashboards beyond the free 3 of at most 50 metrics (5 declared)", count: 2, unitUsd: 3, monthlyUsd: 6 },
        );
    });

    it("a dashboard over 50 metrics is never free", () => {
        assert.strictEqual(dashboardCostLine([dashboard("big", 51)]).count, 1);
        assert.strictEqual(dashboardCostLine([dashboard("small", 50)]).count, 0);
    });
});
