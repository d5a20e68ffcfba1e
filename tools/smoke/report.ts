/** One row of the smoke table: what each check of an endpoint found, and why it failed. */
export interface EndpointReport {
    endpoint: string;
    kind: string;
    /** HTTP status, or the error of the call. */
    status: string;
    latency: string;
    /** Whether the container returned the trace ID in CustomAttributes (reported, not a failure). */
    echo: string;
    capture: string;
    deadLetters: string;
    /** Failed checks; the endpoint passes when there is none. */
    problems: string[];
}

const COLUMNS: [keyof EndpointReport, string][] = [
    ["endpoint", "endpoint"],
    ["kind", "kind"],
    ["status", "status"],
    ["latency", "latency"],
    ["echo", "trace echoed"],
    ["capture", "capture"],
    ["deadLetters", "forwarder queues"],
];

/** The table, one row per endpoint with its result, then each failure on its own line naming its endpoint. */
export function smokeTable(reports: readonly EndpointReport[]): string {
    const rows = reports.map((r) => [...COLUMNS.map(([key]) => String(r[key])), r.problems.length === 0 ? "PASS" : "FAIL"]);
    const header = [...COLUMNS.map(([, title]) => title), "result"];
    const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
    const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(" | ")} |`;
    const failures = reports.flatMap((r) => r.problems.map((p) => `FAIL ${r.endpoint}: ${p}`));
    return [
        line(header),
        line(widths.map((w) => "-".repeat(w))),
        ...rows.map(line),
        ...(failures.length > 0 ? ["", ...failures] : []),
        "",
    ].join("\n");
}
