//! A counts file of any territories — the extraction a CAF statistician, an observatory or a
//! CTG coordinator already has — and the diagnostic of each of its rows against its reference.
//!
//! One row per territory: `code`, `nom`, optional `niveau` (commune, epci, departement, autre),
//! `annee`, `reference` (the code of the row to compare it with), then any input key of the
//! diagnostic as a column (`allocataires`, `personnesCouvertes`…, or an indicator id for a
//! published value), and `<key>_5ans` for the value five years earlier. `;`, `,` or tab; decimal
//! comma or point; UTF-8 with or without BOM; a row whose first cell starts with `#` is a comment
//! (the template's labels). Each row is read by the same rules as `calculerDiagnostic`
//! ([`Territoire::lire`]): a faulty row is an error naming its line and column, the rest is read.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::bilan::ErreurListee;
use super::moyennes::{moyennes, Membre, MoyenneRadar};
use super::nombres::ecrire_arrondi;
use super::progression::{progression, progression_sur, Progression};
use crate::catalogue::{cles_connues, libelle_cle, SECTIONS};
use crate::diagnostic::{
    chiffres_d_un_territoire, diagnostiquer, indicateurs_du_diagnostic, ChiffresCellule, Diagnostic, Options,
    Territoire,
};
use crate::format;
use crate::tableur::{self, cellule_csv, cellule_texte_csv, BOM};
use crate::valeur::Valeur;

/// Columns that describe a row (the others are input keys).
const DESCRIPTION: [&str; 5] = ["code", "nom", "niveau", "annee", "reference"];
/// Suffix of a column that holds the value five years earlier.
const SUFFIXE_5ANS: &str = "_5ans";
/// Most rows read from one file.
pub const LIGNES_COMPTES_MAX: usize = 100_000;

/// A counts file without its required columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErreurComptes {
    /// The required columns missing.
    pub manquantes: Vec<&'static str>,
}

impl std::fmt::Display for ErreurComptes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Fichier de comptes : colonnes obligatoires manquantes ({}) ; téléchargez le modèle pour voir les colonnes attendues.",
            self.manquantes.join(", ")
        )
    }
}

/// One territory of the file.
#[derive(Clone, Debug, PartialEq)]
pub struct LigneComptes {
    /// Line of the file (the header is line 1).
    pub ligne: usize,
    /// Code of the territory (INSEE, SIREN, or the user's own).
    pub code: String,
    /// Name.
    pub nom: String,
    /// `commune`, `epci`, `departement` or `autre`.
    pub niveau: String,
    /// Code of the row to compare with, when given.
    pub reference: Option<String>,
    /// The row read as `calculerDiagnostic` reads a territory (the input object itself is not
    /// kept: it doubled the memory of a file of every commune).
    pub territoire: Territoire,
}

/// A counts file read: its territories, the rows in error, the warnings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Comptes {
    /// The rows read.
    pub lignes: Vec<LigneComptes>,
    /// The rows in error (line, column, French message).
    pub erreurs: Vec<ErreurListee>,
    /// Warnings (unknown columns…).
    pub avertissements: Vec<String>,
    /// The codes of the rows in error, with their line: a row that refers to one of them is told
    /// why its reference is missing.
    pub codes_en_erreur: Vec<(String, u64)>,
}

impl Comptes {
    /// « 3 territoires lus, 1 ligne en erreur » (the rows read and those in error).
    pub fn resume(&self) -> String {
        format!(
            "{}, {}",
            format::compte(self.lignes.len() as u64, "territoire lu", "territoires lus"),
            format::compte(self.erreurs.len() as u64, "ligne en erreur", "lignes en erreur")
        )
    }

    /// The row of a code.
    pub fn ligne(&self, code: &str) -> Option<&LigneComptes> {
        self.lignes.iter().find(|l| l.code == code)
    }
}

/// Whether bytes start like a counts file (a `code` and an `annee` column in the header).
pub fn est_fichier_comptes(contenu: &[u8]) -> bool {
    let premiere = contenu.split(|&b| b == b'\n' || b == b'\r').next().unwrap_or_default();
    let texte = String::from_utf8_lossy(premiere).to_ascii_lowercase();
    let cellules: Vec<&str> = texte.split([';', ',', '\t']).map(|c| c.trim().trim_matches(['"', '\u{feff}'])).collect();
    cellules.contains(&"code") && cellules.contains(&"annee")
}

/// What each column of the header is.
enum Colonne {
    Description(&'static str),
    Cle(&'static str, bool),
    Inconnue,
}

fn colonne(nom: &str, connues: &[&'static str]) -> Colonne {
    let n = nom.trim().trim_matches('"').to_ascii_lowercase();
    if let Some(d) = DESCRIPTION.iter().find(|d| **d == n) {
        return Colonne::Description(d);
    }
    let (base, cinq_ans) = match n.strip_suffix(SUFFIXE_5ANS) {
        Some(b) => (b.to_string(), true),
        None => (n, false),
    };
    match connues.iter().find(|k| k.eq_ignore_ascii_case(&base)) {
        Some(k) => Colonne::Cle(k, cinq_ans),
        None => Colonne::Inconnue,
    }
}

fn separateur(entete: &[u8]) -> u8 {
    let compte = |c: u8| entete.iter().filter(|&&b| b == c).count();
    [b';', b',', b'\t'].into_iter().max_by_key(|&c| compte(c)).unwrap_or(b';')
}

/// Reads a counts file.
///
/// # Errors
/// [`ErreurComptes`] when the header has no `code` or no `annee` column; faulty rows are listed
/// in [`Comptes::erreurs`] and the others read.
pub fn lire_comptes(contenu: &[u8]) -> Result<Comptes, ErreurComptes> {
    lire_comptes_suivi(contenu, &mut |_| true)
}

/// Rows read between two progress reports of [`lire_comptes_suivi`].
const LIGNES_PAR_SUIVI: usize = 1000;

/// Reads a counts file as [`lire_comptes`] does, reporting its progress to `suivi` every 1 000
/// rows and once at the end (100 %): a file of every commune takes seconds. When `suivi` returns
/// `false`, the reading stops there and gives the rows read so far (the caller is stopping).
///
/// # Errors
/// As [`lire_comptes`].
pub fn lire_comptes_suivi(
    contenu: &[u8],
    suivi: &mut dyn FnMut(&Progression) -> bool,
) -> Result<Comptes, ErreurComptes> {
    let (texte, encodage) = tableur::lire_fichier(contenu);
    let contenu = texte.as_bytes();
    let entete_brut = contenu.split(|&b| b == b'\n' || b == b'\r').next().unwrap_or_default();
    let mut lecteur = csv::ReaderBuilder::new()
        .delimiter(separateur(entete_brut))
        .flexible(true)
        // LF, CRLF, or a lone CR: Excel for Mac ends its CSV lines with CR alone.
        .terminator(csv::Terminator::CRLF)
        .from_reader(contenu);
    let entete: Vec<String> = lecteur
        .byte_headers()
        .map(|h| h.iter().map(|c| String::from_utf8_lossy(c).trim().trim_end_matches('\r').to_string()).collect())
        .unwrap_or_default();
    let connues = cles_connues();
    let colonnes: Vec<Colonne> = entete.iter().map(|n| colonne(n, connues)).collect();
    let a = |d: &str| colonnes.iter().any(|c| matches!(c, Colonne::Description(x) if *x == d));
    let manquantes: Vec<&'static str> = ["code", "annee"].into_iter().filter(|d| !a(d)).collect();
    if !manquantes.is_empty() {
        return Err(ErreurComptes { manquantes });
    }
    let mut comptes = Comptes::default();
    comptes.avertissements.extend(tableur::avertissement_encodage("Le fichier de comptes", encodage));
    for (nom, c) in entete.iter().zip(&colonnes) {
        if matches!(c, Colonne::Inconnue) && !nom.is_empty() {
            comptes
                .avertissements
                .push(format!("Colonne « {} » inconnue : ignorée.", nom.chars().take(40).collect::<String>()));
        }
    }
    // Byte records, as the open-data import reads (one CSV path in the module).
    let colonne_code = colonnes.iter().position(|c| matches!(c, Colonne::Description("code")));
    let mut enr = csv::ByteRecord::new();
    let (mut lignes, mut lus) = (Ligne::default(), 0);
    while comptes.lignes.len() + comptes.erreurs.len() < LIGNES_COMPTES_MAX {
        if lus % LIGNES_PAR_SUIVI == LIGNES_PAR_SUIVI - 1
            && !suivi(&progression(lus as u64, lecteur.position().byte(), contenu.len() as u64, 0))
        {
            return Ok(comptes);
        }
        let lu = lecteur.read_byte_record(&mut enr);
        let ligne = lignes.de(contenu, enr.position().map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX)));
        lus += 1;
        match lu {
            Ok(false) => break,
            Ok(true) => {}
            Err(_) => {
                let message = "Ligne illisible (guillemets non fermés).".into();
                comptes.erreurs.push(ErreurListee { ligne: ligne as u64, champ: "ligne".into(), message });
                continue;
            }
        }
        let premiere = enr.get(0).unwrap_or_default().trim_ascii();
        if premiere.starts_with(b"#") || enr.iter().all(|c| c.trim_ascii().is_empty()) {
            continue;
        }
        match lire_ligne(&enr, &entete, &colonnes, ligne) {
            Ok(l) => comptes.lignes.push(l),
            Err(e) => {
                let code =
                    colonne_code.and_then(|i| enr.get(i)).map(|c| tableur::lire_cellule(c.trim_ascii()).into_owned());
                comptes.codes_en_erreur.extend(code.filter(|c| !c.is_empty()).map(|c| (c, e.ligne)));
                comptes.erreurs.push(e);
            }
        }
    }
    // The last reading found the end (or the row limit stopped before it).
    suivi(&progression(lus.saturating_sub(1) as u64, contenu.len() as u64, contenu.len() as u64, 0));
    Ok(comptes)
}

/// The line in the file of each record the CSV reader gives, counted as the household batch
/// counts them (LF, CRLF or a lone CR end a line), blank lines included: the reader skips them.
#[derive(Default)]
struct Ligne {
    /// Line ends before `octet`.
    fins: u64,
    octet: usize,
}

impl Ligne {
    /// The line (from 1) of a record whose reading started at byte `debut` (before the blank
    /// lines the reader skips): the line of its first byte that ends no line.
    fn de(&mut self, contenu: &[u8], debut: usize) -> usize {
        let reste = contenu.get(debut..).unwrap_or_default();
        let premier = debut + reste.iter().take_while(|&&b| b == b'\n' || b == b'\r').count();
        // Both ends follow every CR and LF in a row: no CRLF is split.
        self.fins += super::repartition::fins_de_ligne(contenu.get(self.octet..premier).unwrap_or_default());
        self.octet = self.octet.max(premier);
        usize::try_from(self.fins).unwrap_or(usize::MAX).saturating_add(1)
    }
}

/// One row as the input object of `calculerDiagnostic`, then read by its rules.
fn lire_ligne(
    enr: &csv::ByteRecord,
    entete: &[String],
    colonnes: &[Colonne],
    ligne: usize,
) -> Result<LigneComptes, ErreurListee> {
    let mut description: Vec<(&str, String)> = Vec::new();
    let (mut valeurs, mut valeurs5ans) = (Vec::new(), Vec::new());
    for (i, c) in colonnes.iter().enumerate() {
        let brut = String::from_utf8_lossy(enr.get(i).unwrap_or_default());
        let cellule = brut.trim();
        match c {
            Colonne::Description(d) => {
                description.push((d, cellule.to_string()));
            }
            Colonne::Cle(k, cinq_ans) if !cellule.is_empty() => {
                let cible = if *cinq_ans { &mut valeurs5ans } else { &mut valeurs };
                cible.push((Cow::Borrowed(*k), Valeur::Texte(cellule.to_string())));
            }
            _ => {}
        }
    }
    let champ = |nom: &str| description.iter().find(|d| d.0 == nom).map(|d| d.1.clone()).unwrap_or_default();
    let saisie = Valeur::Objet(vec![
        ("nom".into(), Valeur::Texte(champ("nom"))),
        ("annee".into(), Valeur::Texte(champ("annee"))),
        ("valeurs".into(), Valeur::Objet(valeurs)),
        ("valeurs5ans".into(), Valeur::Objet(valeurs5ans)),
    ]);
    let territoire = Territoire::lire(&saisie, "territoire", "Territoire").map_err(|e| {
        // Name the column of the file: "territoire.valeurs5ans.allocataires" → allocataires_5ans.
        let chemin = e.champ().to_string();
        let colonne = match chemin.strip_prefix("territoire.valeurs5ans.") {
            Some(k) => format!("{k}{SUFFIXE_5ANS}"),
            None => chemin
                .strip_prefix("territoire.valeurs.")
                .or(chemin.strip_prefix("territoire."))
                .unwrap_or(&chemin)
                .to_string(),
        };
        let colonne = entete.iter().find(|n| n.eq_ignore_ascii_case(&colonne)).cloned().unwrap_or(colonne);
        ErreurListee { ligne: ligne as u64, champ: colonne, message: e.to_string() }
    })?;
    let code = champ("code");
    if code.is_empty() {
        return Err(ErreurListee {
            ligne: ligne as u64,
            champ: "code".into(),
            message: "Code : ce champ est obligatoire.".into(),
        });
    }
    let niveau = Some(champ("niveau").to_ascii_lowercase()).filter(|n| !n.is_empty()).unwrap_or_else(|| "autre".into());
    Ok(LigneComptes {
        ligne,
        code,
        nom: champ("nom"),
        niveau,
        reference: Some(champ("reference")).filter(|r| !r.is_empty()),
        territoire,
    })
}

/// Every indicator row of the study, in the document's order, once.
fn lignes_etude() -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = Vec::new();
    for s in SECTIONS {
        for id in s.lignes {
            if !ids.contains(id) {
                ids.push(id);
            }
        }
    }
    ids
}

impl Comptes {
    /// The place of each code's row, the first of a code as [`Comptes::ligne`] finds it: one
    /// look-up a row for its reference, not a pass over the file (a file of every commune took
    /// seconds more).
    fn par_code(&self) -> BTreeMap<&str, usize> {
        let mut par_code = BTreeMap::new();
        for (i, l) in self.lignes.iter().enumerate() {
            par_code.entry(l.code.as_str()).or_insert(i);
        }
        par_code
    }

    /// The same-type means of the radar over this file: every level, and the rows compared with
    /// the same reference row (what the diagnostic page offers as the radar's reference).
    pub fn moyennes(&self) -> Vec<MoyenneRadar> {
        let membres: Vec<Membre<'_>> = self
            .lignes
            .iter()
            .map(|l| Membre { niveau: &l.niveau, departement: l.reference.as_deref(), territoire: &l.territoire })
            .collect();
        let nom = |r: &str| self.ligne(r).map(|l| format!("comparés à {}", l.nom));
        moyennes(&membres, &nom)
    }
}

/// The radar's reference for a row, as the diagnostic page chooses it: the mean of the rows of
/// its level compared with the same reference row, else of every row of its level.
fn moyenne_pour<'m>(moyennes: &'m [MoyenneRadar], l: &LigneComptes) -> Option<&'m MoyenneRadar> {
    let meme_niveau = || moyennes.iter().filter(|m| m.niveau == l.niveau);
    meme_niveau()
        .find(|m| m.departement.is_some() && m.departement == l.reference)
        .or_else(|| meme_niveau().find(|m| m.departement.is_none()))
}

/// The full study of each row against its reference row — tables, sentences, notes, and the
/// radar against the same-type mean, as the diagnostic page makes it — given one at a time to
/// `f` (a file of every commune makes 35 000 of them: none is kept), which stops the loop by
/// returning `false`. A row without a reference row found has no study. Returns how many
/// studies were made and how many rows had none.
pub fn etudes_comptes(c: &Comptes, f: &mut dyn FnMut(&LigneComptes, &Diagnostic) -> bool) -> (usize, usize) {
    let moyennes = c.moyennes();
    let par_code = c.par_code();
    let (mut faites, mut sans) = (0, 0);
    for l in &c.lignes {
        let reference = l.reference.as_deref().and_then(|r| par_code.get(r)).and_then(|&i| c.lignes.get(i));
        let Some(reference) = reference else {
            sans += 1;
            continue;
        };
        let mut options = Options::default();
        if let Some(m) = moyenne_pour(&moyennes, l) {
            options.radar.reference = m.valeurs.iter().map(|(k, v)| (k.to_string(), *v)).collect();
            options.radar.libelle_reference = Some(m.libelle.clone());
        }
        faites += 1;
        if !f(l, &diagnostiquer(&l.territoire, &reference.territoire, &options)) {
            break;
        }
    }
    (faites, sans)
}

/// Why a row's reference is not there: its row is in error, or no row has its code.
fn reference_absente(c: &Comptes, r: &str) -> String {
    match c.codes_en_erreur.iter().find(|(code, _)| code == r) {
        Some((_, ligne)) => format!("Référence « {r} » : sa ligne (ligne {ligne}) est en erreur."),
        None => format!("Référence « {r} » : aucune ligne de ce code dans le fichier."),
    }
}

/// The diagnostic of every row against its reference, as one CSV of raw numbers (`;`, decimal
/// comma, no grouping, BOM): the row's description, then for each indicator its value, its
/// 5-year variation and the reference's value; a faulty row gives its error in the last two
/// columns.
pub fn comptes_csv(c: &Comptes) -> String {
    comptes_csv_suivi(c, &mut |_| true)
}

/// [`comptes_csv`], reporting its progress to `suivi` every 1 000 rows studied and once at the
/// end (100 %): the studies of a file of every commune take seconds. When `suivi` returns `false`,
/// the studies stop there (the CSV is then incomplete: the caller is stopping).
pub fn comptes_csv_suivi(c: &Comptes, suivi: &mut dyn FnMut(&Progression) -> bool) -> String {
    let ids = lignes_etude();
    let mut s = format!("{BOM}ligne;code;nom;niveau;annee;reference");
    for id in &ids {
        s.push_str(&format!(";{id};{id}_variation5ans;{id}_reference"));
    }
    s.push_str(";erreur_champ;erreur\n");
    // Each column's cell (the first of its id among the study's rows) and precision, found once.
    let indicateurs: Vec<_> = indicateurs_du_diagnostic().collect();
    let colonnes: Vec<(Option<usize>, u32)> = ids
        .iter()
        .map(|id| {
            let precision = crate::catalogue::indicateur(id).map(|i| i.precision).unwrap_or(1);
            (indicateurs.iter().position(|i| i.id == *id), precision)
        })
        .collect();
    // A reference's cells are computed once for all the rows that refer to it.
    let par_code = c.par_code();
    let vide = chiffres_d_un_territoire(&Territoire::default());
    let mut references: Vec<Option<Vec<ChiffresCellule>>> = vec![None; c.lignes.len()];
    let total = c.lignes.len() as u64;
    for (n, l) in c.lignes.iter().enumerate() {
        if n > 0 && n % LIGNES_PAR_SUIVI == 0 && !suivi(&progression_sur(n as u64, total)) {
            return s;
        }
        let reference = l.reference.as_deref().and_then(|r| par_code.get(r).copied());
        let cellules = chiffres_d_un_territoire(&l.territoire);
        let cellules_reference = match reference {
            Some(i) => references[i].get_or_insert_with(|| chiffres_d_un_territoire(&c.lignes[i].territoire)),
            None => &vide,
        };
        s.push_str(&format!("{};", l.ligne));
        for cellule in [&l.code, &l.nom, &l.niveau] {
            s.push_str(&cellule_texte_csv(cellule));
            s.push(';');
        }
        s.push_str(&l.territoire.annee.to_string());
        s.push(';');
        s.push_str(&cellule_texte_csv(l.reference.as_deref().unwrap_or_default()));
        for &(position, precision) in &colonnes {
            let (t, r) = (position.map(|p| &cellules[p]), position.map(|p| &cellules_reference[p]));
            for (v, p) in [
                (t.and_then(|c| c.valeur), precision),
                (t.and_then(|c| c.variation5ans), 1),
                (r.and_then(|c| c.valeur), precision),
            ] {
                s.push(';');
                ecrire_arrondi(&mut s, v, p);
            }
        }
        match l.reference.as_deref().filter(|_| reference.is_none()) {
            Some(r) => s.push_str(&format!(";reference;{}\n", cellule_csv(&reference_absente(c, r)))),
            None => s.push_str(";;\n"),
        }
    }
    for e in &c.erreurs {
        s.push_str(&format!("{};{}", e.ligne, ";".repeat(5 + 3 * ids.len())));
        s.push_str(&format!(";{};{}\n", cellule_csv(&e.champ), cellule_csv(&e.message)));
    }
    suivi(&progression_sur(total, total));
    s
}

/// The template of a counts file: the header with every column, a comment row with each
/// column's French label, and an example row.
pub fn modele_comptes() -> String {
    let cles = cles_connues();
    let mut entete = DESCRIPTION.iter().map(|d| d.to_string()).collect::<Vec<_>>();
    let mut libelles = vec![
        "# Code du territoire".to_string(),
        "Nom".into(),
        "Niveau : commune, epci, departement ou autre".into(),
        "Année des comptes".into(),
        "Code de la ligne de référence (son département, par exemple)".into(),
    ];
    for k in cles {
        let libelle = libelle_cle(k).unwrap_or(k);
        entete.push(k.to_string());
        libelles.push(libelle.to_string());
        entete.push(format!("{k}{SUFFIXE_5ANS}"));
        libelles.push(format!("{libelle}, cinq ans plus tôt"));
    }
    let exemple = ["62", "Pas-de-Calais", "departement", "2020", ""];
    let mut ligne_exemple: Vec<String> = exemple.iter().map(|e| e.to_string()).collect();
    ligne_exemple.resize(entete.len(), String::new());
    let csv = |v: &[String]| v.iter().map(|c| cellule_csv(c)).collect::<Vec<_>>().join(";");
    format!("{BOM}{}\n{}\n{}\n", csv(&entete), csv(&libelles), csv(&ligne_exemple))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nombre::Ratio;

    #[test]
    fn fichier_de_comptes_lu_et_diagnostique() {
        let contenu =
            "\u{feff}code;nom;niveau;annee;reference;habitants;personnesCouvertes;allocataires;allocataires_5ans\n\
                       # libellés;;;;;;;;\n\
                       62;Pas-de-Calais;departement;2020;;1466743;790365;318388;300000\n\
                       200072478;Cc Pays D'opale;epci;2020;62;25188;12903;4582;4151\n\
                       999;Faux;epci;2020;62;12.000;1;1;1\n";
        let c = lire_comptes(contenu.as_bytes()).unwrap();
        assert_eq!(c.lignes.len(), 2);
        assert_eq!((c.erreurs[0].ligne, c.erreurs[0].champ.as_str()), (5, "habitants"));
        assert!(c.erreurs[0].message.contains("« 12.000 » est ambigu"), "{}", c.erreurs[0].message);
        let csv = comptes_csv(&c);
        let entete: Vec<&str> = csv.lines().next().unwrap().split(';').collect();
        let epci: Vec<&str> = csv.lines().find(|l| l.contains("200072478")).unwrap().split(';').collect();
        let col = |nom: &str| entete.iter().position(|c| *c == nom).unwrap();
        assert_eq!(epci[col("tauxCouvertureCaf")], "51,2");
        assert_eq!(epci[col("tauxCouvertureCaf_reference")], "53,9");
        assert_eq!(epci[col("allocataires_variation5ans")], "10,4");
        assert!(csv.lines().last().unwrap().starts_with("5;"));
        assert!(est_fichier_comptes(contenu.as_bytes()));
        assert!(!est_fichier_comptes(b"CODGEO;NOTE;A\n"));
    }

    /// The message of a row's reference, in the CSV of the diagnostics.
    #[track_caller]
    fn erreur_de_reference(csv: &str, code: &str) -> String {
        let ligne = csv.lines().find(|l| l.split(';').nth(1) == Some(code)).unwrap();
        ligne.rsplit(';').next().unwrap().to_string()
    }

    #[test]
    fn parts_en_pourcent_et_reference_en_erreur() {
        // Shares as a spreadsheet writes a cell in percent format; the département's row is in
        // error, one EPCI refers to it, another to a code no row has.
        let contenu = "code;nom;niveau;annee;reference;habitants;allocataires;partAlParcPublic\n\
                       62;Pas-de-Calais;departement;2020;;1466743;abc;12,5 %\n\
                       1;A;epci;2020;62;25188;4582;10,2%\n\
                       2;B;epci;2020;63;25188;4582;10,2\u{202f}%\n\
                       3;C;epci;2020;62;25188;4582;10,2 %%\n\
                       4;D;epci;2020;62;25188 %;4582;\n";
        let c = lire_comptes(contenu.as_bytes()).unwrap();
        let part = |code: &str| c.ligne(code).and_then(|l| l.territoire.valeurs.get("partAlParcPublic").copied());
        assert_eq!((part("1"), part("2")), (Ratio::new(102, 10), Ratio::new(102, 10)));
        let erreurs: Vec<(u64, &str)> = c.erreurs.iter().map(|e| (e.ligne, e.champ.as_str())).collect();
        assert_eq!(erreurs, [(2, "allocataires"), (5, "partAlParcPublic"), (6, "habitants")]);
        assert_eq!(c.resume(), "2 territoires lus, 3 lignes en erreur");
        let csv = comptes_csv(&c);
        assert_eq!(erreur_de_reference(&csv, "1"), "Référence « 62 » : sa ligne (ligne 2) est en erreur.");
        assert_eq!(erreur_de_reference(&csv, "2"), "Référence « 63 » : aucune ligne de ce code dans le fichier.");
    }

    /// A column given twice is read once: its first filled cell, as a look-up by key finds it
    /// (an empty cell is an absent value), even when the second one is faulty.
    #[test]
    fn colonne_en_double_lue_une_fois() {
        let contenu = "code;annee;allocataires;habitants;allocataires;habitants\n\
                       1;2020;10;;abc;20\n";
        let c = lire_comptes(contenu.as_bytes()).unwrap();
        assert!(c.erreurs.is_empty(), "{:?}", c.erreurs);
        let v = &c.lignes[0].territoire.valeurs;
        assert_eq!((v.get("allocataires"), v.get("habitants")), (Some(&Ratio::entier(10)), Some(&Ratio::entier(20))));
    }

    /// Every line end spreadsheets write (LF; CRLF on Windows; CR alone from Excel for Mac): the
    /// same rows, and each error at its line in the file, blank lines counted.
    #[test]
    fn fins_de_ligne_lf_crlf_cr() {
        let lignes =
            ["code;annee;allocataires;habitants", "1;2020;10;20", "2;2020;abc;20", "", "3;2020;5;9", "4;2020;1;x"];
        for fin in ["\n", "\r\n", "\r"] {
            let c = lire_comptes(lignes.join(fin).as_bytes()).unwrap();
            let codes: Vec<(usize, &str)> = c.lignes.iter().map(|l| (l.ligne, l.code.as_str())).collect();
            assert_eq!(codes, [(2, "1"), (5, "3")], "{fin:?}");
            let erreurs: Vec<(u64, &str)> = c.erreurs.iter().map(|e| (e.ligne, e.champ.as_str())).collect();
            assert_eq!(erreurs, [(3, "allocataires"), (6, "habitants")], "{fin:?}");
        }
    }

    #[test]
    fn modele_relu_sans_erreur() {
        let m = modele_comptes();
        let c = lire_comptes(m.as_bytes()).unwrap();
        assert!(c.erreurs.is_empty() && c.avertissements.is_empty(), "{:?} {:?}", c.erreurs, c.avertissements);
        assert_eq!(c.lignes.len(), 1);
        assert!(m.lines().nth(1).unwrap().contains("Allocataires en couple avec enfant(s)"));
    }
}
