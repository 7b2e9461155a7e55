#!/usr/bin/env bash
# Page-read benchmark (issue 9): one `vigil serve` on SQLite, one on
# PostgreSQL, then two on one PostgreSQL database, each loaded by wrk on
# loopback with the same read-heavy mix (bench/pages.lua) for a bounded
# time.
#
#   VIGIL_BENCH_POSTGRES_URL=postgres://USER:PW@127.0.0.1:PORT/postgres bench/pages.sh
#
# Needs wrk (apt-get install wrk) and a PostgreSQL server on which it may
# create (and afterwards drops) a database. DURATION (default 15s) and
# CONNECTIONS (default 32, split between the two PostgreSQL servers).
# The case file is the demo: the figures are the cost of a request through
# the whole stack, not of queries over a large case file.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${DURATION:-15s}
connections=${CONNECTIONS:-32}
url=${VIGIL_BENCH_POSTGRES_URL:?set VIGIL_BENCH_POSTGRES_URL to a PostgreSQL server}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk"; exit 1; }

cargo build --release --locked -p vigil >&2
bin="${CARGO_TARGET_DIR:-target}/release/vigil"

work=$(mktemp -d)
pids=()
database="vigil_bench_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    psql -q "$url" -c "DROP DATABASE IF EXISTS $database" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
export VIGIL_KEY=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
export VIGIL_LOG=warn

free_port() {
    for port in $(seq "$1" $(($1 + 200))); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
    done
    exit 1
}

# start NAME PORT [ARGS...]: a server, waited for until it answers.
start() {
    local name=$1 port=$2
    shift 2
    "$bin" serve --data "$work/$name" --addr "127.0.0.1:$port" "$@" 2>"$work/$name.log" &
    pids+=($!)
    for _ in $(seq 1 300); do
        if curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then return; fi
        sleep 0.1
    done
    echo "$name did not start:"; cat "$work/$name.log"; exit 1
}

# load PORT CONNECTIONS: wrk's report for one server.
load() {
    wrk -t1 -c"$2" -d"$duration" --latency -s bench/pages.lua "http://127.0.0.1:$1"
}

rate() { awk '/Requests\/sec/ {print $2}' "$1"; }

echo "== one server on SQLite: $connections connections, $duration"
p1=$(free_port 18080)
start sqlite "$p1"
load "$p1" "$connections" | tee "$work/sqlite.wrk"
kill "${pids[0]}"

psql -q "$url" -c "CREATE DATABASE $database" >/dev/null
db_url="${url%/*}/$database"
p2=$(free_port 18300)
start pg-a "$p2" --database-url "$db_url"
echo "== one server on PostgreSQL: $connections connections, $duration"
load "$p2" "$connections" | tee "$work/pg-one.wrk"

echo "== two servers on one PostgreSQL database: $connections connections split between them, $duration"
p3=$(free_port $((p2 + 1)))
start pg-b "$p3" --database-url "$db_url"
load "$p2" $((connections / 2)) >"$work/pg-a.wrk" &
la=$!
load "$p3" $((connections / 2)) >"$work/pg-b.wrk" &
lb=$!
wait "$la" "$lb"
cat "$work/pg-a.wrk" "$work/pg-b.wrk"

echo "== summary (requests/s; non-2xx answers would be listed above)"
echo "sqlite, one server:      $(rate "$work/sqlite.wrk")"
echo "postgres, one server:    $(rate "$work/pg-one.wrk")"
echo "postgres, two servers:   $(rate "$work/pg-a.wrk") + $(rate "$work/pg-b.wrk") = $(awk "BEGIN {print $(rate "$work/pg-a.wrk") + $(rate "$work/pg-b.wrk")}")"
