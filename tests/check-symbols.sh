#!/bin/sh
# SPDX-License-Identifier: ISC
# Library hygiene for libproctor.a (argument): every global symbol it defines starts with
# proctor_ or with the prefix of the private module it belongs to (src/<module>.c shares
# <module>_ helpers with other library files), and nothing in it prints, exits or touches
# the terminal or readline. Prints ok/not ok lines for tests/run.sh.
set -u
lib=${1:?usage: check-symbols.sh libproctor.a}
private='^(bank|jsonpos|response|result|json|verify|session|grade|sign|keys|assignment|journal|marks|graded)_'

bad=$(nm -g --defined-only "$lib" | awk 'NF == 3 && $2 ~ /[TDBR]/ { print $3 }' |
    grep -v '^proctor_' | grep -Ev "$private")
if [ -z "$bad" ]; then
    echo "ok - library: every global symbol is proctor_* or a private module prefix"
else
    echo "not ok - library: global symbols outside the naming rule:"
    echo "$bad" | sed 's/^/#   /'
fi

forbidden='^(exit|_exit|_Exit|abort|printf|vprintf|puts|putchar|perror|fputs|fputc|putc|fprintf|vfprintf|fwrite|isatty|ttyname|tcgetattr|tcsetattr|readline|add_history|rl_.*|stdout|stderr|stdin)$'
used=$(nm -u "$lib" | awk '{ print $NF }' | sed 's/@.*//' | sort -u | grep -E "$forbidden")
if [ -z "$used" ]; then
    echo "ok - library: never prints, exits, or touches the terminal or readline"
else
    echo "not ok - library: uses what only the program may:"
    echo "$used" | sed 's/^/#   /'
fi
