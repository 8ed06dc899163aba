#!/usr/bin/env bash
# Longer failover soak: the failover suite with more SIGKILLs (default 100).
# Usage: scripts/soak-failover.sh [kills]
set -euo pipefail
cd "$(dirname "$0")/.."
FAILOVER_KILLS="${1:-100}" npx vitest run --project @wippy/cli apps/runtime/src/failover.test.ts
