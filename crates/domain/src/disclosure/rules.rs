//! Which dimensions a published count may combine: the guard for the privacy rule "ethnicity is
//! never crossed with sub-country geography, and is published only at country level with the
//! full threshold". Suppression cannot enforce this (it sees numbers, not what they count), so
//! the caller that builds a table — the mapping service — must call [`CrossCheck`] with every
//! dimension of the table, filters included, before it counts anything.

use super::error::DisclosureError;
use super::suppress::{DEFAULT_THRESHOLD, DisclosurePolicy};

/// A dimension a count can be broken down or filtered by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dimension {
    /// Country of residence (ISO 3166-1).
    Country,
    /// Region within a country (first-level subdivision).
    Region,
    /// City or locality.
    City,
    /// Skill or occupation.
    Skill,
    /// Language spoken.
    Language,
    /// Legal category computed by the policy profile.
    Category,
    /// Ethnic self-identification (special-category data).
    Ethnicity,
    /// Age band.
    AgeBand,
    /// Sex.
    Sex,
    /// Where the record came from (consulate list, association, self-registration).
    Source,
}

impl Dimension {
    /// Every dimension, in declaration order.
    pub const ALL: [Self; 10] = [
        Self::Country,
        Self::Region,
        Self::City,
        Self::Skill,
        Self::Language,
        Self::Category,
        Self::Ethnicity,
        Self::AgeBand,
        Self::Sex,
        Self::Source,
    ];

    /// A stable machine-readable code for the dimension.
    pub fn code(self) -> &'static str {
        match self {
            Self::Country => "country",
            Self::Region => "region",
            Self::City => "city",
            Self::Skill => "skill",
            Self::Language => "language",
            Self::Category => "category",
            Self::Ethnicity => "ethnicity",
            Self::AgeBand => "age-band",
            Self::Sex => "sex",
            Self::Source => "source",
        }
    }

    /// Whether the dimension is geography finer than a country.
    pub fn is_sub_country_geography(self) -> bool {
        matches!(self, Self::Region | Self::City)
    }
}

/// The guard for which dimensions may be crossed and published together.
///
/// A filter is a cross: "regions of Kazakhstan, counting only ethnic Kazakhs" crosses ethnicity
/// with region exactly as a two-way table would, so callers pass filters as dimensions too.
#[derive(Clone, Copy, Debug, Default)]
pub struct CrossCheck;

impl CrossCheck {
    /// Checks that dimensions `a` and `b` may appear in the same count.
    ///
    /// # Errors
    ///
    /// [`DisclosureError::ForbiddenCross`] when one is [`Dimension::Ethnicity`] and the other
    /// is sub-country geography ([`Dimension::Region`] or [`Dimension::City`]).
    pub fn allow(a: Dimension, b: Dimension) -> Result<(), DisclosureError> {
        let forbidden = (a == Dimension::Ethnicity && b.is_sub_country_geography())
            || (b == Dimension::Ethnicity && a.is_sub_country_geography());
        if forbidden {
            Err(DisclosureError::ForbiddenCross { a, b })
        } else {
            Ok(())
        }
    }

    /// Checks every pair of the dimensions of one table, breakdowns and filters alike.
    ///
    /// # Errors
    ///
    /// The first [`DisclosureError::ForbiddenCross`] found, in the order given.
    pub fn allow_all(dimensions: &[Dimension]) -> Result<(), DisclosureError> {
        for (i, &a) in dimensions.iter().enumerate() {
            for &b in dimensions.iter().skip(i + 1) {
                Self::allow(a, b)?;
            }
        }
        Ok(())
    }

    /// Checks a table meant for publication (researchers, the public): every pair of its
    /// dimensions may be crossed, and if ethnicity is among them the policy's threshold is at
    /// least [`DEFAULT_THRESHOLD`].
    ///
    /// # Errors
    ///
    /// [`DisclosureError::ForbiddenCross`] as [`CrossCheck::allow_all`], then
    /// [`DisclosureError::ThresholdTooLow`] when ethnicity would be published with a weaker
    /// threshold.
    pub fn allow_published(
        dimensions: &[Dimension],
        policy: &DisclosurePolicy,
    ) -> Result<(), DisclosureError> {
        Self::allow_all(dimensions)?;
        if dimensions.contains(&Dimension::Ethnicity) && policy.threshold < DEFAULT_THRESHOLD {
            return Err(DisclosureError::ThresholdTooLow {
                dimension: Dimension::Ethnicity,
                threshold: policy.threshold,
                minimum: DEFAULT_THRESHOLD,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ethnicity_is_forbidden_with_region_and_city_in_either_order_and_allowed_with_all_else() {
        for other in Dimension::ALL {
            let expected_forbidden = matches!(other, Dimension::Region | Dimension::City);
            for (a, b) in [(Dimension::Ethnicity, other), (other, Dimension::Ethnicity)] {
                let result = CrossCheck::allow(a, b);
                if expected_forbidden {
                    assert_eq!(
                        result,
                        Err(DisclosureError::ForbiddenCross { a, b }),
                        "{a:?} x {b:?}"
                    );
                } else {
                    assert_eq!(result, Ok(()), "{a:?} x {b:?}");
                }
            }
        }
    }

    #[test]
    fn crosses_without_ethnicity_are_all_allowed() {
        for a in Dimension::ALL {
            for b in Dimension::ALL {
                if a != Dimension::Ethnicity && b != Dimension::Ethnicity {
                    assert_eq!(CrossCheck::allow(a, b), Ok(()), "{a:?} x {b:?}");
                }
            }
        }
    }

    #[test]
    fn a_filter_on_ethnicity_over_a_region_breakdown_is_caught_among_several_dimensions() {
        let table = [
            Dimension::Country,
            Dimension::Region,
            Dimension::Sex,
            Dimension::Ethnicity,
        ];
        assert_eq!(
            CrossCheck::allow_all(&table),
            Err(DisclosureError::ForbiddenCross {
                a: Dimension::Region,
                b: Dimension::Ethnicity
            })
        );
        assert_eq!(
            CrossCheck::allow_all(&[Dimension::Country, Dimension::Ethnicity, Dimension::AgeBand]),
            Ok(())
        );
    }

    #[test]
    fn ethnicity_by_country_is_published_only_with_at_least_the_default_threshold() {
        let table = [Dimension::Country, Dimension::Ethnicity];
        assert_eq!(
            CrossCheck::allow_published(&table, &DisclosurePolicy::default()),
            Ok(())
        );
        let weak = DisclosurePolicy {
            threshold: 5,
            ..DisclosurePolicy::default()
        };
        assert_eq!(
            CrossCheck::allow_published(&table, &weak),
            Err(DisclosureError::ThresholdTooLow {
                dimension: Dimension::Ethnicity,
                threshold: 5,
                minimum: DEFAULT_THRESHOLD
            })
        );
        assert_eq!(
            CrossCheck::allow_published(&[Dimension::Country, Dimension::Skill], &weak),
            Ok(())
        );
        assert!(matches!(
            CrossCheck::allow_published(
                &[Dimension::City, Dimension::Ethnicity],
                &DisclosurePolicy::default()
            ),
            Err(DisclosureError::ForbiddenCross { .. })
        ));
    }

    #[test]
    fn dimension_codes_are_distinct() {
        let mut codes: Vec<&str> = Dimension::ALL.iter().map(|d| d.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Dimension::ALL.len());
    }
}
