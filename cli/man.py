#!/usr/bin/env python3
"""Writes the roofmodel(1) man page from docs/cli.md.

usage: man.py CLI_MD VERSION OUTPUT

docs/cli.md is the one description of the command; this turns its subset
of Markdown (headings, paragraphs, lists, tables, fenced blocks, inline
code, emphasis, links, images) into man(7) roff, so the page cannot drift
from it.  Run by meson at build time; tests/cli/man.sh checks the result.
"""
import re
import sys

NAME = ("roofmodel \\- how fast can a transformer run on an accelerator, "
        "and what limits it")


def escape(text):
    """Roff-escapes plain text: backslashes, hyphens, a leading dot."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def inline(text):
    """Markdown inline markup into roff fonts, after escaping."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"(figure: \1)", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = escape(text)
    text = re.sub(r"`([^`]*)`", r"\\fB\1\\fR", text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"\\fB\1\\fR", text)
    text = re.sub(r"(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])", r"\\fI\1\\fR",
                  text)
    return text


def heading(text):
    return inline(text).replace('"', '\\(dq')


def table_rows(lines):
    rows = []
    for line in lines:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if all(re.fullmatch(r":?-+:?", c) for c in cells):
            continue
        rows.append(cells)
    return rows


def table(lines, out):
    """A table as a tagged list: first cell the tag, the rest below it."""
    rows = table_rows(lines)
    head, body = rows[0], rows[1:]
    for cells in body:
        out.append(".TP")
        out.append(inline(cells[0]))
        parts = []
        for name, cell in zip(head[1:], cells[1:]):
            if cell:
                parts.append(cell if not parts else "%s: %s" % (name, cell))
        out.append(inline("; ".join(parts)) if parts else "\\&")


def block(lines, out):
    out.append(".PP")
    out.append(".RS 4")
    out.append(".nf")
    for line in lines:
        out.append(escape(line) if line else "")
    out.append(".fi")
    out.append(".RE")


def convert(md, version):
    out = ['.TH ROOFMODEL 1 "" "roofmodel %s" "User Commands"' % version,
           ".SH NAME", NAME]
    lines = md.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            out.append(".PP")
            out.append(inline(" ".join(para)))
            para.clear()

    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            flush()
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            block(lines[i + 1:j], out)
            i = j + 1
            continue
        if line.startswith("|"):
            flush()
            j = i
            while j < len(lines) and lines[j].startswith("|"):
                j += 1
            table(lines[i:j], out)
            i = j
            continue
        m = re.match(r"(#+)\s+(.*)", line)
        if m:
            flush()
            level = len(m.group(1))
            if level == 1:
                out.append(".SH DESCRIPTION")
            else:
                out.append('.%s "%s"' % ("SH" if level == 2 else "SS",
                                         heading(m.group(2))))
        elif re.match(r"\s*[-*] ", line):
            flush()
            para.append(re.sub(r"^\s*[-*] ", "", line))
            out.append(".IP \\(bu 2")
            out.append(inline(para.pop()))
        elif line.strip() == "":
            flush()
        elif out[-2:-1] == [".IP \\(bu 2"] and line.startswith("  "):
            out[-1] += " " + inline(line.strip())
        else:
            para.append(line.strip())
        i += 1
    flush()
    out.append(".SH SEE ALSO")
    out.append("The project's docs/cli.md, from which this page is made.")
    return "\n".join(out) + "\n"


def main():
    src, version, dst = sys.argv[1:4]
    with open(src, encoding="utf-8") as f:
        page = convert(f.read(), version)
    with open(dst, "w", encoding="utf-8") as f:
        f.write(page)


if __name__ == "__main__":
    main()
