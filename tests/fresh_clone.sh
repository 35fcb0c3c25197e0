#!/usr/bin/env bash
# A fresh-machine run: clone this repo's HEAD into an empty folder and run the README's two
# commands there, each under a timeout:
#   ./dev.sh demo --once   (check, build the example site, render the screen previews, exit)
#   ./dev.sh test          (ruff, mypy --strict, the whole test suite)
# Only what is committed is tested: uncommitted changes in this working tree are not cloned.
#
# Called by .ci/run after the tests. JARSHY_FRESH_CLONE=1 is set for the inner runs, so a
# test run inside the clone does not start another clone (and running this script with it set
# does nothing). The clone reuses this machine's pip and npm caches, so packages are not
# downloaded again; its own .venv is still made from scratch, as on a new machine.
#
# Settings (environment): JARSHY_FRESH_DEMO_TIMEOUT (s, default 900),
# JARSHY_FRESH_TEST_TIMEOUT (s, default 3600), JARSHY_FRESH_KEEP=1 keeps the folder,
# JARSHY_FRESH_REPORT=FILE appends a Markdown table row per step to FILE.
set -euo pipefail

if [ "${JARSHY_FRESH_CLONE:-}" = "1" ]; then
    echo "fresh_clone.sh: already inside a fresh-clone run; not cloning again"
    exit 0
fi
export JARSHY_FRESH_CLONE=1

repo="$(cd "$(dirname "$0")/.." && pwd)"
head="$(git -C "$repo" rev-parse HEAD)"
demo_timeout="${JARSHY_FRESH_DEMO_TIMEOUT:-900}"
test_timeout="${JARSHY_FRESH_TEST_TIMEOUT:-3600}"

# Reuse the outer caches (pip's wheels, npm's tarballs) so the run stays fast.
export PIP_CACHE_DIR="${PIP_CACHE_DIR:-$("$repo/.venv/bin/python" -m pip cache dir 2>/dev/null || echo "$HOME/.cache/pip")}"
export npm_config_cache="${npm_config_cache:-$HOME/.npm}"
export PIP_DISABLE_PIP_VERSION_CHECK=1

work="$(mktemp -d "${TMPDIR:-/tmp}/jarshy-fresh-clone.XXXXXX")"
cleanup() {
    if [ "${JARSHY_FRESH_KEEP:-}" = "1" ]; then
        echo "fresh_clone.sh: kept $work"
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

echo "fresh_clone.sh: cloning $repo at ${head:0:12} into $work/jarshy"
git clone --quiet --no-local "$repo" "$work/jarshy"
git -C "$work/jarshy" checkout --quiet --detach "$head"
cd "$work/jarshy"
[ -z "$(ls -A .venv 2>/dev/null)" ] || { echo "fresh_clone.sh: the clone has a .venv" >&2; exit 1; }

failed=0
run_step() {  # name, timeout, command...
    local name="$1" limit="$2"
    shift 2
    local started=$SECONDS code=0
    echo "fresh_clone.sh: [$name] $* (timeout ${limit}s)"
    timeout --kill-after=30 "$limit" "$@" >"$work/$name.log" 2>&1 || code=$?
    local took=$((SECONDS - started))
    local verdict="ok"
    if [ "$code" -eq 124 ] || [ "$code" -eq 137 ]; then
        verdict="timed out after ${limit}s"
    elif [ "$code" -ne 0 ]; then
        verdict="failed (exit $code)"
    fi
    echo "fresh_clone.sh: [$name] $verdict in ${took}s; last lines of its output:"
    tail -n 15 "$work/$name.log" | sed 's/^/    /'
    if [ -n "${JARSHY_FRESH_REPORT:-}" ]; then
        echo "| \`$*\` | $verdict | ${took} s |" >>"$JARSHY_FRESH_REPORT"
    fi
    [ "$verdict" = "ok" ] || failed=1
}

marker="$work/started"
touch "$marker"
run_step demo "$demo_timeout" ./dev.sh demo --once
previews="$(find build/preview -name '*.png' -newer "$marker" 2>/dev/null | wc -l)"
echo "fresh_clone.sh: [demo] $previews preview PNG files written under build/preview/"
if [ "$previews" -eq 0 ]; then
    echo "fresh_clone.sh: [demo] no preview PNG was rendered" >&2
    failed=1
fi
if [ -n "${JARSHY_FRESH_REPORT:-}" ]; then
    echo "| preview PNGs from the demo | $previews | |" >>"$JARSHY_FRESH_REPORT"
fi
run_step test "$test_timeout" ./dev.sh test

if [ "$failed" -ne 0 ]; then
    echo "fresh_clone.sh: FAILED on a fresh clone of ${head:0:12} (logs in $work unless removed)" >&2
    JARSHY_FRESH_KEEP="${JARSHY_FRESH_KEEP:-1}"  # keep the logs of a failure
    exit 1
fi
echo "fresh_clone.sh: both README commands work on a fresh clone of ${head:0:12}"
