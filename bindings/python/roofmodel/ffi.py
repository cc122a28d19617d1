"""The C layer: ctypes mirrors of the public structs, and one table that
declares every C function once (name, result type, argument types).

Every function that returns a status gets the same errcheck, which turns a
non-zero status into a RoofError subclass (see errors.py).  Structures keep
the C typedef names (roof_hardware, roof_op, ...) and field names, so the C
headers are their documentation.  The high-level API is in __init__.py.
"""

import ctypes
import ctypes.util
import glob
import os
import threading
from ctypes import (CFUNCTYPE, POINTER, Structure, c_char, c_char_p, c_double,
                    c_int, c_size_t, c_uint32, c_uint64, c_void_p)

from . import errors

# Array sizes and limits from the headers; the tests check them against
# the C compiler's values.
ROOF_HW_NAME_MAX = 48
ROOF_HW_SOURCE_MAX = 192
ROOF_PRECISION_COUNT = 8
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
        ("reserved0", c_uint32),
        ("clock_hz", c_double),
        ("vector_clock_hz", c_double),
        ("flops_per_clock_per_unit", c_double * ROOF_PRECISION_COUNT),
        ("memory_bytes", c_double),
        ("dram_bytes_per_s", c_double),
        ("l2_bytes", c_double),
        ("interconnect_bytes_per_s", c_double),
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
        ("reserved", c_uint32 * 21),
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


# Every public struct, for the layout test.
STRUCTS = (
    roof_efficiency, roof_hardware, roof_ceiling, roof_roofline,
    roof_measured, roof_level, roof_hierarchy, roof_layer_group, roof_model,
    roof_model_params,
    roof_workload, roof_op, roof_sum, roof_totals, roof_request, roof_memory,
    roof_estimate, roof_scaling_point, roof_series, roof_chart_ceiling,
    roof_chart, roof_parse_error, roof_kernel,
)

roof_write_fn = CFUNCTYPE(c_int, c_void_p, POINTER(c_char), c_size_t)

_P = POINTER
_u32 = c_uint32
_d = c_double
STATUS = "status"  # result type marker: an int status, checked

# The one table: (name, result, argument types).  A STATUS result is a
# c_int checked by _check; any other result is returned as is.
FUNCTIONS = (
    # common.h
    ("roof_status_str", c_char_p, [c_int]),
    ("roof_precision_name", c_char_p, [_u32]),
    ("roof_precision_from_name", STATUS, [c_char_p, _P(_u32)]),
    ("roof_bound_name", c_char_p, [_u32]),
    ("roof_efficiency_validate", STATUS, [_P(roof_efficiency)]),
    ("roof_version_number", _u32, []),
    ("roof_version_string", c_char_p, []),
    # hardware.h
    ("roof_hardware_validate", STATUS, [_P(roof_hardware)]),
    ("roof_hardware_count", _u32, []),
    ("roof_hardware_get", STATUS, [_u32, _P(roof_hardware)]),
    ("roof_hardware_alias", c_char_p, [_u32, _u32]),
    ("roof_hardware_find", STATUS, [c_char_p, _P(roof_hardware)]),
    ("roof_hardware_suggest", STATUS,
     [c_char_p, _P(c_char_p), _u32, _P(_u32)]),
    ("roof_hardware_at_clock", STATUS,
     [_P(roof_hardware), _d, _P(roof_hardware)]),
    ("roof_hardware_peak_flops_per_s", STATUS,
     [_P(roof_hardware), _u32, _P(_d)]),
    # roofline.h
    ("roof_ceiling_from_hardware", STATUS,
     [_P(roof_hardware), _u32, _P(roof_efficiency), _P(roof_ceiling)]),
    ("roof_ceiling_validate", STATUS, [_P(roof_ceiling)]),
    ("roof_ridge_flops_per_byte", STATUS, [_P(roof_ceiling), _P(_d)]),
    ("roof_roofline_eval", STATUS,
     [_P(roof_ceiling), _d, _d, _P(roof_roofline)]),
    ("roof_measured_eval", STATUS,
     [_P(roof_ceiling), _d, _d, _d, _P(roof_measured)]),
    ("roof_hierarchy_eval", STATUS,
     [_d, _d, _P(roof_level), _u32, _P(roof_hierarchy)]),
    # model.h
    ("roof_model_validate", STATUS, [_P(roof_model)]),
    ("roof_model_count", _u32, []),
    ("roof_model_get", STATUS, [_u32, _P(roof_model)]),
    ("roof_model_find", STATUS, [c_char_p, _P(roof_model)]),
    ("roof_model_suggest", STATUS, [c_char_p, _P(c_char_p), _u32, _P(_u32)]),
    ("roof_model_param_count", STATUS,
     [_P(roof_model), _P(roof_model_params)]),
    ("roof_model_shardable", STATUS, [_P(roof_model), _u32]),
    # ops.h
    ("roof_workload_prefill", STATUS, [_u32, _u32, _P(roof_workload)]),
    ("roof_workload_decode", STATUS, [_u32, _u32, _P(roof_workload)]),
    ("roof_workload_validate", STATUS, [_P(roof_workload)]),
    ("roof_op_name", c_char_p, [_u32]),
    ("roof_ops", STATUS,
     [_P(roof_model), _P(roof_workload), _P(roof_hardware),
      _P(roof_efficiency), _P(roof_op), _u32, _P(_u32), _P(roof_totals)]),
    ("roof_step", STATUS,
     [_P(roof_model), _P(roof_workload), _P(roof_hardware),
      _P(roof_efficiency), _P(roof_totals)]),
    # estimate.h
    ("roof_request_init", STATUS, [_u32, _u32, _u32, _P(roof_request)]),
    ("roof_request_validate", STATUS, [_P(roof_request)]),
    ("roof_estimate_run", STATUS,
     [_P(roof_model), _P(roof_hardware), _P(roof_request),
      _P(roof_estimate)]),
    ("roof_memory_footprint", STATUS,
     [_P(roof_model), _P(roof_hardware), _P(roof_request), _P(roof_memory)]),
    ("roof_scaling", STATUS,
     [_P(roof_model), _P(roof_hardware), _P(roof_request), _u32,
      _P(roof_scaling_point), _u32, _P(_u32)]),
    # plot.h
    ("roof_chart_svg", STATUS,
     [_P(roof_chart), c_char_p, c_size_t, _P(c_size_t)]),
    ("roof_chart_svg_write", STATUS,
     [_P(roof_chart), roof_write_fn, c_void_p]),
    ("roof_format_si", STATUS,
     [_d, c_char_p, c_char_p, c_size_t, _P(c_size_t)]),
    # parse.h
    ("roof_model_from_json", STATUS,
     [c_char_p, c_size_t, _P(roof_model), _P(roof_parse_error)]),
    ("roof_model_from_json_as", STATUS,
     [c_char_p, c_size_t, c_char_p, _P(roof_model), _P(roof_parse_error)]),
    ("roof_model_to_json", STATUS,
     [_P(roof_model), c_char_p, c_size_t, _P(c_size_t)]),
    ("roof_hardware_from_json", STATUS,
     [c_char_p, c_size_t, _P(roof_hardware), _P(roof_parse_error)]),
    ("roof_hardware_to_json", STATUS,
     [_P(roof_hardware), c_char_p, c_size_t, _P(c_size_t)]),
    ("roof_kernels_from_csv", STATUS,
     [c_char_p, c_size_t, _P(roof_kernel), _u32, _P(_u32),
      _P(roof_parse_error)]),
)


def _parse_detail(args):
    """The roof_parse_error among a call's arguments, if any."""
    for a in args:
        obj = getattr(a, "_obj", a)  # byref() wraps the object
        if isinstance(obj, roof_parse_error):
            return obj
    return None


def _make_check(lib):
    status_str = lib.roof_status_str

    def check(status, func, args):
        if status == 0:
            return status
        text = status_str(status).decode("utf-8", "replace")
        raise errors.from_status(status, text, func.__name__,
                                 _parse_detail(args))
    return check


def _candidates():
    """Where to look for the library, in order: ROOFMODEL_LIB, the build
    trees above this package, then the system's search path."""
    env = os.environ.get("ROOFMODEL_LIB")
    if env:
        if os.path.isdir(env):
            found = sorted(glob.glob(os.path.join(env, "libroofmodel.so*")))
            if not found:
                raise OSError("ROOFMODEL_LIB=%s: no libroofmodel.so in it"
                              % env)
            return [found[0]]
        return [env]  # an explicit choice: no fallback that hides a typo
    out = []
    d = os.path.dirname(os.path.abspath(__file__))
    while True:
        libs = glob.glob(os.path.join(d, "build*", "lib", "libroofmodel.so*"))
        # Several build directories: the most recently built one wins.
        libs = [p for p in libs if os.path.isfile(p)]
        out.extend(sorted(libs, key=os.path.getmtime, reverse=True))
        parent = os.path.dirname(d)
        if out or parent == d:
            break
        d = parent
    system = ctypes.util.find_library("roofmodel")
    if system:
        out.append(system)
    return out


def _declare(lib):
    check = _make_check(lib)
    for name, restype, argtypes in FUNCTIONS:
        f = getattr(lib, name)
        f.argtypes = argtypes
        if restype is STATUS:
            f.restype = c_int
            f.errcheck = check
        else:
            f.restype = restype
    return lib


_lock = threading.Lock()
_lib = None


def load():
    """The shared library with every function declared; loaded once."""
    global _lib
    with _lock:
        if _lib is not None:
            return _lib
        tried = []
        for path in _candidates():
            try:
                lib = ctypes.CDLL(path)
            except OSError as e:
                tried.append("%s (%s)" % (path, e))
                continue
            _declare(lib)
            major = lib.roof_version_number() // 10000
            if major != ABI_MAJOR:
                tried.append("%s (version %s, these bindings need %d.x)" % (
                    path, lib.roof_version_string().decode(), ABI_MAJOR))
                continue
            lib.path = path
            _lib = lib
            return lib
        raise OSError("libroofmodel not found; set ROOFMODEL_LIB to the "
                      "path of libroofmodel.so. Tried: "
                      + ("; ".join(tried) if tried else "nothing"))
