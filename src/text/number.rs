//! Numbers read and printed without the standard library's float parsing and formatting, which
//! the core shares (coordinates and counts in CSV and JSON, numbers in messages). Leaving out
//! `f64::from_str` and `{}` float printing keeps about 25 KB (gzipped) out of the .wasm; the parse
//! is also correctly rounded wherever data has coordinates (up to 15 significant digits).

/// Parses a decimal number: optional sign, digits with an optional fraction, optional exponent
/// (`12`, `-8.0726`, `.5`, `1e3`). Surrounding spaces are not allowed; `inf`/`NaN` are refused.
///
/// Up to 15 significant digits with a power of ten up to 22 (every coordinate and count in
/// practice) this is correctly rounded: both are exact doubles and one IEEE multiplication or
/// division rounds correctly. Beyond (digits past the 19th are dropped), the result is within a
/// few units in the last place.
///
/// ```
/// use riskcard::json::parse_f64;
/// assert_eq!(parse_f64("-8.0726"), Some(-8.0726));
/// assert_eq!(parse_f64("12.65"), Some(12.65));
/// assert_eq!(parse_f64("1e3"), Some(1000.0));
/// assert_eq!(parse_f64(".5"), Some(0.5));
/// assert_eq!(parse_f64("1."), Some(1.0));
/// for bad in ["", "-", ".", "1e", "1.2.3", "inf", "NaN", " 1", "0x10", "1,5"] {
///     assert_eq!(parse_f64(bad), None, "{bad}");
/// }
/// ```
pub fn parse_f64(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let mut i = 0;
    let neg = match b.first() {
        Some(b'-') => {
            i = 1;
            true
        }
        Some(b'+') => {
            i = 1;
            false
        }
        _ => false,
    };
    let (mut mant, mut exp10, mut digits, mut seen) = (0u64, 0i32, 0u32, false);
    let mut take = |d: u8, frac: bool, mant: &mut u64, exp10: &mut i32| {
        if *mant == 0 && d == 0 {
            if frac {
                *exp10 -= 1;
            }
        } else if digits < 19 {
            *mant = *mant * 10 + d as u64;
            digits += 1;
            if frac {
                *exp10 -= 1;
            }
        } else if !frac {
            *exp10 += 1;
        }
    };
    while let Some(&c @ b'0'..=b'9') = b.get(i) {
        take(c - b'0', false, &mut mant, &mut exp10);
        seen = true;
        i += 1;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while let Some(&c @ b'0'..=b'9') = b.get(i) {
            take(c - b'0', true, &mut mant, &mut exp10);
            seen = true;
            i += 1;
        }
    }
    if !seen {
        return None;
    }
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        let eneg = match b.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let (mut e, mut any) = (0i32, false);
        while let Some(&c @ b'0'..=b'9') = b.get(i) {
            e = (e * 10 + (c - b'0') as i32).min(100_000);
            any = true;
            i += 1;
        }
        if !any {
            return None;
        }
        exp10 += if eneg { -e } else { e };
    }
    if i != b.len() {
        return None;
    }
    let m = mant as f64;
    let v = if mant == 0 {
        0.0
    } else if (0..=22).contains(&exp10) {
        m * pow10(exp10)
    } else if (-22..0).contains(&exp10) {
        m / pow10(-exp10)
    } else if exp10 > 308 {
        f64::INFINITY
    } else if exp10 < -343 {
        0.0
    } else if exp10 > 0 {
        m * pow10(22) * pow10(exp10 - 22)
    } else {
        m / pow10(22) / pow10(-exp10 - 22)
    };
    Some(if neg { -v } else { v })
}

/// 10^e for 0 ≤ e ≤ 330 (exact up to 22), by repeated squaring of exact powers.
fn pow10(e: i32) -> f64 {
    const SMALL: [f64; 23] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
    let mut e = e.max(0);
    let mut v = 1.0;
    while e > 22 {
        v *= 1e22;
        e -= 22;
    }
    v * SMALL.get(e as usize).copied().unwrap_or(1.0)
}

/// A number for messages and reasons, without the float-formatting machinery: integers as
/// integers, others with up to six decimals, trailing zeros dropped.
///
/// ```
/// use riskcard::json::fmt_num;
/// assert_eq!((fmt_num(25.0), fmt_num(20.9), fmt_num(-0.125), fmt_num(1e-9)), ("25".into(), "20.9".into(), "-0.125".into(), "0".into()));
/// assert_eq!((fmt_num(f64::NAN), fmt_num(f64::INFINITY), fmt_num(1e300)), ("NaN".into(), "inf".into(), "1e300".into()));
/// ```
pub fn fmt_num(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x.abs() >= 1e15 {
        // Beyond exact integer printing; magnitude is what a message needs.
        let e = libm::floor(libm::log10(x.abs())) as i32;
        return format!("{}{}e{e}", if x < 0.0 { "-" } else { "" }, fmt_num(x.abs() / libm::pow(10.0, e as f64)));
    }
    let scaled = libm::round(x.abs() * 1e6) as u64;
    let (int, frac) = (scaled / 1_000_000, scaled % 1_000_000);
    let sign = if x < 0.0 && scaled > 0 { "-" } else { "" };
    if frac == 0 {
        return format!("{sign}{int}");
    }
    let digits = format!("{frac:06}");
    format!("{sign}{int}.{}", digits.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_f64_is_exact_where_std_is_on_coordinates() {
        // Every 4- and 5-decimal coordinate in a band, and some long ones, against the standard parser.
        for i in -1_800_000..=1_800_000 {
            if i % 7 != 0 {
                continue;
            }
            let s = format!("{}{}.{:04}", if i < 0 { "-" } else { "" }, (i as i64).abs() / 10_000, (i as i64).abs() % 10_000);
            assert_eq!(parse_f64(&s), s.parse::<f64>().ok(), "{s}");
        }
        for s in ["12.345678901234567", "0.000001", "123456789012345678901234", "1e-300", "2.5E+10", "-0", "007"] {
            let (a, b) = (parse_f64(s).unwrap(), s.parse::<f64>().unwrap());
            assert!((a - b).abs() <= b.abs() * 4.0 * f64::EPSILON, "{s}: {a} vs {b}");
        }
    }
}
