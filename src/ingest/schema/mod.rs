//! The sources' schemas: for each logical [`Field`] of an incident, the columns (or JSON members)
//! each source writes it in, and what each source's codes mean. One file per source: `acled.rs`,
//! `ucdp.rs`, and `native.rs` (this project's own schema, which takes ACLED's names too).

mod acled;
mod native;
mod ucdp;

use std::borrow::Cow;

use crate::category::Category;
use crate::message::Message;

pub use ucdp::ucdp_label;

/// The logical fields every source is mapped onto.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Field {
    Id,
    Date,
    Lat,
    Lon,
    Type,
    SubType,
    Actors,
    Fatalities,
    GeoPrecision,
    DatePrecision,
    Location,
    Admin1,
    Country,
    Source,
    Notes,
    /// UCDP's `type_of_violence`.
    Violence,
    /// ACLED's actor types (`inter1`, `inter2`): they split its pre-2019 Riots/Protests.
    Inter1,
    /// See `Inter1`.
    Inter2,
}

impl Field {
    /// Every field, in the order of their numbers.
    pub(super) const ALL: [Field; 18] = [
        Field::Id,
        Field::Date,
        Field::Lat,
        Field::Lon,
        Field::Type,
        Field::SubType,
        Field::Actors,
        Field::Fatalities,
        Field::GeoPrecision,
        Field::DatePrecision,
        Field::Location,
        Field::Admin1,
        Field::Country,
        Field::Source,
        Field::Notes,
        Field::Violence,
        Field::Inter1,
        Field::Inter2,
    ];

    /// Whether every present column is read (actors, notes), not only the first.
    pub(super) fn is_multi(self) -> bool {
        matches!(self, Field::Actors | Field::Notes)
    }
}

/// Which source's column names and codes a file uses.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Schema {
    /// ACLED exports and API rows.
    Acled,
    /// UCDP GED / Candidate events and API rows.
    Ucdp,
    /// This project's own schema.
    Native,
}

/// How a schema names the columns that messages about a row mention, and what its precision
/// codes mean (class of code `c` at index `c − 1`; see `store::GEO_PRECISION_FACTOR`).
pub(super) struct Codes {
    pub(super) geo_name: &'static str,
    pub(super) date_name: &'static str,
    pub(super) fatalities_name: &'static str,
    pub(super) geo_classes: &'static [u8],
    pub(super) date_classes: &'static [u8],
}

impl Schema {
    /// Column names per logical field. For `Actors` and `Notes` every present column is used, in
    /// order; for the others the first present one.
    pub(super) fn aliases(self, f: Field) -> &'static [&'static str] {
        match self {
            Schema::Acled => acled::aliases(f),
            Schema::Ucdp => ucdp::aliases(f),
            Schema::Native => native::aliases(f),
        }
    }

    /// The field a column or member name is for, with the rank of the name among that field's
    /// aliases.
    pub(super) fn field_of(self, name: &str) -> Option<(Field, u8)> {
        Field::ALL.iter().find_map(|&f| self.aliases(f).iter().position(|a| name.eq_ignore_ascii_case(a)).map(|r| (f, r as u8)))
    }

    /// Column names in messages, and the meaning of precision codes.
    pub(super) fn codes(self) -> &'static Codes {
        match self {
            Schema::Acled => &acled::CODES,
            Schema::Ucdp => &ucdp::CODES,
            Schema::Native => &native::CODES,
        }
    }

    /// The category of a row and the event type label kept for display.
    pub(super) fn category<'r>(self, row: &'r impl Row) -> Result<(Category, Cow<'r, str>), Message> {
        match self {
            Schema::Ucdp => ucdp::category(row.one(Field::Violence)),
            Schema::Acled | Schema::Native => {
                let t = row.one(Field::Type);
                Ok((acled::category(t, row.one(Field::SubType), row.one(Field::Inter1), row.one(Field::Inter2)), Cow::Borrowed(t)))
            }
        }
    }
}

/// A row as strings, whatever the format it came from.
pub(super) trait Row {
    /// The first present value of a single-valued field ("" when absent).
    fn one(&self, f: Field) -> &str;
    /// Every non-empty value of a multi-valued field (an iterator: a row's lists are not
    /// allocated unless kept).
    fn many(&self, f: Field) -> impl Iterator<Item = &str>;
    /// Whether the row's file has the field at all (a column, or a member of the row).
    fn has(&self, f: Field) -> bool;
}
