#!/usr/bin/env bash
# Prints stacks=["dev","prod",...] to $GITHUB_OUTPUT: every Pulumi.<stack>.yaml of the project.
set -euo pipefail
shopt -s nullglob
stacks=()
for file in Pulumi.*.yaml; do stack="${file#Pulumi.}"; stacks+=("\"${stack%.yaml}\""); done
echo "stacks=[$(IFS=,; echo "${stacks[*]}")]" >> "$GITHUB_OUTPUT"
