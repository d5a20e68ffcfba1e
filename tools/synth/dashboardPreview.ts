/** `dashboards/index.html`: a self-contained page listing every generated dashboard body, for offline review. */
export function buildDashboardPreview(stack: string, dashboards: { name: string; body: unknown }[]): string {
    const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    const sections = dashboards.map(
        (d) => `<section id="${escape(d.name)}"><h2>${escape(d.name)}</h2><pre>${escape(JSON.stringify(d.body, null, 2))}</pre></section>`,
    );
    return [
        "<!doctype html>",
        `<html lang="en"><head><meta charset="utf-8"><title>Dashboards: ${escape(stack)}</title></head>`,
        `<body><h1>Dashboards of stack ${escape(stack)}</h1>`,
        dashboards.length === 0 ? "<p>This stack declares no dashboards.</p>" : sections.join("\n"),
        "</body></html>",
        "",
    ].join("\n");
}
