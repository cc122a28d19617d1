use roofmodel::{estimate, ops, Hardware, Model, Request, Workload};

fn main() -> roofmodel::Result<()> {
    let model = Model::find("llama-2-13b")?;
    let hw = Hardware::find("a6000")?;
    let step = ops(&model, &Workload::decode(1, 1024)?, &hw, None)?;
    let e = estimate(&model, &hw, &Request::new(1, 1024, 128)?)?;

    println!(
        "{:<12} {:>12} {:>12} {:>8} {:>10} bound",
        "op", "FLOP", "bytes", "FLOP/B", "us"
    );
    for op in &step.ops {
        let r = &op.roofline;
        println!(
            "{:<12} {:>12.0} {:>12.0} {:>8.2} {:>10.2} {}",
            op.name(),
            op.flops,
            op.bytes,
            r.flops_per_byte,
            r.seconds * 1e6,
            r.bound
        );
    }
    println!("decode step (40 layers): {:.3} ms", step.totals.model.seconds * 1e3);
    println!(
        "time to first token: {:.3} ms, time per output token: {:.3} ms",
        e.ttft_seconds * 1e3,
        e.tpot_seconds * 1e3
    );
    Ok(())
}
