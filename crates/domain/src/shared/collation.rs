//! Locale-aware ordering of names. Both engines compare text byte by byte, which puts the
//! Kazakh letters Ә, Ғ, Қ, Ң, Ө, Ұ, Ү, Һ, І after Я and the Uzbek Oʻ, Gʻ, Sh, Ch among the
//! plain Latin letters. The app therefore computes a *sort key* per language: a string whose
//! byte order is the alphabetical order of that language. Keys are stored beside the names so
//! that both engines can sort and page by them with an index.

use super::language::Language;

/// Kazakh Cyrillic alphabet order (the 42 letters of the 1940 alphabet).
const KK: &[&str] = &[
    "а", "ә", "б", "в", "г", "ғ", "д", "е", "ё", "ж", "з", "и", "й", "к", "қ", "л", "м", "н", "ң",
    "о", "ө", "п", "р", "с", "т", "у", "ұ", "ү", "ф", "х", "һ", "ц", "ч", "ш", "щ", "ъ", "ы", "і",
    "ь", "э", "ю", "я",
];

/// Russian alphabet order; Ё sorts with Е, and the letters of other Cyrillic alphabets follow
/// the letter they are built on, as in the CLDR root collation.
const RU: &[&str] = &[
    "а", "ә", "б", "в", "г", "ғ", "д", "е", "ж", "з", "и", "і", "й", "к", "қ", "л", "м", "н", "ң",
    "о", "ө", "п", "р", "с", "т", "у", "ұ", "ү", "ў", "ф", "х", "һ", "ц", "ч", "ш", "щ", "ъ", "ы",
    "ь", "э", "ю", "я",
];

/// Uzbek Latin alphabet order (1995, revised): Oʻ, Gʻ, Sh, Ch come after Z.
const UZ: &[&str] = &[
    "a", "b", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y", "z", "oʻ", "gʻ", "sh", "ch",
];

/// English (basic Latin) order.
const EN: &[&str] = &[
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s",
    "t", "u", "v", "w", "x", "y", "z",
];

/// The apostrophe-like characters that Uzbek text uses interchangeably for the ʻ of Oʻ and Gʻ.
const UZ_APOSTROPHES: [char; 5] = ['\'', '`', '‘', '’', 'ʼ'];

fn alphabet(language: Language) -> &'static [&'static str] {
    match language {
        Language::Kk => KK,
        Language::Ru => RU,
        Language::Uz => UZ,
        Language::En => EN,
    }
}

/// Folds a Latin letter with a diacritic to its base letter for the primary level.
fn fold_latin(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' | 'ǵ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ş' | 'ś' | 'š' | 'ș' => 's',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ž' | 'ź' | 'ż' => 'z',
        'ё' => 'е',
        other => other,
    }
}

/// The sort key of `text` in `language`: byte order of keys is alphabetical order of texts.
///
/// The key has a primary part (letters of the language's alphabet, case and diacritics
/// ignored; digits first; other scripts after, by code point), then the lower-cased text and
/// the text itself to break ties deterministically.
pub fn sort_key(language: Language, text: &str) -> String {
    let table = alphabet(language);
    let lower: String = text.trim().to_lowercase();
    let normalized: String = if language == Language::Uz {
        lower
            .chars()
            .map(|c| if UZ_APOSTROPHES.contains(&c) { 'ʻ' } else { c })
            .collect()
    } else {
        lower.clone()
    };
    let mut key = String::with_capacity(normalized.len() * 6 + text.len() * 2 + 2);
    let mut rest = normalized.as_str();
    while let Some(c) = rest.chars().next() {
        // Longest match first, so that Uzbek "sh" wins over "s".
        let hit = table
            .iter()
            .enumerate()
            .filter(|(_, letter)| rest.starts_with(**letter))
            .max_by_key(|(_, letter)| letter.len());
        let (rank, consumed) = if let Some((index, letter)) = hit {
            (0x100 + u32::try_from(index).unwrap_or(0), letter.len())
        } else if c.is_ascii_digit() {
            (0x10 + u32::from(c) - u32::from('0'), c.len_utf8())
        } else if c.is_whitespace() || c == '-' {
            (0x01, c.len_utf8())
        } else if c.is_alphanumeric() {
            let folded = fold_latin(c);
            let rank = table
                .iter()
                .position(|letter| letter.chars().eq(std::iter::once(folded)))
                .and_then(|i| u32::try_from(i).ok())
                .map_or(0x1000 + u32::from(folded), |i| 0x100 + i);
            (rank, c.len_utf8())
        } else {
            // Punctuation and marks are ignorable at the primary level.
            (0, c.len_utf8())
        };
        if rank > 0 {
            key.push_str(&format!("{rank:06x}"));
        }
        rest = rest.get(consumed..).unwrap_or_default();
    }
    key.push(' ');
    key.push_str(&lower);
    key.push(' ');
    key.push_str(text);
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(language: Language, names: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = names.iter().map(ToString::to_string).collect();
        names.sort_by_key(|name| sort_key(language, name));
        names
    }

    #[test]
    fn kazakh_letters_sort_inside_the_alphabet_not_after_ya() {
        let names = [
            "Ұлан",
            "Яхия",
            "Ахмет",
            "Әлия",
            "Бауыржан",
            "Ілияс",
            "Ысқақ",
            "Қайрат",
            "Кенжебек",
        ];
        assert_eq!(
            sorted(Language::Kk, &names),
            [
                "Ахмет",
                "Әлия",
                "Бауыржан",
                "Кенжебек",
                "Қайрат",
                "Ұлан",
                "Ысқақ",
                "Ілияс",
                "Яхия"
            ]
        );
        // Plain byte order gets it wrong, which is why the key exists.
        let mut bytes = names.to_vec();
        bytes.sort_unstable();
        assert_ne!(
            bytes.first(),
            Some(&"Ахмет").filter(|_| bytes.get(1) == Some(&"Әлия"))
        );
    }

    #[test]
    fn russian_sorts_yo_with_ye_and_ignores_case() {
        assert_eq!(
            sorted(Language::Ru, &["ёлкин", "Ежов", "Елисеев", "абаев"]),
            ["абаев", "Ежов", "Елисеев", "ёлкин"]
        );
    }

    #[test]
    fn uzbek_digraphs_and_apostrophe_letters_come_after_z() {
        assert_eq!(
            sorted(
                Language::Uz,
                &[
                    "Shoira", "Zafar", "Oʻlmas", "Olim", "G'ayrat", "Gulnora", "Chori", "Sardor"
                ]
            ),
            [
                "Gulnora", "Olim", "Sardor", "Zafar", "Oʻlmas", "G'ayrat", "Shoira", "Chori"
            ]
        );
    }

    #[test]
    fn every_apostrophe_variant_sorts_the_same_in_uzbek() {
        let primary = |s: &str| {
            sort_key(Language::Uz, s)
                .split(' ')
                .next()
                .map(ToOwned::to_owned)
        };
        let forms = ["Oʻlmas", "O'lmas", "O`lmas", "O‘lmas", "O’lmas", "Oʼlmas"];
        for form in forms {
            assert_eq!(primary(form), primary("Oʻlmas"), "{form}");
        }
    }

    #[test]
    fn english_folds_diacritics_and_puts_shorter_names_first() {
        assert_eq!(
            sorted(Language::En, &["Özdemir", "Ozturk", "Oz", "Abay"]),
            ["Abay", "Oz", "Özdemir", "Ozturk"]
        );
    }

    #[test]
    fn digits_come_before_letters_and_other_scripts_after() {
        assert_eq!(
            sorted(Language::Kk, &["Zhanar", "Жанар", "7 Ата"]),
            ["7 Ата", "Жанар", "Zhanar"]
        );
    }
}
