"""What a call through the Python bindings costs: median microseconds per
call of rm.step (the scheduler's question), of ops and estimate beside it,
and of a prepared Plan's steps, for Llama-2-13B on the A6000.

    python3 bindings/python/bench_step.py [--number N] [--repeat R]

It imports the roofmodel package beside this file (set ROOFMODEL_LIBRARY,
or build with meson first).  Each figure is the median over R runs of N
calls; run it on a quiet machine and compare figures from the same run.
"""

import argparse
import os
import statistics
import sys
import timeit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import roofmodel as rm  # noqa: E402

CASES = (
    ("step, preset names",
     'rm.step("llama-2-13b", "a6000", phase="decode", batch=8, seq=1024)'),
    ("step, Model and Hardware objects",
     'rm.step(m, hw, phase="decode", batch=8, seq=1024)'),
    ("step, a Workload object", "rm.step(m, hw, workload=w)"),
    ("step, with workload fields",
     'rm.step(m, hw, phase="decode", batch=8, seq=1024, weight_bits=4, '
     'attention="fused")'),
    ("ops (26 operators)", 'rm.ops(m, hw, phase="decode", batch=8, seq=1024)'),
    ("estimate", "rm.estimate(m, hw, batch=8, prompt_tokens=1024, "
     "gen_tokens=128)"),
    ("Plan.step (a prepared plan)", "plan.step(8, 1, 1024)"),
    ("Plan.step x2: the two-phase question",
     "plan.step(1, 1024, 0); plan.step(1, 1, 1024)"),
    ("Plan.step_mixed, 8 sequences", "plan.step_mixed(s8)"),
    ("Plan.step_mixed, 256 sequences", "plan.step_mixed(s256)"),
)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--number", type=int, default=2000)
    p.add_argument("--repeat", type=int, default=15)
    a = p.parse_args()
    env = {"rm": rm, "m": rm.model("llama-2-13b"), "hw": rm.hardware("a6000"),
           "w": rm.workload("decode", batch=8, seq=1024),
           "plan": rm.Plan("llama-2-13b", "a6000"),
           "s8": rm.seqs([(256, 0)] + [(1, 1024 + 61 * i)
                                       for i in range(1, 8)]),
           "s256": rm.seqs([(256, 0)] + [(1, 1024 + 61 * i)
                                         for i in range(1, 256)])}
    print("roofmodel %s, %s, Python %s" % (rm.version(), rm.library_path(),
                                           sys.version.split()[0]))
    for name, stmt in CASES:
        times = timeit.repeat(stmt, globals=env, number=a.number,
                              repeat=a.repeat)
        print("%-34s median %8.2f us per call"
              % (name, statistics.median(times) / a.number * 1e6))


if __name__ == "__main__":
    main()
