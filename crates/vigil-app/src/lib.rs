//! What Vigil does, without HTTP: the application layer between the
//! pages and API (`vigil-web`), the command line (`vigil`) and the
//! store, search and extraction below.
//!
//! - [`records`]: writes, ids, restore, and the confidentiality guards
//!   every write passes;
//! - [`ingest`] and [`review`]: documents in, proposals out, and an
//!   editor's decision on each;
//! - [`status`]: who is restrained on a day, for a list or one person;
//! - [`country`]: the country page's data, the rating and the briefing;
//! - [`accountability`]: reviews, recommendations, pledges and the rest,
//!   listed and shown;
//! - [`search`]: searching and name suggestions, as the viewer may;
//! - [`campaigns`]: the signing rules ([`campaigns::signing`]), the group
//!   commit, counts, anti-abuse and mail;
//! - [`accounts`]: administering accounts and tokens, with an audit log;
//! - [`credentials`]: passwords, tokens and session ids.
//!
//! Functions take the [`Viewer`] who asks (or, for reads, the visibility
//! it has) and answer with an [`AppError`] when they refuse; `vigil-web` maps that one enum to HTTP
//! statuses and JSON or HTML errors in one place. Wording the views share
//! (dates in words, the end of a term) is in [`words`]; the addresses of
//! records in [`links`].

pub mod accountability;
pub mod accounts;
pub mod campaigns;
pub mod claims;
pub mod country;
pub mod credentials;
mod error;
pub mod field;
pub mod i18n;
pub mod ingest;
pub mod json;
pub mod key_file;
pub mod links;
pub mod merge;
pub mod open_data;
pub mod priority;
pub mod readback;
pub mod records;
pub mod review;
pub mod search;
pub mod status;
mod viewer;
pub mod words;

pub use error::{field_message, fields_words, log_failure, malformed_words, no_such, read_json, store_words, AppError};
pub use viewer::Viewer;

pub type Result<T, E = AppError> = std::result::Result<T, E>;
