//! The reference circle of the radar: the mean of each axis over a set of territories of the
//! same type (all the EPCI of a file, or those of one département), as the CAF study draws it
//! (`docs/indicateurs.md` §2.5). Computed from an open-data import or a counts file.

use std::collections::BTreeMap;

use crate::catalogue::{indicateur, RADAR_DEFAUT};
use crate::diagnostic::{valeur_indicateur, Territoire, Valeurs};
use crate::nombre::Ratio;

/// Decimals kept for each value before averaging: the sum stays an exact integer whatever the
/// number of territories (a sum of fractions with unrelated denominators would overflow).
const DECIMALES: u32 = 6;

/// The mean of the radar's axes over a set of territories of the same type.
#[derive(Clone, Debug, PartialEq)]
pub struct MoyenneRadar {
    /// Level of the territories (`commune`, `epci`, `departement`, or a counts file's own).
    pub niveau: String,
    /// The département (or, for a counts file, the reference row) the set is limited to;
    /// `None`: every territory of the level in the file.
    pub departement: Option<String>,
    /// What the mean is, for the chart: « Moyenne des 23 EPCI du fichier ».
    pub libelle: String,
    /// Territories in the set.
    pub nombre: usize,
    /// Mean by indicator id, over the territories that have a value (an axis none has is absent).
    pub valeurs: Valeurs,
}

/// One territory of a set: its level, its département (or reference) and its values.
pub struct Membre<'a> {
    /// Level.
    pub niveau: &'a str,
    /// Département or reference code.
    pub departement: Option<&'a str>,
    /// The territory.
    pub territoire: &'a Territoire,
}

fn pluriel(niveau: &str) -> String {
    match niveau {
        "commune" => "communes".into(),
        "epci" => "EPCI".into(),
        "departement" => "départements".into(),
        autre => format!("territoires de niveau « {autre} »"),
    }
}

/// Each member's value on each default radar axis, rounded to [`DECIMALES`] decimals as an
/// integer: computed once per territory, though a territory belongs to two sets (its level in the
/// file, and its département).
fn valeurs_des_axes(membres: &[Membre<'_>]) -> Vec<Option<i128>> {
    let axes: Vec<_> = RADAR_DEFAUT.iter().map(|id| indicateur(id)).collect();
    membres
        .iter()
        .flat_map(|m| {
            axes.iter().map(|ind| ind.and_then(|ind| valeur_indicateur(m.territoire, ind)?.arrondi(DECIMALES)))
        })
        .collect()
}

/// The mean of each default radar axis over the members of indices `liste` (`axes`: as
/// [`valeurs_des_axes`] gives them).
fn moyenne(axes: &[Option<i128>], liste: &[usize]) -> Valeurs {
    let mut valeurs = Valeurs::new();
    let n_axes = RADAR_DEFAUT.len();
    for (k, &id) in RADAR_DEFAUT.iter().enumerate() {
        let (mut somme, mut n) = (0_i128, 0_i128);
        for v in liste.iter().filter_map(|&i| axes.get(i * n_axes + k).copied().flatten()) {
            somme = somme.saturating_add(v);
            n += 1;
        }
        let echelle = 10_i128.pow(DECIMALES);
        if let Some(m) = (n > 0).then(|| Ratio::new(somme, n * echelle)).flatten() {
            valeurs.insert(id, m);
        }
    }
    valeurs
}

/// The means of every set of at least two territories of the same level: the whole file, then
/// each département (or reference) holding fewer than the whole file. `nom_de` names a
/// département code in the labels (« du Pas-de-Calais »), `None` keeps the code.
pub fn moyennes(membres: &[Membre<'_>], nom_de: &dyn Fn(&str) -> Option<String>) -> Vec<MoyenneRadar> {
    let mut groupes: BTreeMap<(&str, Option<&str>), Vec<usize>> = BTreeMap::new();
    for (i, m) in membres.iter().enumerate() {
        groupes.entry((m.niveau, None)).or_default().push(i);
        if let Some(d) = m.departement {
            groupes.entry((m.niveau, Some(d))).or_default().push(i);
        }
    }
    let axes = valeurs_des_axes(membres);
    let mut sortie = Vec::new();
    for ((niveau, departement), liste) in &groupes {
        let tous = groupes.get(&(*niveau, None)).map_or(0, Vec::len);
        if liste.len() < 2 || (departement.is_some() && liste.len() == tous) {
            continue;
        }
        let ou = match departement {
            None => "du fichier".to_string(),
            Some(d) => nom_de(d).unwrap_or_else(|| format!("de {d}")),
        };
        sortie.push(MoyenneRadar {
            niveau: niveau.to_string(),
            departement: departement.map(str::to_string),
            libelle: format!("Moyenne des {} {} {ou}", liste.len(), pluriel(niveau)),
            nombre: liste.len(),
            valeurs: moyenne(&axes, liste),
        });
    }
    sortie
}
