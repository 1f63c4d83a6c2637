//! Decoding of `TopoJSON` (the `world-atlas` format) into country features with lon/lat rings:
//! quantized, delta-encoded arcs are decoded once, then each polygon ring is stitched from its
//! arcs (a negative index `~i` means arc `i` reversed). The Natural Earth 1:110m file is
//! embedded at compile time from `crates/web/assets/` (see `SOURCE.md` there).

use std::collections::HashMap;

use serde::Deserialize;

/// The Natural Earth 1:110m country shapes as `TopoJSON` (`world-atlas` 2.0.2, unchanged).
pub const WORLD_110M: &str = include_str!("../../assets/countries-110m.json");

/// The ISC licence notice of the `world-atlas` `TopoJSON` conversion, to show on a credits page.
pub const WORLD_ATLAS_LICENSE: &str = include_str!("../../assets/LICENSE-world-atlas.txt");

/// A position in degrees: longitude east of Greenwich, latitude north of the equator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LonLat {
    /// Longitude in degrees, −180 to 180.
    pub lon: f64,
    /// Latitude in degrees, −90 to 90.
    pub lat: f64,
}

/// A closed ring of positions: the first position is repeated at the end.
pub type Ring = Vec<LonLat>;

/// A polygon: its exterior ring followed by its holes.
pub type Polygon = Vec<Ring>;

/// One country (or territory) of the topology, with its decoded shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    /// The ISO 3166-1 numeric code, or `None` when the geometry has no usable numeric id
    /// (world-atlas leaves N. Cyprus, Somaliland and Kosovo without one): such a feature is
    /// drawn but cannot be joined to data.
    pub id: Option<u16>,
    /// The name in the file (`properties.name`, English), a fallback for translated names.
    pub name: String,
    /// The polygons of the feature; a Polygon geometry gives one, a `MultiPolygon` several.
    pub polygons: Vec<Polygon>,
}

/// Why a `TopoJSON` text could not be decoded.
#[derive(Debug, thiserror::Error)]
pub enum TopologyError {
    /// The text is not JSON of the `TopoJSON` shape.
    #[error("invalid TopoJSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The topology has no object of the requested name.
    #[error("no object named {0:?} in the topology")]
    MissingObject(String),
    /// The named object is not a `GeometryCollection`.
    #[error("object {0:?} is not a GeometryCollection")]
    NotACollection(String),
    /// A geometry refers to an arc the topology does not have.
    #[error("arc index {0} out of range")]
    ArcOutOfRange(i64),
    /// An arc position has fewer than two coordinates.
    #[error("arc {0} has a position with fewer than two coordinates")]
    ShortPosition(usize),
}

#[derive(Deserialize)]
struct TopologyJson {
    objects: HashMap<String, ObjectJson>,
    arcs: Vec<Vec<Vec<f64>>>,
    transform: Option<TransformJson>,
}

#[derive(Deserialize)]
struct TransformJson {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum ObjectJson {
    GeometryCollection {
        geometries: Vec<GeometryJson>,
    },
    #[serde(other)]
    Other,
}

#[derive(Deserialize)]
struct GeometryJson {
    #[serde(flatten)]
    shape: ShapeJson,
    id: Option<IdJson>,
    #[serde(default)]
    properties: PropertiesJson,
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum ShapeJson {
    Polygon {
        arcs: Vec<Vec<i64>>,
    },
    MultiPolygon {
        arcs: Vec<Vec<Vec<i64>>>,
    },
    /// Points, lines and null geometries have no area to fill: they are skipped.
    #[serde(other)]
    Other,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum IdJson {
    Text(String),
    Number(i64),
}

#[derive(Deserialize, Default)]
struct PropertiesJson {
    name: Option<String>,
}

/// Decodes the embedded Natural Earth 1:110m countries.
///
/// # Errors
/// Only if the embedded file were corrupt; the unit tests decode it.
pub fn world_countries() -> Result<Vec<Feature>, TopologyError> {
    decode(WORLD_110M, "countries")
}

/// Decodes the `GeometryCollection` named `object` of a `TopoJSON` topology into features,
/// in file order. Geometries that are neither Polygon nor `MultiPolygon` are skipped; an id
/// that is not a number from 0 to 999 (Natural Earth uses `-99` for "none") becomes `None`.
///
/// # Errors
/// [`TopologyError`] when the text is not `TopoJSON`, the object is missing or not a
/// collection, or a geometry refers to a missing arc.
pub fn decode(json: &str, object: &str) -> Result<Vec<Feature>, TopologyError> {
    let topology: TopologyJson = serde_json::from_str(json)?;
    let arcs = decode_arcs(&topology.arcs, topology.transform.as_ref())?;
    let geometries = match topology.objects.get(object) {
        None => return Err(TopologyError::MissingObject(object.to_owned())),
        Some(ObjectJson::Other) => return Err(TopologyError::NotACollection(object.to_owned())),
        Some(ObjectJson::GeometryCollection { geometries }) => geometries,
    };
    let mut features = Vec::with_capacity(geometries.len());
    for geometry in geometries {
        let polygons = match &geometry.shape {
            ShapeJson::Polygon { arcs: rings } => vec![polygon(&arcs, rings)?],
            ShapeJson::MultiPolygon { arcs: polygons } => polygons
                .iter()
                .map(|rings| polygon(&arcs, rings))
                .collect::<Result<_, _>>()?,
            ShapeJson::Other => continue,
        };
        features.push(Feature {
            id: geometry.id.as_ref().and_then(numeric_id),
            name: geometry.properties.name.clone().unwrap_or_default(),
            polygons,
        });
    }
    Ok(features)
}

fn numeric_id(id: &IdJson) -> Option<u16> {
    let n = match id {
        IdJson::Text(text) => text.trim().parse::<u16>().ok()?,
        IdJson::Number(n) => u16::try_from(*n).ok()?,
    };
    (n <= 999).then_some(n)
}

/// Turns every arc into absolute lon/lat positions: with a transform, positions are quantized
/// and delta-encoded (each one is an offset from the previous, in transform units).
fn decode_arcs(
    arcs: &[Vec<Vec<f64>>],
    transform: Option<&TransformJson>,
) -> Result<Vec<Vec<LonLat>>, TopologyError> {
    arcs.iter()
        .enumerate()
        .map(|(index, arc)| {
            let (mut x, mut y) = (0.0, 0.0);
            arc.iter()
                .map(|position| {
                    let [dx, dy] = match position.as_slice() {
                        [dx, dy, ..] => [*dx, *dy],
                        _ => return Err(TopologyError::ShortPosition(index)),
                    };
                    Ok(match transform {
                        Some(t) => {
                            x += dx;
                            y += dy;
                            LonLat {
                                lon: x * t.scale[0] + t.translate[0],
                                lat: y * t.scale[1] + t.translate[1],
                            }
                        }
                        None => LonLat { lon: dx, lat: dy },
                    })
                })
                .collect()
        })
        .collect()
}

fn polygon(arcs: &[Vec<LonLat>], rings: &[Vec<i64>]) -> Result<Polygon, TopologyError> {
    rings.iter().map(|ring| stitch(arcs, ring)).collect()
}

/// Joins the arcs of one ring; consecutive arcs share their junction position, which is kept once.
fn stitch(arcs: &[Vec<LonLat>], indexes: &[i64]) -> Result<Ring, TopologyError> {
    let mut ring: Ring = Vec::new();
    for &index in indexes {
        let reversed = index < 0;
        let arc = usize::try_from(if reversed { !index } else { index })
            .ok()
            .and_then(|i| arcs.get(i))
            .ok_or(TopologyError::ArcOutOfRange(index))?;
        let skip = usize::from(!ring.is_empty());
        if reversed {
            ring.extend(arc.iter().rev().skip(skip));
        } else {
            ring.extend(arc.iter().skip(skip));
        }
    }
    Ok(ring)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world() -> Vec<Feature> {
        world_countries().expect("the embedded topology decodes")
    }

    fn by_id(features: &[Feature], id: u16) -> &Feature {
        features
            .iter()
            .find(|f| f.id == Some(id))
            .unwrap_or_else(|| panic!("feature {id} is present"))
    }

    #[test]
    fn the_embedded_world_has_177_features_with_fiji_first() {
        let features = world();
        assert_eq!(features.len(), 177);
        assert_eq!(features[0].id, Some(242));
        assert_eq!(features[0].name, "Fiji");
        assert_eq!(features[0].polygons.len(), 2);
    }

    #[test]
    fn central_asian_and_other_countries_decode_with_their_names_and_shapes() {
        let features = world();
        let cases = [
            (398, "Kazakhstan", 1),
            (860, "Uzbekistan", 1),
            (417, "Kyrgyzstan", 1),
            (762, "Tajikistan", 1),
            (795, "Turkmenistan", 1),
            (496, "Mongolia", 1),
            (276, "Germany", 1),
        ];
        for (id, name, polygons) in cases {
            let feature = by_id(&features, id);
            assert_eq!(feature.name, name, "{id}");
            assert_eq!(feature.polygons.len(), polygons, "{name}");
        }
        for (id, name) in [
            (643, "Russia"),
            (156, "China"),
            (792, "Turkey"),
            (840, "United States of America"),
        ] {
            let feature = by_id(&features, id);
            assert_eq!(feature.name, name);
            assert!(feature.polygons.len() > 1, "{name} is a MultiPolygon");
        }
    }

    #[test]
    fn antarctica_keeps_its_leading_zero_id_as_a_number() {
        assert_eq!(by_id(&world(), 10).name, "Antarctica");
    }

    #[test]
    fn features_without_a_numeric_id_are_kept_but_not_joinable() {
        let features = world();
        let unnamed: Vec<&str> = features
            .iter()
            .filter(|f| f.id.is_none())
            .map(|f| f.name.as_str())
            .collect();
        assert_eq!(unnamed, ["N. Cyprus", "Somaliland", "Kosovo"]);
        assert!(
            features
                .iter()
                .filter(|f| f.id.is_none())
                .all(|f| !f.polygons.is_empty())
        );
    }

    #[test]
    fn every_ring_is_closed_and_inside_the_globe() {
        for feature in world() {
            for ring in feature.polygons.iter().flatten() {
                assert!(ring.len() >= 4, "{}", feature.name);
                assert_eq!(ring.first(), ring.last(), "{} ring is closed", feature.name);
                assert!(
                    ring.iter()
                        .all(|p| (-180.0..=180.0).contains(&p.lon)
                            && (-90.0..=90.0).contains(&p.lat))
                );
            }
        }
    }

    #[test]
    fn kazakhstan_lies_where_it_should() {
        let features = world();
        let ring = &by_id(&features, 398).polygons[0][0];
        let (lon_min, lon_max) = ring.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
            (lo.min(p.lon), hi.max(p.lon))
        });
        let (lat_min, lat_max) = ring.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
            (lo.min(p.lat), hi.max(p.lat))
        });
        assert!((46.0..47.5).contains(&lon_min), "{lon_min}");
        assert!((86.0..88.0).contains(&lon_max), "{lon_max}");
        assert!((40.0..41.5).contains(&lat_min), "{lat_min}");
        assert!((55.0..56.0).contains(&lat_max), "{lat_max}");
    }

    #[test]
    fn a_hand_made_topology_decodes_quantized_deltas_and_reversed_arcs() {
        // Arc 0 goes (0,0)→(2,0)→(2,2); arc 1 goes (0,0)→(0,2)→(2,2); the ring is 0 then ~1.
        let json = r#"{"type":"Topology",
            "transform":{"scale":[0.5,0.25],"translate":[10,20]},
            "arcs":[[[0,0],[2,0],[0,2]],[[0,0],[0,2],[2,0]]],
            "objects":{"c":{"type":"GeometryCollection","geometries":[
                {"type":"Polygon","id":"004","properties":{"name":"A"},"arcs":[[0,-2]]},
                {"type":"Polygon","id":-99,"properties":{"name":"B"},"arcs":[[0,-2]]},
                {"type":"Point","coordinates":[0,0]}]}}}"#;
        let features = decode(json, "c").unwrap();
        assert_eq!(features.len(), 2);
        assert_eq!(features[0].id, Some(4));
        assert_eq!(features[1].id, None);
        let ring: Vec<(f64, f64)> = features[0].polygons[0][0]
            .iter()
            .map(|p| (p.lon, p.lat))
            .collect();
        assert_eq!(
            ring,
            [
                (10.0, 20.0),
                (11.0, 20.0),
                (11.0, 20.5),
                (10.0, 20.5),
                (10.0, 20.0)
            ]
        );
    }

    #[test]
    fn bad_topologies_are_errors_not_panics() {
        assert!(matches!(decode("{", "c"), Err(TopologyError::Json(_))));
        let no_object = r#"{"type":"Topology","arcs":[],"objects":{}}"#;
        assert!(matches!(
            decode(no_object, "c"),
            Err(TopologyError::MissingObject(_))
        ));
        let bad_arc = r#"{"type":"Topology","arcs":[],"objects":{"c":{"type":"GeometryCollection",
            "geometries":[{"type":"Polygon","arcs":[[3]]}]}}}"#;
        assert!(matches!(
            decode(bad_arc, "c"),
            Err(TopologyError::ArcOutOfRange(3))
        ));
    }
}
