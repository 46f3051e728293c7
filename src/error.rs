//! One error type for the whole core. Bad *rows* are not errors: they are skipped and reported in
//! [`crate::Diagnostics`]. An [`Error`] means the whole request cannot be answered.

/// Why a request (load, assess) could not be answered. The message is meant for the end user.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// The area of interest is unusable (bad geometry, missing or absurd radius, …).
    #[error("invalid area of interest: {0}")]
    Aoi(String),
    /// The incident data cannot be read at all (unknown format, malformed JSON, no usable header).
    #[error("unreadable incident data: {0}")]
    Data(String),
    /// An option (as_of, window_days, …) is malformed or out of range.
    #[error("invalid option: {0}")]
    Options(String),
}

/// Result with the core's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_problem() {
        let e = Error::Aoi("radius_km must be > 0, got -5".into());
        assert_eq!(e.to_string(), "invalid area of interest: radius_km must be > 0, got -5");
    }
}
