"""The C layer: one table that declares every C function once (name,
result type, argument types), and the loader that finds the library.

Every function that returns a status gets the same errcheck, which turns a
non-zero status into a RoofError subclass (see errors.py).  The ctypes
mirrors of the C structs live in types.py (section 1) and are re-exported
here under their C names (ffi.roof_hardware, ...), with the constants.

Adding C functions (the prepared-plan API, say) takes one FUNCTIONS row
each, and their structs one class each in types.py.  A function that the
loaded library lacks (an older library) does not stop the others: calling
it raises UnsupportedError naming the function and the library's version.

Where the library is looked for, in order (the first that loads wins):

1. the ROOFMODEL_LIBRARY environment variable (or its older name
   ROOFMODEL_LIB): the library's path, or a folder holding it.  An
   explicit choice: when it fails nothing else is tried, so a typo is not
   hidden;
2. the library bundled in the package, roofmodel/_lib/ (pip install);
3. a build tree: build*/lib/ in the package's folder or the nearest folder
   above it that has one (the most recently built first);
4. the system's loader: ctypes.util.find_library("roofmodel"), then
   libroofmodel.so.SOVERSION by name (LD_LIBRARY_PATH, ld.so.cache).
"""

import ctypes
import ctypes.util
import glob
import os
import threading
from ctypes import (POINTER, c_char_p, c_double, c_int, c_size_t, c_uint32,
                    c_void_p)

from . import errors
from .types import (  # noqa: F401  (re-exported: the C names)
    ABI_MAJOR, ROOF_COLOR_AUTO, ROOF_HW_NAME_MAX, ROOF_HW_SOURCE_MAX,
    ROOF_JSON_MAX_DEPTH, ROOF_KERNEL_NAME_MAX, ROOF_LEVEL_COMPUTE,
    ROOF_MAX_LEVELS, ROOF_MAX_OPS, ROOF_MAX_VALUE, ROOF_MODEL_NAME_MAX,
    ROOF_MODEL_SOURCE_MAX, ROOF_OP_COUNT, ROOF_PRECISION_COUNT, STRUCTS,
    roof_ceiling, roof_chart, roof_chart_ceiling, roof_efficiency,
    roof_estimate, roof_hardware, roof_hierarchy, roof_kernel, roof_level,
    roof_measured, roof_memory, roof_model, roof_model_params, roof_op,
    roof_parse_error, roof_request, roof_roofline, roof_scaling_point,
    roof_series, roof_sum, roof_totals, roof_workload, roof_write_fn,
    roof_calibration, roof_fit_report, roof_kernel_coef, roof_kernel_sample,
    roof_kernel_terms, roof_online, ROOF_KERNEL_KIND_COUNT, roof_link,
    roof_ep_layer, roof_ep_traffic, roof_layer_group, ROOF_MAX_GROUPS,
    roof_seq, roof_plan, roof_step_result, ROOF_PLAN_TAG, ROOF_PLAN_WORDS,
    ROOF_LOGITS_LAST, ROOF_LOGITS_ALL, ROOF_BASIS_BOUND, ROOF_BASIS_EXPECTED,
    roof_throughput, roof_ep_point)

_P = POINTER
# int (*roof_kernel_fn)(void *ctx, const roof_kernel *k)
roof_kernel_fn = ctypes.CFUNCTYPE(c_int, c_void_p, POINTER(roof_kernel))
_u32 = c_uint32
_d = c_double
STATUS = "status"  # result type marker: an int status, checked

# The one table: (name, result, argument types).  A STATUS result is a
# c_int checked by the errcheck; any other result is returned as is.  A new
# C function gets one row here: TestTable fails while a function that the
# headers declare has no row.
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
    ("roof_hardware_roof_rate", STATUS,
     [_P(roof_hardware), _u32, _P(_d), _P(_u32)]),
    # collective.h
    ("roof_link_validate", STATUS, [_P(roof_link)]),
    ("roof_collective_name", c_char_p, [_u32]),
    ("roof_collective_seconds", STATUS,
     [_u32, _d, _u32, _P(roof_link), _P(_d)]),
    ("roof_collective_link", STATUS,
     [_P(roof_hardware), _u32, _P(roof_link), _P(_u32)]),
    ("roof_ep_layer_validate", STATUS, [_P(roof_ep_layer)]),
    ("roof_ep_traffic_eval", STATUS,
     [_P(roof_ep_layer), _P(roof_ep_traffic)]),
    ("roof_expected_max_normal", STATUS, [_u32, _P(_d)]),
    # format.h
    ("roof_format_name", c_char_p, [_u32]),
    ("roof_format_from_name", STATUS, [c_char_p, _P(_u32)]),
    ("roof_format_bits_per_weight", STATUS, [_u32, _P(_d)]),
    ("roof_format_weight_bytes", STATUS, [_u32, _u32, _u32, _P(_d)]),
    ("roof_format_native_precision", STATUS, [_u32, _P(_u32)]),
    ("roof_format_math_precision", STATUS,
     [_P(roof_hardware), _u32, _P(_u32), _P(_u32)]),
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
    ("roof_ops_calibrated", STATUS,
     [_P(roof_model), _P(roof_workload), _P(roof_hardware),
      _P(roof_efficiency), _P(roof_calibration), _P(roof_op), _u32, _P(_u32),
      _P(roof_totals)]),
    ("roof_step_calibrated", STATUS,
     [_P(roof_model), _P(roof_workload), _P(roof_hardware),
      _P(roof_efficiency), _P(roof_calibration), _P(roof_totals)]),
    # names.h
    ("roof_op_class_name", c_char_p, [_u32]),
    ("roof_op_class_from_name", STATUS, [c_char_p, _P(_u32)]),
    ("roof_mlp_kind_name", c_char_p, [_u32]),
    ("roof_mlp_kind_from_name", STATUS, [c_char_p, _P(_u32)]),
    ("roof_norm_kind_name", c_char_p, [_u32]),
    ("roof_norm_kind_from_name", STATUS, [c_char_p, _P(_u32)]),
    ("roof_position_kind_name", c_char_p, [_u32]),
    ("roof_position_kind_from_name", STATUS, [c_char_p, _P(_u32)]),
    ("roof_bound_from_name", STATUS, [c_char_p, _P(_u32)]),
    ("roof_op_from_name", STATUS, [c_char_p, _P(_u32)]),
    ("roof_kernels_visit_csv", STATUS,
     [c_char_p, c_size_t, roof_kernel_fn, c_void_p, _P(_u32),
      _P(roof_parse_error)]),
    # plan.h
    ("roof_plan_init", STATUS,
     [_P(roof_model), _P(roof_workload), _P(roof_hardware),
      _P(roof_calibration), _P(roof_plan)]),
    ("roof_plan_step", STATUS,
     [_P(roof_plan), _u32, _u32, _u32, _P(roof_step_result)]),
    ("roof_plan_step_mixed", STATUS,
     [_P(roof_plan), _P(roof_seq), _u32, _P(roof_step_result)]),
    # capacity.h
    ("roof_plan_max_decode_batch", STATUS,
     [_P(roof_plan), _u32, _d, _u32, _P(_u32), _P(roof_step_result)]),
    ("roof_plan_max_chunk", STATUS,
     [_P(roof_plan), _P(roof_seq), _u32, _u32, _d, _u32, _P(_u32),
      _P(roof_step_result)]),
    ("roof_min_tensor_parallel", STATUS,
     [_P(roof_model), _P(roof_workload), _P(roof_hardware),
      _P(roof_calibration), _u32, _u32, _d, _u32, _u32, _P(_u32),
      _P(roof_step_result)]),
    ("roof_plan_max_decode_throughput", STATUS,
     [_P(roof_plan), _u32, _d, _u32, _P(roof_throughput)]),
    ("roof_plan_utilization", STATUS,
     [_P(roof_plan), _P(roof_step_result), _d, _P(_d), _P(_d)]),
    # calibration.h, fit.h
    ("roof_kernel_kind_name", c_char_p, [_u32]),
    ("roof_kernel_kind_from_name", STATUS, [c_char_p, _P(_u32)]),
    ("roof_kernel_kind_guess", STATUS, [c_char_p, _P(_u32)]),
    ("roof_kernel_expected_seconds", STATUS,
     [_P(roof_calibration), _P(roof_kernel_terms), _P(_d)]),
    ("roof_calibration_fit", STATUS,
     [_P(roof_kernel_sample), _u32, _P(roof_hardware), _P(roof_calibration),
      _P(_d), c_size_t, _P(roof_calibration), _P(roof_fit_report)]),
    ("roof_calibration_score", STATUS,
     [_P(roof_kernel_sample), _u32, _P(roof_hardware), _P(roof_calibration),
      _P(_d), c_size_t, _P(roof_fit_report)]),
    ("roof_kernel_sample_from_kernel", STATUS,
     [_P(roof_kernel), _u32, _P(roof_kernel_sample)]),
    ("roof_kernel_samples_from_csv", STATUS,
     [c_char_p, c_size_t, _P(roof_kernel_sample), _u32, _P(_u32),
      _P(roof_parse_error)]),
    ("roof_online_init", STATUS, [_u32, _d, _P(roof_online)]),
    ("roof_online_add", STATUS, [_P(roof_online), _d, _d, _P(_u32)]),
    ("roof_online_profile", STATUS,
     [_P(roof_online), _P(roof_calibration), _P(roof_calibration)]),
    ("roof_calibration_origin_name", c_char_p, [_u32]),
    ("roof_calibration_validate", STATUS, [_P(roof_calibration)]),
    ("roof_calibration_builtin", STATUS,
     [_P(roof_hardware), _P(roof_calibration)]),
    ("roof_calibration_check_hardware", STATUS,
     [_P(roof_calibration), _P(roof_hardware)]),
    ("roof_calibration_from_json", STATUS,
     [c_char_p, c_size_t, _P(roof_calibration), _P(roof_parse_error)]),
    ("roof_calibration_to_json", STATUS,
     [_P(roof_calibration), c_char_p, c_size_t, _P(c_size_t)]),
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
    ("roof_estimate_run_calibrated", STATUS,
     [_P(roof_model), _P(roof_hardware), _P(roof_request),
      _P(roof_calibration), _P(roof_estimate)]),
    ("roof_scaling_calibrated", STATUS,
     [_P(roof_model), _P(roof_hardware), _P(roof_request),
      _P(roof_calibration), _u32, _P(roof_scaling_point), _u32, _P(_u32)]),
    # ep.h
    ("roof_ep_sweep", STATUS,
     [_P(roof_model), _P(roof_hardware), _P(roof_request), _u32,
      _P(roof_ep_point), _u32, _P(_u32)]),
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


def _missing(name, lib):
    def call(*_args):
        raise errors.UnsupportedError(
            errors.E_UNSUPPORTED, "%s is not in the loaded library %s "
            "(version %s): it needs a newer one"
            % (name, lib.path, lib.roof_version_string().decode()), name)
    call.__name__ = name
    return call


def _declare(lib):
    """Declares every FUNCTIONS row on lib; names the library lacks become
    stubs that raise (lib.missing lists them)."""
    check = _make_check(lib)
    lib.missing = []
    for name, restype, argtypes in FUNCTIONS:
        try:
            f = getattr(lib, name)
        except AttributeError:
            lib.missing.append(name)
            continue
        f.argtypes = argtypes
        if restype is STATUS:
            f.restype = c_int
            f.errcheck = check
        else:
            f.restype = restype
    for name in lib.missing:
        setattr(lib, name, _missing(name, lib))
    return lib


LIBRARY_ENV = ("ROOFMODEL_LIBRARY", "ROOFMODEL_LIB")
SONAME = "libroofmodel.so.%d" % ABI_MAJOR
PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
BUNDLED_DIR = os.path.join(PACKAGE_DIR, "_lib")


def _in_folder(d):
    """The libroofmodel.so* files in folder d, plain name first."""
    return sorted(p for p in glob.glob(os.path.join(d, "libroofmodel.so*"))
                  if os.path.isfile(p))


def _from_env(tried):
    """Step 1: ([path], True) when an environment variable names the
    library (an explicit choice), else ([], False)."""
    for var in LIBRARY_ENV:
        value = os.environ.get(var)
        if not value:
            tried.append("%s: not set" % var)
            continue
        if os.path.isdir(value):
            found = _in_folder(value)
            if not found:
                tried.append("%s=%s: no libroofmodel.so* in that folder"
                             % (var, value))
            return found[:1], True
        return [value], True
    return [], False


def _bundled(tried):
    """Step 2: the library pip installed inside the package."""
    found = _in_folder(BUNDLED_DIR)
    if not found:
        tried.append("bundled: no libroofmodel.so* in %s" % BUNDLED_DIR)
    return found[:1]


def _build_trees(tried):
    """Step 3: build*/lib/ above the package, nearest folder first."""
    d = PACKAGE_DIR
    while True:
        libs = [p for p in glob.glob(os.path.join(d, "build*", "lib",
                                                  "libroofmodel.so*"))
                if os.path.isfile(p)]
        if libs:  # several build directories: the latest build wins
            return sorted(libs, key=os.path.getmtime, reverse=True)
        parent = os.path.dirname(d)
        if parent == d:
            tried.append("build trees: no build*/lib/libroofmodel.so* in %s "
                         "or any folder above it" % PACKAGE_DIR)
            return []
        d = parent


def _system(tried):
    """Step 4: the system's loader."""
    found = ctypes.util.find_library("roofmodel")
    if not found:
        tried.append('system: ctypes.util.find_library("roofmodel") found '
                     "nothing")
        return [SONAME]
    return [found, SONAME] if found != SONAME else [found]


def candidates(tried):
    """Where to look, in order (see the module's text); what was looked at
    and found nothing is appended to `tried`."""
    env, explicit = _from_env(tried)
    if explicit:
        return env
    return _bundled(tried) + _build_trees(tried) + _system(tried)


def _open(path, tried):
    """The library at path, declared, or None (with the reason in
    tried)."""
    try:
        lib = ctypes.CDLL(path)
    except OSError as e:
        tried.append("%s: %s" % (path, e))
        return None
    lib.path = path
    try:
        lib.roof_version_number.restype = c_uint32
        major = lib.roof_version_number() // 10000
    except AttributeError:
        tried.append("%s: not a roofmodel library" % path)
        return None
    if major != ABI_MAJOR:
        lib.roof_version_string.restype = c_char_p
        tried.append("%s: version %s, these bindings need %d.x" % (
            path, lib.roof_version_string().decode(), ABI_MAJOR))
        return None
    return _declare(lib)


_lock = threading.Lock()
_lib = None


class LibraryNotFoundError(OSError):
    """No libroofmodel could be loaded; .tried lists every place looked
    at, with why each failed."""

    def __init__(self, tried):
        self.tried = list(tried)
        super().__init__(
            "libroofmodel not found; install the package with pip, or set "
            "ROOFMODEL_LIBRARY to the path of libroofmodel.so. Tried:\n  "
            + "\n  ".join(self.tried))


def load():
    """The shared library with every function declared; loaded once."""
    global _lib
    lib = _lib
    if lib is not None:
        return lib
    with _lock:
        if _lib is not None:
            return _lib
        tried = []
        for path in candidates(tried):
            lib = _open(path, tried)
            if lib is not None:
                _lib = lib
                return lib
        raise LibraryNotFoundError(tried)
