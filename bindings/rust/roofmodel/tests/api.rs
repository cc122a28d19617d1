//! The safe API against numbers derived by hand (arithmetic in comments).

use roofmodel::*;

const A6000_FP16: f64 = 84.0 * 1024.0 * 1.8e9; // 154.8288 TFLOP/s

fn a6000() -> Hardware {
    Hardware::find("a6000").expect("a6000 is built in")
}

fn llama13b() -> Model {
    Model::find("llama-2-13b").expect("llama-2-13b is built in")
}

fn op(step: &Step, id: OpId) -> Op {
    *step.ops.iter().find(|o| o.id == id).expect("operator present")
}

#[test]
fn version_matches_number() {
    let v: Vec<u32> = version().split('.').map(|x| x.parse().expect("a number")).collect();
    assert_eq!(v.len(), 3);
    assert_eq!(version_number(), v[0] * 10000 + v[1] * 100 + v[2]);
}

#[test]
fn errors_carry_status_and_text() {
    let e = Hardware::find("no-such-device-xyz").unwrap_err();
    assert_eq!(e.status, Status::NotFound);
    assert_eq!(e.status.code(), 5);
    assert_eq!(e.message, status_str(5));
    assert_eq!(e.function, "roof_hardware_find");
    assert!(e.to_string().starts_with("roof_hardware_find: "));
    assert!(Hardware::suggest("a600").iter().any(|s| s == "a6000"));
    let e = Hardware::find("a\0b").unwrap_err();
    assert_eq!(e.status, Status::Invalid);
}

#[test]
fn a6000_figures() {
    let hw = a6000();
    assert_eq!(hw.name, "a6000");
    assert_eq!(hw.units, 84);
    assert_eq!(hw.dram_bytes_per_s, 768e9);
    assert_eq!(hw.peak_flops_per_s(Precision::Fp16).unwrap(), A6000_FP16);
    // 84 x 1024 x 2.1 GHz = 180.6336 TFLOP/s
    let boost = Hardware::find("a6000@2100").unwrap();
    assert_eq!(boost.peak_flops_per_s(Precision::Fp16).unwrap(), 84.0 * 1024.0 * 2.1e9);
    assert_eq!(
        hw.at_clock(2.1e9).unwrap().peak_flops_per_s(Precision::Fp16).unwrap(),
        84.0 * 1024.0 * 2.1e9
    );
    assert_eq!(Hardware::find("RTX-A6000").unwrap(), hw);
    assert_eq!(Precision::from_name("FP16").unwrap(), Precision::Fp16);
    assert_eq!(Precision::Bf16.to_string(), "bf16");
}

#[test]
fn new_precisions_rates_and_domains() {
    // B200 FP4: 148 SM x 32768 x 1.856 GHz = 9.0006 PFLOP/s dense.
    let b200 = Hardware::find("b200").unwrap();
    assert_eq!(b200.peak_flops_per_s(Precision::Fp4).unwrap(), 148.0 * 32768.0 * 1.856e9);
    assert_eq!(b200.scaleup_domain, 8);
    assert_eq!(b200.scaleout_bytes_per_s, 50e9);
    assert_eq!(Precision::Fp6.to_string(), "fp6");
    // RTX 4090: FP16 roof with FP16 accumulation, 1024 per SM.
    let g = Hardware::find("rtx-4090").unwrap();
    assert_eq!(g.roof_rate(Precision::Fp16).unwrap(), (1024.0, true));
    assert_eq!(g.roof_rate(Precision::Bf16).unwrap(), (512.0, false));
    assert_eq!(g.fp16_acc16_flops_per_clock_per_unit, 1024.0);
}

#[test]
fn hardware_list_and_json() {
    let list = Hardware::list().unwrap();
    assert!(list.len() >= 19);
    for hw in &list {
        assert_eq!(&Hardware::find(&hw.name).unwrap(), hw);
        assert_eq!(&Hardware::from_json(&hw.to_json().unwrap()).unwrap(), hw);
    }
    let i = list.iter().position(|h| h.name == "a6000").unwrap() as u32;
    assert!(Hardware::aliases(i).iter().any(|a| a == "rtx-a6000"));
    let mut long = a6000();
    long.name = "x".repeat(48);
    assert_eq!(long.validate().unwrap_err().status, Status::Range);
}

#[test]
fn roofline_verdicts() {
    let c = a6000().ceiling(Precision::Fp16, None).unwrap();
    assert_eq!(c.peak_flops_per_s, A6000_FP16);
    // ridge = 154.8288e12 / 768e9 = 201.6 FLOP/B
    assert!((c.ridge_flops_per_byte().unwrap() - 201.6).abs() < 1e-9);
    // I = 1000 FLOP/B: compute-bound, time = flops / peak
    let r = c.eval(1e12, 1e9).unwrap();
    assert_eq!(r.bound, Bound::Compute);
    assert_eq!(r.seconds, 1e12 / A6000_FP16);
    // I = 1 FLOP/B: memory-bound, attainable = 768e9
    let r = c.eval(1e9, 1e9).unwrap();
    assert_eq!(r.bound, Bound::Memory);
    assert_eq!(r.attainable_flops_per_s, 768e9);
    let m = c.measure(1e9, 1e9, 2.6e-3).unwrap();
    assert_eq!(m.achieved_bytes_per_s, 1e9 / 2.6e-3);
    assert_eq!(c.eval(-1.0, 1.0).unwrap_err().status, Status::Range);
    assert_eq!(c.eval(1.0, f64::NAN).unwrap_err().status, Status::Range);
    let eff = Efficiency {
        compute: 0.5,
        memory: 0.25,
        interconnect: 1.0,
    };
    let half = a6000().ceiling(Precision::Fp16, Some(&eff)).unwrap();
    assert_eq!(half.bytes_per_s, 768e9 * 0.25);
    // DRAM 1 GB at 1 TB/s = 1 ms; L2 4 GB at 2 TB/s = 2 ms: L2 binds.
    let h = hierarchy(
        100e12,
        1e9,
        &[
            Level {
                bytes: 1e9,
                bytes_per_s: 1e12,
            },
            Level {
                bytes: 4e9,
                bytes_per_s: 2e12,
            },
        ],
    )
    .unwrap();
    assert_eq!(h.binding_level, Some(1));
    assert_eq!(h.seconds, 2e-3);
}

#[test]
fn llama_13b_params_and_config() {
    let m = llama13b();
    assert_eq!(
        (m.hidden, m.layers, m.heads, m.intermediate, m.vocab),
        (5120, 40, 40, 13824, 32000)
    );
    // 32000 x 5120 x 2 (embed + lm_head) + 40 x (4 x 5120^2 + 3 x 5120 x
    // 13824 + 2 x 5120) + 5120 = 13,015,864,320
    assert_eq!(m.params().unwrap().total, 13015864320.0);
    let cfg = r#"{"model_type": "llama", "hidden_size": 5120, "intermediate_size": 13824,
        "num_attention_heads": 40, "num_hidden_layers": 40, "num_key_value_heads": 40,
        "vocab_size": 32000, "max_position_embeddings": 4096, "hidden_act": "silu",
        "rms_norm_eps": 1e-05, "tie_word_embeddings": false, "torch_dtype": "float16"}"#;
    let c = Model::from_config(cfg).unwrap();
    assert_eq!(
        (c.hidden, c.layers, c.heads, c.kv_heads, c.head_dim),
        (5120, 40, 40, 40, 128)
    );
    let e = Model::from_config("{\n  \"hidden_size\": 5120,\n  oops").unwrap_err();
    assert_eq!(e.status, Status::Parse);
    assert_eq!(e.location.as_ref().map(|l| l.line), Some(3));
    assert_eq!(
        Model::from_config("{\"hidden_size\": 5120}").unwrap_err().status,
        Status::Missing
    );
    assert_eq!(Model::from_config(&m.to_json().unwrap()).unwrap().hidden, 5120);
}

#[test]
fn prefill_and_decode_q_proj() {
    let (m, hw) = (llama13b(), a6000());
    let pre = ops(&m, &Workload::prefill(1, 1024).unwrap(), &hw, None).unwrap();
    let q = op(&pre, OpId::QProj);
    // 2 x 1024 x 5120 x 5120 = 53,687,091,200 FLOP; 5120^2 x 2 B weights
    assert_eq!(q.flops, 53687091200.0);
    assert_eq!(q.weight_bytes, 52428800.0);
    assert_eq!(q.name(), "q_proj");
    assert_eq!(q.roofline.bound, Bound::Compute);
    assert_eq!(q.roofline.seconds, 53687091200.0 / A6000_FP16);
    let dec = ops(&m, &Workload::decode(1, 1024).unwrap(), &hw, None).unwrap();
    let q = op(&dec, OpId::QProj);
    // one token: 2 x 5120 x 5120 = 52,428,800 FLOP on as many weight bytes
    assert_eq!(q.flops, 52428800.0);
    assert_eq!(q.roofline.bound, Bound::Memory);
    let layer: f64 = dec
        .ops
        .iter()
        .filter(|o| o.scope == Scope::Layer)
        .map(|o| o.flops)
        .sum();
    assert!((dec.totals.layer.flops - layer).abs() <= layer * 1e-12);
    // roof_step gives the totals of roof_ops, bit for bit.
    let w = Workload::decode(1, 1024).unwrap();
    assert_eq!(step_totals(&m, &w, &hw, None).unwrap(), dec.totals);
    let eff = Efficiency {
        compute: 0.5,
        memory: 0.5,
        interconnect: 1.0,
    };
    let slow = step_totals(&m, &w, &hw, Some(&eff)).unwrap();
    // every operator memory-bound in decode: half the bandwidth, twice the time
    assert!((slow.model.seconds - 2.0 * dec.totals.model.seconds).abs() <= dec.totals.model.seconds * 1e-12);
    let mut w = Workload::decode(1, 1024).unwrap();
    w.tensor_parallel = 3; // 40 heads are not a multiple of 3
    assert_eq!(ops(&m, &w, &hw, None).unwrap_err().status, Status::Invalid);
    assert_eq!(step_totals(&m, &w, &hw, None).unwrap_err().status, Status::Invalid);
    assert_eq!(Workload::prefill(1, 0).unwrap_err().status, Status::Range);
}

#[test]
fn time_per_token() {
    let e = estimate(&llama13b(), &a6000(), &Request::new(1, 1024, 128).unwrap()).unwrap();
    assert!(e.first_tpot_seconds <= e.tpot_seconds && e.tpot_seconds <= e.last_tpot_seconds);
    // every weight read once per step: 13,015,864,320 x 2 B / 768 GB/s
    assert!(e.first_tpot_seconds > 13015864320.0 * 2.0 / 768e9);
    assert_eq!(e.decode_bound, Bound::Memory);
    assert!(e.memory.fits);
    let pts = scaling(&llama13b(), &a6000(), &Request::new(1, 1024, 128).unwrap(), 8).unwrap();
    assert_eq!(
        pts.iter().map(|p| p.tensor_parallel).collect::<Vec<_>>(),
        vec![1, 2, 4, 8]
    );
}

#[test]
fn chart_and_kernels() {
    let chart = Chart {
        title: Some("Roofline & co".to_string()),
        ceilings: vec![
            ChartCeiling {
                label: None,
                value: A6000_FP16,
                kind: CeilingKind::Compute,
                color: None,
            },
            ChartCeiling {
                label: Some("DRAM".to_string()),
                value: 768e9,
                kind: CeilingKind::Memory,
                color: None,
            },
        ],
        series: vec![Series {
            label: "a<b".to_string(),
            flops_per_byte: vec![1.0, 100.0],
            flops_per_s: vec![768e9, 76.8e12],
            color: Some(0xff0000),
            marker: Marker::Cross,
        }],
        ..Chart::default()
    };
    let svg = chart.svg().unwrap();
    assert!(svg.contains("<svg") && svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains("a&lt;b") && svg.contains("Roofline &amp; co"));
    let ks = kernels_from_csv("name,flops,bytes,seconds\ngemm,1e12,1e9,0.01\n").unwrap();
    assert_eq!(
        ks,
        vec![Kernel {
            name: "gemm".to_string(),
            flops: 1e12,
            bytes: 1e9,
            seconds: 0.01
        }]
    );
    assert_eq!(format_si(768e9, Some("B/s")).unwrap(), "768GB/s");
}

#[test]
fn plan_steps_and_questions() {
    let (m, hw) = (llama13b(), a6000());
    let w = Workload::decode(8, 2048).unwrap();
    let mut plan = Plan::new(&m, &w, &hw).unwrap();
    // A uniform step is roof_step's model totals.
    let t = step_totals(&m, &w, &hw, None).unwrap();
    let r = plan.step(8, 1, 2048).unwrap();
    assert!((r.seconds / t.model.seconds - 1.0).abs() < 1e-12);
    assert!((r.expected_seconds / t.model.expected_seconds - 1.0).abs() < 1e-12);
    assert!((r.flops / t.model.flops - 1.0).abs() < 1e-12);
    // A decode at 999 cached adds its 1000 keys and values:
    // 2 x 40 layers x 5120 x 2 bytes each.
    let one = plan.step_mixed(&[Seq { new_tokens: 512, cached_tokens: 0 }]).unwrap();
    let two = plan
        .step_mixed(&[Seq { new_tokens: 512, cached_tokens: 0 }, Seq { new_tokens: 1, cached_tokens: 999 }])
        .unwrap();
    let kv = two.kv_bytes - one.kv_bytes;
    assert!((kv / (2.0 * 40.0 * 5120.0 * 2.0 * 1000.0) - 1.0).abs() < 1e-12);
    assert_eq!((two.sequences, two.tokens), (2, 513.0));
    plan.set_logits_all(true);
    let all = plan.step_mixed(&[Seq { new_tokens: 512, cached_tokens: 0 }]).unwrap();
    assert!((all.flops - one.flops - 511.0 * 2.0 * 5120.0 * 32000.0).abs() <= 1.0);
    plan.set_logits_all(false);
    // The inverse questions: the answer fits, one more does not.
    let (b, at) = plan.max_decode_batch(2048, 0.060, Basis::Bound).unwrap();
    assert!(at.seconds <= 0.060 && plan.step(b + 1, 1, 2048).unwrap().seconds > 0.060);
    let (c, _) = plan.max_chunk(&[Seq { new_tokens: 1, cached_tokens: 1000 }], 0, 0.080, Basis::Expected).unwrap();
    assert!(c > 1);
    let tput = plan.max_decode_throughput(4096, 1.0, Basis::Expected).unwrap();
    assert_eq!(tput.limit, 2); // the 48 GB limit it
    let (mfu, mbu) = plan.utilization(&at, 2.0 * at.seconds).unwrap();
    assert!(mfu > 0.0 && mbu > 0.45 && mbu <= 0.5 + 1e-12);
    // Errors: no answer, bad counts.
    assert_eq!(plan.max_decode_batch(100, 1e-3, Basis::Bound).unwrap_err().status, Status::DoesNotFit);
    assert_eq!(plan.step(0, 1, 0).unwrap_err().status, Status::Range);
    assert_eq!(plan.step_mixed(&[]).unwrap_err().status, Status::Range);
}
