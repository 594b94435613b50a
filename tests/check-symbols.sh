#!/bin/sh
# SPDX-License-Identifier: ISC
# Library hygiene for libproctor.a (argument): every global symbol it defines starts with
# proctor_ or with the prefix of the private module it belongs to (src/<module>.c shares
# <module>_ helpers with other library files), and nothing in it prints, exits, aborts or
# touches the terminal or readline. Prints ok/not ok lines for tests/run.sh and exits 1 when
# a check fails.
#
# A call is seen under the name the object file references, which need not be the name in
# the source: with _FORTIFY_SOURCE printf becomes __printf_chk, assert() becomes
# __assert_fail, putc may become putc_unlocked or __overflow. Each referenced name is reduced
# to its base (version, leading underscores, __isoc99_/__isoc23_, _chk and _unlocked removed)
# before it is compared with the list.
set -u
lib=${1:?usage: check-symbols.sh libproctor.a}
private='^(course|kebab|bank|jsonpos|response|result|json|verify|session|grade|sign|keys|assignment|journal|marks|graded|rfc3339|signed|qtype|qload|qdesc|qnode|sbuf|study|csv|gradebook|tokens|textmatch|words|names|number|places|import|gift|aiken|zip)_|^qtypes$'
status=0

# AddressSanitizer adds, for each global variable X it instruments, an ODR indicator named
# __odr_asan.X (or __odr_asan_gen_X): it is checked as the X it stands for, so a misnamed
# global is still named, once, and a sanitized build passes exactly when a plain one does.
bad=$(nm -g --defined-only "$lib" | awk 'NF == 3 && $2 ~ /[TDBR]/ {
        name = $3
        sub(/^__odr_asan(\.|_gen_)/, "", name)
        print name
    }' | sort -u | grep -v '^proctor_' | grep -Ev "$private")
if [ -z "$bad" ]; then
    echo "ok - library: every global symbol is proctor_* or a private module prefix"
else
    echo "not ok - library: global symbols outside the naming rule:"
    echo "$bad" | sed 's/^/#   /'
    status=1
fi

# output to a stream or descriptor; exit and abort; err(3), error(3), assert; terminal,
# readline and history
forbidden='exit|_exit|_Exit|quick_exit|abort|printf|vprintf|fprintf|vfprintf|dprintf|vdprintf'
forbidden="$forbidden|puts|putchar|putc|fputc|fputs|fwrite|perror|psignal|psiginfo|overflow"
forbidden="$forbidden|err|errx|verr|verrx|warn|warnx|vwarn|vwarnx|error|error_at_line"
forbidden="$forbidden|assert|assert_fail|assert_perror_fail"
forbidden="$forbidden|isatty|ttyname|ttyname_r|tcgetattr|tcsetattr|getpass|stdout|stderr|stdin"
forbidden="$forbidden|readline|add_history|using_history|read_history|write_history|rl_.*|history_.*"
used=$(nm -u "$lib" | awk '{ print $NF }' | sed 's/@.*//' | sort -u |
    awk -v re="^($forbidden)\$" '{
        base = $0
        sub(/^_+/, "", base)
        sub(/^isoc(99|23)_/, "", base)
        sub(/_chk$/, "", base)
        sub(/_unlocked$/, "", base)
        if (base ~ re) print $0
    }')
if [ -z "$used" ]; then
    echo "ok - library: never prints, exits, or touches the terminal or readline"
else
    echo "not ok - library: uses what only the program may:"
    echo "$used" | sed 's/^/#   /'
    status=1
fi
exit $status
