#!/usr/bin/env bash
# libFuzzer targets for the parsers that read hostile input (Fuzz/<Name>/Fuzz<Name>.swift).
#
#   scripts/fuzz.sh [--seconds S] [--runs N] [--jobs J] [NAME...]     (default: every target, 60 s each)
#
# 1. builds PageAuditCore with -sanitize=fuzzer,address (release, -enable-testing) into .build-fuzz/;
# 2. links each target with swiftc (SwiftPM cannot link an executable whose main is libFuzzer's);
# 3. runs it for S seconds (or N executions) on the corpus .fuzz/corpus/<Name>, seeded from the
#    repository's test fixtures and from Fuzz/<Name>/regressions/, and prints executions and result.
# A crash leaves its input in .fuzz/crashes/<Name>/; fix the bug, then copy the input into
# Fuzz/<Name>/regressions/: FuzzRegressionTests (part of `swift test`) replays every file there.
# Not run in CI (it takes as long as you let it). Needs clang's libFuzzer, which the Swift toolchain ships.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_EACH=60; RUNS=""; JOBS=1; NAMES=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) SECONDS_EACH="$2"; shift ;;
        --runs) RUNS="$2"; shift ;;
        --jobs) JOBS="$2"; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) NAMES+=("$1") ;;
    esac
    shift
done
cd "$ROOT"
[ ${#NAMES[@]} -gt 0 ] || NAMES=($(ls Fuzz))
B=.build-fuzz/release
echo "== building PageAuditCore with -sanitize=fuzzer,address" >&2
swift build --scratch-path .build-fuzz -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing --target PageAuditCore >&2
MAPS=(); for m in CLibXML2 CIDN2 CCrypto CZlib CCurl; do MAPS+=(-Xcc "-fmodule-map-file=Sources/$m/module.modulemap"); done
seed() {  # the fixtures a target starts from
    case "$1" in
        HTMLFacts) find Tests/PageAuditCoreTests/Fixtures snapshots/demo/pages -name '*.html' ;;
        Robots) find Tests/PageAuditCoreTests/Fixtures -iname '*robots*' -type f ;;
        Registry) find snapshots/demo Tests/PageAuditCoreTests/Fixtures -name 'registry*' -type f ;;
        Checklist) ls checklists/270-fz.json checklists/examples/*.json ;;
        ManifestAndWARC) find snapshots/demo -name manifest.tsv; find Tests/PageAuditCoreTests/Fixtures -name '*.warc*' -type f ;;
        RussianDates) printf '%s\n' 'вчера в 9:00' '22 фев' '3 марта 2025 в 14:05' 'сегодня в 23:59' '5 мин назад' | while read -r d; do echo "$d"; done ;;
        Contacts) find snapshots/demo/pages -name '*.html' | head -20 ;;
    esac
}
printf '%-16s %12s %8s %s\n' target executions seconds result
for NAME in "${NAMES[@]}"; do
    BIN="$B/Fuzz$NAME"
    swiftc -O -sanitize=fuzzer,address -parse-as-library -I "$B/Modules" "${MAPS[@]}" -Xcc -I/usr/include/libxml2 \
        "Fuzz/$NAME/Fuzz$NAME.swift" "$B"/PageAuditCore.build/*.o -lxml2 -lidn2 -lcrypto -lz -lcurl -o "$BIN" 2>&1 | grep -v 'ld.gold: warning' >&2 || true
    CORPUS=".fuzz/corpus/$NAME"; CRASHES=".fuzz/crashes/$NAME"; mkdir -p "$CORPUS" "$CRASHES"
    if [ "$NAME" = RussianDates ]; then i=0; seed "$NAME" | while read -r line; do i=$((i+1)); printf '%s' "$line" > "$CORPUS/seed-$i"; done
    else seed "$NAME" | while read -r f; do cp -n "$f" "$CORPUS/" 2>/dev/null || true; done; fi
    [ -d "Fuzz/$NAME/regressions" ] && cp -n Fuzz/"$NAME"/regressions/* "$CORPUS/" 2>/dev/null || true
    LIMIT=(-max_total_time="$SECONDS_EACH"); [ -n "$RUNS" ] && LIMIT=(-runs="$RUNS")
    LOG=".fuzz/$NAME.log"
    START=$(date +%s)
    set +e
    PARALLEL=(); [ "$JOBS" -gt 1 ] && PARALLEL=(-jobs="$JOBS" -workers="$JOBS")
    # With -jobs libFuzzer writes fuzz-N.log into the working folder: run inside .fuzz/.
    (cd .fuzz && LSAN_OPTIONS="suppressions=$ROOT/Fuzz/lsan-suppressions.txt" "$ROOT/$BIN" "${LIMIT[@]}" "${PARALLEL[@]}" -rss_limit_mb=4096 \
        -timeout=20 -max_len=1048576 -artifact_prefix="$ROOT/$CRASHES/" -print_final_stats=1 "$ROOT/$CORPUS") > "$LOG" 2>&1
    RC=$?
    set -e
    EXECS=$( (cat "$LOG" .fuzz/fuzz-*.log 2>/dev/null || true) | grep -h 'stat::number_of_executed_units' | awk '{s+=$2} END{print s+0}')
    rm -f .fuzz/fuzz-*.log
    RESULT=$([ "$RC" -eq 0 ] && echo clean || echo "FAILED (exit $RC): see $LOG and $CRASHES/")
    printf '%-16s %12s %8s %s\n' "$NAME" "$EXECS" "$(( $(date +%s) - START ))" "$RESULT"
done
