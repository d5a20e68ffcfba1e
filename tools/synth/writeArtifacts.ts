import * as fs from "fs";
import * as path from "path";
import { DashboardBody } from "../../dashboards/model";
import { buildDashboardPreview } from "./dashboardPreview";
import { CaptureExemption, PolicyViolation } from "./policyHook";
import { buildSummary } from "./summary";
import { publicRecord, SynthResource } from "./synthResource";

const DASHBOARD_TYPE = "aws:cloudwatch/dashboard:Dashboard";

/** Dashboards as declared: name and parsed body. */
function dashboardsOf(resources: SynthResource[]): { name: string; body: DashboardBody }[] {
    return resources
        .filter((r) => r.type === DASHBOARD_TYPE)
        .map((r) => ({ name: String(r.inputs.dashboardName ?? r.name), body: JSON.parse(r.inputs.dashboardBody) }));
}

/** Writes the docs/ARCHITECTURE.md, "The offline synth contract" files under `<outDir>/<stack>/`, replacing what a previous run left. */
export function writeArtifacts(
    outDir: string,
    stack: string,
    resources: SynthResource[],
    verdict: { violations: PolicyViolation[]; exemptions: readonly CaptureExemption[] },
): string {
    const { violations, exemptions } = verdict;
    const dir = path.join(outDir, stack);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, "dashboards"), { recursive: true });
    const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
    fs.writeFileSync(path.join(dir, "resources.json"), json(resources.map(publicRecord)));
    const dashboards = dashboardsOf(resources);
    for (const d of dashboards) {
        fs.writeFileSync(path.join(dir, "dashboards", `${d.name}.json`), json(d.body));
    }
    fs.writeFileSync(path.join(dir, "dashboards", "index.html"), buildDashboardPreview(stack, dashboards));
    fs.writeFileSync(path.join(dir, "policy.json"), json({ violations }));
    fs.writeFileSync(path.join(dir, "summary.md"), buildSummary(stack, resources, violations, exemptions));
    return dir;
}
