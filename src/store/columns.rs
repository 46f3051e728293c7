//! The per-incident columns, written once: [`columns!`] declares each column's name and type, and
//! makes the struct of columns, the record of one incident's values in them, and everything that
//! touches every column (reserve, push, overwrite, reorder, bytes per incident).

/// Declares the columns: `name: type` each, a `Vec<type>` in the columns struct and a field in the
/// row record.
macro_rules! columns {
    ($(#[$meta:meta])* $columns:ident, $row:ident { $($(#[$doc:meta])* $name:ident: $ty:ty),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Default, Clone)]
        pub(super) struct $columns {
            $($(#[$doc])* pub(super) $name: Vec<$ty>,)*
        }

        /// One incident's values, a field per column.
        #[derive(Debug, Clone, Copy)]
        pub(super) struct $row {
            $($(#[$doc])* pub(super) $name: $ty,)*
        }

        impl $columns {
            /// Bytes each incident takes in the columns.
            pub(super) const ROW_BYTES: usize = 0 $(+ std::mem::size_of::<$ty>())*;

            /// Room for `n` more incidents in every column.
            pub(super) fn reserve(&mut self, n: usize) {
                $(self.$name.reserve(n);)*
            }

            /// Appends an incident.
            pub(super) fn push(&mut self, row: $row) {
                $(self.$name.push(row.$name);)*
            }

            /// Overwrites incident `i` (nothing when out of range).
            pub(super) fn set(&mut self, i: usize, row: $row) {
                $(if let Some(v) = self.$name.get_mut(i) {
                    *v = row.$name;
                })*
            }

            /// Reorders every column: new position `k` takes old position `order[k]`, a permutation
            /// of the positions (made by the store, never from input).
            pub(super) fn reorder(&mut self, order: &[u32]) {
                $(self.$name = order.iter().map(|&r| self.$name[r as usize]).collect();)*
            }
        }
    };
}

pub(super) use columns;
