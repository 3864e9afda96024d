#!/usr/bin/env bash
# Offline audit benchmark: pageaudit on synthetic folder snapshot sets vs. the libxml2 floor.
#
#   scripts/bench/offline.sh [--with-100k] [--sizes "1000 10000"] [--seed S] [--jobs P]
#
# For each set size N it
#   1. generates (once, cached under .bench/sets/) a set with scripts/bench/generate-set.py,
#   2. warms the page cache with the set's files,
#   3. runs `pageaudit audit --snapshots DIR --format json --output /dev/null` under /usr/bin/time -v
#      (wall time, peak RSS),
#   4. runs the floor: libxml2 parsing every *.html file of the set with
#      `xmllint --html --noout`, P processes at a time (xargs -P P, 64 files per process; P = nproc
#      by default, 2 here: the audit runs 4 agencies at once but only has the machine's cores),
#   5. prints wall time, agencies/s, MB/s of HTML read, peak RSS, and the ratio audit/floor.
#
# Needs: swift, python3, /usr/bin/time (Debian package `time`), xmllint (package `libxml2-utils`).
# Sets: 1,000 agencies ≈ 180 MB, 10,000 ≈ 1.8 GB, 100,000 ≈ 18 GB of disk (only with --with-100k).
# Results are also appended to .bench/results.txt. The cache folder .bench/ is meant to be git-ignored.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="$ROOT/.bench"
SIZES="1000 10000"
SEED=1
JOBS="$(nproc)"
while [ $# -gt 0 ]; do
    case "$1" in
        --with-100k) SIZES="$SIZES 100000" ;;
        --sizes) SIZES="$2"; shift ;;
        --seed) SEED="$2"; shift ;;
        --jobs) JOBS="$2"; shift ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

for tool in python3 xmllint /usr/bin/time swift; do
    command -v "$tool" >/dev/null 2>&1 || { echo "missing $tool (apt-get install libxml2-utils time)" >&2; exit 2; }
done

cd "$ROOT"
echo "== swift build -c release" >&2
swift build -c release >&2
BIN="$(swift build -c release --show-bin-path)/pageaudit"
mkdir -p "$BENCH/sets" "$BENCH/tmp"

# Elapsed "h:mm:ss" or "m:ss.cc" from time -v → seconds
elapsed_s() { awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$1"; }
maxrss_kb() { awk -F': ' '/Maximum resident set size/{print $2}' "$1"; }

ROWS=()
for N in $SIZES; do
    SET="$BENCH/sets/set-$N-seed$SEED"
    if [ ! -f "$SET/manifest.tsv" ]; then
        echo "== generating $N agencies into $SET" >&2
        rm -rf "$SET"
        /usr/bin/time -f "   generated in %e s" python3 scripts/bench/generate-set.py --agencies "$N" --seed "$SEED" --out "$SET" >&2
    fi
    LIST="$BENCH/tmp/html-$N.list"
    find "$SET/pages" -name '*.html' -print0 | sort -z > "$LIST"
    HTML_BYTES=$(xargs -0 cat < "$LIST" | wc -c)
    HTML_FILES=$(tr -cd '\0' < "$LIST" | wc -c)
    echo "== N=$N: $HTML_FILES HTML files, $HTML_BYTES bytes; warming the page cache" >&2
    find "$SET" -type f -print0 | xargs -0 cat > /dev/null

    echo "== audit" >&2
    T_AUDIT="$BENCH/tmp/time-audit-$N.txt"
    set +e
    /usr/bin/time -v -o "$T_AUDIT" "$BIN" audit --snapshots "$SET" --format json --output /dev/null 2> "$BENCH/tmp/audit-$N.stderr"
    RC=$?
    set -e
    if [ "$RC" -ge 2 ]; then
        echo "audit failed with exit code $RC:" >&2; tail -20 "$BENCH/tmp/audit-$N.stderr" >&2; exit 1
    fi
    A_S=$(elapsed_s "$T_AUDIT"); A_RSS=$(maxrss_kb "$T_AUDIT")

    echo "== floor: xmllint --html --noout, xargs -P $JOBS" >&2
    T_FLOOR="$BENCH/tmp/time-floor-$N.txt"
    /usr/bin/time -v -o "$T_FLOOR" sh -c "xargs -0 -P '$JOBS' -n 64 xmllint --html --noout < '$LIST' 2>/dev/null; exit 0"
    F_S=$(elapsed_s "$T_FLOOR"); F_RSS=$(maxrss_kb "$T_FLOOR")

    ROWS+=("$(awk -v n="$N" -v a="$A_S" -v f="$F_S" -v b="$HTML_BYTES" -v r="$A_RSS" -v fr="$F_RSS" -v rc="$RC" 'BEGIN{
        printf "%-8s %9.2f %10.1f %8.1f %9.1f %9.2f %8.1f %7.2f %4s", n, a, n/a, b/1e6/a, r/1024, f, b/1e6/f, a/f, rc }')")
done

HDR=$(printf "%-8s %9s %10s %8s %9s %9s %8s %7s %4s" "agencies" "audit_s" "agencies/s" "MB/s" "peakRSS_MB" "floor_s" "floorMB/s" "ratio" "exit")
{
    echo
    echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)  nproc=$(nproc)  floor=xmllint --html --noout, xargs -P $JOBS -n 64  seed=$SEED"
    echo "$HDR"
    for r in "${ROWS[@]}"; do echo "$r"; done
} | tee -a "$BENCH/results.txt"
echo "(MB = 10^6 bytes of *.html in the set; peak RSS of the floor is per xmllint process, not shown; ratio = audit_s / floor_s)"
