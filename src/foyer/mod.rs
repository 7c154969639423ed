//! Household (foyer) calculations: consumption units, RUC, statuses against the low-income
//! thresholds, dependency on benefits, housing cost, family quotient, partner ceilings.
//!
//! Definitions follow `docs/indicateurs.md` §1:
//!
//! - **UC**, barème CAF: 1 for the allocataire, 0,5 for the conjoint and every other person aged
//!   14 or more, 0,3 under 14, and 0,2 more for a single-parent foyer (no conjoint, at least one
//!   enfant). The INSEE scale is the same without the 0,2.
//! - **RUC** = (annual income / 12 + monthly benefits) / UC, in € per UC per month. A negative
//!   income (deficit) counts as 0, with a warning.
//! - **bas revenus**: RUC < seuil (strict). **fragile**: RUC hors prestations < seuil ≤ RUC.
//! - **dépendance**: benefits / resources ≥ 50 %, and = 100 %.
//! - **hors champ**: allocataire or conjoint aged 65 or more, or a student allocataire whose only
//!   benefit is a housing aid: not classified.
//!
//! Money is read to the centime and every figure is an exact [`Ratio`](crate::nombre::Ratio).
//!
//! Three layers, one per file, each using only the one before:
//! - input: the input ([`Saisie`]), validated once into a [`Situation`]; every
//!   rule gives an [`ErreurFoyer`] that names its field;
//! - [`Chiffres`]: every figure of the foyer in integers (counts, UC, resources, RUC, statuses,
//!   taux d'effort, parts and QF, partner ceilings) — the single source used by the calculator,
//!   the batch ([`crate::lot`]) and the command-line program;
//! - explanations: small functions that each turn those figures into one explained [`Figure`]
//!   of the [`Resultat`]. They compare and display; they never decide a status again.
//!
//! ```
//! use indicateurs_caf::foyer::{Personne, Role, Saisie, Situation};
//! let situation = Situation::new(Saisie {
//!     annee: 2017,
//!     personnes: vec![
//!         Personne::new(Role::Allocataire, 35),
//!         Personne::new(Role::Conjoint, 33),
//!         Personne::new(Role::Enfant, 5),
//!         Personne::new(Role::Enfant, 9),
//!     ],
//!     revenus_annuels_centimes: 1_440_000,
//!     prestations_centimes: 35_000,
//!     ..Saisie::default()
//! })?;
//! let r = situation.calculer()?;
//! assert_eq!(r.uc_dixiemes, 21);
//! assert_eq!(indicateurs_caf::format::euros(r.ruc, 2), "738,10\u{a0}€");
//! assert_eq!(r.bas_revenus, Some(true));
//! # Ok::<(), indicateurs_caf::foyer::ErreurFoyer>(())
//! ```

mod chiffres;
mod explication;
mod saisie;
mod verdicts;

pub use chiffres::{Chiffres, Effort, HorsChamp, Parametres};
pub use explication::{Eligibilite, Figure, PositionInsee, Resultat, TauxEffort};
pub use saisie::{ErreurFoyer, IndicateurPlafond, Personne, Plafond, Role, Saisie, Situation};
pub use verdicts::{Etat, Verdict};

/// Earliest reference year accepted.
pub const ANNEE_MIN: i32 = 2000;
/// Latest reference year accepted.
pub const ANNEE_MAX: i32 = 2100;
/// Highest age accepted, in whole years.
pub const AGE_MAX: u8 = 120;
/// Largest foyer accepted.
pub const PERSONNES_MAX: usize = 30;
/// Largest amount accepted in any money field, in euros (and the lowest, negated, for income).
pub const MONTANT_MAX: i64 = 1_000_000_000;
/// Most partner ceilings in one situation.
pub const PLAFONDS_MAX: usize = 20;
/// Youngest allocataire or conjoint accepted [I: the benefits are paid in the person's own name;
/// a younger parent is the enfant of another foyer] (docs/indicateurs.md §1.1).
pub const AGE_MIN_ALLOCATAIRE: u8 = 16;
/// Oldest enfant à charge: under 20 for the prestations familiales, under 21 for the housing
/// aids (metropolitan France); older, the person is an « autre personne à charge ».
pub const AGE_MAX_ENFANT: u8 = 20;
/// Age from which a person counts 0,5 UC instead of 0,3.
pub const AGE_ADULTE_UC: u8 = 14;
/// Age from which the allocataire or conjoint puts the foyer outside the reference population.
pub const AGE_HORS_CHAMP: u8 = 65;
/// Taux d'effort from which housing cost is flagged, in percent.
pub const TAUX_EFFORT_ALERTE: i128 = 30;
