//! The behaviour every backend must show, written once.
//!
//! A backend's tests call [`behaviour_suite!`](crate::behaviour_suite) with
//! an async function that returns a fresh, empty store; each check below
//! becomes one `#[tokio::test]` of that backend. Fixtures come from the
//! demo case file. One file a contract: [`records`] (the case file's
//! [`crate::Store`]), [`accounts`], [`proposals`], [`campaigns`],
//! [`field`] (form keys, uploaded forms, parts of encrypted reports,
//! through [`field_suite!`](crate::field_suite)), and
//! [`transfer`] (a whole case file moved, through
//! [`transfer_suite!`](crate::transfer_suite)).

mod accounts;
mod campaigns;
mod country;
mod derived;
mod field;
mod proposals;
mod records;
mod transfer;

pub use accounts::*;
pub use campaigns::*;
pub use country::*;
pub use derived::*;
pub use field::*;
pub use proposals::*;
pub use records::*;
pub use transfer::*;

use vigil_core::{CaseFile, Person, Record, RecordId};

use crate::{Change, Store};

fn demo() -> CaseFile {
    vigil_demo::case_file().expect("the demo case file is valid")
}

/// Two demo persons marked to be looked for at rest: a confidential
/// witness whose name and alias are markers, and a victim whose address is
/// a marker but not (yet) confidential. A backend's own tests write them
/// and search its files or tables for `MARKER`.
pub fn marked_persons() -> (Person, Person) {
    let demo = demo();
    let mut witness = demo.persons[0].clone();
    witness.id = id("w-7f3a");
    witness.name = "MARKER-WITNESS-NAME-0x51".into();
    witness.aliases = vec!["MARKER-ALIAS-0x52".into()];
    witness.confidential = true;
    let mut victim = demo.persons[1].clone();
    victim.id = id("v-19c2");
    victim.address = Some("MARKER-ADDRESS-0x53".into());
    (witness, victim)
}

/// A wholly confidential witness (`w-0001`, with a Cyrillic alias) and a
/// victim whose address is a confidential field (`v-0001`), made from the
/// demo's second and third persons: what a copy or a key rotation must
/// carry sealed.
pub fn confidential_persons(cf: &CaseFile) -> (Person, Person) {
    let mut witness = cf.persons[1].clone();
    witness.id = id("w-0001");
    witness.name = "Zhanna Witnessova".into();
    witness.aliases = vec!["Жанна".into()];
    witness.confidential = true;
    let mut victim = cf.persons[2].clone();
    victim.id = id("v-0001");
    victim.name = "Victim Withheld".into();
    victim.aliases.clear();
    victim.address = Some("7 Quiet Lane".into());
    victim.confidential_fields = vec!["address".into()];
    (witness, victim)
}

/// Writes [`confidential_persons`] into `store` by `by`, then edits the
/// victim's confidential address to "9 Hidden Street" (a sealed revision
/// of a confidential field).
pub async fn write_confidential_persons<S: Store>(store: &S, cf: &CaseFile, by: &Change) {
    let (witness, mut victim) = confidential_persons(cf);
    store.create(Record::Person(witness), by).await.expect("witness");
    store.create(Record::Person(victim.clone()), by).await.expect("victim");
    victim.address = Some("9 Hidden Street".into());
    store.update(Record::Person(victim), by).await.expect("edit");
}

/// Creates the open campaign `free-erlan` (for Erlan Baltabay, in
/// English), by `ana`.
pub async fn open_campaign<S: crate::Campaigns>(store: &S) {
    let campaign: vigil_core::campaign::Campaign = serde_json::from_value(serde_json::json!({
        "slug": "free-erlan",
        "persons": ["erlan-baltabay"],
        "versions": [{"language": "en", "title": "Free him", "text": "t", "message": "m"}],
        "state": "open"
    }))
    .expect("campaign");
    store.create_campaign(&campaign, "ana").await.expect("campaign");
}

/// Invalidates, by `ana`, the signatures of `free-erlan` whose addresses
/// are at `domain`.
pub async fn invalidate_domain<S: crate::Campaigns>(
    store: &S,
    domain: &str,
) -> crate::Result<crate::campaigns::Invalidation> {
    let filter = crate::campaigns::Filter {
        domain: Some(domain.into()),
        ..Default::default()
    };
    store.invalidate("free-erlan", &filter, "ana").await
}

/// Attaches a small PNG (`photo.png`, sealed at rest) to the source
/// `source`.
pub async fn attach_photo<S: crate::attachments::Attachments>(store: &S, source: RecordId) {
    let photo = b"\x89PNG\r\n\x1a\n a photograph from the field".to_vec();
    store
        .add_attachment(
            &crate::attachments::Attachment {
                source_id: source,
                name: "photo.png".into(),
                content_type: "image/png".into(),
                size: photo.len() as u64,
                sha256: "0".repeat(64),
                received_at: 1,
            },
            &photo,
        )
        .await
        .expect("attachment");
}

fn id(s: &str) -> RecordId {
    RecordId::parse(s).expect("a valid id")
}

fn editor() -> Change {
    Change::new("editor@example.org", Some("suite"))
}

/// Imports the demo case file into `store` (asserting every record went
/// in), and returns it.
pub async fn loaded<S: Store>(store: &S) -> CaseFile {
    let cf = demo();
    let n = store
        .import(&cf, &Change::new("demo", Some("demo load")))
        .await
        .expect("demo imports");
    assert_eq!(n, cf.len());
    cf
}

/// Runs each named check as a test against stores made by `$make`.
///
/// `behaviour_suite!(fresh_store)` takes an async fn returning a store;
/// `behaviour_suite!(optional fresh_store)` one returning `Option<store>`,
/// where `None` means "this backend is not available here": the check then
/// passes without running (the maker says why, loudly).
#[macro_export]
macro_rules! behaviour_suite {
    // Stores under test implement both `Store` and `Accounts`.
    ($make:path) => {
        $crate::behaviour_suite!(@checks plain $make);
    };
    (optional $make:path) => {
        $crate::behaviour_suite!(@checks optional $make);
    };
    (@checks $mode:ident $make:path) => {
        $crate::behaviour_suite!(@each $mode $make;
            import_round_trips_every_record,
            counts_and_lists_follow_visibility,
            person_name_query_folds_case_and_script,
            event_filters,
            paging_and_totals,
            create_update_delete_write_revisions,
            create_refuses_a_taken_id,
            create_all_writes_each_with_its_change_or_none,
            invalid_records_are_refused_whole,
            excerpts_must_quote_their_source,
            references_must_resolve_to_the_right_kind,
            delete_refuses_while_referred_to,
            failed_import_leaves_nothing,
            update_of_unknown_record_is_not_found,
            a_write_expecting_a_past_revision_is_stale,
            referring_to_lists_citing_records,
            named_in_history_finds_who_named_a_record_once,
            country_reads_agree_with_the_whole_case_file,
            change_log_is_ordered_and_resumable,
            a_write_returns_the_revision_that_reads_return,
            restore_brings_back_a_past_state_and_deleted_records,
            what_cannot_be_shown_without_a_confidential_record_is_withheld_with_it,
            a_record_an_editor_makes_confidential_is_given_an_opaque_id_and_its_readable_one_leaves_no_trace,
            confidential_records_of_an_earlier_version_are_given_opaque_ids,
            confidential_fields_are_withheld_from_the_public,
            accounts_tokens_and_sessions,
            account_changes_are_audited_in_the_same_transaction,
            a_device_digest_is_kept_sealed_and_goes_with_its_password,
            the_whole_case_file_reads_back,
            public_records_do_not_reveal_confidential_ones,
            accountability_records_have_history_restore_and_confidentiality,
            campaigns_take_one_signature_per_person_and_confirm_once,
            campaign_invalidation_reverts_and_anonymisation_keeps_counts,
            the_mail_queue_leases_retries_and_gives_up,
            campaign_outcomes_milestones_and_partner_links,
            the_confirmation_that_reaches_the_goal_records_it_once_and_signers_can_withdraw,
            counts_by_organisation_are_kept_through_confirmations_invalidations_and_anonymisation,
            kept_status_state_is_the_engines_after_random_edits
        );
    };
    (@each plain $make:path; $($check:ident),+ $(,)?) => {$(
        #[tokio::test]
        async fn $check() {
            let store = $make().await;
            $crate::suite::$check(&store).await;
        }
    )+};
    (@each optional $make:path; $($check:ident),+ $(,)?) => {$(
        #[tokio::test]
        async fn $check() {
            let Some(store) = $make().await else { return };
            $crate::suite::$check(&store).await;
        }
    )+};
}

/// Runs the proposals checks against stores made by `$make` (a backend
/// that implements [`crate::Proposals`] calls this beside
/// [`behaviour_suite!`](crate::behaviour_suite)).
#[macro_export]
macro_rules! proposals_suite {
    ($make:path) => {
        $crate::proposals_suite!(@checks plain $make);
    };
    (optional $make:path) => {
        $crate::proposals_suite!(@checks optional $make);
    };
    (@checks $mode:ident $make:path) => {
        $crate::behaviour_suite!(@each $mode $make;
            proposals_are_stored_listed_and_decided_once,
            a_write_settles_its_proposal_once,
            fingerprints_and_source_links,
            ingested_sources_are_stored_together_or_not_at_all,
            a_source_given_a_new_id_takes_its_proposals_fingerprint_and_links
        );
    };
}

/// Runs the checks of reports from the field (form keys, uploaded forms,
/// parts of encrypted reports) against stores made by `$make` (a backend
/// that implements [`crate::Attachments`] calls this beside
/// [`behaviour_suite!`](crate::behaviour_suite)).
#[macro_export]
macro_rules! field_suite {
    ($make:path) => {
        $crate::field_suite!(@checks plain $make);
    };
    (optional $make:path) => {
        $crate::field_suite!(@checks optional $make);
    };
    (@checks $mode:ident $make:path) => {
        $crate::behaviour_suite!(@each $mode $make;
            form_keys_are_kept_once_and_rotate_keeping_the_old_ones,
            a_rotation_cut_short_leaves_the_old_key_current,
            uploaded_forms_are_listed_by_id_and_a_new_version_replaces_the_old,
            parts_of_a_report_not_admitted_can_be_dropped_an_admitted_reports_files_never,
            reports_waiting_for_parts_are_listed_and_expire_by_their_last_part,
            a_forms_media_files_are_kept_with_it_and_replaced_with_its_next_version
        );
    };
}
