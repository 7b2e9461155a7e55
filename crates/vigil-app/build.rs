//! The message catalogues are compiled into the crate: a change to any
//! file under `locales/` (a new topic file too) rebuilds it.

fn main() {
    println!("cargo:rerun-if-changed=locales");
}
