#!/usr/bin/env bash
# Prints file=<path> to $GITHUB_OUTPUT: the pack config a stack is checked with, the same choice as
# the offline synth makes: policy/stacks/$STACK.json, else an empty config (the pack's defaults).
set -euo pipefail
file="policy/stacks/$STACK.json"
if [ ! -f "$file" ]; then
  file="$RUNNER_TEMP/policy-defaults.json"
  echo "{}" > "$file"
fi
echo "file=$file" >> "$GITHUB_OUTPUT"
