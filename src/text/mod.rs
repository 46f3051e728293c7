//! Text in and out: CSV records ([`csv`]), JSON values ([`json`]), numbers ([`number`]) and dates
//! ([`date`]). Own readers, not crates: each is smaller and faster here than the crate it stands
//! in for (the figures are in each module), and each reads input that arrives in pieces.

pub mod csv;
pub mod date;
pub mod json;
pub mod number;
pub mod words;
