//! The choropleth world map: every country is parsed and projected once into SVG path data
//! keyed by its ISO 3166-1 numeric code ([`Choropleth`], cheap to share behind an `Arc`), and
//! each request only joins values and writes the accessible `<svg>`: a `<title>` and `<desc>`,
//! one `<path>` per country with a tooltip `<title>` ("name: value"), fills by legend class,
//! hatching for suppressed cells, grey for missing ones, and the legend below the map.
//!
//! The SVG is a picture of a table, not a replacement: pages put the same figures in an HTML
//! table next to it (with `role="img"` the tooltips are for pointer users only). It has no
//! script, no external reference and no `style=` attribute, so it works without JavaScript and
//! under the application's Content Security Policy.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::legend::Legend;
use super::projection::{MARGIN, Projection};
use super::svg::{self, NO_DATA_FILL, TEXT_FILL};
use super::topology::{self, Feature, TopologyError};
use super::value::CellValue;

/// Colour of the country borders.
const BORDER: &str = "#ffffff";

/// Fill of the sea (the globe's outline) and colour of its edge.
const SEA: &str = "#f4f7fa";
const SEA_EDGE: &str = "#9aa5b1";

/// Height of the legend block under the map, in user units.
const LEGEND_HEIGHT: f64 = 118.0;

/// Font size of legend text, in user units (1000 units wide, so about 11 px at 700 px).
const FONT_SIZE: f64 = 16.0;

/// Everything a map says in words, supplied by the caller in the reader's language.
pub struct MapLabels<'a> {
    /// The accessible description (`<desc>`), e.g. where the figures come from and that a
    /// table with the same figures follows. Left out when empty.
    pub description: &'a str,
    /// The heading of the legend, e.g. "Registered compatriots".
    pub legend_title: &'a str,
    /// What a suppressed cell is called, e.g. "Suppressed (fewer than 10)".
    pub suppressed: &'a str,
    /// What a cell without data is called, e.g. "No data".
    pub no_data: &'a str,
    /// The translated name of a country by ISO 3166-1 numeric code; `None` falls back to the
    /// English name in the Natural Earth file.
    pub country_name: &'a dyn Fn(u16) -> Option<String>,
    /// Formats a count in the reader's locale (digit grouping).
    pub format_count: &'a dyn Fn(u64) -> String,
    /// Prefix of the element ids in the SVG (title, description, hatching), unique within the
    /// page when a page shows several maps; unsafe characters are dropped.
    pub id_prefix: &'a str,
}

struct Shape {
    id: Option<u16>,
    name: String,
    path: String,
}

/// The world map, projected once: path data for every country, ready to be filled per request.
pub struct Choropleth {
    width: f64,
    map_height: f64,
    outline: String,
    shapes: Vec<Shape>,
    by_id: HashMap<u16, usize>,
}

impl Choropleth {
    /// The Natural Earth 1:110m world (embedded in the binary) in the default Equal Earth
    /// projection, 1000 user units wide.
    ///
    /// # Errors
    /// Only if the embedded topology were corrupt; the unit tests build it.
    pub fn world() -> Result<Self, TopologyError> {
        Ok(Self::new(
            &topology::world_countries()?,
            Projection::default(),
        ))
    }

    /// Projects the given features. A feature without an id is drawn (grey, without tooltip)
    /// but cannot receive a value; features that round away entirely are left out.
    pub fn new(features: &[Feature], projection: Projection) -> Self {
        let mut shapes = Vec::with_capacity(features.len());
        let mut by_id = HashMap::with_capacity(features.len());
        for feature in features {
            let rings: Vec<_> = feature
                .polygons
                .iter()
                .flat_map(|polygon| projection.project_polygon(polygon))
                .collect();
            if rings.is_empty() {
                continue;
            }
            if let Some(id) = feature.id {
                by_id.entry(id).or_insert(shapes.len());
            }
            shapes.push(Shape {
                id: feature.id,
                name: feature.name.clone(),
                path: svg::path_data(&rings),
            });
        }
        Self {
            width: projection.width(),
            map_height: projection.height(),
            outline: svg::path_data(&[projection.outline()]),
            shapes,
            by_id,
        }
    }

    /// How many shapes the map draws (countries and territories, with or without id).
    pub fn len(&self) -> usize {
        self.shapes.len()
    }

    /// Whether the map has nothing to draw.
    pub fn is_empty(&self) -> bool {
        self.shapes.is_empty()
    }

    /// The ISO 3166-1 numeric codes the map can colour, in drawing order.
    pub fn ids(&self) -> impl Iterator<Item = u16> + '_ {
        self.shapes.iter().filter_map(|shape| shape.id)
    }

    /// The SVG path data of a country, if the map has it.
    pub fn path(&self, id: u16) -> Option<&str> {
        self.shape(id).map(|shape| shape.path.as_str())
    }

    /// The English name of a country in the Natural Earth file, if the map has it.
    pub fn name(&self, id: u16) -> Option<&str> {
        self.shape(id).map(|shape| shape.name.as_str())
    }

    /// The viewBox size of a rendered map (width, height), legend included.
    pub fn size(&self) -> (f64, f64) {
        (self.width, self.map_height + LEGEND_HEIGHT)
    }

    fn shape(&self, id: u16) -> Option<&Shape> {
        self.by_id.get(&id).and_then(|&i| self.shapes.get(i))
    }

    /// Renders the map as a complete `<svg>` element: `values` gives each country's cell by
    /// ISO 3166-1 numeric code (countries it has no figure for should get
    /// [`CellValue::NoData`]), `legend` its classes, `title` the accessible name. Every text is
    /// escaped.
    pub fn render(
        &self,
        values: &dyn Fn(u16) -> CellValue,
        legend: &Legend,
        title: &str,
        labels: &MapLabels<'_>,
    ) -> String {
        let prefix = svg::id_prefix(labels.id_prefix);
        let hatch = format!("{prefix}-hatch");
        let (width, height) = self.size();
        let mut out = String::with_capacity(
            self.shapes.iter().map(|s| s.path.len() + 96).sum::<usize>() + 4096,
        );
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" class=\"choropleth\" \
             role=\"img\" aria-labelledby=\"{prefix}-title\"",
            svg::units(width),
            svg::units(height),
        );
        if !labels.description.is_empty() {
            let _ = write!(out, " aria-describedby=\"{prefix}-desc\"");
        }
        let _ = write!(
            out,
            " font-family=\"system-ui, sans-serif\"><title id=\"{prefix}-title\">{}</title>",
            svg::escape(title)
        );
        if !labels.description.is_empty() {
            let _ = write!(
                out,
                "<desc id=\"{prefix}-desc\">{}</desc>",
                svg::escape(labels.description)
            );
        }
        let _ = write!(
            out,
            "<defs>{}</defs><path d=\"{}\" fill=\"{SEA}\"/>\
             <g stroke=\"{BORDER}\" stroke-width=\".5\" stroke-linejoin=\"round\" fill-rule=\"evenodd\">",
            svg::hatch_pattern(&hatch),
            self.outline,
        );
        for shape in &self.shapes {
            let Some(id) = shape.id else {
                let _ = write!(out, "<path d=\"{}\" fill=\"{NO_DATA_FILL}\"/>", shape.path);
                continue;
            };
            let value = values(id);
            let (fill, text) = match value {
                CellValue::Count(n) => (legend.colour_of(n).to_owned(), (labels.format_count)(n)),
                CellValue::Suppressed => (format!("url(#{hatch})"), labels.suppressed.to_owned()),
                CellValue::NoData => (NO_DATA_FILL.to_owned(), labels.no_data.to_owned()),
            };
            let name = (labels.country_name)(id).unwrap_or_else(|| shape.name.clone());
            let _ = write!(
                out,
                "<path d=\"{}\" fill=\"{fill}\" data-id=\"{id}\"><title>{}: {}</title></path>",
                shape.path,
                svg::escape(&name),
                svg::escape(&text),
            );
        }
        // The globe's edge goes on top, over the borders of pieces cut at the antimeridian.
        let _ = write!(
            out,
            "</g><path d=\"{}\" fill=\"none\" stroke=\"{SEA_EDGE}\" stroke-width=\"1\"/>",
            self.outline
        );
        self.push_legend(&mut out, legend, labels, &hatch);
        out.push_str("</svg>");
        out
    }

    /// The legend under the map: its heading, one swatch per class with its bounds under it,
    /// then the swatches for suppressed and missing cells.
    fn push_legend(&self, out: &mut String, legend: &Legend, labels: &MapLabels<'_>, hatch: &str) {
        let top = self.map_height;
        let inner = self.width - 2.0 * MARGIN;
        let _ = write!(
            out,
            "<g class=\"legend\" font-size=\"{}\" fill=\"{TEXT_FILL}\"><text x=\"{}\" y=\"{}\" \
             font-weight=\"600\">{}</text>",
            svg::units(FONT_SIZE),
            svg::units(MARGIN),
            svg::units(top + 16.0),
            svg::escape(labels.legend_title),
        );
        let classes = legend.classes();
        #[expect(
            clippy::cast_precision_loss,
            reason = "a legend has at most seven classes"
        )]
        let cell = (inner / classes.len().max(1) as f64).min(140.0);
        let mut x = MARGIN;
        for class in classes {
            let lower = (labels.format_count)(class.lower);
            let bounds = match class.upper {
                Some(upper) if upper == class.lower => lower,
                Some(upper) => format!("{lower}\u{2013}{}", (labels.format_count)(upper)),
                None => format!("\u{2265} {lower}"),
            };
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"18\" fill=\"{}\" stroke=\"{SEA_EDGE}\" \
                 stroke-width=\".5\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                svg::units(x + 1.0),
                svg::units(top + 26.0),
                svg::units(cell - 4.0),
                class.colour,
                svg::units(x + cell / 2.0),
                svg::units(top + 62.0),
                svg::escape(&bounds),
            );
            x += cell;
        }
        let specials = [
            (format!("url(#{hatch})"), labels.suppressed),
            (NO_DATA_FILL.to_owned(), labels.no_data),
        ];
        let mut x = MARGIN;
        for (fill, text) in specials {
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"28\" height=\"18\" fill=\"{fill}\" stroke=\"{SEA_EDGE}\" \
                 stroke-width=\".5\"/><text x=\"{}\" y=\"{}\">{}</text>",
                svg::units(x + 1.0),
                svg::units(top + 82.0),
                svg::units(x + 36.0),
                svg::units(top + 97.0),
                svg::escape(text),
            );
            x += inner / 2.0;
        }
        out.push_str("</g>");
    }
}

#[cfg(test)]
mod tests {
    use super::super::legend::BLUES;
    use super::super::svg::tests::{assert_well_formed, segments};
    use super::*;

    const LISTED: [(u16, &str); 8] = [
        (398, "Kazakhstan"),
        (860, "Uzbekistan"),
        (643, "Russia"),
        (156, "China"),
        (496, "Mongolia"),
        (792, "Turkey"),
        (276, "Germany"),
        (840, "United States of America"),
    ];

    fn world() -> Choropleth {
        Choropleth::world().expect("the embedded world builds")
    }

    fn group_digits(n: u64) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push('\u{a0}');
            }
            out.push(c);
        }
        out
    }

    fn render_with(
        map: &Choropleth,
        values: &dyn Fn(u16) -> CellValue,
        legend: &Legend,
        names: &dyn Fn(u16) -> Option<String>,
    ) -> String {
        let labels = MapLabels {
            description: "Registered people by country of residence; the table below has the same figures.",
            legend_title: "People",
            suppressed: "Suppressed (fewer than 10)",
            no_data: "No data",
            country_name: names,
            format_count: &group_digits,
            id_prefix: "m1",
        };
        map.render(values, legend, "Where compatriots live", &labels)
    }

    fn sample(id: u16) -> CellValue {
        match id {
            398 => CellValue::Count(1_250_000),
            860 => CellValue::Count(40_000),
            643 => CellValue::Count(650_000),
            156 => CellValue::Count(1_500_000),
            496 => CellValue::Count(120_000),
            792 => CellValue::Count(30_000),
            276 => CellValue::Count(900),
            840 => CellValue::Count(25),
            417 => CellValue::Suppressed,
            _ => CellValue::NoData,
        }
    }

    fn path_element(svg: &str, id: u16) -> &str {
        let marker = format!("data-id=\"{id}\"");
        let at = svg.find(&marker).unwrap_or_else(|| panic!("{id} is drawn"));
        let start = svg[..at].rfind("<path").unwrap();
        let end = at + svg[at..].find("</path>").unwrap();
        &svg[start..end]
    }

    #[test]
    fn the_world_has_the_listed_countries_with_paths() {
        let map = world();
        assert!((170..=177).contains(&map.len()), "{}", map.len());
        for (id, name) in LISTED {
            assert_eq!(map.name(id), Some(name));
            let path = map.path(id).unwrap();
            assert!(path.starts_with('M') && path.ends_with('z'), "{name}");
            assert!(path.len() > 50, "{name}");
        }
        assert_eq!(map.ids().count(), map.len() - 3, "three shapes have no id");
    }

    #[test]
    fn no_country_draws_a_streak_across_the_map() {
        let map = world();
        let (width, _) = map.size();
        // Antarctica's southern edge runs along the flat pole line of Equal Earth, the bottom
        // edge of the globe: long, but not a streak.
        let pole_y = (map.map_height - MARGIN) * 10.0;
        for id in map.ids() {
            let path = map.path(id).unwrap();
            for (a, b) in super::super::svg::tests::lines(path) {
                let on_pole =
                    (a.1 * 10.0 - pole_y).abs() < 1.5 && (b.1 * 10.0 - pole_y).abs() < 1.5;
                let length = (b.0 - a.0).hypot(b.1 - a.1);
                assert!(on_pole || length < width / 2.0, "{id}: {a:?} to {b:?}");
            }
        }
        for id in [643, 242] {
            let longest = segments(map.path(id).unwrap())
                .into_iter()
                .fold(0.0_f64, f64::max);
            assert!(longest < width / 20.0, "{id}: {longest}");
        }
        // Russia and Fiji straddle the antimeridian: each also has a piece in the western half
        // (Chukotka; Fiji's islands east of 180°), drawn there instead of joined across the map.
        for id in [643, 242] {
            let xs: Vec<f64> = super::super::svg::tests::points(map.path(id).unwrap())
                .into_iter()
                .map(|(x, _)| x)
                .collect();
            assert!(
                xs.iter().any(|&x| x < width / 2.0),
                "{id} has a western piece"
            );
            assert!(
                xs.iter().any(|&x| x > width / 2.0),
                "{id} has an eastern piece"
            );
        }
    }

    #[test]
    fn kazakhstan_is_drawn_in_central_asia_on_the_map() {
        let map = world();
        let points = super::super::svg::tests::points(map.path(398).unwrap());
        let (width, height) = (map.width, map.map_height);
        let (cx, cy) = points
            .iter()
            .fold((0.0, 0.0), |(x, y), p| (x + p.0, y + p.1));
        let n = f64::from(u32::try_from(points.len()).unwrap());
        let (cx, cy) = (cx / n, cy / n);
        assert!(cx > width * 0.6 && cx < width * 0.8, "{cx}");
        assert!(cy > height * 0.1 && cy < height * 0.35, "{cy}");
    }

    #[test]
    fn the_map_is_an_accessible_image_with_title_and_description() {
        let map = world();
        let legend = Legend::fixed(&[10, 100, 1000, 10_000, 100_000]).unwrap();
        let svg = render_with(&map, &sample, &legend, &|_| None);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1000 "));
        assert!(
            svg.contains("role=\"img\" aria-labelledby=\"m1-title\" aria-describedby=\"m1-desc\"")
        );
        assert!(svg.contains("<title id=\"m1-title\">Where compatriots live</title>"));
        assert!(svg.contains("<desc id=\"m1-desc\">Registered people by country"));
        assert!(svg.ends_with("</svg>"));
        assert_eq!(
            svg.matches("<path d=").count(),
            map.len() + 2,
            "countries, the sea and its edge"
        );
        assert_well_formed(&svg);
    }

    #[test]
    fn country_tooltips_name_the_country_and_its_value() {
        let map = world();
        let legend = Legend::fixed(&[10, 100, 1000, 10_000, 100_000]).unwrap();
        let names = |id: u16| (id == 398).then(|| "Қазақстан".to_owned());
        let svg = render_with(&map, &sample, &legend, &names);
        assert!(path_element(&svg, 398).contains("<title>Қазақстан: 1\u{a0}250\u{a0}000</title>"));
        assert!(
            path_element(&svg, 276).contains("<title>Germany: 900</title>"),
            "fallback name"
        );
        assert!(
            path_element(&svg, 417)
                .contains("<title>Kyrgyzstan: Suppressed (fewer than 10)</title>")
        );
        assert!(path_element(&svg, 250).contains("<title>France: No data</title>"));
    }

    #[test]
    fn names_and_labels_are_escaped() {
        let map = world();
        let legend = Legend::quantiles(&[1, 2, 3], 3);
        let names = |id: u16| (id == 398).then(|| "<script>&\"".to_owned());
        let labels = MapLabels {
            description: "a <b> & \"c\"",
            legend_title: "</text><script>",
            suppressed: "<s>",
            no_data: "'n'",
            country_name: &names,
            format_count: &|n| format!("<{n}>"),
            id_prefix: "x\"><script>",
        };
        let svg = map.render(&|_| CellValue::Count(2), &legend, "T<&>", &labels);
        assert!(
            path_element(&svg, 398).contains("<title>&lt;script&gt;&amp;&quot;: &lt;2&gt;</title>")
        );
        assert!(svg.contains("<title id=\"xscript-title\">T&lt;&amp;&gt;</title>"));
        assert!(svg.contains("a &lt;b&gt; &amp; &quot;c&quot;"));
        assert!(svg.contains("&lt;/text&gt;&lt;script&gt;"));
        assert!(svg.contains("&#39;n&#39;"));
        assert!(!svg.contains("<script"));
        assert_well_formed(&svg);
    }

    #[test]
    fn suppressed_and_missing_cells_get_distinct_fills() {
        let map = world();
        let legend = Legend::fixed(&[10, 100, 1000, 10_000, 100_000]).unwrap();
        let svg = render_with(&map, &sample, &legend, &|_| None);
        assert!(path_element(&svg, 417).contains("fill=\"url(#m1-hatch)\""));
        assert!(svg.contains("<pattern id=\"m1-hatch\""));
        assert!(path_element(&svg, 250).contains(&format!("fill=\"{NO_DATA_FILL}\"")));
        // Counts take the colour of their class: 25 is in 10–99, 1 250 000 in ≥ 100 000.
        assert!(path_element(&svg, 840).contains(&format!("fill=\"{}\"", legend.colour_of(25))));
        assert!(path_element(&svg, 398).contains(&format!("fill=\"{}\"", BLUES[6])));
        assert_ne!(legend.colour_of(25), NO_DATA_FILL);
    }

    #[test]
    fn the_legend_shows_the_class_bounds_and_the_special_cells() {
        let map = world();
        let legend = Legend::fixed(&[10, 100, 1000, 10_000, 100_000]).unwrap();
        let svg = render_with(&map, &sample, &legend, &|_| None);
        let legend_part = &svg[svg.find("<g class=\"legend\"").unwrap()..];
        for bounds in [
            ">0\u{2013}9<",
            ">10\u{2013}99<",
            ">100\u{2013}999<",
            ">1\u{a0}000\u{2013}9\u{a0}999<",
            ">10\u{a0}000\u{2013}99\u{a0}999<",
            ">\u{2265} 100\u{a0}000<",
            ">People<",
            ">Suppressed (fewer than 10)<",
            ">No data<",
        ] {
            assert!(legend_part.contains(bounds), "{bounds}");
        }
        for class in legend.classes() {
            assert!(legend_part.contains(&format!("fill=\"{}\"", class.colour)));
        }
        assert!(legend_part.contains("fill=\"url(#m1-hatch)\""));
    }

    #[test]
    fn a_single_value_class_shows_one_number() {
        let map = world();
        let legend = Legend::quantiles(&[5, 5, 7, 7], 2);
        let svg = render_with(&map, &sample, &legend, &|_| None);
        assert!(
            svg.contains(">5\u{2013}6<") && svg.contains(">7<"),
            "{}",
            &svg[svg.len() - 900..]
        );
    }

    #[test]
    fn the_svg_passes_a_strict_content_security_policy() {
        let map = world();
        let legend = Legend::quantiles(&[25, 900, 30_000, 1_250_000], 4);
        let svg = render_with(&map, &sample, &legend, &|_| None);
        for forbidden in [
            "style=",
            "<style",
            "<script",
            "href",
            "javascript:",
            "<image",
            "<foreignObject",
        ] {
            assert!(!svg.contains(forbidden), "{forbidden}");
        }
        // Every attribute is on an allowlist: no event handlers, no links.
        assert_well_formed(&svg);
        // The only URL is the namespace; fills refer to the pattern inside the same SVG.
        assert_eq!(svg.matches("http").count(), 1);
    }

    #[test]
    fn a_full_world_map_stays_small() {
        let map = world();
        let legend = Legend::quantiles(&[25, 900, 30_000, 1_250_000], 4);
        let svg = render_with(
            &map,
            &|id| CellValue::Count(u64::from(id)),
            &legend,
            &|_| None,
        );
        println!("full world map: {} bytes", svg.len());
        assert!(svg.len() < 160_000, "{}", svg.len());
    }
}
