//! The downstream binary starts with no LD_LIBRARY_PATH: roofmodel-sys
//! links libroofmodel.a by default, so the binary does not need the shared
//! library at all.  With ROOFMODEL_STATIC=0 (shared library) a downstream
//! crate must set its own rpath, which this one does not: the test then
//! checks only that the binary names libroofmodel.so.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_roofmodel-downstream");

/// The shared libraries the binary asks for (readelf -d), when readelf is
/// there; binutils comes with the C compiler.
fn needed() -> Option<String> {
    let out = Command::new("readelf").args(["-d", BIN]).output().ok()?;
    if !out.status.success() {
        return None;
    }
    Some(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| l.contains("(NEEDED)"))
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

#[test]
fn runs_without_ld_library_path() {
    if roofmodel::sys::LINK_KIND != "static" {
        if let Some(n) = needed() {
            assert!(n.contains("libroofmodel.so"), "{}", n);
        }
        return;
    }
    if let Some(n) = needed() {
        assert!(!n.contains("libroofmodel"), "a static link still needs: {}", n);
    }
    let out = Command::new(BIN)
        .env_remove("LD_LIBRARY_PATH")
        .env_remove("ROOFMODEL_LIB_DIR")
        .output()
        .expect("the downstream binary starts");
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    // 2 x 5120 x 5120 = 52,428,800 FLOP for one token's q_proj
    assert_eq!(String::from_utf8_lossy(&out.stdout), "static q_proj 52428800\n");
}
