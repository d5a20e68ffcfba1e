import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { synthStackOnce } from "../../support/synthCli";

interface SynthResource {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
}

async function alarmsOf(stack: "dev" | "prod"): Promise<SynthResource[]> {
    const run = await synthStackOnce(stack);
    assert.strictEqual(run.status, 0, run.stderr);
    const resources: SynthResource[] = JSON.parse(fs.readFileSync(path.join(run.dir, "resources.json"), "utf8"));
    return resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm");
}

describe("synthesized alarms", () => {
    it("dev: the real-time endpoint has Invocation5XXErrors and ModelLatency p99 alarms per variant, with EndpointName and VariantName", async () => {
        const alarms = await alarmsOf("dev");
        const watched = alarms
            .filter((a) => ["Invocation5XXErrors", "ModelLatency"].includes(a.inputs.metricName as string))
            .filter((a) => (a.inputs.dimensions as Record<string, string>).EndpointName === "churn-dev")
            .map((a) => [a.inputs.name, a.inputs.metricName, a.inputs.dimensions, a.inputs.statistic ?? a.inputs.extendedStatistic]);
        assert.deepStrictEqual(watched, [
            [
                "churn-dev-challenger-Invocation5XXErrors",
                "Invocation5XXErrors",
                { EndpointName: "churn-dev", VariantName: "challenger" },
                "Sum",
            ],
            [
                "churn-dev-champion-Invocation5XXErrors",
                "Invocation5XXErrors",
                { EndpointName: "churn-dev", VariantName: "champion" },
                "Sum",
            ],
            ["churn-dev-challenger-ModelLatencyP99", "ModelLatency", { EndpointName: "churn-dev", VariantName: "challenger" }, "p99"],
            ["churn-dev-champion-ModelLatencyP99", "ModelLatency", { EndpointName: "churn-dev", VariantName: "champion" }, "p99"],
        ]);
        // The 4XX rate is metric math, so the SEARCH check below has queries to look at: 2 variants of churn-dev, 2 components of genai-dev.
        assert.strictEqual(alarms.filter((a) => a.inputs.metricQueries !== undefined).length, 4);
    });

    it("dev: the inference-component endpoint has the real-time alarms per component (InferenceComponentName) and per instance", async () => {
        const alarms = await alarmsOf("dev");
        const names = (dimensions: Record<string, string>) =>
            alarms
                .filter((a) => {
                    const given = (a.inputs.dimensions ??
                        (a.inputs.metricQueries as { metric?: { dimensions: unknown } }[])[0].metric!.dimensions) as Record<string, string>;
                    return JSON.stringify(given) === JSON.stringify(dimensions);
                })
                .map((a) => a.inputs.name)
                .sort();
        assert.deepStrictEqual(names({ InferenceComponentName: "genai-dev-summarizer" }), [
            "genai-dev-summarizer-Invocation4XXErrorRate",
            "genai-dev-summarizer-Invocation5XXErrors",
            "genai-dev-summarizer-ModelLatencyP99",
            "genai-dev-summarizer-OverheadLatencyP99",
        ]);
        assert.deepStrictEqual(names({ EndpointName: "genai-dev", VariantName: "AllTraffic" }), [
            "genai-dev-AllTraffic-CPUUtilization",
            "genai-dev-AllTraffic-DiskUtilization",
            "genai-dev-AllTraffic-GPUMemoryUtilization",
            "genai-dev-AllTraffic-GPUUtilization",
            "genai-dev-AllTraffic-MemoryUtilization",
        ]);
        assert.deepStrictEqual(names({ EndpointName: "genai-dev" }), ["genai-dev-FreeGpus", "genai-dev-IdleGpus"]);
    });

    for (const stack of ["dev", "prod"] as const) {
        it(`${stack}: no alarm has a metric query with SEARCH, and every alarm has a runbook and the stack topic on ALARM`, async () => {
            const alarms = await alarmsOf(stack);
            assert.ok(alarms.length > 0);
            const queries = alarms.flatMap((a) => (a.inputs.metricQueries as { expression?: string }[] | undefined) ?? []);
            assert.deepStrictEqual(
                queries.filter((q) => /SEARCH/i.test(q.expression ?? "")),
                [],
            );
            assert.deepStrictEqual(
                alarms
                    .filter((a) => typeof a.inputs.alarmDescription !== "string" || (a.inputs.alarmActions as unknown[]).length === 0)
                    .map((a) => a.name),
                [],
            );
        });
    }
});
