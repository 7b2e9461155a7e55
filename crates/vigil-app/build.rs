//! The message catalogues are compiled into the crate: a change to any
//! file under `locales/` (a new topic file too) rebuilds it.
//!
//! Each folder of `locales/` is a language of the interface: this script
//! writes the [`Lang`] enum from the folders' names (English first, the
//! fallback; then by code), so that adding a language is adding its
//! folder.

use std::fmt::Write as _;

fn main() {
    println!("cargo:rerun-if-changed=locales");
    let mut codes: Vec<String> = std::fs::read_dir("locales")
        .expect("the catalogues' folder, locales/")
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    codes.sort_by_key(|c| (c != "en", c.clone()));
    assert_eq!(
        codes.first().map(String::as_str),
        Some("en"),
        "locales/en, the reference, is missing"
    );
    for code in &codes {
        assert!(
            !code.is_empty()
                && code
                    .split('-')
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric())),
            "locales/{code}: a folder is named by its BCP 47 code (en, ru, kk, pt-BR)"
        );
    }
    let variant = |code: &str| -> String {
        code.split('-')
            .map(|p| {
                let mut cs = p.chars();
                cs.next()
                    .map(|c| c.to_ascii_uppercase().to_string() + &cs.as_str().to_ascii_lowercase())
                    .unwrap_or_default()
            })
            .collect()
    };
    let mut out = String::new();
    out.push_str("/// A language of the interface: one for each folder of `locales/`.\n");
    out.push_str("#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]\npub enum Lang {\n    #[default]\n");
    for code in &codes {
        let _ = writeln!(out, "    {},", variant(code));
    }
    out.push_str("}\n\nimpl Lang {\n");
    let _ = writeln!(
        out,
        "    /// Every language, English first.\n    pub const ALL: [Lang; {}] = [{}];\n",
        codes.len(),
        codes
            .iter()
            .map(|c| format!("Lang::{}", variant(c)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    out.push_str(
        "    /// The BCP 47 code, as in `<html lang>`, `?lang=` and the catalogue's\n    /// folder.\n    pub const fn code(self) -> &'static str {\n        match self {\n",
    );
    for code in &codes {
        let _ = writeln!(out, "            Lang::{} => {code:?},", variant(code));
    }
    out.push_str("        }\n    }\n}\n");
    let path = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("lang.rs");
    std::fs::write(path, out).expect("writing lang.rs");
}
