//! Finds libroofmodel and links it statically by default, so that every
//! binary built on these crates (a downstream crate's too) runs without
//! LD_LIBRARY_PATH or an rpath.
//!
//! Where: ROOFMODEL_LIB_DIR (a directory holding libroofmodel.a and/or
//! .so), else the -L directories of `pkg-config --libs [--static]
//! roofmodel`.
//!
//! How: ROOFMODEL_STATIC unset or 1 links libroofmodel.a (and libm);
//! ROOFMODEL_STATIC=0 links the shared library.  A shared link sets an
//! rpath for this package's own tests; a dependent's binaries need their
//! own, from DEP_ROOFMODEL_LIB_DIR in their build script (as the roofmodel
//! crate does), or LD_LIBRARY_PATH.  When static is the default but the
//! directory holds no libroofmodel.a, it links the shared library and says
//! so in a cargo warning.  The crate's `LINK_KIND` says which it did.

use std::env;
use std::path::Path;
use std::process::Command;

fn main() {
    for var in ["ROOFMODEL_LIB_DIR", "ROOFMODEL_STATIC", "PKG_CONFIG_PATH", "PKG_CONFIG"] {
        println!("cargo:rerun-if-env-changed={}", var);
    }
    let asked = env::var("ROOFMODEL_STATIC").ok();
    let want_static = asked.as_deref() != Some("0");
    let dirs = match env::var("ROOFMODEL_LIB_DIR") {
        Ok(dir) if !dir.is_empty() => vec![dir],
        _ => from_pkg_config(want_static),
    };
    let archive = dirs.iter().find(|d| Path::new(d).join("libroofmodel.a").is_file());
    let static_link = want_static && (archive.is_some() || asked.as_deref() == Some("1"));
    if want_static && !static_link {
        println!(
            "cargo:warning=roofmodel-sys: no libroofmodel.a in {:?}: linking the shared \
             library; dependent binaries need LD_LIBRARY_PATH or an rpath",
            dirs
        );
    }
    for dir in &dirs {
        println!("cargo:rustc-link-search=native={}", dir);
    }
    let lib_dir = if static_link {
        archive.or(dirs.first())
    } else {
        dirs.first()
    };
    if static_link {
        println!("cargo:rustc-link-lib=static=roofmodel");
        println!("cargo:rustc-link-lib=dylib=m");
    } else {
        println!("cargo:rustc-link-lib=dylib=roofmodel");
    }
    // Relink when the library is rebuilt: cargo does not watch it otherwise.
    if let Some(dir) = lib_dir {
        let file = if static_link {
            "libroofmodel.a"
        } else {
            "libroofmodel.so"
        };
        let path = Path::new(dir).join(file);
        if path.exists() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
        println!("cargo:lib_dir={}", dir);
        if !static_link {
            println!("cargo:rustc-link-arg=-Wl,-rpath,{}", dir);
        }
    }
    println!("cargo:static={}", if static_link { "1" } else { "0" });
    println!(
        "cargo:rustc-env=ROOFMODEL_LINK_KIND={}",
        if static_link { "static" } else { "dylib" }
    );
}

/// The -L directories of `pkg-config --libs roofmodel`; the binary is run
/// directly: no crates from outside.
fn from_pkg_config(static_link: bool) -> Vec<String> {
    let pkg_config = env::var("PKG_CONFIG").unwrap_or_else(|_| "pkg-config".to_string());
    let mut cmd = Command::new(&pkg_config);
    cmd.arg("--libs");
    if static_link {
        cmd.arg("--static");
    }
    cmd.arg("roofmodel");
    let out = match cmd.output() {
        Ok(out) if out.status.success() => out,
        Ok(out) => panic!(
            "roofmodel-sys: `{} --libs roofmodel` failed: {}\n\
             Install roofmodel, set PKG_CONFIG_PATH to its lib/pkgconfig, \
             or set ROOFMODEL_LIB_DIR to the directory of libroofmodel.a or .so",
            pkg_config,
            String::from_utf8_lossy(&out.stderr).trim()
        ),
        Err(e) => panic!(
            "roofmodel-sys: cannot run {}: {}; set ROOFMODEL_LIB_DIR to the \
             directory of libroofmodel.a or .so",
            pkg_config, e
        ),
    };
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .filter_map(|flag| flag.strip_prefix("-L"))
        .map(str::to_string)
        .collect()
}
