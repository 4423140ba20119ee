//! People: email addresses, names, languages and passwords, parsed at the edge.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Trims and checks free text: length in characters, no control characters.
pub fn clean_text(s: &str, min: usize, max: usize) -> Result<String, &'static str> {
    let t = s.trim();
    let n = t.chars().count();
    if n < min {
        return Err("error-required");
    }
    if n > max {
        return Err("error-too-long");
    }
    if t.chars().any(|c| c.is_control()) {
        return Err("error-control-characters");
    }
    Ok(t.to_string())
}

/// Like [`clean_text`] but keeps line breaks and tabs (descriptions, agendas).
pub fn clean_multiline(s: &str, min: usize, max: usize) -> Result<String, &'static str> {
    let t = s.trim().replace("\r\n", "\n");
    let n = t.chars().count();
    if n < min {
        return Err("error-required");
    }
    if n > max {
        return Err("error-too-long");
    }
    if t.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err("error-control-characters");
    }
    Ok(t)
}

/// An email address, trimmed and lower-cased so that one person has one account.
/// Deliberately permissive about the local part (people have unusual addresses)
/// but it must look deliverable: one `@`, a dotted domain, no spaces.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Email(String);

impl Email {
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        let t = s.trim().to_lowercase();
        if t.is_empty() {
            return Err("error-required");
        }
        if t.len() > 254 {
            return Err("error-too-long");
        }
        let Some((local, domain)) = t.split_once('@') else {
            return Err("error-email-invalid");
        };
        let ok_local = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.');
        let ok_domain = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        let ok_chars = !t.chars().any(|c| c.is_whitespace() || c.is_control())
            && !local.contains('@')
            && !t.contains(['<', '>', '"', ',', ';', '\\']);
        if ok_local && ok_domain && ok_chars {
            Ok(Email(t))
        } else {
            Err("error-email-invalid")
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A phone number in E.164 form (`+358401234567`). Numbers written the
/// Finnish way (`040 123 4567`) are read as Finnish; others need their `+`
/// country code. Parsed and checked by `phonenumber` (libphonenumber's data).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Phone(String);

impl Phone {
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        let t = s.trim();
        if t.is_empty() {
            return Err("error-required");
        }
        if t.len() > 40 || t.chars().any(|c| c.is_control()) {
            return Err("error-phone-invalid");
        }
        let n = phonenumber::parse(Some(phonenumber::country::Id::FI), t)
            .map_err(|_| "error-phone-invalid")?;
        if !phonenumber::is_valid(&n) {
            return Err("error-phone-invalid");
        }
        Ok(Phone(n.format().mode(phonenumber::Mode::E164).to_string()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A person's name as they want it shown: 1–200 characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        clean_text(s, 1, 200).map(PersonName)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The languages Klubi speaks. Finnish first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Fi,
    Sv,
    En,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::Fi, Language::Sv, Language::En];

    pub fn code(self) -> &'static str {
        match self {
            Language::Fi => "fi",
            Language::Sv => "sv",
            Language::En => "en",
        }
    }

    /// The first supported language in an `Accept-Language` header, by quality.
    pub fn negotiate(accept_language: &str) -> Option<Language> {
        let mut best: Option<(f32, usize, Language)> = None;
        for (i, part) in accept_language.split(',').enumerate() {
            let mut it = part.trim().split(';');
            let tag = it.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = it
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            let lang = match primary {
                "fi" => Language::Fi,
                "sv" => Language::Sv,
                "en" => Language::En,
                _ => continue,
            };
            if q <= 0.0 {
                continue;
            }
            let better = match best {
                None => true,
                Some((bq, bi, _)) => q > bq || (q == bq && i < bi),
            };
            if better {
                best = Some((q, i, lang));
            }
        }
        best.map(|(_, _, l)| l)
    }
}

impl FromStr for Language {
    type Err = &'static str;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "fi" => Ok(Language::Fi),
            "sv" => Ok(Language::Sv),
            "en" => Ok(Language::En),
            _ => Err("error-language-unknown"),
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A new password as chosen by its owner. Length is what matters (NIST
/// SP 800-63B): at least 10 characters, at most 1000 so hashing stays bounded.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_CHARS: usize = 10;

    pub fn parse(s: &str, confirmation: &str) -> Result<Self, (&'static str, &'static str)> {
        let n = s.chars().count();
        if n < Self::MIN_CHARS {
            return Err(("password", "error-password-too-short"));
        }
        if n > 1000 {
            return Err(("password", "error-too-long"));
        }
        if s != confirmation {
            return Err(("password_confirm", "error-password-mismatch"));
        }
        if Self::too_common(s) {
            return Err(("password", "error-password-common"));
        }
        Ok(NewPassword(s.to_string()))
    }

    /// A password that is on the bundled list of common passwords (zxcvbn's,
    /// 30,000 from leaked sets; ASVS 5.0 6.2.4 asks for at least the top
    /// 3,000), as it is, reversed or with l33t letters, or that a guesser
    /// finds within a million tries (a repeat, a keyboard walk, a sequence).
    pub fn too_common(s: &str) -> bool {
        let e = zxcvbn::zxcvbn(s, &[]);
        if u8::from(e.score()) <= 1 {
            return true;
        }
        matches!(
            e.sequence(),
            [m] if matches!(
                &m.pattern,
                // The dictionary's type is not exported; its name is.
                zxcvbn::matching::patterns::MatchPattern::Dictionary(d)
                    if format!("{:?}", d.dictionary_name) == "Passwords"
            )
        )
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod common_password_tests {
    use super::NewPassword;

    #[test]
    fn common_passwords_are_refused_and_passphrases_are_not() {
        for common in [
            "password123",
            "qwertyuiop",
            "1234567890",
            "aaaaaaaaaa",
            "iloveyou12",
        ] {
            assert!(NewPassword::too_common(common), "{common}");
            assert_eq!(
                NewPassword::parse(common, common).unwrap_err(),
                ("password", "error-password-common")
            );
        }
        for fine in [
            "correct horse battery",
            "a brand new passphrase",
            "Kesällä mökille 2027",
        ] {
            assert!(!NewPassword::too_common(fine), "{fine}");
        }
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn emails() {
        assert_eq!(
            Email::parse("  Maija.Meikalainen@Example.FI ")
                .unwrap()
                .as_str(),
            "maija.meikalainen@example.fi"
        );
        for bad in [
            "", "a", "a@b", "a@.fi", "a b@c.fi", "@c.fi", "a@c..fi", "a@b.fi>",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
        assert!(Email::parse("äiti@työ.fi").is_ok());
    }

    #[test]
    fn accept_language() {
        assert_eq!(
            Language::negotiate("sv-FI,sv;q=0.9,en;q=0.8"),
            Some(Language::Sv)
        );
        assert_eq!(
            Language::negotiate("de, en;q=0.5, fi;q=0.7"),
            Some(Language::Fi)
        );
        assert_eq!(Language::negotiate("de"), None);
        assert_eq!(Language::negotiate("en;q=0, sv;q=0.1"), Some(Language::Sv));
        assert_eq!(Language::negotiate(""), None);
    }

    #[test]
    fn passwords() {
        assert!(NewPassword::parse("short", "short").is_err());
        assert_eq!(
            NewPassword::parse("long enough pw", "other").unwrap_err().0,
            "password_confirm"
        );
        assert!(NewPassword::parse("long enough pw", "long enough pw").is_ok());
    }

    proptest! {
        #[test]
        fn email_parse_never_panics_and_is_idempotent(s in ".{0,80}") {
            if let Ok(e) = Email::parse(&s) {
                prop_assert_eq!(Email::parse(e.as_str()).unwrap(), e);
            }
        }

        #[test]
        fn negotiate_never_panics(s in ".{0,120}") {
            let _ = Language::negotiate(&s);
        }
    }

    #[test]
    fn phones_finnish_by_default_and_international_with_plus() {
        assert_eq!(
            Phone::parse("040 123 4567").unwrap().as_str(),
            "+358401234567"
        );
        assert_eq!(
            Phone::parse("+358 50 1234567").unwrap().as_str(),
            "+358501234567"
        );
        assert_eq!(
            Phone::parse("+46 70 123 45 67").unwrap().as_str(),
            "+46701234567"
        );
        assert_eq!(Phone::parse(""), Err("error-required"));
        assert_eq!(Phone::parse("12"), Err("error-phone-invalid"));
        assert_eq!(Phone::parse("not a number"), Err("error-phone-invalid"));
    }
}
