//! The Equal Earth map projection (Šavrič, Patterson & Jenny, 2018, "The Equal Earth map
//! projection", International Journal of Geographical Information Science 33(3)) onto a fixed
//! SVG viewBox, and the preparation of rings for drawing: cutting at the antimeridian, so a ring
//! that crosses ±180° becomes pieces on each side instead of a streak across the map, and
//! rounding to tenths of a unit with consecutive duplicates dropped, to keep the SVG small.
//!
//! Equal Earth is equal-area, so the area of a country on the map is proportional to its real
//! area: a choropleth does not exaggerate high-latitude countries the way Mercator does.

use super::topology::{LonLat, Polygon, Ring};

// The polynomial coefficients published in the paper (equations 1 and 2).
const A1: f64 = 1.340_264;
const A2: f64 = -0.081_106;
const A3: f64 = 0.000_893;
const A4: f64 = 0.003_796;

/// Width of the map's viewBox, in SVG user units.
pub const VIEW_WIDTH: f64 = 1000.0;

/// Empty space left around the map inside the viewBox, in SVG user units.
pub const MARGIN: f64 = 10.0;

/// A point in SVG user space, in integer tenths of a unit (so `x: 12345` is 1234.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SvgPoint {
    /// Tenths of a unit from the left edge of the viewBox.
    pub x: i32,
    /// Tenths of a unit from the top edge of the viewBox (SVG's y grows downwards).
    pub y: i32,
}

/// The Equal Earth formulas: longitude and latitude in radians to unscaled plane coordinates,
/// with x east and y north; the world spans about ±2.7066 in x and ±1.3174 in y.
pub fn equal_earth(lambda: f64, phi: f64) -> (f64, f64) {
    let m = 3.0_f64.sqrt() / 2.0;
    let theta = (m * phi.sin()).asin();
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    // x = 2√3·λ·cos θ / (3·(A1 + 3A2θ² + 7A3θ⁶ + 9A4θ⁸)), and 2√3/3 = 1/m.
    let x = lambda * theta.cos() / (m * (A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2)));
    let y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    (x, y)
}

/// Equal Earth fitted into a viewBox of a given width: the equator is horizontal through the
/// middle, Greenwich vertical through the middle, east to the right and north up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    scale: f64,
    width: f64,
    height: f64,
}

impl Default for Projection {
    fn default() -> Self {
        Self::fit(VIEW_WIDTH, MARGIN)
    }
}

impl Projection {
    /// The projection whose world outline spans `width` minus `margin` on each side; the height
    /// follows from the projection's aspect ratio (about 2.05 : 1).
    pub fn fit(width: f64, margin: f64) -> Self {
        let (x_max, _) = equal_earth(std::f64::consts::PI, 0.0);
        let (_, y_max) = equal_earth(0.0, std::f64::consts::FRAC_PI_2);
        let scale = (width / 2.0 - margin) / x_max;
        Self {
            scale,
            width,
            height: 2.0 * (y_max * scale + margin),
        }
    }

    /// The width of the viewBox.
    pub fn width(&self) -> f64 {
        self.width
    }

    /// The height of the viewBox the map needs.
    pub fn height(&self) -> f64 {
        self.height
    }

    /// Projects a position to SVG user coordinates `(x, y)`.
    pub fn project(&self, p: LonLat) -> (f64, f64) {
        let (x, y) = equal_earth(p.lon.to_radians(), p.lat.to_radians());
        (
            self.width / 2.0 + x * self.scale,
            self.height / 2.0 - y * self.scale,
        )
    }

    /// Projects a polygon's rings ready for drawing: cut at the antimeridian, densified along
    /// the ±180° meridians (curved in Equal Earth), rounded to tenths, consecutive duplicates
    /// dropped. Rings that shrink below three distinct points are left out. The returned rings
    /// are open (the closing point is implied).
    pub fn project_polygon(&self, polygon: &Polygon) -> Vec<Vec<SvgPoint>> {
        polygon
            .iter()
            .flat_map(|ring| cut_at_antimeridian(ring))
            .filter_map(|ring| self.project_ring(&ring))
            .collect()
    }

    /// The outline of the whole globe (the ±180° meridians joined by the flat poles), open.
    pub fn outline(&self) -> Vec<SvgPoint> {
        let west = (-90..=90).map(|lat| LonLat {
            lon: -180.0,
            lat: f64::from(lat),
        });
        let east = (-90..=90).rev().map(|lat| LonLat {
            lon: 180.0,
            lat: f64::from(lat),
        });
        let mut points: Vec<SvgPoint> = Vec::new();
        for p in west.chain(east) {
            push_distinct(&mut points, self.tenths(p));
        }
        points
    }

    fn project_ring(&self, ring: &[LonLat]) -> Option<Vec<SvgPoint>> {
        let mut points: Vec<SvgPoint> = Vec::with_capacity(ring.len());
        for pair in ring.windows(2) {
            let [a, b] = pair else { continue };
            push_distinct(&mut points, self.tenths(*a));
            if on_antimeridian(*a) && on_antimeridian(*b) && a.lon.signum() == b.lon.signum() {
                // A meridian edge is a straight line in lon/lat but a curve on the map.
                let steps = (a.lat - b.lat).abs().ceil();
                let mut i = 1.0;
                while i < steps {
                    let lat = a.lat + (b.lat - a.lat) * i / steps;
                    push_distinct(&mut points, self.tenths(LonLat { lon: a.lon, lat }));
                    i += 1.0;
                }
            }
        }
        if let Some(last) = ring.last() {
            push_distinct(&mut points, self.tenths(*last));
        }
        while points.len() > 1 && points.first() == points.last() {
            points.pop();
        }
        (points.len() >= 3).then_some(points)
    }

    fn tenths(&self, p: LonLat) -> SvgPoint {
        let (x, y) = self.project(p);
        SvgPoint {
            x: to_tenths(x),
            y: to_tenths(y),
        }
    }
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "map coordinates are within a viewBox of a few thousand units, far inside i32"
)]
fn to_tenths(v: f64) -> i32 {
    (v * 10.0).round() as i32
}

fn push_distinct(points: &mut Vec<SvgPoint>, p: SvgPoint) {
    if points.last() != Some(&p) {
        points.push(p);
    }
}

fn on_antimeridian(p: LonLat) -> bool {
    (p.lon.abs() - 180.0).abs() < 1e-9
}

/// Cuts a closed ring that crosses the antimeridian into closed rings that each stay within
/// −180°…180°. A ring crosses where two consecutive longitudes differ by more than 180°.
///
/// The ring is unwrapped into continuous longitudes (which may then run past ±180°), clipped
/// to each 360° window it overlaps (Sutherland–Hodgman against the two window meridians), and
/// each piece is shifted back. A ring that winds around a pole (Antarctica) unwraps to a strip
/// 360° wide that does not close; it is closed along that pole first. A ring that never jumps
/// is returned unchanged.
pub fn cut_at_antimeridian(ring: &[LonLat]) -> Vec<Ring> {
    let Some(first) = ring.first().copied() else {
        return Vec::new();
    };
    let mut unwrapped: Ring = Vec::with_capacity(ring.len() + 3);
    let mut offset = 0.0;
    let mut previous = first.lon;
    let mut jumped = false;
    for p in ring {
        let step = p.lon - previous;
        if step > 180.0 {
            offset -= 360.0;
            jumped = true;
        } else if step < -180.0 {
            offset += 360.0;
            jumped = true;
        }
        previous = p.lon;
        unwrapped.push(LonLat {
            lon: p.lon + offset,
            lat: p.lat,
        });
    }
    if !jumped {
        return vec![ring.to_vec()];
    }
    let start = unwrapped.first().copied().unwrap_or(first);
    let end = unwrapped.last().copied().unwrap_or(first);
    if (end.lon - start.lon).abs() > 180.0 {
        // Winds around a pole: close along the pole on the side where the ring lies.
        #[expect(
            clippy::cast_precision_loss,
            reason = "a ring has far fewer than 2^52 points"
        )]
        let mean_lat = unwrapped.iter().map(|p| p.lat).sum::<f64>() / unwrapped.len() as f64;
        let pole = if mean_lat < 0.0 { -90.0 } else { 90.0 };
        unwrapped.push(LonLat {
            lon: end.lon,
            lat: pole,
        });
        unwrapped.push(LonLat {
            lon: start.lon,
            lat: pole,
        });
        unwrapped.push(start);
    }
    let (min, max) = unwrapped.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
        (lo.min(p.lon), hi.max(p.lon))
    });
    // Windows [−180 + 360k, 180 + 360k] that overlap (min, max) with some width.
    let mut pieces = Vec::new();
    let mut k = ((min - 180.0) / 360.0).floor() + 1.0;
    while -180.0 + 360.0 * k < max {
        let west = -180.0 + 360.0 * k;
        let east = 180.0 + 360.0 * k;
        let piece = clip(&clip(&unwrapped, west, 1.0), east, -1.0);
        if piece.len() >= 3 && shoelace(&piece).abs() > 1e-9 {
            let mut piece: Ring = piece
                .into_iter()
                .map(|p| LonLat {
                    lon: p.lon - 360.0 * k,
                    lat: p.lat,
                })
                .collect();
            if let Some(&head) = piece.first() {
                piece.push(head);
            }
            pieces.push(piece);
        }
        k += 1.0;
    }
    pieces
}

/// Sutherland–Hodgman clipping of a ring (closed or open) against the half-plane
/// `side * (lon - meridian) >= 0`; returns an open ring.
fn clip(ring: &[LonLat], meridian: f64, side: f64) -> Vec<LonLat> {
    let inside = |p: &LonLat| side * (p.lon - meridian) >= 0.0;
    let points = match (ring.first(), ring.last()) {
        (Some(a), Some(b)) if a == b && ring.len() > 1 => {
            ring.get(..ring.len() - 1).unwrap_or(ring)
        }
        _ => ring,
    };
    let mut out = Vec::with_capacity(points.len() + 4);
    let Some(mut previous) = points.last().copied() else {
        return out;
    };
    for &current in points {
        let (a_in, b_in) = (inside(&previous), inside(&current));
        if a_in != b_in {
            let t = (meridian - previous.lon) / (current.lon - previous.lon);
            out.push(LonLat {
                lon: meridian,
                lat: previous.lat + t * (current.lat - previous.lat),
            });
        }
        if b_in {
            out.push(current);
        }
        previous = current;
    }
    out
}

/// Twice the signed area of an open ring, in square degrees.
fn shoelace(points: &[LonLat]) -> f64 {
    let Some(mut previous) = points.last().copied() else {
        return 0.0;
    };
    let mut sum = 0.0;
    for &p in points {
        sum += previous.lon * p.lat - p.lon * previous.lat;
        previous = p;
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ll(lon: f64, lat: f64) -> LonLat {
        LonLat { lon, lat }
    }

    #[test]
    fn the_published_extent_of_equal_earth_is_reproduced() {
        let (x, _) = equal_earth(std::f64::consts::PI, 0.0);
        let (_, y) = equal_earth(0.0, std::f64::consts::FRAC_PI_2);
        assert!((x - 2.706_629).abs() < 1e-5, "{x}");
        assert!((y - 1.317_363).abs() < 1e-5, "{y}");
        // The projection's aspect ratio is about 2.05:1.
        assert!((x / y - 2.0546).abs() < 1e-3);
    }

    #[test]
    fn the_origin_projects_to_the_centre_of_the_viewbox() {
        let projection = Projection::default();
        let (x, y) = projection.project(ll(0.0, 0.0));
        assert!((x - VIEW_WIDTH / 2.0).abs() < 1e-9);
        assert!((y - projection.height() / 2.0).abs() < 1e-9);
    }

    #[test]
    fn the_world_fills_the_width_inside_the_margin() {
        let projection = Projection::default();
        let (west, _) = projection.project(ll(-180.0, 0.0));
        let (east, _) = projection.project(ll(180.0, 0.0));
        let (_, north) = projection.project(ll(0.0, 90.0));
        let (_, south) = projection.project(ll(0.0, -90.0));
        assert!((west - MARGIN).abs() < 1e-9);
        assert!((east - (VIEW_WIDTH - MARGIN)).abs() < 1e-9);
        assert!((north - MARGIN).abs() < 1e-9);
        assert!((south - (projection.height() - MARGIN)).abs() < 1e-9);
    }

    #[test]
    fn east_is_right_and_north_is_up_monotonically() {
        let projection = Projection::default();
        let mut last_x = f64::MIN;
        for lon in (-180..=180).step_by(15) {
            let (x, _) = projection.project(ll(f64::from(lon), 45.0));
            assert!(x > last_x, "longitude {lon}");
            last_x = x;
        }
        let mut last_y = f64::MAX;
        for lat in (-90..=90).step_by(10) {
            let (_, y) = projection.project(ll(60.0, f64::from(lat)));
            assert!(y < last_y, "latitude {lat}");
            last_y = y;
        }
        // Almaty is east and north of Istanbul and east of Tashkent; Astana is north of both.
        let (almaty_x, almaty_y) = projection.project(ll(76.9, 43.2));
        let (istanbul_x, istanbul_y) = projection.project(ll(29.0, 41.0));
        let (tashkent_x, tashkent_y) = projection.project(ll(69.2, 41.3));
        let (_, astana_y) = projection.project(ll(71.4, 51.2));
        assert!(almaty_x > istanbul_x && almaty_y < istanbul_y);
        assert!(almaty_x > tashkent_x);
        assert!(astana_y < almaty_y && astana_y < tashkent_y);
    }

    #[test]
    fn meridians_curve_towards_the_centre_away_from_the_equator() {
        let projection = Projection::default();
        let (equator, _) = projection.project(ll(180.0, 0.0));
        let (sixty, _) = projection.project(ll(180.0, 60.0));
        let (pole, _) = projection.project(ll(180.0, 90.0));
        assert!(equator > sixty && sixty > pole && pole > VIEW_WIDTH / 2.0);
    }

    #[test]
    fn a_ring_that_does_not_cross_is_unchanged() {
        let ring = vec![
            ll(10.0, 10.0),
            ll(20.0, 10.0),
            ll(20.0, 20.0),
            ll(10.0, 10.0),
        ];
        assert_eq!(cut_at_antimeridian(&ring), vec![ring]);
    }

    #[test]
    fn a_ring_crossing_the_antimeridian_is_cut_into_one_piece_per_side() {
        // A square from 170°E to 170°W.
        let ring = vec![
            ll(170.0, 0.0),
            ll(-170.0, 0.0),
            ll(-170.0, 10.0),
            ll(170.0, 10.0),
            ll(170.0, 0.0),
        ];
        let pieces = cut_at_antimeridian(&ring);
        assert_eq!(pieces.len(), 2);
        for piece in &pieces {
            assert_eq!(piece.first(), piece.last());
            let east = piece.iter().all(|p| p.lon >= 170.0 - 1e-9);
            let west = piece.iter().all(|p| p.lon <= -170.0 + 1e-9);
            assert!(east || west, "{piece:?}");
            let lons: Vec<f64> = piece.iter().map(|p| p.lon).collect();
            assert!(lons.windows(2).all(|w| (w[0] - w[1]).abs() <= 180.0));
        }
    }

    #[test]
    fn a_ring_around_a_pole_is_closed_along_that_pole() {
        // A band around the south pole at 80°S, crossing the antimeridian once.
        let mut ring: Vec<LonLat> = (0..=8)
            .map(|i| ll(-180.0 + 45.0 * f64::from(i), -80.0))
            .collect();
        ring.push(ll(-180.0, -80.0));
        let pieces = cut_at_antimeridian(&ring);
        assert_eq!(pieces.len(), 1, "{pieces:?}");
        let piece = &pieces[0];
        assert!(piece.iter().any(|p| (p.lat + 90.0).abs() < 1e-9));
        assert!(piece.iter().all(|p| p.lat <= -80.0 + 1e-9));
    }

    #[test]
    fn rounding_drops_consecutive_duplicates_and_tiny_rings() {
        let projection = Projection::default();
        let tiny = vec![vec![
            ll(10.0, 10.0),
            ll(10.001, 10.0),
            ll(10.001, 10.001),
            ll(10.0, 10.0),
        ]];
        assert!(projection.project_polygon(&tiny).is_empty());
        let square = vec![vec![
            ll(10.0, 10.0),
            ll(10.0001, 10.0),
            ll(20.0, 10.0),
            ll(20.0, 20.0),
            ll(10.0, 20.0),
            ll(10.0, 10.0),
        ]];
        let rings = projection.project_polygon(&square);
        assert_eq!(rings.len(), 1);
        assert_eq!(rings[0].len(), 4, "{:?}", rings[0]);
    }

    #[test]
    fn the_outline_is_closed_by_the_flat_poles() {
        let projection = Projection::default();
        let outline = projection.outline();
        let xs: Vec<i32> = outline.iter().map(|p| p.x).collect();
        assert_eq!(xs.iter().min(), Some(&to_tenths(MARGIN)));
        assert_eq!(xs.iter().max(), Some(&to_tenths(VIEW_WIDTH - MARGIN)));
        assert!(outline.len() > 300);
    }
}
