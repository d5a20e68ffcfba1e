import type { CaptureExemption } from "../../policy/config";
import { estimateMonitoringCost } from "./monitoringCost";
import { PolicyViolation } from "./policyHook";
import { SynthResource } from "./synthResource";

/**
 * `summary.md`: resource counts by type, the monthly monitoring cost estimate, the violations and,
 * when given (policy/config.ts `activeExemptions`), the exemptions from the mandatory capture rules.
 */
export function buildSummary(
    stack: string,
    resources: SynthResource[],
    violations: PolicyViolation[],
    exemptions?: readonly CaptureExemption[],
): string {
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
        ...(exemptions === undefined ? [] : exemptionLines(exemptions)),
    ];
    return lines.join("\n");
}

/** The exemptions in force: reviewers see every endpoint let off a mandatory capture rule, why, and until when. */
function exemptionLines(exemptions: readonly CaptureExemption[]): string[] {
    const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
    return [
        "## Data Capture exemptions",
        "",
        ...(exemptions.length === 0
            ? ["None."]
            : [
                  "| endpoint | rule | until | reason |",
                  "| --- | --- | --- | --- |",
                  ...exemptions.map((e) => `| ${cell(e.endpoint)} | ${e.rule} | ${e.expires} | ${cell(e.reason)} |`),
              ]),
        "",
    ];
}
