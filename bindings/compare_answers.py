"""The cross-language test: runs the C, Python and (when cargo is given)
Rust programs that answer the same questions and requires their outputs to
be identical, byte for byte.

usage: compare_answers.py C_EXE PYTHON_SCRIPT [CARGO MANIFEST EXAMPLE]

EXAMPLE names the example of the roofmodel crate to run (`answers`, or
`table` for the program of docs/bindings.md).
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


def main():
    if len(sys.argv) not in (3, 6):
        sys.exit(__doc__)
    outputs = [("C", run("C", [sys.argv[1]])),
               ("Python", run("Python", [sys.executable, sys.argv[2]]))]
    if len(sys.argv) == 6:
        outputs.append(("Rust", run("Rust", [
            sys.argv[3], "run", "--offline", "--quiet", "--manifest-path",
            sys.argv[4], "-p", "roofmodel", "--example", sys.argv[5]])))
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
