"""unittest suite of the Python bindings.

Run by `meson test --suite python` with ROOFMODEL_LIB set to the built
library and ROOFMODEL_LAYOUT_EXE to the program that prints the C layout
(bindings/layout.c).  Expected numbers are derived by hand in comments.
"""

import ctypes
import dataclasses
import os
import re
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import roofmodel as rm  # noqa: E402
from roofmodel import ffi  # noqa: E402

SOURCE_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))

# Llama 2 13B (HuggingFace meta-llama/Llama-2-13b-hf config.json).
LLAMA_13B_CONFIG = """{
  "architectures": ["LlamaForCausalLM"], "model_type": "llama",
  "hidden_size": 5120, "intermediate_size": 13824,
  "num_attention_heads": 40, "num_hidden_layers": 40,
  "num_key_value_heads": 40, "vocab_size": 32000,
  "max_position_embeddings": 4096, "hidden_act": "silu",
  "rms_norm_eps": 1e-05, "tie_word_embeddings": false,
  "torch_dtype": "float16"
}"""


def layout():
    """{struct: size}, {(struct, field): (offset, size)}, {const: value}
    as the C compiler sees them, or None outside meson."""
    exe = os.environ.get("ROOFMODEL_LAYOUT_EXE")
    if not exe:
        return None
    text = subprocess.run([exe], check=True, stdout=subprocess.PIPE,
                          universal_newlines=True).stdout
    structs, fields, consts = {}, {}, {}
    for line in text.splitlines():
        kind, name, *nums = line.split()
        nums = [int(n) for n in nums]
        if kind == "struct":
            structs[name] = nums[0]
        elif kind == "field":
            s, f = name.split(".")
            fields[(s, f)] = tuple(nums)
        else:
            consts[name] = nums[0]
    return structs, fields, consts


class TestLayout(unittest.TestCase):
    """ctypes declarations against the C compiler's layout."""

    @classmethod
    def setUpClass(cls):
        cls.layout = layout()
        if cls.layout is None:
            raise unittest.SkipTest("ROOFMODEL_LAYOUT_EXE not set")

    def test_every_struct_is_mirrored(self):
        structs, _, _ = self.layout
        self.assertEqual(sorted(structs),
                         sorted(s.__name__ for s in ffi.STRUCTS))

    def test_sizes(self):
        structs, _, _ = self.layout
        for s in ffi.STRUCTS:
            with self.subTest(struct=s.__name__):
                self.assertEqual(ctypes.sizeof(s), structs[s.__name__])

    def test_field_offsets_and_sizes(self):
        _, fields, _ = self.layout
        for s in ffi.STRUCTS:
            mine = {f[0] for f in s._fields_}
            theirs = {f for (t, f) in fields if t == s.__name__}
            self.assertEqual(mine, theirs, s.__name__)
            for name, _ in s._fields_:
                desc = getattr(s, name)
                with self.subTest(field="%s.%s" % (s.__name__, name)):
                    self.assertEqual((desc.offset, desc.size),
                                     fields[(s.__name__, name)])

    def test_constants(self):
        _, _, consts = self.layout
        for name, value in consts.items():
            if name == "ROOF_VERSION_NUMBER":
                self.assertEqual(rm.version_number(), value)
            else:
                self.assertEqual(getattr(ffi, name), value, name)


class TestTable(unittest.TestCase):
    def test_table_covers_every_exported_function_once(self):
        names = [f[0] for f in ffi.FUNCTIONS]
        self.assertEqual(len(names), len(set(names)))
        declared = set()
        inc = os.path.join(SOURCE_ROOT, "include", "roofmodel")
        if not os.path.isdir(inc):
            self.skipTest("headers not found at %s" % inc)
        for h in os.listdir(inc):
            if h.endswith(".h"):
                with open(os.path.join(inc, h)) as f:
                    declared |= set(re.findall(r"\b(roof_\w+)\s*\(",
                                               re.sub(r"/\*.*?\*/", "",
                                                      f.read(), flags=re.S)))
        # Typedefs of function pointers are not functions.
        declared.discard("roof_write_fn")
        self.assertEqual(sorted(declared), sorted(names))

    def test_every_function_resolves(self):
        lib = ffi.load()
        for name, _, _ in ffi.FUNCTIONS:
            self.assertIsNotNone(getattr(lib, name))


class TestBasics(unittest.TestCase):
    def test_version(self):
        v = rm.version()
        self.assertRegex(v, r"^\d+\.\d+\.\d+$")
        major, minor, patch = (int(x) for x in v.split("."))
        self.assertEqual(rm.version_number(),
                         major * 10000 + minor * 100 + patch)

    def test_status_text(self):
        self.assertEqual(rm.status_str(0), "success")
        self.assertEqual(rm.status_str(999), "unknown status")

    def test_error_carries_status_and_text(self):
        with self.assertRaises(rm.NotFoundError) as cm:
            rm.hardware("no-such-device-xyz")
        e = cm.exception
        self.assertEqual(e.status, 5)
        self.assertEqual(e.message, rm.status_str(5))
        self.assertEqual(e.function, "roof_hardware_find")
        self.assertIsInstance(e, rm.RoofError)
        self.assertIsInstance(e, LookupError)

    def test_suggestions(self):
        with self.assertRaises(rm.NotFoundError) as cm:
            rm.hardware("a600")
        self.assertIn("a6000", cm.exception.suggestions)

    def test_range_errors(self):
        hw = rm.hardware("a6000")
        for flops, nbytes in ((-1.0, 1.0), (1.0, 0.0), (float("nan"), 1.0),
                              (1.0, float("inf")), (1.0, 2e30)):
            with self.assertRaises(rm.RangeError) as cm:
                rm.classify(hw, flops, nbytes)
            self.assertEqual(cm.exception.status, 2)
        with self.assertRaises(rm.RangeError):
            rm.ops("llama-2-13b", hw, batch=-1)

    def test_unknown_precision(self):
        with self.assertRaises(rm.NotFoundError):
            rm.ceiling("a6000", "fp12")


class TestHardware(unittest.TestCase):
    def test_a6000(self):
        hw = rm.hardware("a6000")
        self.assertEqual(hw.units, 84)
        self.assertEqual(hw.dram_bytes_per_s, 768e9)
        self.assertEqual(hw.memory_bytes, 48e9)
        self.assertEqual(hw.flops_per_clock_per_unit[rm.Precision.FP16], 1024)
        # 84 SMs x 1024 FLOP/clock x 1.8 GHz = 154.8288 TFLOP/s
        self.assertEqual(hw.peak_flops_per_s("fp16"), 84 * 1024 * 1.8e9)
        # at its 2100 MHz maximum: 84 x 1024 x 2.1e9 = 180.6336 TFLOP/s
        self.assertEqual(rm.hardware("a6000@2100").peak_flops_per_s("fp16"),
                         84 * 1024 * 2.1e9)
        self.assertEqual(hw.at_clock(2.1e9).peak_flops_per_s(rm.Precision.FP16),
                         84 * 1024 * 2.1e9)

    def test_new_fields_and_precisions(self):
        # HGX H100: 8 GPUs per NVLink domain, one 400 Gb/s NIC each.
        hw = rm.hardware("h100")
        self.assertEqual(hw.scaleup_domain, 8)
        self.assertEqual(hw.scaleout_bytes_per_s, 50e9)
        self.assertEqual(rm.hardware("gb200").scaleup_domain, 72)
        # B200 FP4: 148 SM x 32768 x 1.856 GHz = 9.0006 PFLOP/s dense.
        self.assertEqual(rm.hardware("b200").peak_flops_per_s("fp4"),
                         148 * 32768 * 1.856e9)
        self.assertEqual(len(hw.flops_per_clock_per_unit), 10)
        # RTX 4090: the FP16 roof is the FP16-accumulate one, 1024/SM.
        g = rm.hardware("rtx-4090")
        self.assertEqual(g.roof_rate("fp16"), (1024.0, "fp16"))
        self.assertEqual(g.roof_rate("bf16"), (512.0, "wide"))
        self.assertEqual(g.peak_flops_per_s("fp16"), 128 * 1024 * 2.52e9)
        # The new fields survive the trip through C.
        self.assertEqual(rm.hardware_from_json(g.to_json()), g)

    def test_aliases_are_the_same_device(self):
        self.assertEqual(rm.hardware("rtx-a6000"), rm.hardware("a6000"))
        self.assertEqual(rm.hardware("A6000"), rm.hardware("a6000"))

    def test_aliases(self):
        self.assertIn("rtx-a6000", rm.hardware_aliases("a6000"))
        for alias in rm.hardware_aliases("a6000"):
            self.assertEqual(rm.hardware(alias).name, "a6000")

    def test_format_si(self):
        self.assertEqual(rm.format_si(768e9, "B/s"), "768GB/s")
        self.assertEqual(rm.format_si(181e12, "FLOP/s"), "181TFLOP/s")
        self.assertEqual(rm.format_si(53.7e9, " FLOP"), "53.7 GFLOP")
        with self.assertRaises(rm.RangeError):
            rm.format_si(float("nan"))

    def test_list(self):
        devices = rm.hardware_list()
        self.assertGreaterEqual(len(devices), 19)
        names = [d.name for d in devices]
        self.assertEqual(len(names), len(set(names)))
        for d in devices:
            self.assertEqual(rm.hardware(d.name), d)

    def test_json_round_trip(self):
        hw = rm.hardware("h100-sxm")
        self.assertEqual(rm.hardware_from_json(hw.to_json()), hw)

    def test_struct_round_trip_is_exact(self):
        hw = rm.hardware("a6000")
        self.assertEqual(rm.types.from_c(rm.types.to_c(hw)), hw)

    def test_too_long_name_is_refused(self):
        hw = dataclasses.replace(rm.hardware("a6000"), name="x" * 48)
        with self.assertRaises(rm.RangeError):
            hw.peak_flops_per_s()


class TestRoofline(unittest.TestCase):
    def test_ceiling_and_ridge(self):
        c = rm.ceiling("a6000", "fp16")
        self.assertEqual(c.peak_flops_per_s, 84 * 1024 * 1.8e9)
        self.assertEqual(c.bytes_per_s, 768e9)
        half = rm.ceiling("a6000", "fp16", efficiency=(0.5, 0.25, 1.0))
        self.assertEqual(half.peak_flops_per_s, 84 * 1024 * 1.8e9 * 0.5)
        self.assertEqual(half.bytes_per_s, 768e9 * 0.25)

    def test_classify(self):
        peak = 84 * 1024 * 1.8e9
        # I = 1e12 / 1e9 = 1000 FLOP/B > ridge 154.8288e12 / 768e9 = 201.6
        r = rm.classify("a6000", 1e12, 1e9)
        self.assertEqual(r.bound, rm.Bound.COMPUTE)
        self.assertEqual(r.flops_per_byte, 1000.0)
        self.assertAlmostEqual(r.ridge_flops_per_byte, 201.6, places=9)
        self.assertEqual(r.compute_seconds, 1e12 / peak)
        self.assertEqual(r.memory_seconds, 1e9 / 768e9)
        self.assertEqual(r.seconds, 1e12 / peak)
        # I = 1 FLOP/B: memory-bound, attainable = 768e9 x 1
        r = rm.classify("a6000", 1e9, 1e9)
        self.assertEqual(r.bound, rm.Bound.MEMORY)
        self.assertEqual(r.attainable_flops_per_s, 768e9)
        self.assertEqual(str(r.bound), "memory")

    def test_measured(self):
        # 1 GFLOP and 1 GB in 2.6 ms: 384.6 GB/s achieved against 768 GB/s
        m = rm.classify("a6000", 1e9, 1e9, seconds=2.6e-3)
        self.assertEqual(m.bound, rm.Bound.MEMORY)
        self.assertEqual(m.achieved_bytes_per_s, 1e9 / 2.6e-3)
        self.assertAlmostEqual(m.efficiency, (1e9 / 768e9) / 2.6e-3,
                               places=12)

    def test_hierarchy(self):
        # DRAM 1 GB at 1 TB/s = 1 ms; L2 4 GB at 2 TB/s = 2 ms: L2 binds.
        h = rm.hierarchy(100e12, 1e9, [(1e9, 1e12), (4e9, 2e12)])
        self.assertEqual(h.level_count, 2)
        self.assertEqual(h.binding_level, 1)
        self.assertEqual(h.seconds, 2e-3)


class TestModels(unittest.TestCase):
    def test_llama_2_13b(self):
        m = rm.model("llama-2-13b")
        self.assertEqual((m.hidden, m.layers, m.heads, m.kv_heads,
                          m.head_dim, m.intermediate, m.vocab),
                         (5120, 40, 40, 40, 128, 13824, 32000))
        self.assertEqual(m.mlp, rm.Mlp.GATED)

    def test_params(self):
        p = rm.model("llama-2-13b").params()
        # embed 32000 x 5120 = 163,840,000; per layer 4 x 5120^2
        # + 3 x 5120 x 13824 + 2 x 5120 = 317,204,480; x 40 layers
        # + final norm 5120 + lm_head 163,840,000 = 13,015,864,320
        self.assertEqual(p.embedding, 163840000)
        self.assertEqual(p.per_layer, 317204480)
        self.assertEqual(p.total, 13015864320)

    def test_config_json_gives_the_preset(self):
        a = rm.model_from_config(LLAMA_13B_CONFIG)
        b = rm.model("llama-2-13b")
        for f in ("hidden", "layers", "heads", "kv_heads", "head_dim",
                  "intermediate", "vocab", "mlp", "norm", "position"):
            self.assertEqual(getattr(a, f), getattr(b, f), f)
        self.assertEqual(rm.model_from_config(LLAMA_13B_CONFIG.encode()), a)

    def test_config_from_a_path(self):
        import tempfile
        with tempfile.NamedTemporaryFile("w", suffix=".json",
                                         delete=False) as f:
            f.write(LLAMA_13B_CONFIG)
        try:
            self.assertEqual(rm.model_from_config(f.name).hidden, 5120)
        finally:
            os.unlink(f.name)

    def test_parse_error_has_position(self):
        with self.assertRaises(rm.ParseError) as cm:
            rm.model_from_config('{\n  "hidden_size": 5120,\n  oops')
        self.assertEqual(cm.exception.status, 7)
        self.assertEqual(cm.exception.line, 3)
        self.assertTrue(cm.exception.detail)

    def test_missing_key(self):
        with self.assertRaises(rm.MissingError) as cm:
            rm.model_from_config('{"hidden_size": 5120}')
        self.assertEqual(cm.exception.status, 8)

    def test_json_round_trip(self):
        m = rm.model("llama-2-13b")
        self.assertEqual(rm.model_from_config(m.to_json()).hidden, m.hidden)

    def test_list(self):
        models = rm.model_list()
        self.assertTrue(any(m.name for m in models))
        for m in models:
            self.assertEqual(rm.model(m.name), m)


class TestOps(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.hw = rm.hardware("a6000")
        cls.m = rm.model("llama-2-13b")

    def by_name(self, ops):
        return {op.name: op for op in ops}

    def test_prefill_q_proj(self):
        ops, totals = rm.ops(self.m, self.hw, phase="prefill", seq=1024)
        q = self.by_name(ops)["q_proj"]
        self.assertEqual(q.id, rm.OpId.Q_PROJ)
        # 2 x 1024 tokens x 5120 x 5120 = 53,687,091,200 FLOP
        self.assertEqual(q.flops, 53687091200)
        # 5120 x 5120 x 2 B = 52,428,800 B of fp16 weights
        self.assertEqual(q.weight_bytes, 52428800)
        # reads x and writes q: 1024 x 5120 x 2 B = 10,485,760 B each
        self.assertEqual(q.act_read_bytes, 10485760)
        self.assertEqual(q.act_write_bytes, 10485760)
        self.assertEqual(q.bytes, q.weight_bytes + q.act_read_bytes
                         + q.act_write_bytes + q.kv_read_bytes
                         + q.kv_write_bytes)
        self.assertEqual((q.gemm_m, q.gemm_n, q.gemm_k), (1024, 5120, 5120))
        # I = 53.7e9 / 73.4e6 = 731 FLOP/B > ridge 201.6: compute-bound
        self.assertEqual(q.bound, rm.Bound.COMPUTE)
        self.assertEqual(q.seconds, 53687091200 / (84 * 1024 * 1.8e9))

    def test_decode_q_proj_is_memory_bound(self):
        ops, _ = rm.ops("llama-2-13b", "a6000", phase="decode", seq=1024)
        q = self.by_name(ops)["q_proj"]
        # one token: 2 x 5120 x 5120 = 52,428,800 FLOP on 52,428,800 B
        # of weights: I ~ 1 FLOP/B, far below the ridge
        self.assertEqual(q.flops, 52428800)
        self.assertEqual(q.weight_bytes, 52428800)
        self.assertEqual(q.bound, rm.Bound.MEMORY)

    def test_totals_are_sums(self):
        ops, totals = rm.ops(self.m, self.hw, phase="decode", seq=1024)
        layer = [op for op in ops if op.scope == rm.Scope.LAYER]
        model = [op for op in ops if op.scope == rm.Scope.MODEL]
        self.assertTrue(layer and model)
        flops = sum(op.flops for op in layer)
        self.assertAlmostEqual(totals.layer.flops, flops, delta=flops * 1e-12)
        self.assertAlmostEqual(
            totals.model.flops,
            40 * totals.layer.flops + sum(op.flops for op in model),
            delta=totals.model.flops * 1e-12)
        self.assertGreater(totals.model.seconds, 0)
        self.assertIsInstance(totals.model.dominant_op, rm.OpId)

    def test_workload_fields(self):
        w = rm.workload("decode", batch=4, seq=512, weight_bits=4,
                        attention="fused", precision="bf16")
        self.assertEqual((w.batch, w.new_tokens, w.cached_tokens),
                         (4, 1, 512))
        self.assertEqual(w.attention, rm.Attention.FUSED)
        self.assertEqual(w.precision, rm.Precision.BF16)
        ops4, _ = rm.ops(self.m, self.hw, workload=w)
        ops16, _ = rm.ops(self.m, self.hw, phase="decode", batch=4, seq=512)
        # 4-bit weights are a quarter of the 16-bit bytes
        self.assertEqual(self.by_name(ops4)["q_proj"].weight_bytes * 4,
                         self.by_name(ops16)["q_proj"].weight_bytes)
        with self.assertRaises(TypeError):
            rm.workload("decode", no_such_field=1)
        with self.assertRaises(ValueError):
            rm.workload("sideways")

    def test_bad_workload_raises(self):
        with self.assertRaises(rm.RangeError):
            rm.ops(self.m, self.hw, phase="prefill", seq=0)
        w = rm.workload("decode", tensor_parallel=3)  # 40 heads % 3 != 0
        with self.assertRaises(rm.InvalidError):
            rm.ops(self.m, self.hw, workload=w)


class TestEstimate(unittest.TestCase):
    def test_time_per_token(self):
        e = rm.estimate("llama-2-13b", "a6000", batch=1, prompt_tokens=1024,
                        gen_tokens=128)
        self.assertGreater(e.ttft_seconds, 0)
        self.assertLessEqual(e.first_tpot_seconds, e.tpot_seconds)
        self.assertLessEqual(e.tpot_seconds, e.last_tpot_seconds)
        self.assertAlmostEqual(e.e2e_seconds,
                               e.ttft_seconds + e.decode_seconds,
                               delta=e.e2e_seconds * 1e-12)
        # Decode reads every weight once per step: at least 26.0 GB
        # (13,015,864,320 x 2 B) at 768 GB/s = 33.9 ms.
        self.assertGreater(e.first_tpot_seconds, 13015864320 * 2 / 768e9)
        self.assertEqual(e.decode_bound, rm.Bound.MEMORY)
        self.assertTrue(e.memory.fits)

    def test_request_fields(self):
        r = rm.request(2, 512, 64, tensor_parallel=2, pipeline_parallel=1,
                       efficiency=rm.Efficiency(0.8, 0.9, 1.0))
        self.assertEqual(r.workload.batch, 2)
        self.assertEqual(r.workload.tensor_parallel, 2)
        self.assertEqual(r.efficiency.compute, 0.8)
        e = rm.estimate("llama-2-13b", "a6000", r)
        self.assertGreater(e.allreduce_seconds_per_layer, 0)

    def test_memory_and_scaling(self):
        mem = rm.memory_footprint("llama-2-70b", "a6000", batch=1)
        self.assertFalse(mem.fits)  # 140 GB of weights > 48 GB
        pts = rm.scaling("llama-2-13b", "a6000", 8)
        self.assertEqual([p.tensor_parallel for p in pts], [1, 2, 4, 8])


class TestChart(unittest.TestCase):
    def test_svg(self):
        svg = rm.chart_svg(
            ceilings=[rm.ChartCeiling(154.8288e12, rm.CeilingKind.COMPUTE),
                      rm.ChartCeiling(768e9, rm.CeilingKind.MEMORY,
                                      "DRAM <768 GB/s>")],
            series=[rm.Series("a<b", (1.0, 100.0, 1000.0),
                              (768e9, 76.8e12, 154e12))],
            title="Roofline & co", ridge_line=True)
        self.assertIsInstance(svg, str)
        self.assertIn("<svg", svg)
        self.assertTrue(svg.rstrip().endswith("</svg>"))
        self.assertIn("a&lt;b", svg)
        self.assertIn("Roofline &amp; co", svg)
        self.assertNotIn("a<b", svg)

    def test_bad_chart(self):
        with self.assertRaises(rm.RangeError):
            rm.chart_svg(ceilings=[rm.ChartCeiling(-1.0)])


class TestKernels(unittest.TestCase):
    def test_csv(self):
        ks = rm.kernels_from_csv(
            "name,flops,bytes,seconds\ngemm,1e12,1e9,0.01\n"
            "\"add, fused\",1e6,3e6,1e-5\n")
        self.assertEqual([k.name for k in ks], ["gemm", "add, fused"])
        self.assertEqual(ks[0].flops, 1e12)
        self.assertEqual(ks[1].seconds, 1e-5)
        self.assertEqual(rm.kernels_from_csv("name,flops,bytes,seconds\n"),
                         [])


class TestPlan(unittest.TestCase):
    """The prepared plan: the same numbers as step(), mixed steps, the
    inverse questions, and errors as exceptions."""

    def test_uniform_is_step(self):
        p = rm.Plan("llama-2-13b", "a6000")
        for phase, batch, seq, new, cached in (
                ("prefill", 1, 1024, 1024, 0), ("decode", 8, 2048, 1, 2048)):
            t = rm.step("llama-2-13b", "a6000", phase=phase, batch=batch,
                        seq=seq).model
            r = p.step(batch, new, cached)
            for name in ("seconds", "expected_seconds", "flops", "bytes",
                         "kv_bytes"):
                self.assertAlmostEqual(getattr(r, name) / getattr(t, name),
                                       1.0, places=12, msg=name)

    def test_mixed(self):
        p = rm.Plan("llama-2-13b", "a6000", attention="fused")
        one = p.step_mixed([(512, 0)])
        two = p.step_mixed(rm.seqs([(512, 0), (1, 999)]))
        # a decode at 999 cached reads and writes 1000 keys and values:
        # 2 x 40 layers x 5120 x 2 bytes each
        self.assertAlmostEqual((two.kv_bytes - one.kv_bytes)
                               / (2 * 40 * 5120 * 2 * 1000), 1.0, places=12)
        self.assertEqual((two.sequences, two.tokens), (2, 513))
        p.logits = "all"
        self.assertEqual(p.logits, "all")
        allr = p.step_mixed([(512, 0)])
        self.assertAlmostEqual(allr.flops - one.flops,
                               511 * 2 * 5120 * 32000, delta=1.0)
        with self.assertRaises(ValueError):
            p.logits = "some"

    def test_questions(self):
        p = rm.Plan("llama-2-13b", "a6000")
        b, at = p.max_decode_batch(2048, 0.060, basis="bound")
        self.assertLessEqual(at.seconds, 0.060)
        self.assertGreater(p.step(b + 1, 1, 2048).seconds, 0.060)
        n, at = p.max_chunk([(1, 1000)], 0.080)
        self.assertGreater(n, 1)
        t = p.max_decode_throughput(4096, 1.0)
        self.assertEqual(t.limit, 2)  # the 48 GB limit it
        mfu, mbu = p.utilization(at, 2 * at.expected_seconds)
        self.assertTrue(0 < mfu < 1 and 0 < mbu < 1)
        tp, _ = rm.min_tensor_parallel("llama-3.1-70b", "h100-sxm", 1, 8192,
                                       100.0, attention="fused")
        self.assertEqual(tp, 2)  # 140 GB of weights on 80 GB devices

    def test_errors(self):
        p = rm.Plan("llama-2-13b", "a6000")
        with self.assertRaises(rm.DoesNotFitError):
            p.max_decode_batch(100, 1e-3)
        with self.assertRaises(rm.RangeError):
            p.step(0, 1, 0)
        with self.assertRaises(rm.RangeError):
            p.step_mixed([(0, 5)])
        with self.assertRaises(rm.RoofOverflowError):
            p.step_mixed([(2 ** 32 - 1, 0), (1, 0)])
        with self.assertRaises(ValueError):
            p.max_decode_batch(100, 1.0, basis="fast")
        with self.assertRaises(rm.InvalidError):
            rm.Plan("llama-2-13b", "a6000", tensor_parallel=3)


class TestCalibration(unittest.TestCase):
    """Expected times beside the bounds, and profiles from Python."""

    def test_expected_beside_bound(self):
        r = rm.ops("llama-2-7b", "a100-80gb-pcie", phase="decode", seq=1024)
        for op in r.ops:
            self.assertGreaterEqual(op.expected_seconds, op.roofline.seconds)
        self.assertGreater(r.totals.model.expected_seconds,
                           r.totals.model.seconds)

    def test_profile_round_trip_and_overhead(self):
        cal = rm.calibration("a100-80gb-pcie")
        self.assertEqual(cal.device, b"a100-80gb-pcie")
        back = rm.calibration_from_json(rm.calibration_to_json(cal))
        self.assertEqual(bytes(back), bytes(cal))
        back.step_overhead_seconds = 2e-3
        t = rm.step("llama-2-7b", "a100-80gb-pcie", phase="decode", seq=512,
                    calibration=back)
        self.assertEqual(t.overhead_seconds, 2e-3)
        e0 = rm.estimate("llama-2-7b", "a100-80gb-pcie", batch=2,
                         prompt_tokens=128, gen_tokens=16)
        e1 = rm.estimate("llama-2-7b", "a100-80gb-pcie", batch=2,
                         prompt_tokens=128, gen_tokens=16, calibration=back)
        self.assertAlmostEqual(e1.expected_tpot_seconds
                               - e0.expected_tpot_seconds, 2e-3, places=12)

    def test_profile_of_another_device_is_refused(self):
        with self.assertRaises(rm.RoofError):
            rm.step("llama-2-7b", "a100-80gb-pcie", phase="decode", seq=512,
                    calibration=rm.calibration("h100-sxm"))


if __name__ == "__main__":
    unittest.main()
