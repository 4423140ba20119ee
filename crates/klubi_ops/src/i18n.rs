//! Translations (Fluent catalogues in `locales/{fi,sv,en}`) and locale-aware
//! formatting of dates, times and money. Finnish is the fallback.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use klubi_domain::people::Language;
use std::borrow::Cow;
use std::collections::HashMap;
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fi",
        // Bidi isolation marks would show up in plain-text mail and <title>s.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static FI: LanguageIdentifier = langid!("fi");
static SV: LanguageIdentifier = langid!("sv");
static EN: LanguageIdentifier = langid!("en");

fn id(lang: Language) -> &'static LanguageIdentifier {
    match lang {
        Language::Fi => &FI,
        Language::Sv => &SV,
        Language::En => &EN,
    }
}

pub fn t(lang: Language, key: &str) -> String {
    LOCALES.lookup(id(lang), key)
}

pub fn t_args(lang: Language, key: &str, args: &[(&str, String)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(k, v)| (Cow::Owned((*k).to_string()), FluentValue::from(v.clone())))
        .collect();
    LOCALES.lookup_with_args(id(lang), key, &map)
}

pub const TIME_ZONE: &str = "Europe/Helsinki";

/// The installation's time zone, looked up once (a lookup reads the bundled
/// database; a clone is a reference count).
pub fn tz() -> jiff::tz::TimeZone {
    static TZ: std::sync::LazyLock<jiff::tz::TimeZone> = std::sync::LazyLock::new(|| {
        jiff::tz::TimeZone::get(TIME_ZONE).unwrap_or(jiff::tz::TimeZone::UTC)
    });
    TZ.clone()
}

fn zoned(ts: i64) -> Option<jiff::Zoned> {
    Some(jiff::Timestamp::from_second(ts).ok()?.to_zoned(tz()))
}

/// A date and time in Helsinki time, as each language writes it.
/// An instant as RFC 3339 in Helsinki time (`2027-03-02T09:00:00+02:00`), as the API gives it.
pub fn rfc3339(ts: i64) -> String {
    jiff::Timestamp::from_second(ts)
        .map(|t| {
            t.to_zoned(tz())
                .strftime("%Y-%m-%dT%H:%M:%S%:z")
                .to_string()
        })
        .unwrap_or_default()
}

pub fn datetime(lang: Language, ts: i64) -> String {
    let Some(z) = zoned(ts) else {
        return String::new();
    };
    match lang {
        Language::Fi => z.strftime("%-d.%-m.%Y klo %H.%M").to_string(),
        Language::Sv => z.strftime("%-d.%-m.%Y kl. %H.%M").to_string(),
        Language::En => z.strftime("%-d %b %Y, %H:%M").to_string(),
    }
}

pub fn date(lang: Language, ts: i64) -> String {
    zoned(ts)
        .map(|z| date_of(lang, z.date()))
        .unwrap_or_default()
}

/// A civil date as [`date`] writes it.
pub fn date_of(lang: Language, d: jiff::civil::Date) -> String {
    match lang {
        Language::Fi | Language::Sv => d.strftime("%-d.%-m.%Y").to_string(),
        Language::En => d.strftime("%-d %b %Y").to_string(),
    }
}

/// A time of day in Helsinki time: `9.00` in Finnish and Swedish, `09:00` in English.
pub fn time(lang: Language, ts: i64) -> String {
    let Some(z) = zoned(ts) else {
        return String::new();
    };
    time_of(lang, z.time())
}

/// A civil time as [`time`] writes it (lists format hundreds of these per page).
pub fn time_of(lang: Language, t: jiff::civil::Time) -> String {
    match lang {
        Language::Fi | Language::Sv => format!("{}.{:02}", t.hour(), t.minute()),
        Language::En => format!("{:02}:{:02}", t.hour(), t.minute()),
    }
}

/// Translations looked up once per key for one page or feed that repeats
/// a few labels hundreds of times (meeting kinds, themes).
pub struct Memo {
    lang: Language,
    seen: HashMap<String, String>,
}

impl Memo {
    pub fn new(lang: Language) -> Memo {
        Memo {
            lang,
            seen: HashMap::new(),
        }
    }

    pub fn t(&mut self, key: &str) -> String {
        if let Some(v) = self.seen.get(key) {
            return v.clone();
        }
        let v = t(self.lang, key);
        self.seen.insert(key.to_string(), v.clone());
        v
    }

    /// The name of a stored meeting kind (`guest_visit`).
    pub fn kind(&mut self, kind: &str) -> String {
        self.t(&kind_key(kind))
    }

    /// The name of a stored theme (`job_ads`).
    pub fn theme(&mut self, theme: &str) -> String {
        self.t(&theme_key(theme))
    }
}

/// The catalogue key of a stored meeting kind, as the domain names it.
pub fn kind_key(kind: &str) -> String {
    kind.parse::<klubi_domain::meetings::MeetingKind>()
        .map(|k| k.name_key())
        .unwrap_or_else(|_| kind.to_string())
}

/// The catalogue key of a stored theme, as the domain names it.
pub fn theme_key(theme: &str) -> String {
    theme
        .parse::<klubi_domain::formats::Theme>()
        .map(|t| t.name_key())
        .unwrap_or_else(|_| theme.to_string())
}

/// A day with its weekday: "maanantai 23.11.2026", "Monday 23 Nov 2026".
pub fn day(lang: Language, d: jiff::civil::Date) -> String {
    let wd = t(lang, &format!("weekday-{}", weekday_key(d.weekday())));
    format!("{wd} {}", date_of(lang, d))
}

pub fn weekday_key(w: jiff::civil::Weekday) -> &'static str {
    use jiff::civil::Weekday::*;
    match w {
        Monday => "mon",
        Tuesday => "tue",
        Wednesday => "wed",
        Thursday => "thu",
        Friday => "fri",
        Saturday => "sat",
        Sunday => "sun",
    }
}

/// Money from cents: `1 234,50 €` in Finnish and Swedish, `€1,234.50` in English.
/// Groups are separated by a no-break space so an amount never wraps.
pub fn money(lang: Language, cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let (euros, rest) = (abs / 100, abs % 100);
    let digits = euros.to_string();
    let sep = match lang {
        Language::En => ',',
        _ => '\u{a0}',
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(sep);
        }
        grouped.push(c);
    }
    match lang {
        Language::En => format!("{sign}€{grouped}.{rest:02}"),
        _ => format!("{sign}{grouped},{rest:02}\u{a0}€"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_per_locale() {
        assert_eq!(money(Language::Fi, 123450), "1\u{a0}234,50\u{a0}€");
        assert_eq!(money(Language::Sv, 900), "9,00\u{a0}€");
        assert_eq!(money(Language::En, 123456789), "€1,234,567.89");
        assert_eq!(money(Language::Fi, -5), "-0,05\u{a0}€");
    }

    #[test]
    fn helsinki_time_across_dst() {
        // 2026-03-29 01:00 UTC is 04:00 EEST (after the spring change); 2026-01-15 12:00 UTC is 14:00 EET.
        let summer = jiff::Timestamp::from_second(1_774_746_000)
            .unwrap()
            .as_second();
        assert_eq!(datetime(Language::Fi, summer), "29.3.2026 klo 04.00");
        let winter = 1_768_478_400;
        assert_eq!(datetime(Language::Sv, winter), "15.1.2026 kl. 14.00");
        assert_eq!(datetime(Language::En, winter), "15 Jan 2026, 14:00");
    }
}
