# Sourced by policy-gate.sh and dashboard-diff.sh: checks out origin/$BASE_REF, detached, at the
# folder given, and removes it when the calling script exits. Needs BASE_REF and the history of
# origin/$BASE_REF (fetch-depth: 0). Sets root (the repository) for the caller.
: "${BASE_REF:?BASE_REF must name the target branch}"
root="$PWD"

checkout_base() {
    local dir="$1"
    git worktree remove --force "$dir" 2> /dev/null || rm -rf "$dir"
    git worktree add --quiet --detach "$dir" "origin/$BASE_REF"
    # shellcheck disable=SC2064 # the folder is fixed now, on purpose
    trap "git -C '$root' worktree remove --force '$dir'" EXIT
}
