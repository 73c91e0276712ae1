#!/usr/bin/env bash
# Prints the phone measurements of the program view on a 390×844 screen:
# where the first exercise of the session ends, the height of every exercise
# row of week 1, whether the week and day bar stays in view, and whether the
# ready notice covers anything. Figures, not assertions; the phone test
# (tests/web/phone.test.mjs) checks the issue's bounds. It starts its own
# stack through scripts/test-web.sh (same settings and environment).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/scripts/test-web.sh" --test-reporter=spec "$root/tests/web/phone-figures.mjs"
