#!/usr/bin/env bash
# Footprint and cost of the kernel on Cortex-M3/M4 under QEMU (see footprint.ts):
#   npm run targets:footprint [-- build-dir]
# Needs `npm run build` first, and wabt, gcc-arm-none-eabi, picolibc-arm-none-eabi, qemu-system-arm.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f build/release.wasm ] || npm run -s asbuild
exec scripts/run-ts.sh scripts/targets/footprint.ts "$@"
