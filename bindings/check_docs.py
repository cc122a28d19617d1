"""docs/bindings.md shows the example programs verbatim: each FILE's text
must appear in DOC inside a fenced code block, so the documented code is
the code that the tests build and run.

usage: check_docs.py DOC FILE...
"""

import sys


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = f.read()
    missing = []
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            code = f.read().strip("\n")
        if "\n" + code + "\n```" not in doc:
            missing.append(path)
    if missing:
        sys.exit("%s does not show, verbatim in a code block: %s"
                 % (sys.argv[1], ", ".join(missing)))
    print("%d examples shown verbatim" % (len(sys.argv) - 2))


if __name__ == "__main__":
    main()
