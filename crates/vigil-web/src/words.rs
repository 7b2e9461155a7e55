//! Words for values, shared by the pages and the API: dates and the ends
//! of terms as people write them (the application's [`vigil_app::words`],
//! which the briefing uses too).

pub use vigil_app::words::{date, day, end_text};
