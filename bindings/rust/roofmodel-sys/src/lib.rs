//! Raw declarations of libroofmodel's C API, written by hand from
//! include/roofmodel/*.h (whose comments document every item).
//!
//! Structs are `#[repr(C)]` with the C field names; a test compares every
//! size and field offset with the C compiler's (tests/layout.rs).  Enums
//! travel as `u32`; their values are the constants below.  Use the safe
//! `roofmodel` crate unless you need the raw calls.
#![allow(non_camel_case_types)]

use std::os::raw::{c_char, c_int, c_void};

// ---- common.h -------------------------------------------------------------

pub const ROOF_OK: c_int = 0;
pub const ROOF_E_NULL: c_int = 1;
pub const ROOF_E_RANGE: c_int = 2;
pub const ROOF_E_INVALID: c_int = 3;
pub const ROOF_E_UNSUPPORTED: c_int = 4;
pub const ROOF_E_NOT_FOUND: c_int = 5;
pub const ROOF_E_BUFFER_TOO_SMALL: c_int = 6;
pub const ROOF_E_PARSE: c_int = 7;
pub const ROOF_E_MISSING: c_int = 8;
pub const ROOF_E_TYPE: c_int = 9;
pub const ROOF_E_WRITE: c_int = 10;
pub const ROOF_E_OVERFLOW: c_int = 11;
pub const ROOF_E_DOES_NOT_FIT: c_int = 12;

pub const ROOF_MAX_VALUE: f64 = 1e30;

pub const ROOF_FP64: u32 = 0;
pub const ROOF_FP32: u32 = 1;
pub const ROOF_TF32: u32 = 2;
pub const ROOF_FP16: u32 = 3;
pub const ROOF_BF16: u32 = 4;
pub const ROOF_FP8: u32 = 5;
pub const ROOF_INT8: u32 = 6;
pub const ROOF_INT4: u32 = 7;
pub const ROOF_PRECISION_COUNT: usize = 8;

pub const ROOF_BOUND_NONE: u32 = 0;
pub const ROOF_BOUND_MEMORY: u32 = 1;
pub const ROOF_BOUND_COMPUTE: u32 = 2;
pub const ROOF_BOUND_INTERCONNECT: u32 = 3;

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_efficiency {
    pub compute: f64,
    pub memory: f64,
    pub interconnect: f64,
    pub reserved: [f64; 5],
}

// ---- hardware.h -----------------------------------------------------------

pub const ROOF_HW_NAME_MAX: usize = 48;
pub const ROOF_HW_SOURCE_MAX: usize = 192;

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct roof_hardware {
    pub name: [c_char; ROOF_HW_NAME_MAX],
    pub label: [c_char; ROOF_HW_NAME_MAX],
    pub vendor: [c_char; 16],
    pub arch: [c_char; 16],
    pub source: [c_char; ROOF_HW_SOURCE_MAX],
    pub units: u32,
    pub reserved0: u32,
    pub clock_hz: f64,
    pub vector_clock_hz: f64,
    pub flops_per_clock_per_unit: [f64; ROOF_PRECISION_COUNT],
    pub memory_bytes: f64,
    pub dram_bytes_per_s: f64,
    pub l2_bytes: f64,
    pub interconnect_bytes_per_s: f64,
    pub reserved: [f64; 4],
}

// ---- roofline.h -----------------------------------------------------------

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_ceiling {
    pub peak_flops_per_s: f64,
    pub bytes_per_s: f64,
    pub interconnect_bytes_per_s: f64,
}

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_roofline {
    pub flops: f64,
    pub bytes: f64,
    pub flops_per_byte: f64,
    pub ridge_flops_per_byte: f64,
    pub attainable_flops_per_s: f64,
    pub compute_seconds: f64,
    pub memory_seconds: f64,
    pub seconds: f64,
    pub bound: u32,
    pub reserved: u32,
}

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_measured {
    pub roof: roof_roofline,
    pub seconds: f64,
    pub achieved_flops_per_s: f64,
    pub achieved_bytes_per_s: f64,
    pub efficiency: f64,
    pub compute_fraction: f64,
    pub memory_fraction: f64,
    pub bound: u32,
    pub reserved: u32,
}

pub const ROOF_MAX_LEVELS: usize = 8;
pub const ROOF_LEVEL_COMPUTE: u32 = 0xFFFF_FFFF;

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_level {
    pub bytes: f64,
    pub bytes_per_s: f64,
}

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_hierarchy {
    pub flops: f64,
    pub compute_seconds: f64,
    pub level_seconds: [f64; ROOF_MAX_LEVELS],
    pub level_flops_per_byte: [f64; ROOF_MAX_LEVELS],
    pub seconds: f64,
    pub attainable_flops_per_s: f64,
    pub level_count: u32,
    pub binding_level: u32,
}

// ---- model.h --------------------------------------------------------------

pub const ROOF_MODEL_NAME_MAX: usize = 48;
pub const ROOF_MODEL_SOURCE_MAX: usize = 192;

pub const ROOF_MLP_GATED: u32 = 0;
pub const ROOF_MLP_PLAIN: u32 = 1;
pub const ROOF_NORM_RMS: u32 = 0;
pub const ROOF_NORM_LAYER: u32 = 1;
pub const ROOF_POS_ROPE: u32 = 0;
pub const ROOF_POS_LEARNED: u32 = 1;
pub const ROOF_POS_NONE: u32 = 2;

pub const ROOF_MIXER_ATTENTION: u32 = 0;
pub const ROOF_MIXER_SLIDING: u32 = 1;
pub const ROOF_MIXER_CHUNKED: u32 = 2;
pub const ROOF_MIXER_NONE: u32 = 3;
pub const ROOF_MIXER_MLA: u32 = 4;
pub const ROOF_MIXER_MAMBA2: u32 = 5;
pub const ROOF_MIXER_GDN: u32 = 6;
pub const ROOF_EXTRA_QK_NORM: u32 = 1;
pub const ROOF_EXTRA_SINKS: u32 = 2;
pub const ROOF_EXTRA_OUTPUT_GATE: u32 = 4;
pub const ROOF_EXTRA_ALL: u32 = 7;
pub const ROOF_MIXER_COUNT: u32 = 7;
pub const ROOF_GROUP_MLP_MODEL: u32 = 0;
pub const ROOF_GROUP_MLP_DENSE: u32 = 1;
pub const ROOF_GROUP_MLP_NONE: u32 = 2;
pub const ROOF_GROUP_MLP_COUNT: u32 = 3;
pub const ROOF_MAX_GROUPS: usize = 8;

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_layer_group {
    pub layers: u32,
    pub mixer: u32,
    pub window: u32,
    pub mlp: u32,
    pub dense_intermediate: u32,
    pub reserved: [u32; 3],
}

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct roof_model {
    pub name: [c_char; ROOF_MODEL_NAME_MAX],
    pub source: [c_char; ROOF_MODEL_SOURCE_MAX],
    pub hidden: u32,
    pub layers: u32,
    pub heads: u32,
    pub kv_heads: u32,
    pub head_dim: u32,
    pub intermediate: u32,
    pub vocab: u32,
    pub mlp: u32,
    pub norm: u32,
    pub position: u32,
    pub experts: u32,
    pub experts_per_token: u32,
    pub expert_intermediate: u32,
    pub shared_experts: u32,
    pub shared_intermediate: u32,
    pub tied_embeddings: u32,
    pub sliding_window: u32,
    pub max_context: u32,
    pub native_bits: u32,
    pub group_count: u32,
    pub attn_extras: u32,
    pub q_lora_rank: u32,
    pub kv_lora_rank: u32,
    pub qk_rope_head_dim: u32,
    pub qk_nope_head_dim: u32,
    pub v_head_dim: u32,
    pub ssm_heads: u32,
    pub ssm_head_dim: u32,
    pub ssm_state: u32,
    pub ssm_groups: u32,
    pub ssm_conv: u32,
    pub groups: [roof_layer_group; ROOF_MAX_GROUPS],
    pub reserved: [u32; 21],
}

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_model_params {
    pub embedding: f64,
    pub per_layer: f64,
    pub active_per_layer: f64,
    pub lm_head: f64,
    pub total: f64,
    pub active: f64,
    pub reserved: [f64; 4],
}

// ---- ops.h ----------------------------------------------------------------

pub const ROOF_ATTN_UNFUSED: u32 = 0;
pub const ROOF_ATTN_FUSED: u32 = 1;

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_workload {
    pub batch: u32,
    pub new_tokens: u32,
    pub cached_tokens: u32,
    pub weight_bits: u32,
    pub activation_bits: u32,
    pub kv_bits: u32,
    pub quant_group: u32,
    pub scale_bits: u32,
    pub attention: u32,
    pub precision: u32,
    pub tensor_parallel: u32,
    pub reserved: [u32; 5],
}

pub const ROOF_OP_COUNT: usize = 38;
pub const ROOF_MAX_OPS: usize = ROOF_MAX_GROUPS * (ROOF_OP_COUNT - 3) + 3;

pub const ROOF_SCOPE_LAYER: u32 = 0;
pub const ROOF_SCOPE_MODEL: u32 = 1;

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_op {
    pub id: u32,
    pub op_class: u32,
    pub scope: u32,
    pub precision: u32,
    pub flops: f64,
    pub bytes: f64,
    pub weight_bytes: f64,
    pub act_read_bytes: f64,
    pub act_write_bytes: f64,
    pub kv_read_bytes: f64,
    pub kv_write_bytes: f64,
    pub comm_bytes: f64,
    pub gemm_m: f64,
    pub gemm_n: f64,
    pub gemm_k: f64,
    pub gemm_batch: f64,
    pub roofline: roof_roofline,
    pub expected_seconds: f64,
    pub group: u32,
    pub reserved0: u32,
    pub reserved: [f64; 4],
}

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_sum {
    pub flops: f64,
    pub bytes: f64,
    pub weight_bytes: f64,
    pub act_bytes: f64,
    pub kv_bytes: f64,
    pub comm_bytes: f64,
    pub compute_seconds: f64,
    pub memory_seconds: f64,
    pub comm_seconds: f64,
    pub seconds: f64,
    pub expected_seconds: f64,
    pub bound_seconds: [f64; 4],
    pub bound: u32,
    pub dominant_op: u32,
    pub reserved: [f64; 4],
}

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_totals {
    pub layer: roof_sum,
    pub model: roof_sum,
    pub reserved: [f64; 4],
}

// ---- estimate.h -----------------------------------------------------------

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_request {
    pub workload: roof_workload,
    pub prompt_tokens: u32,
    pub gen_tokens: u32,
    pub pipeline_parallel: u32,
    pub microbatches: u32,
    pub efficiency: roof_efficiency,
    pub activation_reserve: f64,
    pub reserved: [u32; 4],
}

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_memory {
    pub weight_bytes: f64,
    pub kv_bytes: f64,
    pub activation_bytes: f64,
    pub total_bytes: f64,
    pub capacity_bytes: f64,
    pub fits: u32,
    pub reserved0: u32,
    pub reserved: [f64; 4],
}

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_estimate {
    pub ttft_seconds: f64,
    pub tpot_seconds: f64,
    pub first_tpot_seconds: f64,
    pub last_tpot_seconds: f64,
    pub decode_seconds: f64,
    pub e2e_seconds: f64,
    pub tokens_per_s_per_seq: f64,
    pub tokens_per_s: f64,
    pub decode_tokens_per_s: f64,
    pub allreduce_seconds_per_layer: f64,
    pub pipeline_bubble_fraction: f64,
    pub memory: roof_memory,
    pub max_batch: u32,
    pub max_context: u32,
    pub prefill_bound: u32,
    pub decode_bound: u32,
    pub prefill_dominant_op: u32,
    pub decode_dominant_op: u32,
    pub reserved: [f64; 4],
}

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_scaling_point {
    pub tensor_parallel: u32,
    pub pipeline_parallel: u32,
    pub devices: u32,
    pub fits: u32,
    pub ttft_seconds: f64,
    pub tpot_seconds: f64,
    pub tokens_per_s: f64,
    pub speedup: f64,
    pub efficiency: f64,
    pub reserved: [f64; 4],
}

// ---- plot.h ---------------------------------------------------------------

pub type roof_write_fn = Option<unsafe extern "C" fn(ctx: *mut c_void, data: *const c_char, len: usize) -> c_int>;

pub const ROOF_COLOR_AUTO: u32 = 0xFFFF_FFFF;

pub const ROOF_MARKER_CROSS: u32 = 0;
pub const ROOF_MARKER_CIRCLE: u32 = 1;
pub const ROOF_MARKER_SQUARE: u32 = 2;
pub const ROOF_MARKER_TRIANGLE: u32 = 3;
pub const ROOF_MARKER_PLUS: u32 = 4;

pub const ROOF_CEILING_COMPUTE: u32 = 0;
pub const ROOF_CEILING_MEMORY: u32 = 1;

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct roof_series {
    pub label: *const c_char,
    pub flops_per_byte: *const f64,
    pub flops_per_s: *const f64,
    pub count: u32,
    pub color: u32,
    pub marker: u32,
    pub reserved: u32,
}

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct roof_chart_ceiling {
    pub label: *const c_char,
    pub value: f64,
    pub kind: u32,
    pub color: u32,
}

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct roof_chart {
    pub title: *const c_char,
    pub ceilings: *const roof_chart_ceiling,
    pub ceiling_count: u32,
    pub series_count: u32,
    pub series: *const roof_series,
    pub x_min: f64,
    pub x_max: f64,
    pub y_min: f64,
    pub y_max: f64,
    pub width_px: u32,
    pub height_px: u32,
    pub ridge_line: u32,
    pub reserved: u32,
}

// ---- parse.h --------------------------------------------------------------

pub const ROOF_JSON_MAX_DEPTH: usize = 64;
pub const ROOF_KERNEL_NAME_MAX: usize = 96;

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct roof_parse_error {
    pub line: u32,
    pub column: u32,
    pub offset: u64,
    pub message: [c_char; 112],
}

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct roof_kernel {
    pub name: [c_char; ROOF_KERNEL_NAME_MAX],
    pub flops: f64,
    pub bytes: f64,
    pub seconds: f64,
}

/// All-zero values of the structs whose arrays are too long for
/// `#[derive(Default)]` (Rust 1.63 derives it up to 32 elements).
macro_rules! zero_default {
    ($($t:ty => $e:expr;)*) => {$(
        impl Default for $t {
            fn default() -> Self {
                $e
            }
        }
    )*};
}

zero_default! {
    roof_hardware => roof_hardware {
        name: [0; ROOF_HW_NAME_MAX], label: [0; ROOF_HW_NAME_MAX],
        vendor: [0; 16], arch: [0; 16], source: [0; ROOF_HW_SOURCE_MAX],
        units: 0, reserved0: 0, clock_hz: 0.0, vector_clock_hz: 0.0,
        flops_per_clock_per_unit: [0.0; ROOF_PRECISION_COUNT],
        memory_bytes: 0.0, dram_bytes_per_s: 0.0, l2_bytes: 0.0,
        interconnect_bytes_per_s: 0.0, reserved: [0.0; 4],
    };
    roof_model => roof_model {
        name: [0; ROOF_MODEL_NAME_MAX], source: [0; ROOF_MODEL_SOURCE_MAX],
        hidden: 0, layers: 0, heads: 0, kv_heads: 0, head_dim: 0,
        intermediate: 0, vocab: 0, mlp: 0, norm: 0, position: 0, experts: 0,
        experts_per_token: 0, expert_intermediate: 0, shared_experts: 0,
        shared_intermediate: 0, tied_embeddings: 0, sliding_window: 0,
        max_context: 0, native_bits: 0, group_count: 0,
        groups: [roof_layer_group {
            layers: 0, mixer: 0, window: 0, mlp: 0, dense_intermediate: 0,
            reserved: [0; 3],
        }; ROOF_MAX_GROUPS],
        q_lora_rank: 0, kv_lora_rank: 0, qk_rope_head_dim: 0,
        qk_nope_head_dim: 0, v_head_dim: 0, ssm_heads: 0, ssm_head_dim: 0,
        ssm_state: 0, ssm_groups: 0, ssm_conv: 0, attn_extras: 0,
        reserved: [0; 21],
    };
    roof_parse_error => roof_parse_error {
        line: 0, column: 0, offset: 0, message: [0; 112],
    };
    roof_kernel => roof_kernel {
        name: [0; ROOF_KERNEL_NAME_MAX], flops: 0.0, bytes: 0.0, seconds: 0.0,
    };
    roof_series => roof_series {
        label: std::ptr::null(), flops_per_byte: std::ptr::null(),
        flops_per_s: std::ptr::null(), count: 0, color: 0, marker: 0,
        reserved: 0,
    };
    roof_chart_ceiling => roof_chart_ceiling {
        label: std::ptr::null(), value: 0.0, kind: 0, color: 0,
    };
    roof_chart => roof_chart {
        title: std::ptr::null(), ceilings: std::ptr::null(), ceiling_count: 0,
        series_count: 0, series: std::ptr::null(), x_min: 0.0, x_max: 0.0,
        y_min: 0.0, y_max: 0.0, width_px: 0, height_px: 0, ridge_line: 0,
        reserved: 0,
    };
}

extern "C" {
    // common.h
    pub fn roof_status_str(status: c_int) -> *const c_char;
    pub fn roof_precision_name(precision: u32) -> *const c_char;
    pub fn roof_precision_from_name(name: *const c_char, precision: *mut u32) -> c_int;
    pub fn roof_bound_name(bound: u32) -> *const c_char;
    pub fn roof_efficiency_validate(eff: *const roof_efficiency) -> c_int;
    pub fn roof_version_number() -> u32;
    pub fn roof_version_string() -> *const c_char;

    // hardware.h
    pub fn roof_hardware_validate(hw: *const roof_hardware) -> c_int;
    pub fn roof_hardware_count() -> u32;
    pub fn roof_hardware_get(index: u32, out: *mut roof_hardware) -> c_int;
    pub fn roof_hardware_alias(index: u32, k: u32) -> *const c_char;
    pub fn roof_hardware_find(name: *const c_char, out: *mut roof_hardware) -> c_int;
    pub fn roof_hardware_suggest(name: *const c_char, names: *mut *const c_char, cap: u32, count: *mut u32) -> c_int;
    pub fn roof_hardware_at_clock(hw: *const roof_hardware, clock_hz: f64, out: *mut roof_hardware) -> c_int;
    pub fn roof_hardware_peak_flops_per_s(hw: *const roof_hardware, precision: u32, flops_per_s: *mut f64) -> c_int;

    // roofline.h
    pub fn roof_ceiling_from_hardware(
        hw: *const roof_hardware,
        precision: u32,
        eff: *const roof_efficiency,
        out: *mut roof_ceiling,
    ) -> c_int;
    pub fn roof_ceiling_validate(c: *const roof_ceiling) -> c_int;
    pub fn roof_ridge_flops_per_byte(c: *const roof_ceiling, flops_per_byte: *mut f64) -> c_int;
    pub fn roof_roofline_eval(c: *const roof_ceiling, flops: f64, bytes: f64, out: *mut roof_roofline) -> c_int;
    pub fn roof_measured_eval(
        c: *const roof_ceiling,
        flops: f64,
        bytes: f64,
        seconds: f64,
        out: *mut roof_measured,
    ) -> c_int;
    pub fn roof_hierarchy_eval(
        peak_flops_per_s: f64,
        flops: f64,
        levels: *const roof_level,
        level_count: u32,
        out: *mut roof_hierarchy,
    ) -> c_int;

    // model.h
    pub fn roof_model_validate(m: *const roof_model) -> c_int;
    pub fn roof_model_count() -> u32;
    pub fn roof_model_get(index: u32, out: *mut roof_model) -> c_int;
    pub fn roof_model_find(name: *const c_char, out: *mut roof_model) -> c_int;
    pub fn roof_model_suggest(name: *const c_char, names: *mut *const c_char, cap: u32, count: *mut u32) -> c_int;
    pub fn roof_model_param_count(m: *const roof_model, out: *mut roof_model_params) -> c_int;
    pub fn roof_model_shardable(m: *const roof_model, tensor_parallel: u32) -> c_int;

    // ops.h
    pub fn roof_workload_prefill(batch: u32, seq_tokens: u32, out: *mut roof_workload) -> c_int;
    pub fn roof_workload_decode(batch: u32, cached_tokens: u32, out: *mut roof_workload) -> c_int;
    pub fn roof_workload_validate(w: *const roof_workload) -> c_int;
    pub fn roof_op_name(id: u32) -> *const c_char;
    pub fn roof_ops(
        m: *const roof_model,
        w: *const roof_workload,
        hw: *const roof_hardware,
        eff: *const roof_efficiency,
        ops: *mut roof_op,
        cap: u32,
        count: *mut u32,
        totals: *mut roof_totals,
    ) -> c_int;
    pub fn roof_step(
        m: *const roof_model,
        w: *const roof_workload,
        hw: *const roof_hardware,
        eff: *const roof_efficiency,
        out: *mut roof_totals,
    ) -> c_int;

    // estimate.h
    pub fn roof_request_init(batch: u32, prompt_tokens: u32, gen_tokens: u32, out: *mut roof_request) -> c_int;
    pub fn roof_request_validate(r: *const roof_request) -> c_int;
    pub fn roof_estimate_run(
        m: *const roof_model,
        hw: *const roof_hardware,
        r: *const roof_request,
        out: *mut roof_estimate,
    ) -> c_int;
    pub fn roof_memory_footprint(
        m: *const roof_model,
        hw: *const roof_hardware,
        r: *const roof_request,
        out: *mut roof_memory,
    ) -> c_int;
    pub fn roof_scaling(
        m: *const roof_model,
        hw: *const roof_hardware,
        r: *const roof_request,
        max_devices: u32,
        out: *mut roof_scaling_point,
        cap: u32,
        count: *mut u32,
    ) -> c_int;

    // plot.h
    pub fn roof_chart_svg(c: *const roof_chart, buf: *mut c_char, cap: usize, len: *mut usize) -> c_int;
    pub fn roof_chart_svg_write(c: *const roof_chart, f: roof_write_fn, ctx: *mut c_void) -> c_int;
    pub fn roof_format_si(value: f64, unit: *const c_char, buf: *mut c_char, cap: usize, len: *mut usize) -> c_int;

    // parse.h
    pub fn roof_model_from_json(
        text: *const c_char,
        len: usize,
        out: *mut roof_model,
        err: *mut roof_parse_error,
    ) -> c_int;
    pub fn roof_model_from_json_as(
        text: *const c_char,
        len: usize,
        as_type: *const c_char,
        out: *mut roof_model,
        err: *mut roof_parse_error,
    ) -> c_int;
    pub fn roof_model_to_json(m: *const roof_model, buf: *mut c_char, cap: usize, len: *mut usize) -> c_int;
    pub fn roof_hardware_from_json(
        text: *const c_char,
        len: usize,
        out: *mut roof_hardware,
        err: *mut roof_parse_error,
    ) -> c_int;
    pub fn roof_hardware_to_json(hw: *const roof_hardware, buf: *mut c_char, cap: usize, len: *mut usize) -> c_int;
    pub fn roof_kernels_from_csv(
        text: *const c_char,
        len: usize,
        out: *mut roof_kernel,
        cap: u32,
        count: *mut u32,
        err: *mut roof_parse_error,
    ) -> c_int;
}
