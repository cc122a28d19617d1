"""python -m roofmodel: the command line's main questions, from Python.

    python -m roofmodel hw list | hw show NAME|FILE.json
    python -m roofmodel model list | model show NAME|config.json
    python -m roofmodel ops      --model M --hw H --phase prefill|decode --seq S
    python -m roofmodel step     --model M --hw H --phase prefill|decode --seq S
    python -m roofmodel estimate --model M --hw H --prompt P --gen G
    python -m roofmodel classify --hw H --flops F --bytes B [--seconds T]
    python -m roofmodel version

The flags are the C command's (docs/cli.md); --json writes exact numbers.
Exit status: 0 success, 1 the library could not be loaded, 2 bad input.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import enum
import io
import json
import sys
from typing import Any, Dict, Optional, Sequence

import roofmodel as rm

PROG = "python -m roofmodel"


# ---- arguments ---------------------------------------------------------------

def _is_path(arg: str) -> bool:
    """The C command's rule: a path contains "/" or ends in ".json"."""
    return "/" in arg or arg.endswith(".json")


def _model(arg: str) -> rm.Model:
    return rm.model_from_config(arg) if _is_path(arg) else rm.model(arg)


def _hw(arg: str) -> rm.Hardware:
    return rm.hardware_from_json(arg) if _is_path(arg) else rm.hardware(arg)


def _workload_flags(p: argparse.ArgumentParser, phase: bool) -> None:
    p.add_argument("--model", required=True, help="model name or config.json")
    p.add_argument("--hw", required=True, help="device name or .json file")
    if phase:
        p.add_argument("--phase", required=True,
                       help="prefill (init) or decode (ar)")
        p.add_argument("--seq", type=int, required=True,
                       help="prompt tokens (prefill) or cached (decode)")
        p.add_argument("--new-tokens", type=int,
                       help="decode: tokens fed per step (default 1)")
    p.add_argument("--batch", type=int, default=1, help="sequences")
    for flag, field in (("--weight-bits", "weight_bits"),
                        ("--act-bits", "activation_bits"),
                        ("--kv-bits", "kv_bits"), ("--group", "quant_group"),
                        ("--scale-bits", "scale_bits"),
                        ("--tp", "tensor_parallel")):
        p.add_argument(flag, dest=field, type=int)
    p.add_argument("--fused", action="store_true",
                   help="fused attention instead of separate kernels")
    p.add_argument("--precision", help="matmul precision (default fp16)")
    for flag in ("--compute-eff", "--memory-eff", "--comm-eff"):
        p.add_argument(flag, type=float, default=1.0,
                       help="achievable fraction of the peak (default 1)")
    p.add_argument("--json", action="store_true", help="write JSON")


def _fields(a: argparse.Namespace) -> Dict[str, Any]:
    """The workload fields given on the command line."""
    out = {k: getattr(a, k) for k in
           ("weight_bits", "activation_bits", "kv_bits", "quant_group",
            "scale_bits", "tensor_parallel", "precision")
           if getattr(a, k, None) is not None}
    if getattr(a, "new_tokens", None) is not None:
        out["new_tokens"] = a.new_tokens
    if a.fused:
        out["attention"] = rm.Attention.FUSED
    return out


def _efficiency(a: argparse.Namespace) -> rm.Efficiency:
    return rm.Efficiency(a.compute_eff, a.memory_eff, a.comm_eff)


# ---- output ------------------------------------------------------------------

def _plain(obj: Any) -> Any:
    """Dataclasses, enums and tuples as JSON values (enums by name)."""
    if dataclasses.is_dataclass(obj):
        return {f.name: _plain(getattr(obj, f.name))
                for f in dataclasses.fields(obj)}
    if isinstance(obj, enum.Enum):
        return str(obj)
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(x) for x in obj]
    return obj


def _dump(obj: Any) -> None:
    print(json.dumps(_plain(obj), indent=2, allow_nan=False))


def _si(value: float, unit: str) -> str:
    return rm.format_si(value, unit)


def _seconds(s: float) -> str:
    return _si(s, "s")


def _print_sum(name: str, s: rm.Sum) -> None:
    print("%-6s %12s %12s %10s  %-8s dominant %s" % (
        name, _si(s.flops, "FLOP"), _si(s.bytes, "B"), _seconds(s.seconds),
        s.bound, s.dominant_op))


# ---- commands ------------------------------------------------------------------

def cmd_hw(a: argparse.Namespace) -> None:
    if a.what == "list":
        devices = rm.hardware_list()
        if a.json:
            return _dump(devices)
        for d in devices:
            print("%-14s %-28s %12s %10s" % (
                d.name, d.label, _si(d.dram_bytes_per_s, "B/s"),
                _si(d.memory_bytes, "B")))
        return None
    if not a.name:
        raise ValueError("hw show: give a device name or .json file")
    d = _hw(a.name)
    if a.json:
        return print(rm.hardware_to_json(d), end="")
    print("%s: %s (%s %s)" % (d.name, d.label, d.vendor, d.arch))
    print("  %d units at %s, memory %s, DRAM %s" % (
        d.units, _si(d.clock_hz, "Hz"), _si(d.memory_bytes, "B"),
        _si(d.dram_bytes_per_s, "B/s")))
    for p in rm.Precision:
        if d.flops_per_clock_per_unit[p]:
            print("  %-5s %s" % (p, _si(rm.peak_flops_per_s(d, p),
                                         "FLOP/s")))
    return None


def cmd_model(a: argparse.Namespace) -> None:
    if a.what == "list":
        models = rm.model_list()
        if a.json:
            return _dump(models)
        for m in models:
            print("%-22s %8s params, %3d layers, hidden %d" % (
                m.name, _si(m.params().total, ""), m.layers, m.hidden))
        return None
    if not a.name:
        raise ValueError("model show: give a model name or config.json")
    m = _model(a.name)
    if a.json:
        return _dump(m)
    p = m.params()
    print("%s: %s parameters (%s active)" % (m.name, _si(p.total, ""),
                                              _si(p.active, "")))
    for f in dataclasses.fields(m):
        if f.name not in ("name",):
            print("  %-20s %s" % (f.name, getattr(m, f.name)))
    return None


def cmd_ops(a: argparse.Namespace) -> None:
    ops, totals = rm.ops(_model(a.model), _hw(a.hw), phase=a.phase,
                         batch=a.batch, seq=a.seq,
                         efficiency=_efficiency(a), **_fields(a))
    if a.json:
        return _dump({"ops": [dict(_plain(o), name=o.name) for o in ops],
                      "layer": totals.layer, "model": totals.model})
    print("%-18s %12s %12s %9s %10s  %s" % ("op", "FLOP", "bytes", "FLOP/B",
                                           "time", "bound"))
    for o in ops:
        print("%-18s %12s %12s %9.3g %10s  %s" % (
            o.name, _si(o.flops, ""), _si(o.bytes, ""),
            o.roofline.flops_per_byte, _seconds(o.seconds), o.bound))
    _print_sum("layer", totals.layer)
    _print_sum("model", totals.model)
    return None


def cmd_step(a: argparse.Namespace) -> None:
    totals = rm.step(_model(a.model), _hw(a.hw), phase=a.phase,
                     batch=a.batch, seq=a.seq, efficiency=_efficiency(a),
                     **_fields(a))
    if a.json:
        return _dump(totals)
    _print_sum("layer", totals.layer)
    _print_sum("model", totals.model)
    return None


def cmd_estimate(a: argparse.Namespace) -> None:
    fields = _fields(a)
    for k in ("pipeline_parallel", "microbatches", "activation_reserve"):
        if getattr(a, k) is not None:
            fields[k] = getattr(a, k)
    e = rm.estimate(_model(a.model), _hw(a.hw), batch=a.batch,
                    prompt_tokens=a.prompt, gen_tokens=a.gen,
                    efficiency=_efficiency(a), **fields)
    if a.json:
        return _dump(e)
    print("time to first token   %s (%s-bound)" % (_seconds(e.ttft_seconds),
                                                    e.prefill_bound))
    print("time per output token %s (%s-bound)" % (_seconds(e.tpot_seconds),
                                                    e.decode_bound))
    print("end to end            %s" % _seconds(e.e2e_seconds))
    print("throughput            %s" % _si(e.tokens_per_s, "tokens/s"))
    print("memory per device     %s of %s: %s" % (
        _si(e.memory.total_bytes, "B"), _si(e.memory.capacity_bytes, "B"),
        "fits" if e.memory.fits else "does not fit"))
    return None


def cmd_classify(a: argparse.Namespace) -> None:
    r = rm.classify(_hw(a.hw), a.flops, a.bytes, seconds=a.seconds,
                    precision=a.precision or "fp16")
    if a.json:
        return _dump(r)
    roof = r.roof if isinstance(r, rm.Measured) else r
    print("%s-bound: %.6g FLOP/B (ridge %.6g), roofline time %s" % (
        roof.bound, roof.flops_per_byte, roof.ridge_flops_per_byte,
        _seconds(roof.seconds)))
    if isinstance(r, rm.Measured):
        print("measured %s: %.3g of the roofline" % (_seconds(r.seconds),
                                                    r.efficiency))
    return None


def cmd_version(a: argparse.Namespace) -> None:
    print("roofmodel %s (%s)" % (rm.__version__, rm.library_path()))


def parser() -> argparse.ArgumentParser:
    """The argument parser of python -m roofmodel."""
    p = argparse.ArgumentParser(prog=PROG, description=(
        "How fast can this transformer run on this accelerator, and what "
        "limits it? The roofmodel command's main questions, from Python."))
    p.add_argument("--version", action="store_true",
                   help="print the library's version and path")
    sub = p.add_subparsers(dest="command")
    for name, fn in (("hw", cmd_hw), ("model", cmd_model)):
        s = sub.add_parser(name, help="%s list | %s show NAME" % (name, name))
        s.add_argument("what", choices=("list", "show"))
        s.add_argument("name", nargs="?")
        s.add_argument("--json", action="store_true")
        s.set_defaults(run=fn)
    for name, fn, helptext in (
            ("ops", cmd_ops, "every operator of one step"),
            ("step", cmd_step, "one step's totals (roof_step)")):
        s = sub.add_parser(name, help=helptext)
        _workload_flags(s, phase=True)
        s.set_defaults(run=fn)
    s = sub.add_parser("estimate", help="TTFT, time per token, memory")
    _workload_flags(s, phase=False)
    s.add_argument("--prompt", type=int, required=True)
    s.add_argument("--gen", type=int, required=True)
    s.add_argument("--pp", dest="pipeline_parallel", type=int)
    s.add_argument("--microbatches", type=int)
    s.add_argument("--reserve", dest="activation_reserve", type=float)
    s.set_defaults(run=cmd_estimate)
    s = sub.add_parser("classify", help="one kernel's roofline verdict")
    s.add_argument("--hw", required=True)
    s.add_argument("--flops", type=float, required=True)
    s.add_argument("--bytes", type=float, required=True)
    s.add_argument("--seconds", type=float)
    s.add_argument("--precision")
    s.add_argument("--json", action="store_true")
    s.set_defaults(run=cmd_classify)
    s = sub.add_parser("version", help="the library's version and path")
    s.set_defaults(run=cmd_version)
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Runs the command line; returns the exit status."""
    p = parser()
    a = p.parse_args(argv)
    if a.version:
        a.run = cmd_version
    if not hasattr(a, "run"):
        p.print_help()
        return 2
    where = PROG + (" " + a.command if a.command else "")
    out = io.StringIO()  # written only on success, as the C command does
    try:
        with contextlib.redirect_stdout(out):
            a.run(a)
    except rm.LibraryNotFoundError as e:
        print("%s: %s" % (where, e), file=sys.stderr)
        return 1
    except (rm.RoofError, ValueError, TypeError, FileNotFoundError) as e:
        print("%s: %s" % (where, e), file=sys.stderr)
        return 2
    try:
        sys.stdout.write(out.getvalue())
        sys.stdout.flush()
    except BrokenPipeError:  # a reader such as head stopped early
        sys.stdout = None
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
