//! Dated parameters: low-income thresholds and housing-charge allowances.
//!
//! These tables are data, not logic: each value carries its year (or date of effect), its source
//! and its status — `confirme` for an official or primary source, `secondaire` for a secondary
//! one (a local observatory, the press). Updating a threshold is editing one row; the values and
//! sources are those of `docs/indicateurs.md` §1.4 and §1.5.
//!
//! When a year is missing, [`seuil_pour`] takes the latest earlier year (or, before a series
//! starts, its first year) and says so in a French warning.

use std::borrow::Cow;

/// Kind of threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TypeSeuil {
    /// CAF *seuil de bas revenus*: 60 % of the median before-tax RUC, CAF scale.
    CafBasRevenus,
    /// INSEE poverty line at 60 % of the median *niveau de vie* (after tax, INSEE scale).
    Insee60,
    /// INSEE poverty line at 50 % of the median *niveau de vie*.
    Insee50,
    /// A partner's own threshold, given with the situation.
    Partenaire,
}

impl TypeSeuil {
    /// Stable code of the public contract (`"caf-bas-revenus"`, `"insee-60"`…).
    pub fn code(self) -> &'static str {
        match self {
            TypeSeuil::CafBasRevenus => "caf-bas-revenus",
            TypeSeuil::Insee60 => "insee-60",
            TypeSeuil::Insee50 => "insee-50",
            TypeSeuil::Partenaire => "partenaire",
        }
    }

    /// French name, capitalised, for tables: "Seuil de bas revenus CAF".
    pub fn libelle(self) -> &'static str {
        match self {
            TypeSeuil::CafBasRevenus => "Seuil de bas revenus CAF",
            TypeSeuil::Insee60 => "Seuil de pauvreté INSEE à 60 %",
            TypeSeuil::Insee50 => "Seuil de pauvreté INSEE à 50 %",
            TypeSeuil::Partenaire => "Seuil du partenaire",
        }
    }

    /// French name, with its article: "le seuil de bas revenus CAF".
    pub fn nom(self) -> &'static str {
        match self {
            TypeSeuil::CafBasRevenus => "seuil de bas revenus CAF",
            TypeSeuil::Insee60 => "seuil de pauvreté INSEE à 60 %",
            TypeSeuil::Insee50 => "seuil de pauvreté INSEE à 50 %",
            TypeSeuil::Partenaire => "seuil du partenaire",
        }
    }
}

/// How well a value is sourced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Statut {
    /// Official or primary source.
    Confirme,
    /// Secondary source (observatory, press): use with care.
    Secondaire,
    /// Given by the partner with the situation.
    Fourni,
}

impl Statut {
    /// Stable code of the public contract.
    pub fn code(self) -> &'static str {
        match self {
            Statut::Confirme => "confirme",
            Statut::Secondaire => "secondaire",
            Statut::Fourni => "fourni",
        }
    }

    /// French words: "source officielle", "source secondaire", "fourni par le partenaire".
    pub fn libelle(self) -> &'static str {
        match self {
            Statut::Confirme => "source officielle",
            Statut::Secondaire => "source secondaire",
            Statut::Fourni => "fourni par le partenaire",
        }
    }
}

/// One threshold value: € per UC per month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seuil {
    /// Year the value belongs to.
    pub annee: i32,
    /// Value in centimes per UC per month.
    pub centimes: i64,
    /// Kind.
    pub type_seuil: TypeSeuil,
    /// Where the value comes from.
    pub source: Cow<'static, str>,
    /// How well it is sourced.
    pub statut: Statut,
}

const fn s(annee: i32, euros: i64, type_seuil: TypeSeuil, source: &'static str, statut: Statut) -> Seuil {
    Seuil { annee, centimes: euros * 100, type_seuil, source: Cow::Borrowed(source), statut }
}

use Statut::{Confirme, Secondaire};
use TypeSeuil::{CafBasRevenus as Caf, Insee50 as I50, Insee60 as I60};

const INSEE_SERIE: &str = "INSEE, « Seuils de pauvreté mensuels » (série révisée)";

/// Every threshold known, by kind then year.
pub const SEUILS: &[Seuil] = &[
    s(2016, 1_045, Caf, "Observatoire de la Caf de Loir-et-Cher (pilote41)", Secondaire),
    s(2017, 1_052, Caf, "Cnaf, document source des indicateurs de bas revenus (seuil officiel 2017)", Confirme),
    s(2019, 1_097, Caf, "Glossaire précarité-logement 92 (aussi cité à 1 096 €)", Secondaire),
    s(2008, 950, I60, "INSEE Première n° 1311", Confirme),
    s(2010, 964, I60, "INSEE Première n° 1412", Confirme),
    s(2012, 987, I60, "INSEE Première n° 1513", Confirme),
    s(2013, 1_003, I60, "INSEE, « Seuils de pauvreté mensuels » (série révisée ; d'abord publié 1 000 €)", Confirme),
    s(2014, 1_010, I60, INSEE_SERIE, Confirme),
    s(2015, 1_015, I60, INSEE_SERIE, Confirme),
    s(2016, 1_026, I60, INSEE_SERIE, Confirme),
    s(2017, 1_041, I60, INSEE_SERIE, Confirme),
    s(2018, 1_063, I60, INSEE_SERIE, Confirme),
    s(2019, 1_102, I60, "INSEE Première n° 1875", Confirme),
    s(2020, 1_128, I60, "Observatoire des inégalités (non validé par l'INSEE)", Secondaire),
    s(2021, 1_158, I60, "Presse relayant l'INSEE", Secondaire),
    s(2022, 1_216, I60, "Presse relayant l'INSEE / Observatoire des inégalités", Secondaire),
    s(2023, 1_288, I60, "INSEE Première n° 2063", Confirme),
    s(2013, 836, I50, INSEE_SERIE, Confirme),
    s(2014, 842, I50, INSEE_SERIE, Confirme),
    s(2015, 846, I50, INSEE_SERIE, Confirme),
    s(2016, 855, I50, INSEE_SERIE, Confirme),
    s(2017, 867, I50, INSEE_SERIE, Confirme),
    s(2018, 885, I50, INSEE_SERIE, Confirme),
    s(2020, 940, I50, "Observatoire des inégalités (non validé par l'INSEE)", Secondaire),
    s(2022, 1_014, I50, "Presse relayant l'INSEE / Observatoire des inégalités", Secondaire),
];

/// A threshold chosen for a year, with the warning to show when its year differs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeuilRetenu {
    /// The value used.
    pub seuil: Seuil,
    /// French warning when the year used is not the year asked.
    pub avertissement: Option<String>,
}

/// The threshold of kind `type_seuil` for `annee`: that year's, else the latest earlier one,
/// else (before the series starts) the earliest; `None` only for a kind with no value at all.
///
/// ```
/// use indicateurs_caf::parametres::{seuil_pour, TypeSeuil};
/// let r = seuil_pour(TypeSeuil::CafBasRevenus, 2021).unwrap();
/// assert_eq!(r.seuil.annee, 2019);
/// assert_eq!(
///     r.avertissement.as_deref(),
///     Some("Le seuil de bas revenus CAF de 2021 n'est pas publié : celui de 2019 (1\u{202f}097\u{a0}€), \
///           le dernier publié, est utilisé : il a 2 ans.")
/// );
/// ```
pub fn seuil_pour(type_seuil: TypeSeuil, annee: i32) -> Option<SeuilRetenu> {
    let serie = SEUILS.iter().filter(|s| s.type_seuil == type_seuil);
    let dernier = serie.clone().map(|s| s.annee).max()?;
    let anterieur = serie.clone().filter(|s| s.annee <= annee).max_by_key(|s| s.annee);
    let seuil = match anterieur {
        Some(s) => s,
        None => serie.min_by_key(|s| s.annee)?,
    };
    let avertissement = (seuil.annee != annee).then(|| {
        let valeur = crate::format::euros(crate::nombre::Ratio::centimes(seuil.centimes), 0);
        let quel = if seuil.annee > annee {
            format!("le premier connu, celui de {} ({valeur}), est utilisé", seuil.annee)
        } else if seuil.annee == dernier {
            let age = annee - seuil.annee;
            format!(
                "celui de {} ({valeur}), le dernier publié, est utilisé : il a {}",
                seuil.annee,
                crate::format::compte(u64::try_from(age).unwrap_or(0), "an", "ans")
            )
        } else {
            format!("celui de {} ({valeur}), l'année publiée la plus proche avant, est utilisé", seuil.annee)
        };
        format!("Le {} de {annee} n'est pas publié : {quel}.", seuil.type_seuil.nom())
    });
    Some(SeuilRetenu { seuil: seuil.clone(), avertissement })
}

/// Forfait charges of the housing aid (mainland, rental), € per month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ForfaitCharges {
    /// Date of effect (year, month, day).
    pub depuis: (i32, u8, u8),
    /// For a single person or a couple, in centimes.
    pub base_centimes: i64,
    /// Added per person à charge, in centimes.
    pub par_personne_centimes: i64,
}

/// Source of [`FORFAITS_CHARGES`].
pub const SOURCE_FORFAITS: &str =
    "Barème des aides au logement (forfait charges, métropole, location), arrêtés annuels";

/// Forfait charges by date of effect (confirmed source).
pub const FORFAITS_CHARGES: &[ForfaitCharges] = &[
    ForfaitCharges { depuis: (2019, 10, 1), base_centimes: 5_383, par_personne_centimes: 1_220 },
    ForfaitCharges { depuis: (2020, 10, 1), base_centimes: 5_399, par_personne_centimes: 1_224 },
    ForfaitCharges { depuis: (2021, 10, 1), base_centimes: 5_422, par_personne_centimes: 1_229 },
    ForfaitCharges { depuis: (2022, 7, 1), base_centimes: 5_612, par_personne_centimes: 1_272 },
    ForfaitCharges { depuis: (2023, 10, 1), base_centimes: 5_808, par_personne_centimes: 1_317 },
    ForfaitCharges { depuis: (2024, 10, 1), base_centimes: 5_997, par_personne_centimes: 1_360 },
    ForfaitCharges { depuis: (2025, 10, 1), base_centimes: 6_059, par_personne_centimes: 1_374 },
];

/// The forfait in effect on 31 December of `annee` [I: the date of the CAF thresholds], or the
/// earliest known with a warning when `annee` precedes the table.
pub fn forfait_charges(annee: i32) -> Option<(ForfaitCharges, Option<String>)> {
    let date = |f: &ForfaitCharges| format!("{:02}/{:02}/{}", f.depuis.2, f.depuis.1, f.depuis.0);
    let dernier = FORFAITS_CHARGES.iter().max_by_key(|f| f.depuis)?;
    let en_vigueur = FORFAITS_CHARGES.iter().filter(|f| f.depuis.0 <= annee).max_by_key(|f| f.depuis);
    match en_vigueur {
        // The forfait is revised every year: past the year of the last known date of effect, the
        // one in force on 31 December is not published.
        Some(f) if f == dernier && annee > f.depuis.0 => Some((
            *f,
            Some(format!(
                "Forfait charges du {} utilisé pour {annee} : c'est le dernier publié ; celui de {annee} n'est pas connu.",
                date(f)
            )),
        )),
        Some(f) => Some((*f, None)),
        None => FORFAITS_CHARGES
            .iter()
            .min_by_key(|f| f.depuis)
            .map(|f| (*f, Some(format!("Forfait charges du {} utilisé pour {annee} : premier connu.", date(f))))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn retenu(t: TypeSeuil, annee: i32, annee_utilisee: i32, euros: i64, avertit: bool) {
        let r = seuil_pour(t, annee).unwrap();
        assert_eq!(
            (r.seuil.annee, r.seuil.centimes, r.avertissement.is_some()),
            (annee_utilisee, euros * 100, avertit),
            "{t:?} {annee}"
        );
    }

    #[test]
    fn choix_de_l_annee() {
        retenu(TypeSeuil::CafBasRevenus, 2017, 2017, 1_052, false);
        retenu(TypeSeuil::CafBasRevenus, 2018, 2017, 1_052, true);
        retenu(TypeSeuil::CafBasRevenus, 2025, 2019, 1_097, true);
        retenu(TypeSeuil::CafBasRevenus, 2010, 2016, 1_045, true);
        retenu(TypeSeuil::Insee60, 2023, 2023, 1_288, false);
        retenu(TypeSeuil::Insee50, 2023, 2022, 1_014, true);
        retenu(TypeSeuil::Insee50, 2019, 2018, 885, true);
        retenu(TypeSeuil::Insee60, 2009, 2008, 950, true);
        assert!(seuil_pour(TypeSeuil::Partenaire, 2020).is_none());
        let avant = seuil_pour(TypeSeuil::CafBasRevenus, 2010).unwrap();
        let texte = |a: Option<String>| a.unwrap().replace(['\u{a0}', '\u{202f}'], " ");
        assert_eq!(
            texte(avant.avertissement),
            "Le seuil de bas revenus CAF de 2010 n'est pas publié : le premier connu, celui de 2016 (1 045 €), est utilisé."
        );
        assert_eq!(
            texte(seuil_pour(TypeSeuil::CafBasRevenus, 2024).unwrap().avertissement),
            "Le seuil de bas revenus CAF de 2024 n'est pas publié : celui de 2019 (1 097 €), le dernier publié, est utilisé : il a 5 ans."
        );
        assert_eq!(
            texte(seuil_pour(TypeSeuil::CafBasRevenus, 2018).unwrap().avertissement),
            "Le seuil de bas revenus CAF de 2018 n'est pas publié : celui de 2017 (1 052 €), l'année publiée la plus proche avant, est utilisé."
        );
    }

    #[test]
    fn forfait_en_vigueur_au_31_decembre() {
        assert!(forfait_charges(2025).unwrap().1.is_none());
        let apres = forfait_charges(2027).unwrap();
        assert_eq!(apres.0.base_centimes, 6_059);
        assert_eq!(
            apres.1.as_deref(),
            Some("Forfait charges du 01/10/2025 utilisé pour 2027 : c'est le dernier publié ; celui de 2027 n'est pas connu.")
        );
        assert_eq!(forfait_charges(2022).unwrap().0.base_centimes, 5_612);
        assert_eq!(forfait_charges(2019).unwrap().0.base_centimes, 5_383);
        assert_eq!(forfait_charges(2030).unwrap().0.base_centimes, 6_059);
        let (f, avertissement) = forfait_charges(2015).unwrap();
        assert_eq!(f.base_centimes, 5_383);
        assert!(avertissement.is_some());
    }
}
