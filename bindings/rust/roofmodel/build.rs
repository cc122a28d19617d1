//! roofmodel-sys passes on the directory it linked libroofmodel from
//! (DEP_ROOFMODEL_LIB_DIR); an rpath to it lets this crate's tests and
//! examples run without LD_LIBRARY_PATH.  Link arguments of a build script
//! apply to its own package only, so this crate sets its own.
fn main() {
    println!("cargo:rerun-if-env-changed=DEP_ROOFMODEL_LIB_DIR");
    if let Ok(dir) = std::env::var("DEP_ROOFMODEL_LIB_DIR") {
        if std::env::var("ROOFMODEL_STATIC").map_or(true, |v| v != "1") {
            println!("cargo:rustc-link-arg=-Wl,-rpath,{}", dir);
        }
    }
}
