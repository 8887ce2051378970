#!/usr/bin/env bash
# One-step set-up on a fresh Debian/Ubuntu machine: system packages (Tesseract with English,
# German, French and Dutch, and orientation detection; Chromium for the review page's browser
# tests), the Python package with its dev tools,
# then the main job on the bundled samples. Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-python3}
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

need_apt=()
command -v tesseract >/dev/null 2>&1 || need_apt+=(tesseract-ocr)
for lang in eng deu fra nld osd; do
  [ -f "/usr/share/tesseract-ocr/5/tessdata/$lang.traineddata" ] \
    || [ -f "/usr/share/tesseract-ocr/4.00/tessdata/$lang.traineddata" ] \
    || need_apt+=("tesseract-ocr-$lang")
done
# fonts the sample generator draws with (training the classifier generates documents)
[ -d /usr/share/fonts/truetype/liberation ] || need_apt+=(fonts-liberation)
[ -d /usr/share/fonts/truetype/dejavu ] || need_apt+=(fonts-dejavu-core)
# the review page's browser tests drive Debian's Chromium through Playwright (no browser download)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing system packages: ${need_apt[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

echo "installing bpo-toolkit and its development tools" >&2
$PYTHON -m pip install -q --disable-pip-version-check -e '.[dev]'

# the document classifier ships trained (extractors/trained/); rebuild it only if it is missing
if [ ! -f extractors/trained/doc-classifier/meta.json ]; then
  echo "training the document classifier (a few minutes: it generates its documents)" >&2
  bpo train classifier
fi

echo "processing the bundled samples: bpo batch samples/ --out out/" >&2
bpo batch samples/ --out out/
