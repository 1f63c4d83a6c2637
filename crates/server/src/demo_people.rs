//! A synthetic population for `serve --demo`: compatriots spread over host countries in the
//! proportions of real stocks, with names in the scripts each country really uses, so that
//! lists, filters, categories and maps have something realistic to show.
//!
//! Proportions (persons), Kazakhstan profile:
//! - Kazakhstan-born residents abroad, UN DESA International Migrant Stock, Rev. 2024, year
//!   2024 (`../shared/data/undesa-migrant-stock/ims2024_origin_destination_by_sex.csv`, origin
//!   398): Russia 1,321,004; Germany 896,268; Ukraine 228,982; Türkiye 84,823; Belarus 68,126;
//!   Korea 30,061; Greece 29,238; Israel 17,166; Canada 15,397. A test checks these against the file.
//! - Ethnic Kazakhs born abroad (`../shared/data/ethnic-census-transcribed`): China 1,462,588
//!   (2010 census); Uzbekistan 870,000 (estimate); Mongolia 101,526 (2010 census).
//!
//! Uzbekistan profile: Uzbekistan-born residents abroad, UN DESA Rev. 2024, 2024 (origin 860):
//! Russia 778,041 (labour migrants, temporary); Kazakhstan 744,161; Ukraine 226,478; Türkiye
//! 128,061; Turkmenistan 66,605; Korea 59,361.
//!
//! Every record is generated from a fixed seed, so two demo runs show the same people.

use anyhow::bail;
use otandas_domain::Services;
use otandas_domain::access::Actor;
use otandas_domain::categories::PolicyProfile;
use otandas_domain::registry::{CitizenshipInput, LanguageInput, NameInput, PersonInput, Purpose};

/// One source population: where they live, how many, how their names are written.
pub struct Group {
    /// Host country.
    pub country: &'static str,
    /// Persons in the real stock.
    pub persons: u64,
    /// Who they are.
    pub kind: Kind,
}

/// The kinds of people in the demo, each with its own naming and facts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Born in Kazakhstan (Soviet or independent), living abroad; mixed ethnicity.
    KazakhstanBorn,
    /// Ethnic Kazakhs born and living in China (Arabic-script Kazakh, pinyin).
    KazakhsOfChina,
    /// Ethnic Kazakhs of Mongolia (Mongolian Cyrillic).
    KazakhsOfMongolia,
    /// Ethnic Kazakhs of Uzbekistan (Uzbek Latin and Kazakh Cyrillic).
    KazakhsOfUzbekistan,
    /// Uzbekistan-born, living abroad (temporarily in Russia and Kazakhstan: labour migrants).
    UzbekistanBorn,
}

/// The Kazakhstan profile's population.
pub const KAZAKHSTAN: &[Group] = &[
    Group {
        country: "RU",
        persons: 1_321_004,
        kind: Kind::KazakhstanBorn,
    },
    Group {
        country: "DE",
        persons: 896_268,
        kind: Kind::KazakhstanBorn,
    },
    Group {
        country: "UA",
        persons: 228_982,
        kind: Kind::KazakhstanBorn,
    },
    Group {
        country: "TR",
        persons: 84_823,
        kind: Kind::KazakhstanBorn,
    },
    Group {
        country: "BY",
        persons: 68_126,
        kind: Kind::KazakhstanBorn,
    },
    Group {
        country: "KR",
        persons: 30_061,
        kind: Kind::KazakhstanBorn,
    },
    Group {
        country: "GR",
        persons: 29_238,
        kind: Kind::KazakhstanBorn,
    },
    Group {
        country: "IL",
        persons: 17_166,
        kind: Kind::KazakhstanBorn,
    },
    Group {
        country: "CA",
        persons: 15_397,
        kind: Kind::KazakhstanBorn,
    },
    Group {
        country: "CN",
        persons: 1_462_588,
        kind: Kind::KazakhsOfChina,
    },
    Group {
        country: "UZ",
        persons: 870_000,
        kind: Kind::KazakhsOfUzbekistan,
    },
    Group {
        country: "MN",
        persons: 101_526,
        kind: Kind::KazakhsOfMongolia,
    },
];

/// The Uzbekistan profile's population.
pub const UZBEKISTAN: &[Group] = &[
    Group {
        country: "RU",
        persons: 778_041,
        kind: Kind::UzbekistanBorn,
    },
    Group {
        country: "KZ",
        persons: 744_161,
        kind: Kind::UzbekistanBorn,
    },
    Group {
        country: "UA",
        persons: 226_478,
        kind: Kind::UzbekistanBorn,
    },
    Group {
        country: "TR",
        persons: 128_061,
        kind: Kind::UzbekistanBorn,
    },
    Group {
        country: "TM",
        persons: 66_605,
        kind: Kind::UzbekistanBorn,
    },
    Group {
        country: "KR",
        persons: 59_361,
        kind: Kind::UzbekistanBorn,
    },
];

/// A small deterministic generator (`SplitMix64`).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(n.max(1)).unwrap_or(1)).unwrap_or(0)
    }

    fn pick<T: Copy + Default>(&mut self, items: &[T]) -> T {
        let i = self.below(items.len());
        items.get(i).copied().unwrap_or_default()
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// A Kazakh name in Cyrillic with its passport (ICAO 9303) spelling.
const KAZAKH_GIVEN: &[(&str, &str, bool)] = &[
    ("Айгерім", "Aigerim", true),
    ("Жанар", "Zhanar", true),
    ("Гүлнар", "Gulnar", true),
    ("Мәдина", "Madina", true),
    ("Дана", "Dana", true),
    ("Әсел", "Asel", true),
    ("Сәуле", "Saule", true),
    ("Ақмарал", "Akmaral", true),
    ("Нұрлан", "Nurlan", false),
    ("Ерлан", "Erlan", false),
    ("Дәурен", "Dauren", false),
    ("Асқар", "Askar", false),
    ("Бауыржан", "Bauyrzhan", false),
    ("Қайрат", "Kairat", false),
    ("Серік", "Serik", false),
    ("Мұрат", "Murat", false),
];
const KAZAKH_FAMILY: &[(&str, &str)] = &[
    ("Сапаров", "Saparov"),
    ("Жақсыбеков", "Zhaksybekov"),
    ("Нұрланов", "Nurlanov"),
    ("Әбілов", "Abilov"),
    ("Омаров", "Omarov"),
    ("Ахметов", "Akhmetov"),
    ("Тұрсынов", "Tursynov"),
    ("Қасымов", "Kasymov"),
    ("Ермеков", "Ermekov"),
    ("Бекмұхамбетов", "Bekmukhambetov"),
];
const RUSSIAN_GIVEN: &[(&str, bool)] = &[
    ("Анна", true),
    ("Ольга", true),
    ("Елена", true),
    ("Наталья", true),
    ("Иван", false),
    ("Сергей", false),
    ("Андрей", false),
    ("Виктор", false),
];
const RUSSIAN_FAMILY: &[&str] = &[
    "Петров",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Волков",
    "Соколов",
];
const GERMAN: &[(&str, &str, &str, &str, bool)] = &[
    ("Alexander", "Schmidt", "Александр", "Шмидт", false),
    ("Elena", "Wagner", "Елена", "Вагнер", true),
    ("Viktor", "Becker", "Виктор", "Беккер", false),
    ("Natalia", "Weber", "Наталья", "Вебер", true),
    ("Andreas", "Fischer", "Андрей", "Фишер", false),
    ("Olga", "Hoffmann", "Ольга", "Гофман", true),
];
/// Kazakhs of China: (Kazakh Cyrillic, Arabic-script Kazakh, Chinese pinyin, female).
const CHINA_GIVEN: &[(&str, &str, &str, bool)] = &[
    ("Жанар", "جانار", "Jianaer", true),
    ("Айнұр", "اينۇر", "Aynur", true),
    ("Ақмарал", "اقمارال", "Akemalale", true),
    ("Дана", "دانا", "Dana", true),
    ("Нұрлан", "نۇرلان", "Nuerlan", false),
    ("Асқар", "اسقار", "Asikaer", false),
    ("Мұрат", "مۇرات", "Mulati", false),
    ("Қайрат", "قايرات", "Kailati", false),
];
const CHINA_FATHER: &[(&str, &str, &str)] = &[
    ("Қасым", "قاسىم", "Kasimu"),
    ("Омар", "ومار", "Aomaer"),
    ("Нұрлан", "نۇرلان", "Nuerlan"),
    ("Жақып", "جاقىپ", "Jiakepu"),
];
/// Kazakhs of Mongolia: (Mongolian Cyrillic, Kazakh Cyrillic, female).
const MONGOLIA_GIVEN: &[(&str, &str, bool)] = &[
    ("Жанар", "Жанар", true),
    ("Айнур", "Айнұр", true),
    ("Нурлан", "Нұрлан", false),
    ("Асхар", "Асқар", false),
    ("Хайрат", "Қайрат", false),
];
const MONGOLIA_FATHER: &[(&str, &str)] =
    &[("Серик", "Серік"), ("Мурат", "Мұрат"), ("Кабдол", "Қабдол")];
/// Kazakhs of Uzbekistan: (Uzbek Latin, Kazakh Cyrillic, female); families likewise.
const UZBEKISTAN_GIVEN: &[(&str, &str, bool)] = &[
    ("Janar", "Жанар", true),
    ("Gulnora", "Гүлнар", true),
    ("Nurlan", "Нұрлан", false),
    ("Asqar", "Асқар", false),
    ("Qayrat", "Қайрат", false),
];
const UZBEKISTAN_FAMILY: &[(&str, &str)] = &[
    ("Qosimov", "Қасымов"),
    ("Ermekov", "Ермеков"),
    ("Toʻrsinov", "Тұрсынов"),
];
/// Uzbeks: (Uzbek Latin, Russian Cyrillic, female).
const UZBEK_GIVEN: &[(&str, &str, bool)] = &[
    ("Shoira", "Шоира", true),
    ("Gulnora", "Гульнора", true),
    ("Dilnoza", "Дильноза", true),
    ("Sardor", "Сардор", false),
    ("Jasur", "Жасур", false),
    ("Otabek", "Отабек", false),
    ("Gʻayrat", "Гайрат", false),
];
const UZBEK_FAMILY: &[(&str, &str)] = &[
    ("Karimov", "Каримов"),
    ("Yusupov", "Юсупов"),
    ("Rahimov", "Рахимов"),
    ("Toshmatov", "Тошматов"),
];

const REGIONS: &[(&str, &[&str])] = &[
    (
        "RU",
        &[
            "Омская область",
            "Астраханская область",
            "Оренбургская область",
            "Москва",
        ],
    ),
    (
        "DE",
        &[
            "Nordrhein-Westfalen",
            "Niedersachsen",
            "Bayern",
            "Baden-Württemberg",
        ],
    ),
    ("CN", &["Ili", "Altay", "Tacheng", "Ürümqi"]),
    ("MN", &["Bayan-Ölgii", "Khovd", "Ulaanbaatar"]),
    ("UZ", &["Qoraqalpogʻiston", "Toshkent", "Navoiy"]),
    ("TR", &["İstanbul", "Kayseri", "Manisa"]),
    ("KZ", &["Алматы", "Шымкент", "Астана"]),
];
const HOMETOWNS: &[&str] = &[
    "KZ.75", "KZ.71", "KZ.19.01", "KZ.63.05", "KZ.47.10", "KZ.59.01", "KZ.39.02", "KZ.15.01",
];
const OCCUPATIONS: &[&str] = &[
    "2211", "2512", "2310", "2421", "7112", "8322", "5120", "6121", "2142", "3313", "2341", "1120",
];

fn female_family(male: &str) -> String {
    if male.ends_with("ов") || male.ends_with("ев") {
        format!("{male}а")
    } else if male.ends_with("ov") || male.ends_with("ev") {
        format!("{male}a")
    } else {
        male.to_owned()
    }
}

fn name(given: &str, family: &str, script: &str, source: &str) -> NameInput {
    NameInput {
        given: given.to_owned(),
        family: family.to_owned(),
        script: script.to_owned(),
        source: source.to_owned(),
        ..NameInput::default()
    }
}

fn language(code: &str, level: &str) -> LanguageInput {
    LanguageInput {
        code: code.to_owned(),
        proficiency: level.to_owned(),
    }
}

fn citizenship(country: &str, from: &str, until: &str) -> CitizenshipInput {
    CitizenshipInput {
        country: country.to_owned(),
        from: from.to_owned(),
        until: until.to_owned(),
    }
}

/// One synthetic person of `group`.
fn person(rng: &mut Rng, group: &Group, n: usize) -> PersonInput {
    let year = 1950 + i32::try_from(rng.below(55)).unwrap_or(0);
    let month = 1 + rng.below(12);
    let mut p = PersonInput {
        birth_date: format!("{year}-{month:02}"),
        residence_country: group.country.to_owned(),
        residence_region: REGIONS
            .iter()
            .find(|(c, _)| *c == group.country)
            .map(|(_, regions)| rng.pick(regions).to_owned())
            .unwrap_or_default(),
        residence_permanence: "permanent".to_owned(),
        occupation: rng.pick(OCCUPATIONS).to_owned(),
        education: (3 + rng.below(5)).to_string(),
        source_kind: (if rng.chance(50) {
            "consulate"
        } else {
            "association"
        })
        .to_owned(),
        source_key: format!("DEMO-{n:07}"),
        ..PersonInput::default()
    };
    let soviet = year < 1991;
    match group.kind {
        Kind::KazakhstanBorn => {
            p.birth_country = "KZ".to_owned();
            if soviet {
                p.birth_entity = "KZ-SSR".to_owned();
            }
            p.hometown = rng.pick(HOMETOWNS).to_owned();
            let left = format!("{}-01-01", (year + 20).clamp(1995, 2023));
            p.citizenships = vec![
                citizenship("KZ", "", &left),
                citizenship(group.country, &left, ""),
            ];
            if group.country == "DE" {
                let (g, f, gc, fc, female) = rng.pick(GERMAN);
                p.sex = (if female { "female" } else { "male" }).to_owned();
                p.names = vec![
                    name(g, f, "Latn", "passport"),
                    name(gc, fc, "Cyrl", "russian"),
                ];
                p.ethnicity = if rng.chance(60) {
                    vec!["german".to_owned()]
                } else {
                    vec![]
                };
                p.languages = vec![language("de", "fluent"), language("ru", "native")];
            } else if rng.chance(45) {
                let (g, female) = rng.pick(RUSSIAN_GIVEN);
                let f = rng.pick(RUSSIAN_FAMILY);
                let family = if female {
                    female_family(f)
                } else {
                    f.to_owned()
                };
                p.sex = (if female { "female" } else { "male" }).to_owned();
                p.names = vec![name(g, &family, "Cyrl", "russian")];
                p.ethnicity = if rng.chance(50) {
                    vec!["russian".to_owned()]
                } else {
                    vec![]
                };
                p.languages = vec![language("ru", "native"), language("kk", "basic")];
            } else {
                let (g, gl, female) = rng.pick(KAZAKH_GIVEN);
                let (f, fl) = rng.pick(KAZAKH_FAMILY);
                let (f, fl) = if female {
                    (female_family(f), female_family(fl))
                } else {
                    (f.to_owned(), fl.to_owned())
                };
                p.sex = (if female { "female" } else { "male" }).to_owned();
                p.names = vec![
                    name(g, &f, "Cyrl", "kazakh_cyrillic"),
                    name(gl, &fl, "Latn", "passport"),
                ];
                p.ethnicity = if rng.chance(70) {
                    vec!["kazakh".to_owned()]
                } else if rng.chance(50) {
                    vec![]
                } else {
                    p.ethnicity_prefer_not_to_say = true;
                    vec![]
                };
                p.languages = vec![language("kk", "native"), language("ru", "fluent")];
            }
        }
        Kind::KazakhsOfChina => {
            let (g, ga, gp, female) = rng.pick(CHINA_GIVEN);
            let (f, fa, fp) = rng.pick(CHINA_FATHER);
            let (suffix, suffix_arabic) = if female {
                ("қызы", "قىزى")
            } else {
                ("ұлы", "ۇلى")
            };
            p.sex = (if female { "female" } else { "male" }).to_owned();
            p.names = vec![
                name(ga, &format!("{fa}{suffix_arabic}"), "Arab", "arabic_kazakh"),
                name(g, &format!("{f}{suffix}"), "Cyrl", "kazakh_cyrillic"),
                name(gp, fp, "Latn", "chinese"),
            ];
            p.birth_country = "CN".to_owned();
            p.citizenships = vec![citizenship("CN", "", "")];
            p.ethnicity = vec!["kazakh".to_owned()];
            p.languages = vec![language("kk", "native"), language("zh", "fluent")];
        }
        Kind::KazakhsOfMongolia => {
            let (g, gk, female) = rng.pick(MONGOLIA_GIVEN);
            let (f, fk) = rng.pick(MONGOLIA_FATHER);
            p.sex = (if female { "female" } else { "male" }).to_owned();
            p.names = vec![
                name(g, f, "Cyrl", "mongolian_cyrillic"),
                name(gk, fk, "Cyrl", "kazakh_cyrillic"),
            ];
            p.birth_country = "MN".to_owned();
            p.citizenships = vec![citizenship("MN", "", "")];
            p.ethnicity = vec!["kazakh".to_owned()];
            p.languages = vec![language("kk", "native"), language("mn", "fluent")];
            if rng.chance(15) {
                // Some returned to Kazakhstan as kandas; they live there now.
                p.residence_country = "KZ".to_owned();
                p.residence_region = "Алматы".to_owned();
                p.kandas = "held".to_owned();
                p.kandas_granted = format!("{}-03-15", 2000 + rng.below(24));
            }
        }
        Kind::KazakhsOfUzbekistan => {
            let (g, gk, female) = rng.pick(UZBEKISTAN_GIVEN);
            let (f, fk) = rng.pick(UZBEKISTAN_FAMILY);
            let (f, fk) = if female {
                (female_family(f), female_family(fk))
            } else {
                (f.to_owned(), fk.to_owned())
            };
            p.sex = (if female { "female" } else { "male" }).to_owned();
            p.names = vec![
                name(g, &f, "Latn", "uzbek_latin"),
                name(gk, &fk, "Cyrl", "kazakh_cyrillic"),
            ];
            p.birth_country = "UZ".to_owned();
            if soviet {
                p.birth_entity = if rng.chance(40) {
                    "UZ-KK-ASSR"
                } else {
                    "UZ-SSR"
                }
                .to_owned();
            }
            p.citizenships = vec![citizenship("UZ", "", "")];
            p.ethnicity = vec!["kazakh".to_owned()];
            p.languages = vec![
                language("kk", "native"),
                language("uz", "fluent"),
                language("ru", "intermediate"),
            ];
        }
        Kind::UzbekistanBorn => {
            let (g, gc, female) = rng.pick(UZBEK_GIVEN);
            let (f, fc) = rng.pick(UZBEK_FAMILY);
            let (f, fc) = if female {
                (female_family(f), female_family(fc))
            } else {
                (f.to_owned(), fc.to_owned())
            };
            p.sex = (if female { "female" } else { "male" }).to_owned();
            p.names = vec![
                name(g, &f, "Latn", "uzbek_latin"),
                name(gc, &fc, "Cyrl", "russian"),
            ];
            p.birth_country = "UZ".to_owned();
            if soviet {
                p.birth_entity = "UZ-SSR".to_owned();
            }
            p.citizenships = vec![citizenship("UZ", "", "")];
            p.ethnicity = if rng.chance(80) {
                vec!["uzbek".to_owned()]
            } else {
                vec![]
            };
            p.languages = vec![language("uz", "native"), language("ru", "intermediate")];
            if matches!(group.country, "RU" | "KZ") && rng.chance(80) {
                p.residence_permanence = "temporary".to_owned();
                p.occupation = rng.pick(&["7112", "8322", "9312", "5120"]).to_owned();
            }
        }
    }
    p
}

/// Splits `total` over the groups in proportion to their stocks (largest remainder).
pub fn allocate(groups: &[Group], total: usize) -> Vec<usize> {
    let sum: u64 = groups.iter().map(|g| g.persons).sum();
    let total64 = u64::try_from(total).unwrap_or(0);
    let mut shares: Vec<(usize, u64, u64)> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let exact = g.persons * total64;
            (i, exact / sum.max(1), exact % sum.max(1))
        })
        .collect();
    let assigned: u64 = shares.iter().map(|s| s.1).sum();
    let mut left = total64.saturating_sub(assigned);
    shares.sort_by_key(|s| std::cmp::Reverse(s.2));
    for share in &mut shares {
        if left == 0 {
            break;
        }
        share.1 += 1;
        left -= 1;
    }
    shares.sort_by_key(|s| s.0);
    shares
        .into_iter()
        .map(|s| usize::try_from(s.1).unwrap_or(0))
        .collect()
}

/// Registers `total` synthetic people through the registry service (validation, categories,
/// consent ledger and audit included), as the central officer `by`.
pub async fn populate(
    services: &Services,
    by: &Actor,
    profile: PolicyProfile,
    total: usize,
) -> anyhow::Result<usize> {
    let groups = match profile {
        PolicyProfile::Kazakhstan => KAZAKHSTAN,
        PolicyProfile::Uzbekistan => UZBEKISTAN,
    };
    let mut rng = Rng(0x0743_A2DA_5000);
    let mut n = 0;
    for (group, count) in groups.iter().zip(allocate(groups, total)) {
        for _ in 0..count {
            let input = person(&mut rng, group, n);
            let mut consents = vec![Purpose::Registry];
            if rng.chance(70) {
                consents.push(Purpose::Statistics);
            }
            if rng.chance(40) {
                consents.push(Purpose::ContactByAgency);
            }
            if rng.chance(25) {
                consents.push(Purpose::Matching);
            }
            if let Err(error) = services
                .registry
                .register_person(by, &input, &consents, None)
                .await
            {
                bail!("demo person {n} ({}) was refused: {error}", group.country);
            }
            n += 1;
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_population_is_split_in_proportion_and_sums_to_the_total() {
        let split = allocate(KAZAKHSTAN, 5000);
        assert_eq!(split.iter().sum::<usize>(), 5000);
        // Russia (1.32M) gets more than Germany (0.90M), China (1.46M) the most.
        assert!(split[9] > split[0] && split[0] > split[1]);
        assert_eq!(allocate(UZBEKISTAN, 7).iter().sum::<usize>(), 7);
    }

    #[test]
    fn every_generated_person_is_valid() {
        let mut rng = Rng(7);
        for group in KAZAKHSTAN.iter().chain(UZBEKISTAN) {
            for n in 0..40 {
                let input = person(&mut rng, group, n);
                if let Err(errors) = input.parse() {
                    panic!("{} {:?}: {errors}", group.country, group.kind);
                }
            }
        }
    }

    #[test]
    fn feminine_family_names_follow_the_grammar() {
        assert_eq!(female_family("Сапаров"), "Сапарова");
        assert_eq!(female_family("Karimov"), "Karimova");
        assert_eq!(female_family("Шмидт"), "Шмидт");
    }

    /// The stocks above are the UN DESA Rev. 2024 figures for 2024 (origin Kazakhstan or
    /// Uzbekistan), read from the shared data set.
    #[test]
    fn kazakhstan_born_stocks_match_un_desa_2024() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/undesa-migrant-stock/ims2024_origin_destination_by_sex.csv"
        );
        let Ok(data) = std::fs::read_to_string(path) else {
            panic!("the shared data set is missing at {path}");
        };
        let lookup = |origin: &str, iso3: &str| -> u64 {
            data.lines()
                .map(|l| l.split(',').collect::<Vec<_>>())
                .find(|f| {
                    f.len() >= 9
                        && f[0] == "2024"
                        && f[1] == "2024"
                        && f[5] == origin
                        && f[3] == iso3
                })
                .and_then(|f| f[8].parse().ok())
                .unwrap_or(0)
        };
        let iso3 = |a2: &str| {
            otandas_domain::codes::country(otandas_domain::shared::CountryCode::parse(a2).unwrap())
                .unwrap()
                .alpha3()
        };
        for g in KAZAKHSTAN.iter().filter(|g| g.kind == Kind::KazakhstanBorn) {
            assert_eq!(lookup("398", iso3(g.country)), g.persons, "{}", g.country);
        }
        for g in UZBEKISTAN {
            assert_eq!(lookup("860", iso3(g.country)), g.persons, "{}", g.country);
        }
    }
}
