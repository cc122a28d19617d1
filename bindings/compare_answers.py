"""The cross-language test: runs the C, Python, and (when given) Rust and
Go programs that answer the same questions and requires their outputs to
be identical, byte for byte.

usage: compare_answers.py C_EXE PYTHON_SCRIPT
           [--rust CARGO MANIFEST EXAMPLE] [--go RUN_GO BUILD_ROOT PACKAGE]

EXAMPLE names the example of the roofmodel crate to run (`answers`, or
`table` for the program of docs/bindings.md).  RUN_GO is
bindings/go/run_go.py, which runs `go run PACKAGE` (./cmd/answers) in the
Go module against the build in BUILD_ROOT.
"""

import difflib
import subprocess
import sys


def run(name, argv):
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    if p.returncode != 0:
        sys.exit("%s failed (%d): %s\n%s" % (name, p.returncode,
                                             " ".join(argv), p.stderr))
    return p.stdout


def programs(args):
    """(name, argv) of each program, from the command line."""
    if len(args) < 2:
        sys.exit(__doc__)
    out = [("C", [args[0]]), ("Python", [sys.executable, args[1]])]
    rest = args[2:]
    while rest:
        if rest[0] == "--rust" and len(rest) >= 4:
            cargo, manifest, example = rest[1:4]
            out.append(("Rust", [cargo, "run", "--offline", "--quiet",
                                 "--manifest-path", manifest, "-p",
                                 "roofmodel", "--example", example]))
            rest = rest[4:]
        elif rest[0] == "--go" and len(rest) >= 4:
            run_go, build_root, package = rest[1:4]
            out.append(("Go", [sys.executable, run_go, build_root, "run",
                               package]))
            rest = rest[4:]
        else:
            sys.exit(__doc__)
    return out


def main():
    outputs = [(name, run(name, argv)) for name, argv in programs(sys.argv[1:])]
    ref_name, ref = outputs[0]
    lines = ref.splitlines()
    if len(lines) < 10:
        sys.exit("C output is too short:\n" + ref)
    failed = False
    for name, out in outputs[1:]:
        if out != ref:
            failed = True
            sys.stdout.writelines(difflib.unified_diff(
                ref.splitlines(True), out.splitlines(True), ref_name, name))
    if failed:
        sys.exit(1)
    print("%d lines identical in %s" % (len(lines),
                                        ", ".join(n for n, _ in outputs)))


if __name__ == "__main__":
    main()
