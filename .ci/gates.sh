#!/usr/bin/env bash
# Quality gates (issue 9), run by `./build.sh test --full` and so by .ci/run.
# docs/quality.md says what each gate checks, why, and how a planted bug of
# each kind makes its gate fail.
#
#   gcc        build (-O3, -Werror, + -Wconversion -Wsign-conversion) and
#              every test suite with gcc
#   clang      the same with clang (-O2)
#   asan       every suite under AddressSanitizer + UBSan, no recovery
#   valgrind   the C test programs (unit, fuzz replay, abi, threads) under
#              valgrind memcheck: no error, no leak
#   tsan       tests/quality/threads.c (8 threads) under ThreadSanitizer
#   fuzz       each libFuzzer target for ROOF_FUZZ_SECONDS (60) under ASan
#              + UBSan, when fuzz/ provides them (meson option `fuzz`)
#   coverage   line and branch coverage of lib/ (gcovr); < 95% lines fails
#   cppcheck   lib/ and cli/, flags below
#   clang-tidy lib/ and cli/, configuration in .clang-tidy
# The ABI pins and the export check are tests of the 'quality' suite, so
# they run in the gcc, clang and asan gates.
#
# Environment:
#   ROOF_GATES=gcc,coverage   run only these gates (default: all)
#   ROOF_GATES_DIR=DIR        build directories and logs (default build-gates)
#   ROOF_FUZZ_SECONDS=N       time per fuzz target (default 60)
# Exit status: 0 when every gate that ran passed.
set -uo pipefail
cd "$(dirname "$0")/.."

G=${ROOF_GATES_DIR:-build-gates}
FUZZ_SECONDS=${ROOF_FUZZ_SECONDS:-60}
ONLY=${ROOF_GATES:-all}
COVERAGE_FLOOR=95
LOGS=$G/logs
mkdir -p "$LOGS"

summary=()
failed=0
note=""

# Sanitizer behaviour for every run below: stop at the first report.
export ASAN_OPTIONS=abort_on_error=1:halt_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1

wanted() {
    [ "$ONLY" = all ] && return 0
    case ",$ONLY," in *",$1,"*) return 0 ;; esac
    return 1
}

# gate NAME FUNCTION: runs FUNCTION with its output in $LOGS/NAME.log and
# records PASS/FAIL, the time, and the note the function left in $note.
gate() {
    local name=$1 fn=$2 log=$LOGS/$1.log start rc
    wanted "$name" || return 0
    note=""
    start=$(date +%s)
    echo "gates: [$name] ... (log: $log)"
    $fn >"$log" 2>&1
    rc=$?
    local secs=$(($(date +%s) - start)) result=PASS
    if [ $rc -eq 77 ]; then
        result=SKIP
    elif [ $rc -ne 0 ]; then
        result=FAIL
        failed=1
        echo "gates: [$name] FAILED; the end of its log:"
        tail -n 40 "$log" | sed 's/^/    /'
    fi
    echo "gates: [$name] $result in ${secs}s $note"
    summary+=("$(printf '%-11s %-5s %5ss  %s' "$name" "$result" "$secs" "$note")")
}

# A one-line note for the summary line of the running gate.
say() { note="$*"; echo "note: $*"; }

# setup DIR CC [meson options...]: a fresh build directory.
setup() {
    local dir=$1 cc=$2
    shift 2
    rm -rf "$dir"
    CC=$cc meson setup "$dir" "$@"
}

build_and_test() {
    local dir=$1
    shift
    ninja -C "$dir" && meson test -C "$dir" --print-errorlogs "$@"
}

conversion="-Wconversion -Wsign-conversion"

g_gcc() {
    # -O3 finds more (its deeper inlining feeds the flow-based warnings),
    # and the conversion warnings the everyday build leaves out hold here:
    # docs/quality.md says why.
    setup "$G/gcc" gcc --buildtype=release "-Dc_args=-g $conversion" -Dwerror=true \
        && build_and_test "$G/gcc" \
        && say "gcc -O3 -Werror -Wconversion, $(suite_count "$G/gcc")"
}

g_clang() {
    setup "$G/clang" clang --buildtype=debugoptimized "-Dc_args=$conversion" -Dwerror=true \
        && build_and_test "$G/clang" \
        && say "clang -O2 -Werror -Wconversion, $(suite_count "$G/clang")"
}

# "N tests": how many tests a build directory registers.
suite_count() {
    echo "$(meson test -C "$1" --no-rebuild --list 2>/dev/null | grep -c " / ") tests"
}

sanitize_opts=(-Db_sanitize=address,undefined -Db_lundef=false
    "-Dc_args=-fno-sanitize-recover=all -fno-omit-frame-pointer"
    "-Dc_link_args=-fno-sanitize-recover=all")

# Suites that load the library into programs not built with the sanitizer
# (python, cargo, go, pkg-config consumers): its runtime cannot be loaded
# there.  They run in the gcc and clang gates.
unsanitized_hosts="--no-suite consumer --no-suite python --no-suite rust --no-suite go --no-suite cross"

g_asan() {
    setup "$G/asan" clang --buildtype=debugoptimized "${sanitize_opts[@]}" \
        && build_and_test "$G/asan" $unsanitized_hosts \
        && say "address,undefined; suites unit, cli, quality, fuzz replay"
}

g_valgrind() {
    command -v valgrind >/dev/null || { echo "valgrind not installed"; return 1; }
    # The gcc gate's build (-O3 -g, no sanitizer), or a fresh one.
    [ -f "$G/gcc/build.ninja" ] || setup "$G/gcc" gcc --buildtype=release -Dc_args=-g || return 1
    ninja -C "$G/gcc" || return 1
    local vg='valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect --track-origins=yes --quiet'
    # Every C test program: the unit suite, the fuzz corpus replays, and
    # the quality programs, except noalloc (valgrind replaces the malloc it
    # defines, so it cannot count) and exports.sh (a script: valgrind would
    # check bash).  The cli and binding suites run interpreters.
    meson test -C "$G/gcc" --print-errorlogs --timeout-multiplier 10 \
        --suite unit --suite fuzz --wrap="$vg" || return 1
    meson test -C "$G/gcc" --print-errorlogs --timeout-multiplier 10 \
        --wrap="$vg" abi threads || return 1
    say "unit, fuzz replay, abi, threads: 0 errors, 0 leaks"
}

g_tsan() {
    setup "$G/tsan" clang --buildtype=debugoptimized -Db_sanitize=thread -Db_lundef=false \
        || return 1
    ninja -C "$G/tsan" tests/quality/test_threads || return 1
    if ! meson test -C "$G/tsan" --no-rebuild --list 2>/dev/null | grep -q threads; then
        echo "no threads test registered (tests/quality not built yet)"
        return 1
    fi
    # Run directly: a report exits 66 (TSan's exitcode) and names the race.
    "$G/tsan/tests/quality/test_threads" || return 1
    say "8 threads, no report"
}

g_fuzz() {
    if ! grep -q "'fuzz'" meson_options.txt 2>/dev/null; then
        echo "meson option 'fuzz' not defined: no fuzz targets yet"
        return 77
    fi
    # fuzz/meson.build compiles its targets with
    # -fsanitize=fuzzer,address,undefined itself.
    setup "$G/fuzz" clang --buildtype=debugoptimized -Dfuzz=true || return 1
    # Only the fuzz executables (the rest is built by the other gates).
    local names targets=() t name corpus work ran=""
    names=$(ninja -C "$G/fuzz" -t targets all | grep -o '^fuzz/fuzz_[A-Za-z0-9_]*:' | tr -d :)
    [ -n "$names" ] || { echo "no fuzz/fuzz_* targets"; return 1; }
    ninja -C "$G/fuzz" $names || return 1
    for t in $names; do targets+=("$G/fuzz/$t"); done
    if [ ${#targets[@]} -eq 0 ]; then
        echo "no libFuzzer executables under $G/fuzz/fuzz"
        return 1
    fi
    for t in "${targets[@]}"; do
        name=$(basename "$t")
        work=$G/fuzz-corpus/$name
        rm -rf "$work"
        mkdir -p "$work"
        # Start from the seed corpus in the tree, if there is one; new
        # inputs go to the scratch copy, never into the tree.
        for corpus in "fuzz/corpus/$name" "fuzz/corpus/${name#fuzz_}" "fuzz/${name#fuzz_}_corpus"; do
            [ -d "$corpus" ] && cp -r "$corpus"/. "$work"/
        done
        echo "== $name: ${FUZZ_SECONDS}s"
        "$t" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 \
            -print_final_stats=1 -artifact_prefix="$G/fuzz-corpus/$name-" \
            "$work" >"$LOGS/fuzz-$name.log" 2>&1
        local rc=$?
        tail -n 25 "$LOGS/fuzz-$name.log"
        [ $rc -eq 0 ] || { echo "$name: finding (exit $rc)"; return 1; }
        ran+="$name $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$LOGS/fuzz-$name.log" | grep -o '[0-9]*$') runs; "
    done
    say "${ran%; }"
}

g_coverage() {
    # Atomic counters: the thread test updates them from 8 threads, and
    # racing plain counters can go negative, which gcovr refuses to parse.
    setup "$G/coverage" gcc --buildtype=debug -Db_coverage=true \
        -Dc_args=-fprofile-update=atomic || return 1
    # Rust links the shared library here: the static archive of a coverage
    # build calls into libgcov, which cargo's link line does not carry.
    ROOFMODEL_STATIC=0 build_and_test "$G/coverage" || return 1
    local out=$G/coverage/gcovr.txt
    gcovr -r . --filter 'lib/' --exclude-unreachable-branches \
        --txt "$out" --print-summary "$G/coverage" >"$G/coverage/summary.txt" || return 1
    cat "$out"
    cat "$G/coverage/summary.txt"
    local lines branches
    lines=$(grep '^lines:' "$G/coverage/summary.txt" | grep -o '[0-9.]*%' | head -1)
    branches=$(grep '^branches:' "$G/coverage/summary.txt" | grep -o '[0-9.]*%' | head -1)
    say "lib/ lines $lines, branches $branches (floor: lines >= $COVERAGE_FLOOR%)"
    awk -v l="${lines%\%}" -v f="$COVERAGE_FLOOR" 'BEGIN { exit !(l + 0 >= f) }' || {
        echo "line coverage $lines is below the floor of $COVERAGE_FLOOR%"
        return 1
    }
}

# cppcheck: every warning, style, performance and portability check, as
# C99 on the libc of Linux; the generated version header comes from any
# configured build directory.  Suppressions, each with its reason, are in
# .cppcheck-suppressions.
g_cppcheck() {
    local gen
    gen=$(ls -d "$G"/*/include 2>/dev/null | head -1)
    [ -n "$gen" ] || { setup "$G/cppcheck-gen" gcc >/dev/null || return 1; gen=$G/cppcheck-gen/include; }
    cppcheck --std=c99 --language=c --platform=unix64 --library=posix \
        --enable=warning,style,performance,portability \
        --error-exitcode=1 --inline-suppr --quiet \
        --suppressions-list=.cppcheck-suppressions \
        -I include -I "$gen" -I lib -D__GNUC__=12 -U_WIN32 \
        lib cli || return 1
    say "lib/ cli/: no finding"
}

g_clang_tidy() {
    local db=$G/clang files
    if [ ! -f "$db/compile_commands.json" ]; then
        db=$G/tidy
        setup "$db" clang || return 1
    fi
    # The generated version header, which the files need to parse, is
    # written by meson setup (configure_file), not by ninja.
    [ -f "$db/include/roofmodel/version.h" ] || return 1
    files=$(ls lib/*.c cli/*.c)
    # Findings are errors (WarningsAsErrors in .clang-tidy).
    printf '%s\n' $files | xargs -P "$(nproc)" -n 4 clang-tidy -p "$db" --quiet \
        || return 1
    say "lib/ cli/: no finding ($(echo $files | wc -w) files)"
}

gate gcc g_gcc
gate clang g_clang
gate asan g_asan
gate valgrind g_valgrind
gate tsan g_tsan
gate fuzz g_fuzz
gate coverage g_coverage
gate cppcheck g_cppcheck
gate clang-tidy g_clang_tidy

echo
echo "================ quality gates ================"
printf '%-11s %-5s %6s  %s\n' gate result time note
for line in "${summary[@]}"; do echo "$line"; done
echo "================================================"
if [ $failed -ne 0 ]; then
    echo "gates: FAILED (logs in $LOGS)"
    exit 1
fi
echo "gates: all passed"
