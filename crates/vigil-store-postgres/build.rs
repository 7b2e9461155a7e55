//! The migrations are embedded in the crate (`sqlx::migrate!`): a new or
//! changed file under `migrations/` rebuilds it.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
