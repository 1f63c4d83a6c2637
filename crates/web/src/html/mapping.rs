//! The diaspora map's pages: `/statistics` for everyone (disclosure-controlled counts of people
//! who consented to statistics) and `/console/map` for staff with registry access (exact
//! counts within their scope). Both show a choropleth world map for the country breakdown, a
//! bar chart for the others, and always the same figures as a table. The counting, the scope
//! and the suppression are the mapping service's; the JSON API (`api::stats`) shares the view
//! model built here.

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use otandas_domain::accounts::ConsoleAccess;
use otandas_domain::codes::{self, IscoCode, LanguageCode};
use otandas_domain::disclosure::UNKNOWN_KEY;
use otandas_domain::mapping::{CountDimension, CountQuery, CountTable, MappingError};
use otandas_domain::shared::{CountryCode, Language, ValidationError, ValidationErrors};
use serde::Deserialize;

use super::util::{SelectOption, render};
use crate::context::PageContext;
use crate::error::WebError;
use crate::extract::{Ctx, CurrentUser, Query};
use crate::i18n::Tr;
use crate::maps::{CellValue, ChartLabels, Choropleth, Legend, MapLabels, render_bars};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/statistics", get(public_statistics))
        .route("/console/map", get(staff_map))
}

impl From<MappingError> for WebError {
    fn from(error: MappingError) -> Self {
        match error {
            MappingError::Invalid(errors) => Self::Invalid(errors),
            MappingError::ForbiddenCross | MappingError::FilterNotPublished(_) => Self::Forbidden,
            MappingError::Disclosure(cause) => Self::Internal(format!("disclosure: {cause:?}")),
            MappingError::Store(store) => store.into(),
        }
    }
}

/// The query string of the pages and the API: `dimension` (default `country`), `country`
/// (required for `region` and `city`), `region` and `ethnicity` filters.
#[derive(Clone, Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
pub struct StatsParams {
    /// `country`, `region`, `city`, `occupation`, `language`, `category`, `sex`, `age-band`,
    /// `ethnicity`.
    pub dimension: String,
    /// ISO 3166-1 alpha-2 country of residence (required for `region` and `city`).
    pub country: String,
    /// Only people living in this region of `country` (staff only).
    pub region: String,
    /// Only people who named this ethnic group (staff only; never with `region`/`city`).
    pub ethnicity: String,
}

impl StatsParams {
    /// The count query the parameters ask for.
    ///
    /// # Errors
    /// Every problem of the parameters.
    pub fn query(&self) -> Result<CountQuery, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let dimension = match text(&self.dimension) {
            None => Some(CountDimension::Country),
            Some(raw) => e.collect(CountDimension::parse(&raw)),
        };
        let country = text(&self.country).and_then(|c| e.collect(CountryCode::parse(&c)));
        let Some(dimension) = dimension else {
            return Err(e);
        };
        let mut query = e.collect(CountQuery::new(dimension, country));
        if let (Some(q), Some(region)) = (query.clone(), text(&self.region)) {
            query = e.collect(q.in_region(&region));
        }
        if let (Some(q), Some(group)) = (query.clone(), text(&self.ethnicity)) {
            query = e.collect(q.of_ethnicity(&group));
        }
        e.into_result()?;
        // Every way to get no query above recorded an error.
        query.ok_or_else(|| ValidationError::Required { field: "dimension" }.into())
    }
}

/// One row of a count table, ready to show.
#[derive(Clone, Debug)]
pub struct StatsRow {
    /// The key (a code, or a region or city as written).
    pub key: String,
    /// The key's name in the reader's language.
    pub label: String,
    /// The count, unless suppressed.
    pub count: Option<u64>,
    /// The count formatted for the reader, or the word for "suppressed".
    pub display: String,
}

/// A count table with its figures formatted, its chart, in the reader's language.
#[derive(Clone, Debug)]
pub struct StatsView {
    /// The dimension's stable name.
    pub dimension: &'static str,
    /// The dimension's name.
    pub dimension_label: String,
    /// The table's caption.
    pub caption: String,
    /// Whether the counts are exact (staff) rather than disclosure-controlled.
    pub exact: bool,
    /// The rows, in key order (the unknown key last).
    pub rows: Vec<StatsRow>,
    /// The total, unless suppressed.
    pub total: Option<u64>,
    /// The total formatted, or the word for "suppressed".
    pub total_display: String,
    /// How many cells are suppressed.
    pub suppressed: usize,
    /// Whether the whole table is withheld (its country is suppressed in the country table).
    pub withheld: bool,
    /// Whether the chart is the world map.
    pub is_map: bool,
    /// The chart: an `<svg>` element drawn by `crate::maps`, every text in it escaped there.
    pub svg: String,
}

/// Formats a count for `language`: digit groups of three, separated by a comma in English
/// and by a no-break space in Kazakh, Russian and Uzbek.
pub fn format_count(language: Language, n: u64) -> String {
    let separator = match language {
        Language::En => ",",
        Language::Kk | Language::Ru | Language::Uz => "\u{a0}",
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

/// The name of `key` of `dimension` in the reader's language.
fn label(tr: &Tr, dimension: CountDimension, key: &str) -> String {
    if key == UNKNOWN_KEY {
        return tr.t("map-unknown");
    }
    let language = tr.language;
    match dimension {
        CountDimension::Country => CountryCode::parse(key)
            .ok()
            .and_then(codes::country)
            .map_or_else(|| key.to_owned(), |c| c.name(language).to_owned()),
        CountDimension::Occupation => IscoCode::parse(key).map_or_else(
            |_| key.to_owned(),
            |code| codes::occupation(code).name(language).to_owned(),
        ),
        CountDimension::Language => LanguageCode::parse(key).map_or_else(
            |_| key.to_owned(),
            |code| code.entry().name(language).to_owned(),
        ),
        CountDimension::Category => tr.t(&format!("category-{key}")),
        CountDimension::Sex => tr.t(&format!("sex-{key}")),
        CountDimension::Ethnicity => {
            let message = format!("ethnic-{key}");
            if matches!(key, "kazakh" | "uzbek" | "karakalpak") {
                tr.t(&message)
            } else {
                key.to_owned()
            }
        }
        CountDimension::AgeBand => key.replace('-', "\u{2013}"),
        CountDimension::Region | CountDimension::City => key.to_owned(),
    }
}

/// Builds the view of `table` in the reader's language, with its chart.
pub fn view(tr: &Tr, world: &Choropleth, table: &CountTable) -> StatsView {
    let language = tr.language;
    let dimension = table.query.dimension;
    let suppressed_word = tr.t("map-suppressed");
    let display = |count: Option<u64>| {
        count.map_or_else(|| suppressed_word.clone(), |n| format_count(language, n))
    };
    let mut rows: Vec<StatsRow> = table
        .cells()
        .map(|(key, count)| StatsRow {
            key: key.to_owned(),
            label: label(tr, dimension, key),
            count,
            display: display(count),
        })
        .collect();
    // Names in the reader's alphabet for open lists, the code order for closed ones; the
    // unknown key last either way.
    if matches!(
        dimension,
        CountDimension::Country
            | CountDimension::Region
            | CountDimension::City
            | CountDimension::Language
    ) {
        rows.sort_by_cached_key(|r| otandas_domain::shared::sort_key(language, &r.label));
    }
    rows.sort_by_key(|r| r.key == UNKNOWN_KEY);
    let dimension_label = tr.t(&format!("map-dimension-{}", dimension.code()));
    let caption = match table.query.country {
        Some(country) if dimension.needs_country() => format!(
            "{} — {}",
            tr.t1("map-caption", "dimension", &dimension_label),
            super::person_view::country_name(tr, country)
        ),
        _ => tr.t1("map-caption", "dimension", &dimension_label),
    };
    let format = |n: u64| format_count(language, n);
    let description = tr.t(if table.exact {
        "map-description-staff"
    } else {
        "map-description-public"
    });
    let suppressed_label = tr.t("map-legend-suppressed");
    let no_data = tr.t("map-legend-no-data");
    let is_map = dimension == CountDimension::Country;
    let svg = if is_map {
        let mut by_numeric: HashMap<u16, CellValue> = HashMap::new();
        for row in &rows {
            if let Some(entry) = CountryCode::parse(&row.key).ok().and_then(codes::country) {
                by_numeric.insert(
                    entry.numeric(),
                    row.count.map_or(CellValue::Suppressed, CellValue::Count),
                );
            }
        }
        let values: Vec<u64> = rows
            .iter()
            .filter_map(|r| r.count)
            .filter(|n| *n > 0)
            .collect();
        let legend = Legend::quantiles(&values, 5);
        let name =
            |numeric: u16| codes::country_by_numeric(numeric).map(|c| c.name(language).to_owned());
        world.render(
            &|numeric| {
                by_numeric
                    .get(&numeric)
                    .copied()
                    .unwrap_or(CellValue::NoData)
            },
            &legend,
            &caption,
            &MapLabels {
                description: &description,
                legend_title: &tr.t("map-legend-title"),
                suppressed: &suppressed_label,
                no_data: &no_data,
                country_name: &name,
                format_count: &format,
                id_prefix: "map",
            },
        )
    } else {
        let bars: Vec<(String, CellValue)> = rows
            .iter()
            .map(|r| {
                (
                    r.label.clone(),
                    r.count.map_or(CellValue::Suppressed, CellValue::Count),
                )
            })
            .collect();
        render_bars(
            &bars,
            &caption,
            &ChartLabels {
                description: &description,
                suppressed: &suppressed_label,
                no_data: &no_data,
                format_count: &format,
                id_prefix: "bars",
            },
        )
    };
    StatsView {
        dimension: dimension.code(),
        dimension_label,
        caption,
        exact: table.exact,
        total: table.total(),
        total_display: display(table.total()),
        suppressed: table.suppressed(),
        withheld: table.withheld,
        rows,
        is_map,
        svg,
    }
}

#[derive(Template)]
#[template(path = "mapping/stats_page.html")]
struct StatsPage {
    ctx: PageContext,
    console: bool,
    nav: ConsoleAccess,
    active: &'static str,
    action: &'static str,
    params: StatsParams,
    dimensions: Vec<SelectOption>,
    countries: Vec<SelectOption>,
    ethnicities: Vec<SelectOption>,
    errors: Vec<String>,
    view: Option<StatsView>,
    attribution: String,
}

/// Renders the page for `actor`'s counts (the caller decides who that is).
async fn stats_page(
    state: &AppState,
    ctx: PageContext,
    actor: Option<&otandas_domain::access::Actor>,
    nav: Option<ConsoleAccess>,
    params: StatsParams,
) -> Result<Response, WebError> {
    let tr = ctx.tr.clone();
    let (status, view, errors) = match params.query() {
        Err(errors) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            errors.iter().map(|e| tr.validation(e)).collect(),
        ),
        Ok(query) => match state.services.mapping.counts(actor, query).await {
            Ok(table) => (
                StatusCode::OK,
                Some(view(&tr, &state.world, &table)),
                vec![],
            ),
            Err(MappingError::Invalid(errors)) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                errors.iter().map(|e| tr.validation(e)).collect(),
            ),
            Err(other) => return Err(other.into()),
        },
    };
    let selected = params.dimension.trim();
    let selected = if selected.is_empty() {
        "country"
    } else {
        selected
    };
    let dimensions = CountDimension::ALL
        .iter()
        .map(|d| SelectOption {
            value: d.code().to_owned(),
            label: tr.t(&format!("map-dimension-{}", d.code())),
            selected: d.code() == selected,
        })
        .collect();
    let mut countries: Vec<SelectOption> = codes::countries()
        .map(|c| SelectOption {
            value: c.code().to_string(),
            label: c.name(tr.language).to_owned(),
            selected: c.code().as_ref() == params.country.trim().to_ascii_uppercase(),
        })
        .collect();
    countries.sort_by_cached_key(|o| otandas_domain::shared::sort_key(tr.language, &o.label));
    let ethnicities = ["kazakh", "uzbek", "karakalpak"]
        .iter()
        .map(|g| SelectOption {
            value: (*g).to_owned(),
            label: tr.t(&format!("ethnic-{g}")),
            selected: params.ethnicity.trim() == *g,
        })
        .collect();
    let console = nav.is_some();
    render(
        status,
        &StatsPage {
            console,
            nav: nav.unwrap_or(ConsoleAccess {
                accounts: false,
                audit: false,
                people: false,
            }),
            active: "map",
            action: if console {
                "/console/map"
            } else {
                "/statistics"
            },
            params,
            dimensions,
            countries,
            ethnicities,
            errors,
            view,
            attribution: tr.t("map-attribution"),
            ctx,
        },
    )
}

/// The public statistics page: no login, and always the published figures, whoever is
/// signed in (staff see their exact counts on `/console/map`).
async fn public_statistics(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Query(params): Query<StatsParams>,
) -> Result<Response, WebError> {
    stats_page(&state, ctx, None, None, params).await
}

/// The staff map: staff with registry access, exact counts within their scope.
async fn staff_map(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
    Query(params): Query<StatsParams>,
) -> Result<Response, WebError> {
    let nav = state.services.accounts.console_access(&user.actor)?;
    if !nav.people {
        return Err(WebError::Forbidden);
    }
    stats_page(&state, ctx, Some(&user.actor), Some(nav), params).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands_in_each_language() {
        let cases = [
            (Language::En, 0, "0"),
            (Language::En, 999, "999"),
            (Language::En, 1000, "1,000"),
            (Language::En, 1_234_567, "1,234,567"),
            (Language::Kk, 12_345, "12\u{a0}345"),
            (Language::Ru, 100_000, "100\u{a0}000"),
            (Language::Uz, 1_000_000, "1\u{a0}000\u{a0}000"),
        ];
        for (language, n, expected) in cases {
            assert_eq!(format_count(language, n), expected, "{language:?} {n}");
        }
    }

    #[test]
    fn parameters_default_to_countries_and_report_every_problem() {
        let q = StatsParams::default().query().unwrap();
        assert_eq!(q.dimension, CountDimension::Country);
        let bad = StatsParams {
            dimension: "planet".into(),
            country: "XX1".into(),
            ..StatsParams::default()
        };
        assert_eq!(bad.query().unwrap_err().iter().count(), 2);
        let city = StatsParams {
            dimension: "city".into(),
            ..StatsParams::default()
        };
        assert_eq!(
            city.query().unwrap_err().iter().next(),
            Some(&ValidationError::Required { field: "country" })
        );
    }
}
