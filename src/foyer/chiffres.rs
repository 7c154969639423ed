//! Every figure of a foyer, in integers: the single source that the calculator
//! ([`super::Situation::calculer`]), the batch ([`crate::lot`]) and the command-line program use,
//! so that they agree by construction.
//!
//! Units: amounts in centimes; UC in tenths; `douziemes` = annual income (clamped at 0) in
//! centimes + 12 × monthly benefits in centimes, i.e. the monthly resources in twelfths of a
//! centime. Then RUC = 5 · douziemes / (6 · UC) centimes, and every status is an exact integer
//! comparison. The exact values ([`Ratio`]) that the explanations display are derived here too.

use std::borrow::Cow;

use super::saisie::{IndicateurPlafond, Plafond, Role, Saisie};
use super::{AGE_ADULTE_UC, AGE_HORS_CHAMP, TAUX_EFFORT_ALERTE};
use crate::nombre::{produit, Ratio};
use crate::parametres::{forfait_charges, seuil_pour, ForfaitCharges, Seuil, SeuilRetenu, Statut, TypeSeuil};

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

/// The dated parameters the figures of a foyer depend on, looked up once (the batch keeps
/// them per reference year).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parametres {
    /// The threshold compared with — the partner's, or the CAF seuil de bas revenus of the year
    /// (the latest known earlier) — and the warning when its year differs.
    pub seuil: SeuilRetenu,
    /// The charges forfait in force on 31 December of the year, and its warning.
    pub forfait: (ForfaitCharges, Option<String>),
}

impl Parametres {
    /// The CAF parameters of a reference year; `None` only if a table of parameters is empty.
    pub fn caf(annee: i32) -> Option<Parametres> {
        Some(Parametres { seuil: seuil_pour(TypeSeuil::CafBasRevenus, annee)?, forfait: forfait_charges(annee)? })
    }

    /// The parameters of a situation: its partner threshold when it has one, else the CAF one.
    pub fn pour(s: &Saisie) -> Option<Parametres> {
        let mut p = Parametres::caf(s.annee)?;
        if let Some((centimes, libelle)) = &s.seuil_partenaire {
            let source = libelle.clone().unwrap_or_else(|| "Seuil fourni par le partenaire".into());
            p.seuil = SeuilRetenu {
                seuil: Seuil {
                    annee: s.annee,
                    centimes: *centimes,
                    type_seuil: TypeSeuil::Partenaire,
                    source: Cow::Owned(source),
                    statut: Statut::Fourni,
                },
                avertissement: None,
            };
        }
        Some(p)
    }
}

/// The housing cost of a foyer, as far as it can be computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effort {
    /// No rent given.
    SansLoyer,
    /// A rent, but no resources apart from the housing aid.
    SansRessources,
    /// Computed: taux d'effort = 12 × max(0, loyer + charges − aide) / (douziemes − 12 × aide).
    Calcule {
        /// Rent, centimes per month.
        loyer: i64,
        /// Charges forfait for this foyer (base + per person à charge), centimes per month.
        charges: i64,
        /// Housing aid, centimes per month.
        aide_logement: i64,
        /// Resources without the housing aid, in twelfths of a centime (positive).
        base_douziemes: i64,
    },
}

/// Every figure of a foyer in integers (see the module documentation for the units).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chiffres {
    /// Persons of the foyer.
    pub personnes: u32,
    /// A conjoint is present.
    pub conjoint: bool,
    /// Persons with the role enfant.
    pub enfants: u32,
    /// Disabled enfants (half a part each).
    pub enfants_handicapes: u32,
    /// Persons with the role autre (à charge).
    pub autres: u32,
    /// Enfants and autres aged 14 or more (0,5 UC each).
    pub grands: u32,
    /// Enfants and autres under 14 (0,3 UC each).
    pub petits: u32,
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
    /// Housing cost.
    pub effort: Effort,
    /// Parts of the simulated family quotient, in halves.
    pub parts_demi: u32,
    /// Family quotient of the CAF attestation, centimes, when given.
    pub quotient_familial_caf: Option<i64>,
    /// Benefits of the month left out of the family quotient (ARS, prime de naissance, CMG),
    /// centimes, when given.
    pub prestations_non_retenues_qf: Option<i64>,
}

/// Persons counted by what the figures need.
#[derive(Default)]
struct Comptes {
    conjoint: bool,
    enfants: u32,
    enfants_handicapes: u32,
    autres: u32,
    grands: u32,
    petits: u32,
    hors_champ: Option<HorsChamp>,
}

fn compter(s: &Saisie) -> Comptes {
    let mut c = Comptes::default();
    let etudiant_aide_seule = s.prestations_centimes > 0 && s.aide_logement_centimes == Some(s.prestations_centimes);
    for p in &s.personnes {
        match p.role {
            Role::Allocataire if p.age >= AGE_HORS_CHAMP => c.hors_champ = Some(HorsChamp::Allocataire65),
            Role::Allocataire if p.etudiant && c.hors_champ.is_none() && etudiant_aide_seule => {
                c.hors_champ = Some(HorsChamp::EtudiantAideLogement)
            }
            Role::Allocataire => {}
            Role::Conjoint => {
                c.conjoint = true;
                if p.age >= AGE_HORS_CHAMP && c.hors_champ != Some(HorsChamp::Allocataire65) {
                    c.hors_champ = Some(HorsChamp::Conjoint65);
                }
            }
            Role::Enfant | Role::Autre => {
                if p.role == Role::Enfant {
                    c.enfants += 1;
                    c.enfants_handicapes += u32::from(p.handicap);
                } else {
                    c.autres += 1;
                }
                if p.age >= AGE_ADULTE_UC {
                    c.grands += 1;
                } else {
                    c.petits += 1;
                }
            }
        }
    }
    c
}

/// Parts of the simulated QF, in halves: 2 parts, +0,5 for each of the first two enfants, +1
/// for the third, +0,5 for each further one and for each disabled enfant.
fn parts_demi(enfants: u32, handicapes: u32) -> u32 {
    4 + enfants + u32::from(enfants >= 3) + handicapes
}

fn effort(s: &Saisie, p: &Parametres, a_charge: u32, douziemes: i64) -> Effort {
    let Some(loyer) = s.loyer_centimes else { return Effort::SansLoyer };
    let forfait = p.forfait.0;
    let charges = forfait.base_centimes + forfait.par_personne_centimes * i64::from(a_charge);
    let aide_logement = s.aide_logement_centimes.unwrap_or(0);
    let base_douziemes = douziemes - 12 * aide_logement;
    if base_douziemes <= 0 {
        return Effort::SansRessources;
    }
    Effort::Calcule { loyer, charges, aide_logement, base_douziemes }
}

impl Chiffres {
    /// The figures of a validated situation with its parameters ([`Parametres::pour`]).
    pub fn new(s: &Saisie, p: &Parametres) -> Chiffres {
        let c = compter(s);
        let monoparental = !c.conjoint && c.enfants > 0;
        let uc_insee = 10 + if c.conjoint { 5 } else { 0 } + 5 * c.grands + 3 * c.petits;
        let uc = uc_insee + if monoparental { 2 } else { 0 };
        let revenus_annuels = s.revenus_annuels_centimes.max(0);
        let prestations = s.prestations_centimes;
        let douziemes = revenus_annuels + 12 * prestations;
        let seuil = p.seuil.seuil.centimes;
        let u = i64::from(uc);
        Chiffres {
            personnes: s.personnes.len() as u32,
            conjoint: c.conjoint,
            enfants: c.enfants,
            enfants_handicapes: c.enfants_handicapes,
            autres: c.autres,
            grands: c.grands,
            petits: c.petits,
            uc,
            uc_insee,
            monoparental,
            revenus_annuels,
            prestations,
            douziemes,
            seuil,
            sous_le_seuil: 5 * douziemes < 6 * u * seuil,
            hors_prestations_sous_le_seuil: 5 * revenus_annuels < 6 * u * seuil,
            hors_champ: c.hors_champ,
            dependance50: douziemes > 0 && 24 * prestations >= douziemes,
            dependance100: douziemes > 0 && revenus_annuels == 0,
            effort: effort(s, p, c.enfants + c.autres, douziemes),
            parts_demi: parts_demi(c.enfants, c.enfants_handicapes),
            quotient_familial_caf: s.quotient_familial_caf_centimes,
            prestations_non_retenues_qf: s.prestations_non_retenues_qf_centimes,
        }
    }

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

    /// UC, CAF scale.
    pub fn uc(&self) -> Option<Ratio> {
        Ratio::new(i128::from(self.uc), 10)
    }

    /// UC, INSEE scale.
    pub fn uc_insee(&self) -> Option<Ratio> {
        Ratio::new(i128::from(self.uc_insee), 10)
    }

    /// Monthly resources, €.
    pub fn ressources(&self) -> Option<Ratio> {
        Ratio::new(i128::from(self.douziemes), 1200)
    }

    /// Monthly income without benefits, €.
    pub fn revenus_mensuels(&self) -> Option<Ratio> {
        Ratio::new(i128::from(self.revenus_annuels), 1200)
    }

    /// The exact RUC, € per UC per month.
    pub fn ruc(&self) -> Option<Ratio> {
        Ratio::new(i128::from(self.douziemes), 120 * i128::from(self.uc))
    }

    /// The exact RUC without benefits, € per UC per month.
    pub fn ruc_hors_prestations(&self) -> Option<Ratio> {
        Ratio::new(i128::from(self.revenus_annuels), 120 * i128::from(self.uc))
    }

    /// Resources per INSEE UC, € per month.
    pub fn ruc_insee(&self) -> Option<Ratio> {
        Ratio::new(i128::from(self.douziemes), 120 * i128::from(self.uc_insee))
    }

    /// Resources − `seuil` × `uc_dixiemes` / 10, € per month (negative: under the threshold).
    fn ecart(&self, seuil: i64, uc_dixiemes: u32) -> Option<Ratio> {
        let d = i128::from(self.douziemes);
        Ratio::new(5 * d - 6 * i128::from(seuil) * i128::from(uc_dixiemes), 6000)
    }

    /// RUC < `seuil` (centimes per UC per month), on the CAF scale.
    pub fn sous(&self, seuil: i64) -> bool {
        5 * i128::from(self.douziemes) < 6 * i128::from(self.uc) * i128::from(seuil)
    }

    /// Resources − seuil × UC, € per month (negative: under the threshold).
    pub fn ecart_seuil(&self) -> Option<Ratio> {
        self.ecart(self.seuil, self.uc)
    }

    /// Against another line on the INSEE scale: (resources per INSEE UC < `seuil`, resources −
    /// `seuil` × UC INSEE in € per month).
    pub fn position_insee(&self, seuil: i64) -> Option<(bool, Ratio)> {
        let sous = 5 * i128::from(self.douziemes) < 6 * i128::from(self.uc_insee) * i128::from(seuil);
        Some((sous, self.ecart(seuil, self.uc_insee)?))
    }

    /// Benefits / resources in percent; `None` when resources are zero.
    pub fn part_prestations(&self) -> Option<Ratio> {
        Ratio::new(1200 * i128::from(self.prestations), i128::from(self.douziemes))
    }

    /// Taux d'effort net in percent as `(numerator, denominator)`, never negative; `None`
    /// unless [`Effort::Calcule`]. Integers only: the batch reads it for every line.
    fn taux_effort_fraction(&self) -> Option<(i128, i128)> {
        let Effort::Calcule { loyer, charges, aide_logement, base_douziemes } = self.effort else { return None };
        let reste = i128::from((loyer + charges - aide_logement).max(0));
        Some((1200 * reste, i128::from(base_douziemes)))
    }

    /// Taux d'effort net in percent, never negative; `None` unless [`Effort::Calcule`].
    pub fn taux_effort(&self) -> Option<Ratio> {
        let (num, den) = self.taux_effort_fraction()?;
        Ratio::new(num, den)
    }

    /// Taux d'effort net in tenths of a percent, rounded half up.
    pub fn taux_effort_dixiemes(&self) -> Option<i64> {
        // In 64 bits when it fits (always, within the amounts' limits), else in 128.
        let petit = self
            .taux_effort_fraction_64()
            .and_then(|(n, d)| produit(n, 20)?.checked_add(d)?.checked_div(produit(d, 2)?));
        if petit.is_some() {
            return petit;
        }
        let (num, den) = self.taux_effort_fraction()?;
        i64::try_from((20 * num + den) / (2 * den)).ok()
    }

    /// Taux d'effort ≥ 30 %.
    pub fn taux_effort_eleve(&self) -> Option<bool> {
        if let Some((num, den)) = self.taux_effort_fraction_64() {
            if let Some(seuil) = i64::try_from(TAUX_EFFORT_ALERTE).ok().and_then(|t| produit(den, t)) {
                return Some(num >= seuil);
            }
        }
        let (num, den) = self.taux_effort_fraction()?;
        Some(num >= TAUX_EFFORT_ALERTE * den)
    }

    /// [`Chiffres::taux_effort_fraction`] in 64 bits, when it fits (always, within the amounts'
    /// limits): the batch then does no 128-bit arithmetic, a library call in wasm.
    fn taux_effort_fraction_64(&self) -> Option<(i64, i64)> {
        let Effort::Calcule { loyer, charges, aide_logement, base_douziemes } = self.effort else { return None };
        let reste = loyer.checked_add(charges)?.checked_sub(aide_logement)?.max(0);
        Some((produit(reste, 1200)?, base_douziemes))
    }

    /// Parts of the simulated family quotient.
    pub fn parts(&self) -> Option<Ratio> {
        Ratio::new(i128::from(self.parts_demi), 2)
    }

    /// Resources the family quotient counts, in twelfths of a centime: all resources but the
    /// benefits it leaves out.
    fn douziemes_qf(&self) -> i128 {
        i128::from(self.douziemes) - 12 * i128::from(self.prestations_non_retenues_qf.unwrap_or(0))
    }

    /// Simulated family quotient, €: resources retained / parts.
    pub fn quotient_familial_simule(&self) -> Option<Ratio> {
        Ratio::new(2 * self.douziemes_qf(), 1200 * i128::from(self.parts_demi))
    }

    /// Family quotient used: the attestation's when given, else the simulated one.
    pub fn quotient_familial(&self) -> Option<Ratio> {
        match self.quotient_familial_caf {
            Some(c) => Some(Ratio::centimes(c)),
            None => self.quotient_familial_simule(),
        }
    }

    /// Against a partner ceiling: (eligible, the figure compared, the margin under the ceiling
    /// in € per month — negative: excess).
    pub fn eligibilite(&self, p: &Plafond) -> Option<(bool, Ratio, Ratio)> {
        let plafond = Ratio::centimes(p.centimes);
        let (valeur, multiplicateur) = match p.indicateur {
            IndicateurPlafond::Ruc => (self.ruc()?, self.uc()?),
            IndicateurPlafond::QuotientFamilial => (self.quotient_familial()?, self.parts()?),
        };
        let ordre = valeur.compare(plafond)?;
        let eligible = if p.strict { ordre.is_lt() } else { ordre.is_le() };
        Some((eligible, valeur, plafond.moins(valeur)?.fois(multiplicateur)?))
    }
}
