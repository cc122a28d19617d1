"""roofmodel: how fast can this transformer run on this accelerator, and
what limits it?  Python bindings of the C library (ctypes, standard library
only).

    >>> import roofmodel as rm
    >>> hw = rm.hardware("a6000")
    >>> ops, totals = rm.ops("llama-2-13b", hw, phase="decode", seq=1024)
    >>> for op in ops:
    ...     print(op.name, op.flops, op.bytes, op.bound)
    >>> print(totals.model.seconds)

`roofmodel.__version__` is the loaded library's version text.  Where the
library is looked for is in roofmodel.ffi's text: ROOFMODEL_LIBRARY, then
the copy pip installed in the package, then a build tree, then the system.
Every failure of the C library raises a RoofError subclass carrying the
status and its text; bad Python arguments raise TypeError, RangeError or
UnknownNameError (all but TypeError are ValueErrors).
"""

from __future__ import annotations

import ctypes
import functools
import os
from ctypes import byref, c_char_p, c_double, c_size_t, c_uint32
from typing import (Dict, List, NamedTuple, Optional, Sequence, Tuple, Union)

from . import _args, errors, ffi
from .errors import (BufferTooSmallError, DoesNotFitError, InvalidError,
                     MissingError, NotFoundError, NullError, ParseError,
                     RangeError, RoofError, RoofOverflowError,
                     UnknownNameError, UnsupportedError, WriteError,
                     WrongTypeError)
from .ffi import LibraryNotFoundError
from .types import (Attention, Bound, Ceiling, CeilingKind, ChartCeiling,
                    Efficiency, Estimate, Hardware, Hierarchy, Kernel, Level,
                    Marker, Measured, Memory, Mlp, Model, ModelParams, Norm,
                    Op, OpClass, OpId, Position, Precision, Request, Roofline,
                    ScalingPoint, Scope, Series, Sum, Totals, Workload,
                    field_writer, from_c, from_c_array, to_c,
                    writer)

__all__ = [
    # functions
    "version", "version_number", "status_str", "library_path",
    "hardware", "hardware_list", "hardware_aliases", "format_si",
    "hardware_from_json", "hardware_to_json",
    "peak_flops_per_s", "roof_rate", "at_clock", "ceiling", "classify", "hierarchy",
    "model", "model_list", "model_from_config", "model_to_json",
    "param_count", "workload", "ops", "step", "request", "estimate",
    "memory_footprint", "scaling", "chart_svg", "kernels_from_csv",
    "seqs", "min_tensor_parallel", "Plan",
    "calibration", "calibration_from_json", "calibration_to_json",
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
    "DoesNotFitError", "UnknownNameError", "LibraryNotFoundError",
]

# What the functions take where the C library takes a struct or an enum.
HardwareLike = Union[str, Hardware]
ModelLike = Union[str, Model]
PrecisionLike = Union[str, int, Precision]
AttentionLike = Union[str, int, Attention]
EfficiencyLike = Union[None, Efficiency, Tuple[float, float, float],
                       Dict[str, float]]
TextOrPath = Union[str, bytes, "os.PathLike[str]"]


_c = ffi.load


def __getattr__(name: str) -> str:
    # __version__ is the loaded library's: asked for, it loads it.
    if name == "__version__":
        return version()
    raise AttributeError("module 'roofmodel' has no attribute %r" % name)


def version() -> str:
    """The loaded library's version text, "MAJOR.MINOR.PATCH"."""
    return _c().roof_version_string().decode()


def version_number() -> int:
    """major * 10000 + minor * 100 + patch of the loaded library."""
    return _c().roof_version_number()


def library_path() -> str:
    """The file the library was loaded from."""
    return _c().path


def status_str(status: int) -> str:
    """The library's text for a status code ("success", ...)."""
    return _c().roof_status_str(_args.i32("status", status)).decode()


# ---- argument coercion: the C structs and enums behind the arguments ----

def _precision(p: PrecisionLike) -> Precision:
    return _args.choice(Precision, "precision", p)


def _efficiency(eff: EfficiencyLike):
    """None (pure roofline) or a roof_efficiency from an Efficiency, a
    (compute, memory, interconnect) tuple or a dict."""
    return None if eff is None else _efficiency_c(eff)


_efficiency_c = writer("efficiency", ffi.roof_efficiency)


def _ptr(s):
    return None if s is None else byref(s)


@functools.lru_cache(maxsize=256)
def _hardware_preset(name: str) -> Hardware:
    s = ffi.roof_hardware()
    try:
        _c().roof_hardware_find(name.encode(), byref(s))
    except NotFoundError as e:
        raise _not_found(e, _c().roof_hardware_suggest, name) from None
    return from_c(s)


@functools.lru_cache(maxsize=256)
def _model_preset(name: str) -> Model:
    s = ffi.roof_model()
    try:
        _c().roof_model_find(name.encode(), byref(s))
    except NotFoundError as e:
        raise _not_found(e, _c().roof_model_suggest, name) from None
    return from_c(s)


def _hw(hw: HardwareLike):
    """The roof_hardware behind a device name or a Hardware (made once per
    name or object, then reused: the library takes it as const)."""
    if isinstance(hw, str):
        hw = _hardware_preset(hw)
    elif not isinstance(hw, Hardware):
        raise TypeError("hw must be a device name or a Hardware, not %s %r"
                        % (type(hw).__name__, hw))
    return to_c(hw)


def _model(m: ModelLike):
    """The roof_model behind a model name or a Model (made once)."""
    if isinstance(m, str):
        m = _model_preset(m)
    elif not isinstance(m, Model):
        raise TypeError("model must be a model name or a Model, not %s %r"
                        % (type(m).__name__, m))
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


def _text(text_or_path: TextOrPath) -> bytes:
    """Bytes of a document given as bytes, a path (os.PathLike, or a str
    of one line that does not start with "{" or "["), or text.  A path
    that does not exist raises FileNotFoundError."""
    if isinstance(text_or_path, (bytes, bytearray)):
        return bytes(text_or_path)
    if isinstance(text_or_path, os.PathLike) or (
            isinstance(text_or_path, str) and "\n" not in text_or_path
            and not text_or_path.lstrip().startswith(("{", "["))):
        with open(text_or_path, "rb") as f:
            return f.read()
    if isinstance(text_or_path, str):
        return text_or_path.encode("utf-8")
    raise TypeError("expected text, bytes or a path, not %s"
                    % type(text_or_path).__name__)


# ---- hardware -----------------------------------------------------------

def hardware(name: str, clock_hz: Optional[float] = None) -> Hardware:
    """A built-in device by name or alias ("a6000", "rtx-a6000",
    "a6000@2100" for 2100 MHz); clock_hz re-clocks it.  NotFoundError
    (with .suggestions) for an unknown name."""
    if not isinstance(name, str):
        raise TypeError("name must be a str, not %s" % type(name).__name__)
    hw = _hardware_preset(name)
    return hw if clock_hz is None else at_clock(hw, clock_hz)


def hardware_list() -> List[Hardware]:
    """Every built-in device, in table order."""
    out = []
    for i in range(_c().roof_hardware_count()):
        s = ffi.roof_hardware()
        _c().roof_hardware_get(i, byref(s))
        out.append(from_c(s))
    return out


def hardware_aliases(name: str) -> List[str]:
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


def at_clock(hw: HardwareLike, clock_hz: float) -> Hardware:
    """The same device with every clock at clock_hz (Hz)."""
    s = ffi.roof_hardware()
    _c().roof_hardware_at_clock(byref(_hw(hw)),
                                _args.real("clock_hz", clock_hz), byref(s))
    return from_c(s)


def peak_flops_per_s(hw: HardwareLike,
                     precision: PrecisionLike = "fp16") -> float:
    """The device's peak FLOP/s at a precision: units x FLOP per clock per
    unit x clock.  UnsupportedError where the device lacks the
    precision."""
    v = c_double()
    _c().roof_hardware_peak_flops_per_s(byref(_hw(hw)), _precision(precision),
                                        byref(v))
    return v.value


def roof_rate(hw: HardwareLike,
              precision: PrecisionLike = "fp16") -> Tuple[float, str]:
    """The per-clock rate a precision's roof uses and its accumulator:
    (FLOP per clock per unit, "fp16" or "wide").  GeForce FP16 roofs use
    the faster FP16-accumulate rate."""
    v, acc = c_double(), c_uint32()
    _c().roof_hardware_roof_rate(byref(_hw(hw)), _precision(precision),
                                 byref(v), byref(acc))
    return v.value, ("fp16" if acc.value == 1 else "wide")


def hardware_from_json(text_or_path: TextOrPath) -> Hardware:
    """A device from a hardware description file (text, bytes or path)."""
    data = _text(text_or_path)
    s, err = ffi.roof_hardware(), ffi.roof_parse_error()
    _c().roof_hardware_from_json(data, len(data), byref(s), byref(err))
    return from_c(s)


def hardware_to_json(hw: HardwareLike) -> str:
    """The device as a hardware description file that reads back to the
    identical descriptor."""
    return _render(_c().roof_hardware_to_json, _hw(hw))


# ---- roofline -----------------------------------------------------------

def ceiling(hw: HardwareLike, precision: PrecisionLike = "fp16",
            efficiency: EfficiencyLike = None) -> Ceiling:
    """The two roofs of a device at a precision, efficiency applied."""
    s = ffi.roof_ceiling()
    _c().roof_ceiling_from_hardware(byref(_hw(hw)), _precision(precision),
                                    _ptr(_efficiency(efficiency)), byref(s))
    return from_c(s)


def classify(hw: Union[HardwareLike, Ceiling], flops: float, bytes: float,
             seconds: Optional[float] = None,
             precision: PrecisionLike = "fp16",
             efficiency: EfficiencyLike = None
             ) -> Union[Roofline, Measured]:
    """The roofline verdict for a kernel of `flops` moving `bytes` on a
    device (a Hardware, a name, or a Ceiling).  With `seconds` (measured),
    a Measured with the achieved rates, efficiency and label."""
    if isinstance(hw, Ceiling):
        c = to_c(hw)
    else:
        c = to_c(ceiling(hw, precision, efficiency))
    flops, nbytes = _args.real("flops", flops), _args.real("bytes", bytes)
    if seconds is None:
        out = ffi.roof_roofline()
        _c().roof_roofline_eval(byref(c), flops, nbytes, byref(out))
    else:
        out = ffi.roof_measured()
        _c().roof_measured_eval(byref(c), flops, nbytes,
                                _args.real("seconds", seconds), byref(out))
    return from_c(out)


def hierarchy(peak_flops_per_s: float, flops: float,
              levels: Sequence[Union[Level, Tuple[float, float]]]
              ) -> Hierarchy:
    """Hierarchical roofline: levels is a list of Level or (bytes,
    bytes_per_s) pairs, DRAM first."""
    levels = [lv if isinstance(lv, Level) else Level(*lv) for lv in levels]
    arr = (ffi.roof_level * max(len(levels), 1))(*[to_c(lv) for lv in levels])
    out = ffi.roof_hierarchy()
    _c().roof_hierarchy_eval(_args.real("peak_flops_per_s", peak_flops_per_s),
                             _args.real("flops", flops), arr, len(levels),
                             byref(out))
    return from_c(out)


# ---- models -------------------------------------------------------------

def model(name: str) -> Model:
    """A built-in model preset by name or alias ("llama-2-13b").
    NotFoundError (with .suggestions) for an unknown name."""
    if not isinstance(name, str):
        raise TypeError("name must be a str, not %s" % type(name).__name__)
    return _model_preset(name)


def model_list() -> List[Model]:
    """Every built-in model preset, in table order."""
    out = []
    for i in range(_c().roof_model_count()):
        s = ffi.roof_model()
        _c().roof_model_get(i, byref(s))
        out.append(from_c(s))
    return out


def model_from_config(text_or_path: TextOrPath) -> Model:
    """A model from a HuggingFace config.json: its text, bytes, or path.
    FileNotFoundError for a path that does not exist, ParseError (with
    .line and .column) for text that is not valid JSON."""
    data = _text(text_or_path)
    s, err = ffi.roof_model(), ffi.roof_parse_error()
    _c().roof_model_from_json(data, len(data), byref(s), byref(err))
    return from_c(s)


def model_to_json(m: ModelLike) -> str:
    """The model as config.json text that reads back to the same model."""
    return _render(_c().roof_model_to_json, _model(m))


def param_count(m: ModelLike) -> ModelParams:
    """The model's parameters: embedding, per layer, lm_head, total,
    active (MoE)."""
    out = ffi.roof_model_params()
    _c().roof_model_param_count(byref(_model(m)), byref(out))
    return from_c(out)


# ---- operators ----------------------------------------------------------

_PHASES = {"prefill": "roof_workload_prefill", "init": "roof_workload_prefill",
           "decode": "roof_workload_decode", "ar": "roof_workload_decode"}


def _phase_fn(phase: str):
    name = _PHASES.get(phase.lower() if isinstance(phase, str) else None)
    if name is None:
        raise UnknownNameError("phase", phase, list(_PHASES))
    return getattr(_c(), name)


def _set_fields(s, cls, fields):
    """Writes keyword fields into the C struct s of dataclass cls, each
    checked by its field's writer."""
    for k, v in fields.items():
        setattr(s, k, field_writer(cls, k)(v))


def _workload_c(phase, batch, seq, fields):
    """The roof_workload for phase/batch/seq plus keyword fields, made
    directly in C (no dataclass on the way)."""
    s = ffi.roof_workload()
    _phase_fn(phase)(_args.u32("batch", batch), _args.u32("seq", seq),
                     byref(s))
    if fields:
        _set_fields(s, Workload, fields)
    return s


def workload(phase: str = "prefill", batch: int = 1, seq: int = 1024,
             **fields) -> Workload:
    """A step: phase "prefill" feeds seq tokens per sequence, "decode" one
    token after seq cached ones.  Other roof_workload fields by keyword
    (weight_bits=4, attention="fused", precision="fp8", ...)."""
    return from_c(_workload_c(phase, batch, seq, fields))


_new_workload = workload  # ops() has a parameter of that name


def _step_workload(phase, batch, seq, workload, fields):
    if workload is None:
        return _workload_c(phase, batch, seq, fields)
    if fields:
        raise TypeError("give either a workload or workload fields")
    return to_c(workload)


class OpsResult(NamedTuple):
    """Every operator of one step, and the per-layer and model totals."""
    ops: List[Op]
    totals: Totals


# ---- calibration profiles (calibration.h) ------------------------------
# A profile stays the ctypes struct roof_calibration: it is passed whole to
# the C functions and read back only to inspect it.

def calibration(hw: HardwareLike) -> "ffi.roof_calibration":
    """The device's built-in calibration profile (roof_calibration_builtin):
    fitted, derived or generic, with its source (docs/calibration.md)."""
    out = ffi.roof_calibration()
    _c().roof_calibration_builtin(byref(_hw(hw)), byref(out))
    return out


def calibration_from_json(text_or_path: TextOrPath) -> "ffi.roof_calibration":
    """A calibration profile from its JSON file (text, bytes or path), as
    `roofmodel calibrate -o` writes it."""
    data = _text(text_or_path)
    out, err = ffi.roof_calibration(), ffi.roof_parse_error()
    _c().roof_calibration_from_json(data, len(data), byref(out), byref(err))
    return out


def calibration_to_json(cal: "ffi.roof_calibration") -> str:
    """A calibration profile as the JSON that reads back to it."""
    return _render(_c().roof_calibration_to_json, cal)


def _cal(cal: Optional["ffi.roof_calibration"]):
    """The C pointer for an optional profile: NULL = the built-in one."""
    return None if cal is None else byref(cal)


def ops(model: ModelLike, hw: HardwareLike, phase: str = "prefill",
        batch: int = 1, seq: int = 1024, efficiency: EfficiencyLike = None,
        workload: Optional[Workload] = None,
        calibration: Optional["ffi.roof_calibration"] = None,
        **fields) -> OpsResult:
    """Every operator of one step of `model` on `hw` (objects or names),
    each with its bound and its expected (calibrated) time.  Pass a
    Workload as `workload`, or phase/batch/seq and field keywords as
    workload() takes them; `calibration` a profile (default: the device's
    built-in one)."""
    w = _step_workload(phase, batch, seq, workload, fields)
    arr = (ffi.roof_op * ffi.ROOF_MAX_OPS)()
    n, totals = c_uint32(), ffi.roof_totals()
    _c().roof_ops_calibrated(byref(_model(model)), byref(w), byref(_hw(hw)),
                             _ptr(_efficiency(efficiency)), _cal(calibration),
                             arr, ffi.ROOF_MAX_OPS, byref(n), byref(totals))
    return OpsResult(from_c_array(arr, n.value), from_c(totals))


def step(model: ModelLike, hw: HardwareLike, phase: str = "prefill",
         batch: int = 1, seq: int = 1024, efficiency: EfficiencyLike = None,
         workload: Optional[Workload] = None,
         calibration: Optional["ffi.roof_calibration"] = None,
         **fields) -> Totals:
    """The totals ops() gives for the same step, without the operators
    (roof_step: what a scheduler asks per candidate batch).  Names of
    presets and Hardware/Model objects are converted once and reused;
    Plan is the fast path."""
    w = _step_workload(phase, batch, seq, workload, fields)
    totals = ffi.roof_totals()
    _c().roof_step_calibrated(byref(_model(model)), byref(w), byref(_hw(hw)),
                              _ptr(_efficiency(efficiency)), _cal(calibration),
                              byref(totals))
    return from_c(totals)


# ---- prepared plans (plan.h, capacity.h) --------------------------------

_BASES = {"bound": 0, "expected": 1}


def _basis(basis: "BasisLike") -> int:
    if basis in (0, 1):
        return int(basis)
    try:
        return _BASES[basis]
    except (KeyError, TypeError):
        raise ValueError("basis: expected 'bound' or 'expected', got %r"
                         % (basis,)) from None


BasisLike = Union[str, int]


def seqs(pairs: Sequence[Tuple[int, int]]) -> "ctypes.Array":
    """A roof_seq array from (new_tokens, cached_tokens) pairs: build it
    once and pass it to Plan.step_mixed() many times."""
    pairs = list(pairs)
    return (ffi.roof_seq * len(pairs))(*pairs)


class Plan:
    """A prepared plan (roof_plan_init): the model, the device, the
    calibration profile and the workload's widths are validated once, and
    every step after that is one C call.  step() and step_mixed() return
    the C result itself (a roof_step_result: seconds, expected_seconds,
    overhead_seconds, flops, bytes, weight_bytes, act_bytes, kv_bytes,
    comm_bytes, bound, dominant_op, ...), without conversion, so that a
    step costs a few microseconds.  A plan is read-only after init; set
    `logits` to "all" for speculative verification.  docs/plan.md."""

    __slots__ = ("_plan", "_ref", "_step", "_mixed")

    def __init__(self, model: ModelLike, hw: HardwareLike,
                 workload: Optional[Workload] = None,
                 calibration: Optional["ffi.roof_calibration"] = None,
                 **fields) -> None:
        w = _step_workload("prefill", 1, 1, workload, fields)
        self._plan = ffi.roof_plan()
        cal = None if calibration is None else byref(calibration)
        _c().roof_plan_init(byref(_model(model)), byref(w), byref(_hw(hw)),
                            cal, byref(self._plan))
        self._ref = byref(self._plan)
        self._step = _c().roof_plan_step
        self._mixed = _c().roof_plan_step_mixed

    def step(self, batch: int, new_tokens: int,
             cached_tokens: int = 0) -> "ffi.roof_step_result":
        """A uniform step: batch sequences of new_tokens on cached_tokens
        (roof_plan_step); roof_step()'s model totals."""
        r = ffi.roof_step_result()
        self._step(self._ref, batch, new_tokens, cached_tokens, byref(r))
        return r

    def step_mixed(self, sequences: Union["ctypes.Array",
                                          Sequence[Tuple[int, int]]]
                   ) -> "ffi.roof_step_result":
        """A mixed step (roof_plan_step_mixed): sequences is an array from
        seqs() (cheapest) or (new_tokens, cached_tokens) pairs."""
        if not isinstance(sequences, ctypes.Array):
            sequences = seqs(sequences)
        r = ffi.roof_step_result()
        self._mixed(self._ref, sequences, len(sequences), byref(r))
        return r

    @property
    def logits(self) -> str:
        """"last" (each sequence's last token) or "all" (every new token:
        speculative verification)."""
        return "all" if self._plan.logits == ffi.ROOF_LOGITS_ALL else "last"

    @logits.setter
    def logits(self, value: str) -> None:
        if value not in ("last", "all"):
            raise ValueError("logits: expected 'last' or 'all', got %r"
                             % (value,))
        self._plan.logits = (ffi.ROOF_LOGITS_ALL if value == "all"
                             else ffi.ROOF_LOGITS_LAST)

    def max_decode_batch(self, cached_tokens: int, budget_seconds: float,
                         basis: BasisLike = "expected"
                         ) -> Tuple[int, "ffi.roof_step_result"]:
        """(batch, step): the largest decode batch at cached_tokens within
        the budget; DoesNotFitError when none."""
        b, r = c_uint32(), ffi.roof_step_result()
        _c().roof_plan_max_decode_batch(self._ref, cached_tokens,
                                        budget_seconds, _basis(basis),
                                        byref(b), byref(r))
        return b.value, r

    def max_chunk(self, sequences: Union["ctypes.Array",
                                         Sequence[Tuple[int, int]]],
                  budget_seconds: float, chunk_cached: int = 0,
                  basis: BasisLike = "expected"
                  ) -> Tuple[int, "ffi.roof_step_result"]:
        """(chunk, step): the largest prefill chunk beside sequences
        within the budget; DoesNotFitError when none."""
        if not isinstance(sequences, ctypes.Array):
            sequences = seqs(sequences)
        n, r = c_uint32(), ffi.roof_step_result()
        _c().roof_plan_max_chunk(self._ref, sequences, len(sequences),
                                 chunk_cached, budget_seconds, _basis(basis),
                                 byref(n), byref(r))
        return n.value, r

    def max_decode_throughput(self, cached_tokens: int, tpot_seconds: float,
                              basis: BasisLike = "expected"
                              ) -> "ffi.roof_throughput":
        """The best decode throughput per device under a TPOT target and
        the memory (a roof_throughput: batch, limit, tokens_per_s, ...)."""
        t = ffi.roof_throughput()
        _c().roof_plan_max_decode_throughput(self._ref, cached_tokens,
                                             tpot_seconds, _basis(basis),
                                             byref(t))
        return t

    def utilization(self, result: "ffi.roof_step_result",
                    measured_seconds: float) -> Tuple[float, float]:
        """(mfu, mbu) of a step result measured at measured_seconds."""
        mfu, mbu = ctypes.c_double(), ctypes.c_double()
        _c().roof_plan_utilization(self._ref, byref(result),
                                   measured_seconds, byref(mfu), byref(mbu))
        return mfu.value, mbu.value


def min_tensor_parallel(model: ModelLike, hw: HardwareLike, batch: int,
                        prompt_tokens: int, ttft_seconds: float,
                        basis: BasisLike = "expected", max_tp: int = 8,
                        workload: Optional[Workload] = None,
                        **fields) -> Tuple[int, "ffi.roof_step_result"]:
    """(tp, step): the smallest tensor-parallel degree whose prefill of
    batch x prompt_tokens meets ttft_seconds and fits the memory
    (roof_min_tensor_parallel); DoesNotFitError when none."""
    w = _step_workload("prefill", 1, 1, workload, fields)
    t, r = c_uint32(), ffi.roof_step_result()
    _c().roof_min_tensor_parallel(byref(_model(model)), byref(w),
                                  byref(_hw(hw)), None, batch, prompt_tokens,
                                  ttft_seconds, _basis(basis), max_tp,
                                  byref(t), byref(r))
    return t.value, r


# ---- estimates ----------------------------------------------------------

def _request_c(batch, prompt_tokens, gen_tokens, fields):
    """The roof_request with roof_request_init's defaults and keyword
    fields (of the request or of its workload), made directly in C."""
    s = ffi.roof_request()
    _c().roof_request_init(_args.u32("batch", batch),
                           _args.u32("prompt_tokens", prompt_tokens),
                           _args.u32("gen_tokens", gen_tokens), byref(s))
    for k, v in fields.items():
        if k != "workload" and hasattr(s.workload, k):
            setattr(s.workload, k, field_writer(Workload, k)(v))
        else:
            setattr(s, k, field_writer(Request, k)(v))
    return s


def request(batch: int = 1, prompt_tokens: int = 1024,
            gen_tokens: int = 128, **fields) -> Request:
    """A request with roof_request_init's defaults; any roof_request or
    roof_workload field by keyword (tensor_parallel=2, efficiency=...)."""
    return from_c(_request_c(batch, prompt_tokens, gen_tokens, fields))


def _request(req, kw):
    if req is None:
        return _request_c(kw.pop("batch", 1), kw.pop("prompt_tokens", 1024),
                          kw.pop("gen_tokens", 128), kw)
    if kw:
        raise TypeError("give either a request or request fields")
    return to_c(req)


def estimate(model: ModelLike, hw: HardwareLike,
             req: Optional[Request] = None,
             calibration: Optional["ffi.roof_calibration"] = None,
             **fields) -> Estimate:
    """Time to first token, time per output token, throughput, memory for
    a request (a Request, or request()'s keywords): bounds, and expected
    times under `calibration` (default: the device's built-in profile)."""
    out = ffi.roof_estimate()
    _c().roof_estimate_run_calibrated(byref(_model(model)), byref(_hw(hw)),
                                      byref(_request(req, fields)),
                                      _cal(calibration), byref(out))
    return from_c(out)


def memory_footprint(model: ModelLike, hw: HardwareLike,
                     req: Optional[Request] = None, **fields) -> Memory:
    """Memory per device for a request (a Request, or request()'s
    keywords): weights, KV cache, activations, their total against the
    device's capacity, and whether it fits."""
    out = ffi.roof_memory()
    _c().roof_memory_footprint(byref(_model(model)), byref(_hw(hw)),
                               byref(_request(req, fields)), byref(out))
    return from_c(out)


def scaling(model: ModelLike, hw: HardwareLike, max_devices: int = 8,
            req: Optional[Request] = None, **fields) -> List[ScalingPoint]:
    """Tensor-parallel sweep t = 1, 2, 4, ... up to max_devices."""
    max_devices = _args.u32("max_devices", max_devices)
    m, h, r = _model(model), _hw(hw), _request(req, fields)
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
    return from_c_array(arr, n.value)


# ---- charts and measured kernels ----------------------------------------

def _c_str(s):
    return None if s is None else s.encode("utf-8")


def chart_svg(ceilings: Sequence[ChartCeiling] = (),
              series: Sequence[Series] = (), title: Optional[str] = None,
              x_range: Tuple[float, float] = (0.0, 0.0),
              y_range: Tuple[float, float] = (0.0, 0.0),
              width_px: int = 0, height_px: int = 0,
              ridge_line: bool = False) -> str:
    """A roofline chart as SVG text.  ceilings: ChartCeiling items; series:
    Series items; ranges (min, max) with (0, 0) = automatic; width_px and
    height_px 0 = the library's default size."""
    keep = []  # arrays the C structs point into, alive until the call ends
    c_ceil = (ffi.roof_chart_ceiling * max(len(ceilings), 1))()
    for i, c in enumerate(ceilings):
        label = _c_str(c.label)
        keep.append(label)
        c_ceil[i] = ffi.roof_chart_ceiling(
            label, _args.real("value", c.value),
            _args.choice(CeilingKind, "kind", c.kind),
            _args.u32("color", c.color))
    c_series = (ffi.roof_series * max(len(series), 1))()
    for i, s in enumerate(series):
        if len(s.flops_per_byte) != len(s.flops_per_s):
            raise ValueError("series %r: x and y differ in length" % s.label)
        xs = (c_double * max(len(s.flops_per_byte), 1))(
            *[_args.real("flops_per_byte", x) for x in s.flops_per_byte])
        ys = (c_double * max(len(s.flops_per_s), 1))(
            *[_args.real("flops_per_s", y) for y in s.flops_per_s])
        label = _c_str(s.label)
        keep.extend((xs, ys, label))
        c_series[i] = ffi.roof_series(
            label, xs, ys, len(s.flops_per_byte),
            _args.u32("color", s.color),
            _args.choice(Marker, "marker", s.marker), 0)
    chart = ffi.roof_chart(
        _c_str(title), c_ceil, len(ceilings), len(series), c_series,
        _args.real("x_range", x_range[0]), _args.real("x_range", x_range[1]),
        _args.real("y_range", y_range[0]), _args.real("y_range", y_range[1]),
        _args.u32("width_px", width_px), _args.u32("height_px", height_px),
        1 if ridge_line else 0, 0)
    keep.append(title)
    chunks = []

    def write(_ctx, data, n):
        chunks.append(ctypes.string_at(data, n))
        return 0

    _c().roof_chart_svg_write(byref(chart), ffi.roof_write_fn(write), None)
    return b"".join(chunks).decode("utf-8")


def format_si(value: float, unit: Optional[str] = None) -> str:
    """value with three significant digits and an SI prefix:
    format_si(768e9, "B/s") == "768GB/s"."""
    buf = ctypes.create_string_buffer(64 + len(unit or "") * 4)
    n = c_size_t()
    _c().roof_format_si(_args.real("value", value), _c_str(unit), buf,
                        len(buf), byref(n))
    return buf.raw[:n.value].decode("utf-8")


def kernels_from_csv(text_or_path: TextOrPath) -> List[Kernel]:
    """Measured kernels from CSV (plain, or Nsight Compute's raw export):
    its text (with a newline), bytes, or a path."""
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
    return from_c_array(arr, n.value)


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
