//! Data exports a person downloads: their whole record as JSON, or as a two-column CSV. CSV
//! cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab,
//! a carriage return or NUL) are neutralized with a leading apostrophe.

use otandas_domain::audit::AuditEvent;
use otandas_domain::categories::{
    Citizenship, Determination, EthnicityAnswer, KandasStatus, Permanence,
};
use otandas_domain::registry::{PersonExport, ethnic_group_code};
use serde::Serialize;
use time::format_description::well_known::Rfc3339;

/// Makes a cell safe to open in a spreadsheet.
pub fn neutralize(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\0') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

/// One CSV record (RFC 4180 quoting), with formulas neutralized.
pub fn csv_record(cells: &[&str]) -> String {
    let mut line = cells
        .iter()
        .map(|c| {
            let safe = neutralize(c);
            if safe.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", safe.replace('"', "\"\""))
            } else {
                safe
            }
        })
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// The export as flat `(field, value)` pairs: the CSV rows and the JSON's `record` object.
pub fn fields(export: &PersonExport) -> Vec<(String, String)> {
    let f = &export.person.facts;
    let mut out: Vec<(String, String)> = vec![("id".into(), export.person.id.to_string())];
    for (i, n) in f.names.iter().enumerate() {
        let p = format!("name_{}", i + 1);
        out.push((format!("{p}_family"), n.family.clone()));
        out.push((format!("{p}_given"), n.given.clone()));
        out.push((
            format!("{p}_patronymic"),
            n.patronymic.clone().unwrap_or_default(),
        ));
        out.push((format!("{p}_script"), n.script.as_ref().to_owned()));
        out.push((format!("{p}_source"), n.source.as_str().to_owned()));
    }
    let opt = |v: Option<String>| v.unwrap_or_default();
    out.push(("sex".into(), opt(f.sex.map(|s| s.as_str().to_owned()))));
    out.push((
        "birth_date".into(),
        opt(f.birth_date.map(|d| d.to_string())),
    ));
    out.push((
        "birth_country".into(),
        opt(f.birth_country.map(|c| c.to_string())),
    ));
    out.push((
        "birth_entity".into(),
        opt(f.birth_entity.map(|e| e.as_ref().to_owned())),
    ));
    out.push(("birth_place".into(), opt(f.birth_place.clone())));
    let (stateless, periods) = match &f.citizenship {
        Citizenship::Unknown => ("", vec![]),
        Citizenship::History(p) => ("no", p.clone()),
        Citizenship::Stateless { former } => ("yes", former.clone()),
    };
    out.push(("stateless".into(), stateless.to_owned()));
    for (i, p) in periods.iter().enumerate() {
        out.push((
            format!("citizenship_{}", i + 1),
            format!(
                "{} {}–{}",
                p.country(),
                opt(p.from().map(|d| d.to_string())),
                opt(p.until().map(|d| d.to_string()))
            ),
        ));
    }
    out.push((
        "ethnicity".into(),
        match &f.ethnicity {
            EthnicityAnswer::NotAsked => String::new(),
            EthnicityAnswer::PreferNotToSay => "prefer_not_to_say".into(),
            EthnicityAnswer::Groups(g) => g
                .iter()
                .map(ethnic_group_code)
                .collect::<Vec<_>>()
                .join(";"),
        },
    ));
    for l in &f.languages {
        out.push((
            format!("language_{}", l.language.as_ref()),
            l.proficiency.as_str().to_owned(),
        ));
    }
    if let Some(r) = &f.residence {
        out.push(("residence_country".into(), r.country.to_string()));
        out.push(("residence_region".into(), opt(r.region.clone())));
        out.push(("residence_city".into(), opt(r.city.clone())));
        out.push((
            "residence_since".into(),
            opt(r.since.map(|d| d.to_string())),
        ));
        let permanence = r.permanence.map(|p| match p {
            Permanence::Permanent => "permanent".to_owned(),
            Permanence::Temporary => "temporary".to_owned(),
        });
        out.push(("residence_permanence".into(), opt(permanence)));
    }
    out.push((
        "marital_status".into(),
        opt(f.marital_status.map(|m| m.as_str().to_owned())),
    ));
    out.push((
        "education".into(),
        opt(f.education.map(|e| e.as_ref().to_owned())),
    ));
    out.push((
        "occupation".into(),
        opt(f.occupation.map(|o| o.as_ref().to_owned())),
    ));
    out.push((
        "sector".into(),
        opt(f.sector.map(|s| s.as_ref().to_owned())),
    ));
    out.push((
        "employment".into(),
        opt(f.employment.map(|e| e.as_str().to_owned())),
    ));
    out.push(("qualifications".into(), f.qualifications.join("; ")));
    out.push((
        "email".into(),
        opt(f.email.as_ref().map(ToString::to_string)),
    ));
    out.push(("phone".into(), opt(f.phone.clone())));
    out.push((
        "hometown".into(),
        opt(f.hometown.as_ref().map(ToString::to_string)),
    ));
    out.push((
        "kandas".into(),
        match &f.kandas {
            KandasStatus::Unknown => String::new(),
            KandasStatus::NotHeld => "not_held".into(),
            KandasStatus::Held(g) => format!("held since {}", g.granted()),
        },
    ));
    out.push((
        "source_kind".into(),
        export.person.source.kind.as_str().to_owned(),
    ));
    out.push(("source_key".into(), opt(export.person.source.key.clone())));
    out
}

/// A consent event in the export.
#[derive(Serialize)]
pub struct ConsentEntry {
    purpose: &'static str,
    organization: Option<String>,
    granted: bool,
    at: String,
    channel: &'static str,
}

/// An access-log entry in the export.
#[derive(Serialize)]
pub struct AccessEntry {
    at: String,
    action: &'static str,
    by: Option<String>,
    purpose: &'static str,
}

/// A computed category in the export.
#[derive(Serialize)]
pub struct CategoryEntry {
    code: &'static str,
    determination: &'static str,
    legal_basis: Option<&'static str>,
}

/// The JSON export.
#[derive(Serialize)]
pub struct JsonExport {
    record: std::collections::BTreeMap<String, String>,
    categories: Vec<CategoryEntry>,
    consent_history: Vec<ConsentEntry>,
    access_log: Vec<AccessEntry>,
}

fn access(e: &AuditEvent) -> AccessEntry {
    AccessEntry {
        at: e.at.format(&Rfc3339).unwrap_or_default(),
        action: e.action.as_str(),
        by: e.actor.map(|a| a.to_string()),
        purpose: e.purpose.as_str(),
    }
}

/// Builds the JSON export.
pub fn json(export: &PersonExport) -> JsonExport {
    JsonExport {
        record: fields(export).into_iter().collect(),
        categories: export
            .categories
            .iter()
            .map(|c| CategoryEntry {
                code: c.code,
                determination: match c.determination {
                    Determination::Applies => "applies",
                    Determination::DoesNotApply => "does_not_apply",
                    Determination::Undetermined { .. } => "undetermined",
                },
                legal_basis: c.legal_basis,
            })
            .collect(),
        consent_history: export
            .consent_history
            .iter()
            .map(|c| ConsentEntry {
                purpose: c.purpose.kind(),
                organization: c.purpose.organization().map(|o| o.to_string()),
                granted: c.granted,
                at: c.at.format(&Rfc3339).unwrap_or_default(),
                channel: c.channel.as_str(),
            })
            .collect(),
        access_log: export.access_log.iter().map(access).collect(),
    }
}

/// Builds the CSV export: the record's fields, then the consent history and the access log.
pub fn csv(export: &PersonExport) -> String {
    let mut out = csv_record(&["section", "field", "value", "at"]);
    for (k, v) in fields(export) {
        out.push_str(&csv_record(&["record", &k, &v, ""]));
    }
    for c in &export.consent_history {
        let at = c.at.format(&Rfc3339).unwrap_or_default();
        out.push_str(&csv_record(&[
            "consent",
            c.purpose.kind(),
            if c.granted { "granted" } else { "withdrawn" },
            &at,
        ]));
    }
    for e in &export.access_log {
        let at = e.at.format(&Rfc3339).unwrap_or_default();
        let by = e.actor.map(|a| a.to_string()).unwrap_or_default();
        out.push_str(&csv_record(&["access", e.action.as_str(), &by, &at]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralized_and_quotes_escaped() {
        assert_eq!(neutralize("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        for c in ["+1", "-1", "@SUM(A1)", "\tx", "\0x", "\rx"] {
            assert!(neutralize(c).starts_with('\''), "{c:?}");
        }
        assert_eq!(neutralize("Алматы"), "Алматы");
        assert_eq!(
            csv_record(&["a,b", "say \"hi\"", "=1+1"]),
            "\"a,b\",\"say \"\"hi\"\"\",'=1+1\r\n"
        );
    }
}
