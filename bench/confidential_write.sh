#!/usr/bin/env bash
# What making a public person confidential costs (the write gives them a
# new, opaque id and moves every trace of the old one: see the README's
# Threat model), over HTTP on loopback, in a data folder the scale
# benchmark kept:
#
#   cargo bench -p vigil --bench scale -- --persons 100000 --load-only --keep /tmp/scale
#   cargo build --release
#   bench/confidential_write.sh /tmp/scale
#
# Adds an account with the right (`kate`), starts `vigil serve` on the
# folder, finds the person with the most events among sp-0…sp-400, and
# makes it and three others (PERSONS, default sp-7 sp-8 sp-9) confidential,
# printing each write's status and time. The folder is changed: use a
# copy to measure again.
set -euo pipefail
DATA=$(realpath "${1:?usage: bench/confidential_write.sh DATA_FOLDER}")
cd "$(dirname "$0")/.."
BIN=${VIGIL:-target/release/vigil}
ADDR=${ADDR:-127.0.0.1:8099}
TMP=$(mktemp -d)
printf 'a long enough password\n' | "$BIN" user add kate --role confidential_reader --data "$DATA" >/dev/null 2>&1 || true
TOKEN=$("$BIN" token issue kate --data "$DATA" 2>/dev/null | tail -1)
"$BIN" serve --empty --addr "$ADDR" --data "$DATA" >"$TMP/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 1 120); do curl -sf "http://$ADDR/api/v1/status?limit=1" >/dev/null && break; sleep 1; done
events_of() {
    curl -sf -H "Authorization: Bearer $TOKEN" "http://$ADDR/api/v1/persons/$1/events?limit=1" |
        python3 -c 'import sys, json; print(json.load(sys.stdin).get("total", 0))' 2>/dev/null || echo 0
}
best=sp-0 bestn=0
for i in $(seq 0 400); do
    n=$(events_of "sp-$i")
    if [ "$n" -gt "$bestn" ]; then best=sp-$i bestn=$n; fi
done
for id in ${PERSONS:-sp-7 sp-8 sp-9} "$best"; do
    n=$(events_of "$id")
    curl -sf -H "Authorization: Bearer $TOKEN" "http://$ADDR/api/v1/persons/$id" |
        python3 -c 'import sys, json; d = json.load(sys.stdin); d["confidential"] = True; print(json.dumps(d))' >"$TMP/p.json"
    out=$(curl -s -o "$TMP/put.json" -w '%{http_code} %{time_total}' -X PUT -H "Authorization: Bearer $TOKEN" \
        -H 'content-type: application/json' --data @"$TMP/p.json" "http://$ADDR/api/v1/persons/$id")
    new=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1])).get("id"))' "$TMP/put.json")
    old=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "http://$ADDR/api/v1/persons/$id")
    echo "$id ($n events): $out s, now $new; the old id answers $old"
done
