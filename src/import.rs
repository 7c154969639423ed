//! Import of real open data: the INSEE « Données CAF à l'IRIS » files and the INSEE legal
//! populations by commune, aggregated to communes, EPCI and départements as diagnostic inputs.
//!
//! The files' quirks are handled: UTF-8 byte-order mark, `;` separator, CRLF or LF, numbers
//! written with a narrow no-break space (`2 256`), blank cells for statistical secrecy, commune
//! codes with their leading zeros lost by a spreadsheet, invalid UTF-8 (read lossily).
//!
//! IRIS columns and the input keys they give (`docs/indicateurs.md` §2.6):
//! `A` allocataires, `PERCOU` personnesCouvertes, `AI` isoles, `AM` famillesMonoparentales,
//! `ACSSENF` couplesSansEnfant, `ACAVENF` couplesAvecEnfants, `ENF` enfants, `ENF_2`
//! enfantsMoins3, `ENF_3_5` enfants3a6, `AAL` beneficiairesAl, `AAAH` beneficiairesAah, `APPA`
//! beneficiairesPpa, `ARSAS` beneficiairesRsa, `APRES50` − `APRES100` allocatairesDependants50
//! (the 50 %–<100 % band: `APRES50` includes 100 %)
//! / 100 (2016–2017). The population file gives `habitants` (`PMUN`).
//!
//! Secrecy: an IRIS whose cells are all blank is counted as secret and left out of every sum;
//! a blank cell in a published IRIS leaves that key out of its sum. Both are reported, so an
//! aggregate is known to be a minimum.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Bound;

use crate::nombre::Ratio;
use crate::tableur;
use crate::territoire::{departement, departement_de_commune};

/// IRIS column → input key.
pub const COLONNES_IRIS: &[(&str, &str)] = &[
    ("A", "allocataires"),
    ("PERCOU", "personnesCouvertes"),
    ("AI", "isoles"),
    ("AM", "famillesMonoparentales"),
    ("ACSSENF", "couplesSansEnfant"),
    ("ACAVENF", "couplesAvecEnfants"),
    ("ENF", "enfants"),
    ("ENF_2", "enfantsMoins3"),
    ("ENF_3_5", "enfants3a6"),
    ("AAL", "beneficiairesAl"),
    ("AAAH", "beneficiairesAah"),
    ("APPA", "beneficiairesPpa"),
    ("ARSAS", "beneficiairesRsa"),
    ("APRES50", "allocatairesDependants50"),
    ("APRES100", "allocatairesDependants100"),
];

/// Most warnings listed one by one (the rest are counted).
pub const AVERTISSEMENTS_MAX: usize = 50;

/// Why an import fails: only a file that cannot be used at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErreurImport {
    /// No file given.
    AucunFichier,
    /// A file without any line.
    FichierVide {
        /// Index of the file.
        indice: usize,
        /// Its name.
        nom: String,
    },
    /// A header that is neither an IRIS file nor a population file.
    FormatInconnu {
        /// Index of the file.
        indice: usize,
        /// Its name.
        nom: String,
        /// The first columns found.
        colonnes: String,
    },
    /// No IRIS file among the files.
    AucunFichierIris,
    /// The year of an IRIS file can be read neither from its name nor from the call.
    AnneeInconnue {
        /// Index of the file.
        indice: usize,
        /// Its name.
        nom: String,
    },
}

impl ErreurImport {
    /// Path of the field at fault: `fichiers[i]` or `fichiers`.
    pub fn champ(&self) -> String {
        match self {
            ErreurImport::AucunFichier | ErreurImport::AucunFichierIris => "fichiers".into(),
            ErreurImport::FichierVide { indice, .. }
            | ErreurImport::FormatInconnu { indice, .. }
            | ErreurImport::AnneeInconnue { indice, .. } => format!("fichiers[{indice}]"),
        }
    }
}

impl fmt::Display for ErreurImport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErreurImport::AucunFichier => f.write_str("Fichiers : aucun fichier à importer."),
            ErreurImport::FichierVide { nom, .. } => write!(f, "Fichier « {nom} » : il est vide."),
            ErreurImport::FormatInconnu { nom, colonnes, .. } => write!(
                f,
                "Fichier « {nom} » : ce n'est ni un fichier INSEE « Données CAF à l'IRIS » (colonnes CODGEO, A, PERCOU…) ni un fichier de populations légales (CODDEP, CODCOM, PMUN) ; colonnes trouvées : {colonnes}."
            ),
            ErreurImport::AucunFichierIris => {
                f.write_str("Fichiers : il faut au moins un fichier INSEE « Données CAF à l'IRIS ».")
            }
            ErreurImport::AnneeInconnue { nom, .. } => write!(
                f,
                "Fichier « {nom} » : année introuvable dans le nom du fichier ; précisez l'année de ce fichier."
            ),
        }
    }
}

impl std::error::Error for ErreurImport {}

/// Level of a territory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Niveau {
    /// A commune (or a Paris, Lyon, Marseille arrondissement).
    Commune,
    /// An EPCI, by its SIREN.
    Epci,
    /// A département.
    Departement,
}

impl Niveau {
    /// Code of the public contract.
    pub fn code(self) -> &'static str {
        match self {
            Niveau::Commune => "commune",
            Niveau::Epci => "epci",
            Niveau::Departement => "departement",
        }
    }
}

/// Counts of one territory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comptes {
    /// Sum of each key over the published IRIS where the cell is not blank.
    pub sommes: BTreeMap<&'static str, i64>,
    /// For each key, how many published IRIS had a blank cell.
    pub cellules_masquees: BTreeMap<&'static str, u32>,
    /// IRIS read.
    pub iris: u32,
    /// IRIS entirely secret.
    pub iris_secrets: u32,
}

impl Comptes {
    fn ajouter(&mut self, o: &Comptes) {
        for (k, v) in &o.sommes {
            *self.sommes.entry(k).or_insert(0) += v;
        }
        for (k, v) in &o.cellules_masquees {
            *self.cellules_masquees.entry(k).or_insert(0) += v;
        }
        self.iris += o.iris;
        self.iris_secrets += o.iris_secrets;
    }
}

/// One imported territory: diagnostic inputs and how complete they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TerritoireImporte {
    /// Level.
    pub niveau: Niveau,
    /// INSEE commune code, EPCI SIREN or département code.
    pub code: String,
    /// Name for display.
    pub nom: String,
    /// Département code.
    pub departement: Option<String>,
    /// Year of the counts.
    pub annee: i32,
    /// Values by input key (`habitants` included when the population is known for every
    /// commune).
    pub valeurs: BTreeMap<&'static str, i64>,
    /// Communes aggregated.
    pub communes: u32,
    /// The counts and their completeness.
    pub comptes: Comptes,
    /// French notes on completeness.
    pub notes: Vec<String>,
    /// Article of the name in sentences (a département's, even when its name carries its
    /// coverage).
    pub article: &'static str,
    /// Published values given directly under an indicator id (the CNAF childcare coverage
    /// rates), in tenths, and the year they are of.
    pub publiees: Vec<(&'static str, i64)>,
    /// The same published values five years earlier, when the source's history has them.
    pub publiees5ans: Vec<(&'static str, i64)>,
    /// How much of the territory the IRIS files cover, in words, when it is not all of it
    /// (« 25 communes à IRIS sur 890, 34 % de la population »); also appended to `nom`, so that
    /// a partial territory is named as such wherever it appears.
    pub couverture: Option<String>,
}

/// Published values of a territory: this year's, and five years earlier's (for the variation).
type Publiees = (Vec<(&'static str, i64)>, Vec<(&'static str, i64)>);

/// The CNAF childcare rates of a département or commune for the year of the counts, or the
/// latest earlier year (said in a note), with the rates of five years before that year when the
/// history has them (the 5-year variation).
fn taux_accueil_de(niveau: Niveau, code: &str, annee: i32, r: &Referentiel) -> (Publiees, Option<String>) {
    if niveau == Niveau::Epci {
        return ((Vec::new(), Vec::new()), None);
    }
    let trouve = r.taux_accueil.range((code.to_string(), i32::MIN)..=(code.to_string(), annee)).next_back();
    match trouve {
        Some(((_, a), taux)) if !taux.is_empty() => {
            let source = if *a == annee { String::new() } else { format!(", faute de {annee}") };
            let avant = r.taux_accueil.get(&(code.to_string(), a - 5)).cloned().unwrap_or_default();
            let variation = if avant.is_empty() {
                format!(" ; pas de variation sur 5 ans : l'historique ne remonte pas à {}", a - 5)
            } else {
                format!(" ; variation sur 5 ans depuis {}", a - 5)
            };
            let note = format!(
                "Capacité d'accueil pour 100 enfants de moins de 3 ans : taux publiés par la CNAF pour {a}{source} (data.caf.fr), pas calculés depuis des places{variation}."
            );
            ((taux.clone(), avant), Some(note))
        }
        _ => ((Vec::new(), Vec::new()), None),
    }
}

/// `APRES50` counts allocataires whose benefits are 50 % of their resources *or more* (it is
/// never below `APRES100`); the study's row is the 50 %–<100 % band: `APRES50 − APRES100`, when
/// no cell of either is masked (otherwise the band is unknown, and a note says why).
fn bande_de_dependance(valeurs: &mut BTreeMap<&'static str, i64>, comptes: &Comptes, notes: &mut Vec<String>) {
    let (cinquante, cent) = ("allocatairesDependants50", "allocatairesDependants100");
    let Some(inclus) = valeurs.get(cinquante).copied() else { return };
    let masque = |k: &str| comptes.cellules_masquees.get(k).is_some_and(|n| *n > 0);
    match valeurs.get(cent).copied() {
        Some(c) if !masque(cinquante) && !masque(cent) && inclus >= c => {
            valeurs.insert(cinquante, inclus - c);
        }
        _ => {
            valeurs.remove(cinquante);
            notes.push("Dépendance de 50 % à moins de 100 % : non calculée (APRES50 ou APRES100 masqué par le secret statistique).".into());
        }
    }
}

/// The coverage of a département by the communes present, from the population file (all
/// communes): `None` when complete or unknown.
fn couverture_departement(code: &str, communes: &[&String], r: &Referentiel) -> Option<String> {
    if r.population.is_empty() {
        return None;
    }
    // A département's communes are those whose code starts with its own, in code order: a range
    // of the map, not the whole file for each département (that was most of an import's time).
    let du_departement = |c: &&String| departement_de_commune(c) == Some(code);
    let total: Vec<(&String, &i64)> = r
        .population
        .range::<str, _>((Bound::Included(code), Bound::Unbounded))
        .take_while(|(c, _)| c.starts_with(code))
        .filter(|(c, _)| du_departement(c))
        .collect();
    if total.is_empty() || communes.len() >= total.len() {
        return None;
    }
    let population_totale: i64 = total.iter().map(|(_, p)| **p).sum();
    let presente: i64 = communes.iter().filter_map(|c| r.population.get(*c)).sum();
    let part = Ratio::new(100 * i128::from(presente), i128::from(population_totale))?;
    Some(format!(
        "{} à IRIS sur {}, {} de la population",
        crate::format::compte(communes.len() as u64, "commune", "communes"),
        crate::format::entier(total.len() as i128),
        crate::format::pourcent(part.arrondi_ratio(0)?, 0)
    ))
}

/// The result of an import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Import {
    /// Year of the main (most recent) IRIS file.
    pub annee: i32,
    /// Communes, then EPCI, then départements, each sorted by code.
    pub territoires: Vec<TerritoireImporte>,
    /// Warnings (skipped lines with their number and column…).
    pub avertissements: Vec<String>,
    /// Data lines read, all files together.
    pub lignes_lues: usize,
    /// Communes of the population file absent from the IRIS files (code, name), in code order.
    pub communes_sans_iris: Vec<(String, String)>,
}

/// A file to import.
#[derive(Clone, Copy, Debug)]
pub struct Fichier<'a> {
    /// Name (the year is read from it: `data_CAF_2020_IRIS.csv`).
    pub nom: &'a str,
    /// Content.
    pub contenu: &'a [u8],
    /// Year, when the name does not give it.
    pub annee: Option<i32>,
}

fn annee_du_nom(nom: &str) -> Option<i32> {
    let b = nom.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let s = nom.get(i..i + 4)?;
        let avant = i == 0 || !b.get(i - 1).is_some_and(u8::is_ascii_digit);
        let apres = !b.get(i + 4).is_some_and(u8::is_ascii_digit);
        let a: i32 = s.parse().ok().filter(|_| s.bytes().all(|c| c.is_ascii_digit()))?;
        ((1990..=2100).contains(&a) && avant && apres).then_some(a)
    })
}

/// A cell that is neither blank nor a count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CelluleIllisible;

/// Longest cell read, in bytes: a longer one (a 50 MB « name ») makes its line ignored before
/// any work is done on it.
pub const CELLULE_MAX: usize = 1024;

/// The column of a cell longer than [`CELLULE_MAX`], if any.
fn cellule_demesuree<'a>(enr: &csv::ByteRecord, en: &'a [String]) -> Option<&'a str> {
    enr.iter().position(|c| c.len() > CELLULE_MAX).map(|i| en.get(i).map(String::as_str).unwrap_or("?"))
}

/// Largest sum of one column over a whole file: the largest whole number JavaScript holds
/// exactly (2⁵³ − 1). A file whose counts add up beyond it has a faulty cell; every sum of the
/// import (commune, EPCI, département) is a part of that total, so none can overflow.
pub const SOMME_MAX: i64 = 9_007_199_254_740_991;

/// Adds a row's counts to the running totals of the file, all or nothing: `Err` with the
/// column whose total would pass [`SOMME_MAX`].
fn ajouter_aux_totaux<'a>(
    totaux: &mut BTreeMap<&'static str, i64>,
    valeurs: &[(&'static str, Option<i64>)],
    colonnes: &'a [(usize, &'static str, &'a str)],
) -> Result<(), &'a str> {
    for (cle, v) in valeurs {
        let total = totaux.get(cle).copied().unwrap_or(0);
        if total.checked_add(v.unwrap_or(0)).is_none_or(|t| t > SOMME_MAX) {
            return Err(colonnes.iter().find(|c| c.1 == *cle).map(|c| c.2).unwrap_or(cle));
        }
    }
    for (cle, v) in valeurs {
        *totaux.entry(cle).or_insert(0) += v.unwrap_or(0);
    }
    Ok(())
}

/// Reads a count cell: digits with optional spaces (U+202F, U+00A0, space) inside; blank is
/// `Ok(None)`; anything else is [`CelluleIllisible`].
///
/// # Errors
/// [`CelluleIllisible`] for a sign, a decimal, a letter, or more than 15 digits.
pub fn lire_compte(cellule: &str) -> Result<Option<i64>, CelluleIllisible> {
    let propre: String = cellule.trim().chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}')).collect();
    if propre.is_empty() {
        return Ok(None);
    }
    if !propre.bytes().all(|b| b.is_ascii_digit()) || propre.len() > 15 {
        return Err(CelluleIllisible);
    }
    propre.parse().map(Some).map_err(|_| CelluleIllisible)
}

/// A reader of a file's text, already decoded by [`importer`] (byte-order mark removed).
fn lecteur(contenu: &[u8]) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new().delimiter(b';').has_headers(true).flexible(true).from_reader(contenu)
}

fn entete(r: &mut csv::Reader<&[u8]>) -> Vec<String> {
    r.byte_headers()
        .map(|h| h.iter().map(|c| String::from_utf8_lossy(c).trim().to_string()).collect())
        .unwrap_or_default()
}

struct Communes {
    comptes: BTreeMap<String, Comptes>,
}

#[derive(Default)]
struct Referentiel {
    epci: BTreeMap<String, String>,
    noms: BTreeMap<String, String>,
    population: BTreeMap<String, i64>,
    /// CNAF childcare coverage rates by (département or commune code, year): the indicator id
    /// and its published value in tenths.
    taux_accueil: BTreeMap<(String, i32), Vec<(&'static str, i64)>>,
    /// INSEE Filosofi household income by EPCI or département code: year, values in tenths.
    revenus: BTreeMap<String, ValeursPubliees>,
}

/// Values published for one territory: their year, then (indicator id, value in tenths).
type ValeursPubliees = (i32, Vec<(&'static str, i64)>);

/// Columns of the INSEE Filosofi « revenu disponible » files (by prefix: the year follows) and
/// the published values of the « Revenus des ménages » section.
pub const COLONNES_FILOSOFI: [(&str, &str); 7] = [
    ("Q2", "revenuMedianUc"),
    ("D1", "premierDecileUc"),
    ("RD", "rapportInterdecile"),
    ("PPSOC", "partPrestationsSociales"),
    ("PPFAM", "partPrestationsFamiliales"),
    ("PPMINI", "partMinimaSociaux"),
    ("PPLOGT", "partPrestationsLogement"),
];

#[inline(never)]
fn lire_filosofi(f: &Fichier<'_>, reference: &mut Referentiel, journal: &mut Journal, lues: &mut usize) {
    let mut r = lecteur(f.contenu);
    let en = entete(&mut r);
    let Some(i_code) = en.iter().position(|c| c == "CODGEO") else { return };
    let annee = f.annee.or_else(|| annee_du_nom(f.nom)).unwrap_or(0);
    let colonnes: Vec<(usize, &'static str)> = COLONNES_FILOSOFI
        .iter()
        .filter_map(|(debut, id)| Some((en.iter().position(|c| c.starts_with(debut))?, *id)))
        .collect();
    let mut enr = csv::ByteRecord::new();
    let mut ligne = 1usize;
    while let Ok(true) = r.read_byte_record(&mut enr) {
        ligne += 1;
        *lues += 1;
        let cellule = |i: usize| String::from_utf8_lossy(enr.get(i).unwrap_or_default()).trim().to_string();
        let ou = Ligne { fichier: f.nom, ligne, entete: &en };
        let valeurs = publiees(&colonnes, &cellule, &ou, journal);
        reference.revenus.insert(cellule(i_code), (annee, valeurs));
    }
}

/// Columns of the CNAF « taux de couverture d'accueil du jeune enfant » files (data.caf.fr
/// `txcouv_pe_dep`, `txcouv_pe_com`) and the capacity indicators they publish (places for 100
/// children under 3). Labels vary between editions (« assistante(s) maternelle(s) »).
pub const COLONNES_TAUX_ACCUEIL: [(&str, &str); 6] = [
    ("Taux de couv EAJE PSU", "capaciteEajePsuPour100"),
    ("Taux de couv hors EAJE PSU", "capaciteEajeHorsPsuPour100"),
    ("Taux de couv préscolarisation", "capacitePrescolarisationPour100"),
    ("Taux de couv assistante", "capaciteAssistantsMaternelsPour100"),
    ("Taux de couv salari", "capaciteSalariesDomicilePour100"),
    ("Taux de couv global", "capaciteAccueilPour100"),
];

/// A published rate with one decimal, in tenths (« 58.4 » → 584); blank is `None`.
fn lire_dixiemes(cellule: &str) -> Result<Option<i64>, CelluleIllisible> {
    match crate::nombre::lire_ecrit(cellule.as_bytes()) {
        Ok(None) => Ok(None),
        Ok(Some((v, d))) if d <= 1 && (0..=100_000).contains(&v) => {
            Ok(Some(if d == 1 { v as i64 } else { v as i64 * 10 }))
        }
        _ => Err(CelluleIllisible),
    }
}

/// Where a row is, for the warnings.
struct Ligne<'a> {
    fichier: &'a str,
    ligne: usize,
    entete: &'a [String],
}

/// The published values (tenths) of one row of a CNAF or INSEE file; an unreadable cell is left
/// out and said with its file, line and column.
fn publiees(
    colonnes: &[(usize, &'static str)],
    cellule: &dyn Fn(usize) -> String,
    ou: &Ligne<'_>,
    journal: &mut Journal,
) -> Vec<(&'static str, i64)> {
    let mut valeurs = Vec::new();
    for (i, id) in colonnes {
        match lire_dixiemes(&cellule(*i)) {
            Ok(Some(v)) => valeurs.push((*id, v)),
            Ok(None) => {}
            Err(CelluleIllisible) => journal.dire(format!(
                "Fichier « {} », ligne {}, colonne {} : valeur illisible ; ignorée.",
                ou.fichier,
                ou.ligne,
                ou.entete.get(*i).map(String::as_str).unwrap_or("?")
            )),
        }
    }
    valeurs
}

#[inline(never)]
fn lire_taux_accueil(f: &Fichier<'_>, reference: &mut Referentiel, journal: &mut Journal, lues: &mut usize) {
    let mut r = lecteur(f.contenu);
    let en = entete(&mut r);
    let col = |debut: &str| en.iter().position(|c| c.starts_with(debut));
    let i_annee = col("Date référence");
    let (i_code, commune) = match col("Numéro commune") {
        Some(i) => (Some(i), true),
        None => (col("Numéro Département"), false),
    };
    let (Some(i_annee), Some(i_code)) = (i_annee, i_code) else { return };
    let colonnes: Vec<(usize, &'static str)> =
        COLONNES_TAUX_ACCUEIL.iter().filter_map(|(debut, id)| Some((col(debut)?, *id))).collect();
    let mut enr = csv::ByteRecord::new();
    let mut ligne = 1usize;
    while let Ok(true) = r.read_byte_record(&mut enr) {
        ligne += 1;
        *lues += 1;
        let cellule = |i: usize| String::from_utf8_lossy(enr.get(i).unwrap_or_default()).trim().to_string();
        let (Ok(annee), code) = (cellule(i_annee).parse::<i32>(), cellule(i_code)) else {
            journal.dire(format!(
                "Fichier « {} », ligne {ligne}, colonne Date référence : année illisible ; ligne ignorée.",
                f.nom
            ));
            continue;
        };
        // A spreadsheet dropped the leading zeros (6161 for 06161, 7 for 07).
        let code = if commune { format!("{code:0>5}") } else { format!("{code:0>2}") };
        let ou = Ligne { fichier: f.nom, ligne, entete: &en };
        let taux = publiees(&colonnes, &cellule, &ou, journal);
        reference.taux_accueil.insert((code, annee), taux);
    }
}

struct Journal {
    avertissements: Vec<String>,
    omis: usize,
}

impl Journal {
    fn dire(&mut self, s: String) {
        if self.avertissements.len() < AVERTISSEMENTS_MAX {
            self.avertissements.push(s);
        } else {
            self.omis += 1;
        }
    }
}

fn code_commune(brut: &str) -> Option<String> {
    let c = brut.trim();
    // 5-character commune code, possibly with its leading zero lost (1004 → 01004).
    let c = if c.len() == 4 && c.bytes().all(|b| b.is_ascii_digit()) { format!("0{c}") } else { c.to_string() };
    (c.len() == 5 && c.bytes().all(|b| b.is_ascii_alphanumeric())).then_some(c)
}

/// The columns of an IRIS file, found by name in its header.
struct ColonnesIris<'a> {
    code: Option<usize>,
    depcom: Option<usize>,
    epci: Option<usize>,
    libcom: Option<usize>,
    /// Each count column: position, key, name in the file.
    comptes: Vec<(usize, &'static str, &'a str)>,
}

impl<'a> ColonnesIris<'a> {
    fn new(en: &'a [String]) -> ColonnesIris<'a> {
        let col = |nom: &str| en.iter().position(|c| c == nom);
        ColonnesIris {
            code: col("CODGEO"),
            depcom: col("DEPCOM"),
            epci: col("EPCI"),
            libcom: col("LIBCOM"),
            comptes: COLONNES_IRIS.iter().filter_map(|(c, k)| Some((col(c)?, *k, *c))).collect(),
        }
    }
}

/// The counts of one IRIS row: each key with its value, `None` for a blank (masked) cell.
type ValeursIris = Vec<(&'static str, Option<i64>)>;

#[inline(never)]
fn lire_iris(
    f: &Fichier<'_>,
    indice: usize,
    reference: &mut Referentiel,
    journal: &mut Journal,
    lues: &mut usize,
) -> Communes {
    let mut r = lecteur(f.contenu);
    let en = entete(&mut r);
    let colonnes = ColonnesIris::new(&en);
    let mut communes: BTreeMap<String, Comptes> = BTreeMap::new();
    let mut totaux: BTreeMap<&'static str, i64> = BTreeMap::new();
    let mut enr = csv::ByteRecord::new();
    let mut ligne = 1usize;
    loop {
        match r.read_byte_record(&mut enr) {
            Ok(false) => break,
            Ok(true) => {}
            // Read from memory with flexible rows, the reader has nothing left to refuse; were it
            // to, the line is named (the csv crate's English message is left out of the module).
            Err(_) => {
                ligne += 1;
                journal.dire(format!("Fichier « {} », ligne {ligne} : illisible (format CSV) ; ligne ignorée.", f.nom));
                continue;
            }
        }
        ligne += 1;
        *lues += 1;
        match ligne_iris(&enr, &en, &colonnes, reference, &mut totaux) {
            Ok((commune, valeurs)) => ajouter_iris(communes.entry(commune).or_default(), valeurs),
            Err(probleme) => journal.dire(format!("Fichier « {} », ligne {ligne}{probleme} ; ligne ignorée.", f.nom)),
        }
    }
    let _ = indice;
    Communes { comptes: communes }
}

/// One IRIS row: its commune and its counts, after noting the commune's EPCI and name. `Err`:
/// why the row is left out (`, colonne … : …`, to follow the file and line).
fn ligne_iris(
    enr: &csv::ByteRecord,
    en: &[String],
    colonnes: &ColonnesIris<'_>,
    reference: &mut Referentiel,
    totaux: &mut BTreeMap<&'static str, i64>,
) -> Result<(String, ValeursIris), String> {
    if let Some(colonne) = cellule_demesuree(enr, en) {
        return Err(format!(", colonne {colonne} : cellule de plus de {CELLULE_MAX} octets"));
    }
    let cellule = |i: usize| enr.get(i).map(String::from_utf8_lossy).unwrap_or_default();
    let codgeo = colonnes.code.map(cellule).unwrap_or_default();
    let commune =
        colonnes.depcom.map(|i| cellule(i).to_string()).filter(|c| !c.trim().is_empty()).unwrap_or_else(|| {
            // A 9-character IRIS code starts with its commune's code; a 5-character one is the commune.
            codgeo.trim().chars().take(5).collect()
        });
    let Some(commune) = code_commune(&commune) else {
        return Err(format!(", colonne CODGEO : code « {} » illisible", codgeo.chars().take(20).collect::<String>()));
    };
    if let Some(e) = colonnes.epci.map(cellule) {
        let e = e.trim();
        if !e.is_empty() && e != "ZZZZZZZZZ" {
            reference.epci.insert(commune.clone(), e.to_string());
        }
    }
    if let Some(n) = colonnes.libcom.map(cellule) {
        if !n.trim().is_empty() {
            reference.noms.entry(commune.clone()).or_insert_with(|| n.trim().to_string());
        }
    }
    let mut valeurs = Vec::with_capacity(colonnes.comptes.len());
    for (i, cle, nom_col) in &colonnes.comptes {
        match lire_compte(&cellule(*i)) {
            Ok(v) => valeurs.push((*cle, v)),
            Err(CelluleIllisible) => {
                let texte = cellule(*i).chars().take(20).collect::<String>();
                return Err(format!(", colonne {nom_col} : « {texte} » n'est pas un nombre"));
            }
        }
    }
    if let Err(colonne) = ajouter_aux_totaux(totaux, &valeurs, &colonnes.comptes) {
        let max = crate::format::entier(i128::from(SOMME_MAX));
        return Err(format!(", colonne {colonne} : nombre démesuré, le total du fichier dépasserait {max}"));
    }
    Ok((commune, valeurs))
}

/// Adds one IRIS row to its commune: an IRIS with every cell blank is a secret one.
fn ajouter_iris(c: &mut Comptes, valeurs: ValeursIris) {
    c.iris += 1;
    if valeurs.iter().all(|(_, v)| v.is_none()) {
        c.iris_secrets += 1;
        return;
    }
    for (cle, v) in valeurs {
        match v {
            Some(v) => *c.sommes.entry(cle).or_insert(0) += v,
            None => *c.cellules_masquees.entry(cle).or_insert(0) += 1,
        }
    }
}

#[inline(never)]
fn lire_population(f: &Fichier<'_>, reference: &mut Referentiel, journal: &mut Journal, lues: &mut usize) {
    let mut r = lecteur(f.contenu);
    let en = entete(&mut r);
    let col = |nom: &str| en.iter().position(|c| c == nom);
    let (Some(i_dep), Some(i_com), Some(i_pmun)) = (col("CODDEP"), col("CODCOM"), col("PMUN")) else { return };
    let i_nom = col("COM");
    let mut enr = csv::ByteRecord::new();
    let mut ligne = 1usize;
    let mut total: i64 = 0;
    while let Ok(true) = r.read_byte_record(&mut enr) {
        ligne += 1;
        *lues += 1;
        if let Some(colonne) = cellule_demesuree(&enr, &en) {
            journal.dire(format!(
                "Fichier « {} », ligne {ligne}, colonne {colonne} : cellule de plus de {CELLULE_MAX} octets ; ligne ignorée.",
                f.nom
            ));
            continue;
        }
        let cellule = |i: usize| enr.get(i).map(String::from_utf8_lossy).unwrap_or_default();
        let dep = cellule(i_dep).trim().to_string();
        let com = cellule(i_com).trim().to_string();
        let dep = if dep.len() == 1 { format!("0{dep}") } else { dep };
        let com = format!("{com:0>3}");
        let code =
            if dep.len() == 3 { format!("{}{com}", dep.get(..2).unwrap_or_default()) } else { format!("{dep}{com}") };
        match lire_compte(&cellule(i_pmun)) {
            Ok(Some(p)) if total.checked_add(p).is_none_or(|t| t > SOMME_MAX) => journal.dire(format!(
                "Fichier « {} », ligne {ligne}, colonne PMUN : nombre démesuré, le total du fichier dépasserait {} ; ligne ignorée.",
                f.nom,
                crate::format::entier(i128::from(SOMME_MAX))
            )),
            Ok(Some(p)) => {
                total += p;
                reference.population.insert(code.clone(), p);
                if let Some(n) = i_nom.map(cellule) {
                    reference.noms.entry(code).or_insert_with(|| n.trim().to_string());
                }
            }
            _ => journal.dire(format!(
                "Fichier « {} », ligne {ligne}, colonne PMUN : population illisible ; ligne ignorée.",
                f.nom
            )),
        }
    }
}

/// Imports IRIS files (and optionally a population file) into territories.
///
/// The most recent IRIS file gives the counts; the others only help (commune → EPCI and names,
/// which the 2019 and 2020 files lack).
///
/// # Errors
/// No file; an empty file; a file of unknown format; no IRIS file; an IRIS file whose year is
/// neither in its name nor given. Unreadable lines are skipped with a warning naming the file,
/// the line and the column.
pub fn importer(fichiers: &[Fichier<'_>]) -> Result<Import, ErreurImport> {
    if fichiers.is_empty() {
        return Err(ErreurImport::AucunFichier);
    }
    let mut reference = Referentiel::default();
    let mut journal = Journal { avertissements: Vec::new(), omis: 0 };
    let mut lues = 0usize;
    let mut annuels: Vec<(i32, Communes)> = Vec::new();
    // The population file's year: given, or in its name; None when the file holds none.
    let mut population: Option<Option<i32>> = None;
    for (indice, brut) in fichiers.iter().enumerate() {
        // Excel's « CSV (séparateur : point-virgule) » is Windows-1252 (Mac Roman on a Mac; older
        // software writes ISO-8859-15): read once, as UTF-8.
        let (texte, encodage) = tableur::lire_fichier(brut.contenu);
        journal
            .avertissements
            .extend(tableur::avertissement_encodage(&format!("Le fichier « {} »", brut.nom), encodage));
        let f = &Fichier { contenu: texte.as_bytes(), ..*brut };
        let mut r = lecteur(f.contenu);
        let en = entete(&mut r);
        if en.iter().all(|c| c.is_empty()) {
            return Err(ErreurImport::FichierVide { indice, nom: f.nom.to_string() });
        }
        let a = |c: &str| en.iter().any(|x| x == c);
        if a("CODGEO") && a("A") && a("PERCOU") {
            let annee = f
                .annee
                .or_else(|| annee_du_nom(f.nom))
                .ok_or_else(|| ErreurImport::AnneeInconnue { indice, nom: f.nom.to_string() })?;
            let c = lire_iris(f, indice, &mut reference, &mut journal, &mut lues);
            annuels.push((annee, c));
        } else if a("CODGEO") && en.iter().any(|c| c.starts_with("PPSOC")) {
            lire_filosofi(f, &mut reference, &mut journal, &mut lues);
        } else if en.iter().any(|c| c.starts_with("Taux de couv global")) {
            lire_taux_accueil(f, &mut reference, &mut journal, &mut lues);
        } else if a("CODDEP") && a("CODCOM") && a("PMUN") {
            population = Some(f.annee.or_else(|| annee_du_nom(f.nom)));
            lire_population(f, &mut reference, &mut journal, &mut lues);
        } else {
            return Err(ErreurImport::FormatInconnu {
                indice,
                nom: f.nom.to_string(),
                colonnes: en.iter().take(8).cloned().collect::<Vec<_>>().join(", "),
            });
        }
    }
    let Some((annee, principal)) = annuels.into_iter().max_by_key(|(a, _)| *a) else {
        return Err(ErreurImport::AucunFichierIris);
    };
    let mut avertissements = journal.avertissements;
    if journal.omis > 0 {
        avertissements.push(format!("… et {} autres lignes ignorées.", journal.omis));
    }
    let territoires = agreger(&principal, &reference, annee);
    avertissements.extend(population.and_then(|p| avertissement_population(p, annee)));
    if reference.epci.is_empty() {
        avertissements.push(
            "Aucune correspondance commune → EPCI : ajoutez un fichier IRIS de 2016 à 2018 (colonne EPCI) pour obtenir les EPCI."
                .into(),
        );
    }
    let communes_sans_iris = communes_sans_iris(&territoires, &reference);
    Ok(Import { annee, territoires, avertissements, lignes_lues: lues, communes_sans_iris })
}

/// The communes of the population file that the IRIS files do not cover (code, name): a search
/// finds them and says why they have no data.
fn communes_sans_iris(territoires: &[TerritoireImporte], r: &Referentiel) -> Vec<(String, String)> {
    let presentes: std::collections::BTreeSet<&str> =
        territoires.iter().filter(|t| t.niveau == Niveau::Commune).map(|t| t.code.as_str()).collect();
    r.population
        .keys()
        .filter(|c| !presentes.contains(c.as_str()))
        .map(|c| (c.clone(), r.noms.get(c).cloned().unwrap_or_default()))
        .collect()
}

/// Which year of population the coverage rates divide by, said as the CAF study does it (it
/// pairs the CAF counts of a year with the INSEE populations of two years earlier).
fn avertissement_population(millesime: Option<i32>, annee: i32) -> Option<String> {
    let attendu = annee - 2;
    match millesime {
        None => Some(format!(
            "Populations légales : le fichier ne dit pas son millésime (mettez-le dans son nom, « donnees_communes_{attendu}.csv ») ; l'étude CAF rapproche les comptes CAF de {annee} des populations INSEE de {attendu}."
        )),
        Some(p) if p != attendu => Some(format!(
            "Populations légales {p} rapprochées des comptes CAF de {annee} : l'étude CAF rapproche les comptes de {annee} des populations de {attendu}."
        )),
        Some(_) => None,
    }
}

/// Communes, with their counts, grouped by territory: each commune, its EPCI, its département.
type Groupes<'a> = BTreeMap<(Niveau, String), (Comptes, Vec<&'a String>)>;

#[inline(never)]
fn agreger(c: &Communes, r: &Referentiel, annee: i32) -> Vec<TerritoireImporte> {
    let groupes = grouper(c, r);
    let mut sortie = Vec::with_capacity(groupes.len());
    for ((niveau, code), (comptes, communes)) in groupes {
        let (valeurs, mut notes) = valeurs_et_notes(niveau, &comptes, &communes, r);
        let departement_code = match niveau {
            Niveau::Departement => Some(code.clone()),
            _ => communes.first().and_then(|c| departement_de_commune(c)).map(str::to_string),
        };
        let couverture = couverture_du_groupe(niveau, &code, &communes, r);
        let article = match niveau {
            Niveau::Departement => departement(&code).map(|d| d.2.texte()).unwrap_or(""),
            _ => "",
        };
        let nom = nom_du_groupe(niveau, &code, &communes, r);
        let nom = match &couverture {
            Some(c) => format!("{nom} — {c}"),
            None => nom,
        };
        let ((mut publiees, publiees5ans), note) = taux_accueil_de(niveau, &code, annee, r);
        notes.extend(note);
        if let Some((a, revenus)) = r.revenus.get(&code).filter(|_| niveau != Niveau::Commune) {
            publiees.extend(revenus.iter().copied());
            notes.push(format!(
                "Revenus des ménages : INSEE Filosofi {a}, revenu disponible par unité de consommation."
            ));
        }
        sortie.push(TerritoireImporte {
            publiees,
            publiees5ans,
            niveau,
            code,
            nom,
            departement: departement_code,
            annee,
            valeurs,
            communes: communes.len() as u32,
            comptes,
            notes,
            article,
            couverture,
        });
    }
    sortie
}

/// Each commune's counts added to its own group, its EPCI's and its département's.
fn grouper<'a>(c: &'a Communes, r: &Referentiel) -> Groupes<'a> {
    let mut groupes: Groupes<'a> = BTreeMap::new();
    for (commune, comptes) in &c.comptes {
        let mut cles = vec![(Niveau::Commune, commune.clone())];
        if let Some(e) = r.epci.get(commune) {
            cles.push((Niveau::Epci, e.clone()));
        }
        if let Some(d) = departement_de_commune(commune) {
            cles.push((Niveau::Departement, d.to_string()));
        }
        for k in cles {
            let g = groupes.entry(k).or_default();
            g.0.ajouter(comptes);
            g.1.push(commune);
        }
    }
    groupes
}

/// A group's values (its sums, the dependency band, its population) and the notes on what they
/// leave out: unknown populations, IRIS and cells under statistical secrecy, aggregation.
fn valeurs_et_notes(
    niveau: Niveau,
    comptes: &Comptes,
    communes: &[&String],
    r: &Referentiel,
) -> (BTreeMap<&'static str, i64>, Vec<String>) {
    let mut valeurs = comptes.sommes.clone();
    let mut notes = Vec::new();
    bande_de_dependance(&mut valeurs, comptes, &mut notes);
    let population: Option<i64> = communes.iter().map(|c| r.population.get(*c)).sum();
    match population {
        Some(p) => {
            valeurs.insert("habitants", p);
        }
        None if !r.population.is_empty() => notes.push(
            "Population inconnue pour au moins une commune : habitants et taux de couverture non calculés.".into(),
        ),
        None => {}
    }
    if comptes.iris_secrets > 0 {
        notes.push(format!(
            "{} IRIS sur {} sous secret statistique : comptes minimaux.",
            comptes.iris_secrets, comptes.iris
        ));
    }
    let masquees: Vec<String> = comptes.cellules_masquees.iter().map(|(k, n)| format!("{k} ({n})")).collect();
    if !masquees.is_empty() {
        notes.push(format!("Cellules masquées par le secret statistique : {}.", masquees.join(", ")));
    }
    if niveau != Niveau::Commune {
        notes.push(format!("Agrégé sur les {} communes présentes dans le fichier.", communes.len()));
    }
    (valeurs, notes)
}

/// A group's name: the commune's, the département's, or the EPCI's code with its most populous
/// commune.
fn nom_du_groupe(niveau: Niveau, code: &str, communes: &[&String], r: &Referentiel) -> String {
    match niveau {
        Niveau::Commune => r.noms.get(code).cloned().unwrap_or_else(|| format!("Commune {code}")),
        Niveau::Departement => {
            departement(code).map(|d| d.1.to_string()).unwrap_or_else(|| format!("Département {code}"))
        }
        Niveau::Epci => {
            let principale = communes
                .iter()
                .max_by_key(|c| r.population.get(**c).copied().unwrap_or(0))
                .and_then(|c| r.noms.get(*c));
            match principale {
                Some(n) => format!("EPCI {code} ({n}…)"),
                None => format!("EPCI {code}"),
            }
        }
    }
}

/// What part of a group the files cover (`None` for a commune).
fn couverture_du_groupe(niveau: Niveau, code: &str, communes: &[&String], r: &Referentiel) -> Option<String> {
    match niveau {
        Niveau::Departement => couverture_departement(code, communes, r),
        // The files give no complete list of an EPCI's communes: say what is known.
        Niveau::Epci => Some(format!(
            "{} à IRIS, les autres communes de l'EPCI absentes des fichiers",
            crate::format::compte(communes.len() as u64, "commune", "communes")
        )),
        Niveau::Commune => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cellules() {
        assert_eq!(lire_compte("2\u{202f}256"), Ok(Some(2256)));
        assert_eq!(lire_compte(" 12 "), Ok(Some(12)));
        assert_eq!(lire_compte(""), Ok(None));
        assert_eq!(lire_compte("12a"), Err(CelluleIllisible));
        assert_eq!(lire_compte("-3"), Err(CelluleIllisible));
        assert_eq!(lire_compte("1.5"), Err(CelluleIllisible));
    }

    #[test]
    fn annees_et_codes() {
        assert_eq!(annee_du_nom("data_CAF_2020_IRIS.csv"), Some(2020));
        assert_eq!(annee_du_nom("x12020.csv"), None);
        assert_eq!(annee_du_nom("iris.csv"), None);
        assert_eq!(code_commune("1004"), Some("01004".into()));
        assert_eq!(code_commune("2A004"), Some("2A004".into()));
        assert_eq!(code_commune("x"), None);
    }

    #[test]
    fn petit_fichier_avec_ses_travers() {
        let iris = "\u{feff}CODGEO;LIBGEO;DEPCOM;LIBCOM;EPCI;REG;NOTE;A;PERCOU;AI;AM;ACSSENF;ACAVENF\r\n\
                    620010101;X;62001;Ablain;200000001;32;0;1\u{202f}000;2\u{202f}500;400;100;100;400\r\n\
                    620010102;Y;62001;Ablain;200000001;32;3;;;;;;\r\n\
                    620020000;Z;62002;Acq;200000001;32;0;50;120;20;;10;15\r\n\
                    620030000;W;62003;Bof;200000001;32;0;5x;1;1;1;1;1\r\n";
        let pop = "CODREG;REG;CODDEP;CODARR;CODCAN;CODCOM;COM;PMUN;PCAP;PTOT\r\n32;H;62;1;1;001;Ablain;3000;1;3001\r\n32;H;62;1;1;002;Acq;200;0;200\r\n";
        let i = importer(&[
            Fichier { nom: "data_CAF_2017_IRIS.csv", contenu: iris.as_bytes(), annee: None },
            Fichier { nom: "pop.csv", contenu: pop.as_bytes(), annee: None },
        ])
        .unwrap();
        assert_eq!(i.annee, 2017);
        assert_eq!(i.lignes_lues, 6);
        assert!(
            i.avertissements[0].contains("ligne 5, colonne A : « 5x » n'est pas un nombre"),
            "{:?}",
            i.avertissements
        );
        let t = |n: Niveau, c: &str| i.territoires.iter().find(|t| t.niveau == n && t.code == c).unwrap().clone();
        let ablain = t(Niveau::Commune, "62001");
        assert_eq!(ablain.valeurs["allocataires"], 1000);
        assert_eq!(ablain.valeurs["habitants"], 3000);
        assert_eq!((ablain.comptes.iris, ablain.comptes.iris_secrets), (2, 1));
        let epci = t(Niveau::Epci, "200000001");
        assert_eq!(epci.valeurs["allocataires"], 1050);
        assert_eq!(epci.valeurs["personnesCouvertes"], 2620);
        assert_eq!(epci.valeurs["famillesMonoparentales"], 100);
        assert_eq!(epci.comptes.cellules_masquees["famillesMonoparentales"], 1);
        assert_eq!(epci.valeurs["habitants"], 3200);
        // Partial territories are named as such: an EPCI's other communes are unknown; the
        // population file lists every commune of the département.
        assert_eq!(
            epci.nom,
            "EPCI 200000001 (Ablain…) — 2 communes à IRIS, les autres communes de l'EPCI absentes des fichiers"
        );
        let pdc = t(Niveau::Departement, "62");
        assert_eq!(pdc.article, "le");
        assert_eq!(pdc.couverture, None, "toutes les communes du fichier de population sont présentes");
    }

    #[test]
    fn fichiers_d_excel_en_windows_1252() {
        // Re-saved by French Excel as « CSV (séparateur : point-virgule) »: Windows-1252, with a
        // no-break space (0xA0) in a count.
        let iris = b"CODGEO;LIBGEO;DEPCOM;LIBCOM;EPCI;REG;NOTE;A;PERCOU;AI;AM;ACSSENF;ACAVENF\r\n\
                     420010101;X;42001;Saint-\xc9tienne;200000001;84;0;1\xa0000;2500;400;100;100;400\r\n";
        let pop = "CODREG;REG;CODDEP;CODARR;CODCAN;CODCOM;COM;PMUN;PCAP;PTOT\r\n84;A;42;1;1;001;Nom écrit en UTF-8;3000;1;3001\r\n";
        let i = importer(&[
            Fichier { nom: "data_CAF_2017_IRIS.csv", contenu: iris, annee: None },
            Fichier { nom: "pop.csv", contenu: pop.as_bytes(), annee: None },
        ])
        .unwrap();
        let commune = i.territoires.iter().find(|t| t.niveau == Niveau::Commune).unwrap();
        assert_eq!((commune.nom.as_str(), commune.valeurs["allocataires"]), ("Saint-Étienne", 1000));
        let lu_en_1252 = |nom: &str| {
            i.avertissements.iter().any(|a| a.starts_with(&format!("Le fichier « {nom} » n'est pas en UTF-8")))
        };
        assert!(lu_en_1252("data_CAF_2017_IRIS.csv"), "{:?}", i.avertissements);
        assert!(!lu_en_1252("pop.csv"), "le fichier UTF-8 n'est pas signalé : {:?}", i.avertissements);
    }

    #[test]
    fn departement_partiel_nomme_comme_tel() {
        let iris = "CODGEO;NOTE;A;PERCOU\n620010101;0;10;20\n";
        let pop = "CODREG;REG;CODDEP;CODARR;CODCAN;CODCOM;COM;PMUN;PCAP;PTOT\n32;H;62;1;1;001;Ablain;3000;1;3001\n32;H;62;1;1;002;Acq;1000;0;1000\n32;H;62;1;1;003;Agny;2000;0;2000\n";
        let i = importer(&[
            Fichier { nom: "data_CAF_2020_IRIS.csv", contenu: iris.as_bytes(), annee: None },
            Fichier { nom: "donnees_communes.csv", contenu: pop.as_bytes(), annee: None },
        ])
        .unwrap();
        let pdc = i.territoires.iter().find(|t| t.niveau == Niveau::Departement).unwrap();
        let espaces = |c: &str| c.replace(['\u{a0}', '\u{202f}'], " ");
        assert_eq!(
            pdc.couverture.as_deref().map(espaces).as_deref(),
            Some("1 commune à IRIS sur 3, 50 % de la population")
        );
        assert_eq!(espaces(&pdc.nom), "Pas-de-Calais — 1 commune à IRIS sur 3, 50 % de la population");
        assert_eq!(pdc.article, "le");
    }

    #[test]
    fn millesime_des_populations_dit() {
        assert!(avertissement_population(None, 2020).unwrap().contains("ne dit pas son millésime"));
        assert_eq!(avertissement_population(Some(2018), 2020), None);
        assert_eq!(
            avertissement_population(Some(2021), 2020).as_deref(),
            Some("Populations légales 2021 rapprochées des comptes CAF de 2020 : l'étude CAF rapproche les comptes de 2020 des populations de 2018.")
        );
    }

    #[test]
    fn comptes_demesures_jamais_d_entier_repli() {
        for lignes in [10usize, 9_300] {
            let mut contenu = String::from("CODGEO;NOTE;A;PERCOU\n");
            for i in 0..lignes {
                contenu.push_str(&format!("62001{:04};0;999999999999999;1\n", i % 10_000));
            }
            let i = importer(&[Fichier { nom: "data_CAF_2020_IRIS.csv", contenu: contenu.as_bytes(), annee: None }])
                .unwrap();
            for t in &i.territoires {
                for (cle, v) in &t.valeurs {
                    assert!((0..=SOMME_MAX).contains(v), "{lignes} lignes, {} {cle} = {v}", t.code);
                }
            }
            let avertis = i.avertissements.iter().filter(|a| a.contains("colonne A : nombre démesuré")).count();
            // The first 9 fit under the largest total; the others are each told (up to the cap of
            // listed warnings, then counted).
            assert_eq!(avertis, (lignes - 9).min(AVERTISSEMENTS_MAX), "{lignes} lignes");
            assert!(
                i.avertissements[0].starts_with("Fichier « data_CAF_2020_IRIS.csv », ligne 11, colonne A"),
                "{:?}",
                i.avertissements[0]
            );
        }
    }

    #[test]
    fn cellule_demesuree_ignoree_sans_travail() {
        let nom = "x".repeat(5_000_000);
        let contenu = format!("CODGEO;LIBCOM;NOTE;A;PERCOU\n620010101;{nom};0;3;4\n620020000;B;0;5;6\n");
        let i =
            importer(&[Fichier { nom: "data_CAF_2020_IRIS.csv", contenu: contenu.as_bytes(), annee: None }]).unwrap();
        assert!(
            i.avertissements[0].contains("ligne 2, colonne LIBCOM : cellule de plus de 1024 octets ; ligne ignorée"),
            "{:?}",
            i.avertissements
        );
        assert!(i.territoires.iter().all(|t| t.nom.len() < 100));
    }

    #[test]
    fn erreurs() {
        assert_eq!(importer(&[]).unwrap_err().champ(), "fichiers");
        let e = importer(&[Fichier { nom: "a.csv", contenu: b"x;y\n1;2\n", annee: None }]).unwrap_err();
        assert_eq!(e.champ(), "fichiers[0]");
        assert!(e.to_string().contains("colonnes trouvées : x, y"));
        let e = importer(&[Fichier { nom: "iris.csv", contenu: b"CODGEO;A;PERCOU\n", annee: None }]).unwrap_err();
        assert!(matches!(e, ErreurImport::AnneeInconnue { .. }));
        assert_eq!(
            e.to_string(),
            "Fichier « iris.csv » : année introuvable dans le nom du fichier ; précisez l'année de ce fichier."
        );
        let e = importer(&[Fichier { nom: "vide.csv", contenu: b"", annee: None }]).unwrap_err();
        assert!(matches!(e, ErreurImport::FichierVide { .. }));
        assert_eq!(
            (e.champ().as_str(), e.to_string().as_str()),
            ("fichiers[0]", "Fichier « vide.csv » : il est vide.")
        );
        // Legal populations alone: nothing to compute them against.
        let population = b"CODREG;REG;CODDEP;CODARR;CODCAN;CODCOM;COM;PMUN;PCAP;PTOT
32;Hauts;62;1;1;001;Ablain;100;1;101
";
        let e = importer(&[Fichier { nom: "donnees_communes.csv", contenu: population, annee: None }]).unwrap_err();
        assert_eq!(
            (e.champ().as_str(), e.to_string().as_str()),
            ("fichiers", "Fichiers : il faut au moins un fichier INSEE « Données CAF à l'IRIS ».")
        );
        // Bytes that are not UTF-8 are read as Windows-1252 (« ÿ » here), never a panic, and the
        // reading is said; the commune is its code's first five characters.
        let i =
            importer(&[Fichier { nom: "iris2020.csv", contenu: b"CODGEO;A;PERCOU\n62001\xff0101;3;4\n", annee: None }])
                .unwrap();
        assert!(i.avertissements[0].contains("lu en Windows-1252"), "{:?}", i.avertissements);
        let commune = i.territoires.iter().find(|t| t.niveau == Niveau::Commune).unwrap();
        assert_eq!((commune.code.as_str(), commune.valeurs["allocataires"]), ("62001", 3));
    }
}
