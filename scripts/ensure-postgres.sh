#!/usr/bin/env bash
# Make sure a local PostgreSQL is available for Orgnabor and print how to reach it.
#
# Usage:   eval "$(scripts/ensure-postgres.sh)"
#
# stdout:  exactly one line, `export DATABASE_URL=...` (nothing else, ever)
# stderr:  progress and error messages
#
# Two database roles (README "Database roles"): DATABASE_URL names the *owner* role, which runs
# the migrations and owns every table; `orgnabor serve` connects as the *runtime* role
# (ORGNABOR__DATABASE__RUNTIME_USER / ORGNABOR__DATABASE__RUNTIME_PASSWORD, default
# `orgnabor_app` / `orgnabor_app`) to the same server and database. `orgnabor migrate` grants the
# runtime role its privileges; this script only makes sure the role exists and can log in.
#
# Behaviour:
#   * DATABASE_URL already set: it is checked with `psql "$DATABASE_URL" -Atc 'select 1'`.
#     Unreachable -> error, exit 1 (the user's choice is never silently replaced).
#     Reachable -> nothing is installed; the runtime role is checked by logging in with its
#     credentials to the same server and database. If that fails it is created (or its password
#     reset) by the DATABASE_URL role when that role has CREATEROLE, else by the local `postgres`
#     superuser when DATABASE_URL points at a cluster on this machine and we are root or have sudo,
#     else the script stops and says what to run. DATABASE_URL is printed back unchanged.
#   * Otherwise (Debian/Ubuntu): installs postgresql, postgresql-client and libpq-dev with
#     apt-get if anything is missing, makes sure a cluster exists and is running, creates the
#     login role `orgnabor` (password `orgnabor`, CREATEDB) and the database `orgnabor`
#     owned by it, creates the runtime role, checks password login over TCP on 127.0.0.1 and prints
#     export DATABASE_URL=postgres://orgnabor:orgnabor@127.0.0.1:<port>/orgnabor
#
# The owner role is made a member of the runtime role (never the other way round): it can then
# end the application's sessions, which `DROP DATABASE ... WITH (FORCE)` of a test database needs.
# The runtime role gets no attribute beyond LOGIN.
#
# Idempotent: running it again only re-checks (and starts the cluster if it went down).
set -euo pipefail

# Everything this script (and every command it runs) writes to stdout goes to stderr;
# the single result line is written to fd 3, the original stdout.
exec 3>&1 1>&2

DB_USER=orgnabor
DB_PASSWORD=orgnabor
DB_NAME=orgnabor
RUNTIME_USER=${ORGNABOR__DATABASE__RUNTIME_USER:-orgnabor_app}
RUNTIME_PASSWORD=${ORGNABOR__DATABASE__RUNTIME_PASSWORD:-orgnabor_app}
READY_TIMEOUT_SECS=30

log() { printf 'ensure-postgres: %s\n' "$*" >&2; }
die() {
    printf 'ensure-postgres: ERROR: %s\n' "$*" >&2
    exit 1
}

emit_url() {
    printf 'export DATABASE_URL=%q\n' "$1" >&3
}

# --- privilege helpers -------------------------------------------------------------------

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=(sudo)
    else
        SUDO=(__no_sudo__)
    fi
fi

# Run "$@" with every file descriptor above 2 closed. Anything that may start the
# PostgreSQL server (pg_ctlcluster, apt-get postinst scripts) goes through this: the daemon
# would otherwise inherit fd 3 (our real stdout) or a CI runner's pipes and keep them open
# forever, so `$(scripts/ensure-postgres.sh)` or the CI job would never see EOF.
run_closefds() {
    (
        if [ -d "/proc/$BASHPID/fd" ]; then
            for fd in "/proc/$BASHPID/fd/"*; do
                fd=${fd##*/}
                if [[ "$fd" =~ ^[0-9]+$ ]] && [ "$fd" -gt 2 ]; then
                    eval "exec ${fd}>&-" 2>/dev/null || true
                fi
            done
        else
            exec 3>&-
        fi
        exec "$@"
    )
}

as_root() {
    if [ "${SUDO[0]:-}" = "__no_sudo__" ]; then
        die "need root privileges to run '$*' but you are not root and sudo is not installed.
  Run this as root, install sudo, or start PostgreSQL yourself and set DATABASE_URL."
    fi
    run_closefds "${SUDO[@]}" "$@"
}

# Run a command as the `postgres` OS user (from a directory it can read).
as_postgres() {
    if [ "$(id -un)" = "postgres" ]; then
        (cd / && "$@")
    elif [ "$(id -u)" -eq 0 ] && command -v runuser >/dev/null 2>&1; then
        (cd / && runuser -u postgres -- "$@")
    elif [ "$(id -u)" -eq 0 ]; then
        (cd / && su postgres -s /bin/sh -c "$(printf '%q ' "$@")")
    elif [ "${SUDO[0]:-}" = "sudo" ]; then
        (cd / && sudo -u postgres -- "$@")
    else
        die "need to run '$*' as the postgres user, but you are not root and sudo is not installed."
    fi
}

apt_install() {
    command -v apt-get >/dev/null 2>&1 ||
        die "apt-get not found: this script only knows how to install PostgreSQL on Debian/Ubuntu.
  Install PostgreSQL and libpq (headers + library) yourself, create a database, and set
  DATABASE_URL=postgres://user:password@host:port/dbname before running make."
    local apt_opts=(-y -q -o DPkg::Lock::Timeout=300)
    log "running apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 update
    log "running apt-get install $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install "${apt_opts[@]}" \
        --no-install-recommends "$@"
}

have_libpq_dev() {
    [ -e /usr/include/postgresql/libpq-fe.h ] && command -v pg_config >/dev/null 2>&1
}

psql_check() { # psql_check URL -> succeeds when `select 1` works
    PGCONNECT_TIMEOUT=5 psql "$1" -X -Atc 'select 1' </dev/null >/dev/null 2>&1
}

psql_error() { # psql_error URL -> the error message of a failing login
    PGCONNECT_TIMEOUT=5 psql "$1" -X -Atc 'select 1' </dev/null 2>&1 || true
}

urlencode() { # percent-encodes everything but RFC 3986 unreserved characters
    local s=$1 out='' c i
    for ((i = 0; i < ${#s}; i++)); do
        c=${s:i:1}
        case "$c" in
            [A-Za-z0-9._~-]) out+=$c ;;
            *) out+=$(printf '%%%02X' "'$c") ;;
        esac
    done
    printf '%s' "$out"
}

# The runtime role's connection: the owner's URL with the runtime credentials in place of the
# owner's (the same rule as `DatabaseSettings::runtime_url` in src/config.rs).
runtime_url_for() {
    local url=$1
    if [[ "$url" =~ ^(postgres(ql)?://)([^/?#]*@)?(.*)$ ]]; then
        printf '%s%s:%s@%s' "${BASH_REMATCH[1]}" "$(urlencode "$RUNTIME_USER")" \
            "$(urlencode "$RUNTIME_PASSWORD")" "${BASH_REMATCH[4]}"
    else # key=value connection string: later keywords win
        printf "%s user='%s' password='%s'" "$url" "${RUNTIME_USER//\'/\\\'}" "${RUNTIME_PASSWORD//\'/\\\'}"
    fi
}

# SQL (for psql with -v role=... -v pw=... -v owner=...) that creates the runtime role or resets
# its password, and makes the owner a member of it. Idempotent.
RUNTIME_ROLE_SQL=$(
    cat <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'pw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'role', :'pw') \gexec
SELECT format('GRANT %I TO %I', :'role', :'owner')
 WHERE NOT pg_has_role(:'owner', :'role', 'MEMBER') \gexec
SQL
)

# Succeeds when the runtime role can log in and the owner (the role of URL $1) is a member of it.
runtime_role_ready() {
    psql_check "$(runtime_url_for "$1")" || return 1
    local member
    member=$(PGCONNECT_TIMEOUT=5 psql "$1" -X -At -v role="$RUNTIME_USER" 2>/dev/null <<'SQL' || true
SELECT coalesce((SELECT pg_has_role(current_user, oid, 'MEMBER') FROM pg_roles WHERE rolname = :'role'), false);
SQL
    )
    [ "$member" = "t" ]
}

# Creates the runtime role through the owner's own connection, when it may create roles.
runtime_role_by_owner() {
    local url=$1 can
    can=$(PGCONNECT_TIMEOUT=5 psql "$url" -X -Atc \
        'select rolcreaterole or rolsuper from pg_roles where rolname = current_user' </dev/null 2>/dev/null || true)
    [ "$can" = "t" ] || return 1
    log "creating/updating runtime role $RUNTIME_USER as $(psql "$url" -X -Atc 'select current_user' </dev/null)"
    printf '%s\n' "$RUNTIME_ROLE_SQL" | PGCONNECT_TIMEOUT=5 psql "$url" -X -q -v ON_ERROR_STOP=1 \
        -v role="$RUNTIME_USER" -v pw="$RUNTIME_PASSWORD" -v owner="$(psql "$url" -X -Atc 'select current_user' </dev/null)" >/dev/null
}

# Creates the runtime role as the local postgres superuser on port $2; $3 is the owner role.
runtime_role_by_superuser() {
    local port=$1 owner=$2
    log "creating/updating runtime role $RUNTIME_USER (member role: $owner) as the postgres superuser"
    printf '%s\n' "$RUNTIME_ROLE_SQL" | as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres \
        -v role="$RUNTIME_USER" -v pw="$RUNTIME_PASSWORD" -v owner="$owner" >/dev/null
}

# --- 1. DATABASE_URL given by the user -------------------------------------------------------

if [ -n "${DATABASE_URL:-}" ]; then
    if ! command -v psql >/dev/null 2>&1; then
        die "DATABASE_URL is set, but psql is not installed, so it cannot be checked.
  Install the client (e.g. apt-get install -y postgresql-client libpq-dev),
  or unset DATABASE_URL to let this script set up a local PostgreSQL."
    fi
    if psql_check "$DATABASE_URL"; then
        log "using DATABASE_URL from the environment (connection OK)"
        if ! have_libpq_dev; then
            log "WARNING: libpq development files (libpq-dev) look missing; building the Rust code" \
                "needs them (apt-get install -y libpq-dev)."
        fi
        if runtime_role_ready "$DATABASE_URL"; then
            log "runtime role $RUNTIME_USER can log in"
        elif runtime_role_by_owner "$DATABASE_URL"; then
            :
        else
            # A cluster on this machine: the postgres superuser can do it (root or sudo needed).
            where=$(PGCONNECT_TIMEOUT=5 psql "$DATABASE_URL" -X -At -F ' ' -c \
                "select coalesce(host(inet_server_addr()), 'socket'), current_setting('port'), current_user" \
                </dev/null 2>/dev/null || true)
            read -r srv_addr srv_port srv_owner <<<"$where"
            local_port=""
            if [[ "$srv_addr" =~ ^(socket|127\.0\.0\.1|::1)$ ]] && command -v pg_lsclusters >/dev/null 2>&1; then
                local_port=$(pg_lsclusters -h 2>/dev/null | awk -v p="$srv_port" '$3 == p && $4 ~ /^online/ {print $3; exit}')
            fi
            if [ -n "$local_port" ] && { [ "$(id -u)" -eq 0 ] || [ "${SUDO[0]:-}" = "sudo" ]; }; then
                runtime_role_by_superuser "$local_port" "$srv_owner"
            else
                die "the runtime role $RUNTIME_USER cannot log in to DATABASE_URL's database, and this script
  cannot create it (DATABASE_URL's role has no CREATEROLE and the server is not a local cluster
  this script may administer). Create it as an administrator of that server:
    CREATE ROLE $RUNTIME_USER LOGIN PASSWORD '<password>';
    GRANT $RUNTIME_USER TO <the DATABASE_URL role>;
  and pass the password as ORGNABOR__DATABASE__RUNTIME_PASSWORD (the role name as
  ORGNABOR__DATABASE__RUNTIME_USER). \`orgnabor migrate\` grants its privileges."
            fi
        fi
        if ! runtime_role_ready "$DATABASE_URL"; then
            die "the runtime role $RUNTIME_USER still cannot log in (or the DATABASE_URL role is not a member of it):
  $(psql_error "$(runtime_url_for "$DATABASE_URL")")"
        fi
        emit_url "$DATABASE_URL"
        exit 0
    fi
    # Show the real error once.
    err=$(PGCONNECT_TIMEOUT=5 psql "$DATABASE_URL" -X -Atc 'select 1' </dev/null 2>&1 || true)
    die "DATABASE_URL is set but the database is not reachable:
  ${err}
  Fix the server/URL, or unset DATABASE_URL to let this script set up a local PostgreSQL
  (e.g. 'unset DATABASE_URL; make ...')."
fi

# --- 2. packages ---------------------------------------------------------------------------------

server_installed() {
    compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null
}

# Only install what is missing: `apt-get install` of an already installed package would
# upgrade it (and possibly restart a running server).
missing=()
pkgs=()
add_pkg() {
    local p
    for p in "${pkgs[@]}"; do [ "$p" = "$1" ] && return 0; done
    pkgs+=("$1")
}
if ! server_installed; then missing+=("postgres server"); add_pkg postgresql; fi
for cmd in pg_lsclusters pg_ctlcluster pg_createcluster; do
    if ! command -v "$cmd" >/dev/null 2>&1; then missing+=("$cmd"); add_pkg postgresql; fi
done
for cmd in psql pg_isready; do
    if ! command -v "$cmd" >/dev/null 2>&1; then missing+=("$cmd"); add_pkg postgresql-client; fi
done
if ! have_libpq_dev; then missing+=("libpq-dev"); add_pkg libpq-dev; fi

if [ "${#missing[@]}" -gt 0 ]; then
    log "missing: ${missing[*]}"
    apt_install "${pkgs[@]}"
    hash -r
    server_installed || die "PostgreSQL server binaries still not found after installing packages"
    for cmd in pg_lsclusters pg_ctlcluster pg_createcluster psql pg_isready; do
        command -v "$cmd" >/dev/null 2>&1 || die "$cmd still not found after installing packages"
    done
    have_libpq_dev || die "libpq-dev files still not found after installing packages"
else
    log "PostgreSQL packages already installed"
fi

# --- 3. cluster --------------------------------------------------------------------------------

# pg_lsclusters -h: "<ver> <name> <port> <status> <owner> <datadir> <logfile>"
pick_cluster() {
    # Prefer an online cluster; otherwise the highest version. Prints "ver name port status".
    pg_lsclusters -h 2>/dev/null |
        awk '{ online = ($4 ~ /^online/) ? 1 : 0; print online, $1, $2, $3, $4 }' |
        sort -k1,1nr -k2,2Vr |
        head -n1 |
        cut -d' ' -f2-
}

cluster=$(pick_cluster)
if [ -z "$cluster" ]; then
    version=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/postgres' 2>/dev/null |
        awk -F/ '{print $5}' | sort -V | tail -n1)
    [ -n "$version" ] || die "no PostgreSQL server version found under /usr/lib/postgresql"
    locale_opt=()
    if locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then
        locale_opt=(--locale=C.UTF-8)
    fi
    log "no PostgreSQL cluster found; creating cluster $version/main"
    as_root pg_createcluster "${locale_opt[@]}" --encoding=UTF8 "$version" main
    cluster=$(pick_cluster)
    [ -n "$cluster" ] || die "pg_createcluster did not produce a cluster (see messages above)"
fi

read -r PG_VERSION PG_CLUSTER PG_PORT PG_STATUS <<<"$cluster"
log "using cluster $PG_VERSION/$PG_CLUSTER on port $PG_PORT (status: $PG_STATUS)"

if [[ "$PG_STATUS" != online* ]]; then
    log "starting cluster $PG_VERSION/$PG_CLUSTER"
    if ! out=$(as_root pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start 2>&1); then
        if printf '%s' "$out" | grep -qi 'already running'; then
            log "cluster already running"
        else
            printf '%s\n' "$out" >&2
            logfile=$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1==v && $2==c {print $7}')
            if [ -n "$logfile" ] && [ -r "$logfile" ]; then
                log "last lines of $logfile:"
                tail -n 20 "$logfile" >&2 || true
            fi
            die "could not start PostgreSQL cluster $PG_VERSION/$PG_CLUSTER"
        fi
    elif [ -n "$out" ]; then
        printf '%s\n' "$out" >&2
    fi
fi

log "waiting for PostgreSQL to accept connections on 127.0.0.1:$PG_PORT"
deadline=$((SECONDS + READY_TIMEOUT_SECS))
until pg_isready -q -h 127.0.0.1 -p "$PG_PORT" -t 2; do
    if [ "$SECONDS" -ge "$deadline" ]; then
        pg_isready -h 127.0.0.1 -p "$PG_PORT" -t 2 >&2 || true
        die "PostgreSQL did not accept connections on 127.0.0.1:$PG_PORT within ${READY_TIMEOUT_SECS}s
  (see /var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log)"
    fi
    sleep 0.5
done
URL="postgres://${DB_USER}:${DB_PASSWORD}@127.0.0.1:${PG_PORT}/${DB_NAME}"

# Fast path (also works for a non-root user without sudo): role and database already set up.
createdb_ok=$(PGCONNECT_TIMEOUT=5 psql "$URL" -X -Atc \
    'select rolcreatedb from pg_roles where rolname = current_user' </dev/null 2>/dev/null || true)
if [ "$createdb_ok" = "t" ] && runtime_role_ready "$URL"; then
    log "roles $DB_USER and $RUNTIME_USER and database $DB_NAME already set up"
    log "PostgreSQL ready: $URL"
    emit_url "$URL"
    exit 0
fi

# Unix socket too (role/database setup goes through it as the postgres superuser).
until as_postgres pg_isready -q -p "$PG_PORT" -t 2; do
    [ "$SECONDS" -lt "$deadline" ] || die "PostgreSQL unix socket not ready on port $PG_PORT"
    sleep 0.5
done

# --- 4. role and database -------------------------------------------------------------------

pg_super() { # run SQL as the postgres superuser; extra args are passed to psql
    as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres "$@"
}

role_exists=$(pg_super -Atc "select 1 from pg_roles where rolname = '${DB_USER}'")
if [ "$role_exists" != "1" ]; then
    log "creating role $DB_USER"
    pg_super -c "create role \"${DB_USER}\" with login createdb password '${DB_PASSWORD}'"
else
    # Keep the attributes the app and test-suite rely on (cheap, idempotent).
    pg_super -c "alter role \"${DB_USER}\" with login createdb password '${DB_PASSWORD}'"
fi

db_exists=$(pg_super -Atc "select 1 from pg_database where datname = '${DB_NAME}'")
if [ "$db_exists" != "1" ]; then
    log "creating database $DB_NAME"
    tmpl_enc=$(pg_super -Atc "select pg_encoding_to_char(encoding) from pg_database where datname = 'template1'")
    if [ "$tmpl_enc" = "UTF8" ]; then
        pg_super -c "create database \"${DB_NAME}\" owner \"${DB_USER}\""
    else
        # Cluster default is not UTF-8 (e.g. created with LANG unset): force UTF-8.
        pg_super -c "create database \"${DB_NAME}\" owner \"${DB_USER}\" template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'"
    fi
fi

runtime_role_by_superuser "$PG_PORT" "$DB_USER"

# --- 5. verify password login over TCP --------------------------------------------------------

ensure_tcp_login() { # ensure_tcp_login ROLE URL
    local role=$1 url=$2
    psql_check "$url" && return 0
    log "password login over TCP failed; adding a pg_hba.conf rule for $role on 127.0.0.1"
    hba_file=$(pg_super -Atc 'show hba_file')
    rule="host    all             ${role}        127.0.0.1/32            scram-sha-256"
    if ! as_root grep -qF "$rule" "$hba_file"; then
        tmp=$(mktemp)
        {
            echo "# added by orgnabor scripts/ensure-postgres.sh"
            echo "$rule"
            as_root cat "$hba_file"
        } >"$tmp"
        as_root cp "$tmp" "$hba_file"
        rm -f "$tmp"
    fi
    pg_super -Atc 'select pg_reload_conf()' >/dev/null
    sleep 1
    if ! psql_check "$url"; then
        die "cannot log in as $role over TCP on 127.0.0.1:$PG_PORT: $(psql_error "$url")
  Check $hba_file and listen_addresses in /etc/postgresql/$PG_VERSION/$PG_CLUSTER/postgresql.conf"
    fi
}

ensure_tcp_login "$DB_USER" "$URL"
ensure_tcp_login "$RUNTIME_USER" "$(runtime_url_for "$URL")"

log "PostgreSQL ready: $URL"
emit_url "$URL"
