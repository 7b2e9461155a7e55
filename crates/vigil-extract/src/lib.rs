//! Documents in, proposed records out.
//!
//! [`read`] turns the bytes of an article — plain text, HTML (its main
//! text) or a PDF (its text layer) — into a [`Document`]: one cleaned text
//! and its metadata (title, publisher, date, language, address), with the
//! sentences it repeats marked. [`dedup`] recognises the same text again
//! (a content hash) and the same article republished with small changes
//! (MinHash of word shingles).
//!
//! [`extract`] reads a cleaned English or Russian text against the case file's
//! existing persons, organisations and events ([`Known`]) and proposes
//! records: persons with the role the text gives them, organisations with
//! their acronyms, events of the vocabulary with their date (absolute or
//! read against the article's date), terms, participants, place and victim
//! count; each proposal quotes the passage that supports it as an
//! [`vigil_core::Excerpt`] (byte offsets into the text and the quoted text)
//! and says which existing record it is, with a score; an event's date
//! says how it was read ([`DateBasis`]), and is left out when the text
//! does not give it. Russian names are proposed in the nominative. Other
//! languages get the names of known records found (in any case form), and
//! nothing else. Everything here is
//! pure: no I/O, no store, no clock — a person decides what becomes a
//! record.

pub mod dedup;
pub mod document;
pub mod extract;
mod html;
pub mod lang;
pub mod names;
mod pdf;
pub mod proposal;
pub mod text;

pub use dedup::{content_hash, Corpus, Fingerprint, Kinship, Repeat};
pub use document::{read, Document, Format, Metadata, ReadError};
pub use extract::{extract, Known};
pub use proposal::{DateBasis, Proposal, ProposalKind, ProposedAffiliation, ProposedParticipant};
