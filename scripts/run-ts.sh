#!/usr/bin/env bash
# Run a TypeScript file once, bundled by esbuild (ships with tsup): scripts/run-ts.sh file.ts [args]
set -euo pipefail
f=$1; shift
out=$(mktemp -d)/run.mjs
# CommonJS dependencies (yaml) call require() for Node built-ins: give the ESM bundle a real require
npx esbuild "$f" --bundle --platform=node --format=esm --log-level=warning \
  --banner:js="import { createRequire as __ebnCreateRequire } from 'node:module'; const require = __ebnCreateRequire(import.meta.url);" \
  --outfile="$out"
node "$out" "$@"
