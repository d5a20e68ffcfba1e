#!/usr/bin/env bash
# The offline policy gate of a pull request. Every stack of the PR (each Pulumi.<stack>.yaml) is
# synthesized by the TARGET branch's synth: judged by its policy/ (and the domain/ the pack imports)
# and its policy/stacks/<stack>.json, so a PR cannot weaken the gate by editing the pack or its
# config. When the PR changes policy/ or domain/, its own pack judges as well; both must pass.
# Needs BASE_REF (the target branch), the history of origin/$BASE_REF (fetch-depth: 0) and
# node_modules installed. Writes each verdict to $GITHUB_STEP_SUMMARY; exits 1 if any failed.
set -euo pipefail
shopt -s nullglob
source "$(dirname "${BASH_SOURCE[0]}")/base-worktree.sh"
base_dir="$root/.policy-base"
out="$root/out/policy-gate"

checkout_base "$base_dir"

# Modules resolve from the PR's node_modules (the base tree has none), so there is one @pulumi/pulumi.
synth_with() {
    (cd "$1" && node -r ts-node/register/transpile-only tools/synth.ts "${@:2}")
}

# One verdict into the job summary; returns synth's exit status.
judge() {
    local label="$1" out_dir="$2" stack="$3" code=0
    shift 3
    "$@" || code=$?
    {
        echo "## Policy gate: \`$stack\` judged by $label (exit $code)"
        if [ -f "$out_dir/$stack/summary.md" ]; then cat "$out_dir/$stack/summary.md"; fi
    } >> "$GITHUB_STEP_SUMMARY"
    return "$code"
}

# The base branch's synth says in its --help whether it can run another program (--program).
base_has_program=false
base_help="$(synth_with "$base_dir" --help 2> /dev/null || true)"
if grep -qF -- "--program <" <<< "$base_help"; then base_has_program=true; fi
pr_changes_pack=false
git diff --quiet "origin/$BASE_REF" -- policy domain || pr_changes_pack=true

if [ "$base_has_program" = false ]; then
    {
        echo "> [!WARNING]"
        echo "> The base branch \`$BASE_REF\` has no \`synth --program\` yet: this pull request's OWN pack judged its stacks,"
        echo "> so a change to policy/ or domain/ here is not checked against the base branch's rules. Review them by hand."
    } >> "$GITHUB_STEP_SUMMARY"
elif [ "$pr_changes_pack" = true ]; then
    {
        echo "> [!NOTE]"
        echo "> This pull request changes policy/ or domain/: its stacks were judged by the base branch's pack AND by its own; both must pass."
    } >> "$GITHUB_STEP_SUMMARY"
fi

status=0
for file in Pulumi.*.yaml; do
    stack="${file#Pulumi.}"
    stack="${stack%.yaml}"
    if [ "$base_has_program" = true ]; then
        judge "the base branch's pack (\`$BASE_REF\`)" "$out/base" "$stack" \
            synth_with "$base_dir" --program "$root/index.ts" --config "$root/$file" --stack "$stack" --out "$out/base" || status=1
    fi
    if [ "$base_has_program" = false ] || [ "$pr_changes_pack" = true ]; then
        judge "this pull request's pack" "$out/pr" "$stack" synth_with "$root" --stack "$stack" --out "$out/pr" || status=1
    fi
done
exit "$status"
