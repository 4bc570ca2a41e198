#!/usr/bin/env bash
# Checks a hansim HTML report in a real browser (DESIGN.md §5: the report is one self-contained page
# that works with and without JavaScript):
#   1. Debian's Chromium, headless, loads the page and takes a screenshot; the run fails when the
#      browser's console log has an uncaught JavaScript exception ("Uncaught"), a console error
#      ("ERROR:CONSOLE") or any other console message from the page.
#   2. Chromium dumps the DOM after scripts ran; it must contain the sequence diagram's <svg.
# Usage: .ci/html-check.sh REPORT.html OUT.png
# Environment: CHROMIUM (default /usr/bin/chromium), HTML_CHECK_TIMEOUT seconds per browser run (default 90).
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 REPORT.html OUT.png" >&2
  exit 2
fi
report=$1
png=$2
chromium=${CHROMIUM:-/usr/bin/chromium}
limit=${HTML_CHECK_TIMEOUT:-90}

if [ ! -f "$report" ]; then
  echo "html-check: $report: no such file" >&2
  exit 2
fi
if [ ! -x "$chromium" ]; then
  echo "html-check: $chromium not found (apt-get install -y chromium)" >&2
  exit 2
fi

abs=$(cd "$(dirname "$report")" && pwd)/$(basename "$report")
url="file://$abs"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The flags keep the browser off the network and away from any user profile: a fresh profile each
# run, no sync, no component or background updates, no QUIC.
flags() {
  local profile
  profile=$(mktemp -d "$work/profile.XXXXXX")
  printf '%s\n' --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    "--user-data-dir=$profile" --enable-logging=stderr --v=0
}

status=0

# 1. Screenshot, with the console log on stderr.
mapfile -t args < <(flags)
rm -f "$png"
if ! timeout "$limit" "$chromium" "${args[@]}" "--screenshot=$png" --window-size=1400,1000 "$url" \
    >"$work/shot.out" 2>"$work/shot.log"; then
  echo "html-check: chromium failed to take the screenshot (log follows)" >&2
  cat "$work/shot.log" >&2
  status=1
fi
if [ ! -s "$png" ]; then
  echo "html-check: no screenshot written to $png" >&2
  status=1
fi

# 2. DOM after load.
mapfile -t args < <(flags)
if ! timeout "$limit" "$chromium" "${args[@]}" --dump-dom "$url" >"$work/dom.html" 2>"$work/dom.log"; then
  echo "html-check: chromium failed to dump the DOM (log follows)" >&2
  cat "$work/dom.log" >&2
  status=1
fi

# Chromium 156 (Debian 12) logs every console level as INFO:CONSOLE, so console.error() would slip past
# "ERROR:CONSOLE"; the report's script never writes to the console, so any console line from the page
# itself (source: file://...) is treated as an error too.
if grep -hE 'Uncaught|ERROR:CONSOLE|:CONSOLE[:(].*source: file://' "$work/shot.log" "$work/dom.log" \
    >"$work/errors.txt"; then
  echo "html-check: JavaScript errors in $report:" >&2
  cat "$work/errors.txt" >&2
  status=1
fi
if ! grep -q '<svg' "$work/dom.html"; then
  echo "html-check: the DOM of $report has no <svg (sequence diagram missing)" >&2
  status=1
fi
if ! grep -q 'id="sequence-diagram"' "$work/dom.html"; then
  echo "html-check: the DOM of $report has no sequence diagram (id=\"sequence-diagram\")" >&2
  status=1
fi

if [ "$status" -eq 0 ]; then
  echo "html-check: $report OK (screenshot $png, $(wc -c <"$work/dom.html") bytes of DOM)"
fi
exit "$status"
