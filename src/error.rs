//! One error type for the whole core. Bad *rows* are not errors: they are skipped and reported in
//! [`crate::Diagnostics`]. An [`Error`] means the whole request cannot be answered; what it says is a
//! [`Message`] (a code with parameters), and the variant says which part of the request was wrong.

use crate::message::Message;

/// Why a request (load, assess) could not be answered. The text is meant for the end user.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// The area of interest is unusable (bad geometry, missing or absurd radius, …).
    #[error("invalid area of interest: {0}")]
    Aoi(Message),
    /// The incident data cannot be read at all (unknown format, malformed JSON, no usable header).
    #[error("unreadable incident data: {0}")]
    Data(Message),
    /// An option (as_of, window_days, …) is malformed or out of range.
    #[error("invalid option: {0}")]
    Options(Message),
    /// The engine was called out of order (an assessment during a load, say).
    #[error("{0}")]
    Usage(Message),
}

impl Error {
    /// What went wrong, as a code with parameters.
    pub fn message(&self) -> &Message {
        match self {
            Error::Aoi(m) | Error::Data(m) | Error::Options(m) | Error::Usage(m) => m,
        }
    }

    /// The error with its message's option named by `f` (see [`Message::with_param`]).
    pub fn naming_option(self, f: impl Fn(&str) -> String) -> Error {
        match self {
            Error::Options(m) => Error::Options(m.with_param("option", f)),
            other => other,
        }
    }

    /// Which part of the request was wrong: `aoi`, `data`, `options` or `usage` (a card in another
    /// language puts its own words for "invalid area of interest" and the others before the message).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Aoi(_) => "aoi",
            Error::Data(_) => "data",
            Error::Options(_) => "options",
            Error::Usage(_) => "usage",
        }
    }
}

/// Result with the core's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_problem() {
        let e = Error::Aoi(Message::reach_not_positive("radius_km".into(), -5.0));
        assert_eq!(e.to_string(), "invalid area of interest: radius_km must be a number > 0 (got -5)");
        assert_eq!((e.kind(), e.message().code()), ("aoi", "reach_not_positive"));
    }
}
