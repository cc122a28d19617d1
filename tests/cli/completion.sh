#!/usr/bin/env bash
# The bash completion (cli/roofmodel.bash) completes every subcommand that
# `roofmodel --help` lists, and each subcommand's options from its --help.
#
# usage: completion.sh ROOFMODEL COMPLETION_FILE
set -euo pipefail
exe=$1 file=$2
fail=0

# shellcheck disable=SC1090
source "$file"

complete_words() { # complete_words WORD... : prints COMPREPLY, one a line
    COMP_WORDS=("$exe" "$@")
    COMP_CWORD=$(($# ))
    COMPREPLY=()
    _roofmodel
    printf '%s\n' "${COMPREPLY[@]}" | sort -u
}

# The commands of `roofmodel --help`: the first word of each line under
# "commands:" (the hw and model lines name "hw list | hw show ...").
commands=$("$exe" --help | sed -n '/^commands:/,/^$/s/^  \([a-z]*\).*/\1/p' | sort -u)
[ -n "$commands" ] || { echo "no commands found in roofmodel --help"; exit 1; }
offered=$(complete_words "")
for c in $commands; do
    if ! grep -qx "$c" <<<"$offered"; then
        echo "completion misses subcommand '$c' (offers: $(echo $offered))"
        fail=1
    fi
done
for c in $offered; do
    case "$c" in help | --help | --version) continue ;; esac
    if ! grep -qx "$c" <<<"$commands"; then
        echo "completion offers '$c', which roofmodel --help does not list"
        fail=1
    fi
done

# Second words of hw and model, and options read from --help.
for c in hw model; do
    [ "$(complete_words "$c" "" | tr '\n' ' ')" = "list show " ] \
        || { echo "$c: want list, show"; fail=1; }
done
opts=$(complete_words ops --)
for o in --model --hw --phase --seq --tp --compute-eff --json --help; do
    grep -qx -- "$o" <<<"$opts" || { echo "ops: option $o not offered"; fail=1; }
done
grep -qx -- "--scaling" <<<"$(complete_words estimate --sc)" \
    || { echo "estimate: --scaling not offered"; fail=1; }
grep -qx "a6000" <<<"$(complete_words ops --hw a6)" \
    || { echo "--hw: device a6000 not offered"; fail=1; }
grep -qx "llama-13b" <<<"$(complete_words plot --model llama-1)" \
    || { echo "--model: model llama-13b not offered"; fail=1; }

[ $fail -eq 0 ] && echo "completion: $(echo $commands | wc -w) subcommands, options ok"
exit $fail
