#!/bin/sh
# The library/program boundary (STYLE.md §1), checked on the built libproctor.a.
. "$(dirname "$0")/lib.sh"
sh "$SRC/tests/check-symbols.sh" "$BUILDDIR/libproctor.a"
