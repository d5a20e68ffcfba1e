#!/usr/bin/env bash
# Posts each changed dashboard's widget list, as a diff against the target branch, to the job
# summary: every stack (each Pulumi.<stack>.yaml) is synthesized by the target branch's program and
# stack file and by this pull request's, and dashboard-widget-diff.sh compares their dashboards/.
# Needs BASE_REF, the history of origin/$BASE_REF (fetch-depth: 0) and node_modules installed.
# Informational: a synth that fails here is reported and does not fail the job (the gate judges).
set -euo pipefail
shopt -s nullglob
source "$(dirname "${BASH_SOURCE[0]}")/base-worktree.sh"
base_dir="$root/.dashboards-base"
out="$root/out/dashboard-diff"
summary="${GITHUB_STEP_SUMMARY:-/dev/stdout}"

checkout_base "$base_dir"

# Modules resolve from the PR's node_modules (the base tree has none).
synth_with() {
    (cd "$1" && node -r ts-node/register/transpile-only tools/synth.ts "${@:2}") > /dev/null 2>&1 || true
}

for file in Pulumi.*.yaml; do
    stack="${file#Pulumi.}"
    stack="${stack%.yaml}"
    mkdir -p "$out/base/$stack/dashboards" "$out/head/$stack/dashboards"
    if [ -f "$base_dir/$file" ]; then synth_with "$base_dir" --stack "$stack" --out "$out/base"; fi
    synth_with "$root" --stack "$stack" --out "$out/head"
    mkdir -p "$out/base/$stack/dashboards" "$out/head/$stack/dashboards"
    bash "$root/.github/scripts/dashboard-widget-diff.sh" "$out/base/$stack/dashboards" "$out/head/$stack/dashboards" "$stack" >> "$summary"
done
