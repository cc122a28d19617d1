"""The PEP 517 build backend of the roofmodel Python package: standard
library only, so `pip install bindings/python` needs no package index.

It compiles the C library from the repository's lib/*.c and include/ with
the C compiler (CC, else cc) into roofmodel/_lib/libroofmodel.so inside the
wheel, so the installed package imports from any folder with no
environment variable.  libc and libm are all the library needs.

Config settings (pip install --config-settings KEY=VALUE):
  library=PATH   bundle this libroofmodel.so (a meson build's, say,
                 build/lib/libroofmodel.so.0.1.0) instead of compiling.

It implements build_wheel, build_sdist (the C sources go in csrc/) and
build_editable (PEP 660: a .pth naming this folder; the library is
compiled into roofmodel/_lib/ here).
"""

import base64
import hashlib
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import zipfile

NAME = "roofmodel"
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = os.path.join(HERE, NAME)
SUMMARY = ("How fast can this transformer run on this accelerator, and what "
           "limits it? Roofline model of LLM inference (C library bindings)")
LIBRARY = "libroofmodel.so"
SOVERSION = "0"  # meson.build's soversion: the ABI the bindings declare


# ---- where the C sources are ---------------------------------------------

def _source_root():
    """The folder holding meson.build, lib/ and include/: the repository
    two levels up, or csrc/ in an unpacked sdist."""
    for root in (os.path.dirname(os.path.dirname(HERE)),
                 os.path.join(HERE, "csrc")):
        if all(os.path.exists(os.path.join(root, p)) for p in
               ("meson.build", "lib", os.path.join("include", "roofmodel"))):
            return root
    raise RuntimeError("roofmodel's C sources not found: expected "
                       "bindings/python inside the repository, or csrc/")


def version():
    """The project's version, from the project() call of meson.build."""
    with open(os.path.join(_source_root(), "meson.build")) as f:
        text = f.read()
    m = re.search(r"project\(\s*'roofmodel'.*?version\s*:\s*'([^']+)'",
                  text, re.S)
    if not m:
        raise RuntimeError("no version in meson.build's project()")
    return m.group(1)


# ---- the C library ---------------------------------------------------------

def _version_header(root, out_dir):
    """include/roofmodel/version.h as meson makes it from version.h.in."""
    v = version()
    major, minor, patch = v.split(".")[:3]
    with open(os.path.join(root, "include", "roofmodel",
                           "version.h.in")) as f:
        text = f.read()
    for key, value in (("MAJOR", major), ("MINOR", minor), ("PATCH", patch),
                       ("VERSION", v)):
        text = text.replace("@%s@" % key, value)
    d = os.path.join(out_dir, "roofmodel")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "version.h"), "w") as f:
        f.write(text)


def compile_library(out_path):
    """Compiles lib/*.c into the shared library out_path."""
    root = _source_root()
    lib = os.path.join(root, "lib")
    sources = sorted(os.path.join(lib, f) for f in os.listdir(lib)
                     if f.endswith(".c"))
    with tempfile.TemporaryDirectory() as tmp:
        _version_header(root, tmp)
        cmd = shlex.split(os.environ.get("CC") or "cc") + [
            "-std=c99", "-O2", "-fPIC", "-shared", "-fvisibility=hidden",
            "-I", tmp, "-I", os.path.join(root, "include"), "-I", lib]
        if sys.platform != "darwin":
            cmd += ["-Wl,-soname,%s.%s" % (LIBRARY, SOVERSION),
                    "-Wl,--version-script=" + os.path.join(lib,
                                                           "roofmodel.map")]
        cmd += sources + ["-o", out_path, "-lm"]
        print("roofmodel_backend: " + " ".join(shlex.quote(c) for c in cmd),
              file=sys.stderr)
        subprocess.run(cmd, check=True)


def _library(config_settings, tmp):
    """The path of the library to bundle: the one config_settings names,
    or one compiled now into tmp."""
    given = (config_settings or {}).get("library")
    if given:
        if not os.path.isfile(given):
            raise RuntimeError("library=%s: no such file" % given)
        return given
    out = os.path.join(tmp, LIBRARY)
    compile_library(out)
    return out


# ---- wheels ----------------------------------------------------------------

def _tag():
    plat = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return "py3-none-" + plat


def _dist_info():
    return "%s-%s.dist-info" % (NAME, version())


def _metadata():
    readme = os.path.join(HERE, "README.md")
    body = ""
    if os.path.exists(readme):
        with open(readme, encoding="utf-8") as f:
            body = f.read()
    return ("Metadata-Version: 2.1\nName: %s\nVersion: %s\nSummary: %s\n"
            "License: MIT\nRequires-Python: >=3.7\n"
            "Description-Content-Type: text/markdown\n\n%s"
            % (NAME, version(), SUMMARY, body))


def _meta_files():
    """The .dist-info files but RECORD: {name: text}."""
    return {
        "METADATA": _metadata(),
        "WHEEL": ("Wheel-Version: 1.0\nGenerator: roofmodel_backend\n"
                  "Root-Is-Purelib: false\nTag: %s\n" % _tag()),
        "top_level.txt": NAME + "\n",
    }


def _package_files():
    """(path in the wheel, path on disk) of the Python package."""
    out = []
    for name in sorted(os.listdir(PACKAGE)):
        if name.endswith(".py") or name == "py.typed":
            out.append(("%s/%s" % (NAME, name), os.path.join(PACKAGE, name)))
    return out


class _Wheel:
    """A wheel being written: each file's hash goes into RECORD."""

    def __init__(self, path):
        self.zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
        self.record = []

    def add(self, arcname, data, mode=0o644):
        info = zipfile.ZipInfo(arcname, date_time=(1980, 1, 1, 0, 0, 0))
        info.external_attr = (0o100000 | mode) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        self.zip.writestr(info, data)
        digest = base64.urlsafe_b64encode(
            hashlib.sha256(data).digest()).rstrip(b"=").decode()
        self.record.append("%s,sha256=%s,%d" % (arcname, digest, len(data)))

    def add_file(self, arcname, path, mode=0o644):
        with open(path, "rb") as f:
            self.add(arcname, f.read(), mode)

    def close(self):
        meta = _dist_info()
        for name, text in _meta_files().items():
            self.add("%s/%s" % (meta, name), text.encode("utf-8"))
        self.record.append("%s/RECORD,," % meta)
        info = zipfile.ZipInfo("%s/RECORD" % meta, (1980, 1, 1, 0, 0, 0))
        info.external_attr = 0o100644 << 16
        self.zip.writestr(info, "\n".join(self.record) + "\n")
        self.zip.close()


def _wheel_name():
    return "%s-%s-%s.whl" % (NAME, version(), _tag())


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory,
                                     config_settings=None):
    d = os.path.join(metadata_directory, _dist_info())
    os.makedirs(d, exist_ok=True)
    for name, text in _meta_files().items():
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.write(text)
    return _dist_info()


prepare_metadata_for_build_editable = prepare_metadata_for_build_wheel


def build_wheel(wheel_directory, config_settings=None,
                metadata_directory=None):
    """The wheel: the package and the library in roofmodel/_lib/."""
    name = _wheel_name()
    with tempfile.TemporaryDirectory() as tmp:
        lib = _library(config_settings, tmp)
        w = _Wheel(os.path.join(wheel_directory, name))
        for arcname, path in _package_files():
            w.add_file(arcname, path)
        w.add_file("%s/_lib/%s" % (NAME, LIBRARY), lib, 0o755)
        w.close()
    return name


def build_editable(wheel_directory, config_settings=None,
                   metadata_directory=None):
    """PEP 660: a .pth that puts this folder on sys.path; the library is
    compiled (or copied) into roofmodel/_lib/ here."""
    name = _wheel_name()
    target = os.path.join(PACKAGE, "_lib")
    os.makedirs(target, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copyfile(_library(config_settings, tmp),
                        os.path.join(target, LIBRARY))
    w = _Wheel(os.path.join(wheel_directory, name))
    w.add("__editable__.%s.pth" % NAME, (HERE + "\n").encode("utf-8"))
    w.close()
    return name


# ---- sdist -----------------------------------------------------------------

def _sdist_members():
    """(path in the sdist, path on disk): this folder's package files, and
    the C sources under csrc/."""
    out = [("pyproject.toml", os.path.join(HERE, "pyproject.toml")),
           ("backend/roofmodel_backend.py", os.path.abspath(__file__))]
    if os.path.exists(os.path.join(HERE, "README.md")):
        out.append(("README.md", os.path.join(HERE, "README.md")))
    out += _package_files()
    root = _source_root()
    out.append(("csrc/meson.build", os.path.join(root, "meson.build")))
    for sub in ("lib", "include"):
        for d, _, files in os.walk(os.path.join(root, sub)):
            for f in sorted(files):
                if f.endswith((".c", ".h", ".in", ".map")):
                    p = os.path.join(d, f)
                    out.append(("csrc/" + os.path.relpath(p, root)
                                .replace(os.sep, "/"), p))
    return out


def build_sdist(sdist_directory, config_settings=None):
    base = "%s-%s" % (NAME, version())
    name = base + ".tar.gz"
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz",
                      format=tarfile.PAX_FORMAT) as tar:
        for arcname, path in _sdist_members():
            tar.add(path, "%s/%s" % (base, arcname), recursive=False)
        info = tarfile.TarInfo("%s/PKG-INFO" % base)
        data = _metadata().encode("utf-8")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return name
