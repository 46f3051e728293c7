//! A small JSON reader (RFC 8259) for AOIs, options and JSON incident files. Own code, not
//! `serde_json`, for two reasons: it reads an API response a row at a time as the response arrives
//! ([`object_at`], [`value_end`]), and it is faster here: 175 ms where `serde_json` took 549 ms on a
//! 91 MB ACLED API response (natively). The .wasm's size saving is mostly not this reader's (about
//! 3 KB gzipped) but the number parsing and printing it shares with the core ([`super::number`]).
//!
//! Numbers keep their source text, so an id or a count given as a JSON number reads back exactly as
//! written; [`Value::as_f64`] parses it on demand.

use std::borrow::Cow;

pub use super::number::{fmt_num, parse_f64};
use crate::message::Message;

/// Why and where a JSON text could not be read: the problem (one of the `json_*` syntax messages),
/// and the line and column (of characters, from 1) where it was met.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonError {
    /// What is wrong.
    pub problem: Message,
    /// Line, from 1.
    pub line: u64,
    /// Column in characters, from 1.
    pub column: u64,
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at line {} column {}", self.problem, self.line, self.column)
    }
}

impl PartialEq<&str> for JsonError {
    fn eq(&self, other: &&str) -> bool {
        self.to_string() == *other
    }
}

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
pub fn parse(text: &str) -> Result<Value<'_>, JsonError> {
    let mut p = Parser::new(text);
    p.skip_ws();
    let v = p.value(0)?;
    p.skip_ws();
    if p.i < text.len() {
        return Err(p.error(Message::json_trailing_characters()));
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
    fn error(&self, problem: Message) -> JsonError {
        let before = self.s.get(..self.i).unwrap_or(self.s);
        let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(before.get(line_start..).unwrap_or_default()).chars().count() as u64 + 1;
        JsonError { problem, line, column }
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
    fn value(&mut self, depth: usize) -> Result<Value<'a>, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error(Message::json_nested_too_deeply()));
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
                        return Err(self.error(Message::json_expected_comma_or_bracket()));
                    }
                }
            }
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ if self.eat("true") => Ok(Value::Bool(true)),
            _ if self.eat("false") => Ok(Value::Bool(false)),
            _ if self.eat("null") => Ok(Value::Null),
            None => Err(self.error(Message::json_unexpected_end())),
            _ => Err(self.error(Message::json_expected_value())),
        }
    }
    /// The members of the object at depth `depth` whose `{` has been read, into `members`, up to
    /// and including its `}`. Strings and numbers, most members, are read here, not through
    /// [`Parser::value`] (which would move each through its `Result`).
    fn members(&mut self, depth: usize, members: &mut Vec<(Cow<'a, str>, Value<'a>)>) -> Result<(), JsonError> {
        self.skip_ws();
        if self.eat("}") {
            return Ok(());
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error(Message::json_expected_key()));
            }
            let key = self.string()?;
            self.skip_ws();
            if !self.eat(":") {
                return Err(self.error(Message::json_expected_colon()));
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
                return Err(self.error(Message::json_expected_comma_or_brace()));
            }
        }
    }
    fn number(&mut self) -> Result<Value<'a>, JsonError> {
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
            return Err(self.error(Message::json_expected_digits()));
        }
        if self.eat(".") && !digits(self) {
            return Err(self.error(Message::json_expected_fraction_digits()));
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if !digits(self) {
                return Err(self.error(Message::json_expected_exponent_digits()));
            }
        }
        Ok(Value::Number(self.text.get(start..self.i).unwrap_or_default()))
    }
    fn hex4(&mut self) -> Result<u32, JsonError> {
        let h = self.s.get(self.i..self.i + 4).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u32::from_str_radix(h, 16).ok());
        let h = h.ok_or_else(|| self.error(Message::json_expected_hex()))?;
        self.i += 4;
        Ok(h)
    }
    fn string(&mut self) -> Result<Cow<'a, str>, JsonError> {
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
                    let c = self.peek().ok_or_else(|| self.error(Message::json_unfinished_escape()))?;
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
                                    return Err(self.error(Message::json_invalid_surrogate()));
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                        }
                        _ => return Err(self.error(Message::json_invalid_escape())),
                    }
                }
                Some(_) => return Err(self.error(Message::json_control_character())),
                None => return Err(self.error(Message::json_unterminated_string())),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_errors_and_escapes() {
        assert_eq!(parse("\"a\\u00e9\\ud83d\\ude00\\n\"").unwrap(), Value::String("aé😀\n".into()));
        assert_eq!(parse("{\"a\" 1}").unwrap_err(), "expected ':' at line 1 column 6");
        assert_eq!(parse("[1,\n  tru]").unwrap_err(), "expected a value at line 2 column 3");
        assert_eq!(parse("\"abc").unwrap_err(), "unterminated string at line 1 column 5");
        assert_eq!(parse("01").unwrap_err(), "trailing characters at line 1 column 2");
        assert_eq!(parse("-").unwrap_err(), "expected digits at line 1 column 2");
        assert!(parse(&"[".repeat(1000)).unwrap_err().to_string().starts_with("nested too deeply"));
        assert_eq!(parse(&"[".repeat(1000)).unwrap_err().problem.code(), "json_nested_too_deeply");
        // The deepest value read is at depth 128, an object's member (read without `value`) too.
        let nested = |n: usize, inner: &str| format!("{}{inner}{}", "{\"a\":".repeat(n), "}".repeat(n));
        for inner in ["1", "\"x\"", "{}"] {
            assert!(parse(&nested(128, inner)).is_ok(), "{inner}");
            assert!(parse(&nested(129, inner)).unwrap_err().to_string().starts_with("nested too deeply"), "{inner}");
        }
        assert_eq!(parse(" {\"é\": [ ] } ").unwrap(), Value::Object(vec![("é".into(), Value::Array(vec![]))]));
    }
}
