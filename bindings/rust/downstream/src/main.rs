//! A downstream program: the q_proj FLOPs of a Llama 2 13B decode step on
//! the RTX A6000, and how libroofmodel was linked.

fn main() {
    let answer = roofmodel::Model::find("llama-2-13b").and_then(|m| {
        let hw = roofmodel::Hardware::find("a6000")?;
        roofmodel::ops(&m, &roofmodel::Workload::decode(1, 1024)?, &hw, None)
    });
    match answer {
        Ok(step) => {
            let q = step.ops.iter().find(|o| o.id == roofmodel::OpId::QProj);
            println!("{} q_proj {}", roofmodel::sys::LINK_KIND, q.map_or(0.0, |o| o.flops));
        }
        Err(e) => {
            eprintln!("roofmodel-downstream: {}", e);
            std::process::exit(1);
        }
    }
}
