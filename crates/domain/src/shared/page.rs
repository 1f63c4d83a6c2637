//! Seek pagination: a page is asked for by the key of the last row seen, which stays fast at
//! any depth (no OFFSET scans).

use data_encoding::BASE64URL_NOPAD;

use super::validate::ValidationError;

/// The position after which a page starts: the sort values of the last row seen. Opaque to
/// clients (base64url parts joined by dots).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeekKey(Vec<String>);

impl SeekKey {
    /// A key made of the sort values of a row, most significant first.
    pub fn new<I, S>(parts: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self(parts.into_iter().map(Into::into).collect())
    }

    /// Parses a key a client sent back.
    ///
    /// # Errors
    /// `Malformed { field: "after" }` when it was not made by [`SeekKey::encode`].
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let bad = || ValidationError::Malformed { field: "after" };
        raw.split('.')
            .map(|part| {
                BASE64URL_NOPAD
                    .decode(part.as_bytes())
                    .ok()
                    .and_then(|bytes| String::from_utf8(bytes).ok())
                    .ok_or_else(bad)
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Self)
    }

    /// The opaque text form.
    pub fn encode(&self) -> String {
        self.0
            .iter()
            .map(|part| BASE64URL_NOPAD.encode(part.as_bytes()))
            .collect::<Vec<_>>()
            .join(".")
    }

    /// The sort values, most significant first.
    pub fn parts(&self) -> &[String] {
        &self.0
    }
}

/// A request for one page of a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageRequest {
    /// The opaque key of the last row of the previous page; `None` for the first page.
    pub after: Option<SeekKey>,
    /// How many rows at most.
    pub limit: u32,
}

impl PageRequest {
    /// The largest page a client may ask for.
    pub const MAX_LIMIT: u32 = 200;
    /// The page size when none is asked for.
    pub const DEFAULT_LIMIT: u32 = 50;

    /// A first page of `limit` rows, clamped to `1..=MAX_LIMIT`.
    pub fn first(limit: u32) -> Self {
        Self {
            after: None,
            limit: limit.clamp(1, Self::MAX_LIMIT),
        }
    }

    /// The page after `key`, of `limit` rows clamped to `1..=MAX_LIMIT`.
    pub fn after(key: SeekKey, limit: u32) -> Self {
        Self {
            after: Some(key),
            limit: limit.clamp(1, Self::MAX_LIMIT),
        }
    }

    /// Builds a request from optional query parameters.
    ///
    /// # Errors
    /// `Malformed { field: "after" }` for a key the server did not make.
    pub fn from_parts(after: Option<&str>, limit: Option<u32>) -> Result<Self, ValidationError> {
        let limit = limit
            .unwrap_or(Self::DEFAULT_LIMIT)
            .clamp(1, Self::MAX_LIMIT);
        let after = after
            .filter(|a| !a.is_empty())
            .map(SeekKey::parse)
            .transpose()?;
        Ok(Self { after, limit })
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        Self::first(Self::DEFAULT_LIMIT)
    }
}

/// One page of results and the key to ask for the next one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page<T> {
    /// The rows of this page.
    pub items: Vec<T>,
    /// The key to pass as `after` for the next page; `None` on the last page.
    pub next: Option<SeekKey>,
}

impl<T> Page<T> {
    /// Builds a page from `limit + 1` fetched rows: the extra row only tells that there is more.
    pub fn from_overfetch(mut rows: Vec<T>, limit: u32, key: impl Fn(&T) -> SeekKey) -> Self {
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        let next = if rows.len() > limit {
            rows.truncate(limit);
            rows.last().map(&key)
        } else {
            None
        };
        Self { items: rows, next }
    }

    /// Converts the rows, keeping the paging key.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next: self.next,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_extra_row_means_there_is_a_next_page() {
        let key = |n: &i32| SeekKey::new([n.to_string()]);
        let page = Page::from_overfetch(vec![1, 2, 3], 2, key);
        assert_eq!(page.items, vec![1, 2]);
        assert_eq!(page.next, Some(SeekKey::new(["2"])));
        let last = Page::from_overfetch(vec![1, 2], 2, key);
        assert_eq!(last.next, None);
    }

    #[test]
    fn limits_are_clamped() {
        assert_eq!(PageRequest::first(0).limit, 1);
        assert_eq!(PageRequest::first(10_000).limit, PageRequest::MAX_LIMIT);
        assert_eq!(PageRequest::from_parts(Some(""), None).unwrap().after, None);
    }

    #[test]
    fn seek_keys_round_trip_and_reject_forgeries() {
        let key = SeekKey::new(["0001ab Ахмет", "018f-uuid"]);
        assert_eq!(SeekKey::parse(&key.encode()), Ok(key.clone()));
        assert_eq!(
            PageRequest::from_parts(Some(&key.encode()), Some(5))
                .unwrap()
                .after,
            Some(key)
        );
        assert_eq!(
            SeekKey::parse("%%%"),
            Err(ValidationError::Malformed { field: "after" })
        );
    }
}
