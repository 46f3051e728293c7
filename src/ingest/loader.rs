//! The load: input in pieces cut anywhere (a download as it arrives, a file in blocks) into the
//! store. Holds back only an unfinished record and a split UTF-8 character, skips a BOM, replaces
//! invalid UTF-8 (once reported), detects the format and hands the text to the CSV or JSON rows.

use super::csv_rows::CsvLoad;
use super::dedupe::{self, Dedupe};
use super::detect::detect_piece;
use super::diagnostics::Diagnostics;
use super::json_rows::JsonLoad;
use super::schema::Schema;
use super::sink::Sink;
use super::Format;
use crate::error::Result;
use crate::message::Message;
use crate::store::Store;

/// A load that takes its input in pieces as they arrive (a download, a file read in blocks), so
/// the whole input never has to be in memory at once. CSV rows are stored as soon as they are
/// complete, and JSON rows as soon as each element of the rows array is whole. Pieces may
/// be cut anywhere, inside a quoted field or a UTF-8 character: the result is that of one
/// [`load`] of the whole input, line numbers included.
///
/// ```
/// use riskcard::{ingest::Loader, Store};
/// let csv = "id,date,lat,lon,event_type,fatalities\nk1,2026-07-01,12.65,-8.0,Battles,3\nk2,2026-07-02,,-8.0,Battles,0\n";
/// let mut store = Store::new();
/// let mut loader = Loader::new(None, "log.csv", None);
/// for piece in csv.as_bytes().chunks(7) {
///     loader.push(&mut store, piece, &mut |_, _| {}).unwrap();
/// }
/// let d = loader.end(&mut store, &mut |_, _| {}).unwrap();
/// assert_eq!((d.rows_read, d.rows_loaded, store.len()), (2, 1, 1));
/// assert_eq!((d.errors[0].line, d.errors[0].reason.as_str()), (3, "missing latitude"));
/// ```
pub struct Loader {
    format: Option<Format>,
    pub(super) source: String,
    /// The input's length when known (for progress and reserving the store).
    pub(super) total: Option<u64>,
    /// Where the rows go, and what the load counts on the way.
    pub(super) sink: Sink,
    dedupe: Dedupe,
    /// Text received and not yet read: valid UTF-8 from a record boundary on (for JSON, from
    /// between two values of the document: an element of its rows, or a member of its root object).
    text: Vec<u8>,
    /// The end of the last piece when it stopped inside a UTF-8 character.
    split_char: Vec<u8>,
    /// Bytes received before `text` and `split_char`.
    received: u64,
    /// Bytes of input read before `text[0]` (for progress).
    pub(super) done: u64,
    /// Whether invalid UTF-8 has been reported.
    bad_utf8: bool,
    pub(super) csv: Option<CsvLoad>,
    pub(super) json: JsonLoad,
    /// Do not try to read records before `text` is this long (a record longer than the pieces
    /// would otherwise be scanned again for every piece).
    wait_for: usize,
}

impl Loader {
    /// A load of `format` (`None`: detect it from the content); `source` names the input in row
    /// errors; `total` is the input's length in bytes, if known.
    pub fn new(format: Option<Format>, source: &str, total: Option<u64>) -> Loader {
        Loader {
            format,
            source: source.to_string(),
            total,
            sink: Sink::default(),
            dedupe: Dedupe::Id,
            text: Vec::new(),
            split_char: Vec::new(),
            received: 0,
            done: 0,
            bad_utf8: false,
            csv: None,
            json: JsonLoad::default(),
            wait_for: 0,
        }
    }

    /// The load with `dedupe` (by id, the default, or by content across loads; see [`Dedupe`]).
    pub fn dedupe(mut self, dedupe: Dedupe) -> Loader {
        self.dedupe = dedupe;
        self
    }

    /// Takes the next piece of input and stores the rows it completes. An error (no usable
    /// header, say) ends the load: nothing from it has been stored.
    pub fn push(&mut self, store: &mut Store, piece: &[u8], progress: &mut dyn FnMut(u64, u64)) -> Result<()> {
        if self.text.is_empty() && self.split_char.is_empty() {
            // Nothing held back: read the piece where it is and keep only its unfinished end.
            let (body, cut) = piece.split_at(piece.len() - incomplete_tail(piece));
            if let Ok(text) = std::str::from_utf8(body) {
                self.received += piece.len() as u64;
                let used = self.read_str(store, text, false, progress)?;
                self.text.extend_from_slice(body.get(used..).unwrap_or(&[]));
                self.split_char.extend_from_slice(cut);
                self.wait_for = self.next_wait();
                return Ok(());
            }
        }
        self.push_with(store, piece.len(), |buf| buf.copy_from_slice(piece), progress)
    }

    /// As [`push`](Self::push) for a piece of `len` bytes that `fill` writes in place (from a
    /// JavaScript array, say), saving a copy.
    pub fn push_with(&mut self, store: &mut Store, len: usize, fill: impl FnOnce(&mut [u8]), progress: &mut dyn FnMut(u64, u64)) -> Result<()> {
        let from = self.text.len();
        self.text.append(&mut self.split_char);
        let at = self.text.len();
        self.text.resize(at + len, 0);
        if let Some(buf) = self.text.get_mut(at..) {
            fill(buf);
        }
        self.received += len as u64;
        // Keep back a character cut off at the end of the piece.
        let cut = incomplete_tail(self.text.get(from..).unwrap_or(&[]));
        self.split_char.extend(self.text.drain(self.text.len() - cut..));
        if self.text.len() >= self.wait_for {
            self.read(store, false, progress)?;
        }
        Ok(())
    }

    /// Ends the load: reads what is left, rebuilds the store's index and returns the diagnostics.
    pub fn end(mut self, store: &mut Store, progress: &mut dyn FnMut(u64, u64)) -> Result<Diagnostics> {
        self.text.append(&mut self.split_char);
        self.read(store, true, progress)?;
        let end = self.done + self.text.len() as u64;
        progress(end, end);
        Ok(self.close(store))
    }

    /// Ends the load early (its input failed): what is held back is dropped, the rows read so far
    /// stay, and a warning says where the input stopped and why.
    ///
    /// ```
    /// use riskcard::{ingest::Loader, Store};
    /// let mut store = Store::new();
    /// let mut loader = Loader::new(None, "feed.csv", None);
    /// loader.push(&mut store, b"id,date,lat,lon\nk1,2026-07-01,12.65,-8.0\nk2,2026-07-0", &mut |_, _| {}).unwrap();
    /// let d = loader.stop(&mut store, "network error");
    /// assert_eq!((d.rows_loaded, store.len()), (1, 1));
    /// assert_eq!(d.warnings, ["feed.csv: the input stopped after 53 bytes (network error); the rows before were loaded"]);
    /// assert_eq!(d.warnings[0].code, "input_stopped");
    /// ```
    pub fn stop(mut self, store: &mut Store, reason: &str) -> Diagnostics {
        self.sink.diag.warn(Message::input_stopped(display_name(&self.source).into(), self.received, reason.into()));
        self.close(store)
    }

    /// Ends the rows (the waiting ones stored or refused, the load's warnings made), looks for the
    /// load's events under other ids in earlier loads (and removes those with `dedupe: content`),
    /// rebuilds the store's index, adds this load to its diagnostics and returns them.
    fn close(mut self, store: &mut Store) -> Diagnostics {
        let source = display_name(&self.source).to_string();
        let format = self.sink.diag.formats.first().cloned().unwrap_or_default();
        self.sink.end(store, &source, &format);
        let pairs = dedupe::twins(store, &self.sink.written);
        if !pairs.is_empty() {
            let remove = self.dedupe == Dedupe::Content;
            self.sink.diag.warn(dedupe::warning(store, &pairs, &source, remove));
            if remove {
                store.remove(&pairs.iter().map(|p| p.0).collect::<Vec<_>>());
            }
        }
        store.build_index();
        store.record_load(&self.sink.diag);
        self.sink.diag
    }

    /// Reads what `text` holds; `last` when no more input will come.
    /// Invalid UTF-8 is replaced (and reported once) here.
    fn read(&mut self, store: &mut Store, last: bool, progress: &mut dyn FnMut(u64, u64)) -> Result<()> {
        let mut buf = std::mem::take(&mut self.text);
        let mut fixed = None;
        let text = match std::str::from_utf8(&buf) {
            Ok(t) => t,
            Err(e) => {
                if !self.bad_utf8 {
                    self.bad_utf8 = true;
                    let offset = self.received.saturating_sub((self.split_char.len() + buf.len() - e.valid_up_to()) as u64);
                    self.sink.diag.warn(Message::invalid_utf8(display_name(&self.source).into(), offset));
                }
                fixed.insert(windows_1252_where_invalid(&buf)).as_str()
            }
        };
        let result = self.read_str(store, text, last, progress);
        if let Some(f) = fixed {
            buf = f.into_bytes();
        }
        buf.drain(..result.as_ref().map_or(0, |&n| n.min(buf.len())));
        self.text = buf;
        self.wait_for = self.next_wait();
        result.map(|_| ())
    }

    /// A record longer than what has come is not read again until the text held has doubled.
    fn next_wait(&self) -> usize {
        if self.text.len() > 1 << 16 {
            2 * self.text.len()
        } else {
            0
        }
    }

    /// Reads `text` (the input from `done` on), past a BOM at the very start; returns the bytes used.
    fn read_str(&mut self, store: &mut Store, text: &str, last: bool, progress: &mut dyn FnMut(u64, u64)) -> Result<usize> {
        // Only at the very start (a BOM cut in two is held back as an unfinished character).
        let used = if self.done == 0 { text.len() - text.strip_prefix('\u{feff}').unwrap_or(text).len() } else { 0 };
        self.done += used as u64;
        let read = self.read_text(store, text.get(used..).unwrap_or(""), last, progress)?;
        self.done += read as u64;
        Ok(used + read)
    }

    /// Reads from `text`, returning how many bytes were used (what remains starts a record).
    fn read_text(&mut self, store: &mut Store, text: &str, last: bool, progress: &mut dyn FnMut(u64, u64)) -> Result<usize> {
        let format = match self.format {
            Some(f) => f,
            None => match detect_piece(text, last)? {
                Some(f) => f,
                None => return Ok(0),
            },
        };
        if self.sink.diag.formats.is_empty() {
            self.format = Some(format);
            self.sink.diag.formats.push(format.name().to_string());
        }
        match format {
            Format::GeoJson | Format::Json => self.read_json(store, text, format, last, progress),
            Format::Acled => self.read_csv(store, text, Schema::Acled, last, progress),
            Format::Ucdp => self.read_csv(store, text, Schema::Ucdp, last, progress),
            Format::Csv => self.read_csv(store, text, Schema::Native, last, progress),
        }
    }
}

/// `bytes` as text: UTF-8 where it is valid, and each byte of an invalid sequence read as
/// Windows-1252 (the encoding Excel saves CSV in, and ACLED's older Africa files are in: `0x92` is
/// ’, `0xA0` a no-break space, `0xE9` é); the five bytes Windows-1252 leaves undefined become U+FFFD.
/// A byte's reading depends only on the bytes around it, so an input read in pieces reads the same.
///
fn windows_1252_where_invalid(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{fffd}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{fffd}', 'Ž', '\u{fffd}', '\u{fffd}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›',
        'œ', '\u{fffd}', 'ž', 'Ÿ',
    ];
    let mut out = String::with_capacity(bytes.len() + 16);
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(text) => {
                out.push_str(text);
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(good).unwrap_or_default());
                let n = e.error_len().unwrap_or(bad.len()).max(1);
                for &b in bad.iter().take(n) {
                    out.push(match b {
                        0x80..=0x9f => HIGH[(b - 0x80) as usize],
                        _ => b as char,
                    });
                }
                rest = bad.get(n..).unwrap_or_default();
            }
        }
    }
    out
}

/// The part of `text` that ends on its last line end (all of it when no more input will come): a
/// record is only read once its line end is there. A line end is an LF, or a CR with something
/// after it (a CR at the very end may yet be followed by LF), so a file with CR alone for line ends
/// is read as it comes too.
pub(super) fn whole_lines(text: &str, last: bool) -> &str {
    if last {
        return text;
    }
    let b = text.as_bytes();
    let lf = memchr::memrchr(b'\n', b).map_or(0, |i| i + 1);
    // A CR line end after the last LF (only the tail after it is searched: most files have LFs).
    let cr = b.get(lf..b.len().saturating_sub(1)).and_then(|tail| memchr::memrchr(b'\r', tail)).map_or(0, |i| lf + i + 1);
    text.get(..lf.max(cr)).unwrap_or("")
}

/// How many bytes at the end of `bytes` begin a UTF-8 character that the bytes do not finish.
fn incomplete_tail(bytes: &[u8]) -> usize {
    for back in 1..=bytes.len().min(3) {
        let Some(&b) = bytes.get(bytes.len() - back) else { break };
        if b & 0xC0 != 0x80 {
            let need = match b {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF7 => 4,
                _ => 1,
            };
            return if need > back { back } else { 0 };
        }
    }
    0
}

/// The input's name in messages.
pub(super) fn display_name(source: &str) -> &str {
    if source.is_empty() {
        "input"
    } else {
        source
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn invalid_bytes_are_read_as_windows_1252() {
        let got = super::windows_1252_where_invalid(b"S\xe9gou, caf\xc3\xa9 \x92x\x93 \xa027.5 \x81 \xe2\x82");
        assert_eq!(got, "Ségou, café ’x“ \u{a0}27.5 \u{fffd} â\u{201a}");
    }
}
