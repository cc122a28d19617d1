import roofmodel as rm

m, hw = rm.model("llama-2-13b"), rm.hardware("a6000")
ops, totals = rm.ops(m, hw, phase="decode", batch=1, seq=1024)
e = rm.estimate(m, hw, batch=1, prompt_tokens=1024, gen_tokens=128)

print("%-12s %12s %12s %8s %10s %s" % ("op", "FLOP", "bytes", "FLOP/B", "us", "bound"))
for op in ops:
    r = op.roofline
    print("%-12s %12.0f %12.0f %8.2f %10.2f %s"
          % (op.name, op.flops, op.bytes, r.flops_per_byte, r.seconds * 1e6, r.bound))
print("decode step (40 layers): %.3f ms" % (totals.model.seconds * 1e3))
print("time to first token: %.3f ms, time per output token: %.3f ms"
      % (e.ttft_seconds * 1e3, e.tpot_seconds * 1e3))
