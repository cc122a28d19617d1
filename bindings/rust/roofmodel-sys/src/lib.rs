//! Raw declarations of libroofmodel's C API, written by hand from
//! include/roofmodel/*.h (whose comments document every item).
//!
//! Structs are `#[repr(C)]` with the C field names; a test compares every
//! size and field offset with the C compiler's (tests/layout.rs).  Enums
//! travel as `u32`; their values are the constants below.  Use the safe
//! `roofmodel` crate unless you need the raw calls.
#![allow(non_camel_case_types)]
#![deny(missing_docs)]

use std::os::raw::{c_char, c_int, c_void};

/// How build.rs linked libroofmodel: "static" (the default: binaries need
/// no LD_LIBRARY_PATH or rpath) or "dylib" (ROOFMODEL_STATIC=0).
pub const LINK_KIND: &str = env!("ROOFMODEL_LINK_KIND");

// ---- common.h -------------------------------------------------------------

/// `ROOF_OK`: a value of `enum roof_status`.
pub const ROOF_OK: c_int = 0;
/// a required pointer argument is NULL
///
/// `ROOF_E_NULL`: a value of `enum roof_status`.
pub const ROOF_E_NULL: c_int = 1;
/// a number is NaN, infinite, negative, zero
/// where it must be positive, or too large
///
/// `ROOF_E_RANGE`: a value of `enum roof_status`.
pub const ROOF_E_RANGE: c_int = 2;
/// an enum value or combination of fields is
/// not valid (unknown precision, heads not a
/// multiple of kv_heads, ...)
///
/// `ROOF_E_INVALID`: a value of `enum roof_status`.
pub const ROOF_E_INVALID: c_int = 3;
/// the device has no peak for that precision
///
/// `ROOF_E_UNSUPPORTED`: a value of `enum roof_status`.
pub const ROOF_E_UNSUPPORTED: c_int = 4;
/// no built-in device or model of that name
///
/// `ROOF_E_NOT_FOUND`: a value of `enum roof_status`.
pub const ROOF_E_NOT_FOUND: c_int = 5;
/// output capacity too small; the needed
/// size is reported where the API says so
///
/// `ROOF_E_BUFFER_TOO_SMALL`: a value of `enum roof_status`.
pub const ROOF_E_BUFFER_TOO_SMALL: c_int = 6;
/// malformed input text (JSON, CSV)
///
/// `ROOF_E_PARSE`: a value of `enum roof_status`.
pub const ROOF_E_PARSE: c_int = 7;
/// a required key or column is absent
///
/// `ROOF_E_MISSING`: a value of `enum roof_status`.
pub const ROOF_E_MISSING: c_int = 8;
/// a key has a value of the wrong type
///
/// `ROOF_E_TYPE`: a value of `enum roof_status`.
pub const ROOF_E_TYPE: c_int = 9;
/// a caller's write callback reported failure
///
/// `ROOF_E_WRITE`: a value of `enum roof_status`.
pub const ROOF_E_WRITE: c_int = 10;
/// a result would not be representable
///
/// `ROOF_E_OVERFLOW`: a value of `enum roof_status`.
pub const ROOF_E_OVERFLOW: c_int = 11;
/// nothing fits in the device memory
///
/// `ROOF_E_DOES_NOT_FIT`: a value of `enum roof_status`.
pub const ROOF_E_DOES_NOT_FIT: c_int = 12;

/// Every input number must be finite and <= ROOF_MAX_VALUE (1e30): larger
/// values are nonsense for any device or model and risk overflow.
pub const ROOF_MAX_VALUE: f64 = 1e30;

/// `ROOF_FP64`: a value of `enum roof_precision`.
pub const ROOF_FP64: u32 = 0;
/// `ROOF_FP32`: a value of `enum roof_precision`.
pub const ROOF_FP32: u32 = 1;
/// `ROOF_TF32`: a value of `enum roof_precision`.
pub const ROOF_TF32: u32 = 2;
/// `ROOF_FP16`: a value of `enum roof_precision`.
pub const ROOF_FP16: u32 = 3;
/// `ROOF_BF16`: a value of `enum roof_precision`.
pub const ROOF_BF16: u32 = 4;
/// `ROOF_FP8`: a value of `enum roof_precision`.
pub const ROOF_FP8: u32 = 5;
/// `ROOF_INT8`: a value of `enum roof_precision`.
pub const ROOF_INT8: u32 = 6;
/// `ROOF_INT4`: a value of `enum roof_precision`.
pub const ROOF_INT4: u32 = 7;
/// FP6 (Blackwell and MI355X tensor rates).
pub const ROOF_FP6: u32 = 8;
/// FP4 (Blackwell and MI355X tensor rates).
pub const ROOF_FP4: u32 = 9;
/// Number of precisions: the length of `roof_hardware::flops_per_clock_per_unit`.
pub const ROOF_PRECISION_COUNT: usize = 10;

/// The roof uses the rate with FP32 (wide) accumulation.
pub const ROOF_ACC_WIDE: u32 = 0;
/// The roof uses the faster FP16-accumulate rate.
pub const ROOF_ACC_FP16: u32 = 1;

/// `ROOF_BOUND_NONE`: a value of `enum roof_bound`.
pub const ROOF_BOUND_NONE: u32 = 0;
/// `ROOF_BOUND_MEMORY`: a value of `enum roof_bound`.
pub const ROOF_BOUND_MEMORY: u32 = 1;
/// `ROOF_BOUND_COMPUTE`: a value of `enum roof_bound`.
pub const ROOF_BOUND_COMPUTE: u32 = 2;
/// `ROOF_BOUND_INTERCONNECT`: a value of `enum roof_bound`.
pub const ROOF_BOUND_INTERCONNECT: u32 = 3;

/// Achieved fractions of the peaks, in (0, 1].  {1, 1, 1} is the pure
/// roofline bound; wherever a pointer to this struct may be NULL, NULL means
/// that.  Calibrate them against measured kernels.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_efficiency {
    /// fraction of peak FLOP/s
    pub compute: f64,
    /// fraction of DRAM bandwidth
    pub memory: f64,
    /// fraction of interconnect bandwidth
    pub interconnect: f64,
    /// C field `reserved` (see the C headers).
    pub reserved: [f64; 5],
}

// ---- hardware.h -----------------------------------------------------------

/// Size of `roof_hardware::name` and `label`, NUL included.
pub const ROOF_HW_NAME_MAX: usize = 48;
/// Size of `roof_hardware::source`, NUL included.
pub const ROOF_HW_SOURCE_MAX: usize = 192;

/// A device: counts, clocks and per-clock rates from which the peaks derive
/// (`roof_hardware_peak_flops_per_s`), memory and bandwidths.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct roof_hardware {
    /// short id used for lookup: "a6000"
    pub name: [c_char; ROOF_HW_NAME_MAX],
    /// display name: "NVIDIA RTX A6000"
    pub label: [c_char; ROOF_HW_NAME_MAX],
    /// "NVIDIA", "AMD", "Google"
    pub vendor: [c_char; 16],
    /// "GA102", "GH100", "CDNA3", ...
    pub arch: [c_char; 16],
    /// where the figures come from
    pub source: [c_char; ROOF_HW_SOURCE_MAX],
    /// SMs, CUs or matrix units; > 0
    pub units: u32,
    /// GPUs in the scale-up (NVLink, xGMI, ICI) domain; 0 = unknown
    pub scaleup_domain: u32,
    /// clock of the tensor/matrix peaks
    pub clock_hz: f64,
    /// clock of the FP64/FP32 peaks;
    /// 0 = same as clock_hz
    pub vector_clock_hz: f64,
    /// Dense FLOP (or integer OP) per clock per unit, per roof_precision;
    /// 0 = not supported by the device.
    pub flops_per_clock_per_unit: [f64; ROOF_PRECISION_COUNT],
    /// device memory capacity; > 0
    pub memory_bytes: f64,
    /// DRAM bandwidth; > 0
    pub dram_bytes_per_s: f64,
    /// last-level cache; 0 = unknown
    pub l2_bytes: f64,
    /// scale-up link (NVLink, IF, ICI),
    /// per direction per device; 0 = none
    pub interconnect_bytes_per_s: f64,
    /// FP16 tensor rate with FP16 accumulation; 0 = same as FP16
    pub fp16_acc16_flops_per_clock_per_unit: f64,
    /// FP8 tensor rate with FP16 accumulation; 0 = same as FP8
    pub fp8_acc16_flops_per_clock_per_unit: f64,
    /// scale-out network bandwidth per device per direction; 0 = unknown
    pub scaleout_bytes_per_s: f64,
    /// must be 0
    pub reserved: [f64; 4],
}

// ---- roofline.h -----------------------------------------------------------

/// The two roofs of one device at one precision, efficiency applied.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_ceiling {
    /// Compute roof, FLOP/s; > 0.
    pub peak_flops_per_s: f64,
    /// Memory roof, B/s; > 0.
    pub bytes_per_s: f64,
    /// Interconnect roof, B/s; >= 0, 0 = no interconnect.
    pub interconnect_bytes_per_s: f64,
}

/// The roofline verdict for one kernel.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_roofline {
    /// as given
    pub flops: f64,
    /// as given
    pub bytes: f64,
    /// operational intensity
    pub flops_per_byte: f64,
    /// of the ceiling used
    pub ridge_flops_per_byte: f64,
    /// min(peak, bandwidth * intensity)
    pub attainable_flops_per_s: f64,
    /// flops / peak
    pub compute_seconds: f64,
    /// bytes / bandwidth
    pub memory_seconds: f64,
    /// max of the two: the lower bound
    pub seconds: f64,
    /// ROOF_BOUND_MEMORY or _COMPUTE
    pub bound: u32,
    /// Reserved: must be 0.
    pub reserved: u32,
}

/// A measured kernel put against its roof, for profilers.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_measured {
    /// the model's verdict
    pub roof: roof_roofline,
    /// as measured
    pub seconds: f64,
    /// flops / seconds
    pub achieved_flops_per_s: f64,
    /// bytes / seconds
    pub achieved_bytes_per_s: f64,
    /// achieved / attainable FLOP/s; or
    /// roof.seconds / seconds, the same
    pub efficiency: f64,
    /// achieved / peak FLOP/s
    pub compute_fraction: f64,
    /// achieved / peak bandwidth
    pub memory_fraction: f64,
    /// the label: roof.bound
    pub bound: u32,
    /// Reserved: must be 0.
    pub reserved: u32,
}

/// The most memory levels of a hierarchical roofline.
///
/// Hierarchical roofline: one compute roof and several memory levels (DRAM,
/// L2, shared memory, ...), each with the bytes the kernel moves through it
/// and its bandwidth.  The kernel's time is bounded by the slowest of them.
pub const ROOF_MAX_LEVELS: usize = 8;
/// binding_level when compute binds
pub const ROOF_LEVEL_COMPUTE: u32 = 0xFFFF_FFFF;

/// One memory level of a hierarchical roofline: the bytes a kernel moves there and the level's
/// bandwidth.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_level {
    /// Bytes moved at this level; >= 0.
    pub bytes: f64,
    /// Bandwidth of this level, B/s; > 0.
    pub bytes_per_s: f64,
}

/// The hierarchical roofline verdict of `roof_hierarchy_eval`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_hierarchy {
    /// As given.
    pub flops: f64,
    /// flops / peak
    pub compute_seconds: f64,
    /// bytes / bandwidth per level;
    /// 0 past level_count
    pub level_seconds: [f64; ROOF_MAX_LEVELS],
    /// intensity per level;
    /// 0 where a level moves 0 B
    pub level_flops_per_byte: [f64; ROOF_MAX_LEVELS],
    /// max of all the above
    pub seconds: f64,
    /// flops / seconds
    pub attainable_flops_per_s: f64,
    /// Levels given: the valid entries of the level arrays.
    pub level_count: u32,
    /// index, or ROOF_LEVEL_COMPUTE
    pub binding_level: u32,
}

// ---- model.h --------------------------------------------------------------

/// Size of `roof_model::name`, NUL included.
pub const ROOF_MODEL_NAME_MAX: usize = 48;
/// Size of `roof_model::source`, NUL included.
pub const ROOF_MODEL_SOURCE_MAX: usize = 192;

/// SwiGLU/GeGLU: gate_proj, up_proj, act*mul, down
///
/// `ROOF_MLP_GATED`: a value of `enum roof_mlp_kind`.
pub const ROOF_MLP_GATED: u32 = 0;
/// GELU/ReLU: up_proj, act, down_proj
///
/// `ROOF_MLP_PLAIN`: a value of `enum roof_mlp_kind`.
pub const ROOF_MLP_PLAIN: u32 = 1;
/// RMSNorm (Llama, Mistral, Qwen)
///
/// `ROOF_NORM_RMS`: a value of `enum roof_norm_kind`.
pub const ROOF_NORM_RMS: u32 = 0;
/// LayerNorm (GPT-2/3, OPT, Falcon, NeoX)
///
/// `ROOF_NORM_LAYER`: a value of `enum roof_norm_kind`.
pub const ROOF_NORM_LAYER: u32 = 1;
/// rotary embedding applied to q and k
///
/// `ROOF_POS_ROPE`: a value of `enum roof_position_kind`.
pub const ROOF_POS_ROPE: u32 = 0;
/// learned absolute positions added at embed
///
/// `ROOF_POS_LEARNED`: a value of `enum roof_position_kind`.
pub const ROOF_POS_LEARNED: u32 = 1;
/// ALiBi or none: nothing applied to q, k
///
/// `ROOF_POS_NONE`: a value of `enum roof_position_kind`.
pub const ROOF_POS_NONE: u32 = 2;

/// C constant `ROOF_MIXER_ATTENTION` (see the C headers).
pub const ROOF_MIXER_ATTENTION: u32 = 0;
/// C constant `ROOF_MIXER_SLIDING` (see the C headers).
pub const ROOF_MIXER_SLIDING: u32 = 1;
/// C constant `ROOF_MIXER_CHUNKED` (see the C headers).
pub const ROOF_MIXER_CHUNKED: u32 = 2;
/// C constant `ROOF_MIXER_NONE` (see the C headers).
pub const ROOF_MIXER_NONE: u32 = 3;
/// C constant `ROOF_MIXER_MLA` (see the C headers).
pub const ROOF_MIXER_MLA: u32 = 4;
/// C constant `ROOF_MIXER_MAMBA2` (see the C headers).
pub const ROOF_MIXER_MAMBA2: u32 = 5;
/// Gated DeltaNet (linear attention) mixer.
pub const ROOF_MIXER_GDN: u32 = 6;
/// Attention extra: RMSNorm of q and k per head.
pub const ROOF_EXTRA_QK_NORM: u32 = 1;
/// Attention extra: learned sink logits.
pub const ROOF_EXTRA_SINKS: u32 = 2;
/// Attention extra: a gated attention output.
pub const ROOF_EXTRA_OUTPUT_GATE: u32 = 4;
/// Every attention extra bit.
pub const ROOF_EXTRA_ALL: u32 = 7;
/// Module bit: the layers' matrices except the routed experts.
pub const ROOF_MODULE_LAYERS: u32 = 1;
/// Module bit: the routed experts.
pub const ROOF_MODULE_EXPERTS: u32 = 2;
/// Module bit: the token (and position) embedding.
pub const ROOF_MODULE_EMBEDDING: u32 = 4;
/// Module bit: an untied lm_head.
pub const ROOF_MODULE_LM_HEAD: u32 = 8;
/// Every module bit.
pub const ROOF_MODULE_ALL: u32 = 15;
/// Number of mixer kinds.
pub const ROOF_MIXER_COUNT: u32 = 7;
/// C constant `ROOF_GROUP_MLP_MODEL` (see the C headers).
pub const ROOF_GROUP_MLP_MODEL: u32 = 0;
/// C constant `ROOF_GROUP_MLP_DENSE` (see the C headers).
pub const ROOF_GROUP_MLP_DENSE: u32 = 1;
/// C constant `ROOF_GROUP_MLP_NONE` (see the C headers).
pub const ROOF_GROUP_MLP_NONE: u32 = 2;
/// C constant `ROOF_GROUP_MLP_COUNT` (see the C headers).
pub const ROOF_GROUP_MLP_COUNT: u32 = 3;
/// C constant `ROOF_MAX_GROUPS` (see the C headers).
pub const ROOF_MAX_GROUPS: usize = 8;

/// C struct `roof_layer_group` (see the C headers).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_layer_group {
    /// C field `layers` (see the C headers).
    pub layers: u32,
    /// C field `mixer` (see the C headers).
    pub mixer: u32,
    /// C field `window` (see the C headers).
    pub window: u32,
    /// C field `mlp` (see the C headers).
    pub mlp: u32,
    /// C field `dense_intermediate` (see the C headers).
    pub dense_intermediate: u32,
    /// C field `reserved` (see the C headers).
    pub reserved: [u32; 3],
}

/// A transformer: the shape that fixes its FLOPs and bytes per token.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct roof_model {
    /// "llama-13b"
    pub name: [c_char; ROOF_MODEL_NAME_MAX],
    /// where the configuration is from
    pub source: [c_char; ROOF_MODEL_SOURCE_MAX],
    /// d_model; > 0
    pub hidden: u32,
    /// Decoder layers; > 0.
    pub layers: u32,
    /// query heads; > 0
    pub heads: u32,
    /// K/V heads (GQA/MQA); divides heads
    pub kv_heads: u32,
    /// Dimension of one head; > 0, not always hidden / heads.
    pub head_dim: u32,
    /// dense MLP width (or 0 for pure MoE)
    pub intermediate: u32,
    /// Vocabulary size; > 0.
    pub vocab: u32,
    /// enum roof_mlp_kind
    pub mlp: u32,
    /// enum roof_norm_kind
    pub norm: u32,
    /// enum roof_position_kind
    pub position: u32,
    /// routed experts; 0 = dense model
    pub experts: u32,
    /// top-k; 1..experts when experts > 0
    pub experts_per_token: u32,
    /// width of one routed expert
    pub expert_intermediate: u32,
    /// always-active experts (0 = none)
    pub shared_experts: u32,
    /// width of one shared expert
    pub shared_intermediate: u32,
    /// 1 = lm_head shares embed's weights
    pub tied_embeddings: u32,
    /// attention window; 0 = full context
    pub sliding_window: u32,
    /// trained context length; 0 = unknown
    pub max_context: u32,
    /// released weight width (16 for bf16)
    pub native_bits: u32,
    /// C field `group_count` (see the C headers).
    pub group_count: u32,
    /// ROOF_EXTRA_* bits of the attention layers.
    pub attn_extras: u32,
    /// C field `q_lora_rank` (see the C headers).
    pub q_lora_rank: u32,
    /// C field `kv_lora_rank` (see the C headers).
    pub kv_lora_rank: u32,
    /// C field `qk_rope_head_dim` (see the C headers).
    pub qk_rope_head_dim: u32,
    /// C field `qk_nope_head_dim` (see the C headers).
    pub qk_nope_head_dim: u32,
    /// C field `v_head_dim` (see the C headers).
    pub v_head_dim: u32,
    /// C field `ssm_heads` (see the C headers).
    pub ssm_heads: u32,
    /// C field `ssm_head_dim` (see the C headers).
    pub ssm_head_dim: u32,
    /// C field `ssm_state` (see the C headers).
    pub ssm_state: u32,
    /// C field `ssm_groups` (see the C headers).
    pub ssm_groups: u32,
    /// C field `ssm_conv` (see the C headers).
    pub ssm_conv: u32,
    /// C field `groups` (see the C headers).
    pub groups: [roof_layer_group; ROOF_MAX_GROUPS],
    /// C field `formats_set`: `ROOF_MODULE_*` bits, the modules whose
    /// weight format the model sets (a clear bit follows the workload).
    pub formats_set: u32,
    /// C field `format_layers`: `roof_format` of the layers' matrices
    /// (attention, dense MLP, shared experts, router).
    pub format_layers: u32,
    /// C field `format_experts`: `roof_format` of the routed experts.
    pub format_experts: u32,
    /// C field `format_embedding`: `roof_format` of the embedding.
    pub format_embedding: u32,
    /// C field `format_lm_head`: `roof_format` of an untied lm_head.
    pub format_lm_head: u32,
    /// C field `reserved` (see the C headers).
    pub reserved: [u32; 16],
}

/// Parameter counts (exact, as doubles: they can exceed 2^32).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_model_params {
    /// vocab x hidden (+ positions when learned)
    pub embedding: f64,
    /// attention + MLP (all experts) + norms
    pub per_layer: f64,
    /// per token: top-k + shared experts only
    pub active_per_layer: f64,
    /// 0 when tied
    pub lm_head: f64,
    /// embedding + layers x per_layer + final norm + lm_head
    pub total: f64,
    /// parameters one token touches
    pub active: f64,
    /// C field `reserved` (see the C headers).
    pub reserved: [f64; 4],
}

// ---- ops.h ----------------------------------------------------------------

/// qk_matmul, softmax and pv_matmul as separate kernels: the score
/// matrix is written to and read back from memory.  The full
/// new_tokens x context rectangle is computed, masked entries included,
/// as eager implementations do.
///
/// `ROOF_ATTN_UNFUSED`: a value of `enum roof_attention_kind`.
pub const ROOF_ATTN_UNFUSED: u32 = 0;
/// One fused kernel (FlashAttention): scores stay on chip; with a causal
/// mask only the unmasked scores are counted.
///
/// `ROOF_ATTN_FUSED`: a value of `enum roof_attention_kind`.
pub const ROOF_ATTN_FUSED: u32 = 1;

/// One step of work: every sequence of the batch feeds new_tokens tokens
/// with cached_tokens already in its KV cache.
/// prefill ("init"): new_tokens = S, cached_tokens = 0
/// decode  ("ar"):   new_tokens = 1, cached_tokens = S
/// speculative verification of k candidates: new_tokens = k
/// chunked prefill: new_tokens = chunk, cached_tokens = tokens so far
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_workload {
    /// sequences; > 0
    pub batch: u32,
    /// per sequence; > 0
    pub new_tokens: u32,
    /// per sequence; >= 0
    pub cached_tokens: u32,
    /// 1..64; 16 for fp16/bf16 weights
    pub weight_bits: u32,
    /// 1..64
    pub activation_bits: u32,
    /// 1..64
    pub kv_bits: u32,
    /// weights per scale; 0 = no scales
    pub quant_group: u32,
    /// bits per group (scale + zero point)
    pub scale_bits: u32,
    /// enum roof_attention_kind
    pub attention: u32,
    /// roof_precision the matmuls run at
    pub precision: u32,
    /// devices sharing each layer; > 0, divides
    /// heads and kv_heads (or kv_heads < t and
    /// t % kv_heads == 0: K/V replicated)
    pub tensor_parallel: u32,
    /// must be 0
    pub reserved: [u32; 5],
}

/// C constant `ROOF_OP_COUNT` (see the C headers).
pub const ROOF_OP_COUNT: usize = 38;
/// C constant `ROOF_MAX_OPS` (see the C headers).
pub const ROOF_MAX_OPS: usize = ROOF_MAX_GROUPS * (ROOF_OP_COUNT - 3) + 3;

/// once per layer: counted `layers` times
///
/// `ROOF_SCOPE_LAYER`: a value of `enum roof_op_scope`.
pub const ROOF_SCOPE_LAYER: u32 = 0;
/// once per step: embed, final_norm, lm_head
///
/// `ROOF_SCOPE_MODEL`: a value of `enum roof_op_scope`.
pub const ROOF_SCOPE_MODEL: u32 = 1;

/// One operator of one step, per device (with tensor parallelism, the
/// shard one device runs).  bytes = weight + act_read + act_write +
/// kv_read + kv_write: what the kernel moves to and from DRAM.  comm_bytes
/// cross the interconnect instead and are not in bytes.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_op {
    /// enum roof_op_id
    pub id: u32,
    /// enum roof_op_class
    pub op_class: u32,
    /// enum roof_op_scope
    pub scope: u32,
    /// precision its roofline used
    pub precision: u32,
    /// FLOPs of the operator.
    pub flops: f64,
    /// Bytes moved to and from DRAM: weight + activation + KV bytes.
    pub bytes: f64,
    /// Weight bytes read.
    pub weight_bytes: f64,
    /// Activation bytes read.
    pub act_read_bytes: f64,
    /// Activation bytes written.
    pub act_write_bytes: f64,
    /// KV cache bytes read.
    pub kv_read_bytes: f64,
    /// KV cache bytes written.
    pub kv_write_bytes: f64,
    /// Bytes over the interconnect (not in `bytes`).
    pub comm_bytes: f64,
    /// GEMM shape for matmuls (C[m x n] = A[m x k] B[k x n], gemm_batch
    /// independent products); all 0 for other operators.
    pub gemm_m: f64,
    /// GEMM shape: n (0 for operators that are not matmuls).
    pub gemm_n: f64,
    /// GEMM shape: k (0 for operators that are not matmuls).
    pub gemm_k: f64,
    /// GEMM shape: independent products (0 for operators that are not matmuls).
    pub gemm_batch: f64,
    /// on the device given; seconds include the
    /// interconnect time for comm operators
    pub roofline: roof_roofline,
    /// The calibrated time model's prediction, in seconds.
    pub expected_seconds: f64,
    /// Layer group the operator belongs to.
    pub group: u32,
    /// Must be 0.
    pub reserved0: u32,
    /// Must be 0.
    pub reserved: [f64; 4],
}

/// Sums over a set of operators.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_sum {
    /// FLOPs of the operators.
    pub flops: f64,
    /// DRAM bytes of the operators.
    pub bytes: f64,
    /// Weight bytes read.
    pub weight_bytes: f64,
    /// read + written
    pub act_bytes: f64,
    /// read + written
    pub kv_bytes: f64,
    /// Interconnect bytes.
    pub comm_bytes: f64,
    /// sum of the operators' compute bounds
    pub compute_seconds: f64,
    /// sum of the memory bounds
    pub memory_seconds: f64,
    /// interconnect time
    pub comm_seconds: f64,
    /// sum of the operators' time bounds
    pub seconds: f64,
    /// sum of the operators' expected (calibrated) times
    pub expected_seconds: f64,
    /// seconds per roof_bound of the operators
    pub bound_seconds: [f64; 4],
    /// the roof_bound with the most seconds
    pub bound: u32,
    /// roof_op_id of the slowest operator
    pub dominant_op: u32,
    /// Must be 0.
    pub reserved: [f64; 4],
}

/// Totals of one step: one layer, and the whole model.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_totals {
    /// one layer
    pub layer: roof_sum,
    /// layers x layer + embed, final_norm and lm_head
    pub model: roof_sum,
    /// The profile's per-step engine time, not in model.expected_seconds.
    pub overhead_seconds: f64,
    /// Must be 0.
    pub reserved: [f64; 3],
}

// ---- plan.h ---------------------------------------------------------------

/// The tag roof_plan_init writes and every step function checks.
pub const ROOF_PLAN_TAG: u32 = 0x504c_4e02;
/// Doubles of a plan's private, folded part.
pub const ROOF_PLAN_WORDS: usize = 1024;
/// lm_head on each sequence's last new token (sampling).
pub const ROOF_LOGITS_LAST: u32 = 0;
/// lm_head on every new token (speculative verification).
pub const ROOF_LOGITS_ALL: u32 = 1;

/// One sequence of a step.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct roof_seq {
    /// Tokens it feeds this step; > 0.
    pub new_tokens: u32,
    /// Tokens already in its KV cache.
    pub cached_tokens: u32,
}

/// A prepared plan: caller-owned, fixed size, no pointers.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct roof_plan {
    /// ROOF_PLAN_TAG once roof_plan_init succeeded.
    pub tag: u32,
    /// ROOF_LOGITS_LAST or ROOF_LOGITS_ALL; may change between steps.
    pub logits: u32,
    /// Must be 0.
    pub reserved0: [u32; 2],
    /// Validated copy of the model.
    pub model: roof_model,
    /// Validated copy of the device.
    pub hardware: roof_hardware,
    /// The profile the expected times use.
    pub calibration: roof_calibration,
    /// The widths, precision, attention and tensor parallelism.
    pub workload: roof_workload,
    /// Private: the folded coefficients.
    pub prepared: [f64; ROOF_PLAN_WORDS],
    /// Must be 0.
    pub reserved: [f64; 8],
}

/// The answer about one step (per device).
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct roof_step_result {
    /// Roofline bound: the sum of the kernels' bounds.
    pub seconds: f64,
    /// The calibrated time model's prediction, without the overhead.
    pub expected_seconds: f64,
    /// The profile's per-step engine time.
    pub overhead_seconds: f64,
    /// FLOPs of the step.
    pub flops: f64,
    /// DRAM bytes: weight + act + kv.
    pub bytes: f64,
    /// Weight bytes.
    pub weight_bytes: f64,
    /// Activation bytes read and written.
    pub act_bytes: f64,
    /// KV-cache bytes read and written.
    pub kv_bytes: f64,
    /// Interconnect bytes.
    pub comm_bytes: f64,
    /// Sum of the kernels' compute bounds.
    pub compute_seconds: f64,
    /// Sum of their memory bounds.
    pub memory_seconds: f64,
    /// Interconnect time.
    pub comm_seconds: f64,
    /// Seconds per roof_bound of the kernels.
    pub bound_seconds: [f64; 4],
    /// New tokens of the step.
    pub tokens: f64,
    /// The roof_bound with the most seconds.
    pub bound: u32,
    /// roof_op_id of the slowest kernel.
    pub dominant_op: u32,
    /// Sequences of the step.
    pub sequences: u32,
    /// Must be 0.
    pub reserved0: u32,
    /// Must be 0.
    pub reserved: [f64; 6],
}

// ---- capacity.h -----------------------------------------------------------

/// Inverse questions compare the roofline bound with their budget.
pub const ROOF_BASIS_BOUND: u32 = 0;
/// Inverse questions compare the expected time plus the overhead.
pub const ROOF_BASIS_EXPECTED: u32 = 1;

/// The best steady decode of a plan at one context.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct roof_throughput {
    /// Sequences decoding together.
    pub batch: u32,
    /// 1: the TPOT target limits the batch, 2: the memory.
    pub limit: u32,
    /// Per device: batch / step seconds.
    pub tokens_per_s: f64,
    /// The step's time on the basis asked.
    pub step_seconds: f64,
    /// One device's weights, KV cache and activations at that batch.
    pub memory_bytes: f64,
    /// The decode step at that batch.
    pub step: roof_step_result,
    /// Must be 0.
    pub reserved: [f64; 4],
}

// ---- estimate.h -----------------------------------------------------------

/// A request: `batch` sequences, each a prompt of prompt_tokens followed by
/// gen_tokens generated tokens.  The prefill step produces the first
/// generated token; each of the gen_tokens - 1 decode steps after it feeds
/// one token with the cache one token longer than the step before.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_request {
    /// batch, bit widths, attention, precision,
    /// tensor_parallel; new_tokens and
    /// cached_tokens are ignored
    pub workload: roof_workload,
    /// Prompt tokens per sequence; > 0.
    pub prompt_tokens: u32,
    /// Generated tokens per sequence; > 0.
    pub gen_tokens: u32,
    /// stages; > 0, at most layers
    pub pipeline_parallel: u32,
    /// Pipeline micro-batches per batch; > 0.
    pub microbatches: u32,
    /// {1,1,1} = pure roofline
    pub efficiency: roof_efficiency,
    /// fraction of memory kept free for the
    /// runtime (0 .. <1); 0 = none
    pub activation_reserve: f64,
    /// must be 0
    pub reserved: [u32; 4],
}

/// Memory on one device, in bytes.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_memory {
    /// its shard of the weights
    pub weight_bytes: f64,
    /// KV cache for batch x (prompt + gen)
    pub kv_bytes: f64,
    /// peak transient activations
    pub activation_bytes: f64,
    /// weight + KV + activation bytes.
    pub total_bytes: f64,
    /// usable: memory x (1 - reserve)
    pub capacity_bytes: f64,
    /// total <= capacity
    pub fits: u32,
    /// C field `reserved0` (see the C headers).
    pub reserved0: u32,
    /// C field `reserved` (see the C headers).
    pub reserved: [f64; 4],
}

/// Model-level answers for a request: time to first token, time per output token, throughput,
/// memory, and what bounds each phase.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_estimate {
    /// prefill of the prompt, lm_head included
    pub ttft_seconds: f64,
    /// mean decode step over the generation;
    /// 0 when gen_tokens == 1
    pub tpot_seconds: f64,
    /// the first decode step
    pub first_tpot_seconds: f64,
    /// the last decode step
    pub last_tpot_seconds: f64,
    /// all decode steps
    pub decode_seconds: f64,
    /// ttft + decode_seconds
    pub e2e_seconds: f64,
    /// gen_tokens / e2e
    pub tokens_per_s_per_seq: f64,
    /// batch x gen_tokens / e2e
    pub tokens_per_s: f64,
    /// batch / tpot, in steady decode
    pub decode_tokens_per_s: f64,
    /// decode step, 0 without TP
    pub allreduce_seconds_per_layer: f64,
    /// (p-1)/(m+p-1); 0 without PP
    pub pipeline_bubble_fraction: f64,
    /// per device
    pub memory: roof_memory,
    /// largest batch that fits at this context;
    /// 0 when not even the weights fit
    pub max_batch: u32,
    /// longest prompt+gen that fits at this
    /// batch; 0 when none
    pub max_context: u32,
    /// roof_bound of the prefill step
    pub prefill_bound: u32,
    /// roof_bound of the first decode step (the
    /// step at context prompt_tokens, computed
    /// even when gen_tokens == 1)
    pub decode_bound: u32,
    /// roof_op_id taking the most time
    pub prefill_dominant_op: u32,
    /// `roof_op_id` taking the most time in the decode step.
    pub decode_dominant_op: u32,
    /// calibrated time to first token
    pub expected_ttft_seconds: f64,
    /// calibrated mean time per output token
    pub expected_tpot_seconds: f64,
    /// calibrated end-to-end time
    pub expected_e2e_seconds: f64,
    /// calibrated throughput
    pub expected_tokens_per_s: f64,
    /// calibrated steady decode throughput
    pub expected_decode_tokens_per_s: f64,
    /// per-step engine overhead in the expected times
    pub overhead_seconds: f64,
    /// must be 0
    pub reserved: [f64; 4],
}

/// One point of a parallelism sweep.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_scaling_point {
    /// Devices sharing each layer.
    pub tensor_parallel: u32,
    /// Pipeline stages (the request's).
    pub pipeline_parallel: u32,
    /// tensor_parallel x pipeline_parallel.
    pub devices: u32,
    /// 1 when the request fits in each device's memory.
    pub fits: u32,
    /// Time to first token.
    pub ttft_seconds: f64,
    /// Time per output token.
    pub tpot_seconds: f64,
    /// Generated tokens per second, the whole batch.
    pub tokens_per_s: f64,
    /// tpot(1 device) / tpot; 0 if 1 doesn't fit
    pub speedup: f64,
    /// speedup / devices
    pub efficiency: f64,
    /// calibrated time to first token
    pub expected_ttft_seconds: f64,
    /// calibrated time per output token
    pub expected_tpot_seconds: f64,
    /// calibrated throughput
    pub expected_tokens_per_s: f64,
    /// speedup from the calibrated times
    pub expected_speedup: f64,
    /// must be 0
    pub reserved: [f64; 4],
}

// ---- plot.h ---------------------------------------------------------------

/// Callback of roof_kernels_visit_csv: 0 to go on, anything else stops.
pub type roof_kernel_fn = Option<unsafe extern "C" fn(ctx: *mut c_void, k: *const roof_kernel) -> c_int>;

/// Receives `len` bytes of output; returns 0 on success, anything else
/// stops the rendering with ROOF_E_WRITE.
pub type roof_write_fn = Option<unsafe extern "C" fn(ctx: *mut c_void, data: *const c_char, len: usize) -> c_int>;

/// take the next colour of the palette
pub const ROOF_COLOR_AUTO: u32 = 0xFFFF_FFFF;

/// "x", as the seed figure
///
/// `ROOF_MARKER_CROSS`: a value of `enum roof_marker`.
pub const ROOF_MARKER_CROSS: u32 = 0;
/// `ROOF_MARKER_CIRCLE`: a value of `enum roof_marker`.
pub const ROOF_MARKER_CIRCLE: u32 = 1;
/// `ROOF_MARKER_SQUARE`: a value of `enum roof_marker`.
pub const ROOF_MARKER_SQUARE: u32 = 2;
/// `ROOF_MARKER_TRIANGLE`: a value of `enum roof_marker`.
pub const ROOF_MARKER_TRIANGLE: u32 = 3;
/// `ROOF_MARKER_PLUS`: a value of `enum roof_marker`.
pub const ROOF_MARKER_PLUS: u32 = 4;

/// horizontal line at value FLOP/s
///
/// `ROOF_CEILING_COMPUTE`: a value of `enum roof_ceiling_kind`.
pub const ROOF_CEILING_COMPUTE: u32 = 0;
/// diagonal line of slope value B/s
///
/// `ROOF_CEILING_MEMORY`: a value of `enum roof_ceiling_kind`.
pub const ROOF_CEILING_MEMORY: u32 = 1;

/// A set of points, one legend entry.  Points with a non-positive or
/// non-finite coordinate are skipped (they have no place on log axes).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct roof_series {
    /// UTF-8; escaped on output
    pub label: *const c_char,
    /// x, count entries
    pub flops_per_byte: *const f64,
    /// y, count entries
    pub flops_per_s: *const f64,
    /// Points in each of the two arrays.
    pub count: u32,
    /// 0xRRGGBB or ROOF_COLOR_AUTO
    pub color: u32,
    /// enum roof_marker
    pub marker: u32,
    /// must be 0
    pub reserved: u32,
}

/// A roof on a chart: a FLOP/s line or a B/s slope.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct roof_chart_ceiling {
    /// NULL = the value with an SI prefix ("768GB/s")
    pub label: *const c_char,
    /// FLOP/s or B/s; > 0
    pub value: f64,
    /// enum roof_ceiling_kind
    pub kind: u32,
    /// 0xRRGGBB or ROOF_COLOR_AUTO
    pub color: u32,
}

/// A roofline chart: roofs, series of points, axes and size.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct roof_chart {
    /// may be NULL
    pub title: *const c_char,
    /// may be NULL when count is 0
    pub ceilings: *const roof_chart_ceiling,
    /// Entries of `ceilings`.
    pub ceiling_count: u32,
    /// Entries of `series`.
    pub series_count: u32,
    /// may be NULL when count is 0
    pub series: *const roof_series,
    /// FLOP/byte; 0, 0 = automatic
    pub x_min: f64,
    /// FLOP/byte; 0, 0 = automatic
    pub x_max: f64,
    /// FLOP/s; 0, 0 = automatic
    pub y_min: f64,
    /// FLOP/s; 0, 0 = automatic
    pub y_max: f64,
    /// 0 = 960 x 640
    pub width_px: u32,
    /// 0 = 960 x 640
    pub height_px: u32,
    /// 1 = dashed vertical line at the ridge of the
    /// first compute and first memory ceiling
    pub ridge_line: u32,
    /// must be 0
    pub reserved: u32,
}

// ---- parse.h --------------------------------------------------------------

/// Deepest nesting of JSON objects and arrays the parsers accept.
pub const ROOF_JSON_MAX_DEPTH: usize = 64;
/// Size of `roof_kernel::name`, NUL included.
pub const ROOF_KERNEL_NAME_MAX: usize = 96;

/// Where and why parsing failed.  line and column count from 1 (column in
/// bytes); message is NUL-terminated English text naming the key or column
/// when there is one.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct roof_parse_error {
    /// Line of the error, from 1; 0 when it has no place.
    pub line: u32,
    /// Column of the error in bytes, from 1.
    pub column: u32,
    /// byte offset of the error
    pub offset: u64,
    /// NUL-terminated English text naming the key or column when there is one.
    pub message: [c_char; 112],
}

/// One measured kernel.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct roof_kernel {
    /// truncated to fit, NUL-terminated
    pub name: [c_char; ROOF_KERNEL_NAME_MAX],
    /// FLOPs the kernel did.
    pub flops: f64,
    /// Bytes it moved.
    pub bytes: f64,
    /// Its measured time.
    pub seconds: f64,
}

// ---- collective.h ---------------------------------------------------------

/// C constant `ROOF_ALL_REDUCE` (see the C headers).
pub const ROOF_ALL_REDUCE: u32 = 0;
/// C constant `ROOF_ALL_GATHER` (see the C headers).
pub const ROOF_ALL_GATHER: u32 = 1;
/// C constant `ROOF_REDUCE_SCATTER` (see the C headers).
pub const ROOF_REDUCE_SCATTER: u32 = 2;
/// C constant `ROOF_ALL_TO_ALL` (see the C headers).
pub const ROOF_ALL_TO_ALL: u32 = 3;
/// C constant `ROOF_POINT_TO_POINT` (see the C headers).
pub const ROOF_POINT_TO_POINT: u32 = 4;
/// C constant `ROOF_SCOPE_DEVICE` (see the C headers).
pub const ROOF_SCOPE_DEVICE: u32 = 0;
/// C constant `ROOF_SCOPE_SCALE_UP` (see the C headers).
pub const ROOF_SCOPE_SCALE_UP: u32 = 1;
/// C constant `ROOF_SCOPE_SCALE_OUT` (see the C headers).
pub const ROOF_SCOPE_SCALE_OUT: u32 = 2;

/// C struct `roof_link` (see the C headers).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_link {
    /// C field `bytes_per_s` (see the C headers).
    pub bytes_per_s: f64,
    /// C field `latency_seconds` (see the C headers).
    pub latency_seconds: f64,
    /// C field `reserved` (see the C headers).
    pub reserved: [f64; 2],
}

/// C struct `roof_ep_layer` (see the C headers).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_ep_layer {
    /// C field `experts` (see the C headers).
    pub experts: u32,
    /// C field `top_k` (see the C headers).
    pub top_k: u32,
    /// C field `hidden` (see the C headers).
    pub hidden: u32,
    /// C field `ep` (see the C headers).
    pub ep: u32,
    /// C field `tokens` (see the C headers).
    pub tokens: f64,
    /// C field `dispatch_bytes_per_element` (see the C headers).
    pub dispatch_bytes_per_element: f64,
    /// C field `combine_bytes_per_element` (see the C headers).
    pub combine_bytes_per_element: f64,
    /// C field `reserved` (see the C headers).
    pub reserved: [f64; 2],
}

/// C struct `roof_ep_traffic` (see the C headers).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_ep_traffic {
    /// C field `tokens_per_device` (see the C headers).
    pub tokens_per_device: f64,
    /// C field `mean_load` (see the C headers).
    pub mean_load: f64,
    /// C field `max_load` (see the C headers).
    pub max_load: f64,
    /// C field `dispatch_bytes` (see the C headers).
    pub dispatch_bytes: f64,
    /// C field `dispatch_bytes_out` (see the C headers).
    pub dispatch_bytes_out: f64,
    /// C field `combine_bytes` (see the C headers).
    pub combine_bytes: f64,
    /// C field `combine_bytes_out` (see the C headers).
    pub combine_bytes_out: f64,
    /// C field `busiest_dispatch_bytes` (see the C headers).
    pub busiest_dispatch_bytes: f64,
    /// C field `busiest_combine_bytes` (see the C headers).
    pub busiest_combine_bytes: f64,
    /// C field `reserved` (see the C headers).
    pub reserved: [f64; 2],
}

/// C struct `roof_ep_point` (see the C headers): one configuration of
/// roof_ep_sweep.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_ep_point {
    /// C field `tensor_parallel` (see the C headers).
    pub tensor_parallel: u32,
    /// C field `expert_parallel` (see the C headers).
    pub expert_parallel: u32,
    /// C field `devices` (see the C headers).
    pub devices: u32,
    /// C field `link_scope` (see the C headers).
    pub link_scope: u32,
    /// C field `fits` (see the C headers).
    pub fits: u32,
    /// C field `moe_layers` (see the C headers).
    pub moe_layers: u32,
    /// C field `dispatch_bytes` (see the C headers).
    pub dispatch_bytes: f64,
    /// C field `busiest_dispatch_bytes` (see the C headers).
    pub busiest_dispatch_bytes: f64,
    /// C field `a2a_seconds` (see the C headers).
    pub a2a_seconds: f64,
    /// C field `expected_a2a_seconds` (see the C headers).
    pub expected_a2a_seconds: f64,
    /// C field `step_seconds` (see the C headers).
    pub step_seconds: f64,
    /// C field `expected_step_seconds` (see the C headers).
    pub expected_step_seconds: f64,
    /// C field `tokens_per_s_per_device` (see the C headers).
    pub tokens_per_s_per_device: f64,
    /// C field `expected_tokens_per_s_per_device` (see the C headers).
    pub expected_tokens_per_s_per_device: f64,
    /// C field `speedup` (see the C headers).
    pub speedup: f64,
    /// C field `expected_speedup` (see the C headers).
    pub expected_speedup: f64,
    /// C field `memory_bytes` (see the C headers).
    pub memory_bytes: f64,
    /// C field `reserved` (see the C headers).
    pub reserved: [f64; 4],
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
        units: 0, scaleup_domain: 0, clock_hz: 0.0, vector_clock_hz: 0.0,
        flops_per_clock_per_unit: [0.0; ROOF_PRECISION_COUNT],
        memory_bytes: 0.0, dram_bytes_per_s: 0.0, l2_bytes: 0.0,
        interconnect_bytes_per_s: 0.0,
        fp16_acc16_flops_per_clock_per_unit: 0.0,
        fp8_acc16_flops_per_clock_per_unit: 0.0, scaleout_bytes_per_s: 0.0,
        reserved: [0.0; 4],
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
        formats_set: 0, format_layers: 0, format_experts: 0,
        format_embedding: 0, format_lm_head: 0,
        reserved: [0; 16],
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

// ---- calibration.h, fit.h ------------------------------------------------

/// Number of kernel kinds (enum roof_kernel_kind).
pub const ROOF_KERNEL_KIND_COUNT: usize = 10;

/// One kernel kind's coefficients of the time model (calibration.h).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_kernel_coef {
    /// Launch and tail latency of one kernel.
    pub floor_seconds: f64,
    /// Achieved fraction of peak FLOP/s; 0 = off.
    pub compute_fraction: f64,
    /// Achieved fraction of DRAM (or link) bandwidth.
    pub memory_fraction: f64,
    /// Bandwidth of one row's block; 0 = off.
    pub row_bytes_per_s: f64,
    /// Share of causally masked scores fused prefill attention computes.
    pub masked_fraction: f64,
    /// Must be 0.
    pub reserved: [f64; 3],
}

/// A calibration profile: one device's coefficients and their provenance.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct roof_calibration {
    /// Profile name.
    pub name: [c_char; 48],
    /// Roof_hardware name it describes; empty = any.
    pub device: [c_char; 48],
    /// The measurements it was fitted to.
    pub source: [c_char; 192],
    /// Which engine and kernels it describes.
    pub engine: [c_char; 192],
    /// Date of the fit.
    pub date: [c_char; 16],
    /// Enum roof_calibration_origin.
    pub origin: u32,
    /// Must be 0.
    pub reserved0: u32,
    /// Per enum roof_kernel_kind.
    pub kind: [roof_kernel_coef; ROOF_KERNEL_KIND_COUNT],
    /// Engine CPU time per step; 0 = off.
    pub step_overhead_seconds: f64,
    /// Must be 0.
    pub reserved: [f64; 7],
}

/// A kernel as the time model sees it.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_kernel_terms {
    /// Per enum roof_kernel_kind.
    pub kind: u32,
    /// Must be 0.
    pub reserved0: u32,
    /// Flops / peak FLOP/s.
    pub compute_seconds: f64,
    /// Bytes / peak bandwidth.
    pub memory_seconds: f64,
    /// Bytes per row (token).
    pub row_bytes: f64,
    /// Masked / unmasked scores of fused prefill attention.
    pub masked_extra: f64,
    /// Kernels this stands for.
    pub launches: f64,
    /// Must be 0.
    pub reserved: [f64; 2],
}

/// One measured kernel, for roof_calibration_fit.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_kernel_sample {
    /// Per enum roof_kernel_kind.
    pub kind: u32,
    /// Roof_precision its math ran at.
    pub precision: u32,
    /// FLOPs.
    pub flops: f64,
    /// DRAM bytes (link bus bytes for comm).
    pub bytes: f64,
    /// Rows (tokens) processed.
    pub rows: f64,
    /// Masked / unmasked scores of fused prefill attention.
    pub masked_extra: f64,
    /// Kernels this stands for.
    pub launches: f64,
    /// Measured time.
    pub measured_seconds: f64,
    /// Must be 0.
    pub reserved: [f64; 2],
}

/// How well one kind's coefficients fit.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_fit_quality {
    /// Samples.
    pub samples: u32,
    /// 1 when fitted.
    pub fitted: u32,
    /// Median |expected - measured| / measured.
    pub median_error: f64,
    /// 90th percentile of the relative error.
    pub p90_error: f64,
    /// Share of samples measured below the bound.
    pub below_bound: f64,
    /// Must be 0.
    pub reserved: [f64; 2],
}

/// The fit quality of every kind.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_fit_report {
    /// Per enum roof_kernel_kind.
    pub kind: [roof_fit_quality; ROOF_KERNEL_KIND_COUNT],
    /// Samples.
    pub samples: u32,
    /// On ROOF_E_DEGENERATE, the kind at fault.
    pub bad_kind: u32,
    /// Median |expected - measured| / measured.
    pub median_error: f64,
    /// 90th percentile of the relative error.
    pub p90_error: f64,
    /// Must be 0.
    pub reserved: [f64; 4],
}

/// The online updater's O(1) state.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct roof_online {
    /// Samples skipped at the start.
    pub warmup: u32,
    /// Samples given.
    pub seen: u32,
    /// Samples in the fit.
    pub used: u32,
    /// Outliers rejected.
    pub rejected: u32,
    /// Weight kept per sample.
    pub forget: f64,
    /// Weighted count.
    pub sw: f64,
    /// Weighted sum of predictions.
    pub sx: f64,
    /// Weighted sum of measurements.
    pub sy: f64,
    /// Weighted sum of squared predictions.
    pub sxx: f64,
    /// Weighted sum of products.
    pub sxy: f64,
    /// Running mean absolute residual.
    pub mean_abs_residual: f64,
    /// Must be 0.
    pub reserved: [f64; 4],
}


extern "C" {
    // common.h
    /// Static English text for a status; never NULL ("unknown status" for a
    /// value that is not a roof_status).
    pub fn roof_status_str(status: c_int) -> *const c_char;
    /// "fp16", "bf16", ... ; NULL for an unknown value.
    pub fn roof_precision_name(precision: u32) -> *const c_char;
    /// Case-insensitive inverse of roof_precision_name ("FP16" -> ROOF_FP16).
    pub fn roof_precision_from_name(name: *const c_char, precision: *mut u32) -> c_int;
    /// "memory", "compute", "interconnect", "none"; NULL for an unknown value.
    pub fn roof_bound_name(bound: u32) -> *const c_char;
    /// Checks fractions: each in (0, 1].  ROOF_E_NULL, ROOF_E_RANGE.
    pub fn roof_efficiency_validate(eff: *const roof_efficiency) -> c_int;
    /// Runtime version: ROOF_VERSION_NUMBER of the library actually loaded,
    /// major * 10000 + minor * 100 + patch, and its "MAJOR.MINOR.PATCH" text.
    pub fn roof_version_number() -> u32;
    /// Runtime version: ROOF_VERSION_NUMBER of the library actually loaded,
    /// major * 10000 + minor * 100 + patch, and its "MAJOR.MINOR.PATCH" text.
    pub fn roof_version_string() -> *const c_char;

    // hardware.h
    /// Checks a caller-filled descriptor: units > 0; clock_hz > 0; every
    /// per-clock rate >= 0 and at least one > 0; memory and DRAM bandwidth > 0;
    /// every number finite and <= ROOF_MAX_VALUE; strings NUL-terminated within
    /// their arrays; reserved fields 0.
    /// Returns ROOF_OK, ROOF_E_NULL, ROOF_E_RANGE or ROOF_E_INVALID.
    pub fn roof_hardware_validate(hw: *const roof_hardware) -> c_int;
    /// Number of built-in descriptors (they are indexed 0 .. count-1).
    pub fn roof_hardware_count() -> u32;
    /// Copies built-in descriptor `index` to *out.
    /// ROOF_E_NULL, or ROOF_E_RANGE when index >= roof_hardware_count().
    pub fn roof_hardware_get(index: u32, out: *mut roof_hardware) -> c_int;
    /// Alias k (0, 1, ...) of built-in descriptor `index`: another name
    /// roof_hardware_find knows it by ("rtx-a6000" for "a6000"); NULL past the
    /// last alias or for a bad index.  Static string.
    pub fn roof_hardware_alias(index: u32, k: u32) -> *const c_char;
    /// Looks a device up by name, case-insensitively, among the built-in names
    /// and their aliases ("a6000", "rtx-a6000", "RTX A6000" are the same).
    /// A suffix `"@<MHz>"` asks for the device at that clock ("a6000@2100").
    /// ROOF_E_NULL, ROOF_E_NOT_FOUND, or ROOF_E_RANGE for a bad clock suffix.
    pub fn roof_hardware_find(name: *const c_char, out: *mut roof_hardware) -> c_int;
    /// Writes up to `cap` built-in names closest to `name` (edit distance,
    /// prefix and substring matches first) to names[], for "did you mean"
    /// messages; *count receives how many were written.  The pointers are to
    /// static strings.  ROOF_E_NULL when name or count is NULL (names may be
    /// NULL only when cap is 0).
    pub fn roof_hardware_suggest(name: *const c_char, names: *mut *const c_char, cap: u32, count: *mut u32) -> c_int;
    /// The same device with every clock set to clock_hz (all pipes run at a
    /// locked clock).  The name gets the suffix `"@<MHz>"` and the label
    /// `" @ <MHz> MHz"` where they fit, replacing an earlier one, so
    /// roof_hardware_find(out->name) gives the same device back.  ROOF_E_NULL, ROOF_E_RANGE, or the validation status of *hw.
    pub fn roof_hardware_at_clock(hw: *const roof_hardware, clock_hz: f64, out: *mut roof_hardware) -> c_int;
    /// Dense peak of a precision: units x FLOP/clock/unit x clock.
    /// ROOF_E_NULL, ROOF_E_INVALID (unknown precision or bad descriptor),
    /// ROOF_E_UNSUPPORTED when the device has no rate for it.
    pub fn roof_hardware_peak_flops_per_s(hw: *const roof_hardware, precision: u32, flops_per_s: *mut f64) -> c_int;
    /// C function `roof_hardware_roof_rate` (see the C headers).
    pub fn roof_hardware_roof_rate(
        hw: *const roof_hardware,
        precision: u32,
        flops_per_clock_per_unit: *mut f64,
        accumulate: *mut u32,
    ) -> c_int;

    // collective.h
    /// C function `roof_link_validate` (see the C headers).
    pub fn roof_link_validate(link: *const roof_link) -> c_int;
    /// C function `roof_collective_name` (see the C headers).
    pub fn roof_collective_name(collective: u32) -> *const c_char;
    /// C function `roof_collective_seconds` (see the C headers).
    pub fn roof_collective_seconds(
        collective: u32,
        bytes: f64,
        devices: u32,
        link: *const roof_link,
        seconds: *mut f64,
    ) -> c_int;
    /// C function `roof_collective_link` (see the C headers).
    pub fn roof_collective_link(hw: *const roof_hardware, devices: u32, link: *mut roof_link, scope: *mut u32) -> c_int;
    /// C function `roof_ep_layer_validate` (see the C headers).
    pub fn roof_ep_layer_validate(layer: *const roof_ep_layer) -> c_int;
    /// C function `roof_ep_traffic_eval` (see the C headers).
    pub fn roof_ep_traffic_eval(layer: *const roof_ep_layer, out: *mut roof_ep_traffic) -> c_int;
    /// C function `roof_expected_max_normal` (see the C headers).
    pub fn roof_expected_max_normal(e: u32, value: *mut f64) -> c_int;

    // format.h
    /// C function `roof_format_name` (see the C headers).
    pub fn roof_format_name(format: u32) -> *const c_char;
    /// C function `roof_format_from_name` (see the C headers).
    pub fn roof_format_from_name(name: *const c_char, format: *mut u32) -> c_int;
    /// C function `roof_format_bits_per_weight` (see the C headers).
    pub fn roof_format_bits_per_weight(format: u32, bits: *mut f64) -> c_int;
    /// C function `roof_format_weight_bytes` (see the C headers).
    pub fn roof_format_weight_bytes(format: u32, rows: u32, cols: u32, bytes: *mut f64) -> c_int;
    /// C function `roof_format_native_precision` (see the C headers).
    pub fn roof_format_native_precision(format: u32, precision: *mut u32) -> c_int;
    /// C function `roof_format_math_precision` (see the C headers).
    pub fn roof_format_math_precision(
        hw: *const roof_hardware,
        format: u32,
        precision: *mut u32,
        dequantized: *mut u32,
    ) -> c_int;

    // roofline.h
    /// Ceiling of `hw` at `precision`, each roof scaled by *eff (NULL = 1).
    /// ROOF_E_NULL, ROOF_E_INVALID, ROOF_E_RANGE, ROOF_E_UNSUPPORTED.
    pub fn roof_ceiling_from_hardware(
        hw: *const roof_hardware,
        precision: u32,
        eff: *const roof_efficiency,
        out: *mut roof_ceiling,
    ) -> c_int;
    /// Checks a caller-filled ceiling (positive finite roofs).
    /// ROOF_E_NULL or ROOF_E_RANGE.
    pub fn roof_ceiling_validate(c: *const roof_ceiling) -> c_int;
    /// Ridge point I* = peak / bandwidth.  ROOF_E_NULL, ROOF_E_RANGE.
    pub fn roof_ridge_flops_per_byte(c: *const roof_ceiling, flops_per_byte: *mut f64) -> c_int;
    /// Evaluates a kernel of `flops` (>= 0) moving `bytes` (> 0).
    /// ROOF_E_NULL, ROOF_E_RANGE (negative, NaN, infinite or > ROOF_MAX_VALUE
    /// numbers, or bytes == 0: every kernel moves at least its inputs).
    pub fn roof_roofline_eval(c: *const roof_ceiling, flops: f64, bytes: f64, out: *mut roof_roofline) -> c_int;
    /// A measured kernel of `flops` and `bytes` that took `seconds`, against the ceiling.
    ///
    /// ROOF_E_NULL, ROOF_E_RANGE (as roof_roofline_eval, and seconds > 0).
    /// efficiency may exceed 1 when a measurement beats the model (caches
    /// serving part of the traffic, miscounted bytes): it is reported, not
    /// clamped.
    pub fn roof_measured_eval(
        c: *const roof_ceiling,
        flops: f64,
        bytes: f64,
        seconds: f64,
        out: *mut roof_measured,
    ) -> c_int;
    /// Hierarchical roofline: `flops` at `peak_flops_per_s` against each memory level.
    ///
    /// level_count in 1 .. ROOF_MAX_LEVELS; at least one level moves bytes > 0.
    /// ROOF_E_NULL, ROOF_E_RANGE.
    pub fn roof_hierarchy_eval(
        peak_flops_per_s: f64,
        flops: f64,
        levels: *const roof_level,
        level_count: u32,
        out: *mut roof_hierarchy,
    ) -> c_int;

    // model.h
    /// Checks a descriptor: positive sizes, heads % kv_heads == 0, known enum
    /// values, MoE fields consistent (experts_per_token <= experts, a routed
    /// expert width when experts > 0, some MLP when experts == 0), products that
    /// stay far below 2^53, NUL-terminated strings, zero reserved fields.
    /// ROOF_E_NULL, ROOF_E_RANGE, ROOF_E_INVALID.
    pub fn roof_model_validate(m: *const roof_model) -> c_int;
    /// Built-in presets, indexed 0 .. count-1; each carries its source.
    pub fn roof_model_count() -> u32;
    /// Built-in presets, indexed 0 .. count-1; each carries its source.
    pub fn roof_model_get(index: u32, out: *mut roof_model) -> c_int;
    /// Case-insensitive lookup by name or alias ("llama-2-13b", "Llama-2-13B",
    /// "llama2-13b").  ROOF_E_NULL, ROOF_E_NOT_FOUND.
    pub fn roof_model_find(name: *const c_char, out: *mut roof_model) -> c_int;
    /// Closest preset names, as roof_hardware_suggest.
    pub fn roof_model_suggest(name: *const c_char, names: *mut *const c_char, cap: u32, count: *mut u32) -> c_int;
    /// Parameter counts of a model.  ROOF_E_NULL, and the statuses of `roof_model_validate`.
    pub fn roof_model_param_count(m: *const roof_model, out: *mut roof_model_params) -> c_int;
    /// C function `roof_model_shardable` (see the C headers).
    pub fn roof_model_shardable(m: *const roof_model, tensor_parallel: u32) -> c_int;

    // ops.h
    /// Fill *out with a prefill or decode step of `batch` sequences, 16-bit
    /// everything, FP16 matmuls, unfused attention, no tensor parallelism.
    /// ROOF_E_NULL, ROOF_E_RANGE (batch or seq 0 for prefill, batch 0).
    pub fn roof_workload_prefill(batch: u32, seq_tokens: u32, out: *mut roof_workload) -> c_int;
    /// Fill *out with a prefill or decode step of `batch` sequences, 16-bit
    /// everything, FP16 matmuls, unfused attention, no tensor parallelism.
    /// ROOF_E_NULL, ROOF_E_RANGE (batch or seq 0 for prefill, batch 0).
    pub fn roof_workload_decode(batch: u32, cached_tokens: u32, out: *mut roof_workload) -> c_int;
    /// Checks a caller-filled workload.  ROOF_E_NULL, ROOF_E_RANGE, ROOF_E_INVALID.
    pub fn roof_workload_validate(w: *const roof_workload) -> c_int;
    /// "q_proj", "qk_matmul", ...; NULL for an unknown id.
    pub fn roof_op_name(id: u32) -> *const c_char;
    /// Every operator of one step: the layer operators first (scope LAYER, in
    /// execution order), then embed, final_norm and lm_head (scope MODEL).
    /// ops[] receives *count entries, at most ROOF_MAX_OPS; totals may be NULL.
    /// eff may be NULL (pure roofline).  On ROOF_E_BUFFER_TOO_SMALL, *count
    /// (when count is not NULL) receives the number needed and nothing else is
    /// written.  ROOF_E_NULL, ROOF_E_RANGE, ROOF_E_INVALID (also: heads or
    /// kv_heads not shardable over tensor_parallel), ROOF_E_UNSUPPORTED (the
    /// device lacks the workload's precision, or tensor_parallel > 1 on a
    /// device without an interconnect), ROOF_E_OVERFLOW (a step so large that
    /// a count could pass ROOF_MAX_VALUE; checked before anything is written).
    /// Conventions (docs/model.md): weights are read once per step; the new
    /// tokens' K and V are appended to the cache by the attention operators
    /// (kv_write of qk_matmul and pv_matmul, or of the fused attention);
    /// lm_head computes the logits of each sequence's last new token only.
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
    /// The totals roof_ops() gives for the same step, bit for bit, without the
    /// operator records: what a scheduler asks for each candidate batch (the
    /// step's time, its bound, its bytes).  Every input is validated as by
    /// roof_ops(); *out is written only on ROOF_OK.  eff may be NULL.
    /// ROOF_E_NULL (m, w, hw or out NULL), ROOF_E_RANGE, ROOF_E_INVALID,
    /// ROOF_E_UNSUPPORTED and ROOF_E_OVERFLOW as roof_ops(); never
    /// ROOF_E_BUFFER_TOO_SMALL.
    pub fn roof_step(
        m: *const roof_model,
        w: *const roof_workload,
        hw: *const roof_hardware,
        eff: *const roof_efficiency,
        out: *mut roof_totals,
    ) -> c_int;
    /// See include/roofmodel/calibration.h, fit.h or ops.h for `roof_ops_calibrated`.
    pub fn roof_ops_calibrated(
        m: *const roof_model,
        w: *const roof_workload,
        hw: *const roof_hardware,
        eff: *const roof_efficiency,
        cal: *const roof_calibration,
        ops: *mut roof_op,
        cap: u32,
        count: *mut u32,
        totals: *mut roof_totals,
    ) -> c_int;
    /// See include/roofmodel/calibration.h, fit.h or ops.h for `roof_step_calibrated`.
    pub fn roof_step_calibrated(
        m: *const roof_model,
        w: *const roof_workload,
        hw: *const roof_hardware,
        eff: *const roof_efficiency,
        cal: *const roof_calibration,
        out: *mut roof_totals,
    ) -> c_int;

    // names.h
    /// Name of an enum roof_op_class value; NULL if unknown.
    pub fn roof_op_class_name(op_class: u32) -> *const c_char;
    /// Inverse of roof_op_class_name.
    pub fn roof_op_class_from_name(name: *const c_char, out: *mut u32) -> c_int;
    /// Name of an enum roof_mlp_kind value; NULL if unknown.
    pub fn roof_mlp_kind_name(kind: u32) -> *const c_char;
    /// Inverse of roof_mlp_kind_name.
    pub fn roof_mlp_kind_from_name(name: *const c_char, out: *mut u32) -> c_int;
    /// Name of an enum roof_norm_kind value; NULL if unknown.
    pub fn roof_norm_kind_name(kind: u32) -> *const c_char;
    /// Inverse of roof_norm_kind_name.
    pub fn roof_norm_kind_from_name(name: *const c_char, out: *mut u32) -> c_int;
    /// Name of an enum roof_position_kind value; NULL if unknown.
    pub fn roof_position_kind_name(kind: u32) -> *const c_char;
    /// Inverse of roof_position_kind_name.
    pub fn roof_position_kind_from_name(name: *const c_char, out: *mut u32) -> c_int;
    /// Inverse of roof_bound_name.
    pub fn roof_bound_from_name(name: *const c_char, out: *mut u32) -> c_int;
    /// Inverse of roof_op_name.
    pub fn roof_op_from_name(name: *const c_char, out: *mut u32) -> c_int;
    /// Kernels of a CSV handed to a callback one at a time (parse.h).
    pub fn roof_kernels_visit_csv(
        text: *const c_char,
        len: usize,
        f: roof_kernel_fn,
        ctx: *mut c_void,
        count: *mut u32,
        err: *mut roof_parse_error,
    ) -> c_int;

    // calibration.h, fit.h
    /// See include/roofmodel/calibration.h, fit.h or ops.h for `roof_kernel_kind_name`.
    pub fn roof_kernel_kind_name(kind: u32) -> *const c_char;
    /// See include/roofmodel/calibration.h, fit.h or ops.h for `roof_kernel_kind_from_name`.
    pub fn roof_kernel_kind_from_name(name: *const c_char, kind: *mut u32) -> c_int;
    /// The kernel kind a kernel's name suggests (calibration.h).
    pub fn roof_kernel_kind_guess(name: *const c_char, kind: *mut u32) -> c_int;
    /// See include/roofmodel/calibration.h, fit.h or ops.h for `roof_calibration_origin_name`.
    pub fn roof_calibration_origin_name(origin: u32) -> *const c_char;
    /// See include/roofmodel/calibration.h, fit.h or ops.h for `roof_calibration_validate`.
    pub fn roof_calibration_validate(cal: *const roof_calibration) -> c_int;
    /// See include/roofmodel/calibration.h, fit.h or ops.h for `roof_calibration_builtin`.
    pub fn roof_calibration_builtin(hw: *const roof_hardware, out: *mut roof_calibration) -> c_int;
    /// See include/roofmodel/calibration.h, fit.h or ops.h for `roof_calibration_check_hardware`.
    pub fn roof_calibration_check_hardware(cal: *const roof_calibration, hw: *const roof_hardware) -> c_int;
    /// See include/roofmodel/calibration.h, fit.h or ops.h for `roof_kernel_expected_seconds`.
    pub fn roof_kernel_expected_seconds(
        cal: *const roof_calibration,
        terms: *const roof_kernel_terms,
        seconds: *mut f64,
    ) -> c_int;
    /// See include/roofmodel/calibration.h, fit.h or ops.h for `roof_calibration_from_json`.
    pub fn roof_calibration_from_json(
        text: *const c_char,
        len: usize,
        out: *mut roof_calibration,
        err: *mut roof_parse_error,
    ) -> c_int;
    /// See include/roofmodel/calibration.h, fit.h or ops.h for `roof_calibration_to_json`.
    pub fn roof_calibration_to_json(cal: *const roof_calibration, buf: *mut c_char, cap: usize, len: *mut usize) -> c_int;
    /// See include/roofmodel/calibration.h, fit.h or ops.h for `roof_calibration_fit`.
    pub fn roof_calibration_fit(
        samples: *const roof_kernel_sample,
        count: u32,
        hw: *const roof_hardware,
        start: *const roof_calibration,
        workspace: *mut f64,
        workspace_len: usize,
        out: *mut roof_calibration,
        report: *mut roof_fit_report,
    ) -> c_int;
    /// A fit sample from a measured kernel, its kind guessed from its name.
    pub fn roof_kernel_sample_from_kernel(k: *const roof_kernel, precision: u32, out: *mut roof_kernel_sample) -> c_int;
    /// How well a profile predicts samples (include/roofmodel/fit.h).
    pub fn roof_calibration_score(
        samples: *const roof_kernel_sample,
        count: u32,
        hw: *const roof_hardware,
        cal: *const roof_calibration,
        workspace: *mut f64,
        workspace_len: usize,
        report: *mut roof_fit_report,
    ) -> c_int;
    /// See include/roofmodel/fit.h.
    pub fn roof_kernel_samples_from_csv(
        text: *const c_char,
        len: usize,
        out: *mut roof_kernel_sample,
        cap: u32,
        count: *mut u32,
        err: *mut roof_parse_error,
    ) -> c_int;
    /// See include/roofmodel/calibration.h, fit.h or ops.h for `roof_online_init`.
    pub fn roof_online_init(warmup: u32, forget: f64, out: *mut roof_online) -> c_int;
    /// See include/roofmodel/calibration.h, fit.h or ops.h for `roof_online_add`.
    pub fn roof_online_add(o: *mut roof_online, predicted_seconds: f64, measured_seconds: f64, used: *mut u32) -> c_int;
    /// See include/roofmodel/calibration.h, fit.h or ops.h for `roof_online_profile`.
    pub fn roof_online_profile(o: *const roof_online, base: *const roof_calibration, out: *mut roof_calibration) -> c_int;

    // plan.h
    /// Validates m, w, hw and cal once and prepares *out (NULL cal: the
    /// device's built-in profile).  See include/roofmodel/plan.h.
    pub fn roof_plan_init(m: *const roof_model, w: *const roof_workload, hw: *const roof_hardware, cal: *const roof_calibration, out: *mut roof_plan) -> c_int;
    /// A uniform step of `batch` sequences.  See include/roofmodel/plan.h.
    pub fn roof_plan_step(p: *const roof_plan, batch: u32, new_tokens: u32, cached_tokens: u32, out: *mut roof_step_result) -> c_int;
    /// A mixed step of `count` sequences.  See include/roofmodel/plan.h.
    pub fn roof_plan_step_mixed(p: *const roof_plan, seqs: *const roof_seq, count: u32, out: *mut roof_step_result) -> c_int;

    // capacity.h
    /// The largest decode batch at cached_tokens within a step budget.
    /// See include/roofmodel/capacity.h.
    pub fn roof_plan_max_decode_batch(p: *const roof_plan, cached_tokens: u32, budget_seconds: f64, basis: u32, batch: *mut u32, at: *mut roof_step_result) -> c_int;
    /// The largest prefill chunk beside seqs within a step budget.
    /// See include/roofmodel/capacity.h.
    pub fn roof_plan_max_chunk(p: *const roof_plan, seqs: *const roof_seq, count: u32, chunk_cached: u32, budget_seconds: f64, basis: u32, chunk: *mut u32, at: *mut roof_step_result) -> c_int;
    /// The smallest tensor-parallel degree meeting a TTFT target.
    /// See include/roofmodel/capacity.h.
    pub fn roof_min_tensor_parallel(m: *const roof_model, w: *const roof_workload, hw: *const roof_hardware, cal: *const roof_calibration, batch: u32, prompt_tokens: u32, ttft_seconds: f64, basis: u32, max_tp: u32, tp: *mut u32, at: *mut roof_step_result) -> c_int;
    /// The highest decode throughput per device under a TPOT target and
    /// the memory.  See include/roofmodel/capacity.h.
    pub fn roof_plan_max_decode_throughput(p: *const roof_plan, cached_tokens: u32, tpot_seconds: f64, basis: u32, out: *mut roof_throughput) -> c_int;
    /// MFU and memory-bandwidth utilization of a measured step.
    /// See include/roofmodel/capacity.h.
    pub fn roof_plan_utilization(p: *const roof_plan, r: *const roof_step_result, measured_seconds: f64, mfu: *mut f64, mbu: *mut f64) -> c_int;

    // estimate.h
    /// A request of batch, prompt and gen with the defaults of
    /// roof_workload_prefill(), no parallelism, efficiency 1.
    /// ROOF_E_NULL, ROOF_E_RANGE.
    pub fn roof_request_init(batch: u32, prompt_tokens: u32, gen_tokens: u32, out: *mut roof_request) -> c_int;
    /// Checks a caller-filled request.  ROOF_E_NULL, ROOF_E_RANGE, ROOF_E_INVALID.
    pub fn roof_request_validate(r: *const roof_request) -> c_int;
    /// Time to first token, time per output token, end-to-end time, throughput and memory of a
    /// request.
    ///
    /// The cost does not grow with gen_tokens: decode step times are sums of
    /// maxima of functions affine in the context, summed in closed form.
    /// ROOF_E_NULL, ROOF_E_RANGE, ROOF_E_INVALID, ROOF_E_UNSUPPORTED,
    /// ROOF_E_OVERFLOW.  A request that does not fit still gets its times;
    /// memory.fits says it does not.
    pub fn roof_estimate_run(
        m: *const roof_model,
        hw: *const roof_hardware,
        r: *const roof_request,
        out: *mut roof_estimate,
    ) -> c_int;
    /// Memory alone (cheaper than roof_estimate_run).
    pub fn roof_memory_footprint(
        m: *const roof_model,
        hw: *const roof_hardware,
        r: *const roof_request,
        out: *mut roof_memory,
    ) -> c_int;
    /// Tensor-parallel sweep t = 1, 2, 4, ... with t x pipeline_parallel <=
    /// max_devices (the degrees the model's heads allow), with the request's
    /// pipeline degree.  speedup compares tpot (ttft when gen_tokens == 1) with
    /// the t = 1 point; efficiency = speedup / t.  Where efficiency falls is
    /// where adding devices stops paying off.  A device without an
    /// interconnect (interconnect_bytes_per_s == 0) cannot shard a layer: its
    /// sweep holds the t = 1 point only.  ROOF_E_RANGE when max_devices <
    /// pipeline_parallel; out may be NULL when cap is 0.
    /// out[] gets *count points; ROOF_E_BUFFER_TOO_SMALL reports the needed
    /// count in *count.  ROOF_E_NULL, ROOF_E_RANGE, ... as roof_estimate_run.
    pub fn roof_scaling(
        m: *const roof_model,
        hw: *const roof_hardware,
        r: *const roof_request,
        max_devices: u32,
        out: *mut roof_scaling_point,
        cap: u32,
        count: *mut u32,
    ) -> c_int;
    /// roof_estimate_run with a calibration profile (NULL = built-in).
    pub fn roof_estimate_run_calibrated(
        m: *const roof_model,
        hw: *const roof_hardware,
        r: *const roof_request,
        cal: *const roof_calibration,
        out: *mut roof_estimate,
    ) -> c_int;
    /// roof_scaling with a calibration profile (NULL = built-in).
    pub fn roof_scaling_calibrated(
        m: *const roof_model,
        hw: *const roof_hardware,
        r: *const roof_request,
        cal: *const roof_calibration,
        max_devices: u32,
        out: *mut roof_scaling_point,
        cap: u32,
        count: *mut u32,
    ) -> c_int;
    /// The tensor x expert parallel sweep of an MoE model (ep.h).
    pub fn roof_ep_sweep(
        m: *const roof_model,
        hw: *const roof_hardware,
        r: *const roof_request,
        max_devices: u32,
        out: *mut roof_ep_point,
        cap: u32,
        count: *mut u32,
    ) -> c_int;

    // plot.h
    /// Renders into buf[0 .. cap).  On success *len is the SVG's length and
    /// `buf[*len]` is a NUL (so cap must exceed the length).  On
    /// ROOF_E_BUFFER_TOO_SMALL *len (when len is not NULL) receives the
    /// capacity needed, NUL included, and buf is left untouched.
    /// ROOF_E_NULL, ROOF_E_RANGE (bad axis limits, sizes or values),
    /// ROOF_E_INVALID (unknown marker or kind).
    pub fn roof_chart_svg(c: *const roof_chart, buf: *mut c_char, cap: usize, len: *mut usize) -> c_int;
    /// Streams the SVG through fn.  The chart is validated before the first
    /// byte is written.  ROOF_E_WRITE when fn fails.
    pub fn roof_chart_svg_write(c: *const roof_chart, f: roof_write_fn, ctx: *mut c_void) -> c_int;
    /// Formats value with three significant digits and an SI prefix (y, z, a,
    /// f, p, n, "\xc2\xb5" (micro, UTF-8), m, k, M, G, T, P, E, Z, Y) followed
    /// by unit, with '.' as the decimal point whatever the locale:
    /// 768e9, "B/s" -> "768GB/s"     181e12, "FLOP/s" -> "181TFLOP/s"
    /// 1e10, NULL   -> "10G"         0.0015, "s"      -> "1.5ms"
    /// A unit that starts with a space puts the space before the prefix:
    /// 768e9, " B/s" -> "768 GB/s"   53.7e9, " FLOP" -> "53.7 GFLOP"
    /// Values beyond the prefixes (|value| >= 1e27, or below 1e-24 and not 0)
    /// keep exponent notation ("1e+30B/s").  unit may be NULL (none).
    /// Buffer rules as roof_chart_svg: on success *len (when len is not NULL)
    /// is the length and buf is NUL-terminated; ROOF_E_BUFFER_TOO_SMALL stores
    /// the capacity needed, NUL included, and leaves buf untouched.  32 bytes
    /// plus the unit's length always suffice.
    /// ROOF_E_NULL (buf), ROOF_E_RANGE (value NaN, infinite or |value| >
    /// ROOF_MAX_VALUE).
    pub fn roof_format_si(value: f64, unit: *const c_char, buf: *mut c_char, cap: usize, len: *mut usize) -> c_int;

    // parse.h
    /// A HuggingFace config.json into a model descriptor.  err may be NULL; it
    /// is written only on failure.  ROOF_E_NULL, ROOF_E_PARSE, ROOF_E_MISSING
    /// (a required key is absent: the message names it), ROOF_E_TYPE,
    /// ROOF_E_RANGE, ROOF_E_INVALID.
    pub fn roof_model_from_json(
        text: *const c_char,
        len: usize,
        out: *mut roof_model,
        err: *mut roof_parse_error,
    ) -> c_int;
    /// roof_model_from_json reading an unknown family as a known one.
    pub fn roof_model_from_json_as(
        text: *const c_char,
        len: usize,
        as_type: *const c_char,
        out: *mut roof_model,
        err: *mut roof_parse_error,
    ) -> c_int;
    /// A model as a HuggingFace-style config.json that reads back with
    /// roof_model_from_json to the identical descriptor.  Buffer semantics as
    /// roof_chart_svg.  ROOF_E_NULL, the statuses of roof_model_validate, and
    /// ROOF_E_INVALID when a string is not valid UTF-8 (JSON must be).
    pub fn roof_model_to_json(m: *const roof_model, buf: *mut c_char, cap: usize, len: *mut usize) -> c_int;
    /// A hardware description file (the fields of roof_hardware).
    /// Errors as roof_model_from_json.
    pub fn roof_hardware_from_json(
        text: *const c_char,
        len: usize,
        out: *mut roof_hardware,
        err: *mut roof_parse_error,
    ) -> c_int;
    /// A descriptor as JSON that reads back to the identical descriptor
    /// (numbers printed with 17 significant digits).  Buffer semantics as
    /// roof_chart_svg.  ROOF_E_NULL, the statuses of roof_hardware_validate,
    /// and ROOF_E_INVALID when a string is not valid UTF-8.
    pub fn roof_hardware_to_json(hw: *const roof_hardware, buf: *mut c_char, cap: usize, len: *mut usize) -> c_int;
    /// Measured kernels from CSV: either a plain file with a header naming the
    /// columns name, flops, bytes and seconds (any order, other columns
    /// ignored), or Nsight Compute's `--csv --page raw` export (detected by its
    /// counter columns).  out[] receives *count rows; on
    /// ROOF_E_BUFFER_TOO_SMALL *count receives the number needed.  out may be
    /// NULL when cap is 0, to count.  ROOF_E_NULL, ROOF_E_PARSE, ROOF_E_MISSING,
    /// ROOF_E_RANGE, ROOF_E_BUFFER_TOO_SMALL.
    pub fn roof_kernels_from_csv(
        text: *const c_char,
        len: usize,
        out: *mut roof_kernel,
        cap: u32,
        count: *mut u32,
        err: *mut roof_parse_error,
    ) -> c_int;
}
