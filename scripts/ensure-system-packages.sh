#!/usr/bin/env bash
# Install what the test suite needs beyond Python packages, only when it is missing:
#   chromium + chromium-driver (browser tests), postgresql (storage/API tests on PostgreSQL),
#   npm, and axe-core from the npm registry into .cache/npm (accessibility checks); and, when it
#   can, poppler-utils (the PDF export tests then read the text with pdftotext).
# apt-get runs only as root; otherwise this says what is missing and carries on: the tests that
# need it then skip, except under RUNKNEE_REQUIRE_POSTGRES=1 / RUNKNEE_REQUIRE_BROWSER=1.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || missing+=(postgresql)
command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql-common)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-system-packages: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "ensure-system-packages: missing ${missing[*]} (not root or no apt-get): those tests skip" >&2
  fi
fi

# Nice to have: without pdftotext the PDF export tests read the text from the PDF streams.
if ! command -v pdftotext >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-system-packages: installing poppler-utils"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends poppler-utils >/dev/null; }; then
    echo "ensure-system-packages: poppler-utils not installed; PDF tests use their fallback" >&2
  fi
fi

AXE=.cache/npm/node_modules/axe-core/axe.min.js
if [[ ! -f $AXE ]]; then
  if command -v npm >/dev/null 2>&1; then
    npm install --no-save --no-audit --no-fund --silent --prefix .cache/npm axe-core@4
  else
    echo "ensure-system-packages: npm missing, axe-core not installed" >&2
  fi
fi
