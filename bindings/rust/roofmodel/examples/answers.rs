//! The cross-language check's Rust side: prints the lines of
//! bindings/answers.c (same questions, same `%.17g` format).
//! Run: cargo run --example answers

use roofmodel::{estimate, ops, Hardware, Model, Plan, Request, Seq, Workload};

/// C's `%.17g`: 17 significant digits, exponent form when the exponent is
/// below -4 or at least 17, trailing zeros removed.
fn g17(x: f64) -> String {
    if x == 0.0 {
        return if x.is_sign_negative() {
            "-0".to_string()
        } else {
            "0".to_string()
        };
    }
    let e = format!("{:.16e}", x);
    let (mantissa, exp) = e.split_at(e.find('e').unwrap_or(e.len()));
    let exp: i32 = exp[1..].parse().unwrap_or(0);
    if !(-4..17).contains(&exp) {
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{}e{}{:02}", strip_zeros(mantissa), sign, exp.abs());
    }
    strip_zeros(&format!("{:.*}", (16 - exp) as usize, x)).to_string()
}

fn strip_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

fn step(phase: &str, model: &Model, hw: &Hardware, w: &Workload) -> roofmodel::Result<()> {
    let s = ops(model, w, hw, None)?;
    for o in &s.ops {
        let r = &o.roofline;
        println!(
            "op {} {} {} {} {} {} {}",
            phase,
            o.name(),
            g17(o.flops),
            g17(o.bytes),
            g17(r.flops_per_byte),
            g17(r.seconds),
            r.bound
        );
    }
    for (name, t) in [("layer", &s.totals.layer), ("model", &s.totals.model)] {
        println!(
            "total {} {} {} {} {}",
            phase,
            name,
            g17(t.flops),
            g17(t.bytes),
            g17(t.seconds)
        );
    }
    Ok(())
}

fn main() -> roofmodel::Result<()> {
    let model = Model::find("llama-2-13b")?;
    let hw = Hardware::find("a6000")?;
    step("prefill", &model, &hw, &Workload::prefill(1, 1024)?)?;
    step("decode", &model, &hw, &Workload::decode(1, 1024)?)?;
    let e = estimate(&model, &hw, &Request::new(1, 1024, 128)?)?;
    println!("estimate ttft_seconds {}", g17(e.ttft_seconds));
    println!("estimate tpot_seconds {}", g17(e.tpot_seconds));
    println!("estimate e2e_seconds {}", g17(e.e2e_seconds));
    println!("estimate tokens_per_s {}", g17(e.tokens_per_s));
    println!("estimate memory_total_bytes {}", g17(e.memory.total_bytes));
    let plan = Plan::new(&model, &Workload::prefill(1, 1024)?, &hw)?;
    let seq = |n, c| Seq { new_tokens: n, cached_tokens: c };
    let r = plan.step_mixed(&[seq(512, 0), seq(1, 2048), seq(1, 8000), seq(4, 300)])?;
    println!("mixed seconds {}", g17(r.seconds));
    println!("mixed expected_seconds {}", g17(r.expected_seconds));
    println!("mixed flops {}", g17(r.flops));
    println!("mixed bytes {}", g17(r.bytes));
    println!("mixed kv_bytes {}", g17(r.kv_bytes));
    println!("mixed tokens {}", g17(r.tokens));
    println!("mixed dominant_op {}", r.dominant_op);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::g17;

    #[test]
    fn matches_c_printf() {
        // Values and glibc's printf("%.17g") output for them.
        let cases = [
            (0.0, "0"),
            (1.0, "1"),
            (0.1, "0.10000000000000001"),
            (53687091200.0, "53687091200"),
            (1e17, "1e+17"),
            (1.5e-5, "1.5e-05"),
            (0.0001, "0.0001"),
            (123456789012345678.0, "1.2345678901234568e+17"),
            (-2.5, "-2.5"),
            (1e-300, "1e-300"),
            (99999999999999999.0, "1e+17"),
        ];
        for (x, want) in cases {
            assert_eq!(g17(x), want, "{}", x);
        }
    }
}
