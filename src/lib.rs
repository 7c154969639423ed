//! # indicateurs-caf
//!
//! Reference calculator of French family-policy indicators, compiled to WebAssembly for the
//! browser: a household's consumption units, revenue per unit and position against the dated
//! low-income thresholds ([`foyer`]), with the thresholds as data ([`parametres`]); the CAF
//! *étude préliminaire* of a territory from raw counts ([`diagnostic`], [`catalogue`],
//! [`radar`], [`territoire`]) and from open data ([`import`]); batches of foyers and territories
//! ([`lot`]).
//!
//! The core is pure Rust: exact arithmetic ([`nombre`]), French display ([`format`](mod@format)), input
//! decoding with French errors ([`valeur`]), CSV cells ([`tableur`]). What JavaScript receives
//! (`docs/api.md`) is the contract ([`contrat`]): boundary types, errors with their field, native
//! entry points and TypeScript declarations. One binding module, [`wasm`], is the only one that
//! knows `wasm_bindgen`, and only converts. The house plan is in `ARCHITECTURE.md`.
//!
//! ## Glossary
//!
//! | term | meaning |
//! |---|---|
//! | *foyer* (allocataire) | the allocataire, the conjoint and the persons à charge: not the INSEE *ménage* |
//! | *allocataire* | the person who receives at least one CAF benefit |
//! | *UC* | *unité de consommation*: the weight of each person in the foyer's needs |
//! | *RUC* | *revenu par unité de consommation*: monthly resources / UC, € per UC per month |
//! | *seuil* | a threshold in € per UC per month (CAF *bas revenus*, INSEE poverty line, partner) |
//! | *bas revenus* | RUC strictly under the CAF threshold |
//! | *fragile* | above the threshold only thanks to the CAF benefits |
//! | *hors champ* | outside the reference population of the low-income indicators |
//! | *taux d'effort* | share of resources left to pay housing after the housing aid |
//! | *QF* | *quotient familial*: resources per part, the CAF's scale for its own aids |
//! | *prestations* | CAF benefits; *aide au logement* (AL) is one of them |
//! | *étude préliminaire* | the CAF's statistical study of a territory before a CTG (*convention territoriale globale*) |
//! | *taux de couverture* | persons covered by the CAF / inhabitants (INSEE) |
//! | *allocataires de référence* | allocataires whose resources the CAF knows: denominator of the low-income shares |
//! | *EPCI* | a grouping of communes (communauté de communes, d'agglomération…), by its SIREN |
//! | *IRIS* | INSEE's infra-communal unit, about 2 000 inhabitants |
//! | *référence* | the territory compared with, the département by default |

#![deny(missing_docs)]
#![deny(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod catalogue;
pub mod contrat;
pub mod diagnostic;
pub mod format;
pub mod foyer;
pub mod import;
pub mod lot;
pub mod markdown;
pub mod nombre;
pub mod parametres;
pub mod radar;
pub mod tableur;
pub mod territoire;
pub mod valeur;
pub mod wasm;
