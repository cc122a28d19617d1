"""Runs the go command on the Go binding against an uninstalled meson
build, as the tests do: offline, with its caches in the build folder.

usage: run_go.py BUILD_ROOT GO_ARGS...

It runs `go GO_ARGS...` in bindings/go with
  PKG_CONFIG_PATH  BUILD_ROOT/meson-uninstalled first (cgo's
                   `pkg-config roofmodel` finds the build tree)
  CGO_LDFLAGS      -Wl,-rpath,BUILD_ROOT/lib (programs run without
                   LD_LIBRARY_PATH)
  CGO_CFLAGS       -g -O2 and a digest of the public headers: the go
                   command does not notice a changed C header by itself,
                   and a stale cgo build would test an old layout
  GOCACHE, GOPATH  under BUILD_ROOT/bindings (works as root, in CI)
  GOPROXY=off GOTOOLCHAIN=local GOENV=off: nothing is
                   fetched, no user setting applies.
Exits 77 (meson: skipped) when go is not installed (Debian: apt-get
install golang-go; ./build.sh test installs it).
"""

import glob
import hashlib
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def header_digest(build_root):
    source_root = os.path.dirname(os.path.dirname(HERE))
    h = hashlib.sha256()
    for root in (source_root, build_root):
        for path in sorted(glob.glob(os.path.join(root, "include", "**", "*.h"),
                                     recursive=True)):
            with open(path, "rb") as f:
                h.update(path.encode() + b"\0" + f.read())
    return h.hexdigest()[:16]


def go_env(build_root):
    env = dict(os.environ)
    pc = os.path.join(build_root, "meson-uninstalled")
    env["PKG_CONFIG_PATH"] = os.pathsep.join(
        p for p in (pc, env.get("PKG_CONFIG_PATH", "")) if p)
    lib = os.path.join(build_root, "lib")
    env["CGO_LDFLAGS"] = ("-Wl,-rpath," + lib + " " + env.get("CGO_LDFLAGS", "")).strip()
    env["CGO_CFLAGS"] = "-g -O2 -DROOFMODEL_HEADERS_" + header_digest(build_root)
    env["CGO_ENABLED"] = "1"
    cache = os.path.join(build_root, "bindings")
    env.setdefault("GOCACHE", os.path.join(cache, "go-cache"))
    env.setdefault("GOPATH", os.path.join(cache, "go-path"))
    env.update(GOPROXY="off", GOTOOLCHAIN="local",
               GOENV="off", GO111MODULE="on", GOTELEMETRY="off")
    return env


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    go = shutil.which("go")
    if go is None:
        print("go not found: the Go binding is not tested "
              "(apt-get install golang-go)")
        sys.exit(77)
    build_root = os.path.abspath(sys.argv[1])
    p = subprocess.run([go] + sys.argv[2:], cwd=HERE, env=go_env(build_root))
    sys.exit(p.returncode)


if __name__ == "__main__":
    main()
