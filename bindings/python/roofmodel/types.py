"""Every C struct the bindings mirror, in one file, twice:

1. a ctypes.Structure per C struct, with the C typedef and field names
   (roof_hardware, roof_op, ...), checked against the C compiler's layout
   by the tests;
2. a dataclass per struct that Python code sees (Hardware, Op, ...), with
   the same field names in the same order, reserved fields left out;
   enum-valued integers become IntEnums.

To add a field to a C struct: add it to the ctypes class in section 1 and
to the dataclass in section 2, at the same place (the tests check that
both sections agree, and that section 1 agrees with the C layout).
Conversion both ways is generic (from_c, to_c at the end); the values
written into C go through _args, which checks them.
"""

import ctypes
import dataclasses
import struct
from ctypes import (CFUNCTYPE, POINTER, Structure, c_char, c_char_p, c_double,
                    c_int, c_size_t, c_uint32, c_uint64, c_void_p)
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Optional, Tuple

from . import _args

# Array sizes and limits from the headers; the tests check them against
# the C compiler's values.
ROOF_HW_NAME_MAX = 48
ROOF_HW_SOURCE_MAX = 192
ROOF_PRECISION_COUNT = 10
ROOF_MAX_LEVELS = 8
ROOF_LEVEL_COMPUTE = 0xFFFFFFFF
ROOF_MODEL_NAME_MAX = 48
ROOF_MODEL_SOURCE_MAX = 192
ROOF_MAX_GROUPS = 8
ROOF_OP_COUNT = 38
ROOF_MAX_OPS = ROOF_MAX_GROUPS * (ROOF_OP_COUNT - 3) + 3
ROOF_JSON_MAX_DEPTH = 64
ROOF_KERNEL_NAME_MAX = 96
ROOF_COLOR_AUTO = 0xFFFFFFFF
ROOF_MAX_VALUE = 1e30

# The ABI these declarations describe: the soname's major version.
ABI_MAJOR = 0


# ==== 1. The C structs (ctypes) ========================================


class roof_efficiency(Structure):
    _fields_ = [
        ("compute", c_double),
        ("memory", c_double),
        ("interconnect", c_double),
        ("reserved", c_double * 5),
    ]


class roof_hardware(Structure):
    _fields_ = [
        ("name", c_char * ROOF_HW_NAME_MAX),
        ("label", c_char * ROOF_HW_NAME_MAX),
        ("vendor", c_char * 16),
        ("arch", c_char * 16),
        ("source", c_char * ROOF_HW_SOURCE_MAX),
        ("units", c_uint32),
        ("scaleup_domain", c_uint32),
        ("clock_hz", c_double),
        ("vector_clock_hz", c_double),
        ("flops_per_clock_per_unit", c_double * ROOF_PRECISION_COUNT),
        ("memory_bytes", c_double),
        ("dram_bytes_per_s", c_double),
        ("l2_bytes", c_double),
        ("interconnect_bytes_per_s", c_double),
        ("fp16_acc16_flops_per_clock_per_unit", c_double),
        ("fp8_acc16_flops_per_clock_per_unit", c_double),
        ("scaleout_bytes_per_s", c_double),
        ("reserved", c_double * 4),
    ]


class roof_ceiling(Structure):
    _fields_ = [
        ("peak_flops_per_s", c_double),
        ("bytes_per_s", c_double),
        ("interconnect_bytes_per_s", c_double),
    ]


class roof_roofline(Structure):
    _fields_ = [
        ("flops", c_double),
        ("bytes", c_double),
        ("flops_per_byte", c_double),
        ("ridge_flops_per_byte", c_double),
        ("attainable_flops_per_s", c_double),
        ("compute_seconds", c_double),
        ("memory_seconds", c_double),
        ("seconds", c_double),
        ("bound", c_uint32),
        ("reserved", c_uint32),
    ]


class roof_measured(Structure):
    _fields_ = [
        ("roof", roof_roofline),
        ("seconds", c_double),
        ("achieved_flops_per_s", c_double),
        ("achieved_bytes_per_s", c_double),
        ("efficiency", c_double),
        ("compute_fraction", c_double),
        ("memory_fraction", c_double),
        ("bound", c_uint32),
        ("reserved", c_uint32),
    ]


class roof_level(Structure):
    _fields_ = [
        ("bytes", c_double),
        ("bytes_per_s", c_double),
    ]


class roof_hierarchy(Structure):
    _fields_ = [
        ("flops", c_double),
        ("compute_seconds", c_double),
        ("level_seconds", c_double * ROOF_MAX_LEVELS),
        ("level_flops_per_byte", c_double * ROOF_MAX_LEVELS),
        ("seconds", c_double),
        ("attainable_flops_per_s", c_double),
        ("level_count", c_uint32),
        ("binding_level", c_uint32),
    ]


class roof_layer_group(Structure):
    _fields_ = [
        ("layers", c_uint32),
        ("mixer", c_uint32),
        ("window", c_uint32),
        ("mlp", c_uint32),
        ("dense_intermediate", c_uint32),
        ("reserved", c_uint32 * 3),
    ]


class roof_model(Structure):
    _fields_ = [
        ("name", c_char * ROOF_MODEL_NAME_MAX),
        ("source", c_char * ROOF_MODEL_SOURCE_MAX),
        ("hidden", c_uint32),
        ("layers", c_uint32),
        ("heads", c_uint32),
        ("kv_heads", c_uint32),
        ("head_dim", c_uint32),
        ("intermediate", c_uint32),
        ("vocab", c_uint32),
        ("mlp", c_uint32),
        ("norm", c_uint32),
        ("position", c_uint32),
        ("experts", c_uint32),
        ("experts_per_token", c_uint32),
        ("expert_intermediate", c_uint32),
        ("shared_experts", c_uint32),
        ("shared_intermediate", c_uint32),
        ("tied_embeddings", c_uint32),
        ("sliding_window", c_uint32),
        ("max_context", c_uint32),
        ("native_bits", c_uint32),
        ("group_count", c_uint32),
        ("attn_extras", c_uint32),
        ("q_lora_rank", c_uint32),
        ("kv_lora_rank", c_uint32),
        ("qk_rope_head_dim", c_uint32),
        ("qk_nope_head_dim", c_uint32),
        ("v_head_dim", c_uint32),
        ("ssm_heads", c_uint32),
        ("ssm_head_dim", c_uint32),
        ("ssm_state", c_uint32),
        ("ssm_groups", c_uint32),
        ("ssm_conv", c_uint32),
        ("groups", roof_layer_group * ROOF_MAX_GROUPS),
        ("formats_set", c_uint32),
        ("format_layers", c_uint32),
        ("format_experts", c_uint32),
        ("format_embedding", c_uint32),
        ("format_lm_head", c_uint32),
        ("reserved", c_uint32 * 16),
    ]


class roof_model_params(Structure):
    _fields_ = [
        ("embedding", c_double),
        ("per_layer", c_double),
        ("active_per_layer", c_double),
        ("lm_head", c_double),
        ("total", c_double),
        ("active", c_double),
        ("reserved", c_double * 4),
    ]


class roof_workload(Structure):
    _fields_ = [
        ("batch", c_uint32),
        ("new_tokens", c_uint32),
        ("cached_tokens", c_uint32),
        ("weight_bits", c_uint32),
        ("activation_bits", c_uint32),
        ("kv_bits", c_uint32),
        ("quant_group", c_uint32),
        ("scale_bits", c_uint32),
        ("attention", c_uint32),
        ("precision", c_uint32),
        ("tensor_parallel", c_uint32),
        ("reserved", c_uint32 * 5),
    ]


class roof_op(Structure):
    _fields_ = [
        ("id", c_uint32),
        ("op_class", c_uint32),
        ("scope", c_uint32),
        ("precision", c_uint32),
        ("flops", c_double),
        ("bytes", c_double),
        ("weight_bytes", c_double),
        ("act_read_bytes", c_double),
        ("act_write_bytes", c_double),
        ("kv_read_bytes", c_double),
        ("kv_write_bytes", c_double),
        ("comm_bytes", c_double),
        ("gemm_m", c_double),
        ("gemm_n", c_double),
        ("gemm_k", c_double),
        ("gemm_batch", c_double),
        ("roofline", roof_roofline),
        ("expected_seconds", c_double),
        ("group", c_uint32),
        ("reserved0", c_uint32),
        ("reserved", c_double * 4),
    ]


class roof_sum(Structure):
    _fields_ = [
        ("flops", c_double),
        ("bytes", c_double),
        ("weight_bytes", c_double),
        ("act_bytes", c_double),
        ("kv_bytes", c_double),
        ("comm_bytes", c_double),
        ("compute_seconds", c_double),
        ("memory_seconds", c_double),
        ("comm_seconds", c_double),
        ("seconds", c_double),
        ("expected_seconds", c_double),
        ("bound_seconds", c_double * 4),
        ("bound", c_uint32),
        ("dominant_op", c_uint32),
        ("reserved", c_double * 4),
    ]


class roof_totals(Structure):
    _fields_ = [
        ("layer", roof_sum),
        ("model", roof_sum),
        ("overhead_seconds", c_double),
        ("reserved", c_double * 3),
    ]


class roof_link(Structure):
    _fields_ = [
        ("bytes_per_s", c_double),
        ("latency_seconds", c_double),
        ("reserved", c_double * 2),
    ]


class roof_ep_layer(Structure):
    _fields_ = [
        ("experts", c_uint32),
        ("top_k", c_uint32),
        ("hidden", c_uint32),
        ("ep", c_uint32),
        ("tokens", c_double),
        ("dispatch_bytes_per_element", c_double),
        ("combine_bytes_per_element", c_double),
        ("reserved", c_double * 2),
    ]


class roof_ep_traffic(Structure):
    _fields_ = [
        ("tokens_per_device", c_double),
        ("mean_load", c_double),
        ("max_load", c_double),
        ("dispatch_bytes", c_double),
        ("dispatch_bytes_out", c_double),
        ("combine_bytes", c_double),
        ("combine_bytes_out", c_double),
        ("busiest_dispatch_bytes", c_double),
        ("busiest_combine_bytes", c_double),
        ("reserved", c_double * 2),
    ]


class roof_ep_point(Structure):
    _fields_ = [
        ("tensor_parallel", c_uint32),
        ("expert_parallel", c_uint32),
        ("devices", c_uint32),
        ("link_scope", c_uint32),
        ("fits", c_uint32),
        ("moe_layers", c_uint32),
        ("dispatch_bytes", c_double),
        ("busiest_dispatch_bytes", c_double),
        ("a2a_seconds", c_double),
        ("expected_a2a_seconds", c_double),
        ("step_seconds", c_double),
        ("expected_step_seconds", c_double),
        ("tokens_per_s_per_device", c_double),
        ("expected_tokens_per_s_per_device", c_double),
        ("speedup", c_double),
        ("expected_speedup", c_double),
        ("memory_bytes", c_double),
        ("reserved", c_double * 4),
    ]


class roof_kernel_coef(Structure):
    _fields_ = [
        ("floor_seconds", c_double),
        ("compute_fraction", c_double),
        ("memory_fraction", c_double),
        ("row_bytes_per_s", c_double),
        ("masked_fraction", c_double),
        ("reserved", c_double * 3),
    ]


ROOF_KERNEL_KIND_COUNT = 10


class roof_calibration(Structure):
    _fields_ = [
        ("name", c_char * 48),
        ("device", c_char * 48),
        ("source", c_char * 192),
        ("engine", c_char * 192),
        ("date", c_char * 16),
        ("origin", c_uint32),
        ("reserved0", c_uint32),
        ("kind", roof_kernel_coef * ROOF_KERNEL_KIND_COUNT),
        ("step_overhead_seconds", c_double),
        ("reserved", c_double * 7),
    ]


class roof_kernel_terms(Structure):
    _fields_ = [
        ("kind", c_uint32),
        ("reserved0", c_uint32),
        ("compute_seconds", c_double),
        ("memory_seconds", c_double),
        ("row_bytes", c_double),
        ("masked_extra", c_double),
        ("launches", c_double),
        ("reserved", c_double * 2),
    ]


class roof_kernel_sample(Structure):
    _fields_ = [
        ("kind", c_uint32),
        ("precision", c_uint32),
        ("flops", c_double),
        ("bytes", c_double),
        ("rows", c_double),
        ("masked_extra", c_double),
        ("launches", c_double),
        ("measured_seconds", c_double),
        ("reserved", c_double * 2),
    ]


class roof_fit_quality(Structure):
    _fields_ = [
        ("samples", c_uint32),
        ("fitted", c_uint32),
        ("median_error", c_double),
        ("p90_error", c_double),
        ("below_bound", c_double),
        ("reserved", c_double * 2),
    ]


class roof_fit_report(Structure):
    _fields_ = [
        ("kind", roof_fit_quality * ROOF_KERNEL_KIND_COUNT),
        ("samples", c_uint32),
        ("bad_kind", c_uint32),
        ("median_error", c_double),
        ("p90_error", c_double),
        ("reserved", c_double * 4),
    ]


class roof_online(Structure):
    _fields_ = [
        ("warmup", c_uint32),
        ("seen", c_uint32),
        ("used", c_uint32),
        ("rejected", c_uint32),
        ("forget", c_double),
        ("sw", c_double),
        ("sx", c_double),
        ("sy", c_double),
        ("sxx", c_double),
        ("sxy", c_double),
        ("mean_abs_residual", c_double),
        ("reserved", c_double * 4),
    ]


class roof_request(Structure):
    _fields_ = [
        ("workload", roof_workload),
        ("prompt_tokens", c_uint32),
        ("gen_tokens", c_uint32),
        ("pipeline_parallel", c_uint32),
        ("microbatches", c_uint32),
        ("efficiency", roof_efficiency),
        ("activation_reserve", c_double),
        ("reserved", c_uint32 * 4),
    ]


class roof_memory(Structure):
    _fields_ = [
        ("weight_bytes", c_double),
        ("kv_bytes", c_double),
        ("activation_bytes", c_double),
        ("total_bytes", c_double),
        ("capacity_bytes", c_double),
        ("fits", c_uint32),
        ("reserved0", c_uint32),
        ("reserved", c_double * 4),
    ]


class roof_estimate(Structure):
    _fields_ = [
        ("ttft_seconds", c_double),
        ("tpot_seconds", c_double),
        ("first_tpot_seconds", c_double),
        ("last_tpot_seconds", c_double),
        ("decode_seconds", c_double),
        ("e2e_seconds", c_double),
        ("tokens_per_s_per_seq", c_double),
        ("tokens_per_s", c_double),
        ("decode_tokens_per_s", c_double),
        ("allreduce_seconds_per_layer", c_double),
        ("pipeline_bubble_fraction", c_double),
        ("memory", roof_memory),
        ("max_batch", c_uint32),
        ("max_context", c_uint32),
        ("prefill_bound", c_uint32),
        ("decode_bound", c_uint32),
        ("prefill_dominant_op", c_uint32),
        ("decode_dominant_op", c_uint32),
        ("expected_ttft_seconds", c_double),
        ("expected_tpot_seconds", c_double),
        ("expected_e2e_seconds", c_double),
        ("expected_tokens_per_s", c_double),
        ("expected_decode_tokens_per_s", c_double),
        ("overhead_seconds", c_double),
        ("reserved", c_double * 4),
    ]


class roof_scaling_point(Structure):
    _fields_ = [
        ("tensor_parallel", c_uint32),
        ("pipeline_parallel", c_uint32),
        ("devices", c_uint32),
        ("fits", c_uint32),
        ("ttft_seconds", c_double),
        ("tpot_seconds", c_double),
        ("tokens_per_s", c_double),
        ("speedup", c_double),
        ("efficiency", c_double),
        ("expected_ttft_seconds", c_double),
        ("expected_tpot_seconds", c_double),
        ("expected_tokens_per_s", c_double),
        ("expected_speedup", c_double),
        ("reserved", c_double * 4),
    ]


class roof_series(Structure):
    _fields_ = [
        ("label", c_char_p),
        ("flops_per_byte", POINTER(c_double)),
        ("flops_per_s", POINTER(c_double)),
        ("count", c_uint32),
        ("color", c_uint32),
        ("marker", c_uint32),
        ("reserved", c_uint32),
    ]


class roof_chart_ceiling(Structure):
    _fields_ = [
        ("label", c_char_p),
        ("value", c_double),
        ("kind", c_uint32),
        ("color", c_uint32),
    ]


class roof_chart(Structure):
    _fields_ = [
        ("title", c_char_p),
        ("ceilings", POINTER(roof_chart_ceiling)),
        ("ceiling_count", c_uint32),
        ("series_count", c_uint32),
        ("series", POINTER(roof_series)),
        ("x_min", c_double),
        ("x_max", c_double),
        ("y_min", c_double),
        ("y_max", c_double),
        ("width_px", c_uint32),
        ("height_px", c_uint32),
        ("ridge_line", c_uint32),
        ("reserved", c_uint32),
    ]


class roof_parse_error(Structure):
    _fields_ = [
        ("line", c_uint32),
        ("column", c_uint32),
        ("offset", c_uint64),
        ("message", c_char * 112),
    ]


class roof_kernel(Structure):
    _fields_ = [
        ("name", c_char * ROOF_KERNEL_NAME_MAX),
        ("flops", c_double),
        ("bytes", c_double),
        ("seconds", c_double),
    ]


# plan.h
ROOF_PLAN_TAG = 0x504c4e02
ROOF_PLAN_WORDS = 1024
ROOF_LOGITS_LAST = 0
ROOF_LOGITS_ALL = 1


class roof_seq(Structure):
    _fields_ = [
        ("new_tokens", c_uint32),
        ("cached_tokens", c_uint32),
    ]


class roof_plan(Structure):
    _fields_ = [
        ("tag", c_uint32),
        ("logits", c_uint32),
        ("reserved0", c_uint32 * 2),
        ("model", roof_model),
        ("hardware", roof_hardware),
        ("calibration", roof_calibration),
        ("workload", roof_workload),
        ("prepared", c_double * ROOF_PLAN_WORDS),
        ("reserved", c_double * 8),
    ]


class roof_step_result(Structure):
    _fields_ = [
        ("seconds", c_double),
        ("expected_seconds", c_double),
        ("overhead_seconds", c_double),
        ("flops", c_double),
        ("bytes", c_double),
        ("weight_bytes", c_double),
        ("act_bytes", c_double),
        ("kv_bytes", c_double),
        ("comm_bytes", c_double),
        ("compute_seconds", c_double),
        ("memory_seconds", c_double),
        ("comm_seconds", c_double),
        ("bound_seconds", c_double * 4),
        ("tokens", c_double),
        ("bound", c_uint32),
        ("dominant_op", c_uint32),
        ("sequences", c_uint32),
        ("reserved0", c_uint32),
        ("reserved", c_double * 6),
    ]


# capacity.h
ROOF_BASIS_BOUND = 0
ROOF_BASIS_EXPECTED = 1


class roof_throughput(Structure):
    _fields_ = [
        ("batch", c_uint32),
        ("limit", c_uint32),
        ("tokens_per_s", c_double),
        ("step_seconds", c_double),
        ("memory_bytes", c_double),
        ("step", roof_step_result),
        ("reserved", c_double * 4),
    ]


# Every public struct, for the layout test.
STRUCTS = (
    roof_efficiency, roof_hardware, roof_ceiling, roof_roofline,
    roof_measured, roof_level, roof_hierarchy, roof_layer_group, roof_model, roof_model_params,
    roof_workload, roof_op, roof_sum, roof_totals, roof_request, roof_memory,
    roof_estimate, roof_scaling_point, roof_series, roof_chart_ceiling,
    roof_chart, roof_parse_error, roof_kernel, roof_kernel_coef,
    roof_calibration, roof_kernel_terms, roof_kernel_sample, roof_fit_quality,
    roof_fit_report, roof_online, roof_link, roof_ep_layer, roof_ep_traffic,
    roof_seq, roof_plan, roof_step_result, roof_throughput, roof_ep_point,
)

roof_write_fn = CFUNCTYPE(c_int, c_void_p, POINTER(c_char), c_size_t)

# ==== 2. What Python code sees: enums and dataclasses =================

class _Named(IntEnum):
    """An IntEnum whose str() is the library's lower-case name."""

    def __str__(self) -> str:
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
    FP6 = 8
    FP4 = 9


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


class LinkScope(_Named):
    """Where a group's traffic goes (enum roof_scope)."""
    DEVICE = 0
    SCALE_UP = 1
    SCALE_OUT = 2


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
    scaleup_domain: int              # GPUs in the NVLink/xGMI/ICI domain
    clock_hz: float
    vector_clock_hz: float
    flops_per_clock_per_unit: Tuple[float, ...]
    memory_bytes: float
    dram_bytes_per_s: float
    l2_bytes: float
    interconnect_bytes_per_s: float
    fp16_acc16_flops_per_clock_per_unit: float  # 0 = same as FP16
    fp8_acc16_flops_per_clock_per_unit: float   # 0 = same as FP8
    scaleout_bytes_per_s: float      # InfiniBand/RoCE per device; 0 = unknown


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
    binding_level: int  # an index, or ROOF_LEVEL_COMPUTE


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
    attn_extras: int = 0                  # ROOF_EXTRA_* bits
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
    groups: Tuple[LayerGroup, ...] = ()   # the first group_count matter
    formats_set: int = 0                  # ROOF_MODULE_* bits: which of
    format_layers: int = 0                # the released per-module weight
    format_experts: int = 0               # formats (ROOF_FORMAT_*) are
    format_embedding: int = 0             # set; a clear bit follows the
    format_lm_head: int = 0               # workload (model.h)


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
    def name(self) -> str:
        """The library's name: "q_proj", "qk_matmul", ..."""
        from . import ffi
        return ffi.load().roof_op_name(self.id).decode()

    @property
    def bound(self) -> "Bound":
        """What bounds this operator: its roofline's bound."""
        return self.roofline.bound

    @property
    def seconds(self) -> float:
        """This operator's roofline time, in seconds."""
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
    overhead_seconds: float


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
    expected_ttft_seconds: float
    expected_tpot_seconds: float
    expected_e2e_seconds: float
    expected_tokens_per_s: float
    expected_decode_tokens_per_s: float
    overhead_seconds: float


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
    expected_ttft_seconds: float
    expected_tpot_seconds: float
    expected_tokens_per_s: float
    expected_speedup: float


@dataclass(frozen=True)
class EpPoint:
    """One (tensor, expert) parallel configuration of roof_ep_sweep."""
    tensor_parallel: int
    expert_parallel: int
    devices: int
    link_scope: LinkScope
    fits: int
    moe_layers: int
    dispatch_bytes: float
    busiest_dispatch_bytes: float
    a2a_seconds: float
    expected_a2a_seconds: float
    step_seconds: float
    expected_step_seconds: float
    tokens_per_s_per_device: float
    expected_tokens_per_s_per_device: float
    speedup: float
    expected_speedup: float
    memory_bytes: float


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
    color: int = ROOF_COLOR_AUTO


@dataclass(frozen=True)
class Series:
    """Points on a chart: x in FLOP/byte, y in FLOP/s."""
    label: str
    flops_per_byte: Tuple[float, ...]
    flops_per_s: Tuple[float, ...]
    color: int = ROOF_COLOR_AUTO
    marker: Marker = Marker.CROSS


# dataclass <-> ctypes structure, for the generic conversion.
C_TYPE = {
    Efficiency: roof_efficiency, Hardware: roof_hardware,
    Ceiling: roof_ceiling, Roofline: roof_roofline,
    Measured: roof_measured, Level: roof_level,
    Hierarchy: roof_hierarchy, Model: roof_model,
    ModelParams: roof_model_params, Workload: roof_workload,
    Op: roof_op, Sum: roof_sum, Totals: roof_totals,
    Request: roof_request, Memory: roof_memory,
    Estimate: roof_estimate, ScalingPoint: roof_scaling_point,
    Kernel: roof_kernel, LayerGroup: roof_layer_group,
    EpPoint: roof_ep_point,
}
PY_TYPE = {c: p for p, c in C_TYPE.items()}

# Integer fields holding an enum value, by field name.
ENUM_FIELDS = {
    "bound": Bound, "prefill_bound": Bound, "decode_bound": Bound,
    "dominant_op": OpId, "prefill_dominant_op": OpId,
    "decode_dominant_op": OpId, "id": OpId, "op_class": OpClass,
    "scope": Scope, "precision": Precision, "attention": Attention,
    "mlp": Mlp, "norm": Norm, "position": Position, "kind": CeilingKind,
    "marker": Marker, "link_scope": LinkScope,
}

# Frozen descriptors that Python code passes back to C: each instance keeps
# the C struct it was made from (or first converted to), so passing the
# same Hardware or Model again costs no conversion.  Frozen means the
# fields cannot change under the cached copy.
_CACHED = (Hardware, Model, Efficiency, Ceiling, Level)
_CACHE = "_roof_c"


# ---- C -> Python --------------------------------------------------------

# struct module codes of the scalar C types the structs use.
_CODES = {c_double: "d", c_uint32: "I", c_uint64: "Q"}


def _text(b):
    """A char array's bytes as ctypes reads them: up to the first NUL."""
    return b.split(b"\0", 1)[0].decode("utf-8", "replace")


def _compile_reader(cls):
    """read(buf, offset): the dataclass cls from the C struct at offset in
    buf (a ctypes struct or array), as straight-line code.  One
    struct.unpack_from reads every scalar field at once, from the offsets
    ctypes gives; then the object is made as the generated __init__ of a
    dataclass would, minus its per-field object.__setattr__ calls on frozen
    classes (what dataclasses itself does with exec).  Field names come
    from the tables above, never from input."""
    ctype = C_TYPE[cls]
    ctypes_of = dict(ctype._fields_)
    env = {"new": object.__new__, "cls": cls, "ctype": ctype,
           "CACHE": _CACHE, "text": _text}
    fmt, pos, n, items = "=", 0, 0, []
    for f in dataclasses.fields(cls):
        ft, desc = ctypes_of[f.name], getattr(ctype, f.name)
        if desc.offset < pos:
            raise TypeError("%s: fields out of C order" % cls.__name__)
        if issubclass(ft, Structure):
            env["r_" + f.name] = reader(PY_TYPE[ft])
            items.append("%r: r_%s(buf, off + %d)"
                         % (f.name, f.name, desc.offset))
            continue
        if issubclass(ft, ctypes.Array) and issubclass(ft._type_, Structure):
            env["r_" + f.name] = reader(PY_TYPE[ft._type_])
            items.append("%r: tuple(r_%s(buf, off + %d + %d * i) "
                         "for i in range(%d))"
                         % (f.name, f.name, desc.offset,
                            ctypes.sizeof(ft._type_), ft._length_))
            continue
        fmt += "%dx" % (desc.offset - pos) if desc.offset > pos else ""
        pos = desc.offset + desc.size
        if issubclass(ft, ctypes.Array) and ft._type_ is c_char:
            fmt += "%ds" % desc.size
            items.append("%r: text(v[%d])" % (f.name, n))
            n += 1
        elif issubclass(ft, ctypes.Array):
            fmt += "%d%s" % (ft._length_, _CODES[ft._type_])
            items.append("%r: v[%d:%d]" % (f.name, n, n + ft._length_))
            n += ft._length_
        elif f.name in ENUM_FIELDS:
            fmt += _CODES[ft]
            # A value newer than these bindings keeps its number.
            env["e_" + f.name] = {m.value: m for m in ENUM_FIELDS[f.name]}
            items.append("%r: e_%s.get(v[%d], v[%d])"
                         % (f.name, f.name, n, n))
            n += 1
        else:
            fmt += _CODES[ft]
            items.append("%r: v[%d]" % (f.name, n))
            n += 1
    env["unpack"] = struct.Struct(fmt).unpack_from
    keep = ("    d[CACHE] = ctype.from_buffer_copy(buf, off)\n"
            if cls in _CACHED else "")
    src = ("def read(buf, off=0):\n    v = unpack(buf, off)\n"
           "    o = new(cls)\n    d = o.__dict__\n"
           "    d.update({%s})\n%s    return o\n" % (", ".join(items), keep))
    exec(src, env)
    return env["read"]


_READERS = {}


def reader(cls):
    """read(buf, offset=0) -> cls, made once per dataclass."""
    read = _READERS.get(cls)
    if read is None:
        read = _READERS.setdefault(cls, _compile_reader(cls))
    return read


def from_c(s):
    """The dataclass for a ctypes structure (a copy: s may be reused)."""
    return reader(PY_TYPE[type(s)])(s)


def from_c_array(arr, count):
    """The dataclasses for the first count structs of a ctypes array,
    read in place."""
    read = reader(PY_TYPE[arr._type_])
    size = ctypes.sizeof(arr._type_)
    return [read(arr, i * size) for i in range(count)]


# ---- Python -> C --------------------------------------------------------

def _text_writer(name, ctype):
    size = ctypes.sizeof(ctype)

    def write(v):
        b = v.encode("utf-8") if isinstance(v, str) else bytes(v)
        if len(b) >= size:
            raise _args.errors.RangeError(
                _args.errors.E_RANGE, "%s: %r does not fit in %d bytes"
                % (name, v, size - 1))
        return b
    return write


def _struct_array_writer(name, ctype):
    """An array of structs (a model's layer groups): up to its length of
    dataclasses (or what _struct_writer takes); the rest stays zero."""
    n, one = ctype._length_, _struct_writer(name, ctype._type_)

    def write(v):
        if len(v) > n:
            raise _args.errors.RangeError(_args.errors.E_RANGE,
                                          "%s holds at most %d" % (name, n))
        return ctype(*[one(x) for x in v])
    return write


def _array_writer(name, ctype):
    n = ctype._length_
    if issubclass(ctype._type_, Structure):
        return _struct_array_writer(name, ctype)

    def write(v):
        if len(v) != n:
            raise _args.errors.RangeError(_args.errors.E_RANGE,
                                          "%s needs %d values" % (name, n))
        return ctype(*[_args.real(name, x) for x in v])
    return write


def _struct_writer(name, ctype):
    def write(v):
        cls = PY_TYPE[ctype]
        if isinstance(v, cls):
            return to_c(v)
        if isinstance(v, dict):
            return to_c(cls(**v))
        if isinstance(v, (tuple, list)):
            return to_c(cls(*v))
        if isinstance(v, ctype):
            return v
        raise TypeError("%s must be a %s, not %s %r"
                        % (name, cls.__name__, type(v).__name__, v))
    return write


def writer(name, ctype):
    """The function that checks a Python value for field `name` of C type
    `ctype` and returns what ctypes stores: the one rule for every field
    and every argument of that kind."""
    if issubclass(ctype, ctypes.Array):
        if ctype._type_ is c_char:
            return _text_writer(name, ctype)
        return _array_writer(name, ctype)
    if issubclass(ctype, Structure):
        return _struct_writer(name, ctype)
    if ctype is c_uint32:
        enum = ENUM_FIELDS.get(name)
        if enum is not None:
            return lambda v: _args.choice(enum, name, v)
        return lambda v: _args.u32(name, v)
    return lambda v: _args.real(name, v)


def _write_plan(cls):
    ctypes_of = dict(C_TYPE[cls]._fields_)
    return tuple((f.name, writer(f.name, ctypes_of[f.name]))
                 for f in dataclasses.fields(cls))


_WRITE = {}


def write_plan(cls):
    """((field name, writer), ...) of a dataclass, built once."""
    plan = _WRITE.get(cls)
    if plan is None:
        plan = _WRITE.setdefault(cls, _write_plan(cls))
    return plan


def field_writer(cls, name):
    """The writer of one field of a dataclass; TypeError for no such
    field."""
    for n, w in write_plan(cls):
        if n == name:
            return w
    raise TypeError("unknown field %r for %s" % (name, cls.__name__))


def field_value(cls, name, v):
    """v checked as field `name` of dataclass cls, as the dataclass holds
    it: enum names become members, tuples become nested dataclasses."""
    c = field_writer(cls, name)(v)
    if isinstance(c, bytes):
        return v if isinstance(v, str) else c.decode("utf-8")
    if isinstance(c, ctypes.Array) and issubclass(c._type_, Structure):
        return tuple(from_c(x) for x in c[:len(v)])
    if isinstance(c, ctypes.Array):
        return tuple(c)
    if isinstance(c, Structure):
        return from_c(c)
    return c


def to_c(obj):
    """The ctypes structure for a dataclass (reserved fields zero).  For a
    frozen descriptor (Hardware, Model, Efficiency, Ceiling, Level) the
    structure is made once and kept: callers pass it to C as const."""
    cls = type(obj)
    cached = cls in _CACHED
    if cached:
        s = obj.__dict__.get(_CACHE)
        if s is not None:
            return s
    s = C_TYPE[cls]()
    for name, write in write_plan(cls):
        setattr(s, name, write(getattr(obj, name)))
    if cached:
        obj.__dict__[_CACHE] = s
    return s
