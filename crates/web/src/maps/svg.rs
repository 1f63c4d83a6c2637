//! The small SVG toolkit the map and the charts share: XML escaping of every piece of text,
//! safe element ids, compact path data, and the fills for suppressed and missing cells. Styling
//! uses presentation attributes only (`fill=`, `stroke=`), never `style=`, so the output passes
//! a `style-src 'self'` Content Security Policy.

use std::fmt::Write as _;

use super::projection::SvgPoint;

/// Fill of a cell with no data (`CellValue::NoData`): a plain light grey.
pub const NO_DATA_FILL: &str = "#e0e0e0";

/// Background of the hatching that marks a suppressed cell.
pub const HATCH_BACKGROUND: &str = "#f2f2f2";

/// Colour of the hatching lines that mark a suppressed cell.
pub const HATCH_INK: &str = "#6e6e6e";

/// Colour of text drawn in charts and legends (contrast above 15:1 on white).
pub const TEXT_FILL: &str = "#1b1f24";

/// Escapes text for XML element content and attribute values (`&`, `<`, `>`, `"`, `'`), and
/// drops the control characters XML 1.0 does not allow, so any name is safe inside the SVG.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Turns a caller's id prefix into one that is safe as an XML id: ASCII letters, digits, `-`
/// and `_` are kept, the rest dropped, and it starts with a letter (`"svg"` when empty).
pub fn id_prefix(prefix: &str) -> String {
    let kept: String = prefix
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    if kept.starts_with(|c: char| c.is_ascii_alphabetic()) {
        kept
    } else {
        format!("svg{kept}")
    }
}

/// Writes a number given in tenths (`-125` is `-12.5`) in the shortest form SVG accepts.
pub fn push_tenths(out: &mut String, tenths: i32) {
    if tenths < 0 {
        out.push('-');
    }
    let magnitude = tenths.unsigned_abs();
    let (whole, fraction) = (magnitude / 10, magnitude % 10);
    if whole > 0 || fraction == 0 {
        let _ = write!(out, "{whole}");
    }
    if fraction > 0 {
        let _ = write!(out, ".{fraction}");
    }
}

/// Writes a number of user units with at most one decimal, for attributes.
pub fn units(value: f64) -> String {
    let mut out = String::new();
    push_tenths(&mut out, tenths(value));
    out
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "chart and map coordinates are a few thousand units at most, far inside i32"
)]
fn tenths(value: f64) -> i32 {
    (value * 10.0).round() as i32
}

/// Path data for open rings: an absolute move to each ring's first point, relative lines to
/// the rest (shorter than absolute ones), and `z` to close.
pub fn path_data(rings: &[Vec<SvgPoint>]) -> String {
    let mut out = String::new();
    for ring in rings {
        let mut points = ring.iter();
        let Some(first) = points.next() else { continue };
        out.push('M');
        push_pair(&mut out, first.x, first.y);
        out.push('l');
        let mut previous = *first;
        let mut first_pair = true;
        for p in points {
            if !first_pair && (p.x - previous.x) >= 0 {
                out.push(' ');
            }
            push_pair(&mut out, p.x - previous.x, p.y - previous.y);
            first_pair = false;
            previous = *p;
        }
        out.push('z');
    }
    out
}

fn push_pair(out: &mut String, x: i32, y: i32) {
    push_tenths(out, x);
    if y >= 0 {
        out.push(' ');
    }
    push_tenths(out, y);
}

/// The `<pattern>` definition of the hatching used for suppressed cells, with id `{id}`.
pub fn hatch_pattern(id: &str) -> String {
    format!(
        "<pattern id=\"{id}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" \
         patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"{HATCH_BACKGROUND}\"/>\
         <line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"{HATCH_INK}\" stroke-width=\"2.5\"/></pattern>"
    )
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Checks that every tag is closed in order and every attribute is on an allowlist (no
    /// `style`, no event handlers, no links).
    pub(in crate::maps) fn assert_well_formed(svg: &str) {
        const ALLOWED: [&str; 30] = [
            "xmlns",
            "viewBox",
            "class",
            "role",
            "aria-labelledby",
            "aria-describedby",
            "id",
            "d",
            "fill",
            "stroke",
            "stroke-width",
            "stroke-linejoin",
            "fill-rule",
            "data-id",
            "font-family",
            "font-size",
            "font-weight",
            "x",
            "y",
            "x1",
            "y1",
            "x2",
            "y2",
            "width",
            "height",
            "text-anchor",
            "patternUnits",
            "patternTransform",
            "dominant-baseline",
            "opacity",
        ];
        let mut open: Vec<&str> = Vec::new();
        let mut rest = svg;
        while let Some(start) = rest.find('<') {
            let end = start + rest[start..].find('>').expect("tag ends");
            let tag = &rest[start + 1..end];
            rest = &rest[end + 1..];
            assert!(
                !rest[..rest.find('<').unwrap_or(rest.len())].contains('>'),
                "stray >"
            );
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(open.pop(), Some(name), "closing tag");
                continue;
            }
            let self_closing = tag.ends_with('/');
            let tag = tag.trim_end_matches('/');
            let (name, mut attributes) = tag.split_once(' ').unwrap_or((tag, ""));
            while let Some(eq) = attributes.find("=\"") {
                let attribute = attributes[..eq].trim();
                assert!(
                    ALLOWED.contains(&attribute),
                    "attribute {attribute:?} in <{name}>"
                );
                let after = &attributes[eq + 2..];
                let close = after.find('"').expect("attribute value ends");
                assert!(!after[..close].contains('<'), "< in attribute");
                attributes = &after[close + 1..];
            }
            assert!(
                attributes.trim().is_empty(),
                "junk in <{name}>: {attributes:?}"
            );
            if !self_closing {
                open.push(name);
            }
        }
        assert!(open.is_empty(), "unclosed {open:?}");
    }

    /// The absolute points of path data written by [`path_data`] (`M`, relative `l`, `z`).
    pub(in crate::maps) fn points(d: &str) -> Vec<(f64, f64)> {
        subpaths(d).into_iter().flatten().collect()
    }

    /// Every line of path data written by [`path_data`], closing lines included.
    pub(in crate::maps) fn lines(d: &str) -> Vec<((f64, f64), (f64, f64))> {
        let mut lines = Vec::new();
        for ring in subpaths(d) {
            let closed = ring.iter().chain(ring.first());
            for (a, b) in ring.iter().zip(closed.skip(1)) {
                lines.push((*a, *b));
            }
        }
        lines
    }

    /// The length of every line of path data written by [`path_data`], closing lines included.
    pub(in crate::maps) fn segments(d: &str) -> Vec<f64> {
        lines(d)
            .into_iter()
            .map(|(a, b)| (b.0 - a.0).hypot(b.1 - a.1))
            .collect()
    }

    fn subpaths(d: &str) -> Vec<Vec<(f64, f64)>> {
        d.split('M')
            .filter(|s| !s.is_empty())
            .map(|sub| {
                let sub = sub.trim_end_matches('z');
                let (start, lines) = sub.split_once('l').unwrap_or((sub, ""));
                let start = numbers(start);
                let mut at = (start[0], start[1]);
                let mut ring = vec![at];
                for pair in numbers(lines).chunks(2) {
                    at = (at.0 + pair[0], at.1 + pair[1]);
                    ring.push(at);
                }
                ring
            })
            .collect()
    }

    fn numbers(text: &str) -> Vec<f64> {
        let mut out = Vec::new();
        let mut current = String::new();
        for c in text.chars() {
            if c == ' ' || (c == '-' && !current.is_empty()) {
                if !current.is_empty() {
                    out.push(current.parse().unwrap());
                }
                current.clear();
            }
            if c != ' ' {
                current.push(c);
            }
        }
        if !current.is_empty() {
            out.push(current.parse().unwrap());
        }
        out
    }

    #[test]
    fn the_test_path_reader_reads_what_path_data_writes() {
        let ring = vec![
            SvgPoint { x: 100, y: 200 },
            SvgPoint { x: 150, y: 200 },
            SvgPoint { x: 95, y: 155 },
        ];
        let d = path_data(&[ring.clone(), ring]);
        let expected = [(10.0, 20.0), (15.0, 20.0), (9.5, 15.5)];
        assert_eq!(points(&d), [expected, expected].concat());
        let lengths = segments(&d);
        assert_eq!(lengths.len(), 6);
        assert!((lengths[0] - 5.0).abs() < 1e-9);
    }

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(escape(r#"<script>&"'"#), "&lt;script&gt;&amp;&quot;&#39;");
        assert_eq!(escape("Қазақстан – Oʻzbekiston"), "Қазақстан – Oʻzbekiston");
    }

    #[test]
    fn control_characters_xml_forbids_are_dropped() {
        assert_eq!(escape("a\u{0}b\u{1b}c\u{ffff}\nd"), "abc\nd");
    }

    #[test]
    fn id_prefixes_keep_only_safe_characters_and_start_with_a_letter() {
        assert_eq!(id_prefix("map-1"), "map-1");
        assert_eq!(id_prefix("a\" onload=\"x"), "aonloadx");
        assert_eq!(id_prefix("1st"), "svg1st");
        assert_eq!(id_prefix(""), "svg");
    }

    #[test]
    fn tenths_are_written_in_short_form() {
        let cases = [
            (0, "0"),
            (5, ".5"),
            (-5, "-.5"),
            (10, "1"),
            (125, "12.5"),
            (-1230, "-123"),
        ];
        for (tenths, text) in cases {
            let mut out = String::new();
            push_tenths(&mut out, tenths);
            assert_eq!(out, text, "{tenths}");
        }
        assert_eq!(units(12.34), "12.3");
    }

    #[test]
    fn path_data_moves_absolutely_then_draws_relative_lines() {
        let ring = vec![
            SvgPoint { x: 100, y: 200 },
            SvgPoint { x: 150, y: 200 },
            SvgPoint { x: 150, y: 150 },
            SvgPoint { x: 95, y: 155 },
        ];
        assert_eq!(path_data(&[ring]), "M10 20l5 0 0-5-5.5 .5z");
        assert_eq!(path_data(&[]), "");
    }
}
