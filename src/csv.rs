//! A small RFC 4180 reader over text already in memory: quoted fields with commas, doubled quotes and
//! newlines, CRLF or LF, and a line number for every record (the physical line where it starts), so
//! that a skipped row can be reported by line. It never panics, whatever the input.

use std::ops::Range;

/// Reads records one at a time; field text lives in a reused buffer.
pub struct Reader<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    buf: String,
    fields: Vec<Range<usize>>,
    /// Set when the last record had a quote that never closed (it then runs to the end of input).
    pub unterminated: bool,
}

impl<'a> Reader<'a> {
    /// A reader over `text` (strip a BOM before).
    pub fn new(text: &'a str) -> Self {
        Reader { text, pos: 0, line: 1, buf: String::new(), fields: Vec::new(), unterminated: false }
    }

    /// Advances to the next non-blank record and returns the line it starts on.
    ///
    /// ```
    /// let mut r = riskcard::csv::Reader::new("a,b\r\n\"x, \"\"y\"\"\nz\",2\n");
    /// assert_eq!(r.next_record(), Some(1));
    /// assert_eq!(r.next_record(), Some(2));
    /// assert_eq!(r.field(0), "x, \"y\"\nz");
    /// assert_eq!(r.field(1), "2");
    /// assert_eq!(r.next_record(), None);
    /// ```
    pub fn next_record(&mut self) -> Option<usize> {
        loop {
            if self.pos >= self.text.len() {
                return None;
            }
            let start_line = self.line;
            self.read_record();
            let blank = self.fields.len() == 1 && self.fields[0].is_empty();
            if !blank {
                return Some(start_line);
            }
        }
    }

    fn read_record(&mut self) {
        let bytes = self.text.as_bytes();
        self.buf.clear();
        self.fields.clear();
        self.unterminated = false;
        loop {
            let start = self.buf.len();
            if bytes.get(self.pos) == Some(&b'"') {
                self.pos += 1;
                loop {
                    let rest = &bytes[self.pos.min(bytes.len())..];
                    match rest.iter().position(|&b| b == b'"') {
                        None => {
                            self.push_text(self.pos, bytes.len());
                            self.pos = bytes.len();
                            self.unterminated = true;
                            break;
                        }
                        Some(q) => {
                            let q = self.pos + q;
                            self.push_text(self.pos, q);
                            if bytes.get(q + 1) == Some(&b'"') {
                                self.buf.push('"');
                                self.pos = q + 2;
                            } else {
                                self.pos = q + 1;
                                break;
                            }
                        }
                    }
                }
            }
            // Unquoted text, or stray text after a closing quote (kept, leniently).
            let rest = &bytes[self.pos.min(bytes.len())..];
            let end = self.pos + rest.iter().position(|&b| matches!(b, b',' | b'\n' | b'\r')).unwrap_or(rest.len());
            self.push_text(self.pos, end);
            self.pos = end;
            self.fields.push(start..self.buf.len());
            match bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'\r') => {
                    self.pos += 1;
                    if bytes.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    self.line += 1;
                    return;
                }
                Some(b'\n') => {
                    self.pos += 1;
                    self.line += 1;
                    return;
                }
                _ => return,
            }
        }
    }

    fn push_text(&mut self, from: usize, to: usize) {
        if let Some(s) = self.text.get(from..to) {
            self.line += s.bytes().filter(|&b| b == b'\n').count();
            self.buf.push_str(s);
        }
    }

    /// Number of fields in the current record.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// True when the current record has no field (before the first `next_record`).
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Field `i` of the current record, `""` when absent.
    pub fn field(&self, i: usize) -> &str {
        self.fields.get(i).and_then(|r| self.buf.get(r.clone())).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<(usize, Vec<String>)> {
        let mut r = Reader::new(text);
        let mut out = Vec::new();
        while let Some(line) = r.next_record() {
            out.push((line, (0..r.len()).map(|i| r.field(i).to_string()).collect()));
        }
        out
    }

    #[test]
    fn quotes_newlines_crlf_and_blank_lines() {
        let rows = all("id,notes\r\n1,\"He said \"\"go\"\", then\r\nleft\"\r\n\r\n2,plain\n3,\"\"\n4,\"open");
        assert_eq!(rows[0], (1, vec!["id".into(), "notes".into()]));
        assert_eq!(rows[1], (2, vec!["1".into(), "He said \"go\", then\r\nleft".into()]));
        assert_eq!(rows[2], (5, vec!["2".into(), "plain".into()]));
        assert_eq!(rows[3], (6, vec!["3".into(), "".into()]));
        assert_eq!(rows[4], (7, vec!["4".into(), "open".into()]));
        assert_eq!(rows.len(), 5);
    }

    #[test]
    fn trailing_empty_field_is_kept() {
        let rows = all("a,b,\n");
        assert_eq!(rows[0].1, vec!["a", "b", ""]);
    }
}
