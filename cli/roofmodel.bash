# bash completion for roofmodel (installed as
# share/bash-completion/completions/roofmodel).
#
# Subcommands are listed here (tests/cli/completion.sh checks the list
# against `roofmodel --help`); a subcommand's options are read from its own
# `roofmodel CMD --help`, so they cannot drift from the command.

_roofmodel_commands="hw model ops estimate plot classify label calibrate step capacity collective ep help --help --version"

_roofmodel_names() {
    # Device or model names: the first column of `hw list` / `model list`.
    "$1" "$2" list --csv 2>/dev/null | sed -n '2,$s/,.*//p'
}

_roofmodel() {
    local cur prev exe cmd words
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    exe=${COMP_WORDS[0]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        # shellcheck disable=SC2207
        COMPREPLY=($(compgen -W "$_roofmodel_commands" -- "$cur"))
        return 0
    fi
    cmd=${COMP_WORDS[1]}
    words=$cmd
    case "$cmd" in
    hw | model)
        if [ "$COMP_CWORD" -eq 2 ]; then
            # shellcheck disable=SC2207
            COMPREPLY=($(compgen -W "list show" -- "$cur"))
            return 0
        fi
        if [ "$COMP_CWORD" -eq 3 ] && [ "${COMP_WORDS[2]}" = show ] \
            && [[ $cur != -* ]]; then
            # shellcheck disable=SC2207
            COMPREPLY=($(compgen -W "$(_roofmodel_names "$exe" "$cmd")" \
                -- "$cur") $(compgen -f -- "$cur"))
            return 0
        fi
        words="$cmd ${COMP_WORDS[2]}"
        ;;
    esac
    case "$prev" in
    --hw)
        # shellcheck disable=SC2207
        COMPREPLY=($(compgen -W "$(_roofmodel_names "$exe" hw)" -- "$cur") \
            $(compgen -f -- "$cur"))
        return 0
        ;;
    --model)
        # shellcheck disable=SC2207
        COMPREPLY=($(compgen -W "$(_roofmodel_names "$exe" model)" \
            -- "$cur") $(compgen -f -- "$cur"))
        return 0
        ;;
    --phase)
        # shellcheck disable=SC2207
        COMPREPLY=($(compgen -W "prefill decode init ar" -- "$cur"))
        return 0
        ;;
    --op)
        # shellcheck disable=SC2207
        COMPREPLY=($(compgen -W "all_reduce all_gather reduce_scatter all_to_all p2p" -- "$cur"))
        return 0
        ;;
    -o | --output | --measured)
        # shellcheck disable=SC2207
        COMPREPLY=($(compgen -f -- "$cur"))
        return 0
        ;;
    esac
    if [[ $cur == -* ]]; then
        local opts
        # shellcheck disable=SC2086  # words is "CMD [SUB]"
        opts=$("$exe" $words --help 2>/dev/null \
            | sed -nE 's/^  (-[a-z], )?(--[a-z-]+).*/\2/p')
        # shellcheck disable=SC2207
        COMPREPLY=($(compgen -W "$opts --help" -- "$cur"))
        return 0
    fi
    # shellcheck disable=SC2207
    COMPREPLY=($(compgen -f -- "$cur"))
    return 0
}
complete -F _roofmodel roofmodel
