//! Batch processing: a CSV of foyers in, a CSV of results out, streamed chunk by chunk with
//! bounded memory; the low-income thresholds of a population (exact median); the diagnostic
//! ratios of every territory of an open-data import.
//!
//! ## Household file
//!
//! One foyer per line, `;` (or `,` or tab, as the header uses), UTF-8, header first:
//!
//! ```text
//! id;annee;personnes;revenus_annuels;prestations_mensuelles;aide_logement;loyer
//! F1;2017;A35|C33|E5|E9;14400;350;;
//! F2;2019;A30|E4;12000,50;400;120;550
//! ```
//!
//! `personnes` lists the members separated by `|` (or spaces): a role letter — `A` allocataire,
//! `C` conjoint, `E` enfant, `P` autre personne à charge — then the age, then optionally `h`
//! (handicap) and `e` (étudiant): `A20e`, `E6h`. Amounts in euros with `,` or `.` as decimal
//! separator. `id`, `aide_logement` and `loyer` may be absent or empty. Every rule of the
//! one-by-one calculator applies; a line that breaks one gives an error row (line number, field,
//! French message) and the rest of the file goes on.
//!
//! ## Results file
//!
//! [`ENTETE_RESULTATS`]: numbers with a decimal comma and no grouping (French spreadsheets read
//! them as numbers), `oui` / `non`, empty for "not applicable". The figures come from the same
//! numeric core as `calculerFoyer` ([`crate::foyer::Chiffres`]), so both always agree.

use std::cmp::Ordering;
use std::fmt;

use crate::catalogue::{Formule, Indicateur, INDICATEURS};
use crate::diagnostic::{valeur_indicateur, Territoire};
use crate::format;
use crate::foyer::{Chiffres, ErreurFoyer, Parametres, Personne, Role, Saisie, Situation};
use crate::import::{Import, Niveau, COLONNES_IRIS};
use crate::nombre::Ratio;
use crate::tableur::{cellule_csv, cellule_texte_csv, BOM};

/// Columns of the household file, in their canonical order.
pub const COLONNES: [&str; 7] =
    ["id", "annee", "personnes", "revenus_annuels", "prestations_mensuelles", "aide_logement", "loyer"];
/// Columns that must be in the header.
pub const COLONNES_REQUISES: [&str; 4] = ["annee", "personnes", "revenus_annuels", "prestations_mensuelles"];
/// Header of the results file.
pub const ENTETE_RESULTATS: &str = "ligne;id;annee;uc;uc_insee;ruc;ruc_hors_prestations;seuil_annee;seuil;bas_revenus;fragile;dependance50;dependance100;hors_champ;taux_effort;erreur_champ;erreur";
/// Longest line accepted, in bytes (a longer one is an error row, and memory stays bounded).
pub const LIGNE_MAX: usize = 64 * 1024;

/// A household file that cannot be used at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErreurLot {
    /// The header lacks required columns.
    EnTete {
        /// Missing columns.
        manquantes: Vec<&'static str>,
        /// The header found (shortened).
        trouve: String,
    },
    /// No header at all (empty input).
    Vide,
    /// A weighting that is neither `personnes` nor `foyers` (shortened).
    Ponderation(String),
}

impl ErreurLot {
    /// The field at fault.
    pub fn champ(&self) -> &'static str {
        match self {
            ErreurLot::Ponderation(_) => "ponderation",
            _ => "entete",
        }
    }
}

impl fmt::Display for ErreurLot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErreurLot::EnTete { manquantes, trouve } => write!(
                f,
                "En-tête du fichier : colonnes obligatoires manquantes ({}) ; en-tête lu : « {trouve} ». Attendu : {}.",
                manquantes.join(", "),
                COLONNES.join(";")
            ),
            ErreurLot::Vide => f.write_str("Fichier : il est vide (il faut au moins l'en-tête)."),
            ErreurLot::Ponderation(recu) => {
                write!(f, "Pondération : valeur « {recu} » inconnue (valeurs possibles : personnes, foyers).")
            }
        }
    }
}

impl std::error::Error for ErreurLot {}

/// What the median needs of a foyer: resources in twelfths of a centime, UC in tenths, persons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Point {
    /// Monthly resources, twelfths of a centime.
    pub douziemes: i64,
    /// UC in tenths.
    pub uc: u32,
    /// Persons of the foyer.
    pub personnes: u32,
}

impl Point {
    fn compare(&self, o: &Point) -> Ordering {
        (i128::from(self.douziemes) * i128::from(o.uc)).cmp(&(i128::from(o.douziemes) * i128::from(self.uc)))
    }

    /// The exact RUC, € per UC per month.
    pub fn ruc(&self) -> Ratio {
        Ratio::new(5 * i128::from(self.douziemes), 600 * i128::from(self.uc.max(1))).unwrap_or(Ratio::ZERO)
    }
}

/// A streaming processor of a household file.
#[derive(Debug)]
pub struct LotFoyers {
    octets: u64,
    reste: Vec<u8>,
    reste_trop_long: bool,
    separateur: u8,
    colonnes: Option<[Option<usize>; 7]>,
    ligne: u64,
    lignes: u64,
    erreurs: u64,
    points: Option<Vec<Point>>,
    /// The parameters of each reference year met so far (looked up once per year).
    parametres: Vec<(i32, Parametres)>,
}

impl LotFoyers {
    /// A processor; with `population`, it keeps what the median of the population needs (16
    /// bytes per foyer).
    pub fn new(population: bool) -> LotFoyers {
        LotFoyers {
            octets: 0,
            reste: Vec::new(),
            reste_trop_long: false,
            separateur: b';',
            colonnes: None,
            ligne: 0,
            lignes: 0,
            erreurs: 0,
            points: population.then(Vec::new),
            parametres: Vec::new(),
        }
    }

    /// French summary: lines, errors and the duration between two instants in milliseconds.
    pub fn resume(&self, debut_ms: f64, fin_ms: f64) -> String {
        format!(
            "{} lignes traitées, dont {} en erreur, en {}.",
            crate::format::entier(i128::from(self.lignes)),
            crate::format::entier(i128::from(self.erreurs)),
            duree(debut_ms, fin_ms)
        )
    }

    /// Data lines processed so far.
    pub fn lignes(&self) -> u64 {
        self.lignes
    }

    /// Error rows so far.
    pub fn erreurs(&self) -> u64 {
        self.erreurs
    }

    /// Bytes read so far.
    pub fn octets(&self) -> u64 {
        self.octets
    }

    /// Where the processing stands, for a progress bar: `total` bytes in the file, `ecoule`
    /// milliseconds since the start.
    pub fn progression(&self, total: u64, ecoule: u64) -> Progression {
        progression(self.lignes, self.octets, total, ecoule)
    }

    /// The points of the population kept so far (valid foyers in the reference population).
    pub fn points(&self) -> &[Point] {
        self.points.as_deref().unwrap_or_default()
    }

    /// Processes a chunk of the file (any cut, even inside a line or a UTF-8 character), and
    /// appends the result rows of its complete lines to `sortie` (the header first).
    ///
    /// # Errors
    /// [`ErreurLot::EnTete`] when the header lacks a required column: the file is unusable.
    pub fn traiter(&mut self, morceau: &[u8], sortie: &mut String) -> Result<(), ErreurLot> {
        self.octets += morceau.len() as u64;
        let mut debut = 0;
        while let Some(pos) = morceau.get(debut..).and_then(|m| m.iter().position(|&b| b == b'\n')) {
            let fin = debut + pos;
            let segment = morceau.get(debut..fin).unwrap_or_default();
            if self.reste.is_empty() && !self.reste_trop_long {
                self.ligne_complete(segment, sortie)?;
            } else {
                self.empiler(segment);
                let ligne = std::mem::take(&mut self.reste);
                let trop_long = std::mem::replace(&mut self.reste_trop_long, false);
                if trop_long {
                    self.ligne += 1;
                    self.erreur(sortie, b"", "ligne", &format!("Ligne de plus de {LIGNE_MAX} octets : ignorée."));
                } else {
                    self.ligne_complete(&ligne, sortie)?;
                }
                self.reste = ligne;
                self.reste.clear();
            }
            debut = fin + 1;
        }
        let fin = morceau.get(debut..).unwrap_or_default();
        self.empiler(fin);
        Ok(())
    }

    fn empiler(&mut self, octets: &[u8]) {
        if self.reste_trop_long {
            return;
        }
        if self.reste.len() + octets.len() > LIGNE_MAX {
            self.reste.clear();
            self.reste_trop_long = true;
        } else {
            self.reste.extend_from_slice(octets);
        }
    }

    /// Processes the last line (without final newline).
    ///
    /// # Errors
    /// [`ErreurLot::Vide`] when the input had no header; [`ErreurLot::EnTete`] as
    /// [`LotFoyers::traiter`].
    pub fn terminer(&mut self, sortie: &mut String) -> Result<(), ErreurLot> {
        let ligne = std::mem::take(&mut self.reste);
        if std::mem::replace(&mut self.reste_trop_long, false) {
            self.ligne += 1;
            self.erreur(sortie, b"", "ligne", &format!("Ligne de plus de {LIGNE_MAX} octets : ignorée."));
        } else if !ligne.is_empty() {
            self.ligne_complete(&ligne, sortie)?;
        }
        if self.colonnes.is_none() {
            return Err(ErreurLot::Vide);
        }
        Ok(())
    }

    fn ligne_complete(&mut self, ligne: &[u8], sortie: &mut String) -> Result<(), ErreurLot> {
        self.ligne += 1;
        let ligne = ligne.strip_suffix(b"\r").unwrap_or(ligne);
        if self.colonnes.is_none() {
            let ligne = ligne.strip_prefix("\u{feff}".as_bytes()).unwrap_or(ligne);
            if ligne.iter().all(u8::is_ascii_whitespace) {
                return Ok(());
            }
            return self.entete(ligne, sortie);
        }
        if ligne.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        self.lignes += 1;
        self.donnees(ligne, sortie);
        Ok(())
    }

    fn entete(&mut self, ligne: &[u8], sortie: &mut String) -> Result<(), ErreurLot> {
        let compte = |c: u8| ligne.iter().filter(|&&b| b == c).count();
        self.separateur = [b';', b',', b'\t'].into_iter().max_by_key(|&c| compte(c)).unwrap_or(b';');
        let noms: Vec<String> = ligne
            .split(|&b| b == self.separateur)
            .map(|c| String::from_utf8_lossy(c).trim().trim_matches('"').to_ascii_lowercase())
            .collect();
        let mut colonnes = [None; 7];
        for (i, nom) in COLONNES.iter().enumerate() {
            colonnes[i] = noms.iter().position(|n| n == nom);
        }
        let manquantes: Vec<&'static str> = COLONNES
            .iter()
            .zip(colonnes.iter())
            .filter(|(nom, c)| c.is_none() && COLONNES_REQUISES.contains(nom))
            .map(|(nom, _)| *nom)
            .collect();
        if !manquantes.is_empty() {
            return Err(ErreurLot::EnTete {
                manquantes,
                trouve: String::from_utf8_lossy(ligne).chars().take(120).collect(),
            });
        }
        self.colonnes = Some(colonnes);
        sortie.push_str(ENTETE_RESULTATS);
        sortie.push('\n');
        Ok(())
    }

    fn erreur(&mut self, sortie: &mut String, id: &[u8], champ: &str, message: &str) {
        self.erreurs += 1;
        ecrire_entier(sortie, self.ligne as i64);
        sortie.push(';');
        sortie.push_str(&cellule_texte_csv(&String::from_utf8_lossy(id)));
        sortie.push_str(";;;;;;;;;;;;;;");
        sortie.push_str(&cellule_csv(champ));
        sortie.push(';');
        sortie.push_str(&cellule_csv(message));
        sortie.push('\n');
    }

    /// Index in `self.parametres` of the parameters of a reference year.
    fn parametres(&mut self, annee: i32) -> Option<usize> {
        if let Some(i) = self.parametres.iter().position(|p| p.0 == annee) {
            return Some(i);
        }
        self.parametres.push((annee, Parametres::caf(annee)?));
        Some(self.parametres.len() - 1)
    }

    fn donnees(&mut self, ligne: &[u8], sortie: &mut String) {
        let Some(colonnes) = self.colonnes else { return };
        let mut champs: [&[u8]; 16] = [b""; 16];
        let mut n = 0;
        for c in ligne.split(|&b| b == self.separateur) {
            if let Some(place) = champs.get_mut(n) {
                *place = c;
            }
            n += 1;
        }
        let champ = |i: usize| -> Option<&[u8]> { colonnes[i].and_then(|c| champs.get(c).copied().filter(|_| c < n)) };
        let id = champ(0).map(trim).unwrap_or_default();
        if id.len() > 200 {
            return self.erreur(sortie, b"", "id", "Identifiant : 200 caractères au plus.");
        }
        let attendues = colonnes.iter().flatten().max().map(|m| m + 1).unwrap_or(0);
        if COLONNES_REQUISES.iter().any(|nom| {
            let i = COLONNES.iter().position(|c| c == nom).unwrap_or(0);
            champ(i).is_none()
        }) {
            let sep = char::from(self.separateur);
            let message = format!("Ligne incomplète : {n} colonne(s) au lieu de {attendues} (séparateur « {sep} »).");
            return self.erreur(sortie, id, "ligne", &message);
        }
        let saisie = match lire_saisie(&champ) {
            Ok(s) => s,
            Err((champ, message)) => return self.erreur(sortie, id, champ, &message),
        };
        let annee = saisie.annee;
        let situation = match Situation::new(saisie) {
            Ok(s) => s,
            Err(e) => {
                let (champ, message) = champ_et_message(&e);
                return self.erreur(sortie, id, &champ, &message);
            }
        };
        let Some(i) = self.parametres(annee) else {
            return self.erreur(sortie, id, "annee", "Année de référence : aucun seuil connu.");
        };
        let p = &self.parametres[i].1;
        let seuil_annee = p.seuil.seuil.annee;
        let s = situation.saisie();
        let c = Chiffres::new(s, p);
        if let Some(points) = &mut self.points {
            if c.hors_champ.is_none() {
                points.push(Point { douziemes: c.douziemes, uc: c.uc, personnes: s.personnes.len() as u32 });
            }
        }
        ecrire_resultat(sortie, self.ligne, id, annee, seuil_annee, &c);
    }
}

#[inline]
fn trim(c: &[u8]) -> &[u8] {
    let debut = c.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(c.len());
    let fin = c.iter().rposition(|b| !b.is_ascii_whitespace()).map(|p| p + 1).unwrap_or(debut);
    c.get(debut..fin).unwrap_or_default()
}

/// Reads a whole number (optional sign).
#[inline]
fn entier(c: &[u8]) -> Option<i64> {
    let c = trim(c);
    let (negatif, chiffres) = match c.split_first() {
        Some((b'-', r)) => (true, r),
        Some((b'+', r)) => (false, r),
        _ => (false, c),
    };
    if chiffres.is_empty() || chiffres.len() > 15 {
        return None;
    }
    let mut n: i64 = 0;
    for &b in chiffres {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + i64::from(b - b'0');
    }
    Some(if negatif { -n } else { n })
}

/// Reads an amount in euros (`14400`, `-300,5`, `1200.25`) into centimes, rounded half away
/// from zero beyond two decimals; `Ok(None)` when empty.
#[inline]
fn centimes(c: &[u8]) -> Result<Option<i64>, ()> {
    let c = trim(c);
    if c.is_empty() {
        return Ok(None);
    }
    let (negatif, reste) = match c.split_first() {
        Some((b'-', r)) => (true, r),
        Some((b'+', r)) => (false, r),
        _ => (false, c),
    };
    let (entiere, fraction) = match reste.iter().position(|&b| b == b',' || b == b'.') {
        Some(p) => (reste.get(..p).unwrap_or_default(), reste.get(p + 1..).unwrap_or_default()),
        None => (reste, &b""[..]),
    };
    if (entiere.is_empty() && fraction.is_empty()) || entiere.len() > 13 || fraction.len() > 12 {
        return Err(());
    }
    let mut n: i64 = 0;
    for &b in entiere {
        if !b.is_ascii_digit() {
            return Err(());
        }
        n = n * 10 + i64::from(b - b'0');
    }
    let mut cents: i64 = 0;
    let mut arrondi = 0;
    for (i, &b) in fraction.iter().enumerate() {
        if !b.is_ascii_digit() {
            return Err(());
        }
        match i {
            0 | 1 => cents = cents * 10 + i64::from(b - b'0'),
            2 => arrondi = i64::from(b >= b'5'),
            _ => {}
        }
    }
    if fraction.len() == 1 {
        cents *= 10;
    }
    let v = n * 100 + cents + arrondi;
    Ok(Some(if negatif { -v } else { v }))
}

fn personnes(c: &[u8]) -> Result<Vec<Personne>, String> {
    let mut v = Vec::with_capacity(6);
    for jeton in c.split(|&b| b == b'|' || b == b' ' || b == b'+').filter(|j| !j.is_empty()) {
        let Some((&r, reste)) = jeton.split_first() else { continue };
        let role = match r.to_ascii_uppercase() {
            b'A' => Role::Allocataire,
            b'C' => Role::Conjoint,
            b'E' => Role::Enfant,
            b'P' => Role::Autre,
            _ => {
                return Err(format!(
                "« {} » : le rôle doit être A (allocataire), C (conjoint), E (enfant) ou P (autre personne à charge)",
                String::from_utf8_lossy(jeton).chars().take(20).collect::<String>()
            ))
            }
        };
        let fin = reste.iter().position(|b| !b.is_ascii_digit()).unwrap_or(reste.len());
        let (age, options) = reste.split_at(fin);
        let age = entier(age).ok_or_else(|| {
            format!(
                "« {} » : âge manquant ou illisible",
                String::from_utf8_lossy(jeton).chars().take(20).collect::<String>()
            )
        })?;
        let mut p = Personne::new(role, u8::try_from(age).unwrap_or(u8::MAX));
        for &o in options {
            match o.to_ascii_lowercase() {
                b'h' => p.handicap = true,
                b'e' => p.etudiant = true,
                _ => {
                    return Err(format!(
                        "« {} » : après l'âge, seules les lettres h (handicap) et e (étudiant) sont permises",
                        String::from_utf8_lossy(jeton).chars().take(20).collect::<String>()
                    ))
                }
            }
        }
        if v.len() >= crate::foyer::PERSONNES_MAX {
            return Err(format!("{} personnes au plus", crate::foyer::PERSONNES_MAX));
        }
        v.push(p);
    }
    Ok(v)
}

type ErreurLigne = (&'static str, String);

fn lire_saisie<'a>(champ: &dyn Fn(usize) -> Option<&'a [u8]>) -> Result<Saisie, ErreurLigne> {
    let texte = |c: &[u8]| String::from_utf8_lossy(trim(c)).chars().take(30).collect::<String>();
    let annee_brute = champ(1).unwrap_or_default();
    let annee = entier(annee_brute)
        .and_then(|a| i32::try_from(a).ok())
        .ok_or_else(|| ("annee", format!("Année de référence : « {} » n'est pas une année.", texte(annee_brute))))?;
    let personnes =
        personnes(champ(2).unwrap_or_default()).map_err(|m| ("personnes", format!("Personnes du foyer : {m}.")))?;
    let montant = |i: usize, nom: &'static str, libelle: &str| -> Result<Option<i64>, ErreurLigne> {
        let brut = champ(i).unwrap_or_default();
        centimes(brut).map_err(|()| (nom, format!("{libelle} : « {} » n'est pas un montant.", texte(brut))))
    };
    let revenus = montant(3, "revenus_annuels", "Revenus annuels")?
        .ok_or_else(|| ("revenus_annuels", "Revenus annuels : ce champ est obligatoire.".to_string()))?;
    let prestations = montant(4, "prestations_mensuelles", "Prestations mensuelles")?
        .ok_or_else(|| ("prestations_mensuelles", "Prestations mensuelles : ce champ est obligatoire.".to_string()))?;
    Ok(Saisie {
        annee,
        personnes,
        revenus_annuels_centimes: revenus,
        prestations_centimes: prestations,
        aide_logement_centimes: montant(5, "aide_logement", "Aide au logement")?,
        loyer_centimes: montant(6, "loyer", "Loyer mensuel")?,
        ..Saisie::default()
    })
}

/// The batch column name of an error of the one-by-one rules.
fn champ_et_message(e: &ErreurFoyer) -> (String, String) {
    let champ = e.champ();
    let colonne = if champ.starts_with("personnes") {
        champ.to_string()
    } else {
        match champ.as_ref() {
            "revenusAnnuels" => "revenus_annuels".into(),
            "prestationsMensuelles" => "prestations_mensuelles".into(),
            "aideLogementMensuelle" => "aide_logement".into(),
            "loyerMensuel" => "loyer".into(),
            autre => autre.to_string(),
        }
    };
    (colonne, e.to_string())
}

/// Writes a whole number without allocation.
#[inline]
fn ecrire_entier(sortie: &mut String, n: i64) {
    ecrire_decimal(sortie, n, 0);
}

/// Writes `valeur / 10^decimales` (at most 8 decimals) with a decimal comma.
#[inline]
fn ecrire_decimal(sortie: &mut String, valeur: i64, decimales: u32) {
    let mut tampon = [0u8; 32];
    let mut i = tampon.len();
    let mut v = valeur.unsigned_abs();
    for k in 0..decimales.min(8) + 1 {
        if k == decimales.min(8) && decimales > 0 {
            i -= 1;
            tampon[i] = b',';
        }
        if k < decimales.min(8) {
            i -= 1;
            tampon[i] = b'0' + (v % 10) as u8;
            v /= 10;
        }
    }
    loop {
        i -= 1;
        tampon[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    if valeur < 0 {
        i -= 1;
        tampon[i] = b'-';
    }
    sortie.push_str(std::str::from_utf8(&tampon[i..]).unwrap_or_default());
}

fn oui_non(b: bool) -> &'static str {
    if b {
        "oui"
    } else {
        "non"
    }
}

fn ecrire_resultat(sortie: &mut String, ligne: u64, id: &[u8], annee: i32, seuil_annee: i32, c: &Chiffres) {
    ecrire_entier(sortie, ligne as i64);
    sortie.push(';');
    match std::str::from_utf8(id) {
        Ok(t) if !t.contains([';', '"', '\n', '\r']) && !t.starts_with(['=', '+', '-', '@', '\t']) => {
            sortie.push_str(t)
        }
        _ => sortie.push_str(&cellule_texte_csv(&String::from_utf8_lossy(id))),
    }
    sortie.push(';');
    ecrire_entier(sortie, i64::from(annee));
    sortie.push(';');
    ecrire_decimal(sortie, i64::from(c.uc), 1);
    sortie.push(';');
    ecrire_decimal(sortie, i64::from(c.uc_insee), 1);
    sortie.push(';');
    ecrire_decimal(sortie, c.ruc_centimes(), 2);
    sortie.push(';');
    ecrire_decimal(sortie, c.ruc_hors_prestations_centimes(), 2);
    sortie.push(';');
    ecrire_entier(sortie, i64::from(seuil_annee));
    sortie.push(';');
    ecrire_decimal(sortie, c.seuil, 2);
    sortie.push(';');
    sortie.push_str(c.bas_revenus().map(oui_non).unwrap_or_default());
    sortie.push(';');
    sortie.push_str(c.fragile().map(oui_non).unwrap_or_default());
    sortie.push(';');
    sortie.push_str(oui_non(c.dependance50));
    sortie.push(';');
    sortie.push_str(oui_non(c.dependance100));
    sortie.push(';');
    sortie.push_str(c.hors_champ.map(|h| h.raison()).unwrap_or_default());
    sortie.push(';');
    if let Some(t) = c.taux_effort_dixiemes() {
        ecrire_decimal(sortie, t, 1);
    }
    sortie.push_str(";;\n");
}

/// A progress report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progression {
    /// 0 to 100.
    pub pourcent: u32,
    /// Lines done.
    pub lignes: u64,
    /// Estimated lines in the whole file.
    pub lignes_estimees: u64,
    /// Estimated seconds left, when it can be estimated.
    pub reste_secondes: Option<u64>,
    /// French text: "42 % — 420 000 lignes sur environ 1 000 000, environ 3 s restantes".
    pub texte: String,
}

/// A progress report from lines and bytes done, total bytes and elapsed milliseconds.
pub fn progression(lignes: u64, octets: u64, total: u64, ecoule: u64) -> Progression {
    let total = total.max(octets).max(1);
    let pourcent = u32::try_from(octets.saturating_mul(100) / total).unwrap_or(100).min(100);
    let lignes_estimees =
        if octets == 0 { 0 } else { (u128::from(lignes) * u128::from(total) / u128::from(octets)) as u64 };
    let reste_secondes = (octets > 0 && ecoule > 0 && octets < total)
        .then(|| (u128::from(ecoule) * u128::from(total - octets) / u128::from(octets)).div_ceil(1000) as u64);
    let mut texte = format!(
        "{pourcent}\u{a0}% — {} lignes sur environ {}",
        format::entier(i128::from(lignes)),
        format::entier(i128::from(lignes_estimees.max(lignes)))
    );
    match reste_secondes {
        Some(s) => texte.push_str(&format!(
            ", environ {}\u{a0}s restante{}",
            format::entier(i128::from(s)),
            if s > 1 { "s" } else { "" }
        )),
        None if pourcent == 100 => {
            texte = format!("100\u{a0}% — {} lignes traitées", format::entier(i128::from(lignes)))
        }
        None => {}
    }
    Progression { pourcent, lignes, lignes_estimees, reste_secondes, texte }
}

/// A duration in French, from two timestamps in milliseconds: "0,42 s", "1 min 05 s".
pub fn duree(debut_ms: f64, fin_ms: f64) -> String {
    let ms = if fin_ms.is_finite() && debut_ms.is_finite() && fin_ms > debut_ms {
        (fin_ms - debut_ms).round() as u64
    } else {
        0
    };
    if ms < 60_000 {
        format!("{}\u{a0}s", format::decimal(Ratio::new(i128::from(ms), 1000).unwrap_or(Ratio::ZERO), 2))
    } else {
        format!("{}\u{a0}min {:02}\u{a0}s", ms / 60_000, (ms % 60_000) / 1000)
    }
}

/// How the median weighs the foyers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ponderation {
    /// Each person counts once (the INSEE convention).
    Personnes,
    /// Each foyer counts once.
    Foyers,
}

impl Ponderation {
    /// The code of the contract and of the command line: `personnes` or `foyers`.
    pub fn code(self) -> &'static str {
        match self {
            Ponderation::Personnes => "personnes",
            Ponderation::Foyers => "foyers",
        }
    }

    /// Reads a code; the empty text is the default, `personnes`.
    ///
    /// # Errors
    /// [`ErreurLot::Ponderation`] for any other text.
    pub fn depuis_code(code: &str) -> Result<Ponderation, ErreurLot> {
        match code {
            "" | "personnes" => Ok(Ponderation::Personnes),
            "foyers" => Ok(Ponderation::Foyers),
            autre => Err(ErreurLot::Ponderation(autre.chars().take(20).collect())),
        }
    }
}

/// Low-income thresholds computed from a population.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeuilsPopulation {
    /// Weighting used.
    pub ponderation: Ponderation,
    /// Foyers counted (valid, in the reference population).
    pub foyers: u64,
    /// Their persons.
    pub personnes: u64,
    /// Exact median RUC, € per UC per month.
    pub mediane: Ratio,
    /// For 60 % and 50 % of the median: the threshold, foyers and persons strictly under it.
    pub seuils: Vec<SeuilPopulation>,
}

/// One threshold of a population.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeuilPopulation {
    /// 60 or 50.
    pub pourcent: u32,
    /// The threshold, € per UC per month.
    pub valeur: Ratio,
    /// Foyers with RUC < threshold.
    pub foyers_sous: u64,
    /// Persons of those foyers.
    pub personnes_sous: u64,
    /// Share of foyers, in %.
    pub part_foyers: Ratio,
    /// Share of persons, in %.
    pub part_personnes: Ratio,
}

impl SeuilsPopulation {
    /// French sentences of the result.
    pub fn phrases(&self) -> Vec<String> {
        let mut v = vec![format!(
            "RUC médian : {} par UC et par mois, sur {} foyers et {} personnes (médiane pondérée par les {}).",
            format::euros(self.mediane, 2),
            format::entier(i128::from(self.foyers)),
            format::entier(i128::from(self.personnes)),
            match self.ponderation {
                Ponderation::Personnes => "personnes",
                Ponderation::Foyers => "foyers",
            }
        )];
        for s in &self.seuils {
            v.push(format!(
                "Seuil à {} % de la médiane : {} ; sous ce seuil : {} des foyers ({}) et {} des personnes ({}).",
                s.pourcent,
                format::euros(s.valeur, 2),
                format::pourcent(s.part_foyers, 1),
                format::entier(i128::from(s.foyers_sous)),
                format::pourcent(s.part_personnes, 1),
                format::entier(i128::from(s.personnes_sous))
            ));
        }
        v
    }
}

/// The exact weighted median of the RUC of `points`, and the thresholds at 60 % and 50 % of it.
/// Sorts `points` in place. `None` for an empty population.
///
/// With weights w (persons, or 1 per foyer) and total W, the median is the value at rank
/// (W + 1) / 2 of the expanded list when W is odd, and the mean of the values at ranks W / 2 and
/// W / 2 + 1 when W is even.
pub fn seuils_population(points: &mut [Point], ponderation: Ponderation) -> Option<SeuilsPopulation> {
    if points.is_empty() {
        return None;
    }
    points.sort_unstable_by(Point::compare);
    let poids = |p: &Point| match ponderation {
        Ponderation::Personnes => u64::from(p.personnes.max(1)),
        Ponderation::Foyers => 1,
    };
    let total: u64 = points.iter().map(poids).sum();
    let au_rang = |rang: u64| -> Option<Ratio> {
        let mut cumul = 0;
        points
            .iter()
            .find(|p| {
                cumul += poids(p);
                cumul >= rang
            })
            .map(Point::ruc)
    };
    let mediane = if total % 2 == 1 {
        au_rang(total.div_ceil(2))?
    } else {
        au_rang(total / 2)?.plus(au_rang(total / 2 + 1)?)?.divise(Ratio::entier(2))?
    };
    let foyers = points.len() as u64;
    let personnes: u64 = points.iter().map(|p| u64::from(p.personnes)).sum();
    let mut seuils = Vec::new();
    for pourcent in [60u32, 50] {
        let valeur = mediane.fois(Ratio::new(i128::from(pourcent), 100)?)?;
        // RUC = 5d / (600 u) < valeur = n / m  ⇔  5 d m < 600 u n.
        let (n, m) = (valeur.num(), valeur.den());
        let sous = |p: &Point| 5 * i128::from(p.douziemes) * m < 600 * i128::from(p.uc) * n;
        let (mut foyers_sous, mut personnes_sous) = (0u64, 0u64);
        for p in points.iter().take_while(|p| sous(p)) {
            foyers_sous += 1;
            personnes_sous += u64::from(p.personnes);
        }
        seuils.push(SeuilPopulation {
            pourcent,
            valeur,
            foyers_sous,
            personnes_sous,
            part_foyers: Ratio::new(i128::from(foyers_sous) * 100, i128::from(foyers.max(1)))?,
            part_personnes: Ratio::new(i128::from(personnes_sous) * 100, i128::from(personnes.max(1)))?,
        });
    }
    Some(SeuilsPopulation { ponderation, foyers, personnes, mediane, seuils })
}

/// The ratio indicators an open-data import can give: every share or rate of the catalogue
/// whose counts all come from the IRIS files or the population.
pub fn indicateurs_importables() -> Vec<&'static Indicateur> {
    let disponible = |k: &str| k == "habitants" || COLONNES_IRIS.iter().any(|(_, cle)| *cle == k);
    INDICATEURS
        .iter()
        .filter(|i| matches!(i.formule, Formule::Part { .. } | Formule::Pour100 { .. } | Formule::Rapport { .. }))
        .filter(|i| i.cles().iter().all(|k| disponible(k)))
        .collect()
}

fn territoire_de(t: &crate::import::TerritoireImporte) -> Territoire {
    Territoire {
        annee: t.annee,
        valeurs: {
            // Inserted one by one: collecting into a map would pull a generic sort into the module.
            let mut m = std::collections::BTreeMap::new();
            for (k, v) in &t.valeurs {
                m.insert(k.to_string(), Ratio::entier(i128::from(*v)));
            }
            m
        },
        ..Territoire::default()
    }
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
        if let Some(v) = valeur_indicateur(t, i).and_then(|v| v.arrondi(i.precision)) {
            ecrire_decimal(sortie, i64::try_from(v).unwrap_or(0), i.precision);
        }
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

/// Processes a whole household file in memory (tests, small files).
///
/// # Errors
/// As [`LotFoyers::traiter`] and [`LotFoyers::terminer`].
pub fn traiter_tout(contenu: &[u8]) -> Result<String, ErreurLot> {
    let mut lot = LotFoyers::new(false);
    let mut sortie = String::with_capacity(contenu.len() * 2);
    lot.traiter(contenu, &mut sortie)?;
    lot.terminer(&mut sortie)?;
    Ok(sortie)
}

/// A deterministic household file of `n` foyers (for benchmarks and tests): a small linear
/// congruential generator, so the same seed gives the same file everywhere.
pub fn generer(n: u64, graine: u64, sortie: &mut String) {
    sortie.push_str(&COLONNES.join(";"));
    sortie.push('\n');
    generer_lignes(0, n, graine, sortie);
}

/// Lines `debut + 1 ..= debut + n` of [`generer`]'s file without its header (to write a large
/// file in pieces; each piece is seeded by `graine` and `debut`).
pub fn generer_lignes(debut: u64, n: u64, graine: u64, sortie: &mut String) {
    let mut x =
        graine.wrapping_add(debut).wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
    let mut suivant = |borne: u64| {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (x >> 33) % borne.max(1)
    };
    for i in debut..debut + n {
        sortie.push('F');
        ecrire_entier(sortie, i as i64 + 1);
        sortie.push(';');
        ecrire_entier(sortie, 2014 + suivant(10) as i64);
        sortie.push(';');
        sortie.push('A');
        ecrire_entier(sortie, 18 + suivant(60) as i64);
        if suivant(2) == 0 {
            sortie.push_str("|C");
            ecrire_entier(sortie, 18 + suivant(60) as i64);
        }
        for _ in 0..suivant(4) {
            sortie.push_str("|E");
            ecrire_entier(sortie, suivant(21) as i64);
        }
        sortie.push(';');
        ecrire_entier(sortie, suivant(60_000) as i64);
        sortie.push(';');
        let prestations = suivant(1_500) as i64;
        ecrire_decimal(sortie, prestations * 100 + suivant(100) as i64, 2);
        sortie.push(';');
        if suivant(3) == 0 {
            ecrire_entier(sortie, suivant(prestations as u64 + 1) as i64);
            sortie.push(';');
            ecrire_entier(sortie, 300 + suivant(700) as i64);
        } else {
            sortie.push(';');
        }
        sortie.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn montants_et_entiers() {
        assert_eq!(centimes(b"14400"), Ok(Some(1_440_000)));
        assert_eq!(centimes(b" 12000,5 "), Ok(Some(1_200_050)));
        assert_eq!(centimes(b"-300.255"), Ok(Some(-30_026)));
        assert_eq!(centimes(b"0,004"), Ok(Some(0)));
        assert_eq!(centimes(b""), Ok(None));
        assert_eq!(centimes(b"12a"), Err(()));
        assert_eq!(centimes(b","), Err(()));
        assert_eq!(entier(b"2017"), Some(2017));
        assert_eq!(entier(b"20x"), None);
        let mut s = String::new();
        ecrire_decimal(&mut s, -5, 2);
        s.push(' ');
        ecrire_decimal(&mut s, 73_810, 2);
        s.push(' ');
        ecrire_entier(&mut s, 0);
        assert_eq!(s, "-0,05 738,10 0");
    }

    #[test]
    fn decoupage_arbitraire_identique() {
        let mut contenu = String::new();
        generer(300, 7, &mut contenu);
        let entier = traiter_tout(contenu.as_bytes()).unwrap();
        for taille in [1usize, 7, 64, 1000] {
            let mut lot = LotFoyers::new(false);
            let mut sortie = String::new();
            for morceau in contenu.as_bytes().chunks(taille) {
                lot.traiter(morceau, &mut sortie).unwrap();
            }
            lot.terminer(&mut sortie).unwrap();
            assert_eq!(sortie, entier, "morceaux de {taille} octets");
        }
        assert_eq!(entier.lines().count(), 301);
    }

    #[test]
    fn progression_et_duree() {
        let p = progression(420_000, 42, 100, 3_000);
        assert_eq!(p.pourcent, 42);
        assert_eq!(p.lignes_estimees, 1_000_000);
        assert_eq!(p.reste_secondes, Some(5));
        assert_eq!(
            p.texte.replace(['\u{a0}', '\u{202f}'], " "),
            "42 % — 420 000 lignes sur environ 1 000 000, environ 5 s restantes"
        );
        assert_eq!(progression(10, 100, 100, 50).texte, "100\u{a0}% — 10 lignes traitées");
        assert_eq!(progression(0, 0, 0, 0).pourcent, 0);
        assert_eq!(duree(1000.0, 1420.4), "0,42\u{a0}s");
        assert_eq!(duree(0.0, 65_000.0), "1\u{a0}min 05\u{a0}s");
        assert_eq!(duree(f64::NAN, 3.0), "0,00\u{a0}s");
    }

    #[test]
    fn mediane_exacte() {
        let p =
            |euros: i64, uc: u32, personnes: u32| Point { douziemes: euros * 1200 * i64::from(uc) / 10, uc, personnes };
        // RUC 1 000, 2 000, 3 000 € with 1, 1, 2 persons: W = 4, ranks 2 and 3 → (2 000 + 3 000) / 2.
        let mut pts = vec![p(3000, 10, 2), p(1000, 10, 1), p(2000, 10, 1)];
        let s = seuils_population(&mut pts, Ponderation::Personnes).unwrap();
        assert_eq!(s.mediane, Ratio::entier(2500));
        assert_eq!(s.seuils[0].valeur, Ratio::entier(1500));
        assert_eq!((s.seuils[0].foyers_sous, s.seuils[0].personnes_sous), (1, 1));
        let s = seuils_population(&mut pts, Ponderation::Foyers).unwrap();
        assert_eq!(s.mediane, Ratio::entier(2000));
        assert!(seuils_population(&mut [], Ponderation::Foyers).is_none());
    }
}
