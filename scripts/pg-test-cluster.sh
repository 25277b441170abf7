#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the storage tests (and .ci/run).
#
#   scripts/pg-test-cluster.sh start DIR PORT   # prints the TEST_DATABASE_URL to use
#   scripts/pg-test-cluster.sh stop DIR         # stops it and removes DIR
#
# Works as root on a fresh Debian machine right after `apt-get install postgresql`: the server
# refuses to run as root, so it then runs as the `postgres` user the package creates. The data
# is disposable (fsync off), the server listens on 127.0.0.1 only with trust authentication.
set -euo pipefail

MARKER=.pg-test-cluster

usage() {
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
}

# Debian installs the server outside PATH, in /usr/lib/postgresql/<version>/bin.
find_bindir() {
    local newest
    newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n "$newest" && -x "$newest/pg_ctl" ]]; then
        echo "$newest"
    elif command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"
    else
        echo "pg-test-cluster: no PostgreSQL server found (apt-get install postgresql)" >&2
        exit 1
    fi
}

# Run a server binary as a non-root user.
as_owner() {
    if [[ $(id -u) -ne 0 ]]; then
        "$@"
    elif ! id postgres >/dev/null 2>&1; then
        echo "pg-test-cluster: running as root needs a 'postgres' user" >&2
        exit 1
    elif command -v runuser >/dev/null 2>&1; then
        runuser -u postgres -- "$@"
    else
        su -s /bin/sh postgres -c "$(printf '%q ' "$@")"
    fi
}

start() {
    local dir=$1 port=$2 bin
    bin=$(find_bindir)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    touch "$dir/$MARKER"
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres "$dir"
        if ! as_owner test -w "$dir"; then
            echo "pg-test-cluster: user postgres can't reach $dir (use a folder under /tmp)" >&2
            exit 1
        fi
    fi
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
        as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-locale \
            --no-sync >/dev/null
    fi
    if ! as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        if ! as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
            -o "-k '$dir' -h 127.0.0.1 -p $port -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null; then
            echo "pg-test-cluster: the server did not start; its log:" >&2
            tail -n 20 "$dir/log" >&2 || true
            exit 1
        fi
    fi
    echo "postgresql://postgres@127.0.0.1:$port/postgres"
}

stop() {
    local dir=$1 bin
    if [[ ! -f "$dir/$MARKER" ]]; then
        echo "pg-test-cluster: $dir was not made by this script; leaving it alone" >&2
        exit 1
    fi
    bin=$(find_bindir)
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    fi
    rm -rf -- "$dir"
}

case "${1:-}" in
    start) [[ $# -eq 3 ]] || usage; start "$2" "$3" ;;
    stop) [[ $# -eq 2 ]] || usage; stop "$2" ;;
    *) usage ;;
esac
