//! Reading and writing the three cookies: the session, the anonymous anti-CSRF token and the
//! language choice.

use axum::http::header::{COOKIE, HeaderMap};

/// The session cookie (HttpOnly; holds the session token, the server keeps only its hash).
pub const SESSION: &str = "otandas_session";
/// The anti-CSRF cookie of visitors without a session (double-submit, HttpOnly).
pub const CSRF: &str = "otandas_csrf";
/// The language chosen with the switcher.
pub const LANG: &str = "lang";

/// The value of cookie `name` in the request, if present.
pub fn get(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim_matches('"').to_owned())
        .filter(|v| !v.is_empty())
}

/// A `Set-Cookie` value. `max_age` of `Some(0)` deletes the cookie; `None` makes it last for
/// the browser session.
pub fn set(name: &str, value: &str, max_age: Option<i64>, http_only: bool, secure: bool) -> String {
    let mut cookie = format!("{name}={value}; Path=/; SameSite=Lax");
    if let Some(age) = max_age {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    if http_only {
        cookie.push_str("; HttpOnly");
    }
    if secure {
        cookie.push_str("; Secure");
    }
    cookie
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn cookies_are_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            COOKIE,
            HeaderValue::from_static("a=1; lang=kk; otandas_session=abc"),
        );
        assert_eq!(get(&headers, LANG).as_deref(), Some("kk"));
        assert_eq!(get(&headers, SESSION).as_deref(), Some("abc"));
        assert_eq!(get(&headers, CSRF), None);
    }

    #[test]
    fn set_cookie_carries_the_security_attributes() {
        let cookie = set(SESSION, "t", None, true, true);
        assert!(
            cookie.contains("HttpOnly")
                && cookie.contains("Secure")
                && cookie.contains("SameSite=Lax")
        );
        assert!(set(SESSION, "", Some(0), true, false).contains("Max-Age=0"));
    }
}
