"""The cross-language check's Python side: prints the lines of
bindings/answers.c (same questions, same %.17g format) through the
bindings.  Run: python3 answers.py (with ROOFMODEL_LIB set)."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import roofmodel as rm  # noqa: E402


def g(x):
    return "%.17g" % x


def step(phase, m, hw):
    ops, t = rm.ops(m, hw, phase=phase, batch=1, seq=1024)
    for o in ops:
        r = o.roofline
        print("op", phase, o.name, g(o.flops), g(o.bytes),
              g(r.flops_per_byte), g(r.seconds), r.bound)
    for name, s in (("layer", t.layer), ("model", t.model)):
        print("total", phase, name, g(s.flops), g(s.bytes), g(s.seconds))


def main():
    m, hw = rm.model("llama-2-13b"), rm.hardware("a6000")
    step("prefill", m, hw)
    step("decode", m, hw)
    e = rm.estimate(m, hw, batch=1, prompt_tokens=1024, gen_tokens=128)
    for name in ("ttft_seconds", "tpot_seconds", "e2e_seconds",
                 "tokens_per_s"):
        print("estimate", name, g(getattr(e, name)))
    print("estimate memory_total_bytes", g(e.memory.total_bytes))
    p = rm.Plan(m, hw)
    r = p.step_mixed([(512, 0), (1, 2048), (1, 8000), (4, 300)])
    for name in ("seconds", "expected_seconds", "flops", "bytes", "kv_bytes",
                 "tokens"):
        print("mixed", name, g(getattr(r, name)))
    print("mixed dominant_op", r.dominant_op)


if __name__ == "__main__":
    main()
