#!/bin/sh
# Renders a pageaudit HTML report in headless Chromium, offline, and checks that its inline script
# ran without errors. Prints the DOM as it stands after the scripts ran, for further checks.
#
#   scripts/render-html-check.sh report.html [screenshot.png]
#
# Exit codes: 0 rendered and the script finished (<body data-ready="1">), no console errors;
# 1 a check failed (the reason on stderr); 2 bad usage; 77 Chromium is not installed (skip).
# Needs the Debian package `chromium` (it brings chromium-common and fonts-liberation).
# Chromium never reaches the network: the page is a file:// URL, the report's own
# Content-Security-Policy forbids any load, there is no proxy and every host name resolves to nothing.
set -u

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 report.html [screenshot.png]" >&2
    exit 2
fi
report=$1
screenshot=${2:-}
[ -f "$report" ] || { echo "$0: $report: no such file" >&2; exit 2; }

browser=${CHROMIUM:-}
if [ -z "$browser" ]; then
    for candidate in chromium chromium-browser; do
        if command -v "$candidate" >/dev/null 2>&1; then browser=$(command -v "$candidate"); break; fi
    done
fi
if [ -z "$browser" ]; then
    echo "$0: chromium is not installed (apt-get install chromium)" >&2
    exit 77
fi

case $report in
    /*) path=$report ;;
    *) path=$(pwd)/$report ;;
esac
work=$(mktemp -d "${TMPDIR:-/tmp}/pageaudit-chromium.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT INT TERM

run() {
    timeout 120 "$browser" --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --no-proxy-server --host-resolver-rules="MAP * ~NOTFOUND" \
        --disable-background-networking --disable-component-update --disable-sync --disable-extensions \
        --disable-default-apps --disable-domain-reliability --disable-breakpad --no-first-run --no-default-browser-check \
        --metrics-recording-only --mute-audio --user-data-dir="$work/profile" \
        --enable-logging=stderr --v=0 --virtual-time-budget=5000 --lang=ru-RU \
        "$@" "file://$path"
}

run --dump-dom >"$work/dom.html" 2>"$work/stderr.log"
status=$?
if [ $status -ne 0 ]; then
    echo "$0: chromium exited with $status" >&2
    cat "$work/stderr.log" >&2
    exit 1
fi
# Console messages arrive as `CONSOLE(line)] "message"`; any error from the page fails the check.
if grep -E 'Uncaught|CONSOLE.*(Error|error)|Refused to' "$work/stderr.log" >&2; then
    echo "$0: the page logged errors (above)" >&2
    exit 1
fi
if ! grep -q '<body[^>]*data-ready="1"' "$work/dom.html"; then
    echo "$0: the report's script did not finish: no <body data-ready=\"1\"> in the rendered DOM" >&2
    exit 1
fi
if [ -n "$screenshot" ]; then
    run --screenshot="$screenshot" --window-size=1280,2000 --hide-scrollbars >/dev/null 2>"$work/shot.log" \
        || { echo "$0: screenshot failed" >&2; cat "$work/shot.log" >&2; exit 1; }
fi
cat "$work/dom.html"
