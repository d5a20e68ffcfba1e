import { estimateMonitoringCost } from "./monitoringCost";
import { PolicyViolation } from "./policyHook";
import { SynthResource } from "./synthResource";

/** `summary.md`: resource counts by type, the monthly monitoring cost estimate, the violations. */
export function buildSummary(stack: string, resources: SynthResource[], violations: PolicyViolation[]): string {
    const counts = new Map<string, number>();
    for (const r of resources) {
        counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    }
    const cost = estimateMonitoringCost(resources);
    const lines = [
        `# Offline synth: stack \`${stack}\``,
        "",
        `${resources.length} resources.`,
        "",
        "| type | count |",
        "| --- | ---: |",
        ...[...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([type, n]) => `| \`${type}\` | ${n} |`),
        "",
        "## Monthly monitoring cost estimate (USD, us-east-1 list prices, free tiers ignored)",
        "",
        "| item | count | unit | monthly |",
        "| --- | ---: | ---: | ---: |",
        ...cost.lines.map((l) => `| ${l.item} | ${l.count} | ${l.unitUsd.toFixed(2)} | ${l.monthlyUsd.toFixed(2)} |`),
        `| **total** | | | **${cost.totalUsd.toFixed(2)}** |`,
        "",
        "## Policy violations",
        "",
        ...(violations.length === 0
            ? ["None."]
            : [
                  "| policy | enforcement | resource | message |",
                  "| --- | --- | --- | --- |",
                  ...violations.map(
                      (v) =>
                          `| ${v.policy} | ${v.enforcementLevel} | \`${v.type}\` ${v.name} | ${v.message.replace(/\|/g, "\\|").replace(/\n/g, " ")} |`,
                  ),
              ]),
        "",
    ];
    return lines.join("\n");
}
