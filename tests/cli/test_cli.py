#!/usr/bin/env python3
"""Runs every subcommand of the roofmodel command with good and bad input.

usage: test_cli.py ROOFMODEL [DATA_DIR] [XMLLINT]

Good input: exit 0, output parsed (JSON with the json module, CSV with the
csv module, SVG with xmllint --noout) and checked against values derived by
hand below.  Bad input: exit 2, exactly one line on stderr naming the flag,
nothing on stdout and no file written.
"""
import csv
import io
import json
import math
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

EXE = os.path.abspath(sys.argv[1])
DATA = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else None
XMLLINT = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] else None

failures = []
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)
        print("FAIL: " + what, file=sys.stderr)


def close(a, b, rel=1e-12):
    return abs(a - b) <= rel * max(abs(a), abs(b))


def run(*args, cwd=None, stdin=None):
    p = subprocess.run([EXE] + list(args), cwd=cwd, input=stdin,
                       capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def ok(*args, cwd=None):
    rc, out, err = run(*args, cwd=cwd)
    check(rc == 0, "%s: exit %d, stderr %r" % (" ".join(args), rc, err))
    return out


def ok_json(*args, cwd=None):
    out = ok(*args, "--json", cwd=cwd)
    try:
        return json.loads(out)
    except ValueError as e:
        check(False, "%s --json: not JSON (%s): %r" % (" ".join(args), e,
                                                      out[:200]))
        return None


def ok_csv(*args, cwd=None):
    out = ok(*args, "--csv", cwd=cwd)
    return list(csv.DictReader(io.StringIO(out)))


def bad(args, flag, cwd=None):
    """Bad input: exit 2, one stderr line naming `flag`, empty stdout."""
    rc, out, err = run(*args, cwd=cwd)
    what = " ".join(args)
    check(rc == 2, "%s: exit %d, want 2" % (what, rc))
    check(out == "", "%s: wrote to stdout: %r" % (what, out[:100]))
    check(err.count("\n") == 1 and err.endswith("\n"),
          "%s: want one stderr line, got %r" % (what, err))
    check(flag in err, "%s: stderr does not name %r: %r" % (what, flag, err))
    return err


def svg_valid(path):
    if XMLLINT:
        p = subprocess.run([XMLLINT, "--noout", path], capture_output=True)
        check(p.returncode == 0, "xmllint %s: %r" % (path, p.stderr))
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as e:
        check(False, "%s: not XML: %s" % (path, e))
        return None


# Figures derived by hand (docs/hardware.md, the A6000 rows):
#   A6000 fp16 at 1800 MHz: 84 SM x 1024 FLOP/clk x 1.8e9 = 154.8288e12
#   at its 2100 MHz max clock: 84 x 1024 x 2.1e9 = 180.6336e12 ("181")
#   DRAM 768e9 B/s; ridge at 2100 MHz = 180.6336e12 / 768e9 = 235.2
A6000_PEAK = 84 * 1024 * 1.8e9
A6000_MAX_PEAK = 84 * 1024 * 2.1e9
A6000_BW = 768e9
# Llama 13B: hidden 5120, 40 layers, MLP 13824, vocab 32000.  Parameters:
#   per layer 4 x 5120^2 + 3 x 5120 x 13824 + 2 x 5120 = 317,204,480
#   total 40 x that + 2 x 32000 x 5120 (embed, lm_head) + 5120 (final norm)
#         = 13,015,864,320
LLAMA13_PARAMS = 40 * (4 * 5120**2 + 3 * 5120 * 13824 + 2 * 5120) \
    + 2 * 32000 * 5120 + 5120
BATCHES = [1, 2, 4, 8, 16, 32, 64]
SEQS = [128, 256, 512, 1024, 2048, 4096, 8192]


def test_version_help():
    out = ok("--version")
    check(out.startswith("roofmodel ") and out.count(".") == 2,
          "--version: %r" % out)
    out = ok("--help")
    for cmd in ("hw list", "model list", "ops", "estimate", "plot",
                "classify", "label"):
        check(cmd in out, "--help lacks %s" % cmd)
    for sub in (["hw"], ["hw", "list"], ["hw", "show"], ["model"],
                ["model", "list"], ["model", "show"], ["ops"], ["estimate"],
                ["plot"], ["classify"], ["label"]):
        out = ok(*sub, "--help")
        check(out.startswith("usage: roofmodel"), "%s --help: %r"
              % (sub, out[:80]))
    bad(["frobnicate"], "frobnicate")
    bad(["hw", "frob"], "list")
    bad(["ops", "--frob"], "--frob")
    bad(["hw", "list", "--jsn"], "--jsn")
    bad(["hw", "list", "--json", "--csv"], "--csv")


def test_default_run():
    with tempfile.TemporaryDirectory() as d:
        out = ok(cwd=d)
        path = os.path.join(d, "roofline.svg")
        check(os.path.exists(path), "default run wrote no roofline.svg")
        check("wrote roofline.svg" in out, "default run: says where: %r"
              % out[:100])
        root = svg_valid(path)
        text = open(path, encoding="utf-8").read()
        for s in ("Roofline Model (Llama 13B, A6000)", "181 TFLOP/s",
                  "768 GB/s", "qkv mlp init", "qkv mlp ar",
                  "up/gate/down init", "up/gate/down ar", "qk/pv init",
                  "qk/pv ar"):
            check(s in text, "seed SVG lacks %r" % s)
        check(root is not None and root.tag.endswith("svg"), "root not svg")
        # 49 settings x operators of the class: 4 projections (q, k, v, o),
        # 3 MLP (gate, up, down), 2 attention matmuls (qk, pv).
        want = {"qkv mlp init": 196, "qkv mlp ar": 196,
                "up/gate/down init": 147, "up/gate/down ar": 147,
                "qk/pv init": 98, "qk/pv ar": 98}
        for line in out.splitlines():
            words = line.split()
            for label, n in want.items():
                if line.strip().startswith(label + " "):
                    check(words[len(label.split())] == str(n),
                          "table: %s has %s points, want %d"
                          % (label, words[len(label.split())], n))
        # Options of the default run go to plot: `roofmodel -o FILE`.
        out = ok("-o", "seed.svg", cwd=d)
        check("wrote seed.svg" in out and os.path.exists(
            os.path.join(d, "seed.svg")), "roofmodel -o seed.svg: %r" % out)
        # `roofmodel plot` is the same run.
        os.remove(path)
        summary = ok_json("plot", cwd=d)
        check(os.path.exists(path), "plot --json wrote no SVG")
        if summary:
            check(summary["title"] == "Roofline Model (Llama 13B, A6000)",
                  "title %r" % summary["title"])
            check(summary["peak_flops_per_s"] == A6000_MAX_PEAK,
                  "peak %r" % summary["peak_flops_per_s"])
            check(summary["bytes_per_s"] == A6000_BW, "bandwidth")
            check(close(summary["ridge_flops_per_byte"], 235.2),
                  "ridge %r" % summary["ridge_flops_per_byte"])
            check(summary["batch"] == BATCHES and summary["seq"] == SEQS,
                  "sweep %r %r" % (summary["batch"], summary["seq"]))
            got = {s["label"]: s["points"] for s in summary["series"]}
            check(got == want, "series %r" % got)
        # By default each operator sits at the performance its expected
        # (calibrated) time implies: below its roof, as measured kernels do,
        # and not absurdly far below it.
        for r in ok_csv("plot", "-o", "expected.svg", cwd=d):
            x, y = float(r["flops_per_byte"]), float(r["flops_per_s"])
            roof = min(A6000_MAX_PEAK, A6000_BW * x)
            if not 0.05 * roof < y < roof:
                check(False, "expected point not below its roof: %r" % r)
                break
        rows = ok_csv("plot", "--bound", "-o", "again.svg", cwd=d)
        check(len(rows) == sum(want.values()), "csv rows %d" % len(rows))
        for r in rows:
            x, y = float(r["flops_per_byte"]), float(r["flops_per_s"])
            # With --bound every point sits on the roofline:
            # min(peak, bandwidth x I).
            if not close(y, min(A6000_MAX_PEAK, A6000_BW * x), 1e-9):
                check(False, "point off the roofline: %r" % r)
                break
            if int(r["batch"]) not in BATCHES or int(r["seq"]) not in SEQS:
                check(False, "point outside the sweep: %r" % r)
                break
            bound = "memory" if x < 235.2 else "compute"
            if r["bound"] != bound:
                check(False, "bound of %r, want %s" % (r, bound))
                break
            if r["series"] == "qkv mlp ar" and r["name"] == "q_proj":
                # Decode: one token per sequence, 2 x batch x 5120^2 FLOPs.
                want_flops = 2 * int(r["batch"]) * 5120 * 5120
                if float(r["flops"]) != want_flops:
                    check(False, "q_proj decode flops %r" % r)
                    break
        check(len(rows) > 0 and rows[0]["series"] == "qkv mlp init",
              "first csv row %r" % (rows[:1],))


def test_plot_options():
    with tempfile.TemporaryDirectory() as d:
        s = ok_json("plot", "--model", "llama-7b", "--hw", "h100-sxm",
                    "--batch", "1,4", "--seq", "256..1024", "--series",
                    "mlp-proj:decode", "-o", "x.svg", "--title", "a<b&c",
                    cwd=d)
        if s:
            # 2 batches x 3 seqs x 3 MLP operators.
            check([x["points"] for x in s["series"]] == [18],
                  "custom series %r" % s["series"])
            check(s["series"][0]["label"] == "up/gate/down ar", "label")
        svg_valid(os.path.join(d, "x.svg"))
        check("a&lt;b&amp;c" in open(os.path.join(d, "x.svg")).read(),
              "title not escaped")
        rc, out, err = run("plot", "-o", "-", "--series", "qkv:prefill",
                           "--batch", "1", "--seq", "128", cwd=d)
        check(rc == 0 and out.startswith("<?xml"), "-o -: %r" % out[:50])
        if DATA:
            s = ok_json("plot", "--measured",
                        os.path.join(DATA, "kernels_plain.csv"), "-o",
                        "m.svg", cwd=d)
            if s:
                meas = [x for x in s["series"] if x["label"] == "measured"]
                # q_proj and "two lines" have bytes and time; the third
                # kernel moves 0 bytes and has no place on the chart.
                check(len(meas) == 1 and meas[0]["points"] == 2,
                      "measured series %r" % meas)
        # Bad input writes no file.
        for args, flag in (
                (["--batch", "0"], "--batch"),
                (["--batch", "1,x"], "--batch"),
                (["--seq", "64..8"], "--seq"),
                (["--series", "qkv:lunch"], "--series"),
                (["--series", "nonsense"], "--series"),
                (["--series", "none"], "--series"),
                (["--model", "llama-13"], "--model"),
                (["--hw", "a6001"], "--hw"),
                (["--precision", "fp8"], "--precision"),
                (["--width", "-5"], "--width"),
                (["--tp", "3"], "--tp"),
                (["--measured", "missing.csv"], "--measured"),
                (["--json", "--csv"], "--csv")):
            bad(["plot", "-o", "no.svg"] + args, flag, cwd=d)
            check(not os.path.exists(os.path.join(d, "no.svg")),
                  "plot %s wrote a file" % args)
        rc, out, err = run("plot", "-o", os.path.join(d, "nodir", "x.svg"))
        check(rc == 1 and out == "" and "cannot write" in err,
              "unwritable -o: %d %r" % (rc, err))


def test_hw():
    out = ok("hw", "list")
    check("a6000-2100" in out and "181 TFLOP/s" in out, "hw list text")
    lst = ok_json("hw", "list")
    rows = ok_csv("hw", "list")
    if lst:
        check(len(lst) == len(rows), "hw list json %d vs csv %d"
              % (len(lst), len(rows)))
        by = {h["name"]: h for h in lst}
        check(by["a6000"]["peak_flops_per_s"]["fp16"] == A6000_PEAK,
              "a6000 fp16 peak %r" % by["a6000"]["peak_flops_per_s"])
        check(by["a6000-2100"]["peak_flops_per_s"]["fp16"] == A6000_MAX_PEAK,
              "a6000-2100 peak")
        check(by["a6000"]["dram_bytes_per_s"] == A6000_BW, "a6000 bw")
        # Scale-up domains and the FP4 roof (issue 15): GB200 NVL72 joins
        # 72 GPUs; B200 FP4 = 148 x 32768 x 1.856e9.
        check(by["gb200"]["scaleup_domain"] == 72, "gb200 domain")
        check(by["h100-sxm"]["scaleout_bytes_per_s"] == 50e9, "h100 scale-out")
        check(by["b200"]["peak_flops_per_s"]["fp4"] == 148 * 32768 * 1.856e9,
              "b200 fp4 %r" % by["b200"]["peak_flops_per_s"])
    csv_by = {r["name"]: r for r in rows}
    check(float(csv_by["a6000"]["peak_fp16_flops_per_s"]) == A6000_PEAK,
          "csv a6000 peak")
    out = ok("hw", "show", "a6000")
    check("155 TFLOP/s" in out and "768 GB/s" in out, "hw show text %r"
          % out[:200])
    peaks = {r["precision"]: r for r in ok_csv("hw", "show", "a6000")}
    check(float(peaks["fp16"]["peak_flops_per_s"]) == A6000_PEAK, "show csv")
    check(close(float(peaks["fp16"]["ridge_flops_per_byte"]), 201.6),
          "a6000 ridge")
    # --json reads back to the identical descriptor: same bytes again.
    with tempfile.TemporaryDirectory() as d:
        for name in ("a6000-2100", "h100-sxm", "tpu-v5e", "a6000@1410"):
            text = ok("hw", "show", name, "--json")
            path = os.path.join(d, "dev.json")
            open(path, "w").write(text)
            check(ok("hw", "show", path, "--json") == text,
                  "%s: JSON does not read back identically" % name)
            check(ok("hw", "show", path) == ok("hw", "show", name),
                  "%s: file and name show differently" % name)
            json.loads(text)
        # A path works wherever a device name does.
        open(path, "w").write(ok("hw", "show", "a6000", "--json"))
        a = ok_json("classify", "--hw", path, "--flops", "1e12", "--bytes",
                    "1e9")
        check(a is not None and a["peak_flops_per_s"] == A6000_PEAK,
              "classify --hw FILE")
        # Validation agrees with use: a file whose ridge would be inf
        # (DRAM 1e-308 B/s) or whose peaks overflow (4294967295 units at
        # 1e30 Hz) is refused, never shown with inf or null.
        base = json.loads(ok("hw", "show", "a6000", "--json"))
        for key, val in (("dram_bytes_per_s", 1e-308),
                         ("interconnect_bytes_per_s", 1e-300),
                         ("units", 4294967295)):
            dev = dict(base)
            dev[key] = val
            if key == "units":
                dev["clock_hz"] = 1e30
            json.dump(dev, open(path, "w"))
            for fmt in ([], ["--csv"], ["--json"]):
                bad(["hw", "show", path] + fmt, "dev.json")
        # At the edge of the range every ridge is a number: peak 1e-30
        # FLOP/s over 1e-30 B/s is 1 FLOP/B.
        dev = dict(base, units=1, clock_hz=1e-30, vector_clock_hz=0,
                   dram_bytes_per_s=1e-30,
                   flops_per_clock_per_unit={"fp16": 1})
        json.dump(dev, open(path, "w"))
        for fmt in ([], ["--csv"], ["--json"]):
            out = ok("hw", "show", path, *fmt)
            for word in ("inf", "nan", "null"):
                check(word not in out.lower(), "hw show %s %s printed %s"
                      % (path, fmt, word))
        rows = ok_csv("hw", "show", path)
        check(len(rows) == 1 and float(rows[0]["ridge_flops_per_byte"]) == 1.0,
              "edge ridge %r" % rows)
        open(path, "w").write('{"name": "x"')
        err = bad(["hw", "show", path], "dev.json")
        check(":1:" in err, "parse error without line: %r" % err)
    err = bad(["hw", "show", "a600"], "a600")
    check("a6000" in err, "no suggestion: %r" % err)
    bad(["hw", "show", "a6000@0"], "a6000@0")
    bad(["hw", "show"], "missing")
    bad(["hw", "show", "a6000", "h100"], "h100")
    bad(["hw", "show", "/nonexistent/x.json"], "/nonexistent/x.json")


def test_model():
    out = ok("model", "list")
    check("llama-13b" in out and "mixtral-8x7b" in out, "model list")
    lst = ok_json("model", "list")
    rows = ok_csv("model", "list")
    if lst:
        by = {m["name"]: m for m in lst}
        m = by["llama-13b"]
        check(m["hidden"] == 5120 and m["layers"] == 40
              and m["intermediate"] == 13824, "llama-13b shape %r" % m)
        check(m["params"] == LLAMA13_PARAMS, "llama-13b params %r vs %d"
              % (m["params"], LLAMA13_PARAMS))
        check(len(rows) == len(lst), "model csv rows")
    out = ok("model", "show", "llama-13b")
    check("13 G parameters" in out, "model show: %r" % out[:80])
    out = ok("model", "show", "deepseek-v3")
    check("group 1: 58 layers, MLA, experts" in out
          and "latent 512 + rope 64" in out, "model show groups: %r" % out)
    derived = json.loads(ok("model", "show", "gpt-oss-20b", "--json"))
    derived = derived["_derived"]
    check(derived["params"] == 20907928896
          and [g["up_to_tokens"] for g in derived["kv_bytes_per_token_16bit"]]
          == [128, 0], "model show --json _derived: %r" % derived)
    # Weights at the model's own formats, by hand: gpt-oss-120b's 36 x 128
    # experts of 3 x 2880^2 weights at MXFP4's 4.25 bits, its other
    # 2,127,265,344 parameters at 2 B; llama-13b (no formats, released at
    # 16 bits) at 2 B a parameter.
    d120 = json.loads(ok("model", "show", "gpt-oss-120b", "--json"))["_derived"]
    experts = 36 * 128 * 3 * 2880 * 2880 * 4.25 / 8
    check(d120["weight_bytes_by_module"]["experts"] == experts
          and d120["weight_bytes"] == experts + 2 * 2127265344
          and abs(d120["weight_bytes"] / 65.3e9 - 1) < 0.03,
          "gpt-oss-120b weight_bytes: %r" % d120)
    mods = d120["weight_bytes_by_module"]
    check(sum(v for k, v in mods.items() if k != "total") == mods["total"],
          "by module: %r" % mods)
    d13 = json.loads(ok("model", "show", "llama-13b", "--json"))["_derived"]
    check(d13["weight_bytes"] == 2 * LLAMA13_PARAMS, "llama-13b: %r" % d13)
    out = ok("model", "show", "gpt-oss-120b")
    check("weight formats: layers bf16, experts mxfp4, embedding bf16, "
          "lm_head bf16" in out, "model show formats: %r" % out)
    with tempfile.TemporaryDirectory() as d:
        for name in ("llama-13b", "mixtral-8x7b", "llama-3.1-8b",
                     "gpt-oss-20b", "gpt-oss-120b", "deepseek-v3",
                     "llama-4-maverick"):
            text = ok("model", "show", name, "--json")
            path = os.path.join(d, "config.json")
            open(path, "w").write(text)
            check(ok("model", "show", path, "--json") == text,
                  "%s: config.json does not read back" % name)
        # A format the device cannot run, named: FP32 layers on a TPU
        # v5e (no FP32 rate, nothing wider).
        cfg = json.loads(ok("model", "show", "llama-13b", "--json"))
        cfg["roofmodel"]["formats"] = {"layers": "fp32"}
        open(path, "w").write(json.dumps(cfg))
        bad(["ops", "--model", path, "--hw", "tpu-v5e", "--phase",
             "decode", "--seq", "64", "--precision", "bf16"],
            "layers' weights are fp32, which tpu-v5e has no rate")
        open(path, "w").write('{"hidden_size": 5120}')
        err = bad(["model", "show", path], "config.json")
    err = bad(["model", "show", "lama-13b"], "lama-13b")
    check("llama-13b" in err, "no suggestion: %r" % err)
    bad(["model", "show"], "missing")
    bad(["model", "show", "x", "--csv"], "--csv")
    if DATA:
        # The published Llama-2-13b config gives the preset's operators.
        cfg = os.path.join(DATA, "llama-2-13b-hf.config.json")
        a = ok_json("ops", "--model", cfg, "--hw", "a6000", "--phase",
                    "decode", "--batch", "4", "--seq", "512")
        b = ok_json("ops", "--model", "llama-2-13b", "--hw", "a6000",
                    "--phase", "decode", "--batch", "4", "--seq", "512")
        if a and b:
            check(a["ops"] == b["ops"], "config.json ops differ")


def ops_invariants(o, ridge, peak, bw, what):
    for op in o["ops"]:
        if op["bytes"] > 0:
            check(op["flops_per_byte"] == op["flops"] / op["bytes"],
                  "%s %s intensity" % (what, op["name"]))
        t = max(op["flops"] / peak, op["bytes"] / bw)
        check(close(op["seconds"], t, 1e-12), "%s %s seconds %r vs %r"
              % (what, op["name"], op["seconds"], t))
        want = "memory" if op["flops_per_byte"] < ridge else "compute"
        check(op["bound"] == want, "%s %s bound" % (what, op["name"]))
    layer = [op for op in o["ops"] if op["scope"] == "layer"]
    model = [op for op in o["ops"] if op["scope"] == "model"]
    check(close(o["layer"]["flops"], sum(op["flops"] for op in layer)),
          "%s layer flops sum" % what)
    check(close(o["model"]["flops"], o["layers"] * o["layer"]["flops"]
                + sum(op["flops"] for op in model)), "%s model flops" % what)
    check(close(o["layer"]["seconds"], sum(op["seconds"] for op in layer),
                1e-12), "%s layer seconds" % what)


def test_ops():
    base = ["ops", "--model", "llama-13b", "--hw", "a6000"]
    out = ok(*base, "--phase", "decode", "--batch", "1", "--seq", "1024")
    check("q_proj" in out and "memory" in out and "= model" in out,
          "ops text %r" % out[:200])
    d = ok_json(*base, "--phase", "decode", "--batch", "8", "--seq", "1024")
    p = ok_json(*base, "--phase", "prefill", "--batch", "2", "--seq", "128")
    for o, what in ((d, "decode"), (p, "prefill")):
        if not o:
            continue
        for k in ("model", "hardware", "phase", "batch", "seq", "ops",
                  "layer", "model"):
            check(k in o, "ops %s lacks %s" % (what, k))
        ops_invariants(o, A6000_PEAK / A6000_BW, A6000_PEAK, A6000_BW, what)
    if d and p:
        q = {op["name"]: op for op in d["ops"]}
        # Decode: batch 8, one token each: 2 x 8 x 5120 x 5120 FLOPs;
        # the weights (5120^2 x 2 bytes) dominate the bytes.
        check(q["q_proj"]["flops"] == 2 * 8 * 5120 * 5120, "decode q_proj")
        check(q["q_proj"]["weight_bytes"] == 5120 * 5120 * 2, "q weights")
        # qk: the new token attends to 1024 cached + itself = 1025 keys:
        # 8 sequences x 40 heads x 1 x 1025 x 128 x 2.
        check(q["qk_matmul"]["flops"] == 8 * 40 * 1025 * 128 * 2,
              "decode qk %r" % q["qk_matmul"]["flops"])
        check(d["phase"] == "decode" and d["batch"] == 8 and d["seq"] == 1024,
              "decode header")
        q = {op["name"]: op for op in p["ops"]}
        # Prefill: 2 x 128 tokens: 2 x 256 x 5120 x 5120.
        check(q["q_proj"]["flops"] == 2 * 256 * 5120 * 5120, "prefill q_proj")
    rows = ok_csv(*base, "--phase", "decode", "--batch", "8", "--seq", "1024")
    if d:
        check([r["name"] for r in rows] == [o["name"] for o in d["ops"]],
              "ops csv names")
        check(all(float(r["flops"]) == o["flops"]
                  for r, o in zip(rows, d["ops"])), "ops csv flops")
    t = ok_json(*base, "--phase", "decode", "--batch", "8", "--seq", "1024",
                "--tp", "2")
    if t and d:
        a = {op["name"]: op for op in t["ops"]}
        b = {op["name"]: op for op in d["ops"]}
        check(a["q_proj"]["flops"] * 2 == b["q_proj"]["flops"],
              "--tp 2 halves q_proj")
        check("allreduce" in a, "--tp 2 has an all-reduce")
    w4 = ok_json(*base, "--phase", "decode", "--batch", "1", "--seq", "128",
                 "--weight-bits", "4")
    if w4:
        q = {op["name"]: op for op in w4["ops"]}
        check(q["q_proj"]["weight_bytes"] == 5120 * 5120 / 2, "4-bit weights")
    f = ok_json(*base, "--phase", "prefill", "--batch", "1", "--seq", "512",
                "--fused")
    if f:
        check("attention" in [op["name"] for op in f["ops"]], "--fused")
    for args, flag in (
            (["--phase", "decode", "--seq", "0"], "--seq"),
            (["--phase", "decode", "--seq", "-1"], "--seq"),
            (["--phase", "decode", "--seq", "12abc"], "--seq"),
            (["--phase", "decode", "--seq", "1e3"], "--seq"),
            (["--phase", "decode", "--seq", "99999999999"], "--seq"),
            (["--phase", "decode", "--seq", "nan"], "--seq"),
            (["--phase", "decode", "--seq", "8", "--batch", "0"], "--batch"),
            (["--phase", "decode", "--seq", "8", "--batch"], "--batch"),
            (["--phase", "sideways", "--seq", "8"], "--phase"),
            (["--phase", "decode"], "--seq"),
            (["--phase", "decode", "--seq", "8", "--tp", "3"], "--tp"),
            (["--phase", "decode", "--seq", "8", "--weight-bits", "65"],
             "--weight-bits"),
            (["--phase", "decode", "--seq", "8", "--precision", "fp7"],
             "--precision"),
            (["--phase", "decode", "--seq", "8", "--compute-eff", "1.5"],
             "--compute-eff"),
            (["--phase", "prefill", "--seq", "8", "--new-tokens", "2"],
             "--new-tokens"),
            (["--phase", "decode", "--seq", "8", "--fused=1"], "--fused")):
        bad(base + args, flag)
    bad(["ops", "--hw", "a6000", "--phase", "decode", "--seq", "8"], "--model")
    err = bad(["ops", "--model", "llama-13b", "--hw", "h1000", "--phase",
               "decode", "--seq", "8"], "--hw")
    check("h100" in err, "no device suggestion: %r" % err)


def test_estimate():
    base = ["estimate", "--model", "llama-13b", "--hw", "a6000"]
    out = ok(*base, "--batch", "8", "--prompt", "1024", "--gen", "256")
    for s in ("time to first token", "time per token", "end-to-end",
              "throughput", "memory per device", "fits", "max batch"):
        check(s in out, "estimate text lacks %r" % s)
    e = ok_json(*base, "--batch", "8", "--prompt", "1024", "--gen", "256")
    if e:
        check(close(e["e2e_seconds"], e["ttft_seconds"] + e["decode_seconds"],
                    1e-12), "e2e = ttft + decode")
        check(close(e["tokens_per_s"], 8 * 256 / e["e2e_seconds"], 1e-12),
              "throughput = batch x gen / e2e")
        check(close(e["weight_bytes"], 2 * LLAMA13_PARAMS, 1e-9),
              "fp16 weights = 2 bytes x params: %r" % e["weight_bytes"])
        check(e["fits"] is True and e["capacity_bytes"] == 48e9, "fits")
        check(e["prefill_bound"] in ("memory", "compute"), "prefill bound")
        check(e["tpot_seconds"] > 0 and e["ttft_seconds"] > 0, "times > 0")
    big = ok_json("estimate", "--model", "llama-2-70b", "--hw", "a6000",
                  "--prompt", "128", "--gen", "16")
    if big:
        check(big["fits"] is False, "70B in fp16 does not fit 48 GB")
    out = ok("estimate", "--model", "llama-2-70b", "--hw", "a6000",
             "--prompt", "128", "--gen", "16")
    check("DOES NOT FIT" in out, "no-fit text")
    s = ok_json(*base, "--prompt", "512", "--gen", "64", "--scaling")
    if s:
        check([p["tensor_parallel"] for p in s["scaling"]] == [1, 2, 4, 8],
              "scaling degrees %r" % s.get("scaling"))
        check(s["scaling"][0]["speedup"] == 1, "speedup at 1 device")
    rows = ok_csv(*base, "--prompt", "512", "--gen", "64", "--scaling")
    check([r["tensor_parallel"] for r in rows] == ["1", "2", "4", "8"],
          "scaling csv")
    rows = ok_csv(*base, "--prompt", "512", "--gen", "64")
    check(len(rows) == 1 and rows[0]["model"] == "llama-13b", "estimate csv")
    for args, flag in (
            (["--prompt", "0", "--gen", "4"], "--prompt"),
            (["--prompt", "4", "--gen", "-4"], "--gen"),
            (["--prompt", "4"], "--gen"),
            (["--prompt", "4", "--gen", "4", "--reserve", "1"], "--reserve"),
            (["--prompt", "4", "--gen", "4", "--reserve", "inf"], "--reserve"),
            (["--prompt", "4", "--gen", "4", "--pp", "41"], "--pp"),
            (["--prompt", "4", "--gen", "4", "--memory-eff", "0"],
             "--memory-eff"),
            (["--prompt", "4", "--gen", "4", "--max-devices", "0"],
             "--max-devices")):
        bad(base + args, flag)


def test_step():
    base = ["step", "--model", "llama-2-13b", "--hw", "a6000"]
    out = ok(*base, "--seqs", "512+0,1+2048,1+8000")
    for w in ("3 sequence(s)", "514 new tokens", "bound", "expected"):
        check(w in out, "step text lacks %r: %r" % (w, out))
    # One sequence is roof_ops's step: the same totals as `ops`.
    one = ok_json(*base, "--seqs", "1024+0")
    ops = ok_json("ops", "--model", "llama-2-13b", "--hw", "a6000",
                  "--phase", "prefill", "--seq", "1024")
    if one and ops:
        s, m = one["step"], ops["model"]
        for k in ("seconds", "expected_seconds", "flops", "bytes",
                  "kv_bytes"):
            check(close(s[k], m[k], 1e-12), "step vs ops %s: %r %r"
                  % (k, s[k], m[k]))
        check(s["dominant_op"] == m["dominant_op"], "dominant op")
        check(one["calibration"]["name"] != "", "calibration named")
    # Decodes add their KV reads: 2 x 40 layers x 5120 x 2 bytes per key.
    a = ok_json(*base, "--seqs", "512+0")
    b = ok_json(*base, "--seqs", "512+0,1+999")
    if a and b:
        kv = b["step"]["kv_bytes"] - a["step"]["kv_bytes"]
        check(close(kv, 2 * 40 * 5120 * 2 * 1000, 1e-12),
              "a decode at 999 cached moves 1000 keys and values: %r" % kv)
        check(b["step"]["sequences"] == 2 and b["step"]["tokens"] == 513,
              "counts %r" % b["step"])
    # The speculative choice: lm_head on every token, 2 H V FLOPs each.
    last = ok_json(*base, "--seqs", "4+100")
    alls = ok_json(*base, "--seqs", "4+100", "--logits", "all")
    if last and alls:
        extra = alls["step"]["flops"] - last["step"]["flops"]
        check(close(extra, 3 * 2 * 5120 * 32000, 1e-12), "logits all")
    rows = ok_csv(*base, "--seqs", "512+0 1+2048")
    check(len(rows) == 1 and rows[0]["sequences"] == "2", "step csv")
    # Models of layer groups have plans too: one sequence is `ops`'s step.
    for model, hw, tp in (("gpt-oss-120b", "h100-sxm", "1"),
                          ("deepseek-v3", "h200", "8"),
                          ("nemotron-h-8b", "h100-sxm", "1")):
        one = ok_json("step", "--model", model, "--hw", hw, "--tp", tp,
                      "--seqs", "300+5000")
        ops = ok_json("ops", "--model", model, "--hw", hw, "--tp", tp,
                      "--phase", "decode", "--new-tokens", "300", "--seq",
                      "5000")
        if one and ops:
            for k in ("seconds", "expected_seconds", "flops", "kv_bytes"):
                check(close(one["step"][k], ops["model"][k], 1e-12),
                      "%s step vs ops %s" % (model, k))
    rc, out, err = run(*base, "--seqs-file", "-", stdin="512+0\n1+2048\n")
    check(rc == 0 and "2 sequence(s)" in out, "--seqs-file -: %r" % err)
    for args, flag in ((["--seqs", "0+5"], "--seqs"),
                       (["--seqs", "12"], "--seqs"),
                       (["--seqs", "1+x"], "--seqs"),
                       (["--seqs", ","], "--seqs"),
                       (["--seqs", "1+2;"], "--seqs"),
                       (["--seqs", "1+2", "--seqs-file", "x"], "--seqs-file"),
                       ([], "--seqs"),
                       (["--seqs", "1+2", "--logits", "some"], "--logits"),
                       (["--seqs", "1+2", "--memory-eff", "0.5"],
                        "--memory-eff"),
                       (["--seqs", "4294967295+0,1+0"], "step")):
        bad(base + args, flag)


def test_capacity():
    base = ["capacity", "--model", "llama-2-13b", "--hw", "a6000"]
    step = ["step", "--model", "llama-2-13b", "--hw", "a6000"]
    for basis, key in (("bound", "seconds"), ("expected", "expected_seconds")):
        q = ok_json(*base, "--question", "decode-batch", "--context", "2048",
                    "--budget-ms", "60", "--basis", basis)
        if not q:
            continue
        b = q["max_batch"]
        fits = ok_json(*step, "--seqs", ",".join(["1+2048"] * b))
        more = ok_json(*step, "--seqs", ",".join(["1+2048"] * (b + 1)))
        if fits and more:
            t = lambda r: r["step"][key] + (r["step"]["overhead_seconds"]
                                            if key != "seconds" else 0)
            check(t(fits) <= 0.060 < t(more), "decode-batch %s edge: %d"
                  % (basis, b))
    c = ok_json(*base, "--question", "chunk", "--seqs", "1+1000,1+2000",
                "--budget-ms", "80")
    if c:
        n = c["max_chunk"]
        more = ok_json(*step, "--seqs", "1+1000,1+2000,%d+0" % (n + 1))
        check(more and more["step"]["expected_seconds"] > 0.080,
              "chunk edge %d" % n)
    t = ok_json("capacity", "--model", "llama-3.1-70b", "--hw", "h100-sxm",
                "--question", "tp", "--prompt", "8192", "--budget-ms",
                "100000", "--fused")
    check(t and t["min_tensor_parallel"] == 2,
          "70B needs two 80 GB devices: %r" % t)
    out = ok(*base, "--question", "throughput", "--context", "4096",
             "--budget-ms", "1000")
    check("limited by the memory" in out, "throughput text: %r" % out)
    for args, flag in (
            (["--question", "decode-batch", "--budget-ms", "1"], "no answer"),
            (["--question", "frob", "--budget-ms", "1"], "--question"),
            (["--question", "tp", "--budget-ms", "1"], "--prompt"),
            (["--question", "chunk", "--budget-ms", "1", "--basis", "x"],
             "--basis"),
            (["--question", "chunk", "--budget-ms", "0"], "--budget-ms"),
            (["--question", "chunk", "--budget-ms", "9", "--csv"], "--csv")):
        bad(base + args, flag)


def test_classify():
    base = ["classify", "--hw", "a6000"]
    # 1 TFLOP over 1 GB: 1000 FLOP/B > 201.6: compute-bound at the peak;
    # measured in 10 ms: 100 TFLOP/s achieved, efficiency 1e14 / peak.
    c = ok_json(*base, "--flops", "1e12", "--bytes", "1e9", "--seconds",
                "0.01")
    if c:
        check(c["bound"] == "compute" and c["flops_per_byte"] == 1000,
              "classify bound %r" % c)
        check(c["attainable_flops_per_s"] == A6000_PEAK, "attainable")
        check(close(c["efficiency"], 1e14 / A6000_PEAK, 1e-12), "efficiency")
        check(close(c["roofline_seconds"], 1e12 / A6000_PEAK), "roof time")
    # 1 GFLOP over 1 GB: 1 FLOP/B: memory-bound at 768 GFLOP/s.
    c = ok_json(*base, "--flops", "1e9", "--bytes", "1e9")
    if c:
        check(c["bound"] == "memory" and c["attainable_flops_per_s"] == 768e9,
              "memory-bound classify %r" % c)
        check("efficiency" not in c, "no efficiency without --seconds")
    c = ok_json(*base, "--flops", "0", "--bytes", "4096")
    check(c is not None and c["bound"] == "memory", "copy kernel")
    out = ok(*base, "--flops", "53.7e9", "--bytes", "1e9", "--seconds",
             "1.23e-3")
    check("53.7 GFLOP" in out and "1.23 ms" in out and "memory" in out,
          "SI prefixes in classify text: %r" % out)
    c = ok_json(*base, "--flops", "1e12", "--bytes", "1e9", "--precision",
                "int8")
    check(c is not None and c["peak_flops_per_s"] == 2 * A6000_PEAK,
          "int8 = 2 x fp16 on GA102")
    for args, flag in (
            (["--flops", "-1", "--bytes", "1"], "--flops"),
            (["--flops", "nan", "--bytes", "1"], "--flops"),
            (["--flops", "inf", "--bytes", "1"], "--flops"),
            (["--flops", "1e31", "--bytes", "1"], "--flops"),
            (["--flops", "1e999", "--bytes", "1"], "--flops"),
            (["--flops", "0x10", "--bytes", "1"], "--flops"),
            (["--flops", "1", "--bytes", "0"], "--bytes"),
            (["--flops", "1", "--bytes", "1kB"], "--bytes"),
            (["--flops", "1", "--bytes", ""], "--bytes"),
            (["--flops", "1", "--bytes", "1", "--seconds", "0"], "--seconds"),
            (["--flops", "1"], "--bytes"),
            (["--flops", "1", "--bytes", "1", "--precision", "fp8"],
             "--precision")):
        bad(base + args, flag)
    bad(["classify", "--flops", "1", "--bytes", "1"], "--hw")


def test_calibrate():
    """calibrate fits a sample CSV and a plain kernel CSV (kinds guessed
    from the names), writes a profile that --calibration reads, scores
    it, and prints the built-in profile; a degenerate set names its kind."""
    with tempfile.TemporaryDirectory() as d:
        samples = os.path.join(d, "s.csv")
        kernels = os.path.join(d, "k.csv")
        with open(samples, "w") as f, open(kernels, "w") as g:
            f.write("kind,flops,bytes,rows,seconds\n")
            g.write("name,flops,bytes,seconds\n")
            for i in range(16):
                m = 2 ** i
                fl, by = 2.0 * m * 4096 * 4096, 2.0 * (4096 * 4096 + 2 * m * 4096)
                t = 5e-6 + ((fl / 2.2e14) ** 2 + (by / 1.6e12) ** 2) ** 0.5
                f.write("gemm,%r,%r,%d,%r\n" % (fl, by, m, t))
                g.write("sm80_gemm_%d,%r,%r,%r\n" % (i, fl, by, t))
        prof = os.path.join(d, "p.json")
        out = ok("calibrate", "--hw", "a100-80gb-pcie", samples, "-o", prof)
        check("gemm" in out and os.path.exists(prof), "calibrate: %r" % out)
        j = ok_json("ops", "--model", "llama-2-7b", "--hw", "a100-80gb-pcie",
                    "--phase", "decode", "--seq", "128", "--calibration", prof)
        if j:
            check(j["calibration"]["origin"] == "fitted",
                  "profile origin %r" % j["calibration"])
        out = ok("calibrate", "--hw", "a100-80gb-pcie", kernels)
        check(out.startswith("a100-80gb-pcie: 16 samples"), "kernel CSV %r" % out)
        out = ok("calibrate", "--hw", "a100-80gb-pcie", samples, "--score", prof)
        check("gemm" in out, "score %r" % out)
        j = json.loads(ok("calibrate", "--hw", "h100-sxm", "--builtin"))
        check(j["device"] == "h100-sxm" and "gemm" in j["kinds"], "builtin")
        with open(samples, "w") as f:
            f.write("kind,flops,bytes,seconds\n" + "gemm,1e9,1e6,1e-5\n" * 10)
        bad(["calibrate", "--hw", "a100-80gb-pcie", samples], "gemm")
        bad(["ops", "--model", "llama-2-7b", "--hw", "h100-sxm", "--phase",
             "decode", "--seq", "128", "--calibration", prof], "a100-80gb-pcie")


def test_label():
    if not DATA:
        return
    plain = os.path.join(DATA, "kernels_plain.csv")
    ncu = os.path.join(DATA, "ncu_raw.csv")
    rc, out, err = run("label", "--hw", "a6000", plain)
    check(rc == 0 and "q_proj" in out and "compute" in out,
          "label text %d %r" % (rc, out))
    check("say" in err, "skipped kernel not named: %r" % err)
    j = ok_json("label", "--hw", "a6000", plain)
    if j:
        k = {x["name"]: x for x in j["kernels"]}
        q = k["q_proj"]
        # 53687091200 FLOP / 52428800 B = 1024 FLOP/B > 201.6: compute;
        # achieved 53687091200 / 1.5e-3 s; efficiency achieved / peak.
        check(q["flops_per_byte"] == 1024 and q["bound"] == "compute",
              "label q_proj %r" % q)
        check(close(q["efficiency"], 53687091200 / 1.5e-3 / A6000_PEAK),
              "label efficiency")
        check(len(j["kernels"]) == 2, "label kernels %d" % len(j["kernels"]))
        # The expected time: q_proj is a GEMM by its name; expected /
        # measured is its efficiency against the calibrated model, and the
        # expected time is above the bound (the A6000 profile's fractions
        # are all below 1).
        check(q["kind"] == "gemm", "label kind %r" % q.get("kind"))
        check(q["expected_seconds"] > q["roofline_seconds"],
              "expected above bound")
        check(close(q["expected_efficiency"], q["expected_seconds"] / 1.5e-3),
              "expected efficiency %r" % q)
        j2 = ok_json("label", "--hw", "a6000", "--kind", "norm", plain)
        if j2:
            q2 = {x["name"]: x for x in j2["kernels"]}["q_proj"]
            check(q2["kind"] == "norm"
                  and q2["expected_seconds"] != q["expected_seconds"],
                  "label --kind %r" % q2)
    bad(["label", "--hw", "a6000", "--kind", "matmul", plain], "--kind")
    rows = ok_csv("label", "--hw", "a6000", ncu)
    check(len(rows) >= 1 and all(r["bound"] in ("memory", "compute")
                                 for r in rows), "ncu label %r" % rows[:1])
    rc, out, err = run("label", "--hw", "a6000", "-", "--json",
                       stdin="name,flops,bytes,seconds\nk,2e9,1e9,1e-3\n")
    check(rc == 0 and json.loads(out)["kernels"][0]["flops_per_byte"] == 2,
          "label from stdin")
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "k.csv")
        open(path, "w").write("name,flops\nk,1\n")
        bad(["label", "--hw", "a6000", path], "k.csv")
    bad(["label", "--hw", "a6000"], "missing")
    bad(["label", "--hw", "a6000", "/nonexistent.csv"], "/nonexistent.csv")
    bad(["label", plain], "--hw")


def test_label_stream():
    """label writes as it reads: every format of a file of many kernels,
    aligned text, rows skipped and counted, and bad input still leaves
    stdout empty even when the bad row is the last of many."""
    n = 5000
    rows = ["name,flops,bytes,seconds"]
    for i in range(n):
        # every 500th kernel moved no DRAM bytes: 10 skipped
        rows.append("k%d,%d,%d,%g" % (i, (i % 97 + 1) * 10**9,
                                      0 if i % 500 == 0 else (i % 89 + 1) * 10**7,
                                      (i % 83 + 1) * 1e-5))
    text = "\n".join(rows) + "\n"
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "many.csv")
        open(path, "w").write(text)
        rc, out, err = run("label", "--hw", "a6000", path)
        lines = out.splitlines()
        check(rc == 0 and len(lines) == 1 + 1 + (n - 10) + 1,
              "label many: exit %d, %d lines" % (rc, len(lines)))
        table = lines[1:-1]
        check(len(set(len(x) for x in table)) == 1,
              "label many: table rows of unequal width")
        check(lines[-1].startswith("%d kernel(s): " % (n - 10)),
              "label many summary %r" % lines[-1])
        check("skipped 10 kernel(s)" in err and "'k0'" in err
              and "and 2 more" in err and err.count("\n") == 1,
              "label many skipped: %r" % err)
        j = ok_json("label", "--hw", "a6000", path)
        check(j is not None and len(j["kernels"]) == n - 10
              and j["kernels"][0]["name"] == "k1"
              and j["kernels"][-1]["name"] == "k%d" % (n - 1),
              "label many --json")
        c = ok_csv("label", "--hw", "a6000", path)
        check(len(c) == n - 10 and c[1]["name"] == "k2"
              and float(c[1]["flops_per_byte"]) == 3e9 / 3e7,
              "label many --csv")
        # A bad last row: nothing written, the row named.
        open(path, "w").write(text + "last,1,1,x\n")
        for fmt in ([], ["--json"], ["--csv"]):
            bad(["label", "--hw", "a6000", path] + fmt, "many.csv:%d:" % (n + 2))
        # A kernel that took no time fails the whole file (docs/cli.md).
        open(path, "w").write("name,flops,bytes,seconds\na,1,1,1\nb,1,1,0\n")
        err = bad(["label", "--hw", "a6000", path], "many.csv:3:")
        check("time must be positive" in err, "zero time: %r" % err)
        # No kernel left: an empty table, an empty list.
        open(path, "w").write("name,flops,bytes,seconds\na,1,0,1\n")
        j = ok_json("label", "--hw", "a6000", path)
        check(j is not None and j["kernels"] == [], "label none left")


def test_messages_name_the_fault():
    """Each refusal names the flag or key at fault (issue 16)."""
    ops = ["ops", "--model", "llama-13b", "--hw", "a6000", "--phase",
           "decode", "--seq", "8"]
    est = ["estimate", "--model", "llama-13b", "--hw", "a6000", "--prompt",
           "8", "--gen", "8"]
    for flag in ("--compute-eff", "--memory-eff"):
        for base in (ops, est, ["plot", "-o", "x.svg"]):
            bad(base + [flag, "1e-300"], flag)
    bad(est + ["--tp", "2", "--comm-eff", "1e-300"], "--comm-eff")
    err = bad(est[:-1] + ["4294967295"], "--gen")
    check("4294967295" in err, "--gen overflow: %r" % err)
    err = bad(est + ["--microbatches", "2"], "--microbatches")
    check("batch of 1" in err, "--microbatches: %r" % err)
    for flag, v in (("--width", "319"), ("--height", "239"),
                    ("--width", "16385"), ("--height", "16385")):
        bad(["plot", "-o", "x.svg", flag, v], flag)
    for flag, v in (("--width", "320"), ("--height", "240")):
        with tempfile.TemporaryDirectory() as d:
            ok("plot", "-o", os.path.join(d, "x.svg"), flag, v)
    bad(["classify", "--hw", "a6000", "--flops", "1", "--bytes", "1e-300"],
        "--bytes")
    err = bad(ops[:4] + ["t4"] + ops[5:] + ["--tp", "2"], "--tp")
    check("interconnect" in err and "precision" not in err,
          "t4 --tp 2: %r" % err)
    err = bad(["--frob"], "'--frob'")
    check(err.startswith("roofmodel: ") and "plot" not in err,
          "--frob: %r" % err)
    out = ok(*(est[:-1] + ["1"]))
    check("steady decode" not in out and "time per token" not in out,
          "estimate --gen 1: %r" % out)
    out = ok(*est)
    check("in steady decode" in out, "estimate --gen 8: %r" % out)
    # A hardware file with a required number at 0 names the key.
    hw = json.loads(ok("hw", "show", "a6000", "--json"))
    with tempfile.TemporaryDirectory() as d:
        for key in ("clock_hz", "units", "memory_bytes", "dram_bytes_per_s"):
            path = os.path.join(d, "hw.json")
            h = dict(hw)
            h[key] = 0
            open(path, "w").write(json.dumps(h))
            err = bad(["hw", "show", path], '"%s"' % key)
            check("positive" in err, "%s 0: %r" % (key, err))
    # model show --json: the nested object one level deeper.
    out = ok("model", "show", "llama-13b", "--json")
    lines = out.splitlines()
    i = lines.index('  "roofmodel": {')
    check(lines[i + 1].startswith('    "name": ') and lines[-2] == "  }",
          "model show --json nesting: %r" % lines[i:])


def test_config_named_after_file():
    """A config.json without _name_or_path is named after its folder (or
    its file, X.config.json), not its family, so titles say which model."""
    if not DATA:
        return
    text = open(os.path.join(DATA, "llama-3.1-8b.config.json")).read()
    check('"_name_or_path"' not in text, "fixture has _name_or_path")
    with tempfile.TemporaryDirectory() as d:
        folder = os.path.join(d, "Llama-3.1-8B")
        os.mkdir(folder)
        open(os.path.join(folder, "config.json"), "w").write(text)
        j = ok_json("model", "show", os.path.join(folder, "config.json"))
        check(j is not None and j["_name_or_path"] == "Llama-3.1-8B",
              "named after folder: %r" % (j or {}).get("_name_or_path"))
        out = ok("plot", "--model", "./config.json", "-o", "x.svg",
                 cwd=folder)
        check('"Roofline Model (Llama 3.1 8B, A6000)"' in out,
              "chart title: %r" % out[:120])
        named = os.path.join(d, "my-llama.config.json")
        open(named, "w").write(text)
        j = ok_json("model", "show", named)
        check(j is not None and j["_name_or_path"] == "my-llama",
              "named after file: %r" % (j or {}).get("_name_or_path"))
    # With _name_or_path, that name stays.
    j = ok_json("model", "show", os.path.join(DATA, "llama-2-13b-hf.config.json"))
    check(j is not None and j["_name_or_path"] == "meta-llama/Llama-2-13b-hf",
          "kept _name_or_path: %r" % (j or {}).get("_name_or_path"))


def test_as_family():
    """An unknown model_type is refused, naming it and --as; --as FAMILY
    reads it with that family's keys and every output says so."""
    if not DATA:
        return
    text = open(os.path.join(DATA, "llama-2-13b-hf.config.json")).read()
    check('"model_type": "llama"' in text, "fixture's model_type")
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "mine.config.json")
        open(path, "w").write(text.replace('"model_type": "llama"',
                                           '"model_type": "my_llama"'))
        orig = os.path.join(DATA, "llama-2-13b-hf.config.json")
        ops = ["ops", "--hw", "a6000", "--phase", "decode", "--seq", "100"]
        err = bad(ops + ["--model", path], "my_llama")
        check("--as" in err, "refusal names --as: %r" % err)
        # the same numbers as the llama config it was written from (ops's
        # JSON names the model first; its later "model" key holds the
        # model totals, which json.loads keeps)
        j = ok_json(*ops, "--model", path, "--as", "llama")
        ref = ok_json(*ops, "--model", orig)
        check(j is not None and ref is not None
              and j["model"]["flops"] == ref["model"]["flops"]
              and j["model"]["bytes"] == ref["model"]["bytes"]
              and j["layer"]["flops"] == ref["layer"]["flops"],
              "read as llama: the llama config's totals")
        out = ok(*ops, "--model", path, "--as", "llama", "--json")
        check('"model": "meta-llama/Llama-2-13b-hf (as llama)"' in out,
              "ops json says the family: %r" % out[:120])
        rc, out, err = run(*ops, "--model", path, "--as", "llama")
        check(rc == 0 and "(as llama)" in out.splitlines()[0],
              "ops text says the family: %r" % out[:100])
        check("read as llama" in err, "a note on stderr: %r" % err)
        out = ok("step", "--model", path, "--hw", "a6000", "--seqs",
                 "512+0,1+2048", "--as", "llama")
        check("(as llama)" in out.splitlines()[0], "step text: %r" % out[:80])
        j = ok_json("estimate", "--model", path, "--hw", "a6000",
                    "--prompt", "100", "--gen", "10", "--as", "llama")
        check(j is not None and j["model"].endswith(" (as llama)"),
              "estimate json says the family")
        bad(ops + ["--model", path, "--as", "no_such_family"], "--as")
        bad(ops + ["--model", "llama-2-13b", "--as", "llama"], "--as")
    # a known model_type is read as itself, whatever --as says
    out = ok("ops", "--hw", "a6000", "--phase", "decode", "--seq", "100",
             "--model", os.path.join(DATA, "llama-2-13b-hf.config.json"),
             "--as", "qwen3")
    check("(as" not in out.splitlines()[0], "known type as itself")


def test_collective():
    # 14680064 bytes all-to-all among 8 H200s: 7/8 of it over NVLink at
    # 450 GB/s = 28.544 us; the calibrated time adds the comm floor and runs
    # at the comm kind's fraction of the link.
    c = ok_json("collective", "--hw", "h200", "--op", "all_to_all",
                "--bytes", "14680064", "--devices", "8")
    if c:
        check(c["scope"] == "scale-up" and c["in_scale_up_domain"] is True,
              "8 H200s stay on NVLink: %r" % c)
        check(c["link_bytes_per_s"] == 450e9, "NVLink 450 GB/s")
        check(close(c["seconds"], 7 / 8 * 14680064 / 450e9), "a2a bound")
        check(close(c["expected_seconds"], c["floor_seconds"] + 7 / 8
                    * 14680064 / c["expected_link_bytes_per_s"]),
              "a2a expected")
        check(c["op"] == "all-to-all", "op name")
    # 1 GB all-reduced over 128 GB200s leaves the 72-GPU NVLink domain:
    # 2 x 127/128 x 1e9 / 50e9 = 39.6875 ms.
    c = ok_json("collective", "--hw", "gb200", "--op", "all_reduce",
                "--bytes", "1e9", "--devices", "128")
    if c:
        check(c["scope"] == "scale-out" and c["in_scale_up_domain"] is False,
              "128 GB200s cross domains")
        check(close(c["seconds"], 2 * 127 / 128 * 1e9 / 50e9), "all-reduce")
    c = ok_json("collective", "--hw", "h200", "--op", "p2p", "--bytes",
                "1e6", "--devices", "2")
    if c:
        check(close(c["seconds"], 1e6 / 450e9), "p2p: the whole message")
    out = ok("collective", "--hw", "h200", "--op", "reduce_scatter",
             "--bytes", "1e6", "--devices", "16")
    check("scale-out" in out, "collective text names the network: %r" % out)
    base = ["collective", "--hw", "h200", "--bytes", "1e6", "--devices", "8"]
    for args, flag in ((["--op", "broadcast"], "--op"),
                       (["--op", "p2p", "--devices", "0"], "--devices"),
                       (["--op", "p2p", "--bytes", "-1"], "--bytes"),
                       (["--op", "all_gather", "--hw", "rtx-4090"],
                        "--devices")):
        bad(base + args, flag)


def test_ep():
    base = ["ep", "--model", "deepseek-v3", "--hw", "gb200", "--batch",
            "1024", "--prompt", "1024", "--gen", "256", "--weight-bits", "8",
            "--fused", "--max-devices", "128"]
    e = ok_json(*base)
    if e:
        pts = {(p["tensor_parallel"], p["expert_parallel"]): p
               for p in e["points"]}
        first = e["points"][0]
        check((first["tensor_parallel"], first["expert_parallel"]) == (1, 1)
              and first["speedup"] == 1, "first point t = e = 1")
        # EP 64 inside the NVL72 domain, 128 leaves it: 116 all-to-alls of
        # 128 and 64 pairs x 7168 x 2 bytes.
        p64, p128 = pts[(1, 64)], pts[(1, 128)]
        check(p64["scope"] == "scale-up" and p128["scope"] == "scale-out",
              "scopes")
        check(p64["dispatch_bytes"] == 1835008
              and p128["dispatch_bytes"] == 917504, "dispatch bytes")
        check(close(p64["a2a_seconds"], 116 * 63 / 64 * 1835008 / 900e9),
              "EP 64 all-to-all")
        check(close(p128["a2a_seconds"], 116 * 127 / 128 * 917504 / 50e9),
              "EP 128 all-to-all")
        check(p128["speedup"] < p64["speedup"], "EP 128 stops paying off")
        check(all(p["devices"] <= 128 for p in e["points"]), "max devices")
    rows = ok_csv(*base)
    check(len(rows) == len(e["points"]) if e else False, "ep csv rows")
    check(rows[0]["scope"] == "device" and rows[0]["expert_parallel"] == "1",
          "ep csv first row")
    out = ok(*base)
    check("scale-out" in out and "tokens/s/device" in out, "ep text")
    for args, flag in ((["--gen", "1"], "--gen"),
                       (["--max-devices", "0"], "--max-devices"),
                       (["--tp", "2"], "--tp"),
                       (["--model", "llama-2-7b"], "--model")):
        bad(base + args, flag)


def main():
    for t in (test_version_help, test_default_run, test_plot_options,
              test_hw, test_model, test_ops, test_estimate, test_classify,
              test_label, test_label_stream, test_messages_name_the_fault,
              test_config_named_after_file, test_as_family, test_step,
              test_capacity, test_calibrate,
              test_collective, test_ep):
        try:
            t()
        except Exception as e:  # a crash is a failure, not a pass
            check(False, "%s raised %r" % (t.__name__, e))
    print("%d checks, %d failed" % (checks, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
