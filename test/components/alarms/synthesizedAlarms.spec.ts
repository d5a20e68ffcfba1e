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
