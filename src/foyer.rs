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
//! Money is read to the centime and every figure is an exact [`Ratio`].
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

use core::fmt;
use std::borrow::Cow;

use crate::format::capitale;
use crate::format::{decimal, euros, pourcent};
use crate::nombre::Ratio;
use crate::parametres::{forfait_charges, seuil_pour, Seuil, Statut, TypeSeuil, SOURCE_FORFAITS};
use crate::valeur::{ErreurSaisie, Lecteur, Regle, Valeur};

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
/// Age from which a person counts 0,5 UC instead of 0,3.
pub const AGE_ADULTE_UC: u8 = 14;
/// Age from which the allocataire or conjoint puts the foyer outside the reference population.
pub const AGE_HORS_CHAMP: u8 = 65;
/// Taux d'effort from which housing cost is flagged, in percent.
pub const TAUX_EFFORT_ALERTE: i128 = 30;

/// Role of a person in the foyer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The person who receives the benefits. Exactly one per foyer.
    Allocataire,
    /// Spouse or partner. At most one.
    Conjoint,
    /// A child à charge (any age).
    Enfant,
    /// Any other person à charge.
    Autre,
}

impl Role {
    /// Code of the public contract.
    pub fn code(self) -> &'static str {
        match self {
            Role::Allocataire => "allocataire",
            Role::Conjoint => "conjoint",
            Role::Enfant => "enfant",
            Role::Autre => "autre",
        }
    }

    fn depuis_code(code: &str) -> Option<Role> {
        [Role::Allocataire, Role::Conjoint, Role::Enfant, Role::Autre].into_iter().find(|r| r.code() == code)
    }
}

/// One person of the foyer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Personne {
    /// Role.
    pub role: Role,
    /// Age in whole years (age reached during the reference year).
    pub age: u8,
    /// Disabled (adds half a part to the family quotient for an enfant).
    pub handicap: bool,
    /// Student (for the *hors champ* rule of the allocataire).
    pub etudiant: bool,
}

impl Personne {
    /// A person with no disability and not a student.
    pub fn new(role: Role, age: u8) -> Personne {
        Personne { role, age, handicap: false, etudiant: false }
    }
}

/// What a partner ceiling applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IndicateurPlafond {
    /// The RUC (€ per UC per month).
    Ruc,
    /// The family quotient (€).
    QuotientFamilial,
}

/// A partner's eligibility ceiling: eligible when the figure is at most (or below) the value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plafond {
    /// Name of the aid, shown in the result.
    pub libelle: String,
    /// Figure compared.
    pub indicateur: IndicateurPlafond,
    /// Ceiling, in centimes.
    pub centimes: i64,
    /// `true`: eligible only strictly below; `false`: at most the ceiling.
    pub strict: bool,
}

/// The values of a situation, before validation. Amounts are in centimes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Saisie {
    /// Reference year.
    pub annee: i32,
    /// Members of the foyer.
    pub personnes: Vec<Personne>,
    /// Declared annual income before tax (negative: deficit).
    pub revenus_annuels_centimes: i64,
    /// CAF benefits of the month.
    pub prestations_centimes: i64,
    /// Housing aid included in the benefits.
    pub aide_logement_centimes: Option<i64>,
    /// Monthly rent.
    pub loyer_centimes: Option<i64>,
    /// A partner's own threshold (€ per UC per month) and its label.
    pub seuil_partenaire: Option<(i64, Option<String>)>,
    /// Family quotient from the CAF attestation.
    pub quotient_familial_caf_centimes: Option<i64>,
    /// Partner ceilings.
    pub plafonds: Vec<Plafond>,
    /// Warnings gathered while reading (unknown fields…).
    pub avertissements: Vec<String>,
}

/// Why a situation cannot be computed. Every variant names its field ([`ErreurFoyer::champ`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErreurFoyer {
    /// A field is missing, of the wrong type or out of its range.
    Saisie(ErreurSaisie),
    /// No person has the role allocataire.
    AucunAllocataire,
    /// A second allocataire, at this index of `personnes`.
    PlusieursAllocataires(usize),
    /// A second conjoint, at this index of `personnes`.
    PlusieursConjoints(usize),
    /// The housing aid is larger than the benefits that include it.
    AideLogementSuperieureAuxPrestations,
    /// A figure does not fit the exact arithmetic (unreachable within the input bounds).
    Calcul,
}

impl ErreurFoyer {
    /// Path of the field at fault, as in JavaScript (`personnes[2].age`).
    pub fn champ(&self) -> Cow<'_, str> {
        match self {
            ErreurFoyer::Saisie(e) => Cow::Borrowed(&e.champ),
            ErreurFoyer::AucunAllocataire => Cow::Borrowed("personnes"),
            ErreurFoyer::PlusieursAllocataires(i) | ErreurFoyer::PlusieursConjoints(i) => {
                Cow::Owned(format!("personnes[{i}].role"))
            }
            ErreurFoyer::AideLogementSuperieureAuxPrestations => Cow::Borrowed("aideLogementMensuelle"),
            ErreurFoyer::Calcul => Cow::Borrowed("situation"),
        }
    }
}

impl fmt::Display for ErreurFoyer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErreurFoyer::Saisie(e) => e.fmt(f),
            ErreurFoyer::AucunAllocataire => {
                f.write_str("Personnes du foyer : il faut exactement un allocataire (aucune personne n'a ce rôle).")
            }
            ErreurFoyer::PlusieursAllocataires(i) => {
                write!(f, "Rôle de la personne {} : le foyer a déjà un allocataire ; il en faut exactement un.", i + 1)
            }
            ErreurFoyer::PlusieursConjoints(i) => {
                write!(f, "Rôle de la personne {} : le foyer a déjà un conjoint ; il en faut un au plus.", i + 1)
            }
            ErreurFoyer::AideLogementSuperieureAuxPrestations => f.write_str(
                "Aide au logement : elle fait partie des prestations mensuelles et ne peut pas les dépasser.",
            ),
            ErreurFoyer::Calcul => f.write_str("Situation : montants trop grands pour un calcul exact."),
        }
    }
}

impl std::error::Error for ErreurFoyer {}

impl From<ErreurSaisie> for ErreurFoyer {
    fn from(e: ErreurSaisie) -> Self {
        ErreurFoyer::Saisie(e)
    }
}

fn saisie(champ: impl Into<String>, libelle: impl Into<String>, regle: Regle) -> ErreurFoyer {
    ErreurFoyer::Saisie(ErreurSaisie { champ: champ.into(), libelle: libelle.into(), regle })
}

fn limites(min: i64, max: i64) -> Regle {
    Regle::HorsLimites { min: euros(Ratio::entier(i128::from(min)), 0), max: euros(Ratio::entier(i128::from(max)), 0) }
}

fn montant_positif(c: Option<i64>, champ: &str, libelle: &str) -> Result<(), ErreurFoyer> {
    match c {
        Some(c) if c < 0 => Err(saisie(champ, libelle, Regle::Negatif)),
        Some(c) if c > MONTANT_MAX * 100 => Err(saisie(champ, libelle, limites(0, MONTANT_MAX))),
        _ => Ok(()),
    }
}

/// A validated household situation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Situation {
    s: Saisie,
}

/// Labels of the fields, for messages.
const L_ANNEE: &str = "Année de référence";
const L_PERSONNES: &str = "Personnes du foyer";
const L_REVENUS: &str = "Revenus annuels";
const L_PRESTATIONS: &str = "Prestations mensuelles";
const L_AL: &str = "Aide au logement";
const L_LOYER: &str = "Loyer mensuel";
const L_SEUIL: &str = "Seuil du partenaire";
const L_QF: &str = "Quotient familial de l'attestation";

impl Situation {
    /// Validates a situation.
    ///
    /// # Errors
    /// - `annee` outside [`ANNEE_MIN`]–[`ANNEE_MAX`] (`annee`);
    /// - no person, or more than [`PERSONNES_MAX`] (`personnes`);
    /// - an age above [`AGE_MAX`] (`personnes[i].age`);
    /// - no allocataire ([`ErreurFoyer::AucunAllocataire`]), two allocataires or two conjoints
    ///   (`personnes[i].role`);
    /// - income outside ±[`MONTANT_MAX`] € (`revenusAnnuels`);
    /// - a negative or too large benefit, housing aid, rent, threshold or quotient;
    /// - a housing aid above the benefits ([`ErreurFoyer::AideLogementSuperieureAuxPrestations`]);
    /// - a partner threshold of zero (`seuil.valeur`);
    /// - more than [`PLAFONDS_MAX`] ceilings, or a negative ceiling (`plafonds[i].valeur`).
    pub fn new(s: Saisie) -> Result<Situation, ErreurFoyer> {
        if !(ANNEE_MIN..=ANNEE_MAX).contains(&s.annee) {
            return Err(saisie(
                "annee",
                L_ANNEE,
                Regle::HorsLimites { min: ANNEE_MIN.to_string(), max: ANNEE_MAX.to_string() },
            ));
        }
        if s.personnes.is_empty() {
            return Err(saisie("personnes", L_PERSONNES, Regle::Manquant));
        }
        if s.personnes.len() > PERSONNES_MAX {
            return Err(saisie("personnes", L_PERSONNES, Regle::TropDElements { max: PERSONNES_MAX }));
        }
        let (mut allocataire, mut conjoint) = (false, false);
        for (i, p) in s.personnes.iter().enumerate() {
            if p.age > AGE_MAX {
                return Err(saisie(
                    format!("personnes[{i}].age"),
                    format!("Âge de la personne {}", i + 1),
                    Regle::HorsLimites { min: "0".into(), max: AGE_MAX.to_string() },
                ));
            }
            match p.role {
                Role::Allocataire if allocataire => return Err(ErreurFoyer::PlusieursAllocataires(i)),
                Role::Allocataire => allocataire = true,
                Role::Conjoint if conjoint => return Err(ErreurFoyer::PlusieursConjoints(i)),
                Role::Conjoint => conjoint = true,
                _ => {}
            }
        }
        if !allocataire {
            return Err(ErreurFoyer::AucunAllocataire);
        }
        if s.revenus_annuels_centimes.unsigned_abs() > (MONTANT_MAX as u64) * 100 {
            return Err(saisie("revenusAnnuels", L_REVENUS, limites(-MONTANT_MAX, MONTANT_MAX)));
        }
        montant_positif(Some(s.prestations_centimes), "prestationsMensuelles", L_PRESTATIONS)?;
        montant_positif(s.aide_logement_centimes, "aideLogementMensuelle", L_AL)?;
        montant_positif(s.loyer_centimes, "loyerMensuel", L_LOYER)?;
        montant_positif(s.quotient_familial_caf_centimes, "quotientFamilialCaf", L_QF)?;
        if s.aide_logement_centimes.is_some_and(|al| al > s.prestations_centimes) {
            return Err(ErreurFoyer::AideLogementSuperieureAuxPrestations);
        }
        if let Some((valeur, _)) = &s.seuil_partenaire {
            montant_positif(Some(*valeur), "seuil.valeur", L_SEUIL)?;
            if *valeur == 0 {
                return Err(saisie("seuil.valeur", L_SEUIL, limites(0, MONTANT_MAX).plus_que_zero()));
            }
        }
        if s.plafonds.len() > PLAFONDS_MAX {
            return Err(saisie("plafonds", "Plafonds du partenaire", Regle::TropDElements { max: PLAFONDS_MAX }));
        }
        for (i, p) in s.plafonds.iter().enumerate() {
            montant_positif(Some(p.centimes), &format!("plafonds[{i}].valeur"), &format!("Plafond {}", i + 1))?;
        }
        Ok(Situation { s })
    }

    /// The validated values.
    pub fn saisie(&self) -> &Saisie {
        &self.s
    }
}

impl Regle {
    fn plus_que_zero(self) -> Regle {
        match self {
            Regle::HorsLimites { max, .. } => Regle::HorsLimites { min: "0,01\u{a0}€".into(), max },
            autre => autre,
        }
    }
}

const CLES_SITUATION: &[&str] = &[
    "annee",
    "personnes",
    "revenusAnnuels",
    "prestationsMensuelles",
    "aideLogementMensuelle",
    "loyerMensuel",
    "seuil",
    "quotientFamilialCaf",
    "plafonds",
];

/// Bounds used while reading amounts: wide, so that the rule of [`Situation::new`] gives the
/// message, but within the exact arithmetic.
const LECTURE_MAX: i64 = MONTANT_MAX * 1_000;

impl TryFrom<&Valeur> for Situation {
    type Error = ErreurFoyer;

    /// Reads a situation object of the public contract (`docs/api.md`).
    ///
    /// # Errors
    /// Every rule of [`Situation::new`], and a field of the wrong type, a number that does not
    /// read, NaN or an infinity, an unknown role, or an input that is not an object.
    fn try_from(v: &Valeur) -> Result<Situation, ErreurFoyer> {
        let l = Lecteur::objet(v, "", "Situation")?;
        let annee = l.entier("annee", L_ANNEE, i64::from(i32::MIN), i64::from(i32::MAX))?;
        let liste = l.liste("personnes", L_PERSONNES, PERSONNES_MAX)?;
        let mut personnes = Vec::with_capacity(liste.len());
        for (i, p) in liste.iter().enumerate() {
            let chemin = format!("personnes[{i}]");
            let n = i + 1;
            let lp = Lecteur::objet(p, &chemin, &format!("Personne {n}"))?;
            let code = lp.texte("role", &format!("Rôle de la personne {n}"))?;
            let role = Role::depuis_code(&code).ok_or_else(|| {
                ErreurFoyer::Saisie(lp.erreur_sur(
                    "role",
                    &format!("Rôle de la personne {n}"),
                    Regle::ValeurInconnue {
                        recu: code.chars().take(40).collect(),
                        permises: "allocataire, conjoint, enfant, autre",
                    },
                ))
            })?;
            let age = lp.entier("age", &format!("Âge de la personne {n}"), 0, i64::from(AGE_MAX))?;
            personnes.push(Personne {
                role,
                age: u8::try_from(age).unwrap_or(AGE_MAX),
                handicap: lp.booleen("handicap", &format!("Handicap de la personne {n}"))?,
                etudiant: lp.booleen("etudiant", &format!("Statut étudiant de la personne {n}"))?,
            });
        }
        let seuil_partenaire = match l.brut("seuil") {
            None => None,
            Some(sv) => {
                let ls = Lecteur::objet(sv, "seuil", L_SEUIL)?;
                Some((
                    ls.centimes("valeur", L_SEUIL, -LECTURE_MAX, LECTURE_MAX)?,
                    ls.texte_option("libelle", "Libellé du seuil du partenaire")?,
                ))
            }
        };
        let mut plafonds = Vec::new();
        if l.brut("plafonds").is_some() {
            for (i, p) in l.liste("plafonds", "Plafonds du partenaire", PLAFONDS_MAX)?.iter().enumerate() {
                let chemin = format!("plafonds[{i}]");
                let lp = Lecteur::objet(p, &chemin, &format!("Plafond {}", i + 1))?;
                let code = lp.texte("indicateur", &format!("Indicateur du plafond {}", i + 1))?;
                let indicateur = match code.as_str() {
                    "ruc" => IndicateurPlafond::Ruc,
                    "quotientFamilial" => IndicateurPlafond::QuotientFamilial,
                    _ => {
                        return Err(ErreurFoyer::Saisie(lp.erreur_sur(
                            "indicateur",
                            &format!("Indicateur du plafond {}", i + 1),
                            Regle::ValeurInconnue {
                                recu: code.chars().take(40).collect(),
                                permises: "ruc, quotientFamilial",
                            },
                        )))
                    }
                };
                plafonds.push(Plafond {
                    libelle: lp
                        .texte_option("libelle", &format!("Libellé du plafond {}", i + 1))?
                        .unwrap_or_else(|| format!("Plafond {}", i + 1)),
                    indicateur,
                    centimes: lp.centimes("valeur", &format!("Plafond {}", i + 1), -LECTURE_MAX, LECTURE_MAX)?,
                    strict: lp.booleen("strict", &format!("Comparaison stricte du plafond {}", i + 1))?,
                });
            }
        }
        let avertissements =
            l.cles_inconnues(CLES_SITUATION).into_iter().map(|c| format!("Champ inconnu ignoré : « {c} ».")).collect();
        Situation::new(Saisie {
            annee: i32::try_from(annee).unwrap_or(i32::MAX),
            personnes,
            revenus_annuels_centimes: l.centimes("revenusAnnuels", L_REVENUS, -LECTURE_MAX, LECTURE_MAX)?,
            prestations_centimes: l.centimes("prestationsMensuelles", L_PRESTATIONS, -LECTURE_MAX, LECTURE_MAX)?,
            aide_logement_centimes: l.centimes_option("aideLogementMensuelle", L_AL, -LECTURE_MAX, LECTURE_MAX)?,
            loyer_centimes: l.centimes_option("loyerMensuel", L_LOYER, -LECTURE_MAX, LECTURE_MAX)?,
            seuil_partenaire,
            quotient_familial_caf_centimes: l.centimes_option(
                "quotientFamilialCaf",
                L_QF,
                -LECTURE_MAX,
                LECTURE_MAX,
            )?,
            plafonds,
            avertissements,
        })
    }
}

/// Why a foyer is outside the reference population.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HorsChamp {
    /// The allocataire is 65 or more.
    Allocataire65,
    /// The conjoint is 65 or more.
    Conjoint65,
    /// A student allocataire whose only benefit is a housing aid.
    EtudiantAideLogement,
}

impl HorsChamp {
    /// The reason, in French.
    pub fn raison(self) -> &'static str {
        match self {
            HorsChamp::Allocataire65 => "l'allocataire a 65 ans ou plus",
            HorsChamp::Conjoint65 => "le conjoint a 65 ans ou plus",
            HorsChamp::EtudiantAideLogement => "l'allocataire est étudiant et ne perçoit qu'une aide au logement",
        }
    }
}

/// The numeric core of a foyer, in integers: what the one-by-one calculation and the batch
/// share, so that both give the same figures by construction.
///
/// Units: `douziemes` = annual income (clamped at 0) in centimes + 12 × monthly benefits in
/// centimes, i.e. the monthly resources in twelfths of a centime; UC in tenths. Then
/// RUC = 5 · douziemes / (6 · UC) centimes, and every status is an exact integer comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chiffres {
    /// UC, CAF scale, in tenths.
    pub uc: u32,
    /// UC, INSEE scale, in tenths.
    pub uc_insee: u32,
    /// No conjoint and at least one enfant.
    pub monoparental: bool,
    /// Annual income counted (negative clamped to 0), centimes.
    pub revenus_annuels: i64,
    /// Monthly benefits, centimes.
    pub prestations: i64,
    /// Monthly resources in twelfths of a centime (`revenus_annuels + 12 × prestations`).
    pub douziemes: i64,
    /// Threshold compared with, centimes per UC per month.
    pub seuil: i64,
    /// RUC < seuil.
    pub sous_le_seuil: bool,
    /// RUC hors prestations < seuil.
    pub hors_prestations_sous_le_seuil: bool,
    /// Outside the reference population.
    pub hors_champ: Option<HorsChamp>,
    /// Benefits ≥ half of resources (resources > 0).
    pub dependance50: bool,
    /// Benefits = all resources (resources > 0).
    pub dependance100: bool,
}

impl Chiffres {
    /// `None` when hors champ, else RUC < seuil.
    pub fn bas_revenus(&self) -> Option<bool> {
        self.hors_champ.is_none().then_some(self.sous_le_seuil)
    }

    /// `None` when hors champ, else RUC hors prestations < seuil ≤ RUC.
    pub fn fragile(&self) -> Option<bool> {
        self.hors_champ.is_none().then_some(self.hors_prestations_sous_le_seuil && !self.sous_le_seuil)
    }

    /// RUC in centimes, rounded half up (it is never negative).
    pub fn ruc_centimes(&self) -> i64 {
        let u = i64::from(self.uc.max(1));
        (10 * self.douziemes + 6 * u) / (12 * u)
    }

    /// RUC hors prestations in centimes, rounded half up.
    pub fn ruc_hors_prestations_centimes(&self) -> i64 {
        let u = i64::from(self.uc.max(1));
        (10 * self.revenus_annuels + 6 * u) / (12 * u)
    }

    /// Number of persons of the foyer is not kept here: see [`Saisie::personnes`].
    /// The exact RUC, € per UC per month.
    pub fn ruc(&self) -> Option<Ratio> {
        Ratio::new(5 * i128::from(self.douziemes), 600 * i128::from(self.uc))
    }
}

/// The numeric core of a validated situation against a threshold in centimes.
pub fn chiffres(s: &Saisie, seuil: i64) -> Chiffres {
    let mut conjoint = false;
    let mut enfants = 0u32;
    let (mut grands, mut petits) = (0u32, 0u32);
    let mut hors_champ = None;
    for p in &s.personnes {
        match p.role {
            Role::Allocataire => {
                if p.age >= AGE_HORS_CHAMP {
                    hors_champ = Some(HorsChamp::Allocataire65);
                } else if p.etudiant
                    && hors_champ.is_none()
                    && s.prestations_centimes > 0
                    && s.aide_logement_centimes == Some(s.prestations_centimes)
                {
                    hors_champ = Some(HorsChamp::EtudiantAideLogement);
                }
            }
            Role::Conjoint => {
                conjoint = true;
                if p.age >= AGE_HORS_CHAMP && hors_champ != Some(HorsChamp::Allocataire65) {
                    hors_champ = Some(HorsChamp::Conjoint65);
                }
            }
            Role::Enfant | Role::Autre => {
                if p.role == Role::Enfant {
                    enfants += 1;
                }
                if p.age >= AGE_ADULTE_UC {
                    grands += 1;
                } else {
                    petits += 1;
                }
            }
        }
    }
    let monoparental = !conjoint && enfants > 0;
    let uc_insee = 10 + if conjoint { 5 } else { 0 } + 5 * grands + 3 * petits;
    let uc = uc_insee + if monoparental { 2 } else { 0 };
    let revenus_annuels = s.revenus_annuels_centimes.max(0);
    let prestations = s.prestations_centimes;
    let douziemes = revenus_annuels + 12 * prestations;
    let u = i64::from(uc);
    Chiffres {
        uc,
        uc_insee,
        monoparental,
        revenus_annuels,
        prestations,
        douziemes,
        seuil,
        sous_le_seuil: 5 * douziemes < 6 * u * seuil,
        hors_prestations_sous_le_seuil: 5 * revenus_annuels < 6 * u * seuil,
        hors_champ,
        dependance50: douziemes > 0 && 24 * prestations >= douziemes,
        dependance100: douziemes > 0 && revenus_annuels == 0,
    }
}

// ---------------------------------------------------------------------------------------------
// Results

/// Position of the foyer against one INSEE line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PositionInsee {
    /// The line used (and the warning when its year differs).
    pub seuil: Seuil,
    /// Resources per INSEE UC, € per month.
    pub ruc_insee: Ratio,
    /// `ruc_insee < seuil`.
    pub sous_le_seuil: bool,
    /// Resources − seuil × UC INSEE, € per month.
    pub ecart_mensuel: Ratio,
}

/// Housing cost of the foyer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TauxEffort {
    /// Taux d'effort net, in percent (never negative).
    pub pourcent: Ratio,
    /// Forfait charges used, € per month.
    pub forfait_charges: Ratio,
    /// `pourcent ≥ 30`.
    pub eleve: bool,
}

/// Eligibility to one partner ceiling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Eligibilite {
    /// Name of the aid.
    pub libelle: String,
    /// Whether the foyer is under the ceiling.
    pub eligible: bool,
    /// Margin under the ceiling in € per month (negative: excess).
    pub ecart_mensuel: Ratio,
    /// French explanation.
    pub explication: String,
}

/// One displayed figure with its French explanation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    /// Stable id (`uc`, `ruc`, `basRevenus`…).
    pub id: &'static str,
    /// French label.
    pub libelle: String,
    /// French display of the value ("2,1", "738,10 €", "oui").
    pub affiche: String,
    /// The formula with the user's numbers, and the source of the threshold where one is used.
    pub explication: String,
}

/// Everything computed for a situation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resultat {
    /// Reference year asked.
    pub annee: i32,
    /// UC, CAF scale, in tenths.
    pub uc_dixiemes: u32,
    /// UC, INSEE scale, in tenths.
    pub uc_insee_dixiemes: u32,
    /// No conjoint and at least one enfant.
    pub monoparental: bool,
    /// Monthly resources (income / 12 + benefits), €.
    pub ressources_mensuelles: Ratio,
    /// € per UC per month.
    pub ruc: Ratio,
    /// € per UC per month, without the benefits.
    pub ruc_hors_prestations: Ratio,
    /// Threshold used (the partner's, or the CAF one).
    pub seuil: Seuil,
    /// Resources − seuil × UC, € per month (negative: under the threshold).
    pub ecart_seuil_mensuel: Ratio,
    /// Position against the INSEE 60 % and 50 % lines.
    pub seuils_insee: Vec<PositionInsee>,
    /// `None` when hors champ.
    pub bas_revenus: Option<bool>,
    /// `None` when hors champ.
    pub fragile: Option<bool>,
    /// Benefits / resources in percent; `None` when resources are zero.
    pub part_prestations: Option<Ratio>,
    /// Benefits are 50 % of resources or more.
    pub dependance50: bool,
    /// Benefits are all the resources.
    pub dependance100: bool,
    /// Reason the foyer is outside the reference population.
    pub hors_champ: Option<String>,
    /// Housing cost, when a rent is given and resources without housing aid are positive.
    pub taux_effort: Option<TauxEffort>,
    /// Family quotient used (the attestation's when given), €.
    pub quotient_familial: Ratio,
    /// Simulated family quotient, €.
    pub quotient_familial_simule: Ratio,
    /// Number of parts of the simulation, in halves.
    pub parts_demi: u32,
    /// Partner ceilings.
    pub eligibilites: Vec<Eligibilite>,
    /// One French sentence that sums the situation up.
    pub synthese: String,
    /// The situation as entered, in French (label, value), for the family's sheet.
    pub recapitulatif: Vec<(String, String)>,
    /// Figures in display order, each with its explanation.
    pub figures: Vec<Figure>,
    /// French warnings.
    pub avertissements: Vec<String>,
}

fn uc_texte(dixiemes: u32) -> String {
    decimal(Ratio::new(i128::from(dixiemes), 10).unwrap_or(Ratio::ZERO), 1)
}

fn oui_non(b: bool) -> String {
    (if b { "oui" } else { "non" }).to_string()
}

fn source_seuil(s: &Seuil) -> String {
    format!("{} ({})", s.source, s.statut.libelle())
}

impl Situation {
    /// Computes every figure of the foyer.
    ///
    /// # Errors
    /// [`ErreurFoyer::Calcul`] only if a figure overflows the exact arithmetic, which the input
    /// bounds of [`Situation::new`] rule out.
    pub fn calculer(&self) -> Result<Resultat, ErreurFoyer> {
        calculer(&self.s).ok_or(ErreurFoyer::Calcul)
    }
}

fn calculer(s: &Saisie) -> Option<Resultat> {
    let mut avertissements = s.avertissements.clone();
    let mut figures = Vec::new();
    let mut figure = |id: &'static str, libelle: &str, affiche: String, explication: String| {
        figures.push(Figure { id, libelle: libelle.to_string(), affiche, explication });
    };

    // The numeric core decides every figure and status; this function explains them.
    let seuil_centimes = match &s.seuil_partenaire {
        Some((c, _)) => *c,
        None => seuil_pour(TypeSeuil::CafBasRevenus, s.annee)?.seuil.centimes,
    };
    let c = chiffres(s, seuil_centimes);
    let (uc_caf, uc_insee, monoparental) = (c.uc, c.uc_insee, c.monoparental);
    let conjoint = s.personnes.iter().any(|p| p.role == Role::Conjoint);
    let enfants = s.personnes.iter().filter(|p| p.role == Role::Enfant).count();
    let autres = s.personnes.iter().filter(|p| !matches!(p.role, Role::Allocataire | Role::Conjoint));
    let grands = autres.clone().filter(|p| p.age >= AGE_ADULTE_UC).count() as u32;
    let petits = autres.count() as u32 - grands;
    let mut termes = vec!["1 (allocataire)".to_string()];
    if conjoint {
        termes.push("0,5 (conjoint)".into());
    }
    let pluriel = |n: u32, un: &str, plusieurs: &str| {
        if n > 1 {
            plusieurs.to_string()
        } else {
            un.to_string()
        }
    };
    if grands > 0 {
        let qui = pluriel(grands, "personne de 14 ans ou plus", "personnes de 14 ans ou plus");
        termes.push(if grands > 1 { format!("{grands} × 0,5 ({qui})") } else { format!("0,5 ({qui})") });
    }
    if petits > 0 {
        let qui = pluriel(petits, "enfant de moins de 14 ans", "enfants de moins de 14 ans");
        termes.push(if petits > 1 { format!("{petits} × 0,3 ({qui})") } else { format!("0,3 ({qui})") });
    }
    let somme_insee = termes.join(" + ");
    let somme_caf =
        if monoparental { format!("{somme_insee} + 0,2 (famille monoparentale)") } else { somme_insee.clone() };
    figure(
        "uc",
        "Unités de consommation (barème CAF)",
        uc_texte(uc_caf),
        format!("UC = {somme_caf} = {} UC.", uc_texte(uc_caf)),
    );
    figure(
        "ucInsee",
        "Unités de consommation (échelle INSEE)",
        uc_texte(uc_insee),
        if monoparental {
            format!("UC INSEE = {somme_insee} = {} UC : l'échelle INSEE n'ajoute pas les 0,2 UC des familles monoparentales.", uc_texte(uc_insee))
        } else {
            format!(
                "UC INSEE = UC CAF = {} UC (le supplément de 0,2 UC ne concerne que les familles monoparentales).",
                uc_texte(uc_insee)
            )
        },
    );

    // Resources and RUC.
    if s.revenus_annuels_centimes < 0 {
        avertissements.push(format!(
            "Revenus annuels négatifs ({}) : déficit compté pour 0 € dans tous les calculs.",
            euros(Ratio::centimes(s.revenus_annuels_centimes), 2)
        ));
    }
    let revenus_annuels = Ratio::centimes(s.revenus_annuels_centimes.max(0));
    let revenus = revenus_annuels.divise(Ratio::entier(12))?;
    let prestations = Ratio::centimes(s.prestations_centimes);
    let ressources = revenus.plus(prestations)?;
    let uc = Ratio::new(i128::from(uc_caf), 10)?;
    let ucr_insee = Ratio::new(i128::from(uc_insee), 10)?;
    let ruc = ressources.divise(uc)?;
    let ruc_hp = revenus.divise(uc)?;
    let e2 = |r: Ratio| euros(r, 2);
    figure(
        "ressources",
        "Ressources mensuelles",
        e2(ressources),
        format!(
            "Ressources = {} / 12 + {} de prestations = {} par mois.",
            e2(revenus_annuels),
            e2(prestations),
            e2(ressources)
        ),
    );
    figure(
        "ruc",
        "Revenu par unité de consommation (RUC)",
        e2(ruc),
        format!("RUC = ({} + {}) / {} UC = {} par UC.", e2(revenus), e2(prestations), uc_texte(uc_caf), e2(ruc)),
    );
    figure(
        "rucHorsPrestations",
        "RUC hors prestations",
        e2(ruc_hp),
        format!("RUC hors prestations = {} / {} UC = {} par UC.", e2(revenus), uc_texte(uc_caf), e2(ruc_hp)),
    );

    // Threshold used.
    let seuil = match &s.seuil_partenaire {
        Some((centimes, libelle)) => Seuil {
            annee: s.annee,
            centimes: *centimes,
            type_seuil: TypeSeuil::Partenaire,
            source: Cow::Owned(libelle.clone().unwrap_or_else(|| "Seuil fourni par le partenaire".into())),
            statut: Statut::Fourni,
        },
        None => {
            let retenu = seuil_pour(TypeSeuil::CafBasRevenus, s.annee)?;
            avertissements.extend(retenu.avertissement);
            retenu.seuil
        }
    };
    let seuil_r = Ratio::centimes(seuil.centimes);
    let nom_seuil = match seuil.type_seuil {
        TypeSeuil::Partenaire => match &s.seuil_partenaire {
            Some((_, Some(libelle))) => format!("seuil du partenaire « {libelle} »"),
            _ => "seuil du partenaire".to_string(),
        },
        t => format!("{} {}", t.nom(), seuil.annee),
    };
    figure(
        "seuil",
        "Seuil utilisé",
        e2(seuil_r),
        format!("{} : {} par UC et par mois ; source : {}.", capitale(&nom_seuil), e2(seuil_r), source_seuil(&seuil)),
    );

    let hors_champ = c.hors_champ.map(|h| h.raison().to_string());

    // Statuses.
    let sous = c.sous_le_seuil;
    let (bas_revenus, fragile) = (c.bas_revenus(), c.fragile());
    let comparaison =
        |a: Ratio, b: Ratio| -> Option<&'static str> { Some(if a.compare(b)?.is_lt() { "<" } else { "≥" }) };
    match (&hors_champ, bas_revenus, fragile) {
        (Some(raison), _, _) => {
            let texte = format!("Foyer non classé (hors champ des indicateurs de bas revenus) : {raison}.");
            figure("basRevenus", "Bas revenus", "non classé".into(), texte.clone());
            figure("fragile", "Fragile", "non classé".into(), texte);
        }
        (None, Some(bas), Some(fr)) => {
            figure(
                "basRevenus",
                "Bas revenus",
                oui_non(bas),
                format!(
                    "RUC {} {} seuil {} : le foyer {} à bas revenus (RUC strictement inférieur au seuil).",
                    e2(ruc),
                    comparaison(ruc, seuil_r)?,
                    e2(seuil_r),
                    if bas { "est" } else { "n'est pas" }
                ),
            );
            figure(
                "fragile",
                "Fragile",
                oui_non(fr),
                if fr {
                    format!(
                        "RUC hors prestations {} < seuil {} ≤ RUC {} : le foyer passe au-dessus du seuil grâce aux prestations.",
                        e2(ruc_hp),
                        e2(seuil_r),
                        e2(ruc)
                    )
                } else if bas {
                    "Non fragile : le foyer est sous le seuil même avec les prestations (il est à bas revenus)."
                        .to_string()
                } else {
                    format!(
                        "Non fragile : sans les prestations, le RUC ({}) atteint déjà le seuil ({}).",
                        e2(ruc_hp),
                        e2(seuil_r)
                    )
                },
            );
        }
        _ => {}
    }
    let ecart = ressources.moins(seuil_r.fois(uc)?)?;
    figure(
        "ecartSeuil",
        "Écart au seuil",
        format!("{} par mois", e2(ecart)),
        format!(
            "Écart = {} − {} × {} UC = {} par mois : {}",
            e2(ressources),
            e2(seuil_r),
            uc_texte(uc_caf),
            e2(ecart),
            if ecart.signe() < 0 {
                format!(
                    "il manque {} de ressources mensuelles pour atteindre le seuil.",
                    e2(ecart.fois(Ratio::entier(-1))?)
                )
            } else {
                format!("les ressources dépassent le seuil de {} par mois.", e2(ecart))
            }
        ),
    );

    // Dependency on benefits.
    let part_prestations =
        if ressources.signe() == 0 { None } else { Some(prestations.divise(ressources)?.fois(Ratio::entier(100))?) };
    let (dependance50, dependance100) = (c.dependance50, c.dependance100);
    figure(
        "dependance",
        "Part des prestations dans les ressources",
        part_prestations.map(|p| pourcent(p, 1)).unwrap_or_default(),
        match part_prestations {
            None => "Part des prestations non calculable : le foyer n'a aucune ressource.".to_string(),
            Some(p) => format!(
                "Part des prestations = {} / {} = {} des ressources : {}.",
                e2(prestations),
                e2(ressources),
                pourcent(p, 1),
                if dependance100 {
                    "les prestations sont la totalité des ressources (dépendance à 100 %)"
                } else if dependance50 {
                    "au moins la moitié des ressources (dépendance à 50 % ou plus)"
                } else {
                    "moins de la moitié des ressources"
                }
            ),
        },
    );

    // INSEE lines.
    let mut seuils_insee = Vec::new();
    for t in [TypeSeuil::Insee60, TypeSeuil::Insee50] {
        let Some(retenu) = seuil_pour(t, s.annee) else {
            continue;
        };
        avertissements.extend(retenu.avertissement);
        let v = Ratio::centimes(retenu.seuil.centimes);
        let ruc_insee = ressources.divise(ucr_insee)?;
        let sous = ruc_insee.compare(v)?.is_lt();
        let ecart = ressources.moins(v.fois(ucr_insee)?)?;
        figure(
            if t == TypeSeuil::Insee60 { "insee60" } else { "insee50" },
            &capitale(t.nom()),
            if sous { "en dessous".into() } else { "au-dessus ou égal".into() },
            format!(
                "{} {} : {} par mois ; source : {}. Ressources par UC INSEE = {} / {} UC = {} : {} du seuil (écart {} par mois). Indicatif : le seuil INSEE porte sur le niveau de vie après impôts.",
                capitale(t.nom()),
                retenu.seuil.annee,
                e2(v),
                source_seuil(&retenu.seuil),
                e2(ressources),
                uc_texte(uc_insee),
                e2(ruc_insee),
                if sous { "en dessous" } else { "au-dessus ou au niveau" },
                e2(ecart)
            ),
        );
        seuils_insee.push(PositionInsee { seuil: retenu.seuil, ruc_insee, sous_le_seuil: sous, ecart_mensuel: ecart });
    }

    // Housing cost.
    let a_charge = (enfants + s.personnes.iter().filter(|p| p.role == Role::Autre).count()) as i64;
    let taux_effort = match s.loyer_centimes {
        None => {
            figure(
                "tauxEffort",
                "Taux d'effort net",
                String::new(),
                "Taux d'effort non calculé : loyer non renseigné.".into(),
            );
            None
        }
        Some(loyer) => {
            let (forfait, avert) = forfait_charges(s.annee)?;
            avertissements.extend(avert);
            let charges = Ratio::centimes(
                forfait.base_centimes.checked_add(forfait.par_personne_centimes.checked_mul(a_charge)?)?,
            );
            let al = Ratio::centimes(s.aide_logement_centimes.unwrap_or(0));
            let loyer = Ratio::centimes(loyer);
            let reste = loyer.plus(charges)?.moins(al)?;
            let base = ressources.moins(al)?;
            if base.signe() <= 0 {
                figure(
                    "tauxEffort",
                    "Taux d'effort net",
                    String::new(),
                    "Taux d'effort non calculable : aucune ressource en dehors de l'aide au logement.".into(),
                );
                None
            } else {
                let brut = reste.divise(base)?.fois(Ratio::entier(100))?;
                let pourcent_te = if brut.signe() < 0 { Ratio::ZERO } else { brut };
                let eleve = pourcent_te.compare(Ratio::entier(TAUX_EFFORT_ALERTE))?.is_ge();
                figure(
                    "tauxEffort",
                    "Taux d'effort net",
                    pourcent(pourcent_te, 1),
                    format!(
                        "Taux d'effort = (loyer {} + forfait charges {} − aide au logement {}) / (ressources {} − aide au logement {}) = {}{} ; forfait charges du {:02}/{:02}/{} : {} + {} par personne à charge ({}).",
                        e2(loyer),
                        e2(charges),
                        e2(al),
                        e2(ressources),
                        e2(al),
                        pourcent(pourcent_te, 1),
                        if eleve { " : 30 % ou plus, taux d'effort élevé" } else { " : moins de 30 %" },
                        forfait.depuis.2,
                        forfait.depuis.1,
                        forfait.depuis.0,
                        e2(Ratio::centimes(forfait.base_centimes)),
                        e2(Ratio::centimes(forfait.par_personne_centimes)),
                        SOURCE_FORFAITS
                    ),
                );
                Some(TauxEffort { pourcent: pourcent_te, forfait_charges: charges, eleve })
            }
        }
    };

    // Family quotient.
    let mut parts_demi: u32 = 4;
    for rang in 1..=enfants {
        parts_demi += if rang == 3 { 2 } else { 1 };
    }
    parts_demi += s.personnes.iter().filter(|p| p.role == Role::Enfant && p.handicap).count() as u32;
    let parts = Ratio::new(i128::from(parts_demi), 2)?;
    let qf_simule = ressources.divise(parts)?;
    let parts_texte = decimal(parts, if parts_demi % 2 == 0 { 0 } else { 1 });
    let simulation = format!(
        "QF simulé = ({} / 12 + {}) / {} parts = {}",
        e2(revenus_annuels),
        e2(prestations),
        parts_texte,
        e2(qf_simule)
    );
    let quotient_familial = match s.quotient_familial_caf_centimes {
        Some(c) => {
            let qf = Ratio::centimes(c);
            figure(
                "quotientFamilial",
                "Quotient familial",
                euros(qf, 0),
                format!("Quotient familial = {} (valeur de l'attestation CAF, qui prime sur la simulation). Pour comparaison : {}.", euros(qf, 0), simulation),
            );
            qf
        }
        None => {
            figure(
                "quotientFamilial",
                "Quotient familial (simulé)",
                euros(qf_simule, 0),
                format!("{simulation} (2 parts pour le couple ou le parent isolé, +0,5 pour chacun des deux premiers enfants, +1 pour le troisième, +0,5 par enfant suivant et par enfant handicapé). Simulation : seule l'attestation CAF fait foi ; l'ARS, la prime de naissance et le CMG ne sont pas retenus."),
            );
            qf_simule
        }
    };

    // Partner ceilings.
    let mut eligibilites = Vec::new();
    for p in &s.plafonds {
        let plafond = Ratio::centimes(p.centimes);
        let (valeur, multiplicateur, nom, unite) = match p.indicateur {
            IndicateurPlafond::Ruc => (ruc, uc, "RUC", " par UC"),
            IndicateurPlafond::QuotientFamilial => (quotient_familial, parts, "quotient familial", ""),
        };
        let ordre = valeur.compare(plafond)?;
        let eligible = if p.strict { ordre.is_lt() } else { ordre.is_le() };
        let ecart = plafond.moins(valeur)?.fois(multiplicateur)?;
        let signe = match (eligible, p.strict) {
            (true, true) => "<",
            (true, false) => "≤",
            (false, true) => "≥",
            (false, false) => ">",
        };
        let explication = format!(
            "{} : {nom} {} {signe} plafond {}{unite} : {} (marge {} par mois).",
            p.libelle,
            e2(valeur),
            e2(plafond),
            if eligible { "éligible" } else { "non éligible" },
            e2(ecart)
        );
        eligibilites.push(Eligibilite { libelle: p.libelle.clone(), eligible, ecart_mensuel: ecart, explication });
    }

    let position = match (&hors_champ, bas_revenus, fragile) {
        (Some(raison), _, _) => {
            format!("Foyer hors champ des indicateurs de bas revenus ({raison})")
        }
        (None, Some(true), _) => "Foyer à bas revenus".to_string(),
        (None, _, Some(true)) => "Foyer fragile (au-dessus du seuil grâce aux prestations)".to_string(),
        _ => "Foyer au-dessus du seuil".to_string(),
    };
    let synthese = format!(
        "{position} : RUC de {} par UC et par mois pour {} UC, {} {} ({} par UC).",
        e2(ruc),
        uc_texte(uc_caf),
        if sous { "sous le" } else { "au niveau ou au-dessus du" },
        nom_seuil,
        e2(seuil_r)
    );

    let recapitulatif = recapitulatif(s);

    Some(Resultat {
        annee: s.annee,
        uc_dixiemes: uc_caf,
        uc_insee_dixiemes: uc_insee,
        monoparental,
        ressources_mensuelles: ressources,
        ruc,
        ruc_hors_prestations: ruc_hp,
        seuil,
        ecart_seuil_mensuel: ecart,
        seuils_insee,
        bas_revenus,
        fragile,
        part_prestations,
        dependance50,
        dependance100,
        hors_champ,
        taux_effort,
        quotient_familial,
        quotient_familial_simule: qf_simule,
        parts_demi,
        eligibilites,
        synthese,
        recapitulatif,
        figures,
        avertissements,
    })
}

/// The situation as entered, in French, for the family's sheet.
fn recapitulatif(s: &Saisie) -> Vec<(String, String)> {
    let e2 = |c: i64| euros(Ratio::centimes(c), 2);
    let mut r = vec![("Année de référence".to_string(), s.annee.to_string())];
    for (i, p) in s.personnes.iter().enumerate() {
        let mut v = format!("{}, {} an{}", p.role.code(), p.age, if p.age > 1 { "s" } else { "" });
        if p.handicap {
            v.push_str(", handicap");
        }
        if p.etudiant {
            v.push_str(", étudiant");
        }
        r.push((format!("Personne {}", i + 1), v));
    }
    r.push((L_REVENUS.to_string(), e2(s.revenus_annuels_centimes)));
    r.push((L_PRESTATIONS.to_string(), e2(s.prestations_centimes)));
    if let Some(al) = s.aide_logement_centimes {
        r.push(("dont aide au logement".to_string(), e2(al)));
    }
    if let Some(l) = s.loyer_centimes {
        r.push((L_LOYER.to_string(), e2(l)));
    }
    if let Some(q) = s.quotient_familial_caf_centimes {
        r.push((L_QF.to_string(), e2(q)));
    }
    if let Some((v, libelle)) = &s.seuil_partenaire {
        let nom = libelle.as_deref().map(|l| format!(" ({l})")).unwrap_or_default();
        r.push((L_SEUIL.to_string(), format!("{} par UC et par mois{nom}", e2(*v))));
    }
    for p in &s.plafonds {
        let quoi = match p.indicateur {
            IndicateurPlafond::Ruc => "RUC",
            IndicateurPlafond::QuotientFamilial => "quotient familial",
        };
        r.push((p.libelle.clone(), format!("{quoi} {} {}", if p.strict { "<" } else { "≤" }, e2(p.centimes))));
    }
    r
}
