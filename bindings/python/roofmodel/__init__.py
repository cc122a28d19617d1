"""roofmodel: how fast can this transformer run on this accelerator, and
what limits it?  Python bindings of the C library (ctypes, standard library
only).

    >>> import roofmodel as rm
    >>> hw = rm.hardware("a6000")
    >>> ops, totals = rm.ops("llama-2-13b", hw, phase="decode", seq=1024)
    >>> for op in ops:
    ...     print(op.name, op.flops, op.bytes, op.bound)
    >>> print(totals.model.seconds)

The library is found through ROOFMODEL_LIB (a path to libroofmodel.so or a
directory holding it), then build*/lib/ directories above this package,
then the system's library path.  Every failure of the C library raises a
RoofError subclass carrying the status and its text.
"""

import ctypes
import os
from ctypes import byref, c_char_p, c_double, c_size_t, c_uint32
from typing import List, NamedTuple

from . import errors, ffi
from .errors import (BufferTooSmallError, DoesNotFitError, InvalidError,
                     MissingError, NotFoundError, NullError, ParseError,
                     RangeError, RoofError, RoofOverflowError,
                     UnsupportedError, WriteError, WrongTypeError)
from .types import (Attention, Bound, Ceiling, CeilingKind, ChartCeiling,
                    Efficiency, Estimate, Hardware, Hierarchy, Kernel, Level,
                    Marker, Measured, Memory, Mlp, Model, ModelParams, Norm,
                    Op, OpClass, OpId, Position, Precision, Request, Roofline,
                    ScalingPoint, Scope, Series, Sum, Totals, Workload,
                    from_c, to_c)

__all__ = [
    # functions
    "version", "version_number", "status_str", "library_path",
    "hardware", "hardware_list", "hardware_aliases", "format_si", "hardware_from_json", "hardware_to_json",
    "peak_flops_per_s", "roof_rate", "at_clock", "ceiling", "classify", "hierarchy",
    "model", "model_list", "model_from_config", "model_to_json",
    "param_count", "workload", "ops", "step", "request", "estimate",
    "memory_footprint", "scaling", "chart_svg", "kernels_from_csv",
    # types
    "OpsResult", "Attention", "Bound", "Ceiling", "CeilingKind",
    "ChartCeiling", "Efficiency", "Estimate", "Hardware", "Hierarchy",
    "Kernel", "Level", "Marker", "Measured", "Memory", "Mlp", "Model",
    "ModelParams", "Norm", "Op", "OpClass", "OpId", "Position", "Precision",
    "Request", "Roofline", "ScalingPoint", "Scope", "Series", "Sum",
    "Totals", "Workload",
    # errors
    "RoofError", "NullError", "RangeError", "InvalidError",
    "UnsupportedError", "NotFoundError", "BufferTooSmallError", "ParseError",
    "MissingError", "WrongTypeError", "WriteError", "RoofOverflowError",
    "DoesNotFitError",
]


def _c():
    return ffi.load()


def version():
    """The loaded library's version text, "MAJOR.MINOR.PATCH"."""
    return _c().roof_version_string().decode()


def version_number():
    """major * 10000 + minor * 100 + patch of the loaded library."""
    return _c().roof_version_number()


def library_path():
    """The file the library was loaded from."""
    return _c().path


def status_str(status):
    return _c().roof_status_str(status).decode()


# ---- argument coercion --------------------------------------------------

def _precision(p):
    if isinstance(p, str):
        v = c_uint32()
        _c().roof_precision_from_name(p.encode(), byref(v))
        return Precision(v.value)
    return Precision(p)


def _attention(a):
    return Attention[a.upper()] if isinstance(a, str) else Attention(a)


def _efficiency(eff):
    """None (pure roofline) or a roof_efficiency from an Efficiency, a
    (compute, memory, interconnect) tuple or a dict."""
    if eff is None:
        return None
    if isinstance(eff, dict):
        eff = Efficiency(**eff)
    elif not isinstance(eff, Efficiency):
        eff = Efficiency(*eff)
    return to_c(eff)


def _u32(name, v):
    """A uint32 argument; ctypes would wrap -1 to 4294967295 silently."""
    if isinstance(v, bool) or not isinstance(v, int) \
            or not 0 <= v <= 0xFFFFFFFF:
        raise errors.RangeError(errors.E_RANGE, "%s must be an integer in "
                                "0 .. 2^32-1, not %r" % (name, v))
    return v


def _ptr(s):
    return None if s is None else byref(s)


def _hw(hw):
    if isinstance(hw, str):
        hw = hardware(hw)
    return to_c(hw)


def _model(m):
    if isinstance(m, str):
        m = model(m)
    return to_c(m)


def _suggest(fn, name):
    names = (c_char_p * 5)()
    n = c_uint32()
    fn(name.encode(), names, 5, byref(n))
    return [names[i].decode() for i in range(n.value)]


def _not_found(e, fn, name):
    """Adds "did you mean" names to a NotFoundError."""
    e.suggestions = _suggest(fn, name)
    if e.suggestions:
        e.args = ("%s; did you mean %s?" % (e.args[0],
                                             ", ".join(e.suggestions)),)
    return e


def _render(fn, s):
    """Text from a "buf, cap, &len" function, sized in at most two calls."""
    n = c_size_t()
    buf = ctypes.create_string_buffer(4096)
    try:
        fn(byref(s), buf, len(buf), byref(n))
    except BufferTooSmallError:
        buf = ctypes.create_string_buffer(n.value)
        fn(byref(s), buf, len(buf), byref(n))
    return buf.raw[:n.value].decode("utf-8")


def _text(text_or_path):
    """Bytes of a document given as text, bytes, or a path to a file."""
    if isinstance(text_or_path, bytes):
        return text_or_path
    if isinstance(text_or_path, os.PathLike) or (
            isinstance(text_or_path, str)
            and not text_or_path.lstrip().startswith(("{", "["))
            and os.path.isfile(text_or_path)):
        with open(text_or_path, "rb") as f:
            return f.read()
    return text_or_path.encode("utf-8")


# ---- hardware -----------------------------------------------------------

def hardware(name, clock_hz=None):
    """A built-in device by name or alias ("a6000", "rtx-a6000",
    "a6000@2100" for 2100 MHz); clock_hz re-clocks it."""
    s = ffi.roof_hardware()
    try:
        _c().roof_hardware_find(name.encode(), byref(s))
    except NotFoundError as e:
        raise _not_found(e, _c().roof_hardware_suggest, name) from None
    hw = from_c(s)
    return hw if clock_hz is None else at_clock(hw, clock_hz)


def hardware_list():
    """Every built-in device, in table order."""
    out = []
    for i in range(_c().roof_hardware_count()):
        s = ffi.roof_hardware()
        _c().roof_hardware_get(i, byref(s))
        out.append(from_c(s))
    return out


def hardware_aliases(name):
    """The other names a built-in device answers to."""
    target = hardware(name).name
    lib = _c()
    for i in range(lib.roof_hardware_count()):
        s = ffi.roof_hardware()
        lib.roof_hardware_get(i, byref(s))
        if s.name.decode() == target:
            out, k = [], 0
            while lib.roof_hardware_alias(i, k) is not None:
                out.append(lib.roof_hardware_alias(i, k).decode())
                k += 1
            return out
    return []  # re-clocked "name@MHz" devices have no table entry


def at_clock(hw, clock_hz):
    """The same device with every clock at clock_hz."""
    s = ffi.roof_hardware()
    _c().roof_hardware_at_clock(byref(_hw(hw)), clock_hz, byref(s))
    return from_c(s)


def peak_flops_per_s(hw, precision="fp16"):
    v = c_double()
    _c().roof_hardware_peak_flops_per_s(byref(_hw(hw)), _precision(precision),
                                        byref(v))
    return v.value


def roof_rate(hw, precision="fp16"):
    """The per-clock rate a precision's roof uses and its accumulator:
    (FLOP per clock per unit, "fp16" or "wide").  GeForce FP16 roofs use
    the faster FP16-accumulate rate."""
    v, acc = c_double(), c_uint32()
    _c().roof_hardware_roof_rate(byref(_hw(hw)), _precision(precision),
                                 byref(v), byref(acc))
    return v.value, ("fp16" if acc.value == 1 else "wide")


def hardware_from_json(text_or_path):
    """A device from a hardware description file (text, bytes or path)."""
    data = _text(text_or_path)
    s, err = ffi.roof_hardware(), ffi.roof_parse_error()
    _c().roof_hardware_from_json(data, len(data), byref(s), byref(err))
    return from_c(s)


def hardware_to_json(hw):
    return _render(_c().roof_hardware_to_json, _hw(hw))


# ---- roofline -----------------------------------------------------------

def ceiling(hw, precision="fp16", efficiency=None):
    """The two roofs of a device at a precision, efficiency applied."""
    s = ffi.roof_ceiling()
    _c().roof_ceiling_from_hardware(byref(_hw(hw)), _precision(precision),
                                    _ptr(_efficiency(efficiency)), byref(s))
    return from_c(s)


def classify(hw, flops, bytes, seconds=None, precision="fp16",
             efficiency=None):
    """The roofline verdict for a kernel of `flops` moving `bytes` on a
    device (a Hardware, a name, or a Ceiling).  With `seconds` (measured),
    a Measured with the achieved rates, efficiency and label."""
    if isinstance(hw, Ceiling):
        c = to_c(hw)
    else:
        c = to_c(ceiling(hw, precision, efficiency))
    if seconds is None:
        out = ffi.roof_roofline()
        _c().roof_roofline_eval(byref(c), flops, bytes, byref(out))
    else:
        out = ffi.roof_measured()
        _c().roof_measured_eval(byref(c), flops, bytes, seconds, byref(out))
    return from_c(out)


def hierarchy(peak_flops_per_s, flops, levels):
    """Hierarchical roofline: levels is a list of Level or (bytes,
    bytes_per_s) pairs, DRAM first."""
    levels = [lv if isinstance(lv, Level) else Level(*lv) for lv in levels]
    arr = (ffi.roof_level * max(len(levels), 1))(*[to_c(lv) for lv in levels])
    out = ffi.roof_hierarchy()
    _c().roof_hierarchy_eval(peak_flops_per_s, flops, arr, len(levels),
                             byref(out))
    return from_c(out)


# ---- models -------------------------------------------------------------

def model(name):
    """A built-in model preset by name or alias ("llama-2-13b")."""
    s = ffi.roof_model()
    try:
        _c().roof_model_find(name.encode(), byref(s))
    except NotFoundError as e:
        raise _not_found(e, _c().roof_model_suggest, name) from None
    return from_c(s)


def model_list():
    out = []
    for i in range(_c().roof_model_count()):
        s = ffi.roof_model()
        _c().roof_model_get(i, byref(s))
        out.append(from_c(s))
    return out


def model_from_config(text_or_path):
    """A model from a HuggingFace config.json: its text, bytes, or path."""
    data = _text(text_or_path)
    s, err = ffi.roof_model(), ffi.roof_parse_error()
    _c().roof_model_from_json(data, len(data), byref(s), byref(err))
    return from_c(s)


def model_to_json(m):
    return _render(_c().roof_model_to_json, _model(m))


def param_count(m):
    out = ffi.roof_model_params()
    _c().roof_model_param_count(byref(_model(m)), byref(out))
    return from_c(out)


# ---- operators ----------------------------------------------------------

_PHASES = {"prefill": "roof_workload_prefill", "init": "roof_workload_prefill",
           "decode": "roof_workload_decode", "ar": "roof_workload_decode"}


def _apply(target, fields):
    """Sets workload/request fields given as keywords, by name."""
    for k, v in fields.items():
        if not hasattr(target, k):
            raise TypeError("unknown field %r for %s"
                            % (k, type(target).__name__))
        if k == "precision":
            v = _precision(v)
        elif k == "attention":
            v = _attention(v)
        elif k == "efficiency":
            v = Efficiency(*v) if isinstance(v, tuple) else v
        setattr(target, k, v)


def workload(phase="prefill", batch=1, seq=1024, **fields):
    """A step: phase "prefill" feeds seq tokens per sequence, "decode" one
    token after seq cached ones.  Other roof_workload fields by keyword
    (weight_bits=4, attention="fused", precision="fp8", ...)."""
    try:
        fn = getattr(_c(), _PHASES[phase])
    except KeyError:
        raise ValueError("phase must be one of %s, not %r"
                         % (", ".join(_PHASES), phase)) from None
    s = ffi.roof_workload()
    fn(_u32("batch", batch), _u32("seq", seq), byref(s))
    w = from_c(s)
    _apply(w, fields)
    return w


_new_workload = workload  # ops() has a parameter of that name


class OpsResult(NamedTuple):
    """Every operator of one step, and the per-layer and model totals."""
    ops: List[Op]
    totals: Totals


def ops(model, hw, phase="prefill", batch=1, seq=1024, efficiency=None,
        workload=None, **fields):
    """Every operator of one step of `model` on `hw` (objects or names).
    Pass a Workload as `workload`, or phase/batch/seq and field keywords
    as workload() takes them."""
    if workload is None:
        workload = _new_workload(phase, batch, seq, **fields)
    elif fields:
        raise TypeError("give either a workload or workload fields")
    arr = (ffi.roof_op * ffi.ROOF_MAX_OPS)()
    n, totals = c_uint32(), ffi.roof_totals()
    _c().roof_ops(byref(_model(model)), byref(to_c(workload)),
                  byref(_hw(hw)), _ptr(_efficiency(efficiency)), arr,
                  ffi.ROOF_MAX_OPS, byref(n), byref(totals))
    return OpsResult([from_c(arr[i]) for i in range(n.value)],
                     from_c(totals))


def step(model, hw, phase="prefill", batch=1, seq=1024, efficiency=None,
         workload=None, **fields):
    """The totals ops() gives for the same step, without the operators
    (roof_step: what a scheduler asks per candidate batch)."""
    if workload is None:
        workload = _new_workload(phase, batch, seq, **fields)
    elif fields:
        raise TypeError("give either a workload or workload fields")
    totals = ffi.roof_totals()
    _c().roof_step(byref(_model(model)), byref(to_c(workload)),
                   byref(_hw(hw)), _ptr(_efficiency(efficiency)),
                   byref(totals))
    return from_c(totals)


# ---- estimates ----------------------------------------------------------

def request(batch=1, prompt_tokens=1024, gen_tokens=128, **fields):
    """A request with roof_request_init's defaults; any roof_request or
    roof_workload field by keyword (tensor_parallel=2, efficiency=...)."""
    s = ffi.roof_request()
    _c().roof_request_init(_u32("batch", batch),
                           _u32("prompt_tokens", prompt_tokens),
                           _u32("gen_tokens", gen_tokens), byref(s))
    r = from_c(s)
    _apply(r, {k: v for k, v in fields.items()
               if not hasattr(r.workload, k)})
    _apply(r.workload, {k: v for k, v in fields.items()
                        if hasattr(r.workload, k)})
    return r


def _request(req, kw):
    if req is None:
        return request(**kw)
    if kw:
        raise TypeError("give either a request or request fields")
    return req


def estimate(model, hw, req=None, **fields):
    """Time to first token, time per output token, throughput, memory for
    a request (a Request, or request()'s keywords)."""
    out = ffi.roof_estimate()
    _c().roof_estimate_run(byref(_model(model)), byref(_hw(hw)),
                           byref(to_c(_request(req, fields))), byref(out))
    return from_c(out)


def memory_footprint(model, hw, req=None, **fields):
    out = ffi.roof_memory()
    _c().roof_memory_footprint(byref(_model(model)), byref(_hw(hw)),
                               byref(to_c(_request(req, fields))), byref(out))
    return from_c(out)


def scaling(model, hw, max_devices=8, req=None, **fields):
    """Tensor-parallel sweep t = 1, 2, 4, ... up to max_devices."""
    _u32("max_devices", max_devices)
    m, h, r = _model(model), _hw(hw), to_c(_request(req, fields))
    n = c_uint32()
    cap = max(max_devices.bit_length(), 1)
    arr = (ffi.roof_scaling_point * cap)()
    try:
        _c().roof_scaling(byref(m), byref(h), byref(r), max_devices, arr,
                          cap, byref(n))
    except BufferTooSmallError:
        cap = n.value
        arr = (ffi.roof_scaling_point * cap)()
        _c().roof_scaling(byref(m), byref(h), byref(r), max_devices, arr,
                          cap, byref(n))
    return [from_c(arr[i]) for i in range(n.value)]


# ---- charts and measured kernels ----------------------------------------

def _c_str(s):
    return None if s is None else s.encode("utf-8")


def chart_svg(ceilings=(), series=(), title=None, x_range=(0.0, 0.0),
              y_range=(0.0, 0.0), width_px=0, height_px=0, ridge_line=False):
    """A roofline chart as SVG text.  ceilings: ChartCeiling items; series:
    Series items; ranges (min, max) with (0, 0) = automatic."""
    keep = []  # arrays the C structs point into, alive until the call ends
    c_ceil = (ffi.roof_chart_ceiling * max(len(ceilings), 1))()
    for i, c in enumerate(ceilings):
        label = _c_str(c.label)
        keep.append(label)
        c_ceil[i] = ffi.roof_chart_ceiling(label, c.value, int(c.kind),
                                           c.color)
    c_series = (ffi.roof_series * max(len(series), 1))()
    for i, s in enumerate(series):
        if len(s.flops_per_byte) != len(s.flops_per_s):
            raise ValueError("series %r: x and y differ in length" % s.label)
        xs = (c_double * max(len(s.flops_per_byte), 1))(*s.flops_per_byte)
        ys = (c_double * max(len(s.flops_per_s), 1))(*s.flops_per_s)
        label = _c_str(s.label)
        keep.extend((xs, ys, label))
        c_series[i] = ffi.roof_series(label, xs, ys, len(s.flops_per_byte),
                                      s.color, int(s.marker), 0)
    chart = ffi.roof_chart(
        _c_str(title), c_ceil, len(ceilings), len(series), c_series,
        x_range[0], x_range[1], y_range[0], y_range[1], width_px, height_px,
        1 if ridge_line else 0, 0)
    keep.append(title)
    chunks = []

    def write(_ctx, data, n):
        chunks.append(ctypes.string_at(data, n))
        return 0

    _c().roof_chart_svg_write(byref(chart), ffi.roof_write_fn(write), None)
    return b"".join(chunks).decode("utf-8")


def format_si(value, unit=None):
    """value with three significant digits and an SI prefix:
    format_si(768e9, "B/s") == "768GB/s"."""
    buf = ctypes.create_string_buffer(64 + len(unit or "") * 4)
    n = c_size_t()
    _c().roof_format_si(value, _c_str(unit), buf, len(buf), byref(n))
    return buf.raw[:n.value].decode("utf-8")


def kernels_from_csv(text_or_path):
    """Measured kernels from CSV (plain, or Nsight Compute's raw export)."""
    data = _text(text_or_path)
    n, err = c_uint32(), ffi.roof_parse_error()
    try:
        _c().roof_kernels_from_csv(data, len(data), None, 0, byref(n),
                                   byref(err))
    except BufferTooSmallError:
        pass
    arr = (ffi.roof_kernel * max(n.value, 1))()
    _c().roof_kernels_from_csv(data, len(data), arr, n.value, byref(n),
                               byref(err))
    return [from_c(arr[i]) for i in range(n.value)]


# Methods on the dataclasses, so a descriptor reads naturally:
# hw.peak_flops_per_s("fp16"), m.params(), ceiling.eval(flops, bytes).
Hardware.peak_flops_per_s = peak_flops_per_s
Hardware.roof_rate = roof_rate
Hardware.at_clock = at_clock
Hardware.ceiling = ceiling
Hardware.to_json = hardware_to_json
Model.params = param_count
Model.to_json = model_to_json
Ceiling.eval = classify
