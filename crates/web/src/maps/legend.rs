//! Class breaks and colours of a choropleth: a sequential single-hue blue ramp of up to seven
//! classes, with the breaks either computed as quantiles of the published values or fixed by
//! the caller.
//!
//! Which to use: quantiles (the default for a single map) put roughly the same number of
//! countries in each class, which keeps a skewed distribution (a few countries with large
//! diasporas, many with a handful) readable. Fixed breaks keep the same colour meaning the same
//! count across maps, so use them when maps are compared (years, categories, home regions).
//! Breaks must be computed from published values only: computing them over suppressed values
//! would leak information about the hidden cells.

/// The sequential ramp, light to dark: one blue hue (about 250° in `OKLCH`) with evenly falling
/// lightness, so the order reads without colour vision and in greyscale. Our own constants,
/// computed in `OKLab` (L from 0.94 to 0.36); each step differs in luminance by a factor of 1.35
/// or more.
pub const BLUES: [&str; 7] = [
    "#daeeff", "#a7d0f9", "#7db2e4", "#5695cb", "#2e78af", "#005c92", "#004173",
];

/// The most classes a legend can have (the length of the ramp).
pub const MAX_CLASSES: usize = BLUES.len();

/// One class of a legend: the counts from `lower` to `upper` (both included) and their colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LegendClass {
    /// The smallest count in the class.
    pub lower: u64,
    /// The largest count in the class, or `None` for an open top class ("≥ lower").
    pub upper: Option<u64>,
    /// The fill of the class, a `#rrggbb` colour.
    pub colour: &'static str,
}

/// Why fixed class bounds were refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LegendError {
    /// More bounds than the ramp has classes for (at most `MAX_CLASSES - 1` bounds).
    #[error("at most {max} class bounds")]
    TooManyBounds {
        /// The largest number of bounds accepted.
        max: usize,
    },
    /// Bounds must be strictly increasing and above zero.
    #[error("class bounds must be strictly increasing and above zero")]
    NotIncreasing,
}

/// The classes of a choropleth, in increasing order, with their colours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Legend {
    classes: Vec<LegendClass>,
}

impl Legend {
    /// Quantile classes of the published `values`: up to `k` classes (clamped to 1 to
    /// [`MAX_CLASSES`]), each starting at the value at rank `i·n/k` of the sorted values. Ties
    /// merge classes, so a legend may have fewer than `k`. The first class starts at the
    /// smallest value and the last ends at the largest. No values give a legend without
    /// classes (the map then only shows suppressed and missing cells).
    pub fn quantiles(values: &[u64], k: usize) -> Self {
        let mut sorted = values.to_vec();
        sorted.sort_unstable();
        let (Some(&min), Some(&max)) = (sorted.first(), sorted.last()) else {
            return Self {
                classes: Vec::new(),
            };
        };
        let k = k.clamp(1, MAX_CLASSES);
        let mut lowers = vec![min];
        for i in 1..k {
            if let Some(&value) = sorted.get(i * sorted.len() / k)
                && lowers.last().is_some_and(|&last| value > last)
            {
                lowers.push(value);
            }
        }
        let uppers = lowers
            .iter()
            .skip(1)
            .map(|&next| Some(next - 1))
            .chain([Some(max)]);
        Self::from_bounds(&lowers, uppers)
    }

    /// Fixed classes from strictly increasing lower `bounds` above zero: `&[10, 100, 1000]`
    /// gives 0–9, 10–99, 100–999 and ≥ 1000. No bounds give one class for every count.
    ///
    /// # Errors
    /// [`LegendError::TooManyBounds`] beyond six bounds (seven classes),
    /// [`LegendError::NotIncreasing`] when a bound is zero or not above the one before.
    pub fn fixed(bounds: &[u64]) -> Result<Self, LegendError> {
        if bounds.len() >= MAX_CLASSES {
            return Err(LegendError::TooManyBounds {
                max: MAX_CLASSES - 1,
            });
        }
        let mut lowers = vec![0];
        for &bound in bounds {
            if lowers.last().is_some_and(|&last| bound <= last) {
                return Err(LegendError::NotIncreasing);
            }
            lowers.push(bound);
        }
        let uppers = bounds.iter().map(|&next| Some(next - 1)).chain([None]);
        Ok(Self::from_bounds(&lowers, uppers))
    }

    fn from_bounds(lowers: &[u64], uppers: impl Iterator<Item = Option<u64>>) -> Self {
        let n = lowers.len();
        let classes = lowers
            .iter()
            .zip(uppers)
            .enumerate()
            .map(|(i, (&lower, upper))| LegendClass {
                lower,
                upper,
                colour: ramp_colour(i, n),
            })
            .collect();
        Self { classes }
    }

    /// The classes, lowest first.
    pub fn classes(&self) -> &[LegendClass] {
        &self.classes
    }

    /// The fill of a count: the colour of the last class whose lower bound it reaches (counts
    /// below the first class take the first colour, and any count takes the lightest colour of
    /// the ramp when the legend has no classes).
    pub fn colour_of(&self, count: u64) -> &'static str {
        self.classes
            .iter()
            .rev()
            .find(|class| count >= class.lower)
            .or(self.classes.first())
            .map_or(BLUES[0], |class| class.colour)
    }
}

/// The colour of class `i` of `n`: spread over the whole ramp, so two classes are far apart.
fn ramp_colour(i: usize, n: usize) -> &'static str {
    let index = if n <= 1 {
        MAX_CLASSES / 2
    } else {
        // Rounded i·6/(n−1): the first class is the lightest colour and the last the darkest.
        (2 * i * (MAX_CLASSES - 1) + (n - 1)) / (2 * (n - 1))
    };
    BLUES.get(index).copied().unwrap_or(BLUES[MAX_CLASSES - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(legend: &Legend) -> Vec<(u64, Option<u64>)> {
        legend
            .classes()
            .iter()
            .map(|c| (c.lower, c.upper))
            .collect()
    }

    #[test]
    fn fixed_bounds_give_classes_from_zero_with_an_open_top() {
        let legend = Legend::fixed(&[10, 100, 1000]).unwrap();
        assert_eq!(
            bounds(&legend),
            [(0, Some(9)), (10, Some(99)), (100, Some(999)), (1000, None)]
        );
        assert_eq!(legend.colour_of(0), BLUES[0]);
        assert_eq!(legend.colour_of(9), BLUES[0]);
        assert_eq!(legend.colour_of(10), BLUES[2]);
        assert_eq!(legend.colour_of(999), BLUES[4]);
        assert_eq!(legend.colour_of(1_000_000), BLUES[6]);
    }

    #[test]
    fn fixed_bounds_must_increase_and_fit_the_ramp() {
        assert_eq!(Legend::fixed(&[10, 10]), Err(LegendError::NotIncreasing));
        assert_eq!(Legend::fixed(&[0, 10]), Err(LegendError::NotIncreasing));
        assert_eq!(
            Legend::fixed(&[1, 2, 3, 4, 5, 6, 7]),
            Err(LegendError::TooManyBounds { max: 6 })
        );
        assert_eq!(
            Legend::fixed(&[1, 2, 3, 4, 5, 6]).unwrap().classes().len(),
            7
        );
        assert_eq!(bounds(&Legend::fixed(&[]).unwrap()), [(0, None)]);
    }

    #[test]
    fn quantiles_put_about_as_many_values_in_each_class() {
        let values: Vec<u64> = (1..=100).collect();
        let legend = Legend::quantiles(&values, 5);
        assert_eq!(
            bounds(&legend),
            [
                (1, Some(20)),
                (21, Some(40)),
                (41, Some(60)),
                (61, Some(80)),
                (81, Some(100))
            ]
        );
        let colours: Vec<&str> = legend.classes().iter().map(|c| c.colour).collect();
        assert_eq!(colours, [BLUES[0], BLUES[2], BLUES[3], BLUES[5], BLUES[6]]);
    }

    #[test]
    fn quantiles_of_skewed_counts_merge_tied_classes() {
        let values = [12, 12, 12, 12, 12, 15, 40, 900, 250_000];
        let legend = Legend::quantiles(&values, 5);
        assert_eq!(
            bounds(&legend),
            [(12, Some(14)), (15, Some(899)), (900, Some(250_000))]
        );
        assert_eq!(legend.colour_of(40), BLUES[3]);
        assert_eq!(legend.colour_of(12), BLUES[0]);
        assert_eq!(legend.colour_of(250_000), BLUES[6]);
    }

    #[test]
    fn quantile_class_count_is_clamped_to_the_ramp() {
        let values: Vec<u64> = (1..=1000).collect();
        assert_eq!(Legend::quantiles(&values, 50).classes().len(), MAX_CLASSES);
        assert_eq!(bounds(&Legend::quantiles(&values, 0)), [(1, Some(1000))]);
    }

    #[test]
    fn no_published_values_give_no_classes() {
        let legend = Legend::quantiles(&[], 5);
        assert!(legend.classes().is_empty());
        assert_eq!(legend.colour_of(7), BLUES[0]);
    }

    #[test]
    fn ramp_colours_get_darker_class_by_class() {
        fn luminance(hex: &str) -> f64 {
            let channel = |i: usize| {
                let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
                if v <= 0.040_45 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
        }
        for pair in BLUES.windows(2) {
            let (light, dark) = (luminance(pair[0]), luminance(pair[1]));
            assert!((light + 0.05) / (dark + 0.05) >= 1.3, "{pair:?}");
        }
    }
}
