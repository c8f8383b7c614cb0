#!/usr/bin/env bash
# Make sure the browser tests can run: Debian's chromium and chromium-driver (WebDriver), and a
# font with Cyrillic and Latin for the screenshots. Idempotent: nothing is done when
# /usr/bin/chromium and /usr/bin/chromedriver exist. Writes only to stderr.
#
# ORGNABOR_SKIP_BROWSER=1 skips the install on a developer machine (the browser tests then say
# they were skipped); on CI (CI=true) the browser is always installed.
set -euo pipefail
exec 1>&2

log() { printf 'ensure-browser: %s\n' "$*" >&2; }
die() {
    printf 'ensure-browser: ERROR: %s\n' "$*" >&2
    exit 1
}

if [ "${ORGNABOR_SKIP_BROWSER:-}" = 1 ] && [ "${CI:-}" != true ]; then
    log "ORGNABOR_SKIP_BROWSER=1: not installing Chromium"
    exit 0
fi

have() { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && fc-list 2>/dev/null | grep -qi dejavu; }

if have; then
    log "chromium and chromedriver available"
    exit 0
fi

command -v apt-get >/dev/null 2>&1 ||
    die "apt-get not found: install chromium and chromium-driver yourself, or set ORGNABOR_SKIP_BROWSER=1"

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 ||
        die "installing chromium needs root, but sudo is not installed.
  Run as root: apt-get update && apt-get install -y chromium chromium-driver fonts-dejavu-core"
    SUDO=(sudo)
fi

log "installing chromium, chromium-driver and fonts-dejavu-core (apt-get)"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 update
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=300 \
    --no-install-recommends chromium chromium-driver fonts-dejavu-core fontconfig

have || die "chromium was installed but /usr/bin/chromium or /usr/bin/chromedriver is missing"
log "chromium and chromedriver available"
