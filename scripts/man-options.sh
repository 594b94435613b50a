#!/bin/sh
# SPDX-License-Identifier: ISC
# Puts the OPTIONS section of the man page, as `proctor help --roff` prints it from the option
# tables, between the lines '.\" BEGIN OPTIONS' and '.\" END OPTIONS' of the page.
#   scripts/man-options.sh PROCTOR MANPAGE        rewrite MANPAGE (make man)
#   scripts/man-options.sh PROCTOR MANPAGE -      print the page as it should be, to stdout
set -eu
proctor=$1 page=$2 to=${3:-}
gen=$(mktemp)
new=$(mktemp)
trap 'rm -f "$gen" "$new"' EXIT
"$proctor" help --roff >"$gen"
grep -q '^\.\\" BEGIN OPTIONS' "$page" && grep -q '^\.\\" END OPTIONS' "$page" || {
    echo "man-options.sh: $page has no '.\\\" BEGIN OPTIONS' ... '.\\\" END OPTIONS' lines" >&2
    exit 1
}
awk -v gen="$gen" '
    /^\.\\" END OPTIONS/ { skip = 0 }
    !skip { print }
    /^\.\\" BEGIN OPTIONS/ { while ((getline l < gen) > 0) print l; skip = 1 }
' "$page" >"$new"
if [ "$to" = - ]; then cat "$new"; else cat "$new" >"$page"; fi
