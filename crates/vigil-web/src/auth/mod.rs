//! Accounts at the HTTP edge: who is asking ([`Viewer`]), and the one
//! check every request goes through ([`authorise`]).

pub use vigil_app::credentials;
pub mod digest;
pub mod gate;
pub mod password;
pub mod throttle;

pub use gate::authorise;
