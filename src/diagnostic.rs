//! The territorial diagnostic: the CAF *étude préliminaire* computed from raw counts.
//!
//! A [`Territoire`] holds the counts of a year (input keys of `docs/api.md`), optionally
//! the same counts five years earlier, and indicators given directly when only their published
//! value is known. [`diagnostiquer`] computes every row of the [`catalogue`](crate::catalogue)
//! for the territory and its reference (the département by default), displays them in French,
//! and derives each section's sentences from the displayed values, so that a sentence can never
//! contradict its table.
//!
//! Missing values give an empty cell and a note, never 0 % nor a sentence.

use std::fmt;

use crate::catalogue::{cles_connues, indicateur, Formule, Indicateur, Modele, Mots, Unite, SECTIONS};
use crate::format::capitale;
use crate::format::{self, deux_chiffres_significatifs, ESPACE_INSECABLE};
use crate::nombre::Ratio;
use crate::radar::LigneRadar;
use crate::tableur::{cellule_csv, cellule_texte_csv, BOM};
use crate::territoire::{Article, Nom};
use crate::valeur::{ErreurSaisie, Lecteur, Regle, Valeur};

/// Largest value accepted for any key.
pub const VALEUR_MAX: i128 = 1_000_000_000_000;
/// Earliest year accepted.
pub const ANNEE_MIN: i32 = 1990;
/// Latest year accepted.
pub const ANNEE_MAX: i32 = 2100;

/// Why a diagnostic cannot be computed; every variant names its field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErreurDiagnostic {
    /// A field is missing, of the wrong type, or breaks its rule.
    Saisie(ErreurSaisie),
}

impl ErreurDiagnostic {
    /// Path of the field at fault (`territoire.valeurs.habitants`).
    pub fn champ(&self) -> &str {
        match self {
            ErreurDiagnostic::Saisie(e) => &e.champ,
        }
    }
}

impl fmt::Display for ErreurDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErreurDiagnostic::Saisie(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ErreurDiagnostic {}

impl From<ErreurSaisie> for ErreurDiagnostic {
    fn from(e: ErreurSaisie) -> Self {
        ErreurDiagnostic::Saisie(e)
    }
}

/// A territory's values by key, in key order. The keys are the catalogue's own (an unknown key is
/// left out with a warning), each kept as its place in the sorted table of known keys, found by
/// a hash table made once: a file of every commune holds millions of values and finds them by
/// key tens of millions of times, and a search among places compares two integers where a search
/// among keys compared two texts. Two vectors side by side, sorted by place, not a map (a map's
/// nodes cost a third more) nor one vector of pairs (a `Ratio` is aligned on 16 bytes, and the
/// two-byte place beside it took 16: the module's memory for that file went from 360 to 319 Mo).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Valeurs {
    places: Vec<u16>,
    ratios: Vec<Ratio>,
}

impl fmt::Debug for Valeurs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Valeurs {
    /// No value.
    pub fn new() -> Self {
        Valeurs { places: Vec::new(), ratios: Vec::new() }
    }

    /// Where a key is or would go; `None` for a key the catalogue does not know.
    fn position(&self, cle: &str) -> Option<(u16, Result<usize, usize>)> {
        let place = place_cle(cle)?;
        Some((place, self.places.binary_search(&place)))
    }

    /// The value of a key.
    pub fn get(&self, cle: &str) -> Option<&Ratio> {
        let (_, i) = self.position(cle)?;
        self.ratios.get(i.ok()?)
    }

    /// The value of a key, to change it.
    pub fn get_mut(&mut self, cle: &str) -> Option<&mut Ratio> {
        let (_, i) = self.position(cle)?;
        self.ratios.get_mut(i.ok()?)
    }

    /// Whether a key has a value.
    pub fn contains_key(&self, cle: &str) -> bool {
        self.get(cle).is_some()
    }

    /// Sets a key's value; the previous one, if any. Keys given in order are appended. A key the
    /// catalogue does not know ([`crate::catalogue::cles_connues`]) is not kept: readers warn of
    /// it before.
    pub fn insert(&mut self, cle: &str, valeur: Ratio) -> Option<Ratio> {
        let (place, i) = self.position(cle)?;
        match i {
            Ok(i) => self.ratios.get_mut(i).map(|v| std::mem::replace(v, valeur)),
            Err(i) => {
                self.places.insert(i, place);
                self.ratios.insert(i, valeur);
                None
            }
        }
    }

    /// Removes a key; its value, if any.
    pub fn remove(&mut self, cle: &str) -> Option<Ratio> {
        let (_, i) = self.position(cle)?;
        let i = i.ok()?;
        self.places.remove(i);
        Some(self.ratios.remove(i))
    }

    /// How many keys have a value.
    pub fn len(&self) -> usize {
        self.ratios.len()
    }

    /// Whether no key has a value.
    pub fn is_empty(&self) -> bool {
        self.ratios.is_empty()
    }

    /// The keys and their values, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &Ratio)> + '_ {
        self.places.iter().zip(&self.ratios).filter_map(|(p, v)| Some((regles_cles().get(usize::from(*p))?.0, v)))
    }
}

impl<'k> FromIterator<(&'k str, Ratio)> for Valeurs {
    fn from_iter<I: IntoIterator<Item = (&'k str, Ratio)>>(paires: I) -> Self {
        let mut v = Valeurs::new();
        v.extend(paires);
        v
    }
}

impl<'k> Extend<(&'k str, Ratio)> for Valeurs {
    fn extend<I: IntoIterator<Item = (&'k str, Ratio)>>(&mut self, paires: I) {
        for (k, r) in paires {
            self.insert(k, r);
        }
    }
}

/// A territory and its counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Territoire {
    /// Name, with its article for sentences.
    pub nom: Option<Nom>,
    /// Year of the counts.
    pub annee: i32,
    /// Values of the year, by key.
    pub valeurs: Valeurs,
    /// The same keys five years earlier.
    pub valeurs5ans: Valeurs,
    /// 5-year variations in % given directly (the published figure when the earlier count is
    /// unknown), by key.
    pub variations5ans: Valeurs,
    /// Warnings gathered while reading (unknown keys…).
    pub avertissements: Vec<String>,
}

/// What reading a value needs to know of its key: its French label, whether it is a share that
/// may keep a spreadsheet's `%`, a count (a whole number) or a signed figure.
struct RegleCle {
    libelle: &'static str,
    en_pourcent: bool,
    compte: bool,
    signe_permis: bool,
}

/// The rules of every known key, found once and sorted by key: each value of each row of a
/// counts file asks (a file of every commune reads millions), and each rule is a search of the
/// catalogue. (A sorted list rather than a map: one generic map type fewer in the module.)
fn regles_cles() -> &'static [(&'static str, RegleCle)] {
    static REGLES: std::sync::OnceLock<Vec<(&'static str, RegleCle)>> = std::sync::OnceLock::new();
    REGLES.get_or_init(|| {
        let mut regles: Vec<(&'static str, RegleCle)> = Vec::with_capacity(cles_connues().len());
        for &k in cles_connues() {
            let regle = RegleCle {
                libelle: crate::catalogue::libelle_cle(k).unwrap_or(k),
                en_pourcent: indicateur(k).is_some_and(|i| matches!(i.unite, Unite::Pourcent | Unite::Variation)),
                compte: est_compte(k),
                signe_permis: signe_permis(k),
            };
            // Inserted in place: sorting would pull a generic sort into the module.
            let place = regles.binary_search_by(|(c, _)| c.cmp(&k)).unwrap_or_else(|p| p);
            regles.insert(place, (k, regle));
        }
        regles
    })
}

/// The place in [`regles_cles`] of a key, if the catalogue knows it: one hash of its text and,
/// most often, one comparison (open addressing in a table at least twice as large as the keys,
/// made once). A binary search among the keys compared texts at each of its eight steps.
fn place_cle(k: &str) -> Option<u16> {
    let table = table_des_places();
    let masque = table.len().wrapping_sub(1);
    let mut i = hacher(k);
    loop {
        let place = *table.get(i & masque)?;
        let (cle, _) = regles_cles().get(usize::from(place))?;
        if *cle == k {
            return Some(place);
        }
        i = (i & masque) + 1;
    }
}

/// A hash of a key from its length and its first and last eight bytes: two loads and one
/// multiplication, where a hash of every byte took longer than the look-up it spared. Keys alike
/// at both ends only share a slot's neighbourhood ([`place_cle`] compares the whole text).
fn hacher(k: &str) -> usize {
    let b = k.as_bytes();
    let mot = |o: &[u8]| {
        let mut m = [0u8; 8];
        for (d, s) in m.iter_mut().zip(o) {
            *d = *s;
        }
        u64::from_le_bytes(m)
    };
    let (debut, fin) = (mot(b), mot(b.get(b.len().saturating_sub(8)..).unwrap_or_default()));
    let h = (debut ^ fin.rotate_left(29) ^ b.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h >> 40) as usize
}

/// The hash table of [`place_cle`]: each slot a place in [`regles_cles`], or `u16::MAX` when
/// empty (a look-up stops there).
fn table_des_places() -> &'static [u16] {
    static TABLE: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let regles = regles_cles();
        let taille = (regles.len() * 2).next_power_of_two().max(2);
        let mut table = vec![u16::MAX; taille];
        for (place, (cle, _)) in regles.iter().enumerate() {
            let mut i = hacher(cle) & (taille - 1);
            while table[i] != u16::MAX {
                i = (i + 1) & (taille - 1);
            }
            table[i] = u16::try_from(place).unwrap_or(u16::MAX);
        }
        table
    })
}

/// Whether a key must be a whole number: the components of formulas are counts.
fn est_compte(cle: &str) -> bool {
    crate::catalogue::INDICATEURS.iter().any(|i| match i.formule {
        Formule::Part { num, den } | Formule::Pour100 { num, den } | Formule::Rapport { num, den } => {
            num.contains(&cle) || den.contains(&cle)
        }
        Formule::Evolution(c) => c.contains(&cle),
        Formule::Saisie => false,
    }) || indicateur(cle).is_some_and(|i| i.unite == Unite::Nombre && i.precision == 0 && !cle.starts_with("potentiel"))
}

/// Whether a key may be negative (annual changes and variations).
fn signe_permis(cle: &str) -> bool {
    indicateur(cle).is_some_and(|i| matches!(i.unite, Unite::Ecart | Unite::Variation))
}

fn lire_valeurs(
    l: &Lecteur<'_>,
    cle: &str,
    libelle: &str,
    signees: bool,
    avertissements: &mut Vec<String>,
) -> Result<Valeurs, ErreurDiagnostic> {
    let mut m = Valeurs::new();
    let Some(v) = l.brut(cle) else { return Ok(m) };
    let chemin = l.chemin(cle);
    let lv = Lecteur::objet(v, &chemin, libelle)?;
    let Valeur::Objet(entrees) = v else { return Ok(m) };
    // One label buffer for every key: « Valeurs du territoire : Nombre d'allocataires ».
    let mut libelle_cle = String::new();
    // A key given twice is read once, its first value (as a look-up by key finds it). The values
    // are set by their place in the sorted table of keys, then kept in that order: no insertion
    // in the middle of the vector for a row whose columns are in the template's order.
    let mut lues = vec![false; regles_cles().len()];
    let mut par_place: Vec<Option<Ratio>> = vec![None; regles_cles().len()];
    for (k, valeur) in entrees {
        let Some(place) = place_cle(k).map(usize::from) else {
            avertissements
                .push(format!("Clé inconnue ignorée : « {} ».", lv.chemin(&k.chars().take(60).collect::<String>())));
            continue;
        };
        if std::mem::replace(&mut lues[place], true) {
            continue;
        }
        let (_, regle) = &regles_cles()[place];
        libelle_cle.clear();
        libelle_cle.push_str(libelle);
        libelle_cle.push_str(" : ");
        libelle_cle.push_str(regle.libelle);
        // A share may keep the `%` of a spreadsheet's percent format.
        let Some(r) = lv.nombre_entree(valeur, k, &libelle_cle, regle.en_pourcent)? else { continue };
        let abs_max = Ratio::entier(VALEUR_MAX);
        let hors = r.compare(abs_max).is_none_or(|o| o.is_gt())
            || r.compare(Ratio::entier(-VALEUR_MAX)).is_none_or(|o| o.is_lt());
        if hors {
            return Err(lv
                .erreur_sur(k, &libelle_cle, Regle::HorsLimites { min: "0".into(), max: format::entier(VALEUR_MAX) })
                .into());
        }
        if r.signe() < 0 && !signees && !regle.signe_permis {
            return Err(lv.erreur_sur(k, &libelle_cle, Regle::Negatif).into());
        }
        if !signees && regle.compte && r.den() != 1 {
            return Err(lv.erreur_sur(k, &libelle_cle, Regle::NonEntier).into());
        }
        par_place[place] = Some(r);
    }
    // Made at its size: no reallocation at each doubling (in wasm, a `Ratio`'s 16-byte alignment
    // makes each one a new block and a copy), and no spare room kept in the 100 000 sets of values
    // of a file of every commune.
    let n = par_place.iter().flatten().count();
    (m.places, m.ratios) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for (place, r) in (0..).zip(par_place) {
        if let Some(r) = r {
            m.places.push(place);
            m.ratios.push(r);
        }
    }
    Ok(m)
}

impl Territoire {
    /// Reads `{ nom, annee, article?, valeurs, valeurs5ans?, variations5ans? }` at path `chemin`
    /// (`"territoire"` or `"reference"`).
    ///
    /// # Errors
    /// - not an object (`territoire`);
    /// - `annee` missing, not whole, or outside [`ANNEE_MIN`]–[`ANNEE_MAX`];
    /// - `nom` or `article` not a text, `article` not one of `le`, `la`, `l'`, `les`, `""`;
    /// - `valeurs` (or `valeurs5ans`, `variations5ans`) not an object;
    /// - a value that is not a number or a numeric text, NaN, infinite, beyond ±10¹²;
    /// - a negative count or amount (only annual changes and variations may be negative);
    /// - a count (a component of a formula) that is not a whole number.
    pub fn lire(v: &Valeur, chemin: &str, libelle: &str) -> Result<Territoire, ErreurDiagnostic> {
        let l = Lecteur::objet(v, chemin, libelle)?;
        let nom_texte = l.texte_option("nom", &format!("Nom {}", de_libelle(libelle)))?;
        let article = match l.texte_option("article", "Article du nom")? {
            None => None,
            Some(a) => Some(Article::depuis_texte(&a).ok_or_else(|| {
                ErreurDiagnostic::from(l.erreur_sur(
                    "article",
                    "Article du nom",
                    Regle::ValeurInconnue { recu: a.chars().take(20).collect(), permises: "le, la, l', les, (vide)" },
                ))
            })?),
        };
        let annee =
            l.entier("annee", &format!("Année {}", de_libelle(libelle)), i64::from(ANNEE_MIN), i64::from(ANNEE_MAX))?;
        let mut avertissements = Vec::new();
        if l.brut("valeurs").is_none() {
            return Err(l.erreur_sur("valeurs", &format!("Valeurs {}", de_libelle(libelle)), Regle::Manquant).into());
        }
        let valeurs =
            lire_valeurs(&l, "valeurs", &format!("Valeurs {}", de_libelle(libelle)), false, &mut avertissements)?;
        let valeurs5ans = lire_valeurs(
            &l,
            "valeurs5ans",
            &format!("Valeurs à 5 ans {}", de_libelle(libelle)),
            false,
            &mut avertissements,
        )?;
        let variations5ans = lire_valeurs(
            &l,
            "variations5ans",
            &format!("Variations à 5 ans {}", de_libelle(libelle)),
            true,
            &mut avertissements,
        )?;
        let nom = nom_texte.map(|n| match article {
            Some(article) => Nom { nom: n, article },
            None => Nom::departement_ou_libre(&n),
        });
        Ok(Territoire {
            nom,
            annee: i32::try_from(annee).unwrap_or(ANNEE_MIN),
            valeurs,
            valeurs5ans,
            variations5ans,
            avertissements,
        })
    }

    fn somme(m: &Valeurs, cles: &[&str]) -> Option<Ratio> {
        cles.iter().try_fold(Ratio::ZERO, |acc, k| acc.plus(*m.get(k)?))
    }
}

fn de_libelle(libelle: &str) -> String {
    match libelle {
        "Territoire" => "du territoire".into(),
        "Référence" => "de la référence".into(),
        autre => format!("de {autre}"),
    }
}

/// One computed cell: a value with its display and 5-year variation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cellule {
    /// Unrounded value; `None` when unknown.
    pub valeur: Option<Ratio>,
    /// French display; empty when unknown.
    pub affiche: String,
    /// 5-year variation in %.
    pub variation5ans: Option<Ratio>,
    /// "+1,0 %", or empty.
    pub affichage_variation: String,
    /// "↑", "↓", "→" or empty.
    pub fleche: &'static str,
}

/// A cell's figures alone, without their display ([`Cellule`] writes them): what a batch of
/// territories needs, which writes its own numbers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ChiffresCellule {
    /// Unrounded value; `None` when unknown.
    pub valeur: Option<Ratio>,
    /// 5-year variation in %.
    pub variation5ans: Option<Ratio>,
}

/// One row of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ligne {
    /// Indicator id.
    pub id: &'static str,
    /// French label.
    pub libelle: &'static str,
    /// Reference year of the row.
    pub annee: i32,
    /// The territory's cell.
    pub territoire: Cellule,
    /// The reference's cell.
    pub reference: Cellule,
}

/// One section of the study.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionCalculee {
    /// Title.
    pub titre: &'static str,
    /// Sentences derived from the displayed values.
    pub phrases: Vec<String>,
    /// Rows.
    pub lignes: Vec<Ligne>,
    /// Notes on missing or inconsistent values.
    pub notes: Vec<String>,
}

/// Options of the diagnostic.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// Margin of the arrows, in points of variation (↑ from +margin, ↓ from −margin).
    pub marge_fleche: Ratio,
    /// Radar parameters.
    pub radar: crate::radar::OptionsRadar,
}

impl Default for Options {
    fn default() -> Self {
        Options { marge_fleche: Ratio::entier(1), radar: crate::radar::OptionsRadar::default() }
    }
}

/// The whole study.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// The territory's name as displayed.
    pub nom: String,
    /// The reference's name as displayed (a département in its official spelling).
    pub nom_reference: String,
    /// Sections in the reference document's order.
    pub sections: Vec<SectionCalculee>,
    /// The vulnerability radar.
    pub radar: crate::radar::Radar,
    /// Warnings about the input.
    pub avertissements: Vec<String>,
    /// The title block (label, text): territory, reference, years, sources; the date of
    /// production is the caller's (the package has no clock).
    pub entete: Vec<(&'static str, String)>,
}

/// The title block of a study: what a printed copy must say before its first table.
fn entete(nom: &str, nom_reference: &str, annee: i32, sections: &[SectionCalculee]) -> Vec<(&'static str, String)> {
    let annees: Vec<i32> = sections
        .iter()
        .flat_map(|s| &s.lignes)
        .filter(|l| l.territoire.valeur.is_some() || l.reference.valeur.is_some())
        .map(|l| l.annee)
        .collect();
    let (min, max) = (annees.iter().min().copied(), annees.iter().max().copied());
    let annees = match (min, max) {
        (Some(a), Some(b)) if a < b => {
            format!(
                "{annee} ; selon les lignes, de {a} à {b} (colonne « Année réf. ») ; variations sur 5 ans depuis {}",
                annee - 5
            )
        }
        _ => format!("{annee} ; variations sur 5 ans depuis {}", annee - 5),
    };
    let mut sources =
        "Caf (comptes des allocataires au 31 décembre) et INSEE (population, naissances), tels que saisis ou importés"
            .to_string();
    if sections.iter().any(|s| s.titre == crate::catalogue::TITRE_REVENUS) {
        sources.push_str(" ; INSEE Filosofi (revenus des ménages)");
    }
    vec![
        ("Territoire", nom.to_string()),
        ("Référence", nom_reference.to_string()),
        ("Année des données", annees),
        ("Sources", sources),
    ]
}

/// [`Calcul::valeur_dans`] without notes: the pure computation.
fn valeur_sans_note(t: &Territoire, ind: &Indicateur, m: &Valeurs) -> Option<Ratio> {
    let (num, den, facteur) = match ind.formule {
        Formule::Saisie => return m.get(ind.id).copied(),
        Formule::Part { num, den } | Formule::Pour100 { num, den } => (num, den, 100),
        Formule::Rapport { num, den } => (num, den, 1),
        Formule::Evolution(cles) => {
            let avant = Territoire::somme(&t.valeurs5ans, cles);
            let apres = Territoire::somme(&t.valeurs, cles);
            return match (apres, avant) {
                (Some(a), Some(b)) if b.signe() > 0 => a.moins(b)?.divise(b)?.fois(Ratio::entier(100)),
                _ => m.get(ind.id).copied().or_else(|| {
                    if cles.len() == 1 {
                        t.variations5ans.get(cles[0]).copied()
                    } else {
                        None
                    }
                }),
            };
        }
    };
    match (Territoire::somme(m, num), Territoire::somme(m, den)) {
        (Some(n), Some(d)) if d.signe() > 0 => n.fois(Ratio::entier(facteur))?.divise(d),
        (Some(_), Some(_)) => None,
        _ => m.get(ind.id).copied(),
    }
}

struct Calcul<'a> {
    t: &'a Territoire,
    nom: &'a str,
    notes: Vec<String>,
    /// Indicators of the current section not computed for lack of input, with the input keys
    /// that would give them (gathered into one plain sentence per section: [`Calcul::manques`]).
    absents: Vec<(&'static str, Vec<&'static str>)>,
    /// Whether the notes are written (not for figures alone: [`cellules_du_diagnostic`]).
    noter: bool,
}

/// A label inside a sentence: first letter in lower case, unless it starts an acronym (« Caf »
/// stays, « Aah » stays).
fn dans_la_phrase(libelle: &str) -> String {
    let mut c = libelle.chars();
    match (c.next(), c.next()) {
        (Some(p), Some(d)) if d.is_lowercase() && !libelle.starts_with("Caf") && !libelle.starts_with("Aah") => {
            p.to_lowercase().chain(std::iter::once(d)).chain(c).collect()
        }
        _ => libelle.to_string(),
    }
}

impl<'a> Calcul<'a> {
    /// A computation of figures alone: no name, no notes.
    fn muet(t: &'a Territoire) -> Self {
        Calcul { t, nom: "", notes: Vec::new(), absents: Vec::new(), noter: false }
    }

    /// The plain sentence on what the section lacks for this side, by labels only (no input
    /// key), and empties the list.
    fn manques(&mut self) -> Option<String> {
        let absents = std::mem::take(&mut self.absents);
        let (_, autres) = absents.split_first()?;
        let libelles: Vec<String> =
            absents.iter().filter_map(|a| indicateur(a.0)).map(|i| format!("« {} »", i.libelle_court())).collect();
        let mut a_fournir: Vec<String> = Vec::new();
        for k in absents.iter().flat_map(|a| &a.1) {
            let l = dans_la_phrase(crate::catalogue::libelle_cle(k).unwrap_or(k));
            if !a_fournir.contains(&l) {
                a_fournir.push(l);
            }
        }
        let verbe = if autres.is_empty() { "n'est pas calculé" } else { "ne sont pas calculés" };
        Some(format!(
            "Données manquantes pour {} : {} {verbe} ; à fournir : {}.",
            self.nom,
            joindre(&libelles),
            joindre(&a_fournir)
        ))
    }

    fn note(&mut self, n: String) {
        if !self.notes.contains(&n) {
            self.notes.push(n);
        }
    }

    /// Value of an indicator from a set of values (the year's or five years earlier); with
    /// `noter`, says why it is missing or when a given value disagrees with its counts.
    fn valeur_dans(&mut self, ind: &Indicateur, m: &Valeurs, noter: bool) -> Option<Ratio> {
        let v = valeur_sans_note(self.t, ind, m);
        let (Formule::Part { num, den } | Formule::Pour100 { num, den } | Formule::Rapport { num, den }) = ind.formule
        else {
            return v;
        };
        if !(noter && self.noter) {
            return v;
        }
        let (n, d) = (Territoire::somme(m, num), Territoire::somme(m, den));
        let saisi = m.get(ind.id).copied();
        match (n, d, v) {
            (Some(_), Some(d), _) if d.signe() == 0 => {
                self.note(format!("{} ({}) : dénominateur nul, valeur non calculée.", ind.libelle, self.nom));
            }
            (Some(_), Some(_), Some(c)) => {
                if let Some(s) = saisi.filter(|s| s.arrondi(ind.precision) != c.arrondi(ind.precision)) {
                    self.note(format!(
                        "{} ({}) : la valeur saisie {} diffère de la valeur calculée {} ; la valeur calculée est retenue.",
                        ind.libelle,
                        self.nom,
                        ind.afficher(s),
                        ind.afficher(c)
                    ));
                }
            }
            (_, _, None) => {
                let mut cles = ind.cles();
                cles.retain(|k| !m.contains_key(k));
                cles.dedup();
                if !self.absents.iter().any(|a| a.0 == ind.id) {
                    self.absents.push((ind.id, cles));
                }
            }
            _ => {}
        }
        v
    }

    /// A cell's figures: the indicator's value and, when the catalogue follows it over five years,
    /// its variation — what a batch writes, before any text.
    fn chiffres(&mut self, ind: &Indicateur) -> ChiffresCellule {
        let t = self.t;
        let valeur = self.valeur_dans(ind, &t.valeurs, true);
        if !(ind.variation && valeur.is_some()) {
            return ChiffresCellule { valeur, variation5ans: None };
        }
        let avant = self.valeur_dans(ind, &t.valeurs5ans, false);
        let variation5ans = match (valeur, avant) {
            (Some(a), Some(b)) if b.signe() > 0 => {
                a.moins(b).and_then(|d| d.divise(b)).and_then(|r| r.fois(Ratio::entier(100)))
            }
            _ => self.t.variations5ans.get(ind.id).copied(),
        };
        ChiffresCellule { valeur, variation5ans }
    }

    /// A cell: its figures ([`Calcul::chiffres`]) and their French display.
    fn cellule(&mut self, ind: &Indicateur, marge: Ratio) -> Cellule {
        let ChiffresCellule { valeur, variation5ans } = self.chiffres(ind);
        let mut c =
            Cellule { valeur, affiche: valeur.map(|v| ind.afficher(v)).unwrap_or_default(), ..Cellule::default() };
        if let Some(v) = variation5ans {
            c.variation5ans = Some(v);
            c.affichage_variation = format!("{}{ESPACE_INSECABLE}%", format::signe(v, 1));
            c.fleche = fleche(v, marge);
        }
        c
    }
}

/// The value of one indicator for a territory (the same computation as the diagnostic's cells,
/// without notes).
pub fn valeur_indicateur(t: &Territoire, ind: &Indicateur) -> Option<Ratio> {
    Calcul::muet(t).valeur_dans(ind, &t.valeurs, false)
}

/// ↑ when the displayed variation is at least +marge, ↓ when at most −marge, → otherwise.
pub fn fleche(variation: Ratio, marge: Ratio) -> &'static str {
    let (Some(v), Some(m)) = (variation.arrondi(1), marge.arrondi(1)) else { return "" };
    if v >= m {
        "↑"
    } else if v <= -m {
        "↓"
    } else {
        "→"
    }
}

/// The territory's displayed name when the input gives none (table headers, CSV).
pub const NOM_TERRITOIRE: &str = "Territoire";
/// The reference's displayed name when the input gives none.
pub const NOM_REFERENCE: &str = "Référence";

/// Computes the study of `territoire` against `reference`.
///
/// # Errors
/// None beyond those of reading: every computation is exact and missing values are notes.
pub fn diagnostiquer(territoire: &Territoire, reference: &Territoire, options: &Options) -> Diagnostic {
    let nom_t = territoire.nom.clone().map(|n| n.nom).unwrap_or_else(|| "territoire".into());
    let nom_ref = reference.nom.clone().unwrap_or(Nom { nom: "la référence".into(), article: Article::Aucun });
    let mut ct = Calcul { t: territoire, nom: &nom_t, notes: Vec::new(), absents: Vec::new(), noter: true };
    let nom_r = nom_ref.nom.clone();
    let mut cr = Calcul { t: reference, nom: &nom_r, notes: Vec::new(), absents: Vec::new(), noter: true };
    let mut sections = Vec::new();
    for s in SECTIONS {
        let mut lignes = Vec::new();
        for ind in s.lignes.iter().filter_map(|id| indicateur(id)) {
            lignes.push(ligne(ind, &mut ct, &mut cr, options.marge_fleche));
        }
        let mut notes = std::mem::take(&mut ct.notes);
        notes.extend(std::mem::take(&mut cr.notes));
        notes.extend(ct.manques());
        notes.extend(cr.manques());
        // A section of optional data is left out when neither side has any of its values.
        if s.optionnelle && lignes.iter().all(|l| l.territoire.valeur.is_none() && l.reference.valeur.is_none()) {
            continue;
        }
        let mut phrases = Vec::new();
        for m in s.phrases {
            phrase(m, &mut ct, &mut cr, &nom_ref, territoire.annee, &mut phrases);
        }
        sections.push(SectionCalculee { titre: s.titre, phrases, lignes, notes });
    }
    // The radar reads its axes' values directly: an axis need not be a row of the tables.
    let lignes_radar: Vec<LigneRadar> = options
        .radar
        .indicateurs
        .iter()
        .filter_map(|id| indicateur(id))
        .map(|i| LigneRadar {
            id: i.id,
            valeur: valeur_indicateur(territoire, i),
            reference: valeur_indicateur(reference, i),
        })
        .collect();
    let radar = crate::radar::radar(&lignes_radar, &nom_t, &nom_ref.nom, &options.radar);
    let mut avertissements = territoire.avertissements.clone();
    avertissements.extend(reference.avertissements.iter().cloned());
    let affiche = |t: &Territoire, defaut: &str| t.nom.as_ref().map(|n| n.nom.clone()).unwrap_or_else(|| defaut.into());
    let (nom, nom_reference) = (affiche(territoire, NOM_TERRITOIRE), affiche(reference, NOM_REFERENCE));
    let entete = entete(&nom, &nom_reference, territoire.annee, &sections);
    Diagnostic { nom, nom_reference, sections, radar, avertissements, entete }
}

impl Ligne {
    /// The row of `ind` for a territory of year `annee`, from its two cells.
    fn de(ind: &'static Indicateur, annee: i32, territoire: Cellule, reference: Cellule) -> Ligne {
        Ligne { id: ind.id, libelle: ind.libelle, annee: annee + ind.decalage_annee, territoire, reference }
    }
}

/// One row of the study's tables: the territory's cell and the reference's.
fn ligne(ind: &'static Indicateur, ct: &mut Calcul<'_>, cr: &mut Calcul<'_>, marge: Ratio) -> Ligne {
    Ligne::de(ind, ct.t.annee, ct.cellule(ind, marge), cr.cellule(ind, marge))
}

/// The indicator of every row of every table of the study, in order (an indicator in two
/// sections comes twice).
pub fn indicateurs_du_diagnostic() -> impl Iterator<Item = &'static Indicateur> {
    // Found once: each territory of a batch walks them (each a search of the catalogue).
    static LIGNES: std::sync::OnceLock<Vec<&'static Indicateur>> = std::sync::OnceLock::new();
    LIGNES
        .get_or_init(|| SECTIONS.iter().flat_map(|s| s.lignes).filter_map(|id| indicateur(id)).collect())
        .iter()
        .copied()
}

/// One side of [`cellules_du_diagnostic`]: the cells of a territory, or of a reference, for the
/// rows of [`indicateurs_du_diagnostic`]. Each side is computed alone, so that a batch computes a
/// reference shared by many rows once.
pub fn cellules_d_un_territoire(t: &Territoire, options: &Options) -> Vec<Cellule> {
    let mut c = Calcul::muet(t);
    indicateurs_du_diagnostic().map(|ind| c.cellule(ind, options.marge_fleche)).collect()
}

/// The figures of [`cellules_d_un_territoire`] without their display: a batch writes its own
/// numbers, and writing each cell's French text, then dropping it, was a quarter of the time of
/// a counts file of every commune.
pub fn chiffres_d_un_territoire(t: &Territoire) -> Vec<ChiffresCellule> {
    let mut c = Calcul::muet(t);
    indicateurs_du_diagnostic().map(|ind| c.chiffres(ind)).collect()
}

/// The rows of every table of the study, in order, without the sentences, notes and radar that
/// [`diagnostiquer`] adds to explain them (rows of sections left out there included, empty):
/// what a batch of territories writes, at a fraction of the cost.
pub fn cellules_du_diagnostic(territoire: &Territoire, reference: &Territoire, options: &Options) -> Vec<Ligne> {
    let cotes =
        cellules_d_un_territoire(territoire, options).into_iter().zip(cellules_d_un_territoire(reference, options));
    indicateurs_du_diagnostic().zip(cotes).map(|(ind, (t, r))| Ligne::de(ind, territoire.annee, t, r)).collect()
}

/// The displayed value of an indicator, as an integer at its precision (what sentences compare).
fn affiche_entier(c: &mut Calcul<'_>, ind: &Indicateur) -> Option<i128> {
    let t = c.t;
    c.valeur_dans(ind, &t.valeurs, false)?.arrondi(ind.precision)
}

fn joindre(elements: &[String]) -> String {
    match elements {
        [] => String::new(),
        [seul] => seul.clone(),
        [debut @ .., dernier] => format!("{} et {dernier}", debut.join(", ")),
    }
}

fn phrase(
    m: &Modele,
    ct: &mut Calcul<'_>,
    cr: &mut Calcul<'_>,
    reference: &Nom,
    annee: i32,
    phrases: &mut Vec<String>,
) {
    match *m {
        Modele::Comparaisons { intro_un, intro_plusieurs, clauses } => {
            phrases.extend(phrase_comparaisons(ct, cr, reference, (intro_un, intro_plusieurs), clauses));
        }
        Modele::Selection { plus, moins, elements } => phrases.extend(phrases_selection(ct, cr, plus, moins, elements)),
        Modele::Maximum { modele, elements } => phrases.extend(phrase_maximum(ct, modele, elements)),
        Modele::Montant { id, modele, si_zero } => phrases.extend(phrase_montant(ct, id, modele, si_zero, annee)),
        Modele::Valeur { id, modele } => {
            let ind = indicateur(id);
            let v = ind.and_then(|ind| valeur_sans_note(ct.t, ind, &ct.t.valeurs));
            phrases.extend(ind.zip(v).map(|(ind, v)| modele.replace("{valeur}", &ind.afficher(v))));
        }
    }
}

/// The order of the displayed values of an indicator in the territory and the reference.
fn comparer(ct: &mut Calcul<'_>, cr: &mut Calcul<'_>, id: &str) -> Option<std::cmp::Ordering> {
    let ind = indicateur(id)?;
    Some(affiche_entier(ct, ind)?.cmp(&affiche_entier(cr, ind)?))
}

/// [`Modele::Comparaisons`]: one clause per indicator known on both sides, after the
/// introduction (`intros`: for one clause, for several).
fn phrase_comparaisons(
    ct: &mut Calcul<'_>,
    cr: &mut Calcul<'_>,
    reference: &Nom,
    intros: (&str, &str),
    clauses: &[(&str, &str, Mots)],
) -> Option<String> {
    let mut textes = Vec::new();
    for (id, fragment, mots) in clauses {
        // A missing value is told by the section's sentence on missing data.
        if let Some(o) = comparer(ct, cr, id) {
            let mot = match o {
                std::cmp::Ordering::Greater => mots.plus,
                std::cmp::Ordering::Less => mots.moins,
                std::cmp::Ordering::Equal => mots.egal,
            };
            textes.push(format!("{fragment} {}", mot.replace("{ref}", &reference.de())));
        }
    }
    if textes.is_empty() {
        return None;
    }
    let intro = if textes.len() == 1 { intros.0 } else { intros.1 }.replace("{a_ref}", &reference.a());
    let corps = joindre(&textes);
    let texte = if intro.is_empty() { corps } else { format!("{intro} {corps}") };
    Some(format!("{}.", capitale(&texte)))
}

/// [`Modele::Selection`]: the indicators above the reference, then those below (equal ones
/// left out), one sentence each when there are any.
fn phrases_selection(
    ct: &mut Calcul<'_>,
    cr: &mut Calcul<'_>,
    plus: &str,
    moins: &str,
    elements: &[(&str, &str)],
) -> Vec<String> {
    let (mut hauts, mut bas) = (Vec::new(), Vec::new());
    for (id, fragment) in elements {
        match comparer(ct, cr, id) {
            Some(std::cmp::Ordering::Greater) => hauts.push(fragment.to_string()),
            Some(std::cmp::Ordering::Less) => bas.push(fragment.to_string()),
            _ => {}
        }
    }
    [(plus, hauts), (moins, bas)]
        .into_iter()
        .filter(|(_, liste)| !liste.is_empty())
        .map(|(intro, liste)| format!("{intro} {}.", joindre(&liste)))
        .collect()
}

/// [`Modele::Maximum`]: the category with the largest displayed value, several when tied.
fn phrase_maximum(ct: &mut Calcul<'_>, modele: &str, elements: &[(&str, &str)]) -> Option<String> {
    let mut connus = Vec::new();
    for (id, nom) in elements {
        if let Some(ind) = indicateur(id) {
            if let Some(v) = affiche_entier(ct, ind) {
                connus.push((v, *nom, ind));
            }
        }
    }
    let max = connus.iter().map(|c| c.0).max()?;
    let premiers: Vec<_> = connus.iter().filter(|c| c.0 == max).collect();
    let noms: Vec<String> = premiers.iter().map(|c| c.1.to_string()).collect();
    let valeur = premiers
        .first()
        .and_then(|c| valeur_sans_note(ct.t, c.2, &ct.t.valeurs).map(|v| c.2.afficher(v)))
        .unwrap_or_default();
    let noms = joindre(&noms);
    let noms = if premiers.len() > 1 { format!("{noms}, à égalité,") } else { noms };
    Some(capitale(&modele.replace("{noms}", &noms).replace("{valeur}", &valeur)))
}

/// [`Modele::Montant`]: an amount to two significant figures, or the sentence for zero.
fn phrase_montant(ct: &Calcul<'_>, id: &str, modele: &str, si_zero: Option<&str>, annee: i32) -> Option<String> {
    let ind = indicateur(id)?;
    let v = valeur_sans_note(ct.t, ind, &ct.t.valeurs)?;
    if v.signe() == 0 {
        return si_zero.map(str::to_string);
    }
    let arrondi = deux_chiffres_significatifs(v)?;
    let montant = format::euros(Ratio::entier(arrondi), 0);
    Some(modele.replace("{montant}", &montant).replace("{annee}", &annee.to_string()))
}

impl Options {
    /// Reads `{ margeFleche?, radar?: { indicateurs?, reference?, libelleReference?, bande?, id? } }`.
    ///
    /// # Errors
    /// A field of the wrong type; `margeFleche` or `radar.bande` negative; an unknown indicator
    /// id in `radar.indicateurs` (`options.radar.indicateurs[i]`); a reference value that is not
    /// a number.
    pub fn lire(v: &Valeur) -> Result<Options, ErreurDiagnostic> {
        let mut o = Options::default();
        if matches!(v, Valeur::Nul) {
            return Ok(o);
        }
        let l = Lecteur::objet(v, "options", "Options")?;
        if let Some(m) = l.nombre_option("margeFleche", "Marge des flèches")? {
            if m.signe() < 0 {
                return Err(l.erreur_sur("margeFleche", "Marge des flèches", Regle::Negatif).into());
            }
            o.marge_fleche = m;
        }
        if let Some(rv) = l.brut("radar") {
            let lr = Lecteur::objet(rv, "options.radar", "Options du radar")?;
            if let Some(b) = lr.nombre_option("bande", "Largeur de la bande d'alerte")? {
                if b.signe() < 0 || b.compare(Ratio::entier(100)).is_none_or(|x| x.is_gt()) {
                    return Err(lr
                        .erreur_sur(
                            "bande",
                            "Largeur de la bande d'alerte",
                            Regle::HorsLimites { min: "0".into(), max: "100".into() },
                        )
                        .into());
                }
                o.radar.bande = b;
            }
            if let Some(id) = lr.texte_option("id", "Identifiant du radar")? {
                o.radar.id = id;
            }
            if let Some(l) = lr.texte_option("libelleReference", "Libellé de la référence du radar")? {
                o.radar.libelle_reference = Some(l);
            }
            if lr.brut("indicateurs").is_some() {
                let liste = lr.liste("indicateurs", "Indicateurs du radar", 40)?;
                let mut ids = Vec::new();
                for (i, e) in liste.iter().enumerate() {
                    let champ = format!("options.radar.indicateurs[{i}]");
                    let regle = match e {
                        Valeur::Texte(t) if indicateur(t).is_some() => {
                            ids.push(t.clone());
                            continue;
                        }
                        Valeur::Texte(t) => Regle::ValeurInconnue {
                            recu: t.chars().take(40).collect(),
                            permises: "les identifiants du catalogue",
                        },
                        autre => Regle::Type { attendu: "un texte", recu: autre.nature() },
                    };
                    return Err(ErreurSaisie { champ, libelle: format!("Indicateur {} du radar", i + 1), regle }.into());
                }
                o.radar.indicateurs = ids;
            }
            if let Some(Valeur::Objet(entrees)) = lr.brut("reference") {
                let lref = Lecteur::objet(
                    lr.brut("reference").unwrap_or(&Valeur::Nul),
                    "options.radar.reference",
                    "Référence du radar",
                )?;
                for (k, _) in entrees {
                    if let Some(v) = lref.nombre_option(k, &format!("Référence du radar : {k}"))? {
                        o.radar.reference.insert(k.to_string(), v);
                    }
                }
            } else if let Some(autre) = lr.brut("reference") {
                return Err(lr
                    .erreur_sur(
                        "reference",
                        "Référence du radar",
                        Regle::Type { attendu: "un objet", recu: autre.nature() },
                    )
                    .into());
            }
        }
        Ok(o)
    }
}

/// Where a row stands on the radar, for the CSV: the source's two lists as a column.
fn position_radar(radar: &crate::radar::Radar, id: &str) -> &'static str {
    match radar.axes.iter().find(|a| a.id == id) {
        Some(a) if a.rapport.is_none() => "non tracé (sans donnée)",
        Some(a) => a.alerte.map_or("entre les cercles", crate::radar::Alerte::texte),
        None => "",
    }
}

/// A trend in words for a spreadsheet column, from the displayed arrow.
fn tendance(fleche: &str) -> &'static str {
    match fleche {
        "↑" => "hausse",
        "↓" => "baisse",
        "→" => "stable",
        _ => "",
    }
}

impl Diagnostic {
    /// The tables as CSV for spreadsheets (`;`, UTF-8 with BOM, as French spreadsheets expect).
    /// Number cells hold raw numbers at the displayed precision (decimal comma, no thousands
    /// separator, no unit, no arrow): section, label, id, unit, year, then for the territory and
    /// the reference the value, the 5-year variation in % and the trend in words; the displayed
    /// strings follow in their own columns, then the row's place on the radar (« fortement
    /// inférieur », « fortement supérieur »: the source's two lists). A missing value is an empty
    /// cell.
    pub fn csv(&self) -> String {
        let (t, r) = (self.nom.as_str(), self.nom_reference.as_str());
        let mut s = String::from(BOM);
        let entete = [
            "Section".to_string(),
            "Indicateur".into(),
            "Identifiant".into(),
            "Unité".into(),
            "Année".into(),
            t.into(),
            format!("{t} : variation sur 5 ans (%)"),
            format!("{t} : tendance"),
            r.into(),
            format!("{r} : variation sur 5 ans (%)"),
            format!("{r} : tendance"),
            format!("{t} (affiché)"),
            format!("{r} (affiché)"),
            format!("Radar ({})", self.radar.reference),
        ];
        s.push_str(&entete.iter().map(|c| cellule_texte_csv(c)).collect::<Vec<_>>().join(";"));
        s.push_str("\r\n");
        for sec in &self.sections {
            for l in &sec.lignes {
                let Some(ind) = indicateur(l.id) else { continue };
                let brut = |c: &Cellule| c.valeur.map(|v| format::brut(v, ind.precision)).unwrap_or_default();
                let variation = |c: &Cellule| c.variation5ans.map(|v| format::brut(v, 1)).unwrap_or_default();
                let cellules = [
                    cellule_csv(sec.titre),
                    cellule_csv(l.libelle),
                    l.id.to_string(),
                    cellule_csv(ind.unite.nom()),
                    l.annee.to_string(),
                    brut(&l.territoire),
                    variation(&l.territoire),
                    tendance(l.territoire.fleche).into(),
                    brut(&l.reference),
                    variation(&l.reference),
                    tendance(l.reference.fleche).into(),
                    cellule_csv(&l.territoire.affiche),
                    cellule_csv(&l.reference.affiche),
                    position_radar(&self.radar, l.id).into(),
                ];
                s.push_str(&cellules.join(";"));
                s.push_str("\r\n");
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each known key finds its own place, the places follow the keys' order, and nothing else
    /// finds one: not a prefix or an extension of a key, not a key in other case or with an
    /// accent, not an empty text.
    #[test]
    fn place_de_chaque_cle() {
        let regles = regles_cles();
        assert_eq!(regles.len(), cles_connues().len());
        assert!(regles.windows(2).all(|w| w[0].0 < w[1].0), "clés rangées");
        for (place, (cle, _)) in regles.iter().enumerate() {
            assert_eq!(place_cle(cle).map(usize::from), Some(place), "{cle}");
        }
        let mut autres: Vec<String> = vec!["".into(), "é".into(), "allocatairesÉ".into(), "\u{0}".into()];
        for k in cles_connues() {
            autres.extend((1..k.len()).filter_map(|n| k.get(..n)).map(str::to_string));
            autres.extend([format!("{k} "), format!("{k}é"), k.to_uppercase(), format!("_{k}")]);
        }
        for a in autres.iter().filter(|a| !cles_connues().contains(&a.as_str())) {
            assert_eq!(place_cle(a), None, "{a:?}");
        }
    }
}
