//! Maps and charts drawn on the server as SVG: the choropleth world map of counts by country
//! (Natural Earth 1:110m shapes, Equal Earth projection) and horizontal bar charts of count
//! tables. The output is plain, accessible SVG (`role="img"`, `<title>`, `<desc>`) with no
//! script, no external resource and no `style=` attribute, so pages work without JavaScript
//! and under the application's Content Security Policy. Every text is supplied by the caller
//! (translated) and escaped here. Build the [`Choropleth`] once and share it behind an `Arc`.

pub mod bar_chart;
pub mod choropleth;
pub mod legend;
pub mod projection;
pub mod svg;
pub mod topology;
pub mod value;

pub use bar_chart::{ChartLabels, render_bars};
pub use choropleth::{Choropleth, MapLabels};
pub use legend::{Legend, LegendClass, LegendError};
pub use topology::{WORLD_110M, WORLD_ATLAS_LICENSE};
pub use value::CellValue;
