#!/usr/bin/env bash
# Usage: dashboard-widget-diff.sh <base dashboards dir> <head dashboards dir> <stack>
# Prints markdown: for each dashboard body (<name>.json) added, removed or changed between the two
# synth outputs, its widget list (type, place, title, then each query) as a unified diff.
set -euo pipefail
shopt -s nullglob
base="$1" head="$2" stack="$3"

# One line per widget, then its queries indented: what a reviewer compares, without JSON noise.
widget_list() {
    node -e '
        const body = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        for (const w of body.widgets ?? []) {
            const p = w.properties ?? {};
            const title = w.type === "text" ? (p.markdown ?? "").split("\n")[0].replace(/^#+\s*/, "") : p.title;
            console.log(`${w.type} ${w.x},${w.y} ${w.width}x${w.height} ${title}`);
            for (const m of p.metrics ?? []) console.log(`    ${m.length === 1 ? `${m[0].id} = ${m[0].expression}` : m.filter((x) => typeof x === "string").join(" ")}`);
            for (const a of p.annotations?.horizontal ?? []) console.log(`    threshold ${a.value} ${a.label ?? ""}`);
            for (const arn of p.alarms ?? []) console.log(`    alarm ${arn.slice(arn.lastIndexOf(":") + 1)}`);
            if (p.query !== undefined) console.log(`    ${p.query}`);
        }' "$1"
}

names=()
for file in "$base"/*.json "$head"/*.json; do names+=("$(basename "$file" .json)"); done
changed=0
echo "## Dashboard changes: \`$stack\`"
echo
for name in $(printf '%s\n' "${names[@]}" | sort -u); do
    before="" after="" what="changed"
    if [ -f "$base/$name.json" ]; then before="$(widget_list "$base/$name.json")"; else what="added"; fi
    if [ -f "$head/$name.json" ]; then after="$(widget_list "$head/$name.json")"; else what="removed"; fi
    if [ "$before" = "$after" ]; then continue; fi
    changed=$((changed + 1))
    echo "### \`$name\` ($what)"
    echo
    echo '```diff'
    diff -U 1000 --label base --label head <(printf '%s' "$before${before:+$'\n'}") <(printf '%s' "$after${after:+$'\n'}") || true
    echo '```'
    echo
done
if [ "$changed" -eq 0 ]; then
    echo "No dashboard changes."
    echo
fi
