//! ISO 3166-1 alpha-2 country codes.

use std::fmt;

use super::validate::ValidationError;

/// Every officially assigned ISO 3166-1 alpha-2 code, in alphabetical order.
const ISO_3166_ALPHA2: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ \
BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ \
DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR \
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY \
HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP \
KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY \
MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ \
NA NC NE NF NG NI NL NO NP NR NU NZ OM \
PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW \
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ \
TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ \
UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/// A country, as its ISO 3166-1 alpha-2 code (upper case).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// Parses an assigned alpha-2 code, in any case.
    ///
    /// # Errors
    /// `Required` when empty, `Malformed` when not two letters, `Unknown` when not assigned.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        const FIELD: &str = "country";
        let value = raw.trim().to_ascii_uppercase();
        if value.is_empty() {
            return Err(ValidationError::Required { field: FIELD });
        }
        let bytes: [u8; 2] = value
            .as_bytes()
            .try_into()
            .map_err(|_| ValidationError::Malformed { field: FIELD })?;
        if !bytes.iter().all(u8::is_ascii_uppercase) {
            return Err(ValidationError::Malformed { field: FIELD });
        }
        if ISO_3166_ALPHA2.split_ascii_whitespace().any(|c| c == value) {
            Ok(Self(bytes))
        } else {
            Err(ValidationError::Unknown { field: FIELD })
        }
    }

    /// Every assigned code.
    pub fn all() -> impl Iterator<Item = Self> {
        ISO_3166_ALPHA2
            .split_ascii_whitespace()
            .filter_map(|code| code.as_bytes().try_into().ok().map(Self))
    }
}

impl AsRef<str> for CountryCode {
    fn as_ref(&self) -> &str {
        // Both bytes are ASCII upper-case letters, checked in `parse`.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_ref())
    }
}

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CountryCode({})", self.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assigned_codes_parse_in_any_case() {
        assert_eq!(CountryCode::parse("kz").unwrap().as_ref(), "KZ");
        assert_eq!(CountryCode::parse(" UZ ").unwrap().as_ref(), "UZ");
    }

    #[test]
    fn unassigned_and_malformed_codes_are_rejected() {
        assert_eq!(
            CountryCode::parse("XX"),
            Err(ValidationError::Unknown { field: "country" })
        );
        assert_eq!(
            CountryCode::parse("KAZ"),
            Err(ValidationError::Malformed { field: "country" })
        );
        assert_eq!(
            CountryCode::parse("K1"),
            Err(ValidationError::Malformed { field: "country" })
        );
    }

    #[test]
    fn the_list_has_every_assigned_code_once() {
        let codes: Vec<_> = CountryCode::all().collect();
        assert_eq!(codes.len(), 249);
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, codes);
    }
}
