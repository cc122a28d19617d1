//! roofmodel: how fast can this transformer run on this accelerator, and
//! what limits it?  A safe Rust API over libroofmodel.
//!
//! ```no_run
//! use roofmodel::{ops, Hardware, Model, Workload};
//!
//! fn main() -> roofmodel::Result<()> {
//!     let hw = Hardware::find("a6000")?;
//!     let model = Model::find("llama-2-13b")?;
//!     let step = ops(&model, &Workload::decode(1, 1024)?, &hw, None)?;
//!     for op in &step.ops {
//!         println!("{:12} {:>16} FLOP {:>14} B {}", op.name(), op.flops, op.bytes, op.roofline.bound);
//!     }
//!     println!("time per token >= {:.3} ms", step.totals.model.seconds * 1e3);
//!     Ok(())
//! }
//! ```
//!
//! Every call that can fail returns [`Result`]; the error carries the C
//! status and its text.  Every type is owned plain data; no function of
//! this crate's public API is `unsafe`.

#![deny(missing_docs)]

mod error;

pub use error::{status_str, Error, ParseLocation, Result, Status};
pub use roofmodel_sys as sys;

use error::check;
use std::ffi::{CStr, CString};
use std::fmt;
use std::os::raw::c_char;
use std::path::Path;
use std::ptr;

// ---- enums ----------------------------------------------------------------

macro_rules! c_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:expr),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant),*
        }

        impl $name {
            /// Every value, in the order of the C enum.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The C value.
            pub fn code(self) -> u32 {
                match self {
                    $($name::$variant => $code),*
                }
            }

            /// The value for a C code; None for one unknown to these bindings.
            pub fn from_code(code: u32) -> Option<$name> {
                match code {
                    $(c if c == $code => Some($name::$variant),)*
                    _ => None,
                }
            }

            #[allow(dead_code)] // not every enum is read back from C
            fn decode(code: u32) -> Result<$name> {
                $name::from_code(code).ok_or_else(|| {
                    Error::binding(
                        Status::Invalid,
                        stringify!($name),
                        format!("value {} unknown to these bindings", code),
                    )
                })
            }
        }
    };
}

c_enum!(
    /// Numeric precision of a device's peak (`enum roof_precision`).
    Precision {
        /// 64-bit floating point.
        Fp64 = sys::ROOF_FP64,
        /// 32-bit floating point.
        Fp32 = sys::ROOF_FP32,
        /// TensorFloat-32 (tensor cores).
        Tf32 = sys::ROOF_TF32,
        /// 16-bit floating point (tensor cores, FP32 accumulation).
        Fp16 = sys::ROOF_FP16,
        /// bfloat16 (tensor cores, FP32 accumulation).
        Bf16 = sys::ROOF_BF16,
        /// 8-bit floating point.
        Fp8 = sys::ROOF_FP8,
        /// 8-bit integer.
        Int8 = sys::ROOF_INT8,
        /// 4-bit integer.
        Int4 = sys::ROOF_INT4,
        /// 6-bit floating point (Blackwell, MI355X).
        Fp6 = sys::ROOF_FP6,
        /// 4-bit floating point (Blackwell, MI355X).
        Fp4 = sys::ROOF_FP4,
    }
);
c_enum!(
    /// What bounds a kernel's time (`enum roof_bound`).
    Bound {
        /// No roof: the operators took no time at all.
        None = sys::ROOF_BOUND_NONE,
        /// DRAM bandwidth.
        Memory = sys::ROOF_BOUND_MEMORY,
        /// The FLOP/s peak.
        Compute = sys::ROOF_BOUND_COMPUTE,
        /// Interconnect bandwidth.
        Interconnect = sys::ROOF_BOUND_INTERCONNECT,
    }
);
c_enum!(
    /// Operator identities (`enum roof_op_id`); [`OpId::name`] gives the
    /// library's name of each.
    OpId {
        /// Embedding lookup.
        Embed = 0,
        /// Norm before attention.
        AttnNorm = 1,
        /// Query projection.
        QProj = 2,
        /// Key projection.
        KProj = 3,
        /// Value projection.
        VProj = 4,
        /// Rotary position embedding of q and k.
        Rope = 5,
        /// Scores: q times k transposed (unfused attention).
        QkMatmul = 6,
        /// Softmax of the scores (unfused attention).
        Softmax = 7,
        /// Probabilities times v (unfused attention).
        PvMatmul = 8,
        /// Fused attention: qk, softmax and pv in one kernel.
        Attention = 9,
        /// Output projection.
        OProj = 10,
        /// Residual add after attention.
        AttnAdd = 11,
        /// Norm before the MLP.
        MlpNorm = 12,
        /// MoE gate: hidden to expert logits.
        Router = 13,
        /// Gate projection of the dense MLP or the shared experts.
        GateProj = 14,
        /// Up projection of the dense MLP or the shared experts.
        UpProj = 15,
        /// Activation of the dense MLP or the shared experts.
        Act = 16,
        /// Down projection of the dense MLP or the shared experts.
        DownProj = 17,
        /// Gate projection of the routed experts.
        ExpertGateProj = 18,
        /// Up projection of the routed experts.
        ExpertUpProj = 19,
        /// Activation of the routed experts.
        ExpertAct = 20,
        /// Down projection of the routed experts.
        ExpertDownProj = 21,
        /// Residual add after the MLP.
        MlpAdd = 22,
        /// Tensor-parallel all-reduce (both per layer).
        Allreduce = 23,
        /// Norm after the last layer.
        FinalNorm = 24,
        /// Logits of each sequence's last new token.
        LmHead = 25,
        /// MLA query down-projection to q_lora_rank.
        QAProj = 26,
        /// MLA hidden to latent and rope key (cached).
        KvAProj = 27,
        /// MLA latent to K and V (prefill).
        KvBProj = 28,
        /// MLA query absorbed into the latent (decode).
        QAbsorb = 29,
        /// MLA latent values absorbed into the output (decode).
        OAbsorb = 30,
        /// Mamba-2 input projection.
        SsmInProj = 31,
        /// Mamba-2 causal depthwise convolution.
        SsmConv = 32,
        /// Mamba-2 state-space scan.
        SsmScan = 33,
        /// Mamba-2 gated RMSNorm.
        SsmNorm = 34,
        /// Mamba-2 output projection.
        SsmOutProj = 35,
        /// Per-head RMSNorm of q and k.
        QkNorm = 36,
        /// Gated attention output.
        AttnGate = 37,
    }
);
c_enum!(
    /// What kind of work an operator is (`enum roof_op_class`).
    OpClass {
        /// q, k, v and o projections.
        AttnProj = 0,
        /// gate, up and down projections, experts, router.
        MlpProj = 1,
        /// qk, pv and fused attention.
        AttnMatmul = 2,
        /// Norms, rope, softmax, activations, adds.
        Elementwise = 3,
        /// All-reduce.
        Comm = 4,
        /// Embedding lookup and lm_head.
        Embed = 5,
    }
);
c_enum!(
    /// Once per layer or once per step (`enum roof_op_scope`).
    Scope {
        /// Once per layer: counted `layers` times.
        Layer = sys::ROOF_SCOPE_LAYER,
        /// Once per step: embed, final_norm, lm_head.
        Model = sys::ROOF_SCOPE_MODEL,
    }
);
c_enum!(
    /// Attention as three kernels or one fused one.
    Attention {
        /// qk_matmul, softmax and pv_matmul: the scores go through memory.
        Unfused = sys::ROOF_ATTN_UNFUSED,
        /// One fused kernel (FlashAttention): the scores stay on chip.
        Fused = sys::ROOF_ATTN_FUSED,
    }
);
c_enum!(
    /// MLP kind (`enum roof_mlp_kind`).
    Mlp {
        /// SwiGLU/GeGLU: gate_proj, up_proj, act times up, down_proj.
        Gated = sys::ROOF_MLP_GATED,
        /// GELU/ReLU: up_proj, act, down_proj.
        Plain = sys::ROOF_MLP_PLAIN,
    }
);
c_enum!(
    /// Normalisation kind (`enum roof_norm_kind`).
    Norm {
        /// RMSNorm.
        Rms = sys::ROOF_NORM_RMS,
        /// LayerNorm.
        Layer = sys::ROOF_NORM_LAYER,
    }
);
c_enum!(
    /// Position encoding (`enum roof_position_kind`).
    Position {
        /// Rotary embedding applied to q and k.
        Rope = sys::ROOF_POS_ROPE,
        /// Learned absolute positions added at the embedding.
        Learned = sys::ROOF_POS_LEARNED,
        /// ALiBi or none: nothing applied to q and k.
        None = sys::ROOF_POS_NONE,
    }
);
c_enum!(
    /// Chart marker (`enum roof_marker`).
    Marker {
        /// A cross, as the seed figure.
        Cross = sys::ROOF_MARKER_CROSS,
        /// A circle.
        Circle = sys::ROOF_MARKER_CIRCLE,
        /// A square.
        Square = sys::ROOF_MARKER_SQUARE,
        /// A triangle.
        Triangle = sys::ROOF_MARKER_TRIANGLE,
        /// A plus sign.
        Plus = sys::ROOF_MARKER_PLUS,
    }
);
c_enum!(
    /// A chart roof: a FLOP/s line or a B/s slope.
    CeilingKind {
        /// A FLOP/s line.
        Compute = sys::ROOF_CEILING_COMPUTE,
        /// A B/s slope.
        Memory = sys::ROOF_CEILING_MEMORY,
    }
);

/// A static C string (a name table entry) as &str; "" for NULL.
fn static_str(p: *const c_char) -> &'static str {
    if p.is_null() {
        return "";
    }
    // SAFETY: the library's name functions return NULL or a pointer to a
    // static NUL-terminated ASCII string.
    unsafe { CStr::from_ptr(p) }.to_str().unwrap_or("")
}

impl Precision {
    /// "fp16", "bf16", ...
    pub fn name(self) -> &'static str {
        // SAFETY: takes a number, returns a static string or NULL.
        static_str(unsafe { sys::roof_precision_name(self.code()) })
    }

    /// Case-insensitive inverse of name().
    pub fn from_name(name: &str) -> Result<Precision> {
        let c = c_string(name, "roof_precision_from_name")?;
        let mut v = 0u32;
        // SAFETY: c is NUL-terminated; v is a valid u32 to write.
        check(
            unsafe { sys::roof_precision_from_name(c.as_ptr(), &mut v) },
            "roof_precision_from_name",
        )?;
        Precision::decode(v)
    }
}

impl Bound {
    /// "memory", "compute", "interconnect", "none".
    pub fn name(self) -> &'static str {
        // SAFETY: takes a number, returns a static string or NULL.
        static_str(unsafe { sys::roof_bound_name(self.code()) })
    }
}

impl OpId {
    /// "q_proj", "qk_matmul", ...
    pub fn name(self) -> &'static str {
        // SAFETY: takes a number, returns a static string or NULL.
        static_str(unsafe { sys::roof_op_name(self.code()) })
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

impl fmt::Display for Bound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

impl fmt::Display for OpId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

// ---- strings --------------------------------------------------------------

fn c_string(s: &str, function: &'static str) -> Result<CString> {
    CString::new(s).map_err(|_| Error::binding(Status::Invalid, function, format!("{:?} contains a NUL byte", s)))
}

/// A fixed C char array up to its first NUL (or its end), as UTF-8.
fn from_c_array(a: &[c_char]) -> String {
    let bytes: Vec<u8> = a.iter().take_while(|&&c| c != 0).map(|&c| c as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Copies s into a zeroed C array, leaving room for the NUL.
fn to_c_array(s: &str, a: &mut [c_char], field: &'static str) -> Result<()> {
    if s.len() >= a.len() || s.as_bytes().contains(&0) {
        return Err(Error::binding(
            Status::Range,
            field,
            format!("{:?} does not fit in {} bytes", s, a.len() - 1),
        ));
    }
    for (d, &b) in a.iter_mut().zip(s.as_bytes()) {
        *d = b as c_char;
    }
    Ok(())
}

fn to_u32(n: usize, what: &'static str) -> Result<u32> {
    u32::try_from(n).map_err(|_| Error::binding(Status::Range, what, format!("{} items are too many", n)))
}

/// Text from a "buf, cap, &len" function: one call with a 4 KiB buffer,
/// a second one sized by the first when that was too small.
fn render<F>(function: &'static str, f: F) -> Result<String>
where
    F: Fn(*mut c_char, usize, &mut usize) -> i32,
{
    let mut buf = vec![0 as c_char; 4096];
    let mut len = 0usize;
    let mut rc = f(buf.as_mut_ptr(), buf.len(), &mut len);
    if rc == sys::ROOF_E_BUFFER_TOO_SMALL {
        buf = vec![0 as c_char; len];
        rc = f(buf.as_mut_ptr(), buf.len(), &mut len);
    }
    check(rc, function)?;
    let bytes: Vec<u8> = buf[..len].iter().map(|&c| c as u8).collect();
    String::from_utf8(bytes).map_err(|_| Error::binding(Status::Invalid, function, "output is not UTF-8".to_string()))
}

fn suggest(
    name: &str,
    function: &'static str,
    f: unsafe extern "C" fn(*const c_char, *mut *const c_char, u32, *mut u32) -> i32,
) -> Vec<String> {
    let c = match CString::new(name) {
        Ok(c) => c,
        Err(_) => return Vec::new(),
    };
    let mut names = [ptr::null::<c_char>(); 5];
    let mut n = 0u32;
    // SAFETY: c is NUL-terminated; names has room for the 5 pointers the
    // call may write and n is a valid u32.
    let rc = unsafe { f(c.as_ptr(), names.as_mut_ptr(), 5, &mut n) };
    if check(rc, function).is_err() {
        return Vec::new();
    }
    names[..n as usize].iter().map(|&p| static_str(p).to_string()).collect()
}

fn parse_failure(rc: i32, function: &'static str, err: &sys::roof_parse_error) -> Error {
    let mut e = Error::new(rc, function);
    if rc == sys::ROOF_E_PARSE || rc == sys::ROOF_E_MISSING || rc == sys::ROOF_E_TYPE || err.line > 0 {
        e.location = Some(ParseLocation {
            line: err.line,
            column: err.column,
            offset: err.offset,
            message: from_c_array(&err.message),
        });
    }
    e
}

// ---- version --------------------------------------------------------------

/// "MAJOR.MINOR.PATCH" of the library actually loaded.
pub fn version() -> &'static str {
    // SAFETY: no arguments; returns a static string.
    static_str(unsafe { sys::roof_version_string() })
}

/// major * 10000 + minor * 100 + patch of the library actually loaded.
pub fn version_number() -> u32 {
    // SAFETY: no arguments.
    unsafe { sys::roof_version_number() }
}

/// Formats a value with three significant digits and an SI prefix:
/// `format_si(768e9, Some("B/s"))` is "768GB/s".
pub fn format_si(value: f64, unit: Option<&str>) -> Result<String> {
    let unit = match unit {
        Some(u) => Some(c_string(u, "roof_format_si")?),
        None => None,
    };
    let up = unit.as_ref().map_or(ptr::null(), |u| u.as_ptr());
    // SAFETY: up is NULL or NUL-terminated; buf/cap/len come from render.
    render("roof_format_si", |buf, cap, len| unsafe {
        sys::roof_format_si(value, up, buf, cap, len)
    })
}

// ---- hardware -------------------------------------------------------------

/// Achieved fractions of the peaks, each in (0, 1].  Default: 1, 1, 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Efficiency {
    /// Fraction of peak FLOP/s.
    pub compute: f64,
    /// Fraction of DRAM bandwidth.
    pub memory: f64,
    /// Fraction of interconnect bandwidth.
    pub interconnect: f64,
}

impl Default for Efficiency {
    fn default() -> Self {
        Efficiency {
            compute: 1.0,
            memory: 1.0,
            interconnect: 1.0,
        }
    }
}

impl Efficiency {
    /// The C struct.
    pub fn to_raw(&self) -> sys::roof_efficiency {
        sys::roof_efficiency {
            compute: self.compute,
            memory: self.memory,
            interconnect: self.interconnect,
            reserved: [0.0; 5],
        }
    }

    /// The fractions of a C struct.
    pub fn from_raw(r: &sys::roof_efficiency) -> Efficiency {
        Efficiency {
            compute: r.compute,
            memory: r.memory,
            interconnect: r.interconnect,
        }
    }
}

fn eff_ptr(raw: &Option<sys::roof_efficiency>) -> *const sys::roof_efficiency {
    raw.as_ref().map_or(ptr::null(), |e| e as *const _)
}

/// A device (`roof_hardware`).  Peaks derive from units x FLOP per clock
/// per unit x clock: see [`Hardware::peak_flops_per_s`].
#[derive(Debug, Clone, PartialEq)]
pub struct Hardware {
    /// Short id used for lookup: "a6000".
    pub name: String,
    /// Display name: "NVIDIA RTX A6000".
    pub label: String,
    /// "NVIDIA", "AMD", "Google".
    pub vendor: String,
    /// "GA102", "GH100", "CDNA3", ...
    pub arch: String,
    /// Where the figures come from.
    pub source: String,
    /// SMs, CUs or matrix units; > 0.
    pub units: u32,
    /// Clock of the tensor/matrix peaks.
    pub clock_hz: f64,
    /// Clock of the FP64/FP32 peaks; 0 = same as clock_hz.
    pub vector_clock_hz: f64,
    /// Indexed by [`Precision::code`]; 0 = not supported.
    pub flops_per_clock_per_unit: [f64; sys::ROOF_PRECISION_COUNT],
    /// Device memory capacity; > 0.
    pub memory_bytes: f64,
    /// DRAM bandwidth; > 0.
    pub dram_bytes_per_s: f64,
    /// Last-level cache; 0 = unknown.
    pub l2_bytes: f64,
    /// Scale-up link (NVLink, IF, ICI), per direction per device; 0 = none.
    pub interconnect_bytes_per_s: f64,
    /// Devices the scale-up link joins (8 for HGX, 72 for NVL72); 0 = unknown.
    pub scaleup_domain: u32,
    /// FP16 with FP16 accumulation where faster; 0 = same as FP16.
    pub fp16_acc16_flops_per_clock_per_unit: f64,
    /// FP8 with FP16 accumulation where faster; 0 = same as FP8.
    pub fp8_acc16_flops_per_clock_per_unit: f64,
    /// Scale-out network per device per direction; 0 = unknown.
    pub scaleout_bytes_per_s: f64,
}

impl Hardware {
    /// A built-in device by name or alias ("a6000", "rtx-a6000",
    /// "a6000@2100" for the 2100 MHz clock).
    pub fn find(name: &str) -> Result<Hardware> {
        let c = c_string(name, "roof_hardware_find")?;
        let mut raw = sys::roof_hardware::default();
        // SAFETY: c is NUL-terminated; raw is a valid struct to write.
        check(
            unsafe { sys::roof_hardware_find(c.as_ptr(), &mut raw) },
            "roof_hardware_find",
        )?;
        Ok(Hardware::from_raw(&raw))
    }

    /// Built-in names closest to `name`, for "did you mean" messages.
    pub fn suggest(name: &str) -> Vec<String> {
        suggest(name, "roof_hardware_suggest", sys::roof_hardware_suggest)
    }

    /// Every built-in device, in table order.
    pub fn list() -> Result<Vec<Hardware>> {
        // SAFETY: no arguments.
        let n = unsafe { sys::roof_hardware_count() };
        (0..n)
            .map(|i| {
                let mut raw = sys::roof_hardware::default();
                // SAFETY: raw is a valid struct to write.
                check(unsafe { sys::roof_hardware_get(i, &mut raw) }, "roof_hardware_get")?;
                Ok(Hardware::from_raw(&raw))
            })
            .collect()
    }

    /// The other names built-in device `index` answers to.
    pub fn aliases(index: u32) -> Vec<String> {
        let mut out = Vec::new();
        for k in 0.. {
            // SAFETY: takes numbers, returns a static string or NULL.
            let p = unsafe { sys::roof_hardware_alias(index, k) };
            if p.is_null() {
                break;
            }
            out.push(static_str(p).to_string());
        }
        out
    }

    /// The device of a C struct (strings up to their NUL, as UTF-8).
    pub fn from_raw(r: &sys::roof_hardware) -> Hardware {
        Hardware {
            name: from_c_array(&r.name),
            label: from_c_array(&r.label),
            vendor: from_c_array(&r.vendor),
            arch: from_c_array(&r.arch),
            source: from_c_array(&r.source),
            units: r.units,
            clock_hz: r.clock_hz,
            vector_clock_hz: r.vector_clock_hz,
            flops_per_clock_per_unit: r.flops_per_clock_per_unit,
            memory_bytes: r.memory_bytes,
            dram_bytes_per_s: r.dram_bytes_per_s,
            l2_bytes: r.l2_bytes,
            interconnect_bytes_per_s: r.interconnect_bytes_per_s,
            scaleup_domain: r.scaleup_domain,
            fp16_acc16_flops_per_clock_per_unit: r.fp16_acc16_flops_per_clock_per_unit,
            fp8_acc16_flops_per_clock_per_unit: r.fp8_acc16_flops_per_clock_per_unit,
            scaleout_bytes_per_s: r.scaleout_bytes_per_s,
        }
    }

    /// The C struct; Err when a string does not fit its array.
    pub fn to_raw(&self) -> Result<sys::roof_hardware> {
        let mut r = sys::roof_hardware::default();
        to_c_array(&self.name, &mut r.name, "Hardware.name")?;
        to_c_array(&self.label, &mut r.label, "Hardware.label")?;
        to_c_array(&self.vendor, &mut r.vendor, "Hardware.vendor")?;
        to_c_array(&self.arch, &mut r.arch, "Hardware.arch")?;
        to_c_array(&self.source, &mut r.source, "Hardware.source")?;
        r.units = self.units;
        r.clock_hz = self.clock_hz;
        r.vector_clock_hz = self.vector_clock_hz;
        r.flops_per_clock_per_unit = self.flops_per_clock_per_unit;
        r.memory_bytes = self.memory_bytes;
        r.dram_bytes_per_s = self.dram_bytes_per_s;
        r.l2_bytes = self.l2_bytes;
        r.interconnect_bytes_per_s = self.interconnect_bytes_per_s;
        r.scaleup_domain = self.scaleup_domain;
        r.fp16_acc16_flops_per_clock_per_unit = self.fp16_acc16_flops_per_clock_per_unit;
        r.fp8_acc16_flops_per_clock_per_unit = self.fp8_acc16_flops_per_clock_per_unit;
        r.scaleout_bytes_per_s = self.scaleout_bytes_per_s;
        Ok(r)
    }

    /// Ok for a device the library accepts, else why not
    /// (`roof_hardware_validate`).
    pub fn validate(&self) -> Result<()> {
        let r = self.to_raw()?;
        // SAFETY: r is a valid struct.
        check(unsafe { sys::roof_hardware_validate(&r) }, "roof_hardware_validate")
    }

    /// Dense peak: units x FLOP/clock/unit x clock.
    pub fn peak_flops_per_s(&self, precision: Precision) -> Result<f64> {
        let r = self.to_raw()?;
        let mut v = 0.0;
        // SAFETY: r is a valid struct; v a valid f64 to write.
        check(
            unsafe { sys::roof_hardware_peak_flops_per_s(&r, precision.code(), &mut v) },
            "roof_hardware_peak_flops_per_s",
        )?;
        Ok(v)
    }

    /// The per-clock rate a precision's roof uses, and whether it is the
    /// FP16-accumulate one (GeForce FP16/FP8 roofs are).
    pub fn roof_rate(&self, precision: Precision) -> Result<(f64, bool)> {
        let r = self.to_raw()?;
        let (mut v, mut acc) = (0.0, 0u32);
        // SAFETY: r is a valid struct; v and acc are valid to write.
        check(
            unsafe { sys::roof_hardware_roof_rate(&r, precision.code(), &mut v, &mut acc) },
            "roof_hardware_roof_rate",
        )?;
        Ok((v, acc == sys::ROOF_ACC_FP16))
    }

    /// The same device with every clock at clock_hz.
    pub fn at_clock(&self, clock_hz: f64) -> Result<Hardware> {
        let r = self.to_raw()?;
        let mut out = sys::roof_hardware::default();
        // SAFETY: valid structs in and out.
        check(
            unsafe { sys::roof_hardware_at_clock(&r, clock_hz, &mut out) },
            "roof_hardware_at_clock",
        )?;
        Ok(Hardware::from_raw(&out))
    }

    /// The two roofs at a precision, efficiency applied (None = 1).
    pub fn ceiling(&self, precision: Precision, eff: Option<&Efficiency>) -> Result<Ceiling> {
        let r = self.to_raw()?;
        let e = eff.map(Efficiency::to_raw);
        let mut out = sys::roof_ceiling::default();
        // SAFETY: valid structs; the efficiency pointer is NULL or valid.
        check(
            unsafe { sys::roof_ceiling_from_hardware(&r, precision.code(), eff_ptr(&e), &mut out) },
            "roof_ceiling_from_hardware",
        )?;
        Ok(Ceiling::from_raw(&out))
    }

    /// A device from a hardware description file's text.
    pub fn from_json(text: &str) -> Result<Hardware> {
        let mut raw = sys::roof_hardware::default();
        let mut err = sys::roof_parse_error::default();
        // SAFETY: text is read within its length; raw and err are valid.
        let rc =
            unsafe { sys::roof_hardware_from_json(text.as_ptr() as *const c_char, text.len(), &mut raw, &mut err) };
        if rc != sys::ROOF_OK {
            return Err(parse_failure(rc, "roof_hardware_from_json", &err));
        }
        Ok(Hardware::from_raw(&raw))
    }

    /// The device as a hardware description file, which reads back to the
    /// same device.
    pub fn to_json(&self) -> Result<String> {
        let r = self.to_raw()?;
        // SAFETY: r is valid; buf/cap/len come from render.
        render("roof_hardware_to_json", |buf, cap, len| unsafe {
            sys::roof_hardware_to_json(&r, buf, cap, len)
        })
    }
}

// ---- roofline -------------------------------------------------------------

/// The roofs of one device at one precision.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ceiling {
    /// Compute roof, FLOP/s; > 0.
    pub peak_flops_per_s: f64,
    /// Memory roof, B/s; > 0.
    pub bytes_per_s: f64,
    /// Interconnect roof, B/s; >= 0, 0 = no interconnect.
    pub interconnect_bytes_per_s: f64,
}

/// The roofline verdict for one kernel.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Roofline {
    /// FLOPs, as given.
    pub flops: f64,
    /// Bytes, as given.
    pub bytes: f64,
    /// Operational intensity.
    pub flops_per_byte: f64,
    /// Ridge point of the ceiling used.
    pub ridge_flops_per_byte: f64,
    /// min(peak, bandwidth x intensity).
    pub attainable_flops_per_s: f64,
    /// flops / peak.
    pub compute_seconds: f64,
    /// bytes / bandwidth.
    pub memory_seconds: f64,
    /// Max of the two: the lower bound.
    pub seconds: f64,
    /// Memory or compute: which roof binds.
    pub bound: Bound,
}

/// A measured kernel against its roof.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measured {
    /// The model's verdict.
    pub roof: Roofline,
    /// As measured.
    pub seconds: f64,
    /// flops / seconds.
    pub achieved_flops_per_s: f64,
    /// bytes / seconds.
    pub achieved_bytes_per_s: f64,
    /// Achieved / attainable FLOP/s; or roof.seconds / seconds, the same.
    pub efficiency: f64,
    /// Achieved / peak FLOP/s.
    pub compute_fraction: f64,
    /// Achieved / peak bandwidth.
    pub memory_fraction: f64,
    /// The label: roof.bound.
    pub bound: Bound,
}

impl Ceiling {
    /// The roofs of a C struct.
    pub fn from_raw(r: &sys::roof_ceiling) -> Ceiling {
        Ceiling {
            peak_flops_per_s: r.peak_flops_per_s,
            bytes_per_s: r.bytes_per_s,
            interconnect_bytes_per_s: r.interconnect_bytes_per_s,
        }
    }

    /// The C struct.
    pub fn to_raw(&self) -> sys::roof_ceiling {
        sys::roof_ceiling {
            peak_flops_per_s: self.peak_flops_per_s,
            bytes_per_s: self.bytes_per_s,
            interconnect_bytes_per_s: self.interconnect_bytes_per_s,
        }
    }

    /// I* = peak / bandwidth.
    pub fn ridge_flops_per_byte(&self) -> Result<f64> {
        let mut v = 0.0;
        // SAFETY: valid struct and f64 to write.
        check(
            unsafe { sys::roof_ridge_flops_per_byte(&self.to_raw(), &mut v) },
            "roof_ridge_flops_per_byte",
        )?;
        Ok(v)
    }

    /// The verdict for a kernel of `flops` moving `bytes`.
    pub fn eval(&self, flops: f64, bytes: f64) -> Result<Roofline> {
        let mut out = sys::roof_roofline::default();
        // SAFETY: valid structs in and out.
        check(
            unsafe { sys::roof_roofline_eval(&self.to_raw(), flops, bytes, &mut out) },
            "roof_roofline_eval",
        )?;
        Roofline::from_raw(&out)
    }

    /// A measured kernel: achieved rates, efficiency, label.
    pub fn measure(&self, flops: f64, bytes: f64, seconds: f64) -> Result<Measured> {
        let mut out = sys::roof_measured::default();
        // SAFETY: valid structs in and out.
        check(
            unsafe { sys::roof_measured_eval(&self.to_raw(), flops, bytes, seconds, &mut out) },
            "roof_measured_eval",
        )?;
        Ok(Measured {
            roof: Roofline::from_raw(&out.roof)?,
            seconds: out.seconds,
            achieved_flops_per_s: out.achieved_flops_per_s,
            achieved_bytes_per_s: out.achieved_bytes_per_s,
            efficiency: out.efficiency,
            compute_fraction: out.compute_fraction,
            memory_fraction: out.memory_fraction,
            bound: Bound::decode(out.bound)?,
        })
    }
}

impl Roofline {
    /// The verdict of a C struct; Err for a bound unknown to these bindings.
    pub fn from_raw(r: &sys::roof_roofline) -> Result<Roofline> {
        Ok(Roofline {
            flops: r.flops,
            bytes: r.bytes,
            flops_per_byte: r.flops_per_byte,
            ridge_flops_per_byte: r.ridge_flops_per_byte,
            attainable_flops_per_s: r.attainable_flops_per_s,
            compute_seconds: r.compute_seconds,
            memory_seconds: r.memory_seconds,
            seconds: r.seconds,
            bound: Bound::decode(r.bound)?,
        })
    }
}

/// One memory level of a hierarchical roofline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Level {
    /// Bytes moved at this level; >= 0.
    pub bytes: f64,
    /// Bandwidth of this level, B/s; > 0.
    pub bytes_per_s: f64,
}

/// The hierarchical verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Hierarchy {
    /// As given.
    pub flops: f64,
    /// flops / peak.
    pub compute_seconds: f64,
    /// One entry per level given.
    pub level_seconds: Vec<f64>,
    /// Intensity at each level given; 0 where a level moves 0 B.
    pub level_flops_per_byte: Vec<f64>,
    /// The largest of compute_seconds and the level times.
    pub seconds: f64,
    /// flops / seconds.
    pub attainable_flops_per_s: f64,
    /// The level that binds; None when compute binds.
    pub binding_level: Option<usize>,
}

/// Hierarchical roofline: one compute roof and up to 8 memory levels.
pub fn hierarchy(peak_flops_per_s: f64, flops: f64, levels: &[Level]) -> Result<Hierarchy> {
    let raw: Vec<sys::roof_level> = levels
        .iter()
        .map(|l| sys::roof_level {
            bytes: l.bytes,
            bytes_per_s: l.bytes_per_s,
        })
        .collect();
    let n = to_u32(raw.len(), "roof_hierarchy_eval")?;
    let mut out = sys::roof_hierarchy::default();
    // SAFETY: raw holds n levels; out is a valid struct to write.
    check(
        unsafe { sys::roof_hierarchy_eval(peak_flops_per_s, flops, raw.as_ptr(), n, &mut out) },
        "roof_hierarchy_eval",
    )?;
    let count = (out.level_count as usize).min(sys::ROOF_MAX_LEVELS);
    Ok(Hierarchy {
        flops: out.flops,
        compute_seconds: out.compute_seconds,
        level_seconds: out.level_seconds[..count].to_vec(),
        level_flops_per_byte: out.level_flops_per_byte[..count].to_vec(),
        seconds: out.seconds,
        attainable_flops_per_s: out.attainable_flops_per_s,
        binding_level: if out.binding_level == sys::ROOF_LEVEL_COMPUTE {
            None
        } else {
            Some(out.binding_level as usize)
        },
    })
}

// ---- models ---------------------------------------------------------------

/// A transformer (`roof_model`).
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Preset name: "llama-2-13b".
    pub name: String,
    /// Where the configuration is from.
    pub source: String,
    /// Hidden size (d_model); > 0.
    pub hidden: u32,
    /// Decoder layers; > 0.
    pub layers: u32,
    /// Query heads; > 0.
    pub heads: u32,
    /// K/V heads (GQA/MQA); divides heads.
    pub kv_heads: u32,
    /// Dimension of one head; > 0, not always hidden / heads.
    pub head_dim: u32,
    /// Dense MLP width (or 0 for pure MoE).
    pub intermediate: u32,
    /// Vocabulary size; > 0.
    pub vocab: u32,
    /// MLP kind.
    pub mlp: Mlp,
    /// Normalisation kind.
    pub norm: Norm,
    /// Position encoding.
    pub position: Position,
    /// Routed experts; 0 = dense model.
    pub experts: u32,
    /// Top-k; 1..experts when experts > 0.
    pub experts_per_token: u32,
    /// Width of one routed expert.
    pub expert_intermediate: u32,
    /// Always-active experts (0 = none).
    pub shared_experts: u32,
    /// Width of one shared expert.
    pub shared_intermediate: u32,
    /// 1 = lm_head shares embed's weights.
    pub tied_embeddings: u32,
    /// Attention window; 0 = full context.
    pub sliding_window: u32,
    /// Trained context length; 0 = unknown.
    pub max_context: u32,
    /// Released weight width (16 for bf16).
    pub native_bits: u32,
}

/// Parameter counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ModelParams {
    /// Vocab x hidden (+ positions when learned).
    pub embedding: f64,
    /// Attention + MLP (all experts) + norms.
    pub per_layer: f64,
    /// Per token: top-k + shared experts only.
    pub active_per_layer: f64,
    /// 0 when tied.
    pub lm_head: f64,
    /// Embedding + layers x per_layer + final norm + lm_head.
    pub total: f64,
    /// Parameters one token touches.
    pub active: f64,
}

impl Model {
    /// A built-in preset by name or alias ("llama-2-13b").
    pub fn find(name: &str) -> Result<Model> {
        let c = c_string(name, "roof_model_find")?;
        let mut raw = sys::roof_model::default();
        // SAFETY: c is NUL-terminated; raw is a valid struct to write.
        check(unsafe { sys::roof_model_find(c.as_ptr(), &mut raw) }, "roof_model_find")?;
        Model::from_raw(&raw)
    }

    /// Built-in names closest to `name`, for "did you mean" messages.
    pub fn suggest(name: &str) -> Vec<String> {
        suggest(name, "roof_model_suggest", sys::roof_model_suggest)
    }

    /// The presets this struct can describe (see `from_raw`).
    pub fn list() -> Result<Vec<Model>> {
        // SAFETY: no arguments.
        let n = unsafe { sys::roof_model_count() };
        let mut out = Vec::new();
        for i in 0..n {
            let mut raw = sys::roof_model::default();
            // SAFETY: raw is a valid struct to write.
            check(unsafe { sys::roof_model_get(i, &mut raw) }, "roof_model_get")?;
            if Model::describes(&raw) {
                out.push(Model::from_raw(&raw)?);
            }
        }
        Ok(out)
    }

    /// Whether this struct holds all of `r`: not yet its layer groups,
    /// latent or recurrent mixers, or attention's small terms.
    fn describes(r: &sys::roof_model) -> bool {
        r.group_count == 0 && r.attn_extras == 0
    }

    /// A model from the text of a HuggingFace config.json.
    pub fn from_config(text: &str) -> Result<Model> {
        let mut raw = sys::roof_model::default();
        let mut err = sys::roof_parse_error::default();
        // SAFETY: text is read within its length; raw and err are valid.
        let rc = unsafe { sys::roof_model_from_json(text.as_ptr() as *const c_char, text.len(), &mut raw, &mut err) };
        if rc != sys::ROOF_OK {
            return Err(parse_failure(rc, "roof_model_from_json", &err));
        }
        Model::from_raw(&raw)
    }

    /// A model from a config.json file.
    pub fn from_config_file<P: AsRef<Path>>(path: P) -> Result<Model> {
        let text = std::fs::read_to_string(path.as_ref()).map_err(|e| {
            Error::binding(
                Status::Missing,
                "Model::from_config_file",
                format!("{}: {}", path.as_ref().display(), e),
            )
        })?;
        Model::from_config(&text)
    }

    /// The model as a HuggingFace-style config.json, which reads back with
    /// [`Model::from_config`] to the same model.
    pub fn to_json(&self) -> Result<String> {
        let r = self.to_raw()?;
        // SAFETY: r is valid; buf/cap/len come from render.
        render("roof_model_to_json", |buf, cap, len| unsafe {
            sys::roof_model_to_json(&r, buf, cap, len)
        })
    }

    /// Ok for a model the library accepts, else why not
    /// (`roof_model_validate`).
    pub fn validate(&self) -> Result<()> {
        let r = self.to_raw()?;
        // SAFETY: r is a valid struct.
        check(unsafe { sys::roof_model_validate(&r) }, "roof_model_validate")
    }

    /// Parameter counts.
    pub fn params(&self) -> Result<ModelParams> {
        let r = self.to_raw()?;
        let mut p = sys::roof_model_params::default();
        // SAFETY: valid structs in and out.
        check(
            unsafe { sys::roof_model_param_count(&r, &mut p) },
            "roof_model_param_count",
        )?;
        Ok(ModelParams {
            embedding: p.embedding,
            per_layer: p.per_layer,
            active_per_layer: p.active_per_layer,
            lm_head: p.lm_head,
            total: p.total,
            active: p.active,
        })
    }

    /// `ROOF_E_UNSUPPORTED` for a model with what this struct cannot hold
    /// yet (layer groups, attention's small terms): refused, never
    /// flattened into a different model.
    pub fn from_raw(r: &sys::roof_model) -> Result<Model> {
        if !Model::describes(r) {
            return Err(Error::new(sys::ROOF_E_UNSUPPORTED, "Model::from_raw"));
        }
        Ok(Model {
            name: from_c_array(&r.name),
            source: from_c_array(&r.source),
            hidden: r.hidden,
            layers: r.layers,
            heads: r.heads,
            kv_heads: r.kv_heads,
            head_dim: r.head_dim,
            intermediate: r.intermediate,
            vocab: r.vocab,
            mlp: Mlp::decode(r.mlp)?,
            norm: Norm::decode(r.norm)?,
            position: Position::decode(r.position)?,
            experts: r.experts,
            experts_per_token: r.experts_per_token,
            expert_intermediate: r.expert_intermediate,
            shared_experts: r.shared_experts,
            shared_intermediate: r.shared_intermediate,
            tied_embeddings: r.tied_embeddings,
            sliding_window: r.sliding_window,
            max_context: r.max_context,
            native_bits: r.native_bits,
        })
    }

    /// The C struct; Err when a string does not fit its array.
    pub fn to_raw(&self) -> Result<sys::roof_model> {
        let mut r = sys::roof_model::default();
        to_c_array(&self.name, &mut r.name, "Model.name")?;
        to_c_array(&self.source, &mut r.source, "Model.source")?;
        r.hidden = self.hidden;
        r.layers = self.layers;
        r.heads = self.heads;
        r.kv_heads = self.kv_heads;
        r.head_dim = self.head_dim;
        r.intermediate = self.intermediate;
        r.vocab = self.vocab;
        r.mlp = self.mlp.code();
        r.norm = self.norm.code();
        r.position = self.position.code();
        r.experts = self.experts;
        r.experts_per_token = self.experts_per_token;
        r.expert_intermediate = self.expert_intermediate;
        r.shared_experts = self.shared_experts;
        r.shared_intermediate = self.shared_intermediate;
        r.tied_embeddings = self.tied_embeddings;
        r.sliding_window = self.sliding_window;
        r.max_context = self.max_context;
        r.native_bits = self.native_bits;
        Ok(r)
    }
}

// ---- operators ------------------------------------------------------------

/// One step of work (`roof_workload`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Workload {
    /// Sequences; > 0.
    pub batch: u32,
    /// Per sequence; > 0.
    pub new_tokens: u32,
    /// Per sequence; >= 0.
    pub cached_tokens: u32,
    /// Bits per weight, 1..64; 16 for fp16/bf16 weights.
    pub weight_bits: u32,
    /// Bits per activation, 1..64.
    pub activation_bits: u32,
    /// Bits per KV cache entry, 1..64.
    pub kv_bits: u32,
    /// Weights per scale; 0 = no scales.
    pub quant_group: u32,
    /// Bits per group (scale + zero point).
    pub scale_bits: u32,
    /// Attention as three kernels or one fused one.
    pub attention: Attention,
    /// Precision the matmuls run at.
    pub precision: Precision,
    /// Devices sharing each layer; > 0, divides heads and kv_heads (or kv_heads < t and t % kv_heads == 0: K/V replicated).
    pub tensor_parallel: u32,
}

impl Workload {
    /// A prefill of seq_tokens per sequence, with the library's defaults.
    pub fn prefill(batch: u32, seq_tokens: u32) -> Result<Workload> {
        let mut r = sys::roof_workload::default();
        // SAFETY: r is a valid struct to write.
        check(
            unsafe { sys::roof_workload_prefill(batch, seq_tokens, &mut r) },
            "roof_workload_prefill",
        )?;
        Workload::from_raw(&r)
    }

    /// A decode step after cached_tokens per sequence.
    pub fn decode(batch: u32, cached_tokens: u32) -> Result<Workload> {
        let mut r = sys::roof_workload::default();
        // SAFETY: r is a valid struct to write.
        check(
            unsafe { sys::roof_workload_decode(batch, cached_tokens, &mut r) },
            "roof_workload_decode",
        )?;
        Workload::from_raw(&r)
    }

    /// Ok for a workload the library accepts, else why not
    /// (`roof_workload_validate`).
    pub fn validate(&self) -> Result<()> {
        // SAFETY: a valid struct.
        check(
            unsafe { sys::roof_workload_validate(&self.to_raw()) },
            "roof_workload_validate",
        )
    }

    /// The workload of a C struct; Err for an enum value unknown to these
    /// bindings.
    pub fn from_raw(r: &sys::roof_workload) -> Result<Workload> {
        Ok(Workload {
            batch: r.batch,
            new_tokens: r.new_tokens,
            cached_tokens: r.cached_tokens,
            weight_bits: r.weight_bits,
            activation_bits: r.activation_bits,
            kv_bits: r.kv_bits,
            quant_group: r.quant_group,
            scale_bits: r.scale_bits,
            attention: Attention::decode(r.attention)?,
            precision: Precision::decode(r.precision)?,
            tensor_parallel: r.tensor_parallel,
        })
    }

    /// The C struct.
    pub fn to_raw(&self) -> sys::roof_workload {
        sys::roof_workload {
            batch: self.batch,
            new_tokens: self.new_tokens,
            cached_tokens: self.cached_tokens,
            weight_bits: self.weight_bits,
            activation_bits: self.activation_bits,
            kv_bits: self.kv_bits,
            quant_group: self.quant_group,
            scale_bits: self.scale_bits,
            attention: self.attention.code(),
            precision: self.precision.code(),
            tensor_parallel: self.tensor_parallel,
            reserved: [0; 5],
        }
    }
}

/// One operator of one step, per device.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Op {
    /// Which operator.
    pub id: OpId,
    /// What kind of work it is.
    pub op_class: OpClass,
    /// Once per layer or once per step.
    pub scope: Scope,
    /// Precision its roofline used.
    pub precision: Precision,
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
    /// GEMM shape for matmuls (C[m x n] = A[m x k] B[k x n], gemm_batch independent products); all 0 for other operators.
    pub gemm_m: f64,
    /// GEMM shape: n (0 for operators that are not matmuls).
    pub gemm_n: f64,
    /// GEMM shape: k (0 for operators that are not matmuls).
    pub gemm_k: f64,
    /// GEMM shape: independent products (0 for operators that are not matmuls).
    pub gemm_batch: f64,
    /// On the device given; seconds include the interconnect time for comm operators.
    pub roofline: Roofline,
    /// The calibrated time model's prediction, in seconds.
    pub expected_seconds: f64,
    /// The layer group the operator belongs to.
    pub group: u32,
}

impl Op {
    /// "q_proj", "qk_matmul", ...
    pub fn name(&self) -> &'static str {
        self.id.name()
    }

    fn from_raw(r: &sys::roof_op) -> Result<Op> {
        Ok(Op {
            id: OpId::decode(r.id)?,
            op_class: OpClass::decode(r.op_class)?,
            scope: Scope::decode(r.scope)?,
            precision: Precision::decode(r.precision)?,
            flops: r.flops,
            bytes: r.bytes,
            weight_bytes: r.weight_bytes,
            act_read_bytes: r.act_read_bytes,
            act_write_bytes: r.act_write_bytes,
            kv_read_bytes: r.kv_read_bytes,
            kv_write_bytes: r.kv_write_bytes,
            comm_bytes: r.comm_bytes,
            gemm_m: r.gemm_m,
            gemm_n: r.gemm_n,
            gemm_k: r.gemm_k,
            gemm_batch: r.gemm_batch,
            roofline: Roofline::from_raw(&r.roofline)?,
            expected_seconds: r.expected_seconds,
            group: r.group,
        })
    }
}

/// Sums over a set of operators.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sum {
    /// FLOPs of the operators.
    pub flops: f64,
    /// DRAM bytes of the operators.
    pub bytes: f64,
    /// Weight bytes read.
    pub weight_bytes: f64,
    /// Read + written.
    pub act_bytes: f64,
    /// Read + written.
    pub kv_bytes: f64,
    /// Interconnect bytes.
    pub comm_bytes: f64,
    /// Sum of the operators' compute bounds.
    pub compute_seconds: f64,
    /// Sum of the memory bounds.
    pub memory_seconds: f64,
    /// Interconnect time.
    pub comm_seconds: f64,
    /// Sum of the operators' time bounds.
    pub seconds: f64,
    /// Sum of the operators' expected (calibrated) times, in seconds.
    pub expected_seconds: f64,
    /// Indexed by [`Bound::code`].
    pub bound_seconds: [f64; 4],
    /// The bound with the most seconds.
    pub bound: Bound,
    /// The slowest operator.
    pub dominant_op: OpId,
}

impl Sum {
    fn from_raw(r: &sys::roof_sum) -> Result<Sum> {
        Ok(Sum {
            flops: r.flops,
            bytes: r.bytes,
            weight_bytes: r.weight_bytes,
            act_bytes: r.act_bytes,
            kv_bytes: r.kv_bytes,
            comm_bytes: r.comm_bytes,
            compute_seconds: r.compute_seconds,
            memory_seconds: r.memory_seconds,
            comm_seconds: r.comm_seconds,
            seconds: r.seconds,
            expected_seconds: r.expected_seconds,
            bound_seconds: r.bound_seconds,
            bound: Bound::decode(r.bound)?,
            dominant_op: OpId::decode(r.dominant_op)?,
        })
    }
}

/// One layer, and the whole model (layers x layer + embed, final norm and
/// lm_head).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Totals {
    /// One layer.
    pub layer: Sum,
    /// layers x layer + embed, final_norm and lm_head.
    pub model: Sum,
    /// The calibration profile's per-step engine time (not in
    /// `model.expected_seconds`).
    pub overhead_seconds: f64,
}

/// Every operator of one step and their totals.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The layer operators in execution order, then embed, final_norm and lm_head.
    pub ops: Vec<Op>,
    /// Their totals: one layer, and the whole model.
    pub totals: Totals,
}

/// Every operator of one step of `model` on `hw`; `eff` None is the pure
/// roofline.
pub fn ops(model: &Model, workload: &Workload, hw: &Hardware, eff: Option<&Efficiency>) -> Result<Step> {
    let m = model.to_raw()?;
    let w = workload.to_raw();
    let h = hw.to_raw()?;
    let e = eff.map(Efficiency::to_raw);
    let mut raw = [sys::roof_op::default(); sys::ROOF_MAX_OPS];
    let mut n = 0u32;
    let mut t = sys::roof_totals::default();
    // SAFETY: valid structs; raw has room for ROOF_MAX_OPS operators.
    check(
        unsafe {
            sys::roof_ops(
                &m,
                &w,
                &h,
                eff_ptr(&e),
                raw.as_mut_ptr(),
                sys::ROOF_MAX_OPS as u32,
                &mut n,
                &mut t,
            )
        },
        "roof_ops",
    )?;
    let n = (n as usize).min(sys::ROOF_MAX_OPS);
    Ok(Step {
        ops: raw[..n].iter().map(Op::from_raw).collect::<Result<Vec<Op>>>()?,
        totals: Totals {
            layer: Sum::from_raw(&t.layer)?,
            model: Sum::from_raw(&t.model)?,
            overhead_seconds: t.overhead_seconds,
        },
    })
}

/// The totals [`ops`] gives for the same step, bit for bit, without the
/// operator records (`roof_step`): what a scheduler asks for each
/// candidate batch.  `eff` None is the pure roofline.
pub fn step_totals(model: &Model, workload: &Workload, hw: &Hardware, eff: Option<&Efficiency>) -> Result<Totals> {
    let m = model.to_raw()?;
    let w = workload.to_raw();
    let h = hw.to_raw()?;
    let e = eff.map(Efficiency::to_raw);
    let mut t = sys::roof_totals::default();
    // SAFETY: valid structs in and out; the efficiency pointer is NULL or valid.
    check(unsafe { sys::roof_step(&m, &w, &h, eff_ptr(&e), &mut t) }, "roof_step")?;
    Ok(Totals {
        layer: Sum::from_raw(&t.layer)?,
        model: Sum::from_raw(&t.model)?,
        overhead_seconds: t.overhead_seconds,
    })
}

// ---- prepared plans -------------------------------------------------------

/// One sequence of a mixed step (`roof_seq`): `new_tokens` fed on
/// `cached_tokens` already in its KV cache.
pub type Seq = sys::roof_seq;

/// The answer about one step, per device (`roof_step_result`): the C
/// struct itself, so that a step converts nothing.  `bound` is a
/// `roof_bound` and `dominant_op` a `roof_op_id` as numbers.
pub type StepResult = sys::roof_step_result;

/// The best steady decode of a plan at one context (`roof_throughput`).
pub type Throughput = sys::roof_throughput;

/// Which time an inverse question compares with its budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The roofline bound: never over-promises.
    Bound,
    /// The calibrated expected time plus the per-step overhead.
    Expected,
}

impl Basis {
    fn raw(self) -> u32 {
        match self {
            Basis::Bound => sys::ROOF_BASIS_BOUND,
            Basis::Expected => sys::ROOF_BASIS_EXPECTED,
        }
    }
}

/// A prepared plan (`roof_plan_init`): the model, the device, the built-in
/// calibration profile and the workload's widths validated once; each
/// step after that is one C call with no allocation.  A plan is read-only
/// after [`Plan::new`], so `&Plan` may be shared between threads.
/// docs/plan.md.
pub struct Plan {
    raw: Box<sys::roof_plan>,
}

impl Plan {
    /// Prepares a plan for `model` on `hw` with the widths, precision,
    /// attention and tensor parallelism of `workload` (its batch and token
    /// counts are ignored).
    pub fn new(model: &Model, workload: &Workload, hw: &Hardware) -> Result<Plan> {
        let m = model.to_raw()?;
        let w = workload.to_raw();
        let h = hw.to_raw()?;
        // SAFETY: roof_plan is plain data (numbers and byte arrays), for
        // which all zero bytes are a valid value.
        let mut raw: Box<sys::roof_plan> = Box::new(unsafe { std::mem::zeroed() });
        // SAFETY: valid structs in; a NULL profile is the built-in one.
        check(unsafe { sys::roof_plan_init(&m, &w, &h, std::ptr::null(), &mut *raw) }, "roof_plan_init")?;
        Ok(Plan { raw })
    }

    /// A uniform step: `batch` sequences of `new_tokens` on
    /// `cached_tokens` (`roof_plan_step`); `roof_step`'s model totals.
    pub fn step(&self, batch: u32, new_tokens: u32, cached_tokens: u32) -> Result<StepResult> {
        let mut r = StepResult::default();
        // SAFETY: a plan made by roof_plan_init; r is a valid output.
        check(unsafe { sys::roof_plan_step(&*self.raw, batch, new_tokens, cached_tokens, &mut r) }, "roof_plan_step")?;
        Ok(r)
    }

    /// A mixed step of `seqs` (`roof_plan_step_mixed`): projections and MLP
    /// on all their tokens, attention per sequence.
    pub fn step_mixed(&self, seqs: &[Seq]) -> Result<StepResult> {
        let n = to_u32(seqs.len(), "roof_plan_step_mixed")?;
        let mut r = StepResult::default();
        // SAFETY: seqs points to n valid roof_seq; r is a valid output.
        check(unsafe { sys::roof_plan_step_mixed(&*self.raw, seqs.as_ptr(), n, &mut r) }, "roof_plan_step_mixed")?;
        Ok(r)
    }

    /// lm_head on every new token (speculative verification) when `all`,
    /// else on each sequence's last token.
    pub fn set_logits_all(&mut self, all: bool) {
        self.raw.logits = if all { sys::ROOF_LOGITS_ALL } else { sys::ROOF_LOGITS_LAST };
    }

    /// The largest decode batch at `cached_tokens` within `budget_seconds`
    /// per step, and its step; [`Status::DoesNotFit`] when none.
    pub fn max_decode_batch(&self, cached_tokens: u32, budget_seconds: f64, basis: Basis) -> Result<(u32, StepResult)> {
        let (mut b, mut r) = (0u32, StepResult::default());
        // SAFETY: a valid plan; valid outputs.
        check(unsafe { sys::roof_plan_max_decode_batch(&*self.raw, cached_tokens, budget_seconds, basis.raw(), &mut b, &mut r) }, "roof_plan_max_decode_batch")?;
        Ok((b, r))
    }

    /// The largest prefill chunk (on `chunk_cached` cached tokens) beside
    /// `seqs` within `budget_seconds`, and its step.
    pub fn max_chunk(&self, seqs: &[Seq], chunk_cached: u32, budget_seconds: f64, basis: Basis) -> Result<(u32, StepResult)> {
        let n = to_u32(seqs.len(), "roof_plan_max_chunk")?;
        let (mut c, mut r) = (0u32, StepResult::default());
        // SAFETY: seqs points to n valid roof_seq; valid outputs.
        check(unsafe { sys::roof_plan_max_chunk(&*self.raw, seqs.as_ptr(), n, chunk_cached, budget_seconds, basis.raw(), &mut c, &mut r) }, "roof_plan_max_chunk")?;
        Ok((c, r))
    }

    /// The highest decode throughput per device at `cached_tokens` under a
    /// TPOT target and the device memory, with its batch.
    pub fn max_decode_throughput(&self, cached_tokens: u32, tpot_seconds: f64, basis: Basis) -> Result<Throughput> {
        let mut t = Throughput::default();
        // SAFETY: a valid plan; a valid output.
        check(unsafe { sys::roof_plan_max_decode_throughput(&*self.raw, cached_tokens, tpot_seconds, basis.raw(), &mut t) }, "roof_plan_max_decode_throughput")?;
        Ok(t)
    }

    /// (MFU, memory-bandwidth utilization) of `result` measured at
    /// `measured_seconds`.
    pub fn utilization(&self, result: &StepResult, measured_seconds: f64) -> Result<(f64, f64)> {
        let (mut mfu, mut mbu) = (0.0, 0.0);
        // SAFETY: valid inputs and outputs.
        check(unsafe { sys::roof_plan_utilization(&*self.raw, result, measured_seconds, &mut mfu, &mut mbu) }, "roof_plan_utilization")?;
        Ok((mfu, mbu))
    }
}

// ---- estimates ------------------------------------------------------------

/// A request: batch x (prompt, then generated tokens).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Request {
    /// new_tokens and cached_tokens are ignored.
    pub workload: Workload,
    /// Prompt tokens per sequence; > 0.
    pub prompt_tokens: u32,
    /// Generated tokens per sequence; > 0.
    pub gen_tokens: u32,
    /// Stages; > 0, at most layers.
    pub pipeline_parallel: u32,
    /// Pipeline micro-batches per batch; > 0.
    pub microbatches: u32,
    /// Applied to every step; all 1 is the pure roofline.
    pub efficiency: Efficiency,
    /// Fraction of memory kept free for the runtime (0 .. <1); 0 = none.
    pub activation_reserve: f64,
}

impl Request {
    /// A request with the library's defaults (16-bit, no parallelism).
    pub fn new(batch: u32, prompt_tokens: u32, gen_tokens: u32) -> Result<Request> {
        let mut r = sys::roof_request::default();
        // SAFETY: r is a valid struct to write.
        check(
            unsafe { sys::roof_request_init(batch, prompt_tokens, gen_tokens, &mut r) },
            "roof_request_init",
        )?;
        Ok(Request {
            workload: Workload::from_raw(&r.workload)?,
            prompt_tokens: r.prompt_tokens,
            gen_tokens: r.gen_tokens,
            pipeline_parallel: r.pipeline_parallel,
            microbatches: r.microbatches,
            efficiency: Efficiency::from_raw(&r.efficiency),
            activation_reserve: r.activation_reserve,
        })
    }

    /// The C struct.
    pub fn to_raw(&self) -> sys::roof_request {
        sys::roof_request {
            workload: self.workload.to_raw(),
            prompt_tokens: self.prompt_tokens,
            gen_tokens: self.gen_tokens,
            pipeline_parallel: self.pipeline_parallel,
            microbatches: self.microbatches,
            efficiency: self.efficiency.to_raw(),
            activation_reserve: self.activation_reserve,
            reserved: [0; 4],
        }
    }

    /// Ok for a request the library accepts, else why not
    /// (`roof_request_validate`).
    pub fn validate(&self) -> Result<()> {
        // SAFETY: a valid struct.
        check(
            unsafe { sys::roof_request_validate(&self.to_raw()) },
            "roof_request_validate",
        )
    }
}

/// Memory on one device, in bytes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Memory {
    /// Its shard of the weights.
    pub weight_bytes: f64,
    /// KV cache for batch x (prompt + gen).
    pub kv_bytes: f64,
    /// Peak transient activations.
    pub activation_bytes: f64,
    /// Weight + KV + activation bytes.
    pub total_bytes: f64,
    /// Usable: memory x (1 - reserve).
    pub capacity_bytes: f64,
    /// total_bytes <= capacity_bytes.
    pub fits: bool,
}

impl Memory {
    fn from_raw(r: &sys::roof_memory) -> Memory {
        Memory {
            weight_bytes: r.weight_bytes,
            kv_bytes: r.kv_bytes,
            activation_bytes: r.activation_bytes,
            total_bytes: r.total_bytes,
            capacity_bytes: r.capacity_bytes,
            fits: r.fits != 0,
        }
    }
}

/// Model-level answers for a request.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// Prefill of the prompt, lm_head included.
    pub ttft_seconds: f64,
    /// Mean decode step over the generation; 0 when gen_tokens == 1.
    pub tpot_seconds: f64,
    /// The first decode step.
    pub first_tpot_seconds: f64,
    /// The last decode step.
    pub last_tpot_seconds: f64,
    /// All decode steps.
    pub decode_seconds: f64,
    /// ttft_seconds + decode_seconds.
    pub e2e_seconds: f64,
    /// gen_tokens / e2e_seconds.
    pub tokens_per_s_per_seq: f64,
    /// batch x gen_tokens / e2e_seconds.
    pub tokens_per_s: f64,
    /// batch / tpot_seconds, in steady decode.
    pub decode_tokens_per_s: f64,
    /// All-reduce time per layer in a decode step; 0 without tensor parallelism.
    pub allreduce_seconds_per_layer: f64,
    /// (p-1)/(m+p-1) for p stages and m microbatches; 0 without pipeline parallelism.
    pub pipeline_bubble_fraction: f64,
    /// Memory per device.
    pub memory: Memory,
    /// Largest batch that fits at this context; 0 when not even the weights fit.
    pub max_batch: u32,
    /// Longest prompt+gen that fits at this batch; 0 when none.
    pub max_context: u32,
    /// What bounds the prefill step.
    pub prefill_bound: Bound,
    /// What bounds the first decode step (the step at context prompt_tokens, computed even when gen_tokens == 1).
    pub decode_bound: Bound,
    /// The operator taking the most time in the prefill step.
    pub prefill_dominant_op: OpId,
    /// The operator taking the most time in the decode step.
    pub decode_dominant_op: OpId,
    /// Calibrated time to first token (with the step overhead), seconds.
    pub expected_ttft_seconds: f64,
    /// Calibrated mean time per output token, seconds.
    pub expected_tpot_seconds: f64,
    /// Calibrated end-to-end time, seconds.
    pub expected_e2e_seconds: f64,
    /// Calibrated throughput, tokens per second.
    pub expected_tokens_per_s: f64,
    /// Calibrated steady decode throughput, tokens per second.
    pub expected_decode_tokens_per_s: f64,
    /// Per-step engine overhead included in the expected times, seconds.
    pub overhead_seconds: f64,
}

/// Time to first token, time per output token, throughput and memory.
pub fn estimate(model: &Model, hw: &Hardware, req: &Request) -> Result<Estimate> {
    let (m, h, r) = (model.to_raw()?, hw.to_raw()?, req.to_raw());
    let mut e = sys::roof_estimate::default();
    // SAFETY: valid structs in and out.
    check(
        unsafe { sys::roof_estimate_run(&m, &h, &r, &mut e) },
        "roof_estimate_run",
    )?;
    Ok(Estimate {
        ttft_seconds: e.ttft_seconds,
        tpot_seconds: e.tpot_seconds,
        first_tpot_seconds: e.first_tpot_seconds,
        last_tpot_seconds: e.last_tpot_seconds,
        decode_seconds: e.decode_seconds,
        e2e_seconds: e.e2e_seconds,
        tokens_per_s_per_seq: e.tokens_per_s_per_seq,
        tokens_per_s: e.tokens_per_s,
        decode_tokens_per_s: e.decode_tokens_per_s,
        allreduce_seconds_per_layer: e.allreduce_seconds_per_layer,
        pipeline_bubble_fraction: e.pipeline_bubble_fraction,
        memory: Memory::from_raw(&e.memory),
        max_batch: e.max_batch,
        max_context: e.max_context,
        prefill_bound: Bound::decode(e.prefill_bound)?,
        decode_bound: Bound::decode(e.decode_bound)?,
        prefill_dominant_op: OpId::decode(e.prefill_dominant_op)?,
        decode_dominant_op: OpId::decode(e.decode_dominant_op)?,
        expected_ttft_seconds: e.expected_ttft_seconds,
        expected_tpot_seconds: e.expected_tpot_seconds,
        expected_e2e_seconds: e.expected_e2e_seconds,
        expected_tokens_per_s: e.expected_tokens_per_s,
        expected_decode_tokens_per_s: e.expected_decode_tokens_per_s,
        overhead_seconds: e.overhead_seconds,
    })
}

/// Memory alone.
pub fn memory_footprint(model: &Model, hw: &Hardware, req: &Request) -> Result<Memory> {
    let (m, h, r) = (model.to_raw()?, hw.to_raw()?, req.to_raw());
    let mut out = sys::roof_memory::default();
    // SAFETY: valid structs in and out.
    check(
        unsafe { sys::roof_memory_footprint(&m, &h, &r, &mut out) },
        "roof_memory_footprint",
    )?;
    Ok(Memory::from_raw(&out))
}

/// One point of a tensor-parallel sweep.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScalingPoint {
    /// Devices sharing each layer.
    pub tensor_parallel: u32,
    /// Pipeline stages (the request's).
    pub pipeline_parallel: u32,
    /// tensor_parallel x pipeline_parallel.
    pub devices: u32,
    /// The request fits in each device's memory.
    pub fits: bool,
    /// Time to first token.
    pub ttft_seconds: f64,
    /// Time per output token.
    pub tpot_seconds: f64,
    /// Generated tokens per second, the whole batch.
    pub tokens_per_s: f64,
    /// tpot_seconds on 1 device / tpot_seconds; 0 if 1 device does not fit.
    pub speedup: f64,
    /// speedup / devices.
    pub efficiency: f64,
    /// Calibrated time to first token, seconds.
    pub expected_ttft_seconds: f64,
    /// Calibrated time per output token, seconds.
    pub expected_tpot_seconds: f64,
    /// Calibrated throughput, tokens per second.
    pub expected_tokens_per_s: f64,
    /// Speedup from the calibrated times.
    pub expected_speedup: f64,
}

/// Tensor-parallel sweep t = 1, 2, 4, ... up to max_devices.
pub fn scaling(model: &Model, hw: &Hardware, req: &Request, max_devices: u32) -> Result<Vec<ScalingPoint>> {
    let (m, h, r) = (model.to_raw()?, hw.to_raw()?, req.to_raw());
    // t doubles: 32 points cover every u32.
    let mut out = [sys::roof_scaling_point::default(); 33];
    let mut n = 0u32;
    // SAFETY: valid structs; out has room for 33 points.
    check(
        unsafe { sys::roof_scaling(&m, &h, &r, max_devices, out.as_mut_ptr(), out.len() as u32, &mut n) },
        "roof_scaling",
    )?;
    Ok(out[..(n as usize).min(out.len())]
        .iter()
        .map(|p| ScalingPoint {
            tensor_parallel: p.tensor_parallel,
            pipeline_parallel: p.pipeline_parallel,
            devices: p.devices,
            fits: p.fits != 0,
            ttft_seconds: p.ttft_seconds,
            tpot_seconds: p.tpot_seconds,
            tokens_per_s: p.tokens_per_s,
            speedup: p.speedup,
            efficiency: p.efficiency,
            expected_ttft_seconds: p.expected_ttft_seconds,
            expected_tpot_seconds: p.expected_tpot_seconds,
            expected_tokens_per_s: p.expected_tokens_per_s,
            expected_speedup: p.expected_speedup,
        })
        .collect())
}

// ---- charts and measured kernels -------------------------------------------

/// A roof on a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartCeiling {
    /// None: the value with an SI prefix ("768GB/s").
    pub label: Option<String>,
    /// FLOP/s (compute) or B/s (memory).
    pub value: f64,
    /// A FLOP/s line or a B/s slope.
    pub kind: CeilingKind,
    /// 0xRRGGBB; None takes the palette's next colour.
    pub color: Option<u32>,
}

/// Points on a chart: x in FLOP/byte, y in FLOP/s.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend entry (UTF-8; escaped on output).
    pub label: String,
    /// x of each point, FLOP/byte.
    pub flops_per_byte: Vec<f64>,
    /// y of each point, FLOP/s; as many as x.
    pub flops_per_s: Vec<f64>,
    /// 0xRRGGBB; None takes the palette's next colour.
    pub color: Option<u32>,
    /// Marker of the points.
    pub marker: Marker,
}

/// A roofline chart; [`Chart::svg`] renders it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Chart {
    /// Title; None draws none.
    pub title: Option<String>,
    /// The roofs.
    pub ceilings: Vec<ChartCeiling>,
    /// The points.
    pub series: Vec<Series>,
    /// (min, max) FLOP/byte; (0, 0) = automatic.
    pub x_range: (f64, f64),
    /// (min, max) FLOP/s; (0, 0) = automatic.
    pub y_range: (f64, f64),
    /// 0 x 0 = 960 x 640.
    pub width_px: u32,
    /// Height in pixels; see width_px.
    pub height_px: u32,
    /// Draw a dashed vertical line at the ridge of the first compute and first memory ceiling.
    pub ridge_line: bool,
}

fn opt_c_string(s: &Option<String>) -> Result<Option<CString>> {
    s.as_ref().map(|s| c_string(s, "roof_chart_svg")).transpose()
}

fn opt_ptr(s: &Option<CString>) -> *const c_char {
    s.as_ref().map_or(ptr::null(), |s| s.as_ptr())
}

impl Chart {
    /// The chart as SVG text.
    pub fn svg(&self) -> Result<String> {
        // The C structs point into these; they live until the call returns.
        let title = opt_c_string(&self.title)?;
        let ceil_labels = self
            .ceilings
            .iter()
            .map(|c| opt_c_string(&c.label))
            .collect::<Result<Vec<Option<CString>>>>()?;
        let series_labels = self
            .series
            .iter()
            .map(|s| c_string(&s.label, "roof_chart_svg"))
            .collect::<Result<Vec<CString>>>()?;
        let mut ceilings = Vec::with_capacity(self.ceilings.len());
        for (c, label) in self.ceilings.iter().zip(&ceil_labels) {
            ceilings.push(sys::roof_chart_ceiling {
                label: opt_ptr(label),
                value: c.value,
                kind: c.kind.code(),
                color: c.color.unwrap_or(sys::ROOF_COLOR_AUTO),
            });
        }
        let mut series = Vec::with_capacity(self.series.len());
        for (s, label) in self.series.iter().zip(&series_labels) {
            if s.flops_per_byte.len() != s.flops_per_s.len() {
                return Err(Error::binding(
                    Status::Range,
                    "roof_chart_svg",
                    format!("series {:?}: x and y differ in length", s.label),
                ));
            }
            series.push(sys::roof_series {
                label: label.as_ptr(),
                flops_per_byte: s.flops_per_byte.as_ptr(),
                flops_per_s: s.flops_per_s.as_ptr(),
                count: to_u32(s.flops_per_s.len(), "roof_chart_svg")?,
                color: s.color.unwrap_or(sys::ROOF_COLOR_AUTO),
                marker: s.marker.code(),
                reserved: 0,
            });
        }
        let chart = sys::roof_chart {
            title: opt_ptr(&title),
            ceilings: if ceilings.is_empty() {
                ptr::null()
            } else {
                ceilings.as_ptr()
            },
            ceiling_count: to_u32(ceilings.len(), "roof_chart_svg")?,
            series_count: to_u32(series.len(), "roof_chart_svg")?,
            series: if series.is_empty() {
                ptr::null()
            } else {
                series.as_ptr()
            },
            x_min: self.x_range.0,
            x_max: self.x_range.1,
            y_min: self.y_range.0,
            y_max: self.y_range.1,
            width_px: self.width_px,
            height_px: self.height_px,
            ridge_line: u32::from(self.ridge_line),
            reserved: 0,
        };
        // SAFETY: every pointer in chart points into live vectors and
        // strings above; buf/cap/len come from render.
        render("roof_chart_svg", |buf, cap, len| unsafe {
            sys::roof_chart_svg(&chart, buf, cap, len)
        })
    }
}

/// One measured kernel.
#[derive(Debug, Clone, PartialEq)]
pub struct Kernel {
    /// Kernel name, truncated to fit the C array.
    pub name: String,
    /// FLOPs the kernel did.
    pub flops: f64,
    /// Bytes it moved.
    pub bytes: f64,
    /// Its measured time.
    pub seconds: f64,
}

/// Measured kernels from CSV (plain, or Nsight Compute's raw export).
pub fn kernels_from_csv(text: &str) -> Result<Vec<Kernel>> {
    let p = text.as_ptr() as *const c_char;
    let mut n = 0u32;
    let mut err = sys::roof_parse_error::default();
    // SAFETY: text is read within its length; a NULL out with cap 0 counts.
    let rc = unsafe { sys::roof_kernels_from_csv(p, text.len(), ptr::null_mut(), 0, &mut n, &mut err) };
    if rc != sys::ROOF_OK && rc != sys::ROOF_E_BUFFER_TOO_SMALL {
        return Err(parse_failure(rc, "roof_kernels_from_csv", &err));
    }
    let mut out = vec![sys::roof_kernel::default(); n as usize];
    if n > 0 {
        // SAFETY: out has room for n kernels.
        let rc = unsafe { sys::roof_kernels_from_csv(p, text.len(), out.as_mut_ptr(), n, &mut n, &mut err) };
        if rc != sys::ROOF_OK {
            return Err(parse_failure(rc, "roof_kernels_from_csv", &err));
        }
    }
    Ok(out
        .iter()
        .take(n as usize)
        .map(|k| Kernel {
            name: from_c_array(&k.name),
            flops: k.flops,
            bytes: k.bytes,
            seconds: k.seconds,
        })
        .collect())
}
