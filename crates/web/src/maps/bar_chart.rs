//! Horizontal bar charts of count tables, drawn server-side as SVG in the map's style: each row's
//! label above its bar, the count at the end of the bar. A suppressed cell is a hatched marker
//! with the "suppressed" label (never a zero-length bar, which would read as zero) and a
//! missing cell says so in words. Labels sit on their own line, so long names in any script fit
//! without measuring text.

use std::fmt::Write as _;

use super::legend::BLUES;
use super::svg::{self, TEXT_FILL};
use super::value::CellValue;

/// Width of the chart's viewBox, in user units.
const WIDTH: f64 = 600.0;
const MARGIN: f64 = 10.0;
/// Room kept right of the longest bar for its count.
const VALUE_ROOM: f64 = 110.0;
const ROW_HEIGHT: f64 = 46.0;
const BAR_HEIGHT: f64 = 16.0;
const FONT_SIZE: f64 = 15.0;
/// The bar colour: the fifth step of the map's ramp, 4.7:1 against white (WCAG non-text 3:1).
const BAR_FILL: &str = BLUES[4];
/// Colour of the words for a missing cell (about 7.6:1 against white).
const MUTED_TEXT: &str = "#4a5360";

/// Everything a bar chart says in words, supplied by the caller in the reader's language.
pub struct ChartLabels<'a> {
    /// The accessible description (`<desc>`); left out when empty.
    pub description: &'a str,
    /// What a suppressed cell is called, e.g. "Suppressed (fewer than 10)".
    pub suppressed: &'a str,
    /// What a cell without data is called, e.g. "No data".
    pub no_data: &'a str,
    /// Formats a count in the reader's locale (digit grouping).
    pub format_count: &'a dyn Fn(u64) -> String,
    /// Prefix of the element ids in the SVG, unique within the page; unsafe characters are
    /// dropped.
    pub id_prefix: &'a str,
}

/// Renders rows of `(label, value)` as a complete, accessible horizontal bar chart `<svg>`, in
/// the given order; bars are scaled to the largest count. Every text is escaped.
pub fn render_bars(rows: &[(String, CellValue)], title: &str, labels: &ChartLabels<'_>) -> String {
    let prefix = svg::id_prefix(labels.id_prefix);
    let hatch = format!("{prefix}-hatch");
    let max = rows
        .iter()
        .filter_map(|(_, value)| match value {
            CellValue::Count(n) => Some(*n),
            CellValue::Suppressed | CellValue::NoData => None,
        })
        .max()
        .unwrap_or(0);
    let bar_room = WIDTH - 2.0 * MARGIN - VALUE_ROOM;
    let height = MARGIN + rows.iter().map(|_| ROW_HEIGHT).sum::<f64>();
    let mut out = String::with_capacity(512 + rows.len() * 320);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" class=\"bar-chart\" \
         role=\"img\" aria-labelledby=\"{prefix}-title\"",
        svg::units(WIDTH),
        svg::units(height),
    );
    if !labels.description.is_empty() {
        let _ = write!(out, " aria-describedby=\"{prefix}-desc\"");
    }
    let _ = write!(
        out,
        " font-family=\"system-ui, sans-serif\" font-size=\"{}\"><title id=\"{prefix}-title\">{}</title>",
        svg::units(FONT_SIZE),
        svg::escape(title),
    );
    if !labels.description.is_empty() {
        let _ = write!(
            out,
            "<desc id=\"{prefix}-desc\">{}</desc>",
            svg::escape(labels.description)
        );
    }
    let _ = write!(out, "<defs>{}</defs>", svg::hatch_pattern(&hatch));
    let mut top = 0.0;
    for (label, value) in rows {
        let bar_y = top + 22.0;
        let text_y = bar_y + 13.0;
        let _ = write!(
            out,
            "<g><text x=\"{}\" y=\"{}\" fill=\"{TEXT_FILL}\">{}</text>",
            svg::units(MARGIN),
            svg::units(top + 17.0),
            svg::escape(label),
        );
        match value {
            CellValue::Count(n) => {
                let length = if max == 0 {
                    0.0
                } else {
                    (share(*n, max) * bar_room).max(if *n > 0 { 1.0 } else { 0.0 })
                };
                if length > 0.0 {
                    let _ = write!(
                        out,
                        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{BAR_FILL}\"/>",
                        svg::units(MARGIN),
                        svg::units(bar_y),
                        svg::units(length),
                        svg::units(BAR_HEIGHT),
                    );
                }
                let _ = write!(
                    out,
                    "<text x=\"{}\" y=\"{}\" fill=\"{TEXT_FILL}\">{}</text>",
                    svg::units(MARGIN + length + 6.0),
                    svg::units(text_y),
                    svg::escape(&(labels.format_count)(*n)),
                );
            }
            CellValue::Suppressed => {
                let _ = write!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"28\" height=\"{}\" fill=\"url(#{hatch})\" \
                     stroke=\"{}\" stroke-width=\".5\"/><text x=\"{}\" y=\"{}\" fill=\"{TEXT_FILL}\">{}</text>",
                    svg::units(MARGIN),
                    svg::units(bar_y),
                    svg::units(BAR_HEIGHT),
                    svg::HATCH_INK,
                    svg::units(MARGIN + 34.0),
                    svg::units(text_y),
                    svg::escape(labels.suppressed),
                );
            }
            CellValue::NoData => {
                let _ = write!(
                    out,
                    "<text x=\"{}\" y=\"{}\" fill=\"{MUTED_TEXT}\">{}</text>",
                    svg::units(MARGIN),
                    svg::units(text_y),
                    svg::escape(labels.no_data),
                );
            }
        }
        out.push_str("</g>");
        top += ROW_HEIGHT;
    }
    out.push_str("</svg>");
    out
}

/// `part / whole` as a fraction from 0 to 1.
#[expect(
    clippy::cast_precision_loss,
    reason = "a bar is a few hundred units long: losing digits beyond 2^52 cannot show"
)]
fn share(part: u64, whole: u64) -> f64 {
    (part as f64 / whole as f64).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::super::svg::tests::assert_well_formed;
    use super::*;

    fn labels() -> ChartLabels<'static> {
        ChartLabels {
            description: "People by language; the table below has the same figures.",
            suppressed: "Suppressed",
            no_data: "No data",
            format_count: &|n| n.to_string(),
            id_prefix: "bars",
        }
    }

    fn rows() -> Vec<(String, CellValue)> {
        vec![
            ("Kazakh".to_owned(), CellValue::Count(400)),
            ("Russian".to_owned(), CellValue::Count(100)),
            ("Uzbek".to_owned(), CellValue::Suppressed),
            ("Mongolian".to_owned(), CellValue::NoData),
            ("Turkish".to_owned(), CellValue::Count(0)),
        ]
    }

    fn bar_widths(svg: &str) -> Vec<f64> {
        svg.split("<rect ")
            .skip(1)
            .filter(|r| r.contains(&format!("fill=\"{BAR_FILL}\"")))
            .map(|r| {
                let w = &r[r.find("width=\"").unwrap() + 7..];
                w[..w.find('"').unwrap()].parse().unwrap()
            })
            .collect()
    }

    #[test]
    fn bars_are_proportional_to_the_counts() {
        let svg = render_bars(&rows(), "Languages", &labels());
        let widths = bar_widths(&svg);
        assert_eq!(widths.len(), 2, "only positive counts get bars");
        assert!((widths[0] - (WIDTH - 2.0 * MARGIN - VALUE_ROOM)).abs() < 0.1);
        assert!((widths[0] / widths[1] - 4.0).abs() < 0.01);
        assert!(
            svg.contains(">400</text>") && svg.contains(">100</text>") && svg.contains(">0</text>")
        );
    }

    #[test]
    fn a_suppressed_row_is_a_hatched_marker_with_its_label_not_a_zero() {
        let svg = render_bars(&rows(), "Languages", &labels());
        let uzbek = &svg[svg.find(">Uzbek<").unwrap()..];
        let uzbek = &uzbek[..uzbek.find("</g>").unwrap()];
        assert!(uzbek.contains("fill=\"url(#bars-hatch)\""));
        assert!(uzbek.contains(">Suppressed</text>"));
        assert!(!uzbek.contains(">0<"));
        let mongolian = &svg[svg.find(">Mongolian<").unwrap()..];
        let mongolian = &mongolian[..mongolian.find("</g>").unwrap()];
        assert!(mongolian.contains(">No data</text>"));
        assert!(!mongolian.contains("<rect"));
    }

    #[test]
    fn the_chart_is_an_accessible_image_without_styles_or_scripts() {
        let svg = render_bars(&rows(), "Languages", &labels());
        assert!(svg.contains(
            "role=\"img\" aria-labelledby=\"bars-title\" aria-describedby=\"bars-desc\""
        ));
        assert!(svg.contains("<title id=\"bars-title\">Languages</title>"));
        assert!(svg.contains("<desc id=\"bars-desc\">People by language"));
        assert!(!svg.contains("style=") && !svg.contains("<script"));
        assert_well_formed(&svg);
    }

    #[test]
    fn labels_and_titles_are_escaped() {
        let rows = vec![("<script>&\"".to_owned(), CellValue::Count(3))];
        let svg = render_bars(&rows, "a<b", &labels());
        assert!(svg.contains(">&lt;script&gt;&amp;&quot;</text>"));
        assert!(svg.contains(">a&lt;b</title>"));
        assert!(!svg.contains("<script"));
        assert_well_formed(&svg);
    }

    #[test]
    fn rows_without_counts_draw_no_bars_and_an_empty_table_an_empty_chart() {
        let rows = vec![
            ("A".to_owned(), CellValue::Suppressed),
            ("B".to_owned(), CellValue::NoData),
        ];
        assert!(bar_widths(&render_bars(&rows, "t", &labels())).is_empty());
        let empty = render_bars(&[], "t", &labels());
        assert!(empty.contains("viewBox=\"0 0 600 10\""));
        assert_well_formed(&empty);
    }

    #[test]
    fn the_smallest_positive_count_is_still_visible() {
        let rows = vec![
            ("big".to_owned(), CellValue::Count(10_000_000)),
            ("small".to_owned(), CellValue::Count(1)),
        ];
        let widths = bar_widths(&render_bars(&rows, "t", &labels()));
        assert!((widths[1] - 1.0).abs() < f64::EPSILON);
    }
}
