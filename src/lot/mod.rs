//! Batch processing: a CSV of foyers in, a CSV of results out, streamed chunk by chunk with
//! bounded memory; the low-income thresholds of a population (exact median); the diagnostic
//! ratios of every territory of an open-data import.
//!
//! ## Household file
//!
//! One foyer per line, `;` (or `,` or tab, as the header uses), UTF-8, header first:
//!
//! ```text
//! id;annee;personnes;revenus_annuels;prestations_mensuelles;aide_logement;loyer
//! F1;2017;A35|C33|E5|E9;14400;350;;
//! F2;2019;A30|E4;12000,50;400;120;550
//! ```
//!
//! `personnes` lists the members separated by `|` (or spaces): a role letter — `A` allocataire,
//! `C` conjoint, `E` enfant, `P` autre personne à charge — then the age, then optionally `h`
//! (handicap) and `e` (étudiant): `A20e`, `E6h`. Amounts in euros with `,` or `.` as decimal
//! separator. `id`, `aide_logement` and `loyer` may be absent or empty. Every rule of the
//! one-by-one calculator applies; a line that breaks one gives an error row (line number, field,
//! French message) and the rest of the file goes on.
//!
//! ## Results file
//!
//! [`ENTETE_RESULTATS`]: numbers with a decimal comma and no grouping (French spreadsheets read
//! them as numbers), `oui` / `non`, empty for "not applicable". The figures come from the same
//! numeric core as `calculerFoyer` ([`crate::foyer::Chiffres`]), so both always agree.

mod bilan;
mod comptes;
mod foyers;
mod generateur;
mod masques;
mod moyennes;
mod nombres;
#[cfg(not(target_arch = "wasm32"))]
mod parallele;
mod population;
mod progression;
mod repartition;
mod territoires;

pub use bilan::{Bilan, ErreurListee, ERREURS_LISTEES};
pub use comptes::{
    comptes_csv, comptes_csv_suivi, est_fichier_comptes, etudes_comptes, lire_comptes, lire_comptes_suivi,
    modele_comptes, Comptes, ErreurComptes, LigneComptes, LIGNES_COMPTES_MAX,
};
pub use foyers::{
    capacite_sortie, en_texte, traiter_tout, ErreurLot, LotFoyers, COLONNES, COLONNES_REQUISES, ENTETE_RESULTATS,
    LIGNE_MAX,
};
pub use generateur::{generer, generer_lignes};
pub use moyennes::{moyennes, Membre, MoyenneRadar};
#[cfg(not(target_arch = "wasm32"))]
pub use parallele::{traiter_en_parallele, ErreurParallele, MORCEAU};
pub use population::{
    annees, seuils_csv, seuils_par_annee, seuils_population, Point, Ponderation, SeuilPopulation, SeuilsPopulation,
};
pub use progression::{duree, progression, progression_sur, Progression};
pub use repartition::{Piece, PIECE_MIN, PIECE_PETITE};
pub use territoires::{indicateurs_importables, territoire_de, territoires_csv};
