//! roofmodel-sys links libroofmodel statically unless ROOFMODEL_STATIC=0.
//! When it links the shared library it passes on its directory
//! (DEP_ROOFMODEL_LIB_DIR), and an rpath to it lets this crate's tests and
//! examples run without LD_LIBRARY_PATH.  Link arguments of a build script
//! apply to its own package only, so this crate sets its own; a downstream
//! crate that links the shared library does the same (docs/bindings.md).
fn main() {
    println!("cargo:rerun-if-env-changed=DEP_ROOFMODEL_LIB_DIR");
    println!("cargo:rerun-if-env-changed=DEP_ROOFMODEL_STATIC");
    let shared = std::env::var("DEP_ROOFMODEL_STATIC").map_or(false, |v| v == "0");
    if let (true, Ok(dir)) = (shared, std::env::var("DEP_ROOFMODEL_LIB_DIR")) {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{}", dir);
    }
}
