#!/usr/bin/env bash
# Signatures and count reads of the release binary under wrk, in turns with
# the bare axum reference (the campaign_load benchmark's `mod bare`), on
# loopback. Prints each round's figures and Vigil's share of the reference.
#
#   bench/campaign_wrk.sh [ROUNDS] [SECONDS]      (defaults: 3 rounds of 6 s)
#
# Needs `wrk` (Debian: apt-get install wrk). Proof of work and rate limits
# are off (every request comes from 127.0.0.1); the mail worker runs and
# writes each confirmation to the data folder's outbox. Stops by itself.
set -euo pipefail

ROUNDS=${1:-3}
SECONDS_EACH=${2:-6}
VIGIL_PORT=18777
BARE_PORT=18778
HERE=$(cd "$(dirname "$0")/.." && pwd)
SIGN_LUA="$HERE/crates/vigil-web/benches/sign.lua"
DATA=$(mktemp -d)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$DATA"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
cd "$HERE"
cargo build --release -q -p vigil
cargo bench -q -p vigil-web --bench campaign_load --no-run
BENCH=$(find target/release/deps -maxdepth 1 -type f -executable -name 'campaign_load-*' | head -n1)

LOAD_BARE_ONLY=127.0.0.1:$BARE_PORT "$BENCH" > "$DATA/bare.log" 2>&1 &
PIDS+=($!)
VIGIL_LOG=warn VIGIL_POW_BITS=0 VIGIL_RATE_LIMITS=off \
    target/release/vigil serve --data "$DATA/vigil" --addr 127.0.0.1:$VIGIL_PORT > "$DATA/vigil.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do
    if curl -sf "http://127.0.0.1:$VIGIL_PORT/healthz" >/dev/null && grep -q serves "$DATA/bare.log"; then break; fi
    sleep 0.2
done
echo "correct horse battery staple" | target/release/vigil user add --data "$DATA/vigil" --role editor load >/dev/null
TOKEN=$(target/release/vigil token issue load --data "$DATA/vigil" 2>/dev/null | grep -v '^$' | tail -n1)
curl -sf -X POST "http://127.0.0.1:$VIGIL_PORT/api/v1/campaigns" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"slug":"load","case":"case-baltabay","state":"open","versions":[{"language":"en","title":"Load","text":"t","message":"m"}]}' >/dev/null
curl -sf "http://127.0.0.1:$VIGIL_PORT/api/v1/campaigns/load/count" >/dev/null

# Requests a second, p99, non-2xx answers and requests of one wrk run.
measure() {
    wrk -t2 -c200 -d"${SECONDS_EACH}s" --latency "$@" |
        awk '/Requests\/sec/ {r=$2} $1=="99%" {p=$2} /Non-2xx/ {e=$5} / requests in / {n=$1}
             END {printf "%.0f %s %s %d\n", r, p, (e==""?0:e), n}'
}
outbox_files() { find "$DATA/vigil/outbox" -name '*.eml.sealed' 2>/dev/null | wc -l; }
share() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f %%", 100*a/b}'; }

for round in $(seq 1 "$ROUNDS"); do
    read -r bare_post bare_post_p99 _ < <(SIGN_PATH=/sign measure -s "$SIGN_LUA" "http://127.0.0.1:$BARE_PORT")
    read -r sign sign_p99 sign_errors signed < <(SIGN_RUN=$round measure -s "$SIGN_LUA" "http://127.0.0.1:$VIGIL_PORT")
    SIGNED=$((${SIGNED:-0} + signed - sign_errors))
    read -r bare_get bare_get_p99 _ < <(measure "http://127.0.0.1:$BARE_PORT/count")
    read -r count count_p99 count_errors _ < <(measure "http://127.0.0.1:$VIGIL_PORT/api/v1/campaigns/load/count")
    echo "round $round: bare POST $bare_post/s (p99 $bare_post_p99), signatures $sign/s (p99 $sign_p99, non-2xx $sign_errors): $(share "$sign" "$bare_post")"
    echo "round $round: bare GET $bare_get/s (p99 $bare_get_p99), count reads $count/s (p99 $count_p99, non-2xx $count_errors): $(share "$count" "$bare_get")"
done
# Under a flood the mail worker gives way (vigil_app::campaigns::flood):
# how many confirmations were written by the end, and how long the rest
# took once the load stopped (at most five minutes are waited).
echo "confirmations in the outbox by the end: $(outbox_files), for $SIGNED signatures answered 202"
ended=$SECONDS
while [ "$(outbox_files)" -lt "$SIGNED" ] && [ $((SECONDS - ended)) -lt 300 ]; do
    sleep 1
done
echo "confirmations in the outbox $((SECONDS - ended)) s after the last round: $(outbox_files)"
