//! Validation errors carry codes, never sentences: the web layer turns each code into text in
//! the reader's language.

use std::fmt;

/// One thing wrong with one field of an input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValidationError {
    /// The field is required and was empty.
    Required { field: &'static str },
    /// The value is longer than allowed.
    TooLong { field: &'static str, max: usize },
    /// The value is shorter than allowed.
    TooShort { field: &'static str, min: usize },
    /// The value does not have the expected form (an email, a country code…).
    Malformed { field: &'static str },
    /// The value is well-formed but not one of the allowed values.
    Unknown { field: &'static str },
    /// Two fields that must agree do not (password and its confirmation).
    Mismatch { field: &'static str },
}

impl ValidationError {
    /// The field the error is about.
    pub fn field(&self) -> &'static str {
        match self {
            Self::Required { field }
            | Self::TooLong { field, .. }
            | Self::TooShort { field, .. }
            | Self::Malformed { field }
            | Self::Unknown { field }
            | Self::Mismatch { field } => field,
        }
    }

    /// A stable machine-readable code, also the suffix of the translation key.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Required { .. } => "required",
            Self::TooLong { .. } => "too-long",
            Self::TooShort { .. } => "too-short",
            Self::Malformed { .. } => "malformed",
            Self::Unknown { .. } => "unknown",
            Self::Mismatch { .. } => "mismatch",
        }
    }

    /// The numeric limit that goes with the code, if any (for the translated message).
    pub fn limit(&self) -> Option<usize> {
        match self {
            Self::TooLong { max, .. } => Some(*max),
            Self::TooShort { min, .. } => Some(*min),
            Self::Required { .. }
            | Self::Malformed { .. }
            | Self::Unknown { .. }
            | Self::Mismatch { .. } => None,
        }
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field(), self.code())
    }
}

impl std::error::Error for ValidationError {}

/// Every problem found in one input, so that a form can show them all at once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValidationErrors(Vec<ValidationError>);

impl ValidationErrors {
    /// No errors yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one error.
    pub fn push(&mut self, error: ValidationError) {
        self.0.push(error);
    }

    /// Runs a parser and keeps its value, or records its error and returns `None`.
    pub fn collect<T>(&mut self, result: Result<T, ValidationError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.push(error);
                None
            }
        }
    }

    /// Whether nothing was wrong.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The errors, in the order they were found.
    pub fn iter(&self) -> std::slice::Iter<'_, ValidationError> {
        self.0.iter()
    }

    /// The first error about `field`, if any.
    pub fn for_field(&self, field: &str) -> Option<&ValidationError> {
        self.0.iter().find(|e| e.field() == field)
    }

    /// `Ok(())` when empty, otherwise the errors.
    pub fn into_result(self) -> Result<(), Self> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl From<ValidationError> for ValidationErrors {
    fn from(error: ValidationError) -> Self {
        Self(vec![error])
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a ValidationError;
    type IntoIter = std::slice::Iter<'a, ValidationError>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&parts.join(", "))
    }
}

impl std::error::Error for ValidationErrors {}

/// Trims `raw` and checks it is present and at most `max` characters long.
pub(crate) fn required_text(
    field: &'static str,
    raw: &str,
    max: usize,
) -> Result<String, ValidationError> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(ValidationError::Required { field });
    }
    if value.chars().count() > max {
        return Err(ValidationError::TooLong { field, max });
    }
    Ok(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collect_keeps_values_and_records_errors() {
        let mut errors = ValidationErrors::new();
        assert_eq!(errors.collect(Ok::<_, ValidationError>(3)), Some(3));
        assert_eq!(
            errors.collect::<i32>(Err(ValidationError::Required { field: "name" })),
            None
        );
        assert_eq!(errors.iter().count(), 1);
        assert_eq!(
            errors.for_field("name").map(ValidationError::code),
            Some("required")
        );
        assert!(errors.into_result().is_err());
    }

    #[test]
    fn required_text_trims_and_limits() {
        assert_eq!(required_text("f", "  ab ", 5).unwrap(), "ab");
        assert_eq!(
            required_text("f", "   ", 5),
            Err(ValidationError::Required { field: "f" })
        );
        assert_eq!(
            required_text("f", "ққққққ", 5),
            Err(ValidationError::TooLong { field: "f", max: 5 })
        );
    }
}
