"""pip install of bindings/python into a fresh virtual environment with no
package index, then an import from another folder with no environment
variable: the version and one answer.

usage: install_check.py VERSION     (meson passes meson.project_version())
Exit 77 (meson's "skipped") only when this Python cannot make a virtual
environment with pip (Debian: apt-get install python3-venv).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

PY_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SKIP = 77

# Run in the new environment, from a folder outside the repository.
PROBE = r"""
import json, roofmodel as rm
q = {o.name: o for o in rm.ops("llama-2-13b", "a6000", phase="decode",
                               seq=1024).ops}["q_proj"]
print(json.dumps({"version": rm.__version__, "file": rm.__file__,
                  "library": rm.library_path(), "q_flops": q.flops,
                  "q_bound": str(q.bound)}))
"""


def clean_env():
    env = dict(os.environ)
    for k in ("ROOFMODEL_LIBRARY", "ROOFMODEL_LIB", "PYTHONPATH",
              "LD_LIBRARY_PATH", "PYTHONHOME", "VIRTUAL_ENV"):
        env.pop(k, None)
    env.update(PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1",
               PIP_NO_CACHE_DIR="1", PYTHONDONTWRITEBYTECODE="1")
    return env


def run(cmd, cwd, env):
    print("$ " + " ".join(cmd), flush=True)
    r = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, universal_newlines=True)
    print(r.stdout, end="", flush=True)
    if r.returncode != 0:
        sys.exit("failed with status %d: %s" % (r.returncode, " ".join(cmd)))
    return r.stdout


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    want = sys.argv[1]
    probe = subprocess.run([sys.executable, "-c", "import venv, ensurepip"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if probe.returncode != 0:
        print("skipped: %s -m venv is unavailable (Debian: apt-get install "
              "python3-venv)" % sys.executable)
        return SKIP
    tmp = tempfile.mkdtemp(prefix="roofmodel-venv-")
    try:
        env = clean_env()
        venv = os.path.join(tmp, "venv")
        run([sys.executable, "-m", "venv", venv], tmp, env)
        py = os.path.join(venv, "bin", "python")
        run([py, "-m", "pip", "install", "--no-index", PY_ROOT], tmp, env)
        elsewhere = os.path.join(tmp, "elsewhere")
        os.mkdir(elsewhere)
        got = json.loads(run([py, "-c", PROBE], elsewhere, env)
                         .strip().splitlines()[-1])
        failures = []
        if got["version"] != want:
            failures.append("__version__ %r, want %r" % (got["version"], want))
        for key in ("file", "library"):
            if not os.path.realpath(got[key]).startswith(
                    os.path.realpath(venv) + os.sep):
                failures.append("%s %s is not inside the venv" % (key,
                                                                   got[key]))
        # Decode q_proj of Llama 2 13B: one token through a 5120 x 5120
        # weight, 2 x 5120 x 5120 FLOP, about 1 FLOP/byte: memory-bound.
        if got["q_flops"] != 2 * 5120 * 5120 or got["q_bound"] != "memory":
            failures.append("q_proj %r FLOP, %s-bound" % (got["q_flops"],
                                                           got["q_bound"]))
        out = run([py, "-m", "roofmodel", "version"], elsewhere, env)
        if not out.startswith("roofmodel %s " % want):
            failures.append("python -m roofmodel version said %r" % out)
        if failures:
            sys.exit("; ".join(failures))
        print("installed roofmodel %s imports and answers from %s"
              % (want, elsewhere))
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
