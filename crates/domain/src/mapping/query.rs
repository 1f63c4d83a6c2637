//! What the map counts: the dimension of a one-way count table, and the filters that narrow
//! it. Every filter is a dimension too, for the rule that ethnicity is never crossed with
//! sub-country geography (`disclosure::CrossCheck`).

use crate::disclosure::Dimension;
use crate::registry::{ethnic_group_code, parse_ethnic_group};
use crate::shared::{CountryCode, ValidationError};

/// What one count table breaks the people down by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CountDimension {
    /// Country of residence (ISO 3166-1 alpha-2 keys).
    Country,
    /// Region of residence within one country (keys as written, the first spelling met).
    Region,
    /// City of residence within one country (keys as written).
    City,
    /// ISCO-08 major group: the first digit of the occupation code.
    Occupation,
    /// Language spoken (ISO 639 keys); a person counts once per language.
    Language,
    /// Legal category that applies (category codes of the profile); once per category.
    Category,
    /// Sex (`female`, `male`).
    Sex,
    /// Age band (keys of [`AGE_BANDS`]).
    AgeBand,
    /// Ethnic group (country level only); once per group named.
    Ethnicity,
}

impl CountDimension {
    /// Every dimension, in the order forms offer them.
    pub const ALL: [Self; 9] = [
        Self::Country,
        Self::Region,
        Self::City,
        Self::Occupation,
        Self::Language,
        Self::Category,
        Self::Sex,
        Self::AgeBand,
        Self::Ethnicity,
    ];

    /// The stable name, for URLs, the API and translation keys.
    pub const fn code(self) -> &'static str {
        match self {
            Self::Country => "country",
            Self::Region => "region",
            Self::City => "city",
            Self::Occupation => "occupation",
            Self::Language => "language",
            Self::Category => "category",
            Self::Sex => "sex",
            Self::AgeBand => "age-band",
            Self::Ethnicity => "ethnicity",
        }
    }

    /// Parses a stable name.
    ///
    /// # Errors
    /// `Unknown { field: "dimension" }` for any other name.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|d| d.code() == raw.trim())
            .ok_or(ValidationError::Unknown { field: "dimension" })
    }

    /// The disclosure-control dimension it counts.
    pub const fn disclosure(self) -> Dimension {
        match self {
            Self::Country => Dimension::Country,
            Self::Region => Dimension::Region,
            Self::City => Dimension::City,
            Self::Occupation => Dimension::Skill,
            Self::Language => Dimension::Language,
            Self::Category => Dimension::Category,
            Self::Sex => Dimension::Sex,
            Self::AgeBand => Dimension::AgeBand,
            Self::Ethnicity => Dimension::Ethnicity,
        }
    }

    /// Whether the breakdown is only meaningful within one country (region, city).
    pub const fn needs_country(self) -> bool {
        matches!(self, Self::Region | Self::City)
    }

    /// Whether a person is counted at most once (the cells then add up to the people).
    pub const fn is_single_valued(self) -> bool {
        !matches!(self, Self::Language | Self::Category | Self::Ethnicity)
    }
}

/// A count query: one dimension, and filters. Built with [`CountQuery::new`], which checks
/// that a region or city breakdown names its country.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountQuery {
    /// The breakdown.
    pub dimension: CountDimension,
    /// Only people living in this country (required for region and city).
    pub country: Option<CountryCode>,
    /// Only people living in this region (its lower-cased key; needs `country`).
    pub region: Option<String>,
    /// Only people who named this ethnic group (its code).
    pub ethnicity: Option<String>,
}

impl CountQuery {
    /// A query over `dimension` with no filter beyond `country`.
    ///
    /// # Errors
    /// `Required { field: "country" }` for a region or city breakdown without a country.
    pub fn new(
        dimension: CountDimension,
        country: Option<CountryCode>,
    ) -> Result<Self, ValidationError> {
        if dimension.needs_country() && country.is_none() {
            return Err(ValidationError::Required { field: "country" });
        }
        Ok(Self {
            dimension,
            country,
            region: None,
            ethnicity: None,
        })
    }

    /// The same query counting only people living in `region` (of the query's country).
    ///
    /// # Errors
    /// `Required { field: "country" }` without a country; `Required { field: "region" }` for
    /// an empty region.
    pub fn in_region(self, region: &str) -> Result<Self, ValidationError> {
        if self.country.is_none() {
            return Err(ValidationError::Required { field: "country" });
        }
        let key = region.trim().to_lowercase();
        if key.is_empty() {
            return Err(ValidationError::Required { field: "region" });
        }
        Ok(Self {
            region: Some(key),
            ..self
        })
    }

    /// The same query counting only people who named ethnic group `group`.
    ///
    /// # Errors
    /// `Malformed { field: "ethnicity" }` for a code that is not an ethnic group's.
    pub fn of_ethnicity(self, group: &str) -> Result<Self, ValidationError> {
        let group = parse_ethnic_group(group)?;
        Ok(Self {
            ethnicity: Some(ethnic_group_code(&group).to_owned()),
            ..self
        })
    }

    /// Every dimension the count involves, breakdown and filters alike, for `CrossCheck`.
    pub fn dimensions(&self) -> Vec<Dimension> {
        let mut dimensions = vec![self.dimension.disclosure()];
        if self.country.is_some() {
            dimensions.push(Dimension::Country);
        }
        if self.region.is_some() {
            dimensions.push(Dimension::Region);
        }
        if self.ethnicity.is_some() {
            dimensions.push(Dimension::Ethnicity);
        }
        dimensions
    }
}

/// The age bands of the age breakdown, as `(key, lowest age, highest age)`.
pub const AGE_BANDS: [(&str, i32, Option<i32>); 6] = [
    ("0-17", 0, Some(17)),
    ("18-29", 18, Some(29)),
    ("30-44", 30, Some(44)),
    ("45-59", 45, Some(59)),
    ("60-74", 60, Some(74)),
    ("75+", 75, None),
];

/// The age band of someone born in `birth_year`, in `year` (age = year − birth year, the age
/// reached by the end of the year); `None` for a birth year in the future.
pub fn age_band(birth_year: i32, year: i32) -> Option<&'static str> {
    let age = year.checked_sub(birth_year)?;
    AGE_BANDS
        .iter()
        .find(|(_, low, high)| age >= *low && high.is_none_or(|h| age <= h))
        .map(|(key, _, _)| *key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dimension_code_parses_back() {
        for d in CountDimension::ALL {
            assert_eq!(CountDimension::parse(d.code()), Ok(d));
        }
        assert_eq!(
            CountDimension::parse("planet"),
            Err(ValidationError::Unknown { field: "dimension" })
        );
    }

    #[test]
    fn a_region_or_city_breakdown_needs_a_country() {
        for d in [CountDimension::Region, CountDimension::City] {
            assert_eq!(
                CountQuery::new(d, None),
                Err(ValidationError::Required { field: "country" })
            );
        }
        assert!(CountQuery::new(CountDimension::Country, None).is_ok());
    }

    #[test]
    fn filters_are_listed_as_dimensions() {
        let kz = CountryCode::parse("KZ").unwrap();
        let query = CountQuery::new(CountDimension::Region, Some(kz))
            .unwrap()
            .of_ethnicity("Kazakh")
            .unwrap();
        assert_eq!(query.ethnicity.as_deref(), Some("kazakh"));
        assert_eq!(
            query.dimensions(),
            vec![Dimension::Region, Dimension::Country, Dimension::Ethnicity]
        );
    }

    #[test]
    fn ages_fall_in_their_bands_at_the_edges() {
        let cases = [
            (2026, Some("0-17")),
            (2009, Some("0-17")),
            (2008, Some("18-29")),
            (1997, Some("18-29")),
            (1996, Some("30-44")),
            (1967, Some("45-59")),
            (1952, Some("60-74")),
            (1951, Some("75+")),
            (1900, Some("75+")),
            (2027, None),
        ];
        for (born, band) in cases {
            assert_eq!(age_band(born, 2026), band, "born {born}");
        }
    }
}
