//! The Earth: the sphere distances are measured on ([`sphere`]), areas of interest read from GeoJSON
//! ([`aoi`]), and how far an incident lies from one ([`proximity`]).

pub mod aoi;
pub mod proximity;
pub mod sphere;
