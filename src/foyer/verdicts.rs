//! The verdicts of a foyer, first in the results: each answer a social worker or a partner looks
//! for (low income against the threshold in use — and against the CAF one beside a partner's —,
//! fragility, housing effort, dependency, each partner ceiling), as a label, a short answer and
//! a state that pages show as text and colour. Like the explanations, they only read what
//! [`Chiffres`] decided.

use super::chiffres::{Chiffres, Effort, Parametres};
use super::saisie::{Plafond, Saisie};
use crate::format::{euros, pourcent};
use crate::nombre::Ratio;
use crate::parametres::{Seuil, TypeSeuil};

/// How a verdict reads: pages give each state a colour, always beside its words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Etat {
    /// Needs attention first (low income, taux d'effort ≥ 30 %, all resources from benefits).
    Alerte,
    /// Worth a look (fragile, dependency ≥ 50 %).
    Attention,
    /// A favourable answer (eligible to an aid, above the threshold).
    Favorable,
    /// Not classified, not computed, or informative.
    Neutre,
}

impl Etat {
    /// Code of the contract: `"alerte"`, `"attention"`, `"favorable"`, `"neutre"`.
    pub fn code(self) -> &'static str {
        match self {
            Etat::Alerte => "alerte",
            Etat::Attention => "attention",
            Etat::Favorable => "favorable",
            Etat::Neutre => "neutre",
        }
    }
}

/// One verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// Stable id: `seuil`, `seuilCaf`, `fragile`, `tauxEffort`, `dependance`, `plafond`.
    pub id: &'static str,
    /// What is answered: "Bas revenus (seuil CAF 2017)", "Aide aux vacances".
    pub libelle: String,
    /// The short answer: "oui", "non", "40,1 %", "éligible".
    pub valeur: String,
    /// How it reads.
    pub etat: Etat,
    /// One sentence with the numbers.
    pub detail: String,
}

fn verdict(id: &'static str, libelle: String, valeur: &str, etat: Etat, detail: String) -> Verdict {
    Verdict { id, libelle, valeur: valeur.to_string(), etat, detail }
}

/// Position against a threshold on the CAF scale: (label, answer, state, detail).
/// `nom` names a partner's threshold (« seuil du partenaire « … » »).
fn position(c: &Chiffres, seuil: &Seuil, nom: &str, sous: bool) -> Option<Verdict> {
    let (ruc, v) = (euros(c.ruc()?, 2), euros(Ratio::centimes(seuil.centimes), 2));
    let caf = seuil.type_seuil == TypeSeuil::CafBasRevenus;
    let (id, libelle) = if caf {
        ("seuil", format!("Bas revenus (seuil CAF {})", seuil.annee))
    } else {
        ("seuil", format!("Sous le {nom}"))
    };
    let detail = format!("RUC {ruc} {} {v} par UC et par mois.", if sous { "<" } else { "≥" });
    let Some(raison) = c.hors_champ.filter(|_| caf) else {
        let etat = if sous { Etat::Alerte } else { Etat::Favorable };
        return Some(verdict(id, libelle, if sous { "oui" } else { "non" }, etat, detail));
    };
    Some(verdict(id, libelle, "non classé", Etat::Neutre, format!("Hors champ : {}.", raison.raison())))
}

fn effort(c: &Chiffres) -> Option<Verdict> {
    let libelle = "Taux d'effort net".to_string();
    Some(match c.effort {
        Effort::SansLoyer => verdict("tauxEffort", libelle, "non calculé", Etat::Neutre, "Loyer non renseigné.".into()),
        Effort::SansRessources => verdict(
            "tauxEffort",
            libelle,
            "non calculable",
            Etat::Neutre,
            "Aucune ressource en dehors de l'aide au logement.".into(),
        ),
        Effort::Calcule { .. } => {
            let eleve = c.taux_effort_eleve()?;
            let detail = if eleve { "30 % ou plus : effort élevé." } else { "Moins de 30 %." };
            let etat = if eleve { Etat::Alerte } else { Etat::Favorable };
            verdict("tauxEffort", libelle, &pourcent(c.taux_effort()?, 1), etat, detail.into())
        }
    })
}

fn dependance(c: &Chiffres) -> Verdict {
    let libelle = "Part des prestations dans les ressources".to_string();
    let Some(part) = c.part_prestations() else {
        return verdict(
            "dependance",
            libelle,
            "sans ressources",
            Etat::Neutre,
            "Le foyer n'a aucune ressource.".into(),
        );
    };
    let (etat, detail) = if c.dependance100 {
        (Etat::Alerte, "Les prestations sont toutes les ressources (dépendance à 100 %).")
    } else if c.dependance50 {
        (Etat::Attention, "Au moins la moitié des ressources (dépendance à 50 % ou plus).")
    } else {
        (Etat::Neutre, "Moins de la moitié des ressources.")
    };
    verdict("dependance", libelle, &pourcent(part, 1), etat, detail.into())
}

fn plafond(c: &Chiffres, p: &Plafond) -> Option<Verdict> {
    let (eligible, _, ecart) = c.eligibilite(p)?;
    let detail = if eligible {
        format!("Marge de {} par mois sous le plafond.", euros(ecart, 2))
    } else {
        format!("Dépasse le plafond de {} par mois.", euros(ecart.fois(Ratio::entier(-1))?, 2))
    };
    let (valeur, etat) = if eligible { ("éligible", Etat::Favorable) } else { ("non éligible", Etat::Neutre) };
    Some(verdict("plafond", p.libelle.clone(), valeur, etat, detail))
}

/// Every verdict of a foyer, in reading order. `nom_seuil` names the threshold in use.
pub(super) fn verdicts(s: &Saisie, c: &Chiffres, p: &Parametres, nom_seuil: &str) -> Option<Vec<Verdict>> {
    let seuil = &p.seuil.seuil;
    let mut v = vec![position(c, seuil, nom_seuil, c.sous_le_seuil)?];
    if seuil.type_seuil == TypeSeuil::Partenaire {
        // Beside a partner's threshold, the CAF comparison stays visible.
        let caf = Parametres::caf(s.annee)?.seuil.seuil;
        let nom = format!("seuil CAF {}", caf.annee);
        v.push(Verdict { id: "seuilCaf", ..position(c, &caf, &nom, c.sous(caf.centimes))? });
    }
    if let Some(fragile) = c.fragile() {
        let (valeur, etat, detail) = if fragile {
            ("oui", Etat::Attention, "Au-dessus du seuil grâce aux prestations seulement.")
        } else {
            ("non", Etat::Neutre, "Le foyer n'est pas au-dessus du seuil grâce aux seules prestations.")
        };
        v.push(verdict("fragile", "Fragile".into(), valeur, etat, detail.into()));
    }
    v.push(effort(c)?);
    v.push(dependance(c));
    for pl in &s.plafonds {
        v.push(plafond(c, pl)?);
    }
    Some(v)
}
