//! The message catalogues are compiled into the library: a catalogue file
//! added, changed or removed under `locales/` builds it again (cargo looks
//! at every file of a folder named here).
fn main() {
    println!("cargo:rerun-if-changed=locales");
}
