#!/usr/bin/env bash
# Print imapwatch's man page (mdoc, section 1), generated from the binary's ArgumentParser command tree by
# swift-argument-parser's generate-manual tool (the tool behind its `generate-manual` package plugin, built here
# directly: the plugin would rebuild every product, benchmarks included, in release). Checks that every
# subcommand and every long option the binary knows is in the page.
#
# Usage: bash scripts/man-page.sh IMAPWATCH_BINARY > imapwatch.1     (date: SOURCE_DATE_EPOCH, else today)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
binary="$1"

tool="$(bash scripts/build-release.sh generate-manual)/generate-manual"
date=$(date -u -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}" +%F)

# generate-manual leaves an empty line between paragraphs of a discussion, which mdoc warns about: use .Pp.
page=$("$tool" "$binary" --output-directory - --date "$date" | sed 's/^$/.Pp/')

"$binary" --experimental-dump-help | python3 -c '
import json, re, sys
page = sys.argv[1]
missing = []
def walk(command, path):
    if path and not re.search(r"\b" + re.escape(command["commandName"]) + r"\b", page):
        missing.append(" ".join(path))
    for argument in command.get("arguments", []):
        for name in argument.get("names", []):
            if name["kind"] == "long" and not re.search(r"(?<![\w-])-" + re.escape(name["name"]) + r"\b", page):
                missing.append(" ".join(path + ["--" + name["name"]]))
    for sub in command.get("subcommands", []):
        walk(sub, path + [sub["commandName"]])
walk(json.load(sys.stdin)["command"], [])
if missing:
    sys.exit("man-page: not in the page: " + ", ".join(missing))
' "$page"

printf '%s\n' "$page"
