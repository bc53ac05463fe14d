#!/usr/bin/env bash
# Checks the HTML reports in a real browser (headless Chromium), as issue 19 asked: every drawn
# element of every SVG chart lies inside its drawing (a label or bar outside it is cut off on
# screen), and the bench leaderboard bolds its best values. Also writes a screenshot of each page
# for a human look.
#
#   Fixtures/scripts/report-browser-check.sh [TOOLKIT] [OUT]
#
# TOOLKIT: the binary (default .build/release/toolkit); OUT: a scratch folder (default
# /tmp/toolkit-report-check). Needs `chromium` (Debian: apt-get install chromium). Exit 0 when
# every page passes, 1 otherwise, with the offending elements listed.
#
# How: each report is copied with a small script appended that, once the page has laid out,
# compares every SVG element's on-screen box (getBoundingClientRect, so transforms count) with
# its SVG's box and writes the verdict into the page; `chromium --dump-dom` prints the page after
# scripts ran. The reports themselves contain no script.
set -euo pipefail
toolkit=${1:-.build/release/toolkit}
out=${2:-/tmp/toolkit-report-check}
toolkit=$(cd "$(dirname "$toolkit")" && pwd)/$(basename "$toolkit")
command -v chromium >/dev/null || { echo "needs chromium (apt-get install chromium)" >&2; exit 2; }
rm -rf "$out" && mkdir -p "$out" && cd "$out"

# The pages: an evaluation with blocks, several runs and a comparison; a time series; a bench
# of two recipes (leaderboards and the summary's critical-difference diagram).
"$toolkit" generate zigzag --out zz --quiet >/dev/null
"$toolkit" generate solar-pv --out pv --quiet >/dev/null
for seed in 1 2; do "$toolkit" detect iforest --dataset zz --seed $seed --out zz-if-$seed.csv --quiet; done
for seed in 1 2; do "$toolkit" detect hbos --dataset zz --seed $seed --out zz-hbos-$seed.csv --quiet; done
"$toolkit" evaluate --dataset zz --bootstrap 200 \
    --compare zz-if-1.csv,zz-if-2.csv zz-hbos-1.csv,zz-hbos-2.csv --report evaluate.html --quiet >/dev/null
"$toolkit" detect iforest --dataset pv --out pv-if.csv --quiet
"$toolkit" evaluate pv-if.csv --dataset pv --report series.html --quiet >/dev/null
"$toolkit" bench zigzag arrhythmia --detectors iforest,hbos,pca,knn --runs 2 --out bench --quiet >/dev/null

check='<script>
window.addEventListener("load", () => {
  const bad = [];
  document.querySelectorAll("svg").forEach((svg, i) => {
    const box = svg.getBoundingClientRect();
    svg.querySelectorAll("text, line, rect, path, circle, polyline, polygon").forEach(el => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return;
      if (r.left < box.left - 1 || r.top < box.top - 1 || r.right > box.right + 1 || r.bottom > box.bottom + 1)
        bad.push("svg " + i + " " + el.tagName + " \"" + (el.textContent || "").trim().slice(0, 40) + "\"");
    });
  });
  const p = document.createElement("pre");
  p.textContent = "LAYOUT" + "-CHECK " + (bad.length ? "OUTSIDE: " + bad.join("; ") : "OK") +
    " svgs=" + document.querySelectorAll("svg").length + " strong=" + document.querySelectorAll("td strong").length;
  document.body.appendChild(p);
});
</script>'

status=0
for page in evaluate.html series.html bench/zigzag/report.html bench/arrhythmia/report.html bench/summary.html; do
    probe="probe-$(echo "$page" | tr / -)"
    { cat "$page"; echo "$check"; } > "$probe"
    verdict=$(timeout 120 chromium --headless --no-sandbox --disable-gpu --window-size=1280,2000 \
        --virtual-time-budget=5000 --dump-dom "file://$PWD/$probe" 2>/dev/null | grep -o 'LAYOUT-CHECK[^<]*' || true)
    timeout 120 chromium --headless --no-sandbox --disable-gpu --window-size=1280,4000 \
        --screenshot="$PWD/$(basename "$probe" .html).png" "file://$PWD/$page" >/dev/null 2>&1 || true
    echo "$page: ${verdict:-no verdict (the page did not load)}"
    case "$verdict" in
        *"OK svgs="*) ;;
        *) status=1 ;;
    esac
    # The leaderboards say "best in bold": they must bold something.
    case "$page" in
        bench/*/report.html) [[ "$verdict" == *"strong=0" || -z "$verdict" ]] && { echo "  no bold cell"; status=1; } ;;
    esac
done
echo "screenshots: $out/*.png"
exit $status
