//! A small JSON reader (RFC 8259) for AOIs, options and JSON incident files, and the number
//! parsing and printing the rest of the core shares. Own code rather than `serde_json` because the
//! engine ships to browsers: this module is ~10 KB of WASM where `serde_json`, `f64::from_str` and
//! float formatting were ~75 KB (see docs/PERFORMANCE.md).
//!
//! Numbers keep their source text, so an id or a count given as a JSON number reads back exactly as
//! written; [`Value::as_f64`] parses it on demand.

use std::borrow::Cow;

/// A JSON value, borrowing from the text it was read from wherever it can: numbers, and strings
/// without escapes (most of them), are slices of it, so reading a row allocates little. Objects keep
/// their keys in document order (a repeated key: the last wins on [`Value::get`], as in
/// `JSON.parse`).
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, as written.
    Number(&'a str),
    /// A string.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Value<'a>>),
    /// An object, keys in document order.
    Object(Vec<(Cow<'a, str>, Value<'a>)>),
}

impl<'a> Value<'a> {
    /// The member `key` of an object (`None` for other values or a missing key).
    ///
    /// ```
    /// let v = riskcard::json::parse(r#"{"a": {"b": [1, "x"]}, "c": 1, "c": 2}"#).unwrap();
    /// assert_eq!(v.get("a").and_then(|a| a.get("b")).and_then(|b| b.as_array()).map(Vec::len), Some(2));
    /// assert_eq!(v.get("c").and_then(|c| c.as_f64()), Some(2.0));
    /// assert!(v.get("z").is_none());
    /// ```
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Value::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    /// The text of a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    /// A number's value.
    ///
    /// ```
    /// assert_eq!(riskcard::json::parse("-12.5e1").unwrap().as_f64(), Some(-125.0));
    /// assert_eq!(riskcard::json::parse("\"3\"").unwrap().as_f64(), None);
    /// ```
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => parse_f64(n),
            _ => None,
        }
    }
    /// The items of an array.
    pub fn as_array(&self) -> Option<&Vec<Value<'a>>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }
    /// The members of an object.
    pub fn as_object(&self) -> Option<&[(Cow<'a, str>, Value<'a>)]> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }
    /// A short description for messages: the value itself for scalars, else its kind.
    ///
    /// ```
    /// use riskcard::json::parse;
    /// assert_eq!(parse("[1]").unwrap().describe(), "an array");
    /// assert_eq!(parse("\"x\"").unwrap().describe(), "\"x\"");
    /// ```
    pub fn describe(&self) -> String {
        match self {
            Value::Null => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => n.to_string(),
            Value::String(s) => format!("\"{s}\""),
            Value::Array(_) => "an array".into(),
            Value::Object(_) => "an object".into(),
        }
    }
}

/// Deepest nesting accepted (deeper input is refused, not a stack overflow).
const MAX_DEPTH: usize = 128;

/// Parses a JSON text. The error says what was expected and where (line and column).
///
/// ```
/// use riskcard::json::{parse, Value};
/// let v = parse(r#" {"name": "Kati \u00e9", "r": [1, 2.5, true, null]} "#).unwrap();
/// assert_eq!(v.get("name").and_then(Value::as_str), Some("Kati é"));
/// // Without an escape a string is a slice of the text; with one, a copy.
/// use std::borrow::Cow;
/// assert!(matches!(parse(r#""Kati""#).unwrap(), Value::String(Cow::Borrowed("Kati"))));
/// assert!(matches!(parse(r#""K\u00e9""#).unwrap(), Value::String(Cow::Owned(s)) if s == "Ké"));
/// assert_eq!(parse("[1, 2,]").unwrap_err(), "expected a value at line 1 column 7");
/// assert_eq!(parse("{} x").unwrap_err(), "trailing characters at line 1 column 4");
/// ```
pub fn parse(text: &str) -> Result<Value<'_>, String> {
    let mut p = Parser::new(text);
    p.skip_ws();
    let v = p.value(0)?;
    p.skip_ws();
    if p.i < text.len() {
        return Err(p.error("trailing characters"));
    }
    Ok(v)
}

/// Reads the object that starts at `text[from]` into `members` (cleared first; a caller reuses
/// it row after row) and gives the end (exclusive) of its text, when it is whole and well-formed;
/// `None` otherwise (malformed, or cut off by the end of `text`), for the caller to look again
/// with [`value_end`] and [`parse`], which say which. A streaming reader reads each row with it in
/// one pass instead of two (where the row ends, then the row), and its scalar members without a
/// call for each.
///
/// ```
/// use riskcard::json::{object_at, value_end, Value};
/// let t = r#"[{"a": "x}", "b": [1, {}]}, {"c": 1"#;
/// let mut m = Vec::new();
/// assert_eq!(object_at(t, 1, &mut m), Some(26));
/// assert_eq!(value_end(t, 1), Some(26));
/// assert_eq!(Value::Object(m.clone()).get("a").and_then(Value::as_str), Some("x}"));
/// assert_eq!(object_at(t, 28, &mut m), None); // cut off
/// assert_eq!(object_at(r#"{"a" 1}"#, 0, &mut m), None); // malformed
/// assert_eq!(object_at("[1]", 0, &mut m), None); // not an object
/// assert_eq!((object_at(" {}", 1, &mut m), m.len()), (Some(3), 0));
/// ```
pub fn object_at<'a>(text: &'a str, from: usize, members: &mut Vec<(Cow<'a, str>, Value<'a>)>) -> Option<usize> {
    members.clear();
    // The parser reads in a slice that starts at `from`, so that an error's line count (made and
    // discarded here) reads only this value, not the text before it.
    let rest = text.get(from..)?;
    let mut p = Parser::new(rest);
    if p.peek() != Some(b'{') {
        return None;
    }
    p.i += 1;
    p.members(0, members).ok()?;
    Some(from + p.i)
}

/// The end (exclusive) of the JSON value whose first character is `text[from]`, found from its
/// brackets and strings alone, or `None` when `text` ends first (a scalar that reaches the end may
/// go on). A streaming reader cuts a value out of a longer input with it (a root object's member,
/// a row [`object_at`] refused); [`parse`] then reads the value and reports anything malformed
/// inside it.
///
/// ```
/// use riskcard::json::value_end;
/// let t = r#"{"a": "x}\"", "b": [1, {}]}, 7"#;
/// assert_eq!(value_end(t, 0), Some(27));
/// assert_eq!(value_end(t, 29), None); // a number at the end of the text may go on
/// assert_eq!(value_end("7, 8", 0), Some(1));
/// assert_eq!(value_end("}, 8", 0), Some(1));
/// assert_eq!(value_end(r#"{"a": [1, 2"#, 0), None);
/// assert_eq!(value_end(r#""x\""#, 0), None); // the escaped quote does not end the string
/// ```
pub fn value_end(text: &str, from: usize) -> Option<usize> {
    let b = text.as_bytes();
    match *b.get(from)? {
        b'{' | b'[' => {
            let (mut depth, mut i) = (0usize, from);
            loop {
                match *b.get(i)? {
                    b'"' => i = string_end(b, i + 1)?,
                    b'{' | b'[' => {
                        depth += 1;
                        i += 1;
                    }
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        i += 1;
                        if depth == 0 {
                            return Some(i);
                        }
                    }
                    _ => i += 1,
                }
            }
        }
        b'"' => string_end(b, from + 1),
        // A scalar runs to the next delimiter; a stray delimiter is a value of one character (that
        // `parse` refuses), so a reader always moves on.
        _ => b.get(from..)?.iter().position(|c| matches!(c, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')).map(|n| from + n.max(1)),
    }
}

/// The first position from `i` on that is not JSON whitespace (space, tab, LF, CR).
///
/// ```
/// assert_eq!(riskcard::json::skip_ws(b" \t\r\n[1]", 0), 4);
/// assert_eq!(riskcard::json::skip_ws(b"  ", 1), 2);
/// ```
pub fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// The end (exclusive) of a string whose text starts at `b[i]` (after its opening quote).
fn string_end(b: &[u8], mut i: usize) -> Option<usize> {
    loop {
        let k = i + memchr::memchr2(b'"', b'\\', b.get(i..)?)?;
        if b.get(k) == Some(&b'"') {
            return Some(k + 1);
        }
        i = k + 2;
    }
}

struct Parser<'a> {
    text: &'a str,
    s: &'a [u8],
    i: usize,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Parser<'a> {
        Parser { text, s: text.as_bytes(), i: 0 }
    }
    fn error(&self, what: &str) -> String {
        let before = self.s.get(..self.i).unwrap_or(self.s);
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(before.get(line_start..).unwrap_or_default()).chars().count() + 1;
        format!("{what} at line {line} column {column}")
    }
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn skip_ws(&mut self) {
        self.i = skip_ws(self.s, self.i);
    }
    fn eat(&mut self, word: &str) -> bool {
        let ok = self.s.get(self.i..self.i + word.len()) == Some(word.as_bytes());
        if ok {
            self.i += word.len();
        }
        ok
    }
    fn value(&mut self, depth: usize) -> Result<Value<'a>, String> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        match self.peek() {
            Some(b'{') => {
                self.i += 1;
                let mut members = Vec::new();
                self.members(depth, &mut members)?;
                Ok(Value::Object(members))
            }
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                self.skip_ws();
                if self.eat("]") {
                    return Ok(Value::Array(items));
                }
                loop {
                    self.skip_ws();
                    items.push(self.value(depth + 1)?);
                    self.skip_ws();
                    if self.eat("]") {
                        return Ok(Value::Array(items));
                    }
                    if !self.eat(",") {
                        return Err(self.error("expected ',' or ']'"));
                    }
                }
            }
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ if self.eat("true") => Ok(Value::Bool(true)),
            _ if self.eat("false") => Ok(Value::Bool(false)),
            _ if self.eat("null") => Ok(Value::Null),
            None => Err(self.error("unexpected end of input")),
            _ => Err(self.error("expected a value")),
        }
    }
    /// The members of the object at depth `depth` whose `{` has been read, into `members`, up to
    /// and including its `}`. Strings and numbers, most members, are read here, not through
    /// [`Parser::value`] (which would move each through its `Result`).
    fn members(&mut self, depth: usize, members: &mut Vec<(Cow<'a, str>, Value<'a>)>) -> Result<(), String> {
        self.skip_ws();
        if self.eat("}") {
            return Ok(());
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a string key"));
            }
            let key = self.string()?;
            self.skip_ws();
            if !self.eat(":") {
                return Err(self.error("expected ':'"));
            }
            self.skip_ws();
            let v = match self.peek() {
                // (`value` refuses even a scalar deeper than MAX_DEPTH; so does this.)
                Some(b'"') if depth < MAX_DEPTH => Value::String(self.string()?),
                Some(b'-' | b'0'..=b'9') if depth < MAX_DEPTH => self.number()?,
                _ => self.value(depth + 1)?,
            };
            members.push((key, v));
            self.skip_ws();
            if self.eat("}") {
                return Ok(());
            }
            if !self.eat(",") {
                return Err(self.error("expected ',' or '}'"));
            }
        }
    }
    fn number(&mut self) -> Result<Value<'a>, String> {
        let start = self.i;
        let digits = |p: &mut Self| {
            let from = p.i;
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.i += 1;
            }
            p.i > from
        };
        self.eat("-");
        // RFC 8259: no leading zeros ("0", "0.5", but not "01").
        if !self.eat("0") && !digits(self) {
            return Err(self.error("expected digits"));
        }
        if self.eat(".") && !digits(self) {
            return Err(self.error("expected digits after '.'"));
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if !digits(self) {
                return Err(self.error("expected exponent digits"));
            }
        }
        Ok(Value::Number(self.text.get(start..self.i).unwrap_or_default()))
    }
    fn hex4(&mut self) -> Result<u32, String> {
        let h = self.s.get(self.i..self.i + 4).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u32::from_str_radix(h, 16).ok());
        let h = h.ok_or_else(|| self.error("expected four hex digits"))?;
        self.i += 4;
        Ok(h)
    }
    fn string(&mut self) -> Result<Cow<'a, str>, String> {
        // Past the opening quote. Most strings have no escape: a slice of the input, not a copy.
        self.i += 1;
        let start = self.i;
        while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
            self.i += 1;
        }
        if self.peek() == Some(b'"') {
            self.i += 1;
            return Ok(Cow::Borrowed(self.text.get(start..self.i - 1).unwrap_or_default()));
        }
        self.i = start;
        let mut out = String::new();
        loop {
            let run = self.i;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.i += 1;
            }
            // Runs stop only at ASCII bytes, so each is whole UTF-8 of the input (no check again).
            out.push_str(self.text.get(run..self.i).unwrap_or_default());
            match self.peek() {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = self.peek().ok_or_else(|| self.error("unfinished escape"))?;
                    self.i += 1;
                    match c {
                        b'"' | b'\\' | b'/' => out.push(c as char),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) && self.eat("\\u") {
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.error("invalid surrogate pair"));
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                        }
                        _ => return Err(self.error("invalid escape")),
                    }
                }
                Some(_) => return Err(self.error("control character in string")),
                None => return Err(self.error("unterminated string")),
            }
        }
    }
}

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

    #[test]
    fn json_errors_and_escapes() {
        assert_eq!(parse("\"a\\u00e9\\ud83d\\ude00\\n\"").unwrap(), Value::String("aé😀\n".into()));
        assert_eq!(parse("{\"a\" 1}").unwrap_err(), "expected ':' at line 1 column 6");
        assert_eq!(parse("[1,\n  tru]").unwrap_err(), "expected a value at line 2 column 3");
        assert_eq!(parse("\"abc").unwrap_err(), "unterminated string at line 1 column 5");
        assert_eq!(parse("01").unwrap_err(), "trailing characters at line 1 column 2");
        assert_eq!(parse("-").unwrap_err(), "expected digits at line 1 column 2");
        assert!(parse(&"[".repeat(1000)).unwrap_err().starts_with("nested too deeply"));
        // The deepest value read is at depth 128, an object's member (read without `value`) too.
        let nested = |n: usize, inner: &str| format!("{}{inner}{}", "{\"a\":".repeat(n), "}".repeat(n));
        for inner in ["1", "\"x\"", "{}"] {
            assert!(parse(&nested(128, inner)).is_ok(), "{inner}");
            assert!(parse(&nested(129, inner)).unwrap_err().starts_with("nested too deeply"), "{inner}");
        }
        assert_eq!(parse(" {\"é\": [ ] } ").unwrap(), Value::Object(vec![("é".into(), Value::Array(vec![]))]));
    }
}
