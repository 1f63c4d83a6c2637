//! What every page needs besides its own data: the translator, the signed-in user, the
//! anti-CSRF token for its forms, the request id and the language switcher.

use otandas_domain::accounts::Authenticated;
use otandas_domain::shared::{Language, RequestId};

use crate::i18n::Tr;

/// The signed-in user, as the layout shows them.
#[derive(Clone, Debug)]
pub struct UserView {
    /// Name shown in the header.
    pub name: String,
    /// Whether to show the console link.
    pub staff: bool,
}

/// One entry of the language switcher.
#[derive(Clone, Debug)]
pub struct LanguageLink {
    /// BCP 47 tag.
    pub tag: &'static str,
    /// The language's own name.
    pub name: String,
    /// Whether it is the current language.
    pub current: bool,
}

/// Per-request context of a rendered page.
#[derive(Clone, Debug)]
pub struct PageContext {
    /// Translator in the reader's language.
    pub tr: Tr,
    /// The request's id, shown on error pages.
    pub request_id: RequestId,
    /// The anti-CSRF token every form of this page carries.
    pub csrf: String,
    /// The signed-in user, if any.
    pub user: Option<UserView>,
}

impl PageContext {
    /// Builds the context.
    pub fn new(tr: Tr, request_id: RequestId, csrf: String, auth: Option<&Authenticated>) -> Self {
        let user = auth.map(|a| UserView {
            name: a.account.display_name.to_string(),
            staff: a.actor.is_staff(),
        });
        Self {
            tr,
            request_id,
            csrf,
            user,
        }
    }

    /// The message `key` in the reader's language.
    pub fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }

    /// The message `key` with one argument.
    pub fn t1(&self, key: &str, name: &str, value: impl std::fmt::Display) -> String {
        self.tr.t1(key, name, value)
    }

    /// The reader's language tag, for `<html lang>`.
    pub fn lang(&self) -> &'static str {
        self.tr.language.tag()
    }

    /// The language switcher's entries.
    pub fn languages(&self) -> Vec<LanguageLink> {
        Language::ALL
            .into_iter()
            .map(|language| LanguageLink {
                tag: language.tag(),
                name: self.tr.t(&format!("language-{}", language.tag())),
                current: language == self.tr.language,
            })
            .collect()
    }
}
