#!/usr/bin/env bash
# Run a TypeScript file once, bundled by esbuild (ships with tsup): scripts/run-ts.sh file.ts [args]
set -euo pipefail
f=$1; shift
out=$(mktemp -d)/run.mjs
npx esbuild "$f" --bundle --platform=node --format=esm --log-level=warning --outfile="$out"
node "$out" "$@"
