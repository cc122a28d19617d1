//! Every shared struct has the same size, and every field the same offset
//! and size, in Rust as in C.  The C side is the text printed by
//! bindings/layout.c (`struct NAME SIZE`, `field NAME.FIELD OFFSET SIZE`,
//! `const NAME VALUE`): the program named by ROOFMODEL_LAYOUT_EXE (meson
//! builds it), else one compiled here with `cc` and the include flags of
//! ROOFMODEL_INCLUDE_DIRS (colon-separated) or `pkg-config --cflags`.
//!
//! Offsets come from `addr_of!` on an uninitialised value, not
//! `offset_of!`, to stay within Rust 1.63.

use roofmodel_sys::*;
use std::collections::BTreeMap;
use std::env;
use std::mem::{size_of, MaybeUninit};
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

struct CLayout {
    structs: BTreeMap<String, usize>,
    fields: BTreeMap<String, (usize, usize)>,
    consts: BTreeMap<String, u64>,
}

fn layout_text() -> String {
    let (exe, compiled) = match env::var("ROOFMODEL_LAYOUT_EXE") {
        Ok(exe) if !exe.is_empty() => (PathBuf::from(exe), false),
        _ => (compile_layout(), true),
    };
    let out = Command::new(&exe)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {}", exe.display(), e));
    if compiled {
        let _ = std::fs::remove_file(&exe);
    }
    assert!(out.status.success(), "{} failed", exe.display());
    String::from_utf8(out.stdout).expect("layout output is not UTF-8")
}

fn compile_layout() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let source = manifest.join("../../layout.c");
    // Tests run in parallel threads: each compiles its own copy, or one
    // would execute the file while another is still writing it.
    static BUILDS: AtomicUsize = AtomicUsize::new(0);
    let n = BUILDS.fetch_add(1, Ordering::SeqCst);
    let exe = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("roof_layout_{}_{}", std::process::id(), n));
    let mut flags: Vec<String> = Vec::new();
    match env::var("ROOFMODEL_INCLUDE_DIRS") {
        Ok(dirs) if !dirs.is_empty() => {
            flags.extend(dirs.split(':').map(|d| format!("-I{}", d)));
        }
        _ => {
            let out = Command::new("pkg-config")
                .args(["--cflags", "roofmodel"])
                .output()
                .expect("set ROOFMODEL_LAYOUT_EXE or ROOFMODEL_INCLUDE_DIRS, or install pkg-config");
            assert!(out.status.success(), "pkg-config --cflags roofmodel failed");
            let text = String::from_utf8_lossy(&out.stdout).to_string();
            flags.extend(text.split_whitespace().map(str::to_string));
        }
    }
    let cc = env::var("CC").unwrap_or_else(|_| "cc".to_string());
    let status = Command::new(&cc)
        .args(&flags)
        .arg(&source)
        .arg("-o")
        .arg(&exe)
        .status()
        .unwrap_or_else(|e| panic!("cannot run {}: {}", cc, e));
    assert!(status.success(), "{} failed to build {}", cc, source.display());
    exe
}

fn c_layout() -> CLayout {
    let mut l = CLayout {
        structs: BTreeMap::new(),
        fields: BTreeMap::new(),
        consts: BTreeMap::new(),
    };
    for line in layout_text().lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        let num = |i: usize| -> u64 { words[i].parse().expect("a number") };
        match words[0] {
            "struct" => {
                l.structs.insert(words[1].to_string(), num(2) as usize);
            }
            "field" => {
                l.fields
                    .insert(words[1].to_string(), (num(2) as usize, num(3) as usize));
            }
            "const" => {
                l.consts.insert(words[1].to_string(), num(2));
            }
            other => panic!("unexpected layout line kind {}", other),
        }
    }
    l
}

fn size_of_pointee<T>(_: *const T) -> usize {
    size_of::<T>()
}

/// (struct name, its size, [(field name, offset, size)]) on the Rust side.
type RustLayout = (&'static str, usize, Vec<(&'static str, usize, usize)>);

macro_rules! rust_layout {
    ($t:ident { $($f:ident),* $(,)? }) => {{
        let u = MaybeUninit::<$t>::uninit();
        let base = u.as_ptr();
        let mut fields = Vec::new();
        $(
            // SAFETY: addr_of! computes a field address without reading
            // or creating a reference to the uninitialised value.
            let p = unsafe { std::ptr::addr_of!((*base).$f) };
            fields.push((stringify!($f), p as usize - base as usize, size_of_pointee(p)));
        )*
        let l: RustLayout = (stringify!($t), size_of::<$t>(), fields);
        l
    }};
}

fn rust_layouts() -> Vec<RustLayout> {
    vec![
        rust_layout!(roof_efficiency {
            compute,
            memory,
            interconnect,
            reserved
        }),
        rust_layout!(roof_hardware {
            name,
            label,
            vendor,
            arch,
            source,
            units,
            scaleup_domain,
            clock_hz,
            vector_clock_hz,
            flops_per_clock_per_unit,
            memory_bytes,
            dram_bytes_per_s,
            l2_bytes,
            interconnect_bytes_per_s,
            fp16_acc16_flops_per_clock_per_unit,
            fp8_acc16_flops_per_clock_per_unit,
            scaleout_bytes_per_s,
            reserved
        }),
        rust_layout!(roof_ceiling {
            peak_flops_per_s,
            bytes_per_s,
            interconnect_bytes_per_s
        }),
        rust_layout!(roof_roofline {
            flops,
            bytes,
            flops_per_byte,
            ridge_flops_per_byte,
            attainable_flops_per_s,
            compute_seconds,
            memory_seconds,
            seconds,
            bound,
            reserved
        }),
        rust_layout!(roof_measured {
            roof,
            seconds,
            achieved_flops_per_s,
            achieved_bytes_per_s,
            efficiency,
            compute_fraction,
            memory_fraction,
            bound,
            reserved
        }),
        rust_layout!(roof_level { bytes, bytes_per_s }),
        rust_layout!(roof_hierarchy {
            flops,
            compute_seconds,
            level_seconds,
            level_flops_per_byte,
            seconds,
            attainable_flops_per_s,
            level_count,
            binding_level
        }),
        rust_layout!(roof_model {
            name,
            source,
            hidden,
            layers,
            heads,
            kv_heads,
            head_dim,
            intermediate,
            vocab,
            mlp,
            norm,
            position,
            experts,
            experts_per_token,
            expert_intermediate,
            shared_experts,
            shared_intermediate,
            tied_embeddings,
            sliding_window,
            max_context,
            native_bits,
            group_count,
            attn_extras,
            q_lora_rank,
            kv_lora_rank,
            qk_rope_head_dim,
            qk_nope_head_dim,
            v_head_dim,
            ssm_heads,
            ssm_head_dim,
            ssm_state,
            ssm_groups,
            ssm_conv,
            groups,
            formats_set,
            format_layers,
            format_experts,
            format_embedding,
            format_lm_head,
            reserved
        }),
        rust_layout!(roof_layer_group {
            layers,
            mixer,
            window,
            mlp,
            dense_intermediate,
            reserved
        }),
        rust_layout!(roof_model_params {
            embedding,
            per_layer,
            active_per_layer,
            lm_head,
            total,
            active,
            reserved
        }),
        rust_layout!(roof_workload {
            batch,
            new_tokens,
            cached_tokens,
            weight_bits,
            activation_bits,
            kv_bits,
            quant_group,
            scale_bits,
            attention,
            precision,
            tensor_parallel,
            reserved
        }),
        rust_layout!(roof_op {
            id,
            op_class,
            scope,
            precision,
            flops,
            bytes,
            weight_bytes,
            act_read_bytes,
            act_write_bytes,
            kv_read_bytes,
            kv_write_bytes,
            comm_bytes,
            gemm_m,
            gemm_n,
            gemm_k,
            gemm_batch,
            roofline,
            expected_seconds,
            group,
            reserved0,
            reserved
        }),
        rust_layout!(roof_sum {
            flops,
            bytes,
            weight_bytes,
            act_bytes,
            kv_bytes,
            comm_bytes,
            compute_seconds,
            memory_seconds,
            comm_seconds,
            seconds,
            expected_seconds,
            bound_seconds,
            bound,
            dominant_op,
            reserved
        }),
        rust_layout!(roof_totals {
            layer,
            model,
            overhead_seconds,
            reserved
        }),
        rust_layout!(roof_seq {
            new_tokens,
            cached_tokens
        }),
        rust_layout!(roof_plan {
            tag,
            logits,
            reserved0,
            model,
            hardware,
            calibration,
            workload,
            prepared,
            reserved
        }),
        rust_layout!(roof_throughput {
            batch,
            limit,
            tokens_per_s,
            step_seconds,
            memory_bytes,
            step,
            reserved
        }),
        rust_layout!(roof_step_result {
            seconds,
            expected_seconds,
            overhead_seconds,
            flops,
            bytes,
            weight_bytes,
            act_bytes,
            kv_bytes,
            comm_bytes,
            compute_seconds,
            memory_seconds,
            comm_seconds,
            bound_seconds,
            tokens,
            bound,
            dominant_op,
            sequences,
            reserved0,
            reserved
        }),
        rust_layout!(roof_kernel_coef {
            floor_seconds,
            compute_fraction,
            memory_fraction,
            row_bytes_per_s,
            masked_fraction,
            reserved
        }),
        rust_layout!(roof_calibration {
            name,
            device,
            source,
            engine,
            date,
            origin,
            reserved0,
            kind,
            step_overhead_seconds,
            reserved
        }),
        rust_layout!(roof_kernel_terms {
            kind,
            reserved0,
            compute_seconds,
            memory_seconds,
            row_bytes,
            masked_extra,
            launches,
            reserved
        }),
        rust_layout!(roof_kernel_sample {
            kind,
            precision,
            flops,
            bytes,
            rows,
            masked_extra,
            launches,
            measured_seconds,
            reserved
        }),
        rust_layout!(roof_fit_quality {
            samples,
            fitted,
            median_error,
            p90_error,
            below_bound,
            reserved
        }),
        rust_layout!(roof_fit_report {
            kind,
            samples,
            bad_kind,
            median_error,
            p90_error,
            reserved
        }),
        rust_layout!(roof_online {
            warmup,
            seen,
            used,
            rejected,
            forget,
            sw,
            sx,
            sy,
            sxx,
            sxy,
            mean_abs_residual,
            reserved
        }),
        rust_layout!(roof_request {
            workload,
            prompt_tokens,
            gen_tokens,
            pipeline_parallel,
            microbatches,
            efficiency,
            activation_reserve,
            reserved
        }),
        rust_layout!(roof_memory {
            weight_bytes,
            kv_bytes,
            activation_bytes,
            total_bytes,
            capacity_bytes,
            fits,
            reserved0,
            reserved
        }),
        rust_layout!(roof_estimate {
            ttft_seconds,
            tpot_seconds,
            first_tpot_seconds,
            last_tpot_seconds,
            decode_seconds,
            e2e_seconds,
            tokens_per_s_per_seq,
            tokens_per_s,
            decode_tokens_per_s,
            allreduce_seconds_per_layer,
            pipeline_bubble_fraction,
            memory,
            max_batch,
            max_context,
            prefill_bound,
            decode_bound,
            prefill_dominant_op,
            decode_dominant_op,
            expected_ttft_seconds,
            expected_tpot_seconds,
            expected_e2e_seconds,
            expected_tokens_per_s,
            expected_decode_tokens_per_s,
            overhead_seconds,
            reserved
        }),
        rust_layout!(roof_scaling_point {
            tensor_parallel,
            pipeline_parallel,
            devices,
            fits,
            ttft_seconds,
            tpot_seconds,
            tokens_per_s,
            speedup,
            efficiency,
            expected_ttft_seconds,
            expected_tpot_seconds,
            expected_tokens_per_s,
            expected_speedup,
            reserved
        }),
        rust_layout!(roof_series {
            label,
            flops_per_byte,
            flops_per_s,
            count,
            color,
            marker,
            reserved
        }),
        rust_layout!(roof_chart_ceiling {
            label,
            value,
            kind,
            color
        }),
        rust_layout!(roof_chart {
            title,
            ceilings,
            ceiling_count,
            series_count,
            series,
            x_min,
            x_max,
            y_min,
            y_max,
            width_px,
            height_px,
            ridge_line,
            reserved
        }),
        rust_layout!(roof_parse_error {
            line,
            column,
            offset,
            message
        }),
        rust_layout!(roof_kernel {
            name,
            flops,
            bytes,
            seconds
        }),
        rust_layout!(roof_link {
            bytes_per_s,
            latency_seconds,
            reserved
        }),
        rust_layout!(roof_ep_layer {
            experts,
            top_k,
            hidden,
            ep,
            tokens,
            dispatch_bytes_per_element,
            combine_bytes_per_element,
            reserved
        }),
        rust_layout!(roof_ep_traffic {
            tokens_per_device,
            mean_load,
            max_load,
            dispatch_bytes,
            dispatch_bytes_out,
            combine_bytes,
            combine_bytes_out,
            busiest_dispatch_bytes,
            busiest_combine_bytes,
            reserved
        }),
        rust_layout!(roof_ep_point {
            tensor_parallel,
            expert_parallel,
            devices,
            link_scope,
            fits,
            moe_layers,
            dispatch_bytes,
            busiest_dispatch_bytes,
            a2a_seconds,
            expected_a2a_seconds,
            step_seconds,
            expected_step_seconds,
            tokens_per_s_per_device,
            expected_tokens_per_s_per_device,
            speedup,
            expected_speedup,
            memory_bytes,
            reserved
        }),
    ]
}

#[test]
fn structs_match_c_size_and_field_offsets() {
    let c = c_layout();
    let rust = rust_layouts();
    let names: Vec<&str> = rust.iter().map(|l| l.0).collect();
    let c_names: Vec<&str> = c.structs.keys().map(String::as_str).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, c_names, "the set of mirrored structs differs");
    for (name, size, fields) in &rust {
        assert_eq!(Some(size), c.structs.get(*name), "sizeof({})", name);
        let c_fields = c.fields.keys().filter(|k| k.starts_with(&format!("{}.", name))).count();
        assert_eq!(fields.len(), c_fields, "field count of {}", name);
        for (field, offset, fsize) in fields {
            let key = format!("{}.{}", name, field);
            assert_eq!(c.fields.get(&key), Some(&(*offset, *fsize)), "{}", key);
        }
    }
}

#[test]
fn constants_match_c() {
    let c = c_layout();
    let rust: [(&str, u64); 15] = [
        ("ROOF_HW_NAME_MAX", ROOF_HW_NAME_MAX as u64),
        ("ROOF_HW_SOURCE_MAX", ROOF_HW_SOURCE_MAX as u64),
        ("ROOF_PRECISION_COUNT", ROOF_PRECISION_COUNT as u64),
        ("ROOF_MAX_LEVELS", ROOF_MAX_LEVELS as u64),
        ("ROOF_LEVEL_COMPUTE", ROOF_LEVEL_COMPUTE as u64),
        ("ROOF_MODEL_NAME_MAX", ROOF_MODEL_NAME_MAX as u64),
        ("ROOF_MODEL_SOURCE_MAX", ROOF_MODEL_SOURCE_MAX as u64),
        ("ROOF_MAX_GROUPS", ROOF_MAX_GROUPS as u64),
        ("ROOF_OP_COUNT", ROOF_OP_COUNT as u64),
        ("ROOF_MAX_OPS", ROOF_MAX_OPS as u64),
        ("ROOF_JSON_MAX_DEPTH", ROOF_JSON_MAX_DEPTH as u64),
        ("ROOF_KERNEL_NAME_MAX", ROOF_KERNEL_NAME_MAX as u64),
        ("ROOF_COLOR_AUTO", ROOF_COLOR_AUTO as u64),
        ("ROOF_PLAN_TAG", ROOF_PLAN_TAG as u64),
        ("ROOF_PLAN_WORDS", ROOF_PLAN_WORDS as u64),
    ];
    for (name, value) in rust {
        assert_eq!(c.consts.get(name), Some(&value), "{}", name);
    }
    let v = c.consts["ROOF_VERSION_NUMBER"];
    // SAFETY: no arguments; returns a number.
    assert_eq!(u64::from(unsafe { roof_version_number() }), v);
}

/// Every function the headers declare is declared here, once.
#[test]
fn every_header_function_is_declared() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../include/roofmodel");
    let mut declared: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("include/roofmodel") {
        let path = entry.expect("dir entry").path();
        if path.extension().map_or(true, |e| e != "h") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("header");
        declared.extend(roof_calls(&strip_comments(&text)));
    }
    declared.retain(|n| n != "roof_write_fn");
    declared.sort();
    declared.dedup();
    let mine_text = include_str!("../src/lib.rs");
    let mut mine: Vec<String> = mine_text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub fn "))
        .map(|l| l.split('(').next().unwrap_or("").to_string())
        .collect();
    let n = mine.len();
    mine.sort();
    mine.dedup();
    assert_eq!(n, mine.len(), "a function is declared twice");
    assert_eq!(declared, mine);
}

fn strip_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = match rest[start..].find("*/") {
            Some(end) => &rest[start + end + 2..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}

/// Identifiers `roof_...` directly followed by `(`.
fn roof_calls(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("roof_") {
        if i > 0 {
            let prev = text.as_bytes()[i - 1];
            if prev.is_ascii_alphanumeric() || prev == b'_' {
                continue;
            }
        }
        let ident: String = text[i..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if text[i + ident.len()..].trim_start().starts_with('(') {
            out.push(ident);
        }
    }
    out
}
