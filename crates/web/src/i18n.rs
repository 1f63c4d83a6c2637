//! Translations: one Fluent file per language, embedded in the binary, and the negotiation
//! that picks the reader's language (`?lang=`, then the `lang` cookie, then `Accept-Language`,
//! then the deployment default).

use std::collections::HashMap;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use otandas_domain::shared::Language;

/// The Fluent source of each language, in [`Language::ALL`] order.
pub const SOURCES: [(Language, &str); 4] = [
    (Language::Kk, include_str!("../locales/kk.ftl")),
    (Language::Ru, include_str!("../locales/ru.ftl")),
    (Language::Uz, include_str!("../locales/uz.ftl")),
    (Language::En, include_str!("../locales/en.ftl")),
];

/// Every language's bundle, loaded once.
pub struct Catalog {
    bundles: HashMap<Language, FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("languages", &self.bundles.len())
            .finish()
    }
}

impl Catalog {
    /// Parses every embedded Fluent file.
    ///
    /// # Errors
    /// A description of the first file that does not parse (a build defect; the tests catch it).
    pub fn load() -> Result<Self, String> {
        let mut bundles = HashMap::new();
        for (language, source) in SOURCES {
            let resource = FluentResource::try_new(source.to_owned())
                .map_err(|(_, errors)| format!("{language}.ftl: {errors:?}"))?;
            let tag = language
                .tag()
                .parse()
                .map_err(|e| format!("{language}: {e:?}"))?;
            let mut bundle = FluentBundle::new_concurrent(vec![tag]);
            // No Unicode isolation marks around arguments: they show up in plain-text contexts.
            bundle.set_use_isolating(false);
            bundle
                .add_resource(resource)
                .map_err(|errors| format!("{language}.ftl: {errors:?}"))?;
            bundles.insert(language, bundle);
        }
        Ok(Self { bundles })
    }

    /// The message `key` in `language`, with arguments; the key itself if it is missing
    /// (the completeness test keeps that from happening).
    pub fn message(&self, language: Language, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(bundle) = self.bundles.get(&language) else {
            return key.to_owned();
        };
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_owned();
        };
        let mut errors = vec![];
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }

    /// Whether `language` has a message `key`.
    pub fn has(&self, language: Language, key: &str) -> bool {
        self.bundles
            .get(&language)
            .is_some_and(|b| b.has_message(key))
    }
}

/// A translator bound to one reader's language.
#[derive(Clone, Debug)]
pub struct Tr {
    catalog: Arc<Catalog>,
    /// The reader's language.
    pub language: Language,
}

impl Tr {
    /// A translator for `language`.
    pub fn new(catalog: Arc<Catalog>, language: Language) -> Self {
        Self { catalog, language }
    }

    /// The message `key`.
    pub fn t(&self, key: &str) -> String {
        self.catalog.message(self.language, key, None)
    }

    /// The message `key` with one argument.
    pub fn t1(&self, key: &str, name: &str, value: impl std::fmt::Display) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_owned(), FluentValue::from(value.to_string()));
        self.catalog.message(self.language, key, Some(&args))
    }

    /// The reason an import row was rejected: `import-row-forbidden` / `import-row-conflict`
    /// for the whole row or an already imported key, else the validation message of its code.
    pub fn row_error(&self, error: &otandas_domain::imports::RowError) -> String {
        let field = self.t(&format!("field-{}", error.field));
        match error.code.as_str() {
            "forbidden" => self.t1("import-row-forbidden", "field", field),
            "conflict" => self.t1("import-row-conflict", "field", field),
            code => {
                let mut args = FluentArgs::new();
                args.set("field", FluentValue::from(field));
                args.set("limit", FluentValue::from("…"));
                self.catalog
                    .message(self.language, &format!("error-{code}"), Some(&args))
            }
        }
    }

    /// The message for a validation error (`error-<code>`), naming the field's label.
    pub fn validation(&self, error: &otandas_domain::shared::ValidationError) -> String {
        let mut args = FluentArgs::new();
        args.set(
            "field",
            FluentValue::from(self.t(&format!("field-{}", error.field()))),
        );
        if let Some(limit) = error.limit() {
            args.set("limit", FluentValue::from(limit));
        }
        self.catalog.message(
            self.language,
            &format!("error-{}", error.code()),
            Some(&args),
        )
    }
}

/// Picks the best language from an `Accept-Language` header (quality values honoured).
pub fn from_accept_language(header: &str) -> Option<Language> {
    let mut candidates: Vec<(f32, usize, Language)> = header
        .split(',')
        .enumerate()
        .filter_map(|(position, part)| {
            let mut pieces = part.split(';');
            let tag = pieces.next()?.trim();
            let quality = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            let language = Language::from_tag(tag)?;
            (quality > 0.0).then_some((quality, position, language))
        })
        .collect();
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    candidates.first().map(|c| c.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_honours_quality_and_order() {
        assert_eq!(
            from_accept_language("de-DE,ru;q=0.8,en;q=0.9"),
            Some(Language::En)
        );
        assert_eq!(from_accept_language("kk-KZ, ru;q=0.9"), Some(Language::Kk));
        assert_eq!(from_accept_language("uz-Latn;q=0.5"), Some(Language::Uz));
        assert_eq!(from_accept_language("fr, de"), None);
        assert_eq!(from_accept_language("en;q=0"), None);
    }
}
