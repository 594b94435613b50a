#!/bin/sh
# SPDX-License-Identifier: ISC
# Shell completion: the bash function in scripts/completion/proctor.bash, run as bash runs it
# (COMP_LINE and COMP_POINT set, COMPREPLY read back), completes commands, options, document
# ids, tags, question ids, types, method words and files; what it offers for options is exactly
# the options `proctor help CMD` documents. The zsh function is run with compadd and _files
# stubbed, when zsh is installed.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
FB="$FIX/bank"
BASHCOMP="$SRC/scripts/completion/proctor.bash"
ZSHCOMP="$SRC/scripts/completion/_proctor"
PATH="$(dirname "$PROCTOR"):$PATH"
export PATH
mkdir -p somedir
: >result-a.json
: >result-b.json

# comp LINE: the completions bash offers for LINE (cursor at its end), one a line, sorted
comp() {
    bash -c '. "$1"; COMP_LINE=$2; COMP_POINT=${#2}; COMP_WORDBREAKS=$3; _proctor proctor
             printf "%s\n" "${COMPREPLY[@]}"' _ "$BASHCOMP" "$1" "\"'><=;|&(:" | sort
}
# offers NAME LINE WORD...: each WORD is among the completions of LINE
offers() {
    _name=$1 _line=$2
    shift 2
    comp "$_line" >"$T/c"
    for _w in "$@"; do
        if ! grep -qxF -- "$_w" "$T/c"; then
            fail "bash: $_name offers '$_w'"
            sed 's/^/#   /' "$T/c" | head -n 8
            return
        fi
    done
    ok "bash: $_name"
}
# only NAME LINE WORD...: the completions of LINE are exactly the WORDs
only() {
    _name=$1 _line=$2
    shift 2
    comp "$_line" >"$T/c"
    printf '%s\n' "$@" | sort >"$T/want"
    expect_file_eq "$T/c" "$T/want" "bash: $_name"
}

only "a command from its start" "proctor pra" practice
offers "every command" "proctor " practice lint list show coverage keygen key roster verify gradebook \
    assign take mark return review show-result help
comp "proctor " >"$T/c"
expect_no_grep '__complete' "$T/c" "bash: the hidden helper is not offered"
only "an option from its start" "proctor practice --se" --seed
only "a short option's long name" "proctor list --ty" --type
only "an option given once is not offered again" "proctor list --bank x --ba" ""
offers "a repeatable option is offered again" "proctor list --doc memo --d" --doc
only "document ids of the bank given with --bank" "proctor list --bank $FB --doc " memo
export PROCTOR_BANK="$SRC/questions"
offers "document ids of the default bank (PROCTOR_BANK)" "proctor practice --doc " dallaire-fax withdrawal
unset PROCTOR_BANK
offers "tags of the bank" "proctor list --bank $FB --tag " places
only "question types" "proctor list --type o" order
offers "question ids for show" "proctor show --bank $FB " chair lyon who-did-what
only "a question id from its start" "proctor show --bank $FB ly" lyon
only "verify --method words" "proctor verify --method " average first highest last
only "--method=WORD" "proctor verify --method=hi" highest
only "key's subcommands" "proctor key " check export
only "roster's subcommands" "proctor roster --roster r " add list
only "help completes commands" "proctor help sh" show show-result
only "files for take" "proctor take result-" result-a.json result-b.json
only "files for an option's value" "proctor verify --csv result-a" result-a.json
only "a directory for --bank" "proctor practice --bank some" somedir
only "a file after --key=" "proctor practice --record x --key=result-b" result-b.json
only "nothing for a free-text value" "proctor keygen --name " ""
only "global options" "proctor --v" --version

# what is offered for "--" is what `proctor help CMD` documents, for every command
for c in $(proctor --help | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p'); do
    comp "proctor $c --" >"$T/c"
    proctor help "$c" | sed -n 's/^  -[a-z0-9], \(--[a-z-]*\).*/\1/p; s/^      \(--[a-z-]*\).*/\1/p; s/^  \(-[a-z0-9]\) .*/\1/p' |
        sort >"$T/want"
    # "-n" does not start with "--": only the long ones are offered for "--"
    grep -v '^-[a-z0-9]$' "$T/want" >"$T/want2"
    expect_file_eq "$T/c" "$T/want2" "bash: $c -- offers exactly the options help documents"
done

# zsh: the same function logic with compadd/_files stubbed
if command -v zsh >/dev/null 2>&1; then
    zcomp() {
        zsh -fc '
            compadd() { while [[ $1 == -* && $1 != -- ]]; do shift; done; [[ $1 == -- ]] && shift
                        print -l -- "$@"; }
            _files() { print -- "@files $*"; }
            compset() { :; }
            PREFIX=${@[-1]}
            words=("$@"); CURRENT=$#
            source "$0"' "$ZSHCOMP" "$@" | sort
    }
    zcomp proctor pra >"$T/c"
    printf 'practice\n' >"$T/want"
    expect_file_eq "$T/c" "$T/want" "zsh: a command from its start"
    zcomp proctor list --bank "$FB" --doc "" >"$T/c"
    printf 'memo\n' >"$T/want"
    expect_file_eq "$T/c" "$T/want" "zsh: document ids"
    zcomp proctor verify --method=la >"$T/c"
    printf 'last\n' >"$T/want"
    expect_file_eq "$T/c" "$T/want" "zsh: --method=WORD"
    zcomp proctor take "" >"$T/c"
    printf '@files \n' >"$T/want"
    expect_file_eq "$T/c" "$T/want" "zsh: files for take"
    zsh -n "$ZSHCOMP" && ok "zsh: the function parses" || fail "zsh: the function parses"
else
    echo "skip - zsh is not installed"
fi
