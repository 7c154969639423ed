//! The public contract of the package, in plain Rust: the boundary types that JavaScript
//! receives (`…Js`, serialised with camelCase names as `docs/api.md` lists them), built from
//! the core's results by `From`; the errors as JavaScript sees them ([`ErreurJs`]: a French
//! `message` and a `champ`); the native entry points that take a decoded input tree
//! ([`calculer_foyer_valeur`]…), which the binding, the tests and the fuzz targets share; and
//! the TypeScript declarations ([`TYPES`]), checked against the serialised outputs by
//! `tests/contrat.rs`.
//!
//! Nothing here knows `wasm_bindgen`: the binding ([`crate::wasm`]) only converts `JsValue`s.

use serde::Serialize;

use crate::catalogue::{cles_connues, libelle_cle, INDICATEURS};
use crate::diagnostic::{diagnostiquer, Cellule, Diagnostic, ErreurDiagnostic, Options, Territoire, Valeurs};
use crate::foyer::{ErreurFoyer, Resultat, Role, Situation};
use crate::import::{importer, ErreurImport, Fichier, Import};
use crate::lot::{
    comptes_csv_suivi, lire_comptes_suivi, moyennes, territoire_de, territoires_csv, Bilan, Comptes, ErreurComptes,
    ErreurListee, ErreurLot, LigneComptes, Membre, MoyenneRadar, Progression, SeuilsPopulation,
};
use crate::nombre::Ratio;
use crate::parametres::{Seuil, SEUILS};
use crate::radar::Alerte;
use crate::valeur::Valeur;

/// A threshold as given to JavaScript.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SeuilJs {
    /// Year of the value.
    pub annee: i32,
    /// € per UC per month.
    pub valeur: f64,
    /// `"caf-bas-revenus"`, `"insee-60"`, `"insee-50"` or `"partenaire"`.
    #[serde(rename = "type")]
    pub type_seuil: &'static str,
    /// Source of the value.
    pub source: String,
    /// `"confirme"`, `"secondaire"` or `"fourni"`.
    pub statut: &'static str,
    /// French name of the kind ("Seuil de bas revenus CAF").
    pub libelle: String,
    /// French display of the value ("1 052 €").
    pub affiche: String,
    /// French words for the status ("source officielle").
    pub statut_libelle: &'static str,
}

impl From<&Seuil> for SeuilJs {
    fn from(s: &Seuil) -> Self {
        SeuilJs {
            annee: s.annee,
            valeur: Ratio::centimes(s.centimes).to_f64(),
            type_seuil: s.type_seuil.code(),
            source: s.source.to_string(),
            statut: s.statut.code(),
            libelle: s.type_seuil.libelle().to_string(),
            affiche: crate::format::euros(Ratio::centimes(s.centimes), if s.centimes % 100 == 0 { 0 } else { 2 }),
            statut_libelle: s.statut.libelle(),
        }
    }
}

/// Position against one INSEE line.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PositionInseeJs {
    /// The line used.
    #[serde(flatten)]
    pub seuil: SeuilJs,
    /// Resources per INSEE UC, € per month.
    pub ruc_insee: f64,
    /// Under the line.
    pub sous_le_seuil: bool,
    /// Resources − line × UC INSEE, € per month.
    pub ecart_mensuel: f64,
}

/// One displayed figure.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct FigureJs {
    /// Stable id.
    pub id: &'static str,
    /// French label.
    pub libelle: String,
    /// French display.
    pub affiche: String,
    /// French explanation with the numbers.
    pub explication: String,
}

/// A label and its displayed value.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct LibelleValeurJs {
    /// French label.
    pub libelle: String,
    /// French display.
    pub valeur: String,
}

/// Eligibility to a partner ceiling.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct EligibiliteJs {
    /// Name of the aid.
    pub libelle: String,
    /// Under the ceiling.
    pub eligible: bool,
    /// Margin under the ceiling, € per month (negative: excess).
    pub ecart_mensuel: f64,
    /// French explanation.
    pub explication: String,
}

/// A warning that belongs to one input field.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct AlerteChampJs {
    /// Path of the field, as in errors.
    pub champ: &'static str,
    /// French sentence.
    pub message: String,
}

/// A verdict, first in the results.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct VerdictJs {
    /// `seuil`, `seuilCaf`, `fragile`, `tauxEffort`, `dependance` or `plafond`.
    pub id: &'static str,
    /// What is answered.
    pub libelle: String,
    /// The short answer.
    pub valeur: String,
    /// `"alerte"`, `"attention"`, `"favorable"` or `"neutre"`.
    pub etat: &'static str,
    /// One sentence with the numbers.
    pub detail: String,
}

/// The result of `calculerFoyer`, field for field as in `docs/api.md`.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ResultatJs {
    /// Reference year asked.
    pub annee: i32,
    /// UC, CAF scale.
    pub uc: f64,
    /// UC, INSEE scale.
    pub uc_insee: f64,
    /// Single-parent foyer.
    pub monoparental: bool,
    /// Monthly resources, €.
    pub ressources_mensuelles: f64,
    /// € per UC per month, unrounded.
    pub ruc: f64,
    /// € per UC per month without benefits, unrounded.
    pub ruc_hors_prestations: f64,
    /// Threshold used.
    pub seuil: SeuilJs,
    /// Resources − threshold × UC, € per month.
    pub ecart_seuil_mensuel: f64,
    /// INSEE lines and the foyer's position.
    pub seuils_insee: Vec<PositionInseeJs>,
    /// Null when hors champ.
    pub bas_revenus: Option<bool>,
    /// Null when hors champ.
    pub fragile: Option<bool>,
    /// Benefits / resources, percent; null when resources are zero.
    pub part_prestations: Option<f64>,
    /// Benefits ≥ 50 % of resources.
    pub dependance50: bool,
    /// Benefits = all resources.
    pub dependance100: bool,
    /// Null, or why the foyer is outside the reference population.
    pub hors_champ: Option<String>,
    /// Taux d'effort net in percent, or null.
    pub taux_effort: Option<f64>,
    /// Taux d'effort ≥ 30 %, or null.
    pub taux_effort_eleve: Option<bool>,
    /// Family quotient used, €.
    pub quotient_familial: f64,
    /// Simulated family quotient, €.
    pub quotient_familial_simule: f64,
    /// Parts of the simulation.
    pub parts: f64,
    /// Partner ceilings.
    pub eligibilites: Vec<EligibiliteJs>,
    /// One French sentence that sums the situation up.
    pub synthese: String,
    /// The answers first.
    pub verdicts: Vec<VerdictJs>,
    /// Warnings to show next to their field.
    pub alertes_champs: Vec<AlerteChampJs>,
    /// The situation as entered, in French, for the family's sheet.
    pub recapitulatif: Vec<LibelleValeurJs>,
    /// Figures in display order.
    pub figures: Vec<FigureJs>,
    /// One French sentence per figure.
    pub explications: Vec<String>,
    /// French warnings.
    pub avertissements: Vec<String>,
}

impl From<&Resultat> for ResultatJs {
    fn from(r: &Resultat) -> Self {
        let dixiemes = |d: u32| f64::from(d) / 10.0;
        ResultatJs {
            annee: r.annee,
            uc: dixiemes(r.uc_dixiemes),
            uc_insee: dixiemes(r.uc_insee_dixiemes),
            monoparental: r.monoparental,
            ressources_mensuelles: r.ressources_mensuelles.to_f64(),
            ruc: r.ruc.to_f64(),
            ruc_hors_prestations: r.ruc_hors_prestations.to_f64(),
            seuil: SeuilJs::from(&r.seuil),
            ecart_seuil_mensuel: r.ecart_seuil_mensuel.to_f64(),
            seuils_insee: r
                .seuils_insee
                .iter()
                .map(|p| PositionInseeJs {
                    seuil: SeuilJs::from(&p.seuil),
                    ruc_insee: p.ruc_insee.to_f64(),
                    sous_le_seuil: p.sous_le_seuil,
                    ecart_mensuel: p.ecart_mensuel.to_f64(),
                })
                .collect(),
            bas_revenus: r.bas_revenus,
            fragile: r.fragile,
            part_prestations: r.part_prestations.map(Ratio::to_f64),
            dependance50: r.dependance50,
            dependance100: r.dependance100,
            hors_champ: r.hors_champ.clone(),
            taux_effort: r.taux_effort.as_ref().map(|t| t.pourcent.to_f64()),
            taux_effort_eleve: r.taux_effort.as_ref().map(|t| t.eleve),
            quotient_familial: r.quotient_familial.to_f64(),
            quotient_familial_simule: r.quotient_familial_simule.to_f64(),
            parts: f64::from(r.parts_demi) / 2.0,
            eligibilites: r
                .eligibilites
                .iter()
                .map(|e| EligibiliteJs {
                    libelle: e.libelle.clone(),
                    eligible: e.eligible,
                    ecart_mensuel: e.ecart_mensuel.to_f64(),
                    explication: e.explication.clone(),
                })
                .collect(),
            synthese: r.synthese.clone(),
            alertes_champs: r
                .alertes_champs
                .iter()
                .map(|(champ, message)| AlerteChampJs { champ, message: message.clone() })
                .collect(),
            verdicts: r
                .verdicts
                .iter()
                .map(|v| VerdictJs {
                    id: v.id,
                    libelle: v.libelle.clone(),
                    valeur: v.valeur.clone(),
                    etat: v.etat.code(),
                    detail: v.detail.clone(),
                })
                .collect(),
            recapitulatif: r
                .recapitulatif
                .iter()
                .map(|(libelle, valeur)| LibelleValeurJs { libelle: libelle.clone(), valeur: valeur.clone() })
                .collect(),
            figures: r
                .figures
                .iter()
                .map(|f| FigureJs {
                    id: f.id,
                    libelle: f.libelle.clone(),
                    affiche: f.affiche.clone(),
                    explication: f.explication.clone(),
                })
                .collect(),
            explications: r.figures.iter().map(|f| f.explication.clone()).collect(),
            avertissements: r.avertissements.clone(),
        }
    }
}

/// An error as JavaScript receives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErreurJs {
    /// French sentence.
    pub message: String,
    /// Path of the field at fault.
    pub champ: String,
}

impl From<ErreurFoyer> for ErreurJs {
    fn from(e: ErreurFoyer) -> Self {
        ErreurJs { message: e.to_string(), champ: e.champ().into_owned() }
    }
}

impl From<ErreurDiagnostic> for ErreurJs {
    fn from(e: ErreurDiagnostic) -> Self {
        ErreurJs { message: e.to_string(), champ: e.champ().to_string() }
    }
}

/// A cell of the diagnostic's tables.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CelluleJs {
    /// Unrounded value, or null.
    pub valeur: Option<f64>,
    /// French display, empty when unknown.
    pub affiche: String,
    /// 5-year variation in %, or null.
    pub variation5ans: Option<f64>,
    /// "+1,0 %", or empty.
    pub affichage_variation: String,
    /// "↑", "↓", "→" or empty.
    pub fleche: &'static str,
}

impl From<&Cellule> for CelluleJs {
    fn from(c: &Cellule) -> Self {
        CelluleJs {
            valeur: c.valeur.map(Ratio::to_f64),
            affiche: c.affiche.clone(),
            variation5ans: c.variation5ans.map(Ratio::to_f64),
            affichage_variation: c.affichage_variation.clone(),
            fleche: c.fleche,
        }
    }
}

/// A row: the territory's cell flattened, the reference's under `reference`.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct LigneJs {
    /// Indicator id.
    pub id: &'static str,
    /// French label.
    pub libelle: &'static str,
    /// Reference year of the row.
    pub annee: i32,
    /// The territory's cell.
    #[serde(flatten)]
    pub territoire: CelluleJs,
    /// The reference's cell.
    pub reference: CelluleJs,
}

/// A section of the study.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct SectionJs {
    /// Title.
    pub titre: &'static str,
    /// Sentences.
    pub phrases: Vec<String>,
    /// Rows.
    pub lignes: Vec<LigneJs>,
    /// Notes on missing values.
    pub notes: Vec<String>,
}

/// An axis of the radar.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AxeJs {
    /// Indicator id.
    pub id: String,
    /// Short label.
    pub libelle: String,
    /// The territory's value.
    pub valeur: Option<f64>,
    /// The reference value.
    pub reference: Option<f64>,
    /// Territory / reference.
    pub rapport: Option<f64>,
    /// Display of the value.
    pub affiche: String,
    /// Display of the reference.
    pub affiche_reference: String,
    /// `"haute"`, `"basse"` or null.
    pub alerte: Option<&'static str>,
}

/// The result of `calculerDiagnostic`.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosticJs {
    /// The territory's name as displayed.
    pub nom: String,
    /// The reference's name as displayed ("Pas-de-Calais" for "pas-de-calais").
    pub nom_reference: String,
    /// Sections in the document's order.
    pub sections: Vec<SectionJs>,
    /// The radar, as an SVG document.
    pub radar: String,
    /// The radar's axes.
    pub radar_axes: Vec<AxeJs>,
    /// The radar's text alternative, one sentence per axis.
    pub radar_texte: Vec<String>,
    /// What the radar's reference circle is.
    pub radar_reference: String,
    /// « Les indicateurs fortement inférieurs », one sentence each.
    pub radar_fortement_inferieurs: Vec<String>,
    /// « Les indicateurs fortement supérieurs », one sentence each.
    pub radar_fortement_superieurs: Vec<String>,
    /// Labels of the axes left out for lack of a value.
    pub radar_absents: Vec<String>,
    /// Warnings about the input.
    pub avertissements: Vec<String>,
    /// The title block: `[libellé, texte]` pairs (territory, reference, years, sources).
    pub entete: Vec<(&'static str, String)>,
}

impl From<&Diagnostic> for DiagnosticJs {
    fn from(d: &Diagnostic) -> Self {
        let section = |s: &crate::diagnostic::SectionCalculee| SectionJs {
            titre: s.titre,
            phrases: s.phrases.clone(),
            lignes: s
                .lignes
                .iter()
                .map(|l| LigneJs {
                    id: l.id,
                    libelle: l.libelle,
                    annee: l.annee,
                    territoire: CelluleJs::from(&l.territoire),
                    reference: CelluleJs::from(&l.reference),
                })
                .collect(),
            notes: s.notes.clone(),
        };
        let axe = |a: &crate::radar::Axe| AxeJs {
            id: a.id.clone(),
            libelle: a.libelle.clone(),
            valeur: a.valeur.map(Ratio::to_f64),
            reference: a.reference.map(Ratio::to_f64),
            rapport: a.rapport.map(Ratio::to_f64),
            affiche: a.affiche.clone(),
            affiche_reference: a.affiche_reference.clone(),
            alerte: a.alerte.map(|x| match x {
                Alerte::Haute => "haute",
                Alerte::Basse => "basse",
            }),
        };
        DiagnosticJs {
            nom: d.nom.clone(),
            nom_reference: d.nom_reference.clone(),
            sections: d.sections.iter().map(section).collect(),
            radar: d.radar.svg.clone(),
            radar_axes: d.radar.axes.iter().map(axe).collect(),
            radar_texte: d.radar.texte.clone(),
            radar_reference: d.radar.reference.clone(),
            radar_fortement_inferieurs: d.radar.fortement_inferieurs.clone(),
            radar_fortement_superieurs: d.radar.fortement_superieurs.clone(),
            radar_absents: d.radar.absents.clone(),
            avertissements: d.avertissements.clone(),
            entete: d.entete.clone(),
        }
    }
}

/// An input key of the diagnostic with its French label.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct CleJs {
    /// Key.
    pub cle: &'static str,
    /// French label.
    pub libelle: &'static str,
    /// Whether it is a computed indicator that can also be given directly.
    pub indicateur: bool,
    /// Whether its 5-year variation is shown (and can be given in `variations5ans`).
    pub variation: bool,
}

/// Every input key of the diagnostic, labelled.
pub fn cles_diagnostic_js() -> Vec<CleJs> {
    cles_connues()
        .iter()
        .map(|&cle| CleJs {
            cle,
            libelle: libelle_cle(cle).unwrap_or(cle),
            indicateur: INDICATEURS
                .iter()
                .any(|i| i.id == cle && !matches!(i.formule, crate::catalogue::Formule::Saisie)),
            variation: INDICATEURS.iter().any(|i| i.id == cle && i.variation),
        })
        .collect()
}

fn lire_diagnostic(t: &Valeur, r: &Valeur, o: &Valeur) -> Result<(Territoire, Territoire, Options), ErreurJs> {
    Ok((
        Territoire::lire(t, "territoire", "Territoire")?,
        Territoire::lire(r, "reference", "Référence")?,
        Options::lire(o)?,
    ))
}

/// `calculerDiagnostic` on decoded inputs.
///
/// # Errors
/// Every rule of [`Territoire::lire`] and [`Options::lire`], as an [`ErreurJs`].
pub fn calculer_diagnostic_valeur(t: &Valeur, r: &Valeur, o: &Valeur) -> Result<DiagnosticJs, ErreurJs> {
    let (t, r, o) = lire_diagnostic(t, r, o)?;
    Ok(DiagnosticJs::from(&diagnostiquer(&t, &r, &o)))
}

/// The diagnostic's tables as CSV, on decoded inputs.
///
/// # Errors
/// As [`calculer_diagnostic_valeur`].
pub fn diagnostic_csv_valeur(t: &Valeur, r: &Valeur, o: &Valeur) -> Result<String, ErreurJs> {
    let (t, r, o) = lire_diagnostic(t, r, o)?;
    Ok(diagnostiquer(&t, &r, &o).csv())
}

/// The JSON export of a study (`exporterDiagnosticJson`): the whole study as `calculerDiagnostic`
/// returns it, with what identifies the file.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct EtudeExporteeJs {
    /// `"indicateurs-caf/etude"`: what the file holds.
    pub format: &'static str,
    /// The package version that computed it.
    pub version: &'static str,
    /// The date of production given by the caller (`AAAA-MM-JJ`).
    pub produit_le: String,
    /// The study.
    pub etude: DiagnosticJs,
}

/// The study with its identification, for the JSON export, on decoded inputs.
///
/// # Errors
/// As [`calculer_diagnostic_valeur`]; `produitLe` not a date `AAAA-MM-JJ` of the calendar
/// ([`crate::format::date_valide`]: no 31 April, 29 February in leap years only).
pub fn diagnostic_json_valeur(
    t: &Valeur,
    r: &Valeur,
    o: &Valeur,
    produit_le: &str,
) -> Result<EtudeExporteeJs, ErreurJs> {
    let date = produit_le.as_bytes();
    let forme = date.len() == 10
        && date.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    // Read only once the shape is checked: digits where they are expected.
    let partie =
        |a: usize, b: usize| date.get(a..b).unwrap_or_default().iter().fold(0, |n, c| n * 10 + u32::from(c - b'0'));
    let valide = forme && crate::format::date_valide(partie(0, 4) as i32, partie(5, 7), partie(8, 10));
    if !valide {
        return Err(ErreurJs {
            message: format!(
                "produitLe : « {} » n'est pas une date AAAA-MM-JJ (par exemple 2026-11-29).",
                produit_le.chars().take(40).collect::<String>()
            ),
            champ: "produitLe".into(),
        });
    }
    Ok(EtudeExporteeJs {
        format: "indicateurs-caf/etude",
        version: env!("CARGO_PKG_VERSION"),
        produit_le: produit_le.into(),
        etude: calculer_diagnostic_valeur(t, r, o)?,
    })
}

/// `dateLongue(annee, mois, jour)`: a date written in full, as French writes it (`30 novembre
/// 2026`, `1er décembre 2026`), from its numbers as a page reads them from `Date` (the month
/// from 1 to 12).
///
/// # Errors
/// `annee` not a whole number from 1 to 9999, `mois` not one from 1 to 12, `jour` not a day of
/// that month (`champ`: the field).
pub fn date_longue_js(annee: f64, mois: f64, jour: f64) -> Result<String, ErreurJs> {
    let entier = |v: f64, max: f64, champ: &str, regle: &str| -> Result<u32, ErreurJs> {
        if v.is_finite() && v.fract() == 0.0 && (1.0..=max).contains(&v) {
            Ok(v as u32)
        } else {
            Err(ErreurJs { message: format!("{champ} : {regle}."), champ: champ.into() })
        }
    };
    let a = entier(annee, 9999.0, "annee", "une année de 1 à 9999 est attendue")?;
    let m = entier(mois, 12.0, "mois", "un mois de 1 à 12 est attendu")?;
    let j = entier(jour, 31.0, "jour", "un jour de 1 à 31 est attendu")?;
    let a = i32::try_from(a).unwrap_or(0);
    crate::format::date_longue(a, m, j).ok_or_else(|| ErreurJs {
        message: format!("jour : le mois {m} de {a} n'a pas de jour {j}."),
        champ: "jour".into(),
    })
}

impl From<ErreurImport> for ErreurJs {
    fn from(e: ErreurImport) -> Self {
        ErreurJs { message: e.to_string(), champ: e.champ() }
    }
}

/// An imported territory, ready to be passed to `calculerDiagnostic`.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct TerritoireImporteJs {
    /// `"commune"`, `"epci"` or `"departement"`.
    pub niveau: &'static str,
    /// INSEE code, SIREN or département code.
    pub code: String,
    /// Name.
    pub nom: String,
    /// Département code.
    pub departement: Option<String>,
    /// Year of the counts.
    pub annee: i32,
    /// Values by input key, and published values by indicator id (childcare rates).
    #[serde(serialize_with = "nombres_par_cle")]
    pub valeurs: Valeurs,
    /// Published values five years earlier (CNAF childcare rates), for the 5-year variation.
    #[serde(serialize_with = "nombres_par_cle")]
    pub valeurs5ans: Valeurs,
    /// Communes aggregated.
    pub communes: u32,
    /// IRIS read.
    pub iris: u32,
    /// IRIS under statistical secrecy.
    pub iris_secrets: u32,
    /// Notes on completeness.
    pub notes: Vec<String>,
    /// Article of the name in sentences.
    pub article: &'static str,
    /// How much of the territory the files cover, when not all of it (also in `nom`).
    pub couverture: Option<String>,
}

/// The mean of the radar's axes over territories of the same type (`moyennes` of an import or a
/// counts file), to pass as `options.radar.reference` with its `libelle`.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct MoyenneRadarJs {
    /// Level of the territories.
    pub niveau: String,
    /// The département (or reference row) the set is limited to; null: the whole file.
    pub departement: Option<String>,
    /// « Moyenne des 23 EPCI du fichier ».
    pub libelle: String,
    /// Territories in the set.
    pub nombre: usize,
    /// Mean by indicator id.
    #[serde(serialize_with = "nombres_par_cle")]
    pub valeurs: Valeurs,
}

/// Exact values by catalogue key as one object of JavaScript numbers, converted while they are
/// written (no copy first), written as a struct's fields: the binding makes each key's JavaScript
/// string once and reuses it (a counts file of every commune writes millions of them), where a
/// map's keys are made anew each time. Same object, same JSON.
fn nombres_par_cle<V: std::borrow::Borrow<Valeurs>, S: serde::Serializer>(m: &V, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    let m = m.borrow();
    let mut objet = s.serialize_struct("Valeurs", m.len())?;
    for (cle, v) in m.iter() {
        objet.serialize_field(cle, &v.to_f64())?;
    }
    objet.end()
}

impl From<&MoyenneRadar> for MoyenneRadarJs {
    fn from(m: &MoyenneRadar) -> Self {
        MoyenneRadarJs {
            niveau: m.niveau.clone(),
            departement: m.departement.clone(),
            libelle: m.libelle.clone(),
            nombre: m.nombre,
            valeurs: m.valeurs.clone(),
        }
    }
}

/// The same-type means of an import: every level of the file, and each département.
fn moyennes_import(i: &Import) -> Vec<MoyenneRadarJs> {
    let territoires: Vec<_> = i.territoires.iter().map(|t| (t, territoire_de(t))).collect();
    let membres: Vec<Membre<'_>> = territoires
        .iter()
        .map(|(t, terr)| Membre { niveau: t.niveau.code(), departement: t.departement.as_deref(), territoire: terr })
        .collect();
    let nom = |d: &str| {
        crate::territoire::departement(d)
            .map(|(_, nom, article)| crate::territoire::Nom { nom: nom.into(), article }.de())
    };
    moyennes(&membres, &nom).iter().map(MoyenneRadarJs::from).collect()
}

/// The same-type means of a counts file: every level of the file, and the rows compared with
/// the same reference row.
fn moyennes_comptes(c: &Comptes) -> Vec<MoyenneRadarJs> {
    c.moyennes().iter().map(MoyenneRadarJs::from).collect()
}

/// The result of `importerDonnees`.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ImportJs {
    /// Year of the most recent IRIS file.
    pub annee: i32,
    /// Communes, EPCI, départements.
    pub territoires: Vec<TerritoireImporteJs>,
    /// Skipped lines and other warnings.
    pub avertissements: Vec<String>,
    /// Data lines read.
    pub lignes_lues: usize,
    /// The radar's same-type means (every level of the file, each département).
    pub moyennes: Vec<MoyenneRadarJs>,
    /// Communes of the population file that the IRIS files do not cover: `[code, nom]`.
    pub communes_sans_iris: Vec<(String, String)>,
}

impl From<&Import> for ImportJs {
    fn from(i: &Import) -> Self {
        ImportJs {
            annee: i.annee,
            territoires: i
                .territoires
                .iter()
                .map(|t| (t, territoire_de(t)))
                .map(|(t, lu)| TerritoireImporteJs {
                    niveau: t.niveau.code(),
                    code: t.code.clone(),
                    nom: t.nom.clone(),
                    departement: t.departement.clone(),
                    annee: t.annee,
                    // The same reading as the CSV and the radar means: counts, then published
                    // values (tenths), as the diagnostic reads them.
                    valeurs: lu.valeurs,
                    valeurs5ans: lu.valeurs5ans,
                    communes: t.communes,
                    iris: t.comptes.iris,
                    iris_secrets: t.comptes.iris_secrets,
                    notes: t.notes.clone(),
                    article: t.article,
                    couverture: t.couverture.clone(),
                })
                .collect(),
            avertissements: i.avertissements.clone(),
            lignes_lues: i.lignes_lues,
            moyennes: moyennes_import(i),
            communes_sans_iris: i.communes_sans_iris.clone(),
        }
    }
}

/// `calculerFoyer` on a decoded input: the whole of it but the `JsValue` conversions.
///
/// # Errors
/// Every rule of [`Situation`], as an [`ErreurJs`].
pub fn calculer_foyer_valeur(v: &Valeur) -> Result<ResultatJs, ErreurJs> {
    let situation = Situation::try_from(v)?;
    Ok(ResultatJs::from(&situation.calculer()?))
}

/// A role of a person, for forms: its code and its French label.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct RoleJs {
    /// Code of the contract (`"allocataire"`…).
    pub code: &'static str,
    /// French label.
    pub libelle: &'static str,
}

/// Every role, in the order forms list them.
pub fn roles_js() -> Vec<RoleJs> {
    Role::TOUS.iter().map(|r| RoleJs { code: r.code(), libelle: r.libelle() }).collect()
}

/// Every threshold known, as JavaScript receives them.
pub fn seuils_js() -> Vec<SeuilJs> {
    SEUILS.iter().map(SeuilJs::from).collect()
}

/// Thresholds of a population, as JavaScript receives them.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SeuilsPopulationJs {
    /// Reference year of the foyers.
    pub annee: i32,
    /// `"personnes"` or `"foyers"`.
    pub ponderation: &'static str,
    /// Foyers counted.
    pub foyers: f64,
    /// Their persons.
    pub personnes: f64,
    /// Exact median RUC, € per UC per month (unrounded).
    pub mediane: f64,
    /// 60 % and 50 % thresholds.
    pub seuils: Vec<SeuilPopulationJs>,
    /// French sentences.
    pub phrases: Vec<String>,
    /// The same figures as a table row, French formatting (`20,5 % (713)`).
    pub cellules: Vec<String>,
    /// The headers of `cellules`.
    pub colonnes: Vec<String>,
    /// What the median is weighted by, in French, for a table's caption.
    pub legende: String,
}

/// One threshold of a population.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SeuilPopulationJs {
    /// 60 or 50.
    pub pourcent: u32,
    /// € per UC per month.
    pub valeur: f64,
    /// Foyers under it.
    pub foyers_sous: f64,
    /// Persons under it.
    pub personnes_sous: f64,
    /// Share of foyers, %.
    pub part_foyers: f64,
    /// Share of persons, %.
    pub part_personnes: f64,
}

impl From<&SeuilsPopulation> for SeuilsPopulationJs {
    fn from(s: &SeuilsPopulation) -> Self {
        SeuilsPopulationJs {
            annee: s.annee,
            ponderation: s.ponderation.code(),
            foyers: s.foyers as f64,
            personnes: s.personnes as f64,
            mediane: s.mediane.to_f64(),
            phrases: s.phrases(),
            cellules: s.cellules(),
            colonnes: s.colonnes(),
            legende: s.legende(),
            seuils: s
                .seuils
                .iter()
                .map(|x| SeuilPopulationJs {
                    pourcent: x.pourcent,
                    valeur: x.valeur.to_f64(),
                    foyers_sous: x.foyers_sous as f64,
                    personnes_sous: x.personnes_sous as f64,
                    part_foyers: x.part_foyers.to_f64(),
                    part_personnes: x.part_personnes.to_f64(),
                })
                .collect(),
        }
    }
}

/// What a household batch found: counts of the statuses, in numbers and sentences.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct BilanJs {
    /// Foyers computed.
    pub foyers: f64,
    /// Error rows.
    pub erreurs: f64,
    /// Outside the reference population.
    pub hors_champ: f64,
    /// Under the CAF threshold.
    pub bas_revenus: f64,
    /// Fragile.
    pub fragiles: f64,
    /// Benefits ≥ half of resources.
    pub dependants50: f64,
    /// Benefits = all resources.
    pub dependants100: f64,
    /// Taux d'effort computed (rent known).
    pub loyers: f64,
    /// Taux d'effort ≥ 30 %.
    pub effort_eleve: f64,
    /// Lines whose identifier was read as Windows-1252, ISO-8859-15 or Mac Roman (not UTF-8).
    pub ids_windows_1252: f64,
    /// French sentences.
    pub phrases: Vec<String>,
}

impl From<&Bilan> for BilanJs {
    fn from(b: &Bilan) -> Self {
        let n = |x: u64| x as f64;
        BilanJs {
            foyers: n(b.foyers),
            erreurs: n(b.erreurs),
            hors_champ: n(b.hors_champ),
            bas_revenus: n(b.bas_revenus),
            fragiles: n(b.fragiles),
            dependants50: n(b.dependants50),
            dependants100: n(b.dependants100),
            loyers: n(b.loyers),
            effort_eleve: n(b.effort_eleve),
            ids_windows_1252: n(b.ids_windows_1252),
            phrases: b.phrases(),
        }
    }
}

/// An error row of a batch, for the page.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ErreurLigneJs {
    /// Line of the file.
    pub ligne: f64,
    /// Column or field.
    pub champ: String,
    /// French message.
    pub message: String,
}

impl From<&ErreurListee> for ErreurLigneJs {
    fn from(e: &ErreurListee) -> Self {
        ErreurLigneJs { ligne: e.ligne as f64, champ: e.champ.clone(), message: e.message.clone() }
    }
}

/// A progress report.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ProgressionJs {
    /// 0 to 100.
    pub pourcent: u32,
    /// Lines done.
    pub lignes: f64,
    /// Estimated total lines.
    pub lignes_estimees: f64,
    /// Estimated seconds left, or null.
    pub reste_secondes: Option<f64>,
    /// French text.
    pub texte: String,
}

/// A territory of a counts file, as `calculerDiagnostic` takes it. It borrows the row read: a file
/// of every commune is 35 000 territories of 300 values, which are written to JavaScript as they
/// are serialised, not copied first.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct TerritoireComptesJs<'a> {
    /// Name.
    pub nom: &'a str,
    /// Year of the counts.
    pub annee: i32,
    /// Values by input key.
    #[serde(serialize_with = "nombres_par_cle")]
    pub valeurs: &'a Valeurs,
    /// The same keys five years earlier.
    #[serde(serialize_with = "nombres_par_cle")]
    pub valeurs5ans: &'a Valeurs,
}

/// A row of a counts file.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct LigneComptesJs<'a> {
    /// Line of the file.
    pub ligne: f64,
    /// Code.
    pub code: &'a str,
    /// Name.
    pub nom: &'a str,
    /// Level.
    pub niveau: &'a str,
    /// Code of the reference row, or null.
    pub reference: Option<&'a str>,
    /// The territory, for `calculerDiagnostic`; absent from an overview
    /// ([`ComptesJs::apercu`]), which gives it row by row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub territoire: Option<TerritoireComptesJs<'a>>,
}

impl<'a> From<&'a LigneComptes> for TerritoireComptesJs<'a> {
    fn from(l: &'a LigneComptes) -> Self {
        TerritoireComptesJs {
            nom: &l.nom,
            annee: l.territoire.annee,
            valeurs: &l.territoire.valeurs,
            valeurs5ans: &l.territoire.valeurs5ans,
        }
    }
}

/// The result of `importerComptes`, borrowing the file read.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ComptesJs<'a> {
    /// Rows read.
    pub lignes: Vec<LigneComptesJs<'a>>,
    /// Rows in error.
    pub erreurs: Vec<ErreurLigneJs>,
    /// Warnings.
    pub avertissements: Vec<String>,
    /// The radar's same-type means (every level of the file, each reference row).
    pub moyennes: Vec<MoyenneRadarJs>,
    /// « 3 territoires lus, 1 ligne en erreur ».
    pub resume: String,
}

impl<'a> From<&'a Comptes> for ComptesJs<'a> {
    fn from(c: &'a Comptes) -> Self {
        ComptesJs::de(c, true)
    }
}

impl<'a> ComptesJs<'a> {
    /// The rows without their territories (`ComptesImportes.apercu()`): a page lists them and
    /// asks for the two it studies, instead of receiving 35 000 territories of 300 values.
    pub fn apercu(c: &'a Comptes) -> Self {
        ComptesJs::de(c, false)
    }

    fn de(c: &'a Comptes, territoires: bool) -> Self {
        ComptesJs {
            lignes: c
                .lignes
                .iter()
                .map(|l| LigneComptesJs {
                    ligne: l.ligne as f64,
                    code: &l.code,
                    nom: &l.nom,
                    niveau: &l.niveau,
                    reference: l.reference.as_deref(),
                    territoire: territoires.then(|| TerritoireComptesJs::from(l)),
                })
                .collect(),
            erreurs: c.erreurs.iter().map(ErreurLigneJs::from).collect(),
            avertissements: c.avertissements.clone(),
            moyennes: moyennes_comptes(c),
            resume: c.resume(),
        }
    }
}

/// The territory of row `indice` (from 0, in the order of `apercu().lignes`) of a counts file
/// read, for `ComptesImportes.territoire`.
///
/// # Errors
/// `indice` not an integer naming a row read (`champ: "indice"`).
pub fn territoire_comptes(c: &Comptes, indice: f64) -> Result<TerritoireComptesJs<'_>, ErreurJs> {
    let ligne = (indice.is_finite() && indice.fract() == 0.0 && indice >= 0.0)
        .then(|| c.lignes.get(indice as usize))
        .flatten()
        .ok_or_else(|| ErreurJs {
            message: match c.lignes.len() {
                0 => "Indice : le fichier n'a aucune ligne lue.".to_string(),
                n => format!(
                    "Indice : un entier de 0 à {} est attendu (le rang d'une ligne lue).",
                    crate::format::entier((n - 1) as i128)
                ),
            },
            champ: "indice".into(),
        })?;
    Ok(TerritoireComptesJs::from(ligne))
}

impl From<ErreurComptes> for ErreurJs {
    fn from(e: ErreurComptes) -> Self {
        ErreurJs { message: e.to_string(), champ: "entete".into() }
    }
}

/// `importerComptes` on a received file: the file read, for [`ComptesJs`] to borrow.
///
/// # Errors
/// A header without `code` or `annee`.
pub fn importer_comptes_fichier(f: &FichierRecu) -> Result<Comptes, ErreurJs> {
    importer_comptes_suivi(f, &mut |_, _| true)
}

/// The step a progress report of a counts file is about: reading its rows, then (for
/// `exporterComptesCsv`) studying them.
pub const ETAPE_LECTURE: &str = "lecture";
/// See [`ETAPE_LECTURE`].
pub const ETAPE_ETUDES: &str = "etudes";

/// `importerComptes` with its progress reports (`lire_comptes_suivi`), every 1 000 rows and at
/// the end, each with its step ([`ETAPE_LECTURE`]); `suivi` returns `false` to stop the work.
///
/// # Errors
/// As [`importer_comptes_fichier`].
pub fn importer_comptes_suivi(
    f: &FichierRecu,
    suivi: &mut dyn FnMut(&ProgressionJs, &'static str) -> bool,
) -> Result<Comptes, ErreurJs> {
    Ok(lire_comptes_suivi(&f.contenu, &mut |p| suivi(&ProgressionJs::from(p), ETAPE_LECTURE))?)
}

/// `exporterComptesCsv` on a received file.
///
/// # Errors
/// As [`importer_comptes_fichier`].
pub fn comptes_csv_fichier(f: &FichierRecu) -> Result<String, ErreurJs> {
    comptes_csv_suivi_fichier(f, &mut |_, _| true)
}

/// `exporterComptesCsv` with its progress reports: the reading ([`ETAPE_LECTURE`]), then the
/// studies ([`ETAPE_ETUDES`]), each every 1 000 rows and at its end.
///
/// # Errors
/// As [`importer_comptes_fichier`].
pub fn comptes_csv_suivi_fichier(
    f: &FichierRecu,
    suivi: &mut dyn FnMut(&ProgressionJs, &'static str) -> bool,
) -> Result<String, ErreurJs> {
    let comptes = importer_comptes_suivi(f, suivi)?;
    Ok(comptes_csv_suivi(&comptes, &mut |p| suivi(&ProgressionJs::from(p), ETAPE_ETUDES)))
}

impl From<&Progression> for ProgressionJs {
    fn from(p: &Progression) -> Self {
        ProgressionJs {
            pourcent: p.pourcent,
            lignes: p.lignes as f64,
            lignes_estimees: p.lignes_estimees as f64,
            reste_secondes: p.reste_secondes.map(|s| s as f64),
            texte: p.texte.clone(),
        }
    }
}

impl From<ErreurLot> for ErreurJs {
    fn from(e: ErreurLot) -> Self {
        ErreurJs { message: e.to_string(), champ: e.champ().to_string() }
    }
}

/// A file received from JavaScript: `{ nom, contenu, annee? }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FichierRecu {
    /// Name (gives the year of an IRIS file).
    pub nom: String,
    /// Exact bytes.
    pub contenu: Vec<u8>,
    /// Year, when the name does not give it.
    pub annee: Option<i32>,
}

fn importer_recus(fichiers: &[FichierRecu]) -> Result<Import, ErreurJs> {
    let f: Vec<Fichier> =
        fichiers.iter().map(|f| Fichier { nom: &f.nom, contenu: &f.contenu, annee: f.annee }).collect();
    Ok(importer(&f)?)
}

/// `importerDonnees` on received files.
///
/// # Errors
/// A file that cannot be used at all ([`ErreurImport`]).
pub fn importer_donnees_fichiers(fichiers: &[FichierRecu]) -> Result<ImportJs, ErreurJs> {
    Ok(ImportJs::from(&importer_recus(fichiers)?))
}

/// `exporterTerritoiresCsv` on received files.
///
/// # Errors
/// As [`importer_donnees_fichiers`].
pub fn territoires_csv_fichiers(fichiers: &[FichierRecu]) -> Result<String, ErreurJs> {
    Ok(territoires_csv(&importer_recus(fichiers)?))
}

/// The TypeScript declarations of every input and output of the package.
pub const TYPES: &str = r#"
/** Rôle d'une personne du foyer. */
export type Role = "allocataire" | "conjoint" | "enfant" | "autre";

/** Un rôle et son libellé français, pour les formulaires (roles()). */
export interface RoleInfo {
  code: Role;
  libelle: string;
}

/** Une personne du foyer. */
export interface Personne {
  role: Role;
  /** Âge en années révolues, 0 à 120. */
  age: number | string;
  handicap?: boolean;
  etudiant?: boolean;
}

/** Un plafond d'éligibilité d'un partenaire. */
export interface PlafondPartenaire {
  libelle?: string;
  indicateur: "ruc" | "quotientFamilial";
  /** Plafond en € (par UC et par mois pour le RUC). */
  valeur: number | string;
  /** Vrai : éligible seulement strictement sous le plafond. */
  strict?: boolean;
}

/** Situation d'un foyer. Les montants acceptent aussi un texte « 1 200,50 ». */
export interface Situation {
  annee: number;
  personnes: Personne[];
  revenusAnnuels: number | string;
  prestationsMensuelles: number | string;
  aideLogementMensuelle?: number | string | null;
  loyerMensuel?: number | string | null;
  seuil?: { valeur: number | string; libelle?: string } | null;
  quotientFamilialCaf?: number | string | null;
  /** Prestations du mois que la CAF ne retient pas dans son QF (ARS, prime de naissance, CMG). */
  prestationsNonRetenuesQf?: number | string | null;
  plafonds?: PlafondPartenaire[];
}

export type TypeSeuil = "caf-bas-revenus" | "insee-60" | "insee-50" | "partenaire";
export type StatutSource = "confirme" | "secondaire" | "fourni";

/** Un seuil daté et sourcé, en € par UC et par mois. */
export interface Seuil {
  annee: number;
  valeur: number;
  type: TypeSeuil;
  source: string;
  statut: StatutSource;
  /** Nom du seuil en français. */
  libelle: string;
  /** Valeur affichée, « 1 052 € ». */
  affiche: string;
  /** Statut en français, « source officielle ». */
  statutLibelle: string;
}

export interface PositionInsee extends Seuil {
  rucInsee: number;
  sousLeSeuil: boolean;
  ecartMensuel: number;
}

export interface Figure {
  id: string;
  libelle: string;
  affiche: string;
  explication: string;
}

/** Un avertissement qui appartient à un champ de saisie. */
export interface AlerteChamp {
  champ: string;
  message: string;
}

/** Un verdict, en tête des résultats : une réponse courte, son état (couleur et mots) et sa phrase. */
export interface Verdict {
  id: "seuil" | "seuilCaf" | "fragile" | "tauxEffort" | "dependance" | "plafond";
  libelle: string;
  valeur: string;
  etat: "alerte" | "attention" | "favorable" | "neutre";
  detail: string;
}

export interface Eligibilite {
  libelle: string;
  eligible: boolean;
  ecartMensuel: number;
  explication: string;
}

/** Résultat de calculerFoyer. */
export interface Resultat {
  annee: number;
  uc: number;
  ucInsee: number;
  monoparental: boolean;
  ressourcesMensuelles: number;
  ruc: number;
  rucHorsPrestations: number;
  seuil: Seuil;
  ecartSeuilMensuel: number;
  seuilsInsee: PositionInsee[];
  basRevenus: boolean | null;
  fragile: boolean | null;
  partPrestations: number | null;
  dependance50: boolean;
  dependance100: boolean;
  horsChamp: string | null;
  tauxEffort: number | null;
  tauxEffortEleve: boolean | null;
  quotientFamilial: number;
  quotientFamilialSimule: number;
  parts: number;
  eligibilites: Eligibilite[];
  /** Une phrase qui résume la situation. */
  synthese: string;
  /** Avertissements à montrer à côté de leur champ (revenus négatifs…). */
  alertesChamps: AlerteChamp[];
  /** Les réponses d'abord : seuil appliqué (et seuil CAF à côté d'un seuil de partenaire), fragile, taux d'effort, dépendance, chaque plafond. */
  verdicts: Verdict[];
  /** La situation saisie, en français, pour la fiche remise à la famille. */
  recapitulatif: { libelle: string; valeur: string }[];
  figures: Figure[];
  explications: string[];
  avertissements: string[];
}

/** Un territoire et ses comptes (clés de docs/api.md). */
export interface TerritoireSaisi {
  nom?: string;
  /** Article du nom dans les phrases ; déduit pour un département. */
  article?: "le" | "la" | "l'" | "les" | "";
  annee: number;
  valeurs: Record<string, number | string>;
  /** Les mêmes clés cinq ans plus tôt. */
  valeurs5ans?: Record<string, number | string>;
  /** Variations sur 5 ans publiées (en %), quand les comptes anciens manquent. */
  variations5ans?: Record<string, number | string>;
}

export interface OptionsDiagnostic {
  /** Marge des flèches, en points (1 par défaut). */
  margeFleche?: number;
  radar?: {
    indicateurs?: string[];
    /** Valeurs de référence par id (la moyenne des territoires de même type : `moyennes` d'un import). */
    reference?: Record<string, number>;
    /** Ce que sont ces valeurs (« Moyenne des 23 EPCI du fichier ») ; dit sur le graphique. */
    libelleReference?: string;
    /** Écart des cercles haut et bas en % de la référence (20 par défaut). */
    bande?: number;
    /** Préfixe des identifiants du SVG. */
    id?: string;
  };
}

export interface Cellule {
  valeur: number | null;
  affiche: string;
  variation5ans: number | null;
  affichageVariation: string;
  fleche: "" | "↑" | "↓" | "→";
}

export interface Ligne extends Cellule {
  id: string;
  libelle: string;
  annee: number;
  reference: Cellule;
}

export interface Section {
  titre: string;
  phrases: string[];
  lignes: Ligne[];
  notes: string[];
}

export interface AxeRadar {
  id: string;
  libelle: string;
  valeur: number | null;
  reference: number | null;
  rapport: number | null;
  affiche: string;
  afficheReference: string;
  alerte: "haute" | "basse" | null;
}

/** L'export JSON d'une étude (`exporterDiagnosticJson`). */
export interface EtudeExportee {
  /** `"indicateurs-caf/etude"`. */
  format: string;
  /** Version du paquet qui l'a calculée. */
  version: string;
  /** Date de production donnée par l'appelant (AAAA-MM-JJ). */
  produitLe: string;
  etude: Diagnostic;
}

export interface Diagnostic {
  /** Nom du territoire tel qu'affiché. */
  nom: string;
  /** Nom de la référence tel qu'affiché (« Pas-de-Calais » pour « pas-de-calais »). */
  nomReference: string;
  sections: Section[];
  /** Document SVG accessible (titre, description). */
  radar: string;
  radarAxes: AxeRadar[];
  radarTexte: string[];
  /** Ce qu'est le cercle de référence du radar. */
  radarReference: string;
  /** « Les indicateurs fortement inférieurs » : une phrase par axe sous le cercle bas. */
  radarFortementInferieurs: string[];
  /** « Les indicateurs fortement supérieurs » : une phrase par axe au-dessus du cercle haut. */
  radarFortementSuperieurs: string[];
  /** Libellés des axes non tracés, faute de valeur. */
  radarAbsents: string[];
  avertissements: string[];
  /** Bloc de titre : paires `[libellé, texte]` (territoire, référence, années, sources). */
  entete: [string, string][];
}

export interface CleDiagnostic {
  cle: string;
  libelle: string;
  indicateur: boolean;
  variation: boolean;
}

/** Un fichier à importer. */
export interface FichierDonnees {
  nom: string;
  /** Octets exacts (Uint8Array) ou texte. */
  contenu: Uint8Array | ArrayBuffer | string;
  /** Année, si le nom du fichier ne la donne pas. */
  annee?: number;
}

/** Un territoire importé : passez-le tel quel à calculerDiagnostic. */
export interface TerritoireImporte extends TerritoireSaisi {
  niveau: "commune" | "epci" | "departement";
  code: string;
  nom: string;
  departement: string | null;
  annee: number;
  valeurs: Record<string, number>;
  /** Valeurs publiées cinq ans plus tôt (taux d'accueil CNAF), quand l'historique les a. */
  valeurs5ans: Record<string, number>;
  communes: number;
  iris: number;
  irisSecrets: number;
  notes: string[];
  /** Article du nom dans les phrases. */
  article: "le" | "la" | "l'" | "les" | "";
  /** Ce que couvrent les fichiers quand ce n'est pas tout le territoire (aussi dans nom), ou null. */
  couverture: string | null;
}

/** Moyenne des axes du radar sur des territoires de même type, pour `options.radar.reference`. */
export interface MoyenneRadar {
  niveau: string;
  /** Département (ou ligne de référence d'un fichier de comptes) auquel l'ensemble se limite ; null : tout le fichier. */
  departement: string | null;
  /** « Moyenne des 23 EPCI du fichier », pour `options.radar.libelleReference`. */
  libelle: string;
  nombre: number;
  valeurs: Record<string, number>;
}

export interface ImportDonnees {
  annee: number;
  territoires: TerritoireImporte[];
  avertissements: string[];
  lignesLues: number;
  /** Moyennes de même type : chaque niveau du fichier, puis chaque département. */
  moyennes: MoyenneRadar[];
  /** Communes du fichier des populations que les fichiers IRIS ne couvrent pas : `[code, nom]`. */
  communesSansIris: [string, string][];
}

export interface Progression {
  pourcent: number;
  lignes: number;
  lignesEstimees: number;
  resteSecondes: number | null;
  texte: string;
}

/** Suivi d'un fichier de comptes : la lecture de ses lignes, puis (exporterComptesCsv) leurs études. */
export type SuiviComptes = (progression: Progression, etape: "lecture" | "etudes") => void;

export interface SeuilsPopulation {
  /** Année de référence des foyers : une médiane ne mêle jamais deux années. */
  annee: number;
  ponderation: "personnes" | "foyers";
  foyers: number;
  personnes: number;
  /** RUC médian exact, € par UC et par mois. */
  mediane: number;
  seuils: { pourcent: 60 | 50; valeur: number; foyersSous: number; personnesSous: number; partFoyers: number; partPersonnes: number }[];
  phrases: string[];
  /** Les mêmes chiffres en une ligne de tableau, au format français (« 20,5 % (713) »). */
  cellules: string[];
  /** Les en-têtes de `cellules`. */
  colonnes: string[];
  /** Ce qui pondère la médiane, en français (« médiane pondérée par les personnes »). */
  legende: string;
}

/** Ce qu'un lot de foyers a trouvé : comptes des statuts et phrases. */
export interface BilanLot {
  foyers: number;
  erreurs: number;
  horsChamp: number;
  basRevenus: number;
  fragiles: number;
  dependants50: number;
  dependants100: number;
  loyers: number;
  effortEleve: number;
  /** Lignes dont l'identifiant n'est pas en UTF-8, lu en Windows-1252 (le CSV d'Excel), ISO-8859-15 ou Mac Roman. */
  idsWindows1252: number;
  phrases: string[];
}

/** Une ligne en erreur d'un lot. */
export interface ErreurLigne {
  ligne: number;
  champ: string;
  message: string;
}

/** Un territoire d'un fichier de comptes, prêt pour calculerDiagnostic. */
export interface TerritoireComptes {
  nom: string;
  annee: number;
  valeurs: Record<string, number>;
  valeurs5ans: Record<string, number>;
}

/** Une ligne d'un fichier de comptes. */
export interface LigneComptes {
  ligne: number;
  code: string;
  nom: string;
  niveau: string;
  /** Code de la ligne de référence, ou null. */
  reference: string | null;
  territoire: TerritoireComptes;
}

/** Résultat d'importerComptes. */
export interface ComptesTerritoires {
  lignes: LigneComptes[];
  erreurs: ErreurLigne[];
  avertissements: string[];
  /** Moyennes de même type : chaque niveau du fichier, puis les lignes d'une même référence. */
  moyennes: MoyenneRadar[];
  /** « 3 territoires lus, 1 ligne en erreur » : les lignes lues et celles en erreur. */
  resume: string;
}

/** Résultat de ComptesImportes.apercu() : celui d'importerComptes, chaque ligne sans son territoire
 *  (ComptesImportes.territoire(indice) le donne, indice étant le rang de la ligne dans lignes). */
export interface ApercuComptes extends Omit<ComptesTerritoires, "lignes"> {
  lignes: Omit<LigneComptes, "territoire">[];
}

/** Erreur levée sur une saisie invalide. */
export interface ErreurSaisie extends Error {
  /** Chemin du champ en faute, par ex. « personnes[2].age ». */
  champ: string;
}
"#;
