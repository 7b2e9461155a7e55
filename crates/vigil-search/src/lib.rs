//! Vigil's full-text index, on tantivy: sources (title, text, language,
//! date, publisher), persons and organisations (names and aliases), events
//! (type, description, date, participants, place) and cases, searched by
//! words and phrases, with facets, and finding a name in any spelling or
//! script.
//!
//! - [`analysis`]: how text becomes terms — stemmed words (English or
//!   Russian, by script; stop words left out at their positions) and name
//!   variant keys ([`vigil_core::name::key`], the one extraction matches
//!   names with: Baltabay = Baltabai = Балтабай = Baltabayev). Queries add a name's Russian case forms
//!   ([`vigil_core::name::case_forms`]: Балтабая, Кушакбаеву), one typo in
//!   a name, and names that the last word typed starts.
//! - [`document`]: the schema and one document per record.
//! - [`query`]: what a caller asks, read forgivingly, and highlighting.
//! - [`SearchIndex`]: the index in `<data>/search/`, which follows the
//!   store's change log ([`vigil_store::Store::changes_since`]) and
//!   records the last revision it applied in each commit.
//!
//! Confidential records are never indexed, nor are the names of
//! confidential records on others' documents: the index on disk holds
//! nothing that the public may not read.
//!
//! Errors: [`SearchError`] for everything; a corrupt index is not one (it
//! is rebuilt).

pub mod analysis;
pub mod document;
mod error;
mod index;
pub mod query;

pub use error::SearchError;
pub use index::{
    head_seq, CatchUp, FacetValue, Facets, Hit, Opened, Progress, SearchIndex, SearchResults, Suggestion,
    WriterOptions, POLL,
};
pub use query::{SearchQuery, Terms};
