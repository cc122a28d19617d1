//! Finds libroofmodel: ROOFMODEL_LIB_DIR (a directory holding
//! libroofmodel.so or .a), else `pkg-config --libs roofmodel`.
//! ROOFMODEL_STATIC=1 links the static library instead of the shared one.
//! The directory found is passed on to dependent crates as
//! DEP_ROOFMODEL_LIB_DIR, so their tests and examples can set an rpath.

use std::env;
use std::process::Command;

fn main() {
    for var in ["ROOFMODEL_LIB_DIR", "ROOFMODEL_STATIC", "PKG_CONFIG_PATH"] {
        println!("cargo:rerun-if-env-changed={}", var);
    }
    let static_link = env::var("ROOFMODEL_STATIC").map_or(false, |v| v == "1");
    let kind = if static_link { "static" } else { "dylib" };

    let dirs = match env::var("ROOFMODEL_LIB_DIR") {
        Ok(dir) if !dir.is_empty() => vec![dir],
        _ => from_pkg_config(static_link),
    };
    for dir in &dirs {
        println!("cargo:rustc-link-search=native={}", dir);
    }
    println!("cargo:rustc-link-lib={}=roofmodel", kind);
    if static_link {
        println!("cargo:rustc-link-lib=dylib=m");
    }
    if let Some(dir) = dirs.first() {
        println!("cargo:lib_dir={}", dir);
        if !static_link {
            println!("cargo:rustc-link-arg=-Wl,-rpath,{}", dir);
        }
    }
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
             or set ROOFMODEL_LIB_DIR to the directory of libroofmodel.so",
            pkg_config,
            String::from_utf8_lossy(&out.stderr).trim()
        ),
        Err(e) => panic!(
            "roofmodel-sys: cannot run {}: {}; set ROOFMODEL_LIB_DIR to the \
             directory of libroofmodel.so",
            pkg_config, e
        ),
    };
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .filter_map(|flag| flag.strip_prefix("-L"))
        .map(str::to_string)
        .collect()
}
