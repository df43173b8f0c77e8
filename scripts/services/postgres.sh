#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite.
#
#   scripts/services/postgres.sh start    # idempotent; prints the URL on stdout
#   scripts/services/postgres.sh url      # prints the URL of the running cluster
#   scripts/services/postgres.sh status   # exit 0 if running
#   scripts/services/postgres.sh stop     # stops it and deletes all its data
#
#   export SOFTPHONE_TEST_PG_URL="$(scripts/services/postgres.sh url)"
#
# Needs only the Debian `postgresql` package (server binaries in /usr/lib/postgresql/<v>/bin);
# no systemd, no pg_ctlcluster, no system cluster. The cluster listens on 127.0.0.1 only, on a
# free port, with its socket in the state directory. PostgreSQL refuses to run as root, so
# when run as root the server runs as the `postgres` user (created by the Debian package).
#
# Environment:
#   SOFTPHONE_TEST_PG_STATE  state directory (default /tmp/softphone-test-pg)
#   SOFTPHONE_TEST_PG_PORT   first port to try (default 55432)
#   PG_BINDIR                server binaries (default: newest /usr/lib/postgresql/*/bin, 15 preferred)
set -euo pipefail

STATE_DIR="${SOFTPHONE_TEST_PG_STATE:-/tmp/softphone-test-pg}"
DATA_DIR="$STATE_DIR/data"
SOCKET_DIR="$STATE_DIR/socket"
PORT_FILE="$STATE_DIR/port"
PASSWORD_FILE="$STATE_DIR/password"
LOG_FILE="$STATE_DIR/server.log"
LOCK_FILE="${STATE_DIR%/}.lock"  # outside STATE_DIR so `stop` can delete the directory
FIRST_PORT="${SOFTPHONE_TEST_PG_PORT:-55432}"
DB_NAME="softphone_test"
DB_USER="softphone_test"

die() { echo "postgres.sh: $*" >&2; exit 1; }
say() { echo "postgres.sh: $*" >&2; }

find_bindir() {
    if [[ -n "${PG_BINDIR:-}" ]]; then echo "$PG_BINDIR"; return; fi
    if [[ -x /usr/lib/postgresql/15/bin/pg_ctl ]]; then echo /usr/lib/postgresql/15/bin; return; fi
    local newest
    newest="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    [[ -n "$newest" && -x "$newest/pg_ctl" ]] || die "no PostgreSQL server found: apt-get install postgresql"
    echo "$newest"
}
BIN="$(find_bindir)"

# Run a command as the cluster owner: `postgres` when we are root, ourselves otherwise.
if [[ "$(id -u)" == 0 ]]; then
    id postgres >/dev/null 2>&1 || die "user 'postgres' missing (it comes with the postgresql package)"
    CLUSTER_USER=postgres
    as_owner() { runuser -u postgres -- "$@"; }
else
    CLUSTER_USER="$(id -un)"
    as_owner() { "$@"; }
fi

is_running() {
    [[ -f "$PORT_FILE" && -d "$DATA_DIR" ]] && as_owner "$BIN/pg_ctl" status -D "$DATA_DIR" >/dev/null 2>&1
}

port_in_use() {
    # bash's /dev/tcp: a successful connect means someone is listening.
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pick_free_port() {
    local port
    for ((port = FIRST_PORT; port < FIRST_PORT + 200; port++)); do
        # The Unix socket lock file also blocks a port, even with nothing on TCP.
        if ! port_in_use "$port" && [[ ! -e "$SOCKET_DIR/.s.PGSQL.$port.lock" ]]; then
            echo "$port"; return
        fi
    done
    die "no free port in $FIRST_PORT..$((FIRST_PORT + 199))"
}

print_url() {
    printf 'postgresql+psycopg://%s:%s@127.0.0.1:%s/%s\n' \
        "$DB_USER" "$(cat "$PASSWORD_FILE")" "$(cat "$PORT_FILE")" "$DB_NAME"
}

psql_admin() {
    as_owner "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCKET_DIR" -p "$(cat "$PORT_FILE")" \
        -U postgres -d postgres "$@"
}

init_cluster() {
    say "creating a throwaway cluster in $STATE_DIR ($BIN)"
    rm -rf "$STATE_DIR"
    install -d -m 700 -o "$CLUSTER_USER" "$STATE_DIR" "$SOCKET_DIR"
    # Hex only, so the password needs no escaping in the URL.
    od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$PASSWORD_FILE"
    chmod 600 "$PASSWORD_FILE"
    # trust on the socket (only the owner can reach the 0700 socket dir); passwords over TCP,
    # so the tests exercise a real password login.
    as_owner "$BIN/initdb" -D "$DATA_DIR" -U postgres --auth-local=trust \
        --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$STATE_DIR/initdb.log" 2>&1 \
        || { cat "$STATE_DIR/initdb.log" >&2; die "initdb failed"; }
}

start_server() {
    local port
    port="$(pick_free_port)"
    echo "$port" >"$PORT_FILE"
    # fsync off & co: the data is thrown away after the run, speed matters more.
    # 9>&-: the server must not inherit (and so hold forever) our flock on the lock file.
    as_owner "$BIN/pg_ctl" start -D "$DATA_DIR" -l "$LOG_FILE" -w -t 60 -o "\
        -c listen_addresses=127.0.0.1 -p $port -k $SOCKET_DIR \
        -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
        -c max_connections=100" </dev/null >/dev/null 9>&- \
        || { tail -n 30 "$LOG_FILE" >&2 || true; die "server did not start"; }
    say "running on 127.0.0.1:$port"
}

create_database() {
    local password
    password="$(cat "$PASSWORD_FILE")"
    if [[ "$(psql_admin -tA -c "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" != 1 ]]; then
        psql_admin -c "CREATE ROLE $DB_USER LOGIN PASSWORD '$password'"
    fi
    if [[ "$(psql_admin -tA -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != 1 ]]; then
        psql_admin -c "CREATE DATABASE $DB_NAME OWNER $DB_USER"
    fi
}

cmd_start() {
    if is_running; then
        print_url
        return
    fi
    if [[ ! -f "$DATA_DIR/PG_VERSION" || ! -f "$PASSWORD_FILE" ]]; then
        init_cluster
    fi
    start_server
    create_database
    print_url
}

cmd_stop() {
    if [[ -d "$DATA_DIR" ]]; then
        as_owner "$BIN/pg_ctl" stop -D "$DATA_DIR" -m fast -w >/dev/null 2>&1 || true
    fi
    rm -rf "$STATE_DIR"
    say "stopped"
}

cmd_url() {
    is_running || die "not running: scripts/services/postgres.sh start"
    print_url
}

main() {
    local command="${1:-}"
    case "$command" in
        start | stop | url | status) ;;
        *) die "usage: $0 start|stop|url|status" ;;
    esac
    mkdir -p "$(dirname "$LOCK_FILE")"
    # Two test runners starting at once must not both run initdb.
    exec 9>"$LOCK_FILE"
    flock 9
    case "$command" in
        start) cmd_start ;;
        stop) cmd_stop ;;
        url) cmd_url ;;
        status) is_running ;;
    esac
}

main "$@"
