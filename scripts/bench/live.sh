#!/usr/bin/env bash
# Live crawl benchmark: pageaudit's live audit vs. a Scrapy spider on a loopback farm.
#
#   scripts/bench/live.sh [--hosts 200] [--rounds 5] [--latency-ms 50] [--interval 0.05]
#                         [--concurrency "16 64 256"] [--scenarios "web linked"] [--tools "pageaudit scrapy"]
#                         [--repeat 1] [--page bitrix|small] [--api-json compact|pretty] [--no-build] [--perf]
#
# For each scenario, concurrency C, tool and repetition it
#   1. starts a fresh farm (scripts/bench/live-farm.py serve: HOSTS hosts on 127.0.0.2..., the fake
#      VK API on 127.0.0.1, every answer delayed by LATENCY ms, HOSTS x ROUNDS agencies) and the
#      registry it writes,
#   2. runs the tool under /usr/bin/time -v:
#        pageaudit audit --live --allow-private --loopback-only --vk-api-base http://127.0.0.1:PORT
#                  --vk-rate 1/INTERVAL --min-interval INTERVAL --concurrency C --registry REG
#                  --warc W --format json --output OUT          (PAGEAUDIT_VK_TOKEN=bench-token)
#        python scripts/bench/scrapy_spider.py --registry REG --concurrency C --delay INTERVAL
#                  --vk-api-base http://127.0.0.1:PORT
#   3. stops the farm and reads its request log (live-farm.py analyze): requests served in the run,
#      the crawl window (first request start to last answer end), the politeness check and the ideal.
#   Prints a table (also appended to .bench/live-results.txt; raw JSON lines in .bench/live/runs.jsonl).
#
# Pages are counted the same way for both tools: every request the farm answered during the run
# (robots.txt, HTML pages, VK API calls; 404s too), from the farm's log.
# The ideal (live-farm.py, "analyze"): every request takes exactly LATENCY, at most C in flight, per host one
# at a time with starts INTERVAL apart; the same per-host request counts as the run; shortest schedule.
# Needs: swift, python3 (3.10+), /usr/bin/time; pip access to install scrapy==2.19.0 into .bench/venv;
# optional: wrk (Debian package) for the farm-alone check, perf for --perf.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="$ROOT/.bench"
OUT="$BENCH/live"
HOSTS=200
ROUNDS=5
LATENCY_MS=50
INTERVAL=0.05
CONCURRENCY="16 64 256"
SCENARIOS="web linked"
TOOLS="pageaudit scrapy"
REPEAT=1
PAGE=bitrix
API_JSON=compact
BUILD=1
PERF=0
SCRAPY_VERSION=2.19.0
while [ $# -gt 0 ]; do
    case "$1" in
        --hosts) HOSTS="$2"; shift ;;
        --rounds) ROUNDS="$2"; shift ;;
        --latency-ms) LATENCY_MS="$2"; shift ;;
        --interval) INTERVAL="$2"; shift ;;
        --concurrency) CONCURRENCY="$2"; shift ;;
        --scenarios) SCENARIOS="$2"; shift ;;
        --tools) TOOLS="$2"; shift ;;
        --repeat) REPEAT="$2"; shift ;;
        --page) PAGE="$2"; shift ;;
        --api-json) API_JSON="$2"; shift ;;
        --no-build) BUILD=0 ;;
        --perf) PERF=1 ;;
        -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

for tool in python3 /usr/bin/time swift; do
    command -v "$tool" >/dev/null 2>&1 || { echo "missing $tool" >&2; exit 2; }
done
cd "$ROOT"
mkdir -p "$OUT"

if [ "$BUILD" = 1 ]; then
    echo "== swift build -c release --scratch-path .build-rel" >&2
    swift build -c release --scratch-path .build-rel >&2
fi
BIN="$ROOT/.build-rel/release/pageaudit"
[ -x "$BIN" ] || { echo "no $BIN (run without --no-build)" >&2; exit 2; }

VENV="$BENCH/venv"
if [[ " $TOOLS " == *" scrapy "* ]] && ! "$VENV/bin/python" -c "import scrapy, sys; sys.exit(scrapy.__version__ != '$SCRAPY_VERSION')" 2>/dev/null; then
    echo "== installing scrapy==$SCRAPY_VERSION into .bench/venv" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q "scrapy==$SCRAPY_VERSION" >&2
fi

VK_RATE=$(python3 -c "print(min(20.0, 1/$INTERVAL) if $INTERVAL > 0 else 20.0)")
API_INTERVAL=$(python3 -c "print(1/$VK_RATE)")
elapsed_s() { awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$1"; }
maxrss_kb() { awk -F': ' '/Maximum resident set size/{print $2}' "$1"; }
cpu_s() { awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{print u+s}' "$1"; }
proc_ticks() { awk '{print $14+$15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
now() { python3 -c 'import time; print("%.6f" % time.time())'; }

FARM_PID=""
stop_farm() {
    if [ -n "$FARM_PID" ]; then
        exec 3>&-             || true
        for _ in $(seq 50); do kill -0 "$FARM_PID" 2>/dev/null || break; sleep 0.1; done
        kill "$FARM_PID" 2>/dev/null || true
        wait "$FARM_PID" 2>/dev/null || true
        FARM_PID=""
    fi
}
trap stop_farm EXIT

# start_farm SCENARIO TAG: starts the farm, sets PORT, REG, LOG, FARM_PID; the farm stops when fd 3 closes.
start_farm() {
    local scenario="$1" tag="$2"
    REG="$OUT/$tag.registry.csv"; LOG="$OUT/$tag.farm.log"
    rm -f "$OUT/$tag.fifo"; mkfifo "$OUT/$tag.fifo"
    python3 scripts/bench/live-farm.py serve --hosts "$HOSTS" --rounds "$ROUNDS" --latency-ms "$LATENCY_MS" \
        --scenario "$scenario" --page "$PAGE" --api-json "$API_JSON" --log "$LOG" --registry "$REG" \
        < "$OUT/$tag.fifo" > "$OUT/$tag.farm.out" 2> "$OUT/$tag.farm.err" &
    FARM_PID=$!
    exec 3> "$OUT/$tag.fifo"
    rm -f "$OUT/$tag.fifo"
    PORT=""
    for _ in $(seq 300); do
        PORT=$(awk '/^READY/{print $2}' "$OUT/$tag.farm.out" 2>/dev/null || true)
        [ -n "$PORT" ] && break
        sleep 0.1
    done
    [ -n "$PORT" ] || { echo "farm did not start:" >&2; cat "$OUT/$tag.farm.err" >&2; exit 1; }
}

RUN_ID="$(date -u +%Y%m%dT%H%M%SZ)"
ROWS=()
for SCENARIO in $SCENARIOS; do
    if command -v wrk >/dev/null 2>&1; then
        start_farm "$SCENARIO" "farmcheck-$SCENARIO"
        echo "== farm alone ($SCENARIO): wrk on one host's home page, no politeness, ideal = connections / latency" >&2
        for C in $CONCURRENCY; do
            T0=$(proc_ticks "$FARM_PID")
            R=$(wrk -t1 -c"$C" -d3s "http://127.0.0.2:$PORT/" | awk '/Requests\/sec/{print $2}')
            T1=$(proc_ticks "$FARM_PID")
            python3 -c "c=$C; r=float('$R'); i=c/($LATENCY_MS/1000); print('   C=%-4d %8.1f answers/s = %5.1f%% of %.0f; farm CPU %.0f%% of one core' % (c, r, 100*r/i, i, ($T1-$T0)/3.0))" >&2
        done
        stop_farm
    fi
    for C in $CONCURRENCY; do
        for TOOL in $TOOLS; do
            for REP in $(seq "$REPEAT"); do
                TAG="$RUN_ID-$SCENARIO-$TOOL-c$C-r$REP"
                start_farm "$SCENARIO" "$TAG"
                echo "== $SCENARIO $TOOL C=$C run $REP: $((HOSTS * ROUNDS)) agencies on $HOSTS hosts, port $PORT" >&2
                TIMEF="$OUT/$TAG.time"
                F0=$(proc_ticks "$FARM_PID")
                T_START=$(now)
                set +e
                if [ "$TOOL" = pageaudit ]; then
                    rm -f "$OUT/$TAG.warc.gz" "$OUT/$TAG.warc.gz.cdxj"
                    PREFIX=()
                    [ "$PERF" = 1 ] && PREFIX=(perf record -F 499 -g -o "$OUT/$TAG.perf.data" --)
                    PAGEAUDIT_VK_TOKEN=bench-token /usr/bin/time -v -o "$TIMEF" "${PREFIX[@]}" "$BIN" audit --live --allow-private --loopback-only \
                        --vk-api-base "http://127.0.0.1:$PORT" --vk-rate "$VK_RATE" --min-interval "$INTERVAL" \
                        --concurrency "$C" --registry "$REG" --warc "$OUT/$TAG.warc.gz" \
                        --format json --output "$OUT/$TAG.report.json" > "$OUT/$TAG.stdout" 2> "$OUT/$TAG.stderr"
                    RC=$?
                    [ "$RC" -le 1 ] && RC=0
                else
                    /usr/bin/time -v -o "$TIMEF" "$VENV/bin/python" scripts/bench/scrapy_spider.py --registry "$REG" \
                        --concurrency "$C" --delay "$INTERVAL" --vk-api-base "http://127.0.0.1:$PORT" \
                        > "$OUT/$TAG.stdout" 2> "$OUT/$TAG.stderr"
                    RC=$?
                fi
                set -e
                T_END=$(now)
                F1=$(proc_ticks "$FARM_PID")
                stop_farm
                if [ "$RC" != 0 ]; then echo "$TOOL failed ($RC):" >&2; tail -20 "$OUT/$TAG.stderr" >&2; exit 1; fi
                A=$(python3 scripts/bench/live-farm.py analyze --log "$LOG" --concurrency "$C" --latency-ms "$LATENCY_MS" \
                    --interval "$INTERVAL" --api-interval "$API_INTERVAL" --t0 "$T_START" --t1 "$T_END")
                ROW=$(HOSTS=$HOSTS ROUNDS=$ROUNDS PAGE=$PAGE API_JSON=$API_JSON LATENCY_MS=$LATENCY_MS INTERVAL=$INTERVAL RUN_ID=$RUN_ID python3 - "$A" "$SCENARIO" "$TOOL" "$C" "$REP" "$T_START" "$T_END" "$(elapsed_s "$TIMEF")" "$(maxrss_kb "$TIMEF")" "$(cpu_s "$TIMEF")" "$F0" "$F1" "$OUT/runs.jsonl" "$INTERVAL" <<'PY'
import json, sys
a = json.loads(sys.argv[1])
scenario, tool, c, rep = sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
t0, t1, wall, rss_kb, cpu = float(sys.argv[6]), float(sys.argv[7]), float(sys.argv[8]), int(sys.argv[9]), float(sys.argv[10])
farm_cpu = (int(sys.argv[12]) - int(sys.argv[11])) / 100.0
import os
rec = dict(a, scenario=scenario, tool=tool, concurrency=c, rep=rep, hosts=int(os.environ["HOSTS"]), rounds=int(os.environ["ROUNDS"]),
           page=os.environ["PAGE"], api_json=os.environ["API_JSON"], latency_ms=float(os.environ["LATENCY_MS"]),
           interval=float(os.environ["INTERVAL"]), run_id=os.environ["RUN_ID"], wall_s=wall, peak_rss_mb=round(rss_kb / 1024, 1),
           cpu_s=cpu, farm_cpu_s=farm_cpu, startup_s=round(a["first_start"] - t0, 3), tail_s=round(t1 - a["last_end"], 3))
rec["wall_rate"] = round(a["requests"] / wall, 1)
rec["percent_of_ideal_wall"] = round(100 * a["ideal_s"] / wall, 1)
interval = float(sys.argv[14])
gaps = [g for g in (a["min_start_gap_s"], a["min_start_gap_api_s"]) if g is not None]
# The farm stamps a request when it has read its head, so a gap may look up to a few ms shorter than the tool made it.
polite = a["overlaps"] == 0 and all(g >= interval - 0.005 for g in gaps)
rec["polite"] = polite
with open(sys.argv[13], "a") as f:
    f.write(json.dumps(rec) + "\n")
gap = lambda g: "%6.3f" % g if g is not None else "     -"
print("%-7s %-9s %4d %2d %6d %7.2f %7.2f %6.2f %6.2f %8.1f %8.1f %6.1f%% %6.1f%% %7.1f %6.1f %5.1f %3d %s %s %-3s" % (
    scenario, tool, c, rep, a["requests"], wall, a["window_s"], rec["startup_s"], rec["tail_s"], a["rate"], a["ideal_rate"],
    a["percent_of_ideal"], rec["percent_of_ideal_wall"], rec["peak_rss_mb"], cpu, farm_cpu, a["overlaps"], gap(a["min_start_gap_s"]),
    gap(a["min_start_gap_api_s"]), "yes" if polite else "NO"))
PY
)
                echo "   $ROW" >&2
                ROWS+=("$ROW")
                [ "$TOOL" = pageaudit ] && rm -f "$OUT/$TAG.warc.gz" "$OUT/$TAG.warc.gz.cdxj"
            done
        done
    done
done

HDR=$(printf "%-7s %-9s %4s %2s %6s %7s %7s %6s %6s %8s %8s %7s %7s %7s %6s %5s %3s %6s %6s %-3s" \
    scenario tool C n requests wall_s crawl_s start_s tail_s pages/s ideal/s "%ideal" "%idl_w" RSS_MB cpu_s farmcpu ovl mingap apigap polite)
{
    echo
    echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)  nproc=$(nproc)  hosts=$HOSTS rounds=$ROUNDS agencies=$((HOSTS * ROUNDS)) latency=${LATENCY_MS}ms interval=${INTERVAL}s vk-rate=$VK_RATE page=$PAGE api-json=$API_JSON scrapy=$SCRAPY_VERSION"
    echo "$HDR"
    for r in "${ROWS[@]}"; do echo "$r"; done
} | tee -a "$BENCH/live-results.txt"
cat <<'EOF'
(requests: answers the farm logged in the run; crawl_s: first request start to last answer end;
 start_s: tool start to first request; tail_s: last answer to tool exit (report writing); pages/s =
 requests / crawl_s; ideal/s = requests / ideal time; %ideal = ideal time / crawl_s; %idl_w = ideal
 time / wall_s; RSS = peak resident set; cpu_s = user + sys of the tool; farmcpu = the farm's CPU
 seconds in the run; ovl = overlapping requests to one host (must be 0); mingap / apigap = smallest
 gap between two request starts to one website host / to the VK API host, seconds; polite = no
 overlap and both gaps at least the interval, less 5 ms of stamping jitter)
EOF
