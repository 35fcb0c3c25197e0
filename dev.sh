#!/usr/bin/env bash
# Jarshy developer entry point: `./dev.sh demo` or `./dev.sh test`.
# Sets up everything a fresh Debian machine lacks (Debian packages when run as root,
# a local .venv with the Python packages), then runs the demo or the whole test suite.
set -euo pipefail
cd "$(dirname "$0")"

DEBIAN_PACKAGES=(python3-venv python3-dev chromium xvfb xauth fonts-noto-core fonts-dejavu-core
                 poppler-utils nodejs npm nginx libcairo2)
export JARSHY_TODAY="${JARSHY_TODAY:-2026-11-23}"

setup_debian() {
    command -v apt-get >/dev/null 2>&1 || return 0
    local missing=()
    for p in "${DEBIAN_PACKAGES[@]}"; do
        # npm comes inside NodeSource's nodejs package, which conflicts with Debian's npm.
        [ "$p" = npm ] && command -v npm >/dev/null 2>&1 && continue
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "dev.sh: please install these Debian packages (as root): ${missing[*]}" >&2
        return 0
    fi
    echo "dev.sh: installing Debian packages: ${missing[*]}"
    # Another apt process (unattended upgrades on a new machine) may hold the lock: wait for it.
    apt-get -o DPkg::Lock::Timeout=300 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

setup_python() {
    local py="${PYTHON:-python3}"
    if [ ! -x .venv/bin/python ]; then
        "$py" -m venv .venv
    fi
    local stamp=.venv/.jarshy-installed
    if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
        .venv/bin/python -m pip install -q -e '.[test]'
        touch "$stamp"
    fi
}

cmd="${1:-}"
shift || true
case "$cmd" in
    demo)
        setup_debian
        setup_python
        exec .venv/bin/site-gen demo "$@"
        ;;
    test)
        setup_debian
        setup_python
        .venv/bin/ruff check --output-format concise .
        .venv/bin/mypy
        exec .venv/bin/python -m pytest "$@"
        ;;
    *)
        echo "usage: ./dev.sh demo [--once] | ./dev.sh test [pytest args]" >&2
        exit 2
        ;;
esac
