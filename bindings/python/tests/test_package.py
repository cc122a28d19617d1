"""The package around the bindings: version, type hints, argument rules,
errors, where the library is found, python -m roofmodel, the build backend.

Run by `meson test --suite python` with ROOFMODEL_LIB set to the built
library (see test_roofmodel.py).  Expected numbers are derived by hand.
"""

import base64
import contextlib
import csv
import ctypes
import dataclasses
import hashlib
import inspect
import io
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
PY_ROOT = os.path.dirname(HERE)
sys.path.insert(0, PY_ROOT)
sys.path.insert(0, os.path.join(PY_ROOT, "backend"))

import roofmodel as rm  # noqa: E402
import roofmodel_backend as backend  # noqa: E402
from roofmodel import __main__ as cli  # noqa: E402
from roofmodel import ffi, types  # noqa: E402

SOURCE_ROOT = os.path.dirname(os.path.dirname(PY_ROOT))


class Index:
    """An integer that is not an int: what numpy.int64 looks like to
    operator.index."""

    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


def meson_version():
    with open(os.path.join(SOURCE_ROOT, "meson.build")) as f:
        return re.search(r"version\s*:\s*'([^']+)'", f.read()).group(1)


class TestVersion(unittest.TestCase):
    def test_version_is_the_librarys(self):
        self.assertEqual(rm.__version__,
                         ffi.load().roof_version_string().decode())
        self.assertEqual(rm.__version__, rm.version())

    def test_version_is_meson_builds(self):
        self.assertEqual(rm.__version__, meson_version())
        self.assertEqual(backend.version(), meson_version())

    def test_other_attributes_still_missing(self):
        with self.assertRaises(AttributeError):
            rm.no_such_thing  # noqa: B018


class TestPublicSurface(unittest.TestCase):
    def public_functions(self):
        fns = [getattr(rm, n) for n in rm.__all__]
        return [f for f in fns if inspect.isfunction(f)]

    def test_every_public_function_has_a_docstring(self):
        fns = self.public_functions()
        self.assertGreater(len(fns), 25)
        for f in fns:
            with self.subTest(function=f.__name__):
                self.assertTrue((f.__doc__ or "").strip())

    def test_every_public_function_has_type_hints(self):
        for f in self.public_functions() + [cli.main]:
            with self.subTest(function=f.__name__):
                ann = f.__annotations__
                self.assertIn("return", ann)
                for p in inspect.signature(f).parameters.values():
                    if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL):
                        self.assertIn(p.name, ann)

    def test_py_typed_marker(self):
        self.assertTrue(os.path.isfile(os.path.join(
            os.path.dirname(rm.__file__), "py.typed")))

    def test_dataclasses_follow_the_c_structs(self):
        # One place to add a field: the two sections of types.py agree.
        for cls, ctype in types.C_TYPE.items():
            with self.subTest(cls=cls.__name__):
                self.assertEqual(
                    [f.name for f in dataclasses.fields(cls)],
                    [n for n, _ in ctype._fields_
                     if not n.startswith("reserved")])

    def test_enum_names_are_the_librarys(self):
        lib = ffi.load()
        for p in rm.Precision:
            self.assertEqual(str(p), lib.roof_precision_name(p).decode())
        for b in rm.Bound:
            self.assertEqual(str(b), lib.roof_bound_name(b).decode())
        for o in rm.OpId:
            self.assertEqual(str(o), lib.roof_op_name(o).decode())


class TestArguments(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.m, cls.hw = rm.model("llama-2-13b"), rm.hardware("a6000")

    def test_attention_flash_lists_the_choices(self):
        with self.assertRaises(ValueError) as cm:
            rm.workload("decode", attention="flash")
        e = cm.exception
        self.assertIsInstance(e, rm.UnknownNameError)
        self.assertEqual(e.choices, ["unfused", "fused"])
        self.assertIn("unfused, fused", str(e))
        self.assertIn("'flash'", str(e))

    def test_enum_spellings(self):
        for v in ("fused", "FUSED", " Fused ", 1, Index(1),
                  rm.Attention.FUSED):
            w = rm.workload("decode", attention=v)
            self.assertIs(w.attention, rm.Attention.FUSED, repr(v))
        self.assertIs(rm.workload("decode", precision="BF16").precision,
                      rm.Precision.BF16)
        for bad in (2, -1, 1.0, True, "", b"fused", None):
            with self.assertRaises(rm.UnknownNameError, msg=repr(bad)):
                rm.workload("decode", attention=bad)

    def test_unknown_precision_is_both_kinds(self):
        with self.assertRaises(rm.NotFoundError) as cm:
            rm.ceiling("a6000", "fp12")
        self.assertIsInstance(cm.exception, ValueError)
        self.assertIn("fp64, fp32, tf32, fp16, bf16, fp8, int8, int4",
                      str(cm.exception))

    def test_phase_lists_the_choices(self):
        with self.assertRaises(ValueError) as cm:
            rm.step(self.m, self.hw, phase="sideways")
        self.assertIn("prefill", str(cm.exception))
        self.assertEqual(rm.workload("DECODE", seq=8).cached_tokens, 8)

    def test_index_integers(self):
        want = rm.step(self.m, self.hw, phase="decode", batch=8, seq=1024,
                       tensor_parallel=2)
        got = rm.step(self.m, self.hw, phase="decode", batch=Index(8),
                      seq=Index(1024), tensor_parallel=Index(2))
        self.assertEqual(got, want)
        w = rm.workload("decode", batch=Index(4), seq=Index(512))
        self.assertEqual((w.batch, w.cached_tokens), (4, 512))
        self.assertIs(type(w.batch), int)
        r = rm.request(Index(2), Index(512), Index(64),
                       pipeline_parallel=Index(1), tensor_parallel=Index(2))
        self.assertEqual((r.workload.batch, r.prompt_tokens, r.gen_tokens,
                          r.workload.tensor_parallel), (2, 512, 64, 2))
        self.assertEqual(len(rm.scaling(self.m, self.hw, Index(4))), 3)

    def test_integer_refusals(self):
        for bad in (8.0, "8", True, None):
            with self.assertRaises(TypeError, msg=repr(bad)):
                rm.step(self.m, self.hw, batch=bad)
        for bad in (-1, 2 ** 32, Index(-1), Index(2 ** 32)):
            with self.assertRaises(rm.RangeError, msg=repr(bad)):
                rm.step(self.m, self.hw, batch=bad)
        with self.assertRaises(rm.RangeError):
            rm.request(1, 1024, 128, microbatches=-3)
        self.assertEqual(rm.step(self.m, self.hw, batch=2 ** 32 - 1,
                                 seq=1).model.flops > 0, True)

    def test_every_integer_field_takes_index(self):
        w = rm.workload("decode")
        for f in dataclasses.fields(w):
            if f.type == "int" or f.type is int:
                setattr(w, f.name, Index(getattr(w, f.name)))
        self.assertEqual(rm.step(self.m, self.hw, workload=w),
                         rm.step(self.m, self.hw, phase="decode"))

    def test_status_codes(self):
        self.assertEqual(rm.status_str(Index(0)), "success")
        with self.assertRaises(rm.RangeError):
            rm.status_str(2 ** 31)
        with self.assertRaises(TypeError):
            rm.status_str("0")

    def test_unknown_field(self):
        with self.assertRaises(TypeError):
            rm.step(self.m, self.hw, no_such_field=1)
        with self.assertRaises(TypeError):
            rm.request(1, 2, 3, no_such_field=1)

    def test_reals(self):
        class Real:
            def __float__(self):
                return 1e12
        r = rm.classify("a6000", Real(), 1e9)
        self.assertEqual(r.flops, 1e12)
        with self.assertRaises(TypeError):
            rm.classify("a6000", "1e12", 1e9)
        self.assertEqual(rm.format_si(Index(768), "B"), "768B")

    def test_missing_paths_are_file_not_found(self):
        missing = os.path.join(tempfile.gettempdir(), "no-such-dir-roof",
                               "config.json")
        for fn in (rm.model_from_config, rm.hardware_from_json,
                   rm.kernels_from_csv):
            for arg in (missing, pathlib.Path(missing)):
                with self.subTest(fn=fn.__name__, arg=type(arg).__name__):
                    with self.assertRaises(FileNotFoundError):
                        fn(arg)

    def test_efficiency_spellings(self):
        want = rm.step(self.m, self.hw, efficiency=rm.Efficiency(0.5, 0.5))
        for eff in ((0.5, 0.5, 1.0), {"compute": 0.5, "memory": 0.5}):
            self.assertEqual(rm.step(self.m, self.hw, efficiency=eff), want)
        with self.assertRaises(TypeError):
            rm.step(self.m, self.hw, efficiency=0.5)


class TestFastPath(unittest.TestCase):
    """Names, objects and workloads give the same answers, and a changed
    descriptor is never answered from a stale cached struct."""

    def test_names_objects_and_workloads_agree(self):
        m, hw = rm.model("llama-2-13b"), rm.hardware("a6000")
        want = rm.step(m, hw, phase="decode", batch=8, seq=1024)
        self.assertEqual(rm.step("llama-2-13b", "a6000", phase="decode",
                                 batch=8, seq=1024), want)
        w = rm.workload("decode", batch=8, seq=1024)
        self.assertEqual(rm.step(m, hw, workload=w), want)
        self.assertEqual(rm.ops(m, hw, workload=w).totals, want)

    def test_replaced_descriptor_is_converted_anew(self):
        hw = rm.hardware("a6000")
        t1 = rm.step("llama-2-13b", hw, phase="decode")
        half = dataclasses.replace(hw, dram_bytes_per_s=hw.dram_bytes_per_s
                                   / 2)
        t2 = rm.step("llama-2-13b", half, phase="decode")
        # Every operator's memory time is bytes / bandwidth: halving the
        # bandwidth doubles each term exactly, so the sum too.
        self.assertEqual(t2.model.memory_seconds, 2 * t1.model.memory_seconds)
        self.assertEqual(rm.step("llama-2-13b", hw, phase="decode"), t1)

    def test_mutated_workload_is_converted_anew(self):
        w = rm.workload("decode", batch=1, seq=1024)
        t1 = rm.step("llama-2-13b", "a6000", workload=w)
        w.batch = 2
        t2 = rm.step("llama-2-13b", "a6000", workload=w)
        self.assertNotEqual(t1, t2)
        self.assertEqual(t2, rm.step("llama-2-13b", "a6000", phase="decode",
                                     batch=2, seq=1024))

    def test_cached_struct_survives_copy_and_pickle(self):
        import copy
        import pickle
        hw = rm.hardware("a6000")
        want = rm.step("llama-2-13b", hw, phase="decode")
        for other in (copy.deepcopy(hw), pickle.loads(pickle.dumps(hw))):
            self.assertEqual(other, hw)
            self.assertEqual(rm.step("llama-2-13b", other, phase="decode"),
                             want)

    def test_unknown_enum_value_keeps_its_number(self):
        s = ffi.roof_sum()
        s.bound, s.dominant_op = 99, 1234
        got = types.from_c(s)
        self.assertEqual((got.bound, got.dominant_op), (99, 1234))
        s.bound = 2
        self.assertIs(types.from_c(s).bound, rm.Bound.COMPUTE)


def clean_env():
    env = dict(os.environ)
    for k in ("ROOFMODEL_LIBRARY", "ROOFMODEL_LIB", "PYTHONPATH",
              "LD_LIBRARY_PATH"):
        env.pop(k, None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run_python(code, cwd, env):
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)


class TestLibraryLookup(unittest.TestCase):
    """Each step of the lookup rule, with a copy of the package in a
    folder that has no build tree above it."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.pkg = os.path.join(self.tmp, "roofmodel")
        shutil.copytree(os.path.dirname(rm.__file__), self.pkg,
                        ignore=shutil.ignore_patterns("_lib", "__pycache__"))
        self.built = rm.library_path()

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def load(self, env):
        return run_python("import roofmodel as rm; print(rm.library_path())",
                          self.tmp, env)

    def test_nothing_found_lists_every_place(self):
        r = self.load(clean_env())
        if r.returncode == 0:
            self.skipTest("a libroofmodel is installed system-wide")
        for text in ("ROOFMODEL_LIBRARY: not set", "ROOFMODEL_LIB: not set",
                     "bundled: no libroofmodel.so* in "
                     + os.path.join(self.pkg, "_lib"),
                     "build trees: no build*/lib/libroofmodel.so* in "
                     + self.pkg,
                     'find_library("roofmodel") found nothing',
                     "libroofmodel.so.0"):
            self.assertIn(text, r.stderr)
        self.assertIn("LibraryNotFoundError", r.stderr)
        self.assertNotIn("Tried: nothing", r.stderr)

    def test_explicit_choice_is_not_second_guessed(self):
        env = clean_env()
        env["ROOFMODEL_LIBRARY"] = os.path.join(self.tmp, "typo.so")
        r = self.load(env)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("typo.so", r.stderr)
        env["ROOFMODEL_LIBRARY"] = os.path.dirname(self.built)  # a folder
        r = self.load(env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(os.path.dirname(r.stdout.strip()),
                         os.path.dirname(self.built))

    def test_bundled_library_before_build_trees(self):
        os.makedirs(os.path.join(self.pkg, "_lib"))
        bundled = os.path.join(self.pkg, "_lib", "libroofmodel.so")
        shutil.copyfile(self.built, bundled)
        fake_build = os.path.join(self.tmp, "build", "lib")
        os.makedirs(fake_build)
        shutil.copyfile(self.built, os.path.join(fake_build,
                                                 "libroofmodel.so"))
        r = self.load(clean_env())
        self.assertEqual(r.stdout.strip(), bundled, r.stderr)
        os.remove(bundled)
        r = self.load(clean_env())
        self.assertEqual(r.stdout.strip(),
                         os.path.join(fake_build, "libroofmodel.so"))

    def test_a_function_the_library_lacks(self):
        lib = ctypes.CDLL(self.built)
        lib.path = self.built
        saved = ffi.FUNCTIONS
        ffi.FUNCTIONS = saved + (("roof_no_such_fn", ffi.STATUS, []),)
        try:
            ffi._declare(lib)
        finally:
            ffi.FUNCTIONS = saved
        self.assertEqual(lib.missing, ["roof_no_such_fn"])
        with self.assertRaises(rm.UnsupportedError) as cm:
            lib.roof_no_such_fn()
        self.assertIn("roof_no_such_fn", str(cm.exception))
        self.assertIn(rm.__version__, str(cm.exception))
        self.assertEqual(lib.roof_version_string().decode(), rm.__version__)


def run_cli(*argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(list(argv))
    return status, out.getvalue(), err.getvalue()


class TestCommandLine(unittest.TestCase):
    STEP = ("--model", "llama-2-13b", "--hw", "a6000", "--phase", "decode",
            "--seq", "1024")

    def test_step_json_is_exact(self):
        status, out, _ = run_cli("step", *self.STEP, "--batch", "4",
                                 "--json")
        self.assertEqual(status, 0)
        got = json.loads(out)
        want = rm.step("llama-2-13b", "a6000", phase="decode", batch=4,
                       seq=1024)
        self.assertEqual(got["model"]["seconds"], want.model.seconds)
        self.assertEqual(got["model"]["bound"], "memory")

    def test_ops_json_has_every_operator(self):
        status, out, _ = run_cli("ops", *self.STEP, "--json")
        self.assertEqual(status, 0)
        names = [o["name"] for o in json.loads(out)["ops"]]
        self.assertIn("q_proj", names)
        q = json.loads(out)["ops"][names.index("q_proj")]
        self.assertEqual(q["flops"], 2 * 5120 * 5120)  # one token's GEMV

    def test_workload_flags(self):
        _, out, _ = run_cli("step", *self.STEP, "--weight-bits", "4",
                            "--fused", "--tp", "2", "--json")
        want = rm.step("llama-2-13b", "a6000", phase="decode", seq=1024,
                       weight_bits=4, attention="fused", tensor_parallel=2)
        self.assertEqual(json.loads(out)["model"]["bytes"], want.model.bytes)

    def test_estimate_and_lists(self):
        status, out, _ = run_cli("estimate", "--model", "llama-2-13b", "--hw",
                                 "a6000", "--prompt", "1024", "--gen", "128",
                                 "--json")
        self.assertEqual(status, 0)
        e = rm.estimate("llama-2-13b", "a6000", prompt_tokens=1024,
                        gen_tokens=128)
        self.assertEqual(json.loads(out)["tpot_seconds"], e.tpot_seconds)
        _, out, _ = run_cli("hw", "list")
        self.assertRegex(out, r"(?m)^a6000 ")
        _, out, _ = run_cli("model", "list", "--json")
        self.assertIn("llama-2-13b", [m["name"] for m in json.loads(out)])
        _, out, _ = run_cli("hw", "show", "a6000", "--json")
        self.assertEqual(rm.hardware_from_json(out), rm.hardware("a6000"))

    def test_text_output(self):
        _, out, _ = run_cli("step", *self.STEP)
        self.assertRegex(out, r"(?m)^model .* memory +dominant ")
        _, out, _ = run_cli("ops", *self.STEP)
        self.assertRegex(out, r"(?m)^q_proj ")

    def test_bad_input_is_status_2_with_nothing_on_stdout(self):
        for argv, text in (
                (("step", "--model", "llama-2-13b", "--hw", "a6000",
                  "--phase", "sideways", "--seq", "1"), "prefill"),
                (("step", *self.STEP, "--precision", "fp12"), "fp16"),
                (("model", "show", "./no-such-config.json"),
                 "no-such-config.json"),
                (("hw", "show", "a600"), "did you mean")):
            with self.subTest(argv=argv):
                status, out, err = run_cli(*argv)
                self.assertEqual(status, 2)
                self.assertEqual(out, "")
                self.assertIn(text, err)

    def test_python_dash_m(self):
        r = subprocess.run([sys.executable, "-m", "roofmodel", "--version"],
                           cwd=PY_ROOT, stdout=subprocess.PIPE,
                           universal_newlines=True)
        self.assertEqual(r.returncode, 0)
        self.assertTrue(r.stdout.startswith("roofmodel %s (" % rm.__version__))


class TestBackend(unittest.TestCase):
    def test_nothing_to_fetch(self):
        for fn in (backend.get_requires_for_build_wheel,
                   backend.get_requires_for_build_sdist,
                   backend.get_requires_for_build_editable):
            self.assertEqual(fn(), [])
        with open(os.path.join(PY_ROOT, "pyproject.toml")) as f:
            text = f.read()
        self.assertIn("requires = []", text)
        self.assertIn('build-backend = "roofmodel_backend"', text)

    def test_version_header_is_mesons(self):
        made = os.path.join(os.path.dirname(os.path.dirname(
            rm.library_path())), "include", "roofmodel", "version.h")
        if not os.path.isfile(made):
            self.skipTest("no meson build next to the library")
        with tempfile.TemporaryDirectory() as tmp:
            backend._version_header(backend._source_root(), tmp)
            with open(os.path.join(tmp, "roofmodel", "version.h")) as f:
                mine = f.read()
        with open(made) as f:
            self.assertEqual(mine, f.read())

    def test_wheel(self):
        with tempfile.TemporaryDirectory() as tmp:
            name = backend.build_wheel(
                tmp, {"library": os.path.realpath(rm.library_path())})
            self.assertRegex(name, r"^roofmodel-%s-py3-none-\w+\.whl$"
                             % re.escape(rm.__version__))
            with zipfile.ZipFile(os.path.join(tmp, name)) as z:
                names = set(z.namelist())
                meta = "roofmodel-%s.dist-info/" % rm.__version__
                for want in ("roofmodel/__init__.py", "roofmodel/__main__.py",
                             "roofmodel/types.py", "roofmodel/py.typed",
                             "roofmodel/_lib/libroofmodel.so",
                             meta + "METADATA", meta + "WHEEL",
                             meta + "RECORD"):
                    self.assertIn(want, names)
                mode = z.getinfo("roofmodel/_lib/libroofmodel.so") \
                    .external_attr >> 16
                self.assertTrue(mode & 0o100)
                rows = list(csv.reader(io.StringIO(
                    z.read(meta + "RECORD").decode())))
                self.assertEqual({r[0] for r in rows}, names)
                for path, digest, size in rows:
                    if path == meta + "RECORD":
                        self.assertEqual((digest, size), ("", ""))
                        continue
                    data = z.read(path)
                    self.assertEqual(int(size), len(data))
                    self.assertEqual(digest, "sha256=" + base64.
                                     urlsafe_b64encode(hashlib.sha256(data)
                                                       .digest())
                                     .rstrip(b"=").decode())
                metadata = z.read(meta + "METADATA").decode()
                self.assertIn("Version: %s\n" % rm.__version__, metadata)
                self.assertIn("Root-Is-Purelib: false",
                              z.read(meta + "WHEEL").decode())

    def test_sdist_carries_the_c_sources(self):
        members = dict(backend._sdist_members())
        for want in ("pyproject.toml", "backend/roofmodel_backend.py",
                     "roofmodel/py.typed", "csrc/meson.build",
                     "csrc/lib/roofmodel.map", "csrc/lib/ops.c",
                     "csrc/include/roofmodel/version.h.in",
                     "csrc/include/roofmodel/common.h"):
            self.assertIn(want, members)


if __name__ == "__main__":
    unittest.main()
