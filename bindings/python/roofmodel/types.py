"""Python-side types: enums and dataclasses mirroring the C structs.

Dataclass fields carry the C field names (reserved fields left out), so
conversion to and from the ctypes structures in ffi.py is one generic loop
each way: strings are decoded/encoded as UTF-8, fixed arrays become tuples,
nested structs become nested dataclasses, enum-valued integers become
IntEnums.
"""

import ctypes
import dataclasses
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Optional, Tuple

from . import errors, ffi


class _Named(IntEnum):
    """An IntEnum whose str() is the library's lower-case name."""

    def __str__(self):
        return self.name.lower()


class Precision(_Named):
    FP64 = 0
    FP32 = 1
    TF32 = 2
    FP16 = 3
    BF16 = 4
    FP8 = 5
    INT8 = 6
    INT4 = 7


class Bound(_Named):
    NONE = 0
    MEMORY = 1
    COMPUTE = 2
    INTERCONNECT = 3


class OpId(_Named):
    EMBED = 0
    ATTN_NORM = 1
    Q_PROJ = 2
    K_PROJ = 3
    V_PROJ = 4
    ROPE = 5
    QK_MATMUL = 6
    SOFTMAX = 7
    PV_MATMUL = 8
    ATTENTION = 9
    O_PROJ = 10
    ATTN_ADD = 11
    MLP_NORM = 12
    ROUTER = 13
    GATE_PROJ = 14
    UP_PROJ = 15
    ACT = 16
    DOWN_PROJ = 17
    EXPERT_GATE_PROJ = 18
    EXPERT_UP_PROJ = 19
    EXPERT_ACT = 20
    EXPERT_DOWN_PROJ = 21
    MLP_ADD = 22
    ALLREDUCE = 23
    FINAL_NORM = 24
    LM_HEAD = 25
    Q_A_PROJ = 26
    KV_A_PROJ = 27
    KV_B_PROJ = 28
    Q_ABSORB = 29
    O_ABSORB = 30
    SSM_IN_PROJ = 31
    SSM_CONV = 32
    SSM_SCAN = 33
    SSM_NORM = 34
    SSM_OUT_PROJ = 35
    QK_NORM = 36
    ATTN_GATE = 37


class OpClass(_Named):
    ATTN_PROJ = 0
    MLP_PROJ = 1
    ATTN_MATMUL = 2
    ELEMENTWISE = 3
    COMM = 4
    EMBED = 5


class Scope(_Named):
    LAYER = 0
    MODEL = 1


class Attention(_Named):
    UNFUSED = 0
    FUSED = 1


class Mlp(_Named):
    GATED = 0
    PLAIN = 1


class Norm(_Named):
    RMS = 0
    LAYER = 1


class Position(_Named):
    ROPE = 0
    LEARNED = 1
    NONE = 2


class Marker(_Named):
    CROSS = 0
    CIRCLE = 1
    SQUARE = 2
    TRIANGLE = 3
    PLUS = 4


class CeilingKind(_Named):
    COMPUTE = 0
    MEMORY = 1


@dataclass(frozen=True)
class Efficiency:
    """Achieved fractions of the peaks, each in (0, 1]."""
    compute: float = 1.0
    memory: float = 1.0
    interconnect: float = 1.0


@dataclass(frozen=True)
class Hardware:
    """A device (roof_hardware).  Peaks derive from units x FLOP per clock
    per unit x clock: see peak_flops_per_s()."""
    name: str
    label: str
    vendor: str
    arch: str
    source: str
    units: int
    clock_hz: float
    vector_clock_hz: float
    flops_per_clock_per_unit: Tuple[float, ...]
    memory_bytes: float
    dram_bytes_per_s: float
    l2_bytes: float
    interconnect_bytes_per_s: float


@dataclass(frozen=True)
class Ceiling:
    peak_flops_per_s: float
    bytes_per_s: float
    interconnect_bytes_per_s: float = 0.0


@dataclass(frozen=True)
class Roofline:
    flops: float
    bytes: float
    flops_per_byte: float
    ridge_flops_per_byte: float
    attainable_flops_per_s: float
    compute_seconds: float
    memory_seconds: float
    seconds: float
    bound: Bound


@dataclass(frozen=True)
class Measured:
    roof: Roofline
    seconds: float
    achieved_flops_per_s: float
    achieved_bytes_per_s: float
    efficiency: float
    compute_fraction: float
    memory_fraction: float
    bound: Bound


@dataclass(frozen=True)
class Level:
    bytes: float
    bytes_per_s: float


@dataclass(frozen=True)
class Hierarchy:
    flops: float
    compute_seconds: float
    level_seconds: Tuple[float, ...]
    level_flops_per_byte: Tuple[float, ...]
    seconds: float
    attainable_flops_per_s: float
    level_count: int
    binding_level: int  # an index, or ffi.ROOF_LEVEL_COMPUTE


@dataclass(frozen=True)
class LayerGroup:
    """One group of layers of a model (roof_layer_group)."""
    layers: int
    mixer: int = 0              # ROOF_MIXER_*
    window: int = 0
    mlp: int = 0                # ROOF_GROUP_MLP_*
    dense_intermediate: int = 0


@dataclass(frozen=True)
class Model:
    """A transformer (roof_model)."""
    name: str
    source: str
    hidden: int
    layers: int
    heads: int
    kv_heads: int
    head_dim: int
    intermediate: int
    vocab: int
    mlp: Mlp = Mlp.GATED
    norm: Norm = Norm.RMS
    position: Position = Position.ROPE
    experts: int = 0
    experts_per_token: int = 0
    expert_intermediate: int = 0
    shared_experts: int = 0
    shared_intermediate: int = 0
    tied_embeddings: int = 0
    sliding_window: int = 0
    max_context: int = 0
    native_bits: int = 16
    group_count: int = 0
    groups: Tuple[LayerGroup, ...] = ()   # the first group_count matter
    q_lora_rank: int = 0                  # MLA (ROOF_MIXER_MLA groups)
    kv_lora_rank: int = 0
    qk_rope_head_dim: int = 0
    qk_nope_head_dim: int = 0
    v_head_dim: int = 0
    ssm_heads: int = 0                    # Mamba-2 (ROOF_MIXER_MAMBA2)
    ssm_head_dim: int = 0
    ssm_state: int = 0
    ssm_groups: int = 0
    ssm_conv: int = 0
    attn_extras: int = 0                  # ROOF_EXTRA_* bits


@dataclass(frozen=True)
class ModelParams:
    embedding: float
    per_layer: float
    active_per_layer: float
    lm_head: float
    total: float
    active: float


@dataclass
class Workload:
    """One step (roof_workload); mutable so a caller can adjust it."""
    batch: int
    new_tokens: int
    cached_tokens: int
    weight_bits: int = 16
    activation_bits: int = 16
    kv_bits: int = 16
    quant_group: int = 0
    scale_bits: int = 0
    attention: Attention = Attention.UNFUSED
    precision: Precision = Precision.FP16
    tensor_parallel: int = 1


@dataclass(frozen=True)
class Op:
    """One operator of a step (roof_op)."""
    id: OpId
    op_class: OpClass
    scope: Scope
    precision: Precision
    flops: float
    bytes: float
    weight_bytes: float
    act_read_bytes: float
    act_write_bytes: float
    kv_read_bytes: float
    kv_write_bytes: float
    comm_bytes: float
    gemm_m: float
    gemm_n: float
    gemm_k: float
    gemm_batch: float
    roofline: Roofline
    expected_seconds: float
    group: int

    @property
    def name(self):
        """The library's name: "q_proj", "qk_matmul", ..."""
        return ffi.load().roof_op_name(self.id).decode()

    @property
    def bound(self):
        return self.roofline.bound

    @property
    def seconds(self):
        return self.roofline.seconds


@dataclass(frozen=True)
class Sum:
    flops: float
    bytes: float
    weight_bytes: float
    act_bytes: float
    kv_bytes: float
    comm_bytes: float
    compute_seconds: float
    memory_seconds: float
    comm_seconds: float
    seconds: float
    expected_seconds: float
    bound_seconds: Tuple[float, ...]
    bound: Bound
    dominant_op: OpId


@dataclass(frozen=True)
class Totals:
    layer: Sum
    model: Sum


@dataclass
class Request:
    """A request (roof_request); mutable so a caller can adjust it."""
    workload: Workload
    prompt_tokens: int
    gen_tokens: int
    pipeline_parallel: int = 1
    microbatches: int = 1
    efficiency: Efficiency = field(default_factory=Efficiency)
    activation_reserve: float = 0.0


@dataclass(frozen=True)
class Memory:
    weight_bytes: float
    kv_bytes: float
    activation_bytes: float
    total_bytes: float
    capacity_bytes: float
    fits: int


@dataclass(frozen=True)
class Estimate:
    ttft_seconds: float
    tpot_seconds: float
    first_tpot_seconds: float
    last_tpot_seconds: float
    decode_seconds: float
    e2e_seconds: float
    tokens_per_s_per_seq: float
    tokens_per_s: float
    decode_tokens_per_s: float
    allreduce_seconds_per_layer: float
    pipeline_bubble_fraction: float
    memory: Memory
    max_batch: int
    max_context: int
    prefill_bound: Bound
    decode_bound: Bound
    prefill_dominant_op: OpId
    decode_dominant_op: OpId


@dataclass(frozen=True)
class ScalingPoint:
    tensor_parallel: int
    pipeline_parallel: int
    devices: int
    fits: int
    ttft_seconds: float
    tpot_seconds: float
    tokens_per_s: float
    speedup: float
    efficiency: float


@dataclass(frozen=True)
class Kernel:
    """One measured kernel read from CSV."""
    name: str
    flops: float
    bytes: float
    seconds: float


@dataclass(frozen=True)
class ChartCeiling:
    """A roof on a chart: a FLOP/s line (COMPUTE) or a B/s slope (MEMORY);
    label None = the value with an SI prefix."""
    value: float
    kind: CeilingKind = CeilingKind.COMPUTE
    label: Optional[str] = None
    color: int = ffi.ROOF_COLOR_AUTO


@dataclass(frozen=True)
class Series:
    """Points on a chart: x in FLOP/byte, y in FLOP/s."""
    label: str
    flops_per_byte: Tuple[float, ...]
    flops_per_s: Tuple[float, ...]
    color: int = ffi.ROOF_COLOR_AUTO
    marker: Marker = Marker.CROSS


# dataclass <-> ctypes structure, for the generic conversion.
C_TYPE = {
    Efficiency: ffi.roof_efficiency, Hardware: ffi.roof_hardware,
    Ceiling: ffi.roof_ceiling, Roofline: ffi.roof_roofline,
    Measured: ffi.roof_measured, Level: ffi.roof_level,
    Hierarchy: ffi.roof_hierarchy, Model: ffi.roof_model,
    ModelParams: ffi.roof_model_params, Workload: ffi.roof_workload,
    Op: ffi.roof_op, Sum: ffi.roof_sum, Totals: ffi.roof_totals,
    Request: ffi.roof_request, Memory: ffi.roof_memory,
    Estimate: ffi.roof_estimate, ScalingPoint: ffi.roof_scaling_point,
    Kernel: ffi.roof_kernel, LayerGroup: ffi.roof_layer_group,
}
PY_TYPE = {c: p for p, c in C_TYPE.items()}

# Integer fields holding an enum value.
_ENUMS = {
    "bound": Bound, "prefill_bound": Bound, "decode_bound": Bound,
    "dominant_op": OpId, "prefill_dominant_op": OpId,
    "decode_dominant_op": OpId, "op_class": OpClass, "scope": Scope,
    "precision": Precision, "attention": Attention, "mlp": Mlp,
    "norm": Norm, "position": Position,
}


def _py_value(name, v):
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    if isinstance(v, ctypes.Array):
        return tuple(from_c(x) if isinstance(x, ctypes.Structure) else x
                     for x in v)
    if isinstance(v, ctypes.Structure):
        return from_c(v)
    enum = OpId if name == "id" else _ENUMS.get(name)
    if enum is not None:
        try:
            return enum(v)
        except ValueError:
            return v  # a value newer than these bindings: keep the number
    return v


def from_c(s):
    """The dataclass for a ctypes structure."""
    cls = PY_TYPE[type(s)]
    return cls(**{f.name: _py_value(f.name, getattr(s, f.name))
                  for f in dataclasses.fields(cls)})


def _range_error(msg):
    return errors.RangeError(errors.E_RANGE, msg)


def _set(s, name, ctype, v):
    if isinstance(v, str):
        v = v.encode("utf-8")
    if isinstance(v, bytes):
        if len(v) >= ctypes.sizeof(ctype):
            raise _range_error("%s: %r does not fit in %d bytes"
                               % (name, v, ctypes.sizeof(ctype) - 1))
        setattr(s, name, v)
    elif dataclasses.is_dataclass(v):
        setattr(s, name, to_c(v))
    elif issubclass(ctype, ctypes.Array) \
            and issubclass(ctype._type_, ctypes.Structure):
        if len(v) > ctype._length_:
            raise _range_error("%s holds at most %d" % (name, ctype._length_))
        arr = getattr(s, name)
        for i, x in enumerate(v):
            arr[i] = to_c(x)
    elif issubclass(ctype, ctypes.Array):
        if len(v) != ctype._length_:
            raise _range_error("%s needs %d values" % (name, ctype._length_))
        getattr(s, name)[:] = [float(x) for x in v]
    elif ctype is ctypes.c_uint32:
        # ctypes would wrap -1 to 4294967295 without a word.
        if isinstance(v, bool) or not isinstance(v, int) \
                or not 0 <= v <= 0xFFFFFFFF:
            raise _range_error("%s must be an integer in 0 .. 2^32-1, not %r"
                               % (name, v))
        setattr(s, name, int(v))
    else:
        setattr(s, name, float(v))


def to_c(obj):
    """The ctypes structure for a dataclass (reserved fields zero)."""
    ctype = C_TYPE[type(obj)]
    s = ctype()
    types = dict(ctype._fields_)
    for f in dataclasses.fields(obj):
        _set(s, f.name, types[f.name], getattr(obj, f.name))
    return s
