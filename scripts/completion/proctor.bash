# SPDX-License-Identifier: ISC
# bash completion for proctor: commands, options, option values (document ids, tags, question
# ids, types, files) from the program's own option tables, through 'proctor __complete'.
# Installed by 'make install' as $(DATADIR)/bash-completion/completions/proctor.

_proctor() {
    local line cur out prefix
    local -a words
    # the words up to the cursor, split on blanks (not on '=' or ':' as COMP_WORDS is)
    line=${COMP_LINE:0:COMP_POINT}
    read -r -a words <<<"$line"
    case $line in *[[:blank:]]) words+=("") ;; esac
    [ ${#words[@]} -ge 2 ] || return 0
    cur=${words[${#words[@]} - 1]}
    out=$("${words[0]}" __complete "${words[@]:1}" 2>/dev/null) || return 0
    # bash completes the text after the last '=' (a word break) of --opt=VALUE
    prefix=""
    case $cur in --*=*) case $COMP_WORDBREAKS in *=*) prefix=${cur%%=*}= ;; esac ;; esac
    case $out in
    @file)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "${cur#"$prefix"}")
        ;;
    @dir)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -d -- "${cur#"$prefix"}")
        ;;
    *)
        COMPREPLY=()
        local c
        while IFS= read -r c; do
            [ -n "$c" ] && COMPREPLY+=("${c#"$prefix"}")
        done <<<"$out"
        ;;
    esac
}
complete -F _proctor proctor
