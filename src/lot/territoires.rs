//! The diagnostic ratios of every commune and EPCI of an open-data import against its
//! département, as one CSV.

use super::nombres::{ecrire_arrondi, ecrire_entier};
use crate::catalogue::{Formule, Indicateur, INDICATEURS};
use crate::diagnostic::{valeur_indicateur, Territoire};
use crate::import::{Import, Niveau, COLONNES_FILOSOFI, COLONNES_IRIS, COLONNES_TAUX_ACCUEIL};
use crate::nombre::Ratio;
use crate::tableur::{cellule_texte_csv, BOM};

/// The ratio indicators an open-data import can give: every share or rate of the catalogue
/// whose counts all come from the IRIS files or the population, and the values published as
/// they are (CNAF childcare rates, INSEE Filosofi income).
pub fn indicateurs_importables() -> Vec<&'static Indicateur> {
    let disponible = |k: &str| k == "habitants" || COLONNES_IRIS.iter().any(|(_, cle)| *cle == k);
    // The childcare capacity rates are published as they are (CNAF files), not computed.
    let publie = |id: &str| COLONNES_TAUX_ACCUEIL.iter().chain(&COLONNES_FILOSOFI).any(|(_, i)| *i == id);
    let ratio =
        |i: &Indicateur| matches!(i.formule, Formule::Part { .. } | Formule::Pour100 { .. } | Formule::Rapport { .. });
    INDICATEURS.iter().filter(|i| publie(i.id) || (ratio(i) && i.cles().iter().all(|k| disponible(k)))).collect()
}

/// The territory of an imported one, as the diagnostic reads it.
pub fn territoire_de(t: &crate::import::TerritoireImporte) -> Territoire {
    // Inserted one by one: collecting into a map would pull a generic sort into the module.
    let dixiemes = |publiees: &[(&'static str, i64)], m: &mut crate::diagnostic::Valeurs| {
        for &(k, d) in publiees {
            m.insert(k, Ratio::new(i128::from(d), 10).unwrap_or(Ratio::ZERO));
        }
    };
    let mut valeurs = crate::diagnostic::Valeurs::new();
    for (&k, v) in &t.valeurs {
        valeurs.insert(k, Ratio::entier(i128::from(*v)));
    }
    dixiemes(&t.publiees, &mut valeurs);
    let mut valeurs5ans = crate::diagnostic::Valeurs::new();
    dixiemes(&t.publiees5ans, &mut valeurs5ans);
    Territoire { annee: t.annee, valeurs, valeurs5ans, ..Territoire::default() }
}

/// The diagnostic ratios of every commune and EPCI of an import against its département, as one
/// CSV (`;`, decimal comma): level, code, name, département, allocataires, habitants, then for
/// each indicator its value for the territory and for the département.
pub fn territoires_csv(import: &Import) -> String {
    let indicateurs = indicateurs_importables();
    let mut s = format!("{BOM}niveau;code;nom;departement;annee;allocataires;habitants");
    for i in &indicateurs {
        s.push(';');
        s.push_str(i.id);
        s.push(';');
        s.push_str(i.id);
        s.push_str("_departement");
    }
    s.push('\n');
    let departements: Vec<(&str, Territoire)> = import
        .territoires
        .iter()
        .filter(|t| t.niveau == Niveau::Departement)
        .map(|t| (t.code.as_str(), territoire_de(t)))
        .collect();
    let valeur = |t: &Territoire, i: &Indicateur, sortie: &mut String| {
        ecrire_arrondi(sortie, valeur_indicateur(t, i), i.precision);
    };
    for t in import.territoires.iter().filter(|t| t.niveau != Niveau::Departement) {
        let dep = t.departement.as_deref().and_then(|d| departements.iter().find(|x| x.0 == d)).map(|x| &x.1);
        s.push_str(t.niveau.code());
        s.push(';');
        s.push_str(&cellule_texte_csv(&t.code));
        s.push(';');
        s.push_str(&cellule_texte_csv(&t.nom));
        s.push(';');
        s.push_str(t.departement.as_deref().unwrap_or_default());
        s.push(';');
        ecrire_entier(&mut s, i64::from(t.annee));
        for cle in ["allocataires", "habitants"] {
            s.push(';');
            if let Some(v) = t.valeurs.get(cle) {
                ecrire_entier(&mut s, *v);
            }
        }
        let ter = territoire_de(t);
        for i in &indicateurs {
            s.push(';');
            valeur(&ter, i, &mut s);
            s.push(';');
            if let Some(d) = dep {
                valeur(d, i, &mut s);
            }
        }
        s.push('\n');
    }
    s
}
