//! The input of a household calculation: the persons, the amounts, the partner's threshold and
//! ceilings ([`Saisie`]), validated once into a [`Situation`]. Every rule gives an
//! [`ErreurFoyer`] whose French message names the field and the rule.

use core::fmt;
use std::borrow::Cow;

use super::{
    AGE_MAX, AGE_MAX_ENFANT, AGE_MIN_ALLOCATAIRE, ANNEE_MAX, ANNEE_MIN, MONTANT_MAX, PERSONNES_MAX, PLAFONDS_MAX,
};
use crate::format::euros;
use crate::nombre::Ratio;
use crate::valeur::{ErreurSaisie, Lecteur, Regle, Valeur};

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
    /// Every role, in the order forms list them.
    pub const TOUS: [Role; 4] = [Role::Allocataire, Role::Conjoint, Role::Enfant, Role::Autre];

    /// French label, as forms show it.
    pub fn libelle(self) -> &'static str {
        match self {
            Role::Allocataire => "Allocataire",
            Role::Conjoint => "Conjoint",
            Role::Enfant => "Enfant",
            Role::Autre => "Autre personne à charge",
        }
    }

    /// Code of the public contract.
    pub fn code(self) -> &'static str {
        match self {
            Role::Allocataire => "allocataire",
            Role::Conjoint => "conjoint",
            Role::Enfant => "enfant",
            Role::Autre => "autre",
        }
    }

    /// The role of a code of the public contract.
    pub fn depuis_code(code: &str) -> Option<Role> {
        Role::TOUS.into_iter().find(|r| r.code() == code)
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
    /// Benefits of the month that the CAF does not count in its family quotient (ARS, prime de
    /// naissance, CMG), included in `prestations_centimes`.
    pub prestations_non_retenues_qf_centimes: Option<i64>,
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
    /// An allocataire or conjoint younger than [`AGE_MIN_ALLOCATAIRE`], at this index.
    AllocataireTropJeune(usize),
    /// An enfant older than [`AGE_MAX_ENFANT`], at this index.
    EnfantTropAge(usize),
    /// The housing aid is larger than the benefits that include it.
    AideLogementSuperieureAuxPrestations,
    /// The benefits left out of the family quotient are larger than the benefits.
    NonRetenuesSuperieuresAuxPrestations,
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
            ErreurFoyer::AllocataireTropJeune(i) | ErreurFoyer::EnfantTropAge(i) => {
                Cow::Owned(format!("personnes[{i}].age"))
            }
            ErreurFoyer::AideLogementSuperieureAuxPrestations => Cow::Borrowed("aideLogementMensuelle"),
            ErreurFoyer::NonRetenuesSuperieuresAuxPrestations => Cow::Borrowed("prestationsNonRetenuesQf"),
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
            ErreurFoyer::AllocataireTropJeune(i) => write!(
                f,
                "Âge de la personne {} : un allocataire ou un conjoint a {AGE_MIN_ALLOCATAIRE} ans au moins (plus jeune, c'est l'enfant d'un autre foyer).",
                i + 1
            ),
            ErreurFoyer::EnfantTropAge(i) => write!(
                f,
                "Âge de la personne {} : un enfant à charge a {AGE_MAX_ENFANT} ans au plus (moins de 20 ans pour les prestations familiales, de 21 ans pour les aides au logement) ; au-delà, choisissez le rôle « Autre personne à charge ».",
                i + 1
            ),
            ErreurFoyer::NonRetenuesSuperieuresAuxPrestations => f.write_str(
                "Prestations non retenues pour le QF : elles font partie des prestations mensuelles et ne peuvent pas les dépasser.",
            ),
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

/// Inline, its error made out of line: a batch checks five amounts per line.
#[inline]
fn montant_positif(c: Option<i64>, champ: &str, libelle: &str) -> Result<(), ErreurFoyer> {
    match c {
        Some(c) if !(0..=MONTANT_MAX * 100).contains(&c) => Err(montant_refuse(c, champ, libelle)),
        _ => Ok(()),
    }
}

/// The error of an amount out of its bounds (rare: made out of line).
#[cold]
#[inline(never)]
fn montant_refuse(c: i64, champ: &str, libelle: &str) -> ErreurFoyer {
    if c < 0 {
        saisie(champ, libelle, Regle::Negatif)
    } else {
        saisie(champ, libelle, limites(0, MONTANT_MAX))
    }
}

/// A validated household situation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Situation {
    s: Saisie,
}

/// Labels of the fields, for messages.
pub(super) const L_ANNEE: &str = "Année de référence";
pub(super) const L_PERSONNES: &str = "Personnes du foyer";
pub(super) const L_REVENUS: &str = "Revenus annuels";
pub(super) const L_PRESTATIONS: &str = "Prestations mensuelles";
pub(super) const L_AL: &str = "Aide au logement";
pub(super) const L_LOYER: &str = "Loyer mensuel";
pub(super) const L_SEUIL: &str = "Seuil du partenaire";
pub(super) const L_QF: &str = "Quotient familial de l'attestation";
pub(super) const L_NON_RETENUES: &str = "Prestations non retenues pour le QF";

impl Situation {
    /// Validates a situation.
    ///
    /// # Errors
    /// - `annee` outside [`ANNEE_MIN`]–[`ANNEE_MAX`] (`annee`);
    /// - no person, or more than [`PERSONNES_MAX`] (`personnes`);
    /// - an age above [`AGE_MAX`] (`personnes[i].age`);
    /// - no allocataire ([`ErreurFoyer::AucunAllocataire`]), two allocataires or two conjoints
    ///   (`personnes[i].role`);
    /// - an allocataire or conjoint under [`AGE_MIN_ALLOCATAIRE`], an enfant over
    ///   [`AGE_MAX_ENFANT`] (`personnes[i].age`);
    /// - income outside ±[`MONTANT_MAX`] € (`revenusAnnuels`);
    /// - a negative or too large benefit, housing aid, rent, threshold or quotient;
    /// - a housing aid above the benefits ([`ErreurFoyer::AideLogementSuperieureAuxPrestations`]);
    /// - a partner threshold of zero (`seuil.valeur`);
    /// - more than [`PLAFONDS_MAX`] ceilings, or a negative ceiling (`plafonds[i].valeur`).
    pub fn new(s: Saisie) -> Result<Situation, ErreurFoyer> {
        Situation::verifier(&s)?;
        Ok(Situation { s })
    }

    /// Checks a situation without taking it: the batch fills one [`Saisie`] in place from line
    /// to line and never moves it.
    ///
    /// # Errors
    /// As [`Situation::new`].
    pub fn verifier(s: &Saisie) -> Result<(), ErreurFoyer> {
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
                Role::Allocataire | Role::Conjoint if p.age < AGE_MIN_ALLOCATAIRE => {
                    return Err(ErreurFoyer::AllocataireTropJeune(i))
                }
                Role::Enfant if p.age > AGE_MAX_ENFANT => return Err(ErreurFoyer::EnfantTropAge(i)),
                _ => {}
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
        montant_positif(s.prestations_non_retenues_qf_centimes, "prestationsNonRetenuesQf", L_NON_RETENUES)?;
        if s.prestations_non_retenues_qf_centimes.is_some_and(|e| e > s.prestations_centimes) {
            return Err(ErreurFoyer::NonRetenuesSuperieuresAuxPrestations);
        }
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
        Ok(())
    }

    /// The validated values.
    pub fn saisie(&self) -> &Saisie {
        &self.s
    }

    /// The values, given back (a batch reuses their allocation for the next line).
    pub fn en_saisie(self) -> Saisie {
        self.s
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
    "prestationsNonRetenuesQf",
    "plafonds",
];

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
        // Plain loops rather than collecting Results: smaller WebAssembly.
        let mut personnes = Vec::with_capacity(liste.len());
        for (i, p) in liste.iter().enumerate() {
            personnes.push(lire_personne(p, i)?);
        }
        let seuil_partenaire = match l.brut("seuil") {
            None => None,
            Some(sv) => {
                let ls = Lecteur::objet(sv, "seuil", L_SEUIL)?;
                Some((
                    ls.centimes("valeur", L_SEUIL, 0, MONTANT_MAX)?,
                    ls.texte_option("libelle", "Libellé du seuil du partenaire")?,
                ))
            }
        };
        let mut plafonds = Vec::new();
        if l.brut("plafonds").is_some() {
            for (i, p) in l.liste("plafonds", "Plafonds du partenaire", PLAFONDS_MAX)?.iter().enumerate() {
                plafonds.push(lire_plafond(p, i)?);
            }
        }
        let avertissements =
            l.cles_inconnues(CLES_SITUATION).into_iter().map(|c| format!("Champ inconnu ignoré : « {c} ».")).collect();
        // Read within the bounds of the contract: the message quotes the real limits.
        let montant = |cle: &str, libelle: &str| l.centimes_option(cle, libelle, 0, MONTANT_MAX);
        Situation::new(Saisie {
            annee: i32::try_from(annee).unwrap_or(i32::MAX),
            personnes,
            revenus_annuels_centimes: l.centimes("revenusAnnuels", L_REVENUS, -MONTANT_MAX, MONTANT_MAX)?,
            prestations_centimes: l.centimes("prestationsMensuelles", L_PRESTATIONS, 0, MONTANT_MAX)?,
            aide_logement_centimes: montant("aideLogementMensuelle", L_AL)?,
            loyer_centimes: montant("loyerMensuel", L_LOYER)?,
            seuil_partenaire,
            quotient_familial_caf_centimes: montant("quotientFamilialCaf", L_QF)?,
            prestations_non_retenues_qf_centimes: montant("prestationsNonRetenuesQf", L_NON_RETENUES)?,
            plafonds,
            avertissements,
        })
    }
}

/// Reads `personnes[i]`.
fn lire_personne(p: &Valeur, i: usize) -> Result<Personne, ErreurFoyer> {
    let chemin = format!("personnes[{i}]");
    let n = i + 1;
    let lp = Lecteur::objet(p, &chemin, &format!("Personne {n}"))?;
    let libelle_role = format!("Rôle de la personne {n}");
    let code = lp.texte("role", &libelle_role)?;
    let role = Role::depuis_code(&code).ok_or_else(|| {
        let recu = code.chars().take(40).collect();
        lp.erreur_sur(
            "role",
            &libelle_role,
            Regle::ValeurInconnue { recu, permises: "allocataire, conjoint, enfant, autre" },
        )
    })?;
    let age = lp.entier("age", &format!("Âge de la personne {n}"), 0, i64::from(AGE_MAX))?;
    Ok(Personne {
        role,
        age: u8::try_from(age).unwrap_or(AGE_MAX),
        handicap: lp.booleen("handicap", &format!("Handicap de la personne {n}"))?,
        etudiant: lp.booleen("etudiant", &format!("Statut étudiant de la personne {n}"))?,
    })
}

/// Reads `plafonds[i]`.
fn lire_plafond(p: &Valeur, i: usize) -> Result<Plafond, ErreurFoyer> {
    let chemin = format!("plafonds[{i}]");
    let n = i + 1;
    let lp = Lecteur::objet(p, &chemin, &format!("Plafond {n}"))?;
    let libelle_indicateur = format!("Indicateur du plafond {n}");
    let code = lp.texte("indicateur", &libelle_indicateur)?;
    let indicateur = match code.as_str() {
        "ruc" => IndicateurPlafond::Ruc,
        "quotientFamilial" => IndicateurPlafond::QuotientFamilial,
        _ => {
            let recu = code.chars().take(40).collect();
            let regle = Regle::ValeurInconnue { recu, permises: "ruc, quotientFamilial" };
            return Err(lp.erreur_sur("indicateur", &libelle_indicateur, regle).into());
        }
    };
    Ok(Plafond {
        libelle: lp
            .texte_option("libelle", &format!("Libellé du plafond {n}"))?
            .unwrap_or_else(|| format!("Plafond {n}")),
        indicateur,
        centimes: lp.centimes("valeur", &format!("Plafond {n}"), 0, MONTANT_MAX)?,
        strict: lp.booleen("strict", &format!("Comparaison stricte du plafond {n}"))?,
    })
}
