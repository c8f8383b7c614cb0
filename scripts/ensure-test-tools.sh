#!/usr/bin/env bash
# Make sure the extra tools the test-suite needs are installed (Debian/Ubuntu).
#
# Currently: Debian's python3-aiosmtpd, used by scripts/smtp_sink.py (started by the
# e-mail test as `/usr/bin/python3 scripts/smtp_sink.py ...`). Installing it also brings
# /usr/bin/python3, independent of any pyenv/venv python on PATH.
#
# Idempotent; if `/usr/bin/python3 -c 'import aiosmtpd'` already works nothing is done.
# Writes only to stderr.
set -euo pipefail
exec 1>&2

log() { printf 'ensure-test-tools: %s\n' "$*" >&2; }
die() {
    printf 'ensure-test-tools: ERROR: %s\n' "$*" >&2
    exit 1
}

PY=/usr/bin/python3

if [ -x "$PY" ] && "$PY" -c 'import aiosmtpd' >/dev/null 2>&1; then
    log "aiosmtpd available for $PY"
    exit 0
fi

command -v apt-get >/dev/null 2>&1 ||
    die "apt-get not found: please install Python's aiosmtpd for $PY yourself
  (the e-mail test runs '$PY scripts/smtp_sink.py')."

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 ||
        die "python3-aiosmtpd is missing and installing it needs root, but sudo is not installed.
  Run as root: apt-get update && apt-get install -y python3-aiosmtpd"
    SUDO=(sudo)
fi

log "installing python3-aiosmtpd (apt-get)"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 update
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=300 \
    --no-install-recommends python3-aiosmtpd

"$PY" -c 'import aiosmtpd' ||
    die "python3-aiosmtpd was installed but '$PY -c \"import aiosmtpd\"' still fails"
log "aiosmtpd available for $PY"
