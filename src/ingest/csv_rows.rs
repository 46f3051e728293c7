//! CSV rows: the header mapped onto the schema's fields, then each record checked and stored as
//! soon as its line end has come (a quoted field may run on into the next piece).

use super::loader::{display_name, whole_lines, Loader};
use super::schema::{Field, Row, Schema};
use super::validate::{build, value};
use super::PROGRESS_ROWS;
use crate::error::{Error, Result};
use crate::message::Message;
use crate::store::Store;
use crate::text::csv;

/// A CSV load after its header.
pub(super) struct CsvLoad {
    header_len: usize,
    cols: Vec<Vec<usize>>,
    /// The line `text[0]` is on.
    line: usize,
    /// Whether the next record is the first after the header (which may be an HXL tag row).
    first: bool,
    /// The store's rows and text bytes when this load began: what its first rows added is
    /// extrapolated to reserve room for the whole input.
    start: (usize, usize),
    reserved: bool,
}

impl Loader {
    /// Reads the CSV records of `text` (the input from `done` on) whose line end has come, and
    /// returns the bytes used (what remains starts a record).
    pub(super) fn read_csv(&mut self, store: &mut Store, text: &str, schema: Schema, last: bool, progress: &mut dyn FnMut(u64, u64)) -> Result<usize> {
        let source = display_name(&self.source);
        let text = whole_lines(text, last);
        let mut r = match &self.csv {
            Some(c) => csv::Reader::resume(text, c.line),
            None => {
                let mut r = csv::Reader::resume(text, 1);
                if r.next_record().is_none() || (r.unterminated && !last) {
                    return if last { Err(Error::Data(Message::data_no_header(source.into()))) } else { Ok(0) };
                }
                self.csv = Some(csv_columns(&r, schema, source, (store.len(), store.text_bytes()))?);
                r
            }
        };
        let Some(c) = self.csv.as_mut() else { return Ok(0) };
        // The loop reads locals only (V8 keeps them in registers; fields behind `self` it reloads).
        let (header_len, cols, start, done, total) = (c.header_len, &c.cols[..], c.start, self.done, self.total);
        let (mut first, mut reserve_at) = (c.first, if c.reserved { u64::MAX } else { 4096 });
        let sink = &mut self.sink;
        let (used, next_line) = loop {
            let (at, at_line) = (r.offset(), r.line());
            let Some(line) = r.next_record() else { break (r.offset(), r.line()) };
            if r.unterminated && !last {
                // Its quoted field goes on past this piece: read it again when more has come.
                break (at, at_line);
            }
            if sink.diag.rows_read % PROGRESS_ROWS == PROGRESS_ROWS - 1 {
                let at = done + r.offset() as u64;
                progress(at, total.unwrap_or(0).max(at));
            }
            // After the first 4096 rows, reserve for the whole input by extrapolation.
            if sink.diag.rows_read == reserve_at {
                reserve_at = u64::MAX;
                if let Some(total) = total {
                    let scale = total as f64 / (done + r.offset() as u64) as f64 * 1.02;
                    store.reserve(((store.len() - start.0) as f64 * scale) as usize, ((store.text_bytes() - start.1) as f64 * scale) as usize);
                }
            }
            if first {
                first = false;
                if (0..r.len()).all(|i| r.field(i).trim().is_empty() || r.field(i).trim().starts_with('#')) {
                    sink.diag.warn(Message::hxl_row(source.into(), line as u64));
                    continue;
                }
            }
            sink.diag.rows_read += 1;
            let shape_error = if r.unterminated {
                Some(Message::row_unterminated_quote())
            } else if r.len() < header_len || (r.len() > header_len && (header_len..r.len()).any(|i| !r.field(i).trim().is_empty())) {
                Some(Message::row_field_count(r.len() as u64, header_len as u64))
            } else {
                None
            };
            let row = CsvRow { r: &r, cols };
            let result = match shape_error {
                Some(e) => Err(e),
                None => build(schema, &row, &mut sink.tally, line as u64),
            };
            sink.accept(store, result, line as u64, &self.source);
        };
        (c.first, c.reserved, c.line) = (first, reserve_at == u64::MAX, next_line);
        Ok(used)
    }
}

/// The columns of each logical field, from a CSV header; an error when one the load needs is missing.
/// `start` is the store's rows and text bytes before the load.
fn csv_columns(r: &csv::Reader<'_>, schema: Schema, source: &str, start: (usize, usize)) -> Result<CsvLoad> {
    let header: Vec<String> = (0..r.len()).map(|i| r.field(i).trim().to_ascii_lowercase()).collect();
    let cols: Vec<Vec<usize>> = Field::ALL
        .iter()
        .map(|&f| {
            let found = schema.aliases(f).iter().filter_map(|a| header.iter().position(|h| h == a));
            if f.is_multi() {
                found.collect()
            } else {
                found.take(1).collect()
            }
        })
        .collect();
    let mut need = vec![Field::Date, Field::Lat, Field::Lon];
    if schema == Schema::Ucdp {
        need.push(Field::Violence);
    }
    for f in need {
        if cols.get(f as usize).is_none_or(Vec::is_empty) {
            return Err(Error::Data(Message::data_missing_column(source.into(), schema.aliases(f).join(" / "))));
        }
    }
    Ok(CsvLoad { header_len: header.len(), cols, line: r.line(), first: true, start, reserved: false })
}

/// A CSV record's fields by logical field.
struct CsvRow<'r, 'a> {
    r: &'r csv::Reader<'a>,
    cols: &'r [Vec<usize>],
}

impl Row for CsvRow<'_, '_> {
    fn one(&self, f: Field) -> &str {
        self.cols.get(f as usize).and_then(|c| c.first()).map(|&i| value(self.r.field(i))).unwrap_or("")
    }
    fn many(&self, f: Field) -> impl Iterator<Item = &str> {
        self.cols.get(f as usize).into_iter().flatten().map(|&i| value(self.r.field(i))).filter(|s| !s.is_empty())
    }
    fn has(&self, f: Field) -> bool {
        self.cols.get(f as usize).is_some_and(|c| !c.is_empty())
    }
}
