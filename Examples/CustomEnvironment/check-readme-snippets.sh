#!/usr/bin/env bash
# Checks that every code block the README marks with `<!-- snippet: PATH -->` (on the line
# before its opening fence) is the file PATH, line for line, so the README's code is exactly
# the code CI builds and runs. Prints the difference and exits 1 when one has drifted.
#
#   Examples/CustomEnvironment/check-readme-snippets.sh [README.md]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
readme="${1:-$root/README.md}"

paths="$(sed -n 's/^<!-- snippet: \(.*\) -->$/\1/p' "$readme")"
if [[ -z "$paths" ]]; then
    echo "check-readme-snippets: $readme marks no code block with <!-- snippet: PATH -->" >&2
    exit 1
fi

status=0
while IFS= read -r path; do
    if [[ ! -f "$root/$path" ]]; then
        echo "check-readme-snippets: $readme names $path, which does not exist" >&2
        status=1
        continue
    fi
    # The lines between the fence that follows the marker and the closing fence.
    block="$(awk -v marker="<!-- snippet: $path -->" '
        state == 0 && $0 == marker { state = 1; next }
        state == 1 && /^```/ { state = 2; next }
        state == 2 && /^```[[:space:]]*$/ { exit }
        state == 2 { print }
    ' "$readme")"
    if diff -u --label "README.md, the block marked $path" --label "$path" \
        <(printf '%s\n' "$block") "$root/$path"; then
        echo "check-readme-snippets: README.md's block is $path, line for line"
    else
        echo "check-readme-snippets: README.md's block marked $path differs from the file (diff above)" >&2
        status=1
    fi
done <<< "$paths"
exit "$status"
