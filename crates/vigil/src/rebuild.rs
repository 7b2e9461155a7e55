//! `vigil rebuild-derived`: recomputes the state kept from the case file
//! (each person's status stretches, the counts) from the live records.
//! Writes keep it up to date themselves; this is for a case file restored
//! from an older version's backup, or to be sure. First, a confidential
//! record an older version left under a readable id (made from a name) is
//! given an opaque one, as a write making it confidential now does.

use vigil_store::Store;

use crate::data::{open_store, DataArgs};

#[derive(clap::Args)]
pub struct RebuildArgs {
    #[command(flatten)]
    data: DataArgs,
}

pub async fn run(args: RebuildArgs) -> anyhow::Result<()> {
    let store = open_store(&args.data).await?;
    let started = std::time::Instant::now();
    let given = store.give_opaque_ids().await?;
    if given > 0 {
        eprintln!(
            "{}",
            crate::say::tw("cli-opaque-ids-given", &[("count", crate::say::Arg::Number(given))])
        );
    }
    let persons = store.rebuild_derived().await?;
    eprintln!(
        "{}",
        crate::say::tw(
            "cli-rebuilt",
            &[
                ("count", crate::say::Arg::Number(persons)),
                (
                    "number",
                    crate::say::Arg::Text(&format!("{:.1}", started.elapsed().as_secs_f64()))
                ),
            ]
        )
    );
    store.close().await;
    Ok(())
}
