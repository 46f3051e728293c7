//! UCDP's schema: the columns of the GED and Candidate Events files (49 columns) and of the UCDP
//! API's rows, its precision codes, and its types of violence mapped onto [`Category`].

use std::borrow::Cow;

use super::{Codes, Field};
use crate::category::Category;
use crate::message::Message;

/// UCDP's column per field.
pub(super) fn aliases(f: Field) -> &'static [&'static str] {
    match f {
        Field::Id => &["id"],
        Field::Date => &["date_start"],
        Field::Lat => &["latitude"],
        Field::Lon => &["longitude"],
        Field::Type => &[],
        Field::SubType => &["conflict_name"],
        Field::Actors => &["side_a", "side_b"],
        Field::Fatalities => &["best"],
        Field::GeoPrecision => &["where_prec"],
        Field::DatePrecision => &["date_prec"],
        Field::Location => &["where_coordinates"],
        Field::Admin1 => &["adm_1"],
        Field::Country => &["country"],
        Field::Source => &["source_office"],
        Field::Notes => &["where_description", "source_headline"],
        Field::Violence => &["type_of_violence"],
        Field::Inter1 | Field::Inter2 => &[],
    }
}

/// where_prec 1 exact, 2 ≤25 km, 3 admin2, 4 admin1, 5 linear, 6 country, 7 water/air; date_prec
/// 1 day, 2 2–6 days, 3 week, 4 month, 5 year.
pub(super) const CODES: Codes =
    Codes { geo_name: "where_prec", date_name: "date_prec", fatalities_name: "best", geo_classes: &[0, 1, 2, 3, 2, 4, 4], date_classes: &[0, 1, 2, 3, 4] };

/// The category and label of a `type_of_violence` value.
pub(super) fn category(v: &str) -> Result<(Category, Cow<'static, str>), Message> {
    let unknown = || Message::row_violence_unknown(crate::ingest::validate::clip(v));
    let code: u32 = v.parse().map_err(|_| unknown())?;
    let c = Category::from_ucdp(code).ok_or_else(unknown)?;
    Ok((c, Cow::Borrowed(ucdp_label(code))))
}

impl Category {
    /// UCDP `type_of_violence`: 1 state-based, 2 non-state (both armed clashes), 3 one-sided.
    ///
    /// ```
    /// use riskcard::Category;
    /// assert_eq!(Category::from_ucdp(3), Some(Category::ViolenceAgainstCivilians));
    /// assert_eq!(Category::from_ucdp(4), None);
    /// ```
    pub fn from_ucdp(type_of_violence: u32) -> Option<Category> {
        match type_of_violence {
            1 | 2 => Some(Category::Battle),
            3 => Some(Category::ViolenceAgainstCivilians),
            _ => None,
        }
    }
}

/// UCDP's label for a `type_of_violence` code, kept as the original event type.
pub fn ucdp_label(type_of_violence: u32) -> &'static str {
    match type_of_violence {
        1 => "State-based conflict",
        2 => "Non-state conflict",
        _ => "One-sided violence",
    }
}
