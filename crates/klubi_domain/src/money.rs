//! Money as integer cents; typed in pages as euros the Finnish way ("9,00").

/// "9", "9,5", "9,50", "9.50", "1 234,50 €" → cents. Empty is `None` (no money).
pub fn parse_euros(s: &str) -> Result<Option<i64>, &'static str> {
    let t: String = s
        .trim()
        .trim_end_matches('€')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if t.is_empty() {
        return Ok(None);
    }
    let t = t.replace(',', ".");
    let (whole, frac) = match t.split_once('.') {
        Some((w, f)) => (w, f),
        None => (t.as_str(), ""),
    };
    let digits = |x: &str| x.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(frac) || frac.len() > 2 || whole.len() > 9 {
        return Err("error-money-invalid");
    }
    let euros: i64 = whole.parse().map_err(|_| "error-money-invalid")?;
    let cents: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().map_err(|_| "error-money-invalid")? * 10,
        _ => frac.parse().map_err(|_| "error-money-invalid")?,
    };
    Ok(Some(euros * 100 + cents))
}

/// Cents as typed back into a form: "9,00".
pub fn euros_input(cents: i64) -> String {
    format!("{},{:02}", cents / 100, (cents % 100).abs())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn finnish_and_plain_forms_parse() {
        assert_eq!(parse_euros(""), Ok(None));
        assert_eq!(parse_euros("9"), Ok(Some(900)));
        assert_eq!(parse_euros("9,5"), Ok(Some(950)));
        assert_eq!(parse_euros(" 1 234,50 € "), Ok(Some(123_450)));
        assert_eq!(parse_euros("9.05"), Ok(Some(905)));
        for bad in ["-1", "9,999", "abc", ",5", "1e3", "9,-5"] {
            assert!(parse_euros(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn input_form_round_trips(c in 0i64..100_000_000) {
            prop_assert_eq!(parse_euros(&euros_input(c)), Ok(Some(c)));
        }
    }
}
