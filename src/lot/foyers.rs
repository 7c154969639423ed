//! The household file processed as a stream: chunks in (any cut), result rows out, memory
//! bounded by the longest line; one error row per faulty line, the rest goes on.

use std::fmt;

use super::bilan::{Bilan, ErreurListee, ERREURS_LISTEES};
use super::masques::fin_de_ligne;
use super::nombres::{entier, octets_decimal, octets_entier, trim, Compteur, Court, Rangee, Tampon};
use super::population::Point;
use super::progression::{duree, progression, Progression};
use crate::foyer::{Chiffres, ErreurFoyer, Parametres, Personne, Role, Saisie, Situation, ANNEE_MAX, ANNEE_MIN};
use crate::nombre::{lire_montant, ErreurEcriture};
use crate::tableur::{cellule_csv, cellule_texte_csv, lire_cellule};
use crate::valeur::{ErreurSaisie, Regle};

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
    /// The counts of a piece computed elsewhere ([`LotFoyers::fusionner_etat`]) are not
    /// readable.
    Etat,
}

impl ErreurLot {
    /// The field at fault.
    pub fn champ(&self) -> &'static str {
        match self {
            ErreurLot::Ponderation(_) => "ponderation",
            ErreurLot::Etat => "etat",
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
            ErreurLot::Etat => f.write_str(
                "État d'un morceau du fichier : illisible (il doit venir de etat() d'un traitement du même fichier).",
            ),
            ErreurLot::Ponderation(recu) => {
                write!(f, "Pondération : valeur « {recu} » inconnue (valeurs possibles : personnes, foyers).")
            }
        }
    }
}

impl std::error::Error for ErreurLot {}

/// The count of possible reference years.
const ANNEES: usize = (ANNEE_MAX - ANNEE_MIN + 1) as usize;

/// The parameters of one reference year, looked up once per year of the file.
#[derive(Debug)]
struct ParametresAnnee {
    parametres: Parametres,
    /// The year as the rows write it.
    annee_texte: Court,
    /// The threshold's year and value as the rows write them (`2019;1097,00`).
    seuil_texte: Court,
}

/// A streaming processor of a household file.
#[derive(Debug)]
pub struct LotFoyers {
    pub(super) octets: u64,
    reste: Vec<u8>,
    reste_trop_long: bool,
    /// The last chunk ended with a CR (its LF may start the next one).
    apres_cr: bool,
    separateur: u8,
    colonnes: Option<[Option<usize>; 7]>,
    /// Columns of the header: a data line with more is an error, never a silent shift.
    colonnes_entete: usize,
    /// The header line as read (without BOM or line end), for the processors of pieces.
    pub(super) entete: Vec<u8>,
    pub(super) ligne: u64,
    pub(super) lignes: u64,
    pub(super) erreurs: u64,
    pub(super) points: Option<Vec<Point>>,
    /// Counts of the statuses.
    pub(super) bilan: Bilan,
    /// The first error rows, for the page.
    pub(super) premieres_erreurs: Vec<ErreurListee>,
    /// Bytes received by [`LotFoyers::repartir`] and not yet handed out or read.
    pub(super) attente: Vec<u8>,
    /// Bytes gathered by [`LotFoyers::repartir`] before it hands out a piece.
    pub(super) taille_piece: usize,
    /// The parameters of each reference year met so far (looked up once per year).
    parametres: Vec<ParametresAnnee>,
    /// For each year from [`ANNEE_MIN`], 1 + its index in `parametres`, or 0 if not met yet.
    rangs_annees: [u8; ANNEES],
    /// For each cell of a line, the wanted column it holds (index in [`COLONNES`]), if any.
    cibles: Vec<Option<u8>>,
    /// The last foyer read: filled in place from line to line (its members' allocation reused),
    /// never moved.
    saisie: Saisie,
    /// The text of the last line number written.
    compteur: Compteur,
    /// The buffer of the result rows.
    tampon: Tampon,
}

impl LotFoyers {
    /// A processor; with `population`, it keeps what the median of the population needs (16
    /// bytes per foyer).
    pub fn new(population: bool) -> LotFoyers {
        LotFoyers {
            octets: 0,
            reste: Vec::new(),
            reste_trop_long: false,
            apres_cr: false,
            separateur: b';',
            colonnes: None,
            colonnes_entete: 0,
            entete: Vec::new(),
            ligne: 0,
            lignes: 0,
            erreurs: 0,
            points: population.then(Vec::new),
            parametres: Vec::new(),
            rangs_annees: [0; ANNEES],
            bilan: Bilan::default(),
            premieres_erreurs: Vec::new(),
            cibles: Vec::new(),
            saisie: Saisie::default(),
            compteur: Compteur::default(),
            tampon: [0; 256],
            attente: Vec::new(),
            taille_piece: super::repartition::PIECE_MIN,
        }
    }

    /// French summary: lines, errors and the duration between two instants in milliseconds.
    pub fn resume(&self, debut_ms: f64, fin_ms: f64) -> String {
        format!(
            "{}, dont {} en erreur, en {}.",
            crate::format::compte(self.lignes, "ligne traitée", "lignes traitées"),
            crate::format::entier(i128::from(self.erreurs)),
            duree(debut_ms, fin_ms)
        )
    }

    /// Counts of the statuses so far.
    pub fn bilan(&self) -> &Bilan {
        &self.bilan
    }

    /// The first error rows (at most [`ERREURS_LISTEES`]).
    pub fn premieres_erreurs(&self) -> &[ErreurListee] {
        &self.premieres_erreurs
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
    pub fn traiter(&mut self, morceau: &[u8], sortie: &mut Vec<u8>) -> Result<(), ErreurLot> {
        self.octets += morceau.len() as u64;
        let mut debut = 0;
        // A CR that ended the previous chunk: a LF starting this one belongs to it.
        if !morceau.is_empty() && std::mem::replace(&mut self.apres_cr, false) && morceau[0] == b'\n' {
            debut = 1;
        }
        // Lines end with LF, CRLF or a lone CR (old spreadsheet exports).
        while let Some(f) = morceau.get(debut..).and_then(|m| fin_de_ligne(m, self.separateur)) {
            let fin = debut + f.fin;
            let segment = morceau.get(debut..fin).unwrap_or_default();
            if self.reste.is_empty() && !self.reste_trop_long {
                // The same bound whether the line came whole or in pieces: the result never
                // depends on how the file was cut.
                if segment.len() > LIGNE_MAX {
                    self.ligne_trop_longue(sortie)?;
                } else {
                    self.ligne_complete(segment, f.separateurs, sortie)?;
                }
            } else {
                self.empiler(segment);
                let ligne = std::mem::take(&mut self.reste);
                if std::mem::replace(&mut self.reste_trop_long, false) {
                    self.ligne_trop_longue(sortie)?;
                } else {
                    self.ligne_complete(&ligne, None, sortie)?;
                }
                self.reste = ligne;
                self.reste.clear();
            }
            debut = fin + 1;
            if morceau[fin] == b'\r' {
                match morceau.get(debut) {
                    Some(b'\n') => debut += 1,
                    None => self.apres_cr = true,
                    Some(_) => {}
                }
            }
        }
        let fin = morceau.get(debut..).unwrap_or_default();
        self.empiler(fin);
        Ok(())
    }

    /// A line over [`LIGNE_MAX`]: an error row, or, before the header, an unusable file (the
    /// results always start with their header).
    fn ligne_trop_longue(&mut self, sortie: &mut Vec<u8>) -> Result<(), ErreurLot> {
        self.ligne += 1;
        if self.colonnes.is_none() {
            return Err(ErreurLot::EnTete {
                manquantes: COLONNES_REQUISES.to_vec(),
                trouve: format!("ligne de plus de {LIGNE_MAX} octets"),
            });
        }
        self.erreur(sortie, b"", "ligne", &format!("Ligne de plus de {LIGNE_MAX} octets : ignorée."));
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

    /// Tells the processor the byte that follows the last chunk, when it is known: a CR that
    /// ended the chunk is then a line end of its own unless a LF follows.
    pub(super) fn octet_suivant(&mut self, suivant: Option<u8>) {
        if suivant.is_some_and(|b| b != b'\n') {
            self.apres_cr = false;
        }
    }

    /// The columns found in the header, once it is read.
    pub(super) fn colonnes_lues(&self) -> Option<[Option<usize>; 7]> {
        self.colonnes
    }

    /// Whether the processor stands exactly between two lines after its header: a piece of the
    /// file that starts and ends at line boundaries can then go to another processor.
    pub(super) fn entre_deux_lignes(&self) -> bool {
        self.colonnes.is_some() && self.reste.is_empty() && !self.reste_trop_long && !self.apres_cr
    }

    /// Takes back the counts of a processor of a piece, in any order: the sums are the same,
    /// and the first error rows are kept by line number.
    pub(super) fn fusionner(&mut self, f: LotFoyers) {
        self.octets += f.octets;
        self.lignes += f.lignes;
        self.erreurs += f.erreurs;
        if let (Some(p), Some(q)) = (self.points.as_mut(), f.points) {
            p.extend(q);
        }
        self.bilan.ajouter(&f.bilan);
        self.premieres_erreurs.extend(f.premieres_erreurs);
        self.premieres_erreurs.sort_by_key(|e| e.ligne);
        self.premieres_erreurs.truncate(ERREURS_LISTEES);
    }

    /// Processes the last line (without final newline).
    ///
    /// # Errors
    /// [`ErreurLot::Vide`] when the input had no header; [`ErreurLot::EnTete`] as
    /// [`LotFoyers::traiter`].
    pub fn terminer(&mut self, sortie: &mut Vec<u8>) -> Result<(), ErreurLot> {
        // What [`LotFoyers::repartir`] kept: the last lines, read here, after every piece.
        let attente = std::mem::take(&mut self.attente);
        if !attente.is_empty() {
            self.traiter(&attente, sortie)?;
        }
        let ligne = std::mem::take(&mut self.reste);
        if std::mem::replace(&mut self.reste_trop_long, false) {
            self.ligne_trop_longue(sortie)?;
        } else if !ligne.is_empty() {
            self.ligne_complete(&ligne, None, sortie)?;
        }
        if self.colonnes.is_none() {
            return Err(ErreurLot::Vide);
        }
        Ok(())
    }

    /// A whole line, without its line end; `separateurs`, when known, the bits of its
    /// separators ([`fin_de_ligne`]).
    fn ligne_complete(
        &mut self,
        ligne: &[u8],
        separateurs: Option<u64>,
        sortie: &mut Vec<u8>,
    ) -> Result<(), ErreurLot> {
        self.ligne += 1;
        let ligne = ligne.strip_suffix(b"\r").unwrap_or(ligne);
        if self.colonnes.is_none() {
            // Every leading BOM: a file saved twice by tools that each add one keeps both, and
            // a piece's processor re-reads the header as stored, without them.
            let mut ligne = ligne;
            while let Some(reste) = ligne.strip_prefix("\u{feff}".as_bytes()) {
                ligne = reste;
            }
            if ligne.iter().all(u8::is_ascii_whitespace) {
                return Ok(());
            }
            return self.entete(ligne, sortie);
        }
        if ligne.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        self.lignes += 1;
        self.donnees(ligne, separateurs, sortie);
        Ok(())
    }

    fn entete(&mut self, ligne: &[u8], sortie: &mut Vec<u8>) -> Result<(), ErreurLot> {
        let compte = |c: u8| ligne.iter().filter(|&&b| b == c).count();
        self.separateur = [b';', b',', b'\t'].into_iter().max_by_key(|&c| compte(c)).unwrap_or(b';');
        let noms: Vec<String> = ligne
            .split(|&b| b == self.separateur)
            .map(|c| lire_cellule(c).trim().trim_matches('"').to_ascii_lowercase())
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
            return Err(ErreurLot::EnTete { manquantes, trouve: lire_cellule(ligne).chars().take(120).collect() });
        }
        self.colonnes = Some(colonnes);
        self.colonnes_entete = noms.len();
        self.entete = ligne.to_vec();
        self.cibles = (0..noms.len())
            .map(|n| colonnes.iter().position(|c| *c == Some(n)).and_then(|k| u8::try_from(k).ok()))
            .collect();
        sortie.extend_from_slice(ENTETE_RESULTATS.as_bytes());
        sortie.push(b'\n');
        Ok(())
    }

    fn erreur(&mut self, sortie: &mut Vec<u8>, id: &[u8], champ: &str, message: &str) {
        self.erreurs += 1;
        self.bilan.erreurs += 1;
        if self.premieres_erreurs.len() < ERREURS_LISTEES {
            self.premieres_erreurs.push(ErreurListee {
                ligne: self.ligne,
                champ: champ.into(),
                message: message.into(),
            });
        }
        octets_entier(sortie, self.ligne as i64);
        sortie.push(b';');
        sortie.extend_from_slice(cellule_texte_csv(&lire_cellule(id)).as_bytes());
        sortie.extend_from_slice(b";;;;;;;;;;;;;;");
        sortie.extend_from_slice(cellule_csv(champ).as_bytes());
        sortie.push(b';');
        sortie.extend_from_slice(cellule_csv(message).as_bytes());
        sortie.push(b'\n');
    }

    /// Index in `self.parametres` of the parameters of a reference year (already checked to be
    /// within [`ANNEE_MIN`]–[`ANNEE_MAX`]).
    #[inline]
    fn parametres(&mut self, annee: i32) -> Option<usize> {
        let rang = usize::try_from(annee - ANNEE_MIN).ok()?;
        match self.rangs_annees.get(rang) {
            Some(&r) if r > 0 => Some(usize::from(r) - 1),
            Some(_) => self.parametres_nouveaux(annee, rang),
            None => None,
        }
    }

    /// Looks up the parameters of a year met for the first time, and keeps them.
    fn parametres_nouveaux(&mut self, annee: i32, rang: usize) -> Option<usize> {
        let parametres = Parametres::caf(annee)?;
        let mut annee_texte = Vec::new();
        octets_entier(&mut annee_texte, i64::from(annee));
        let mut seuil_texte = Vec::new();
        octets_entier(&mut seuil_texte, i64::from(parametres.seuil.seuil.annee));
        seuil_texte.push(b';');
        octets_decimal(&mut seuil_texte, parametres.seuil.seuil.centimes, 2);
        let (annee_texte, seuil_texte) = (Court::new(&annee_texte)?, Court::new(&seuil_texte)?);
        self.parametres.push(ParametresAnnee { parametres, annee_texte, seuil_texte });
        *self.rangs_annees.get_mut(rang)? = u8::try_from(self.parametres.len()).ok()?;
        Some(self.parametres.len() - 1)
    }

    /// Counts an identifier that is not UTF-8, read as Windows-1252, ISO-8859-15 or Mac Roman (rare:
    /// out of line, so that the line loop stays as tight).
    #[cold]
    #[inline(never)]
    fn compter_id_non_ascii(&mut self, id: &[u8]) {
        if std::str::from_utf8(id).is_err() {
            self.bilan.ids_windows_1252 += 1;
        }
    }

    fn donnees(&mut self, ligne: &[u8], separateurs: Option<u64>, sortie: &mut Vec<u8>) {
        let Some(colonnes) = self.colonnes else { return };
        let mut valeurs: [&[u8]; 7] = [b""; 7];
        let n = match separateurs {
            Some(bits) => decouper_par_bits(ligne, bits, &self.cibles, &mut valeurs),
            None => decouper(ligne, self.separateur, &self.cibles, &mut valeurs),
        };
        let champ = |i: usize| -> Option<&[u8]> { colonnes[i].filter(|c| *c < n).map(|_| valeurs[i]) };
        let id = champ(0).map(trim).unwrap_or_default();
        if id.len() > 200 {
            return self.erreur(sortie, b"", "id", "Identifiant : 200 caractères au plus.");
        }
        if !id.is_ascii() {
            self.compter_id_non_ascii(id);
        }
        let (attendues, sep) = (self.colonnes_entete, char::from(self.separateur));
        if n > attendues {
            // Never a silent shift: a decimal comma in a comma-separated file splits a number.
            let conseil = if sep == ',' {
                " : un montant à virgule décimale doit être entre guillemets (\"1166,25\"), ou le fichier séparé par des points-virgules"
            } else {
                ""
            };
            let message = format!("Ligne de {n} colonnes au lieu de {attendues} (séparateur « {sep} »){conseil}.");
            return self.erreur(sortie, id, "ligne", &message);
        }
        if COLONNES_REQUISES.iter().any(|nom| {
            let i = COLONNES.iter().position(|c| c == nom).unwrap_or(0);
            champ(i).is_none()
        }) {
            let lues = crate::format::compte(n as u64, "colonne", "colonnes");
            let message = format!("Ligne incomplète : {lues} au lieu de {attendues} (séparateur « {sep} »).");
            return self.erreur(sortie, id, "ligne", &message);
        }
        if let Err((champ, message)) = lire_saisie(champ, &mut self.saisie) {
            return self.erreur(sortie, id, champ, &message);
        }
        if let Err(e) = Situation::verifier(&self.saisie) {
            let (champ, message) = champ_et_message(&e);
            return self.erreur(sortie, id, &champ, &message);
        }
        let annee = self.saisie.annee;
        let Some(i) = self.parametres(annee) else {
            return self.erreur(sortie, id, "annee", "Année de référence : aucun seuil connu.");
        };
        let pa = &self.parametres[i];
        let c = Chiffres::new(&self.saisie, &pa.parametres);
        self.bilan.compter(&c);
        if let Some(points) = &mut self.points {
            if c.hors_champ.is_none() {
                points.push(Point { douziemes: c.douziemes, uc: c.uc, personnes: c.personnes, annee });
            }
        }
        let textes = Textes { ligne: self.compteur.texte(self.ligne), annee: &pa.annee_texte, seuil: &pa.seuil_texte };
        ecrire_resultat(Rangee::new(sortie, &mut self.tampon), &textes, id, &c);
    }
}

/// Splits a line into its cells and keeps those of the wanted columns (`colonnes[k]` is the
/// position of wanted column `k`, wherever it is in the header) in `valeurs`, without their
/// double quotes; returns the count of cells. A cell in double quotes may hold the separator
/// (`"1166,25"`); `""` inside it is a quote.
fn decouper<'a>(ligne: &'a [u8], separateur: u8, cibles: &[Option<u8>], valeurs: &mut [&'a [u8]; 7]) -> usize {
    let mut n = 0;
    let mut i = 0;
    loop {
        let debut_brut = i;
        let cellule = if ligne.get(i) == Some(&b'"') {
            let mut j = i + 1;
            while j < ligne.len() && !(ligne[j] == b'"' && ligne.get(j + 1) != Some(&b'"')) {
                j += if ligne[j] == b'"' { 2 } else { 1 };
            }
            let contenu = ligne.get(i + 1..j.min(ligne.len())).unwrap_or_default();
            i = (j + 1).min(ligne.len());
            // Anything between the closing quote and the separator stays in the cell.
            while i < ligne.len() && ligne[i] != separateur {
                i += 1;
            }
            if i == j + 1 {
                contenu
            } else {
                ligne.get(debut_brut..i).unwrap_or_default()
            }
        } else {
            while i < ligne.len() && ligne[i] != separateur {
                i += 1;
            }
            ligne.get(debut_brut..i).unwrap_or_default()
        };
        if let Some(v) = cibles.get(n).copied().flatten().and_then(|k| valeurs.get_mut(usize::from(k))) {
            *v = cellule;
        }
        n += 1;
        if i >= ligne.len() {
            return n;
        }
        i += 1;
    }
}

/// [`decouper`] for a line without double quotes whose separators are the set bits of
/// `separateurs` (bit `k`: byte `k`): each cell ends at the next set bit, found without a loop
/// over the bytes.
#[inline]
fn decouper_par_bits<'a>(
    ligne: &'a [u8],
    mut separateurs: u64,
    cibles: &[Option<u8>],
    valeurs: &mut [&'a [u8]; 7],
) -> usize {
    let (mut n, mut debut) = (0, 0);
    loop {
        let fin = if separateurs == 0 { ligne.len() } else { separateurs.trailing_zeros() as usize };
        if let Some(v) = cibles.get(n).copied().flatten().and_then(|k| valeurs.get_mut(usize::from(k))) {
            *v = ligne.get(debut..fin).unwrap_or_default();
        }
        n += 1;
        if separateurs == 0 {
            return n;
        }
        separateurs &= separateurs - 1;
        debut = fin + 1;
    }
}

/// Reads the members of a foyer into `v` (emptied first).
fn personnes(c: &[u8], v: &mut Vec<Personne>) -> Result<(), String> {
    v.clear();
    // `|` as documented; a space, `+` or `,` as people also write lists.
    for jeton in c.split(|&b| matches!(b, b'|' | b' ' | b'+' | b',')).filter(|j| !j.is_empty()) {
        let Some((&r, reste)) = jeton.split_first() else { continue };
        // The member as written, for the messages.
        let ecrit = || lire_cellule(jeton).chars().take(20).collect::<String>();
        let role = match r.to_ascii_uppercase() {
            b'A' => Role::Allocataire,
            b'C' => Role::Conjoint,
            b'E' => Role::Enfant,
            b'P' => Role::Autre,
            _ => {
                return Err(format!(
                "« {} » : le rôle doit être A (allocataire), C (conjoint), E (enfant) ou P (autre personne à charge)",
                ecrit()
            ))
            }
        };
        let fin = reste.iter().position(|b| !b.is_ascii_digit()).unwrap_or(reste.len());
        let (age, options) = reste.split_at(fin);
        let age = entier(age).ok_or_else(|| format!("« {} » : âge manquant ou illisible", ecrit()))?;
        let mut p = Personne::new(role, u8::try_from(age).unwrap_or(u8::MAX));
        for &o in options {
            match o.to_ascii_lowercase() {
                b'h' => p.handicap = true,
                b'e' => p.etudiant = true,
                _ => {
                    return Err(format!(
                        "« {} » : après l'âge, seules les lettres h (handicap) et e (étudiant) sont permises",
                        ecrit()
                    ))
                }
            }
        }
        if v.len() >= crate::foyer::PERSONNES_MAX {
            return Err(format!("{} personnes au plus", crate::foyer::PERSONNES_MAX));
        }
        v.push(p);
    }
    Ok(())
}

type ErreurLigne = (&'static str, String);

/// Reads a line's cells into `s`, in place: the reference year, the members (their allocation
/// reused), the four amounts. The other fields of `s` are never set by a batch and stay empty.
fn lire_saisie<'a>(champ: impl Fn(usize) -> Option<&'a [u8]>, s: &mut Saisie) -> Result<(), ErreurLigne> {
    let texte = |c: &[u8]| lire_cellule(trim(c)).chars().take(30).collect::<String>();
    let annee_brute = champ(1).unwrap_or_default();
    s.annee = entier(annee_brute)
        .and_then(|a| i32::try_from(a).ok())
        .ok_or_else(|| ("annee", format!("Année de référence : « {} » n'est pas une année.", texte(annee_brute))))?;
    personnes(champ(2).unwrap_or_default(), &mut s.personnes)
        .map_err(|m| ("personnes", format!("Personnes du foyer : {m}.")))?;
    let cellule = |i: usize| champ(i).unwrap_or_default();
    s.revenus_annuels_centimes = montant(cellule(3), "revenus_annuels", "Revenus annuels")?
        .ok_or_else(|| ("revenus_annuels", "Revenus annuels : ce champ est obligatoire.".to_string()))?;
    s.prestations_centimes = montant(cellule(4), "prestations_mensuelles", "Prestations mensuelles")?
        .ok_or_else(|| ("prestations_mensuelles", "Prestations mensuelles : ce champ est obligatoire.".to_string()))?;
    s.aide_logement_centimes = montant(cellule(5), "aide_logement", "Aide au logement")?;
    s.loyer_centimes = montant(cellule(6), "loyer", "Loyer mensuel")?;
    Ok(())
}

/// An amount cell, in centimes. Always inlined, its error made out of line: a call would
/// return its wide result through memory, four times a line.
#[inline(always)]
fn montant(brut: &[u8], nom: &'static str, libelle: &'static str) -> Result<Option<i64>, ErreurLigne> {
    lire_montant(brut).map_err(|e| montant_illisible(e, brut, nom, libelle))
}

/// The error row's field and message for an unreadable amount (rare: made out of line).
#[cold]
#[inline(never)]
fn montant_illisible(e: ErreurEcriture, brut: &[u8], nom: &'static str, libelle: &str) -> ErreurLigne {
    let texte = lire_cellule(trim(brut));
    let erreur = ErreurSaisie { champ: nom.into(), libelle: libelle.into(), regle: Regle::ecriture(e, &texte) };
    (nom, erreur.to_string())
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

/// `oui`, `non`, or nothing for "not applicable" (constant-size copies).
#[inline]
fn oui_non_vide(r: &mut Rangee<'_>, b: Option<bool>) {
    match b {
        Some(true) => r.octets(b"oui"),
        Some(false) => r.octets(b"non"),
        None => {}
    }
}

/// Whether an identifier can be written as it is: UTF-8, no separator, quote or line end, and
/// nothing a spreadsheet would read as a formula.
fn id_tel_quel(id: &[u8]) -> bool {
    (id.is_ascii() || std::str::from_utf8(id).is_ok())
        && !id.iter().any(|b| matches!(b, b';' | b'"' | b'\n' | b'\r'))
        && !matches!(id.first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t'))
}

/// The cells of a row written once for many: the line number, the year, the threshold.
struct Textes<'a> {
    ligne: &'a Court,
    annee: &'a Court,
    seuil: &'a Court,
}

fn ecrire_resultat(mut r: Rangee<'_>, t: &Textes<'_>, id: &[u8], c: &Chiffres) {
    r.court(t.ligne);
    r.octet(b';');
    if id_tel_quel(id) {
        r.octets(id);
    } else {
        r.octets(cellule_texte_csv(&lire_cellule(id)).as_bytes());
    }
    r.octet(b';');
    r.court(t.annee);
    r.octet(b';');
    r.dixiemes(c.uc);
    r.octet(b';');
    r.dixiemes(c.uc_insee);
    r.octet(b';');
    r.decimal::<2>(c.ruc_centimes());
    r.octet(b';');
    r.decimal::<2>(c.ruc_hors_prestations_centimes());
    r.octet(b';');
    r.court(t.seuil);
    r.octet(b';');
    oui_non_vide(&mut r, c.bas_revenus());
    r.octet(b';');
    oui_non_vide(&mut r, c.fragile());
    r.octet(b';');
    oui_non_vide(&mut r, Some(c.dependance50));
    r.octet(b';');
    oui_non_vide(&mut r, Some(c.dependance100));
    r.octet(b';');
    r.octets(c.hors_champ.map(|h| h.raison()).unwrap_or_default().as_bytes());
    r.octet(b';');
    if let Some(t) = c.taux_effort_dixiemes() {
        r.decimal::<1>(t);
    }
    r.octets(b";;\n");
    r.fin();
}

/// Room for the result rows of `octets` bytes of household lines, so that the output never
/// grows by a reallocation (a copy of everything written so far): a result row is about 2,1
/// times its line in ordinary files.
pub fn capacite_sortie(octets: usize) -> usize {
    octets.saturating_mul(5) / 2 + 512
}

/// Processes a whole household file in memory (tests, small files).
///
/// # Errors
/// As [`LotFoyers::traiter`] and [`LotFoyers::terminer`].
pub fn traiter_tout(contenu: &[u8]) -> Result<String, ErreurLot> {
    let mut lot = LotFoyers::new(false);
    let mut sortie = Vec::with_capacity(capacite_sortie(contenu.len()));
    lot.traiter(contenu, &mut sortie)?;
    lot.terminer(&mut sortie)?;
    Ok(en_texte(sortie))
}

/// The rows written by [`LotFoyers::traiter`] as text. They are UTF-8 by construction (every
/// cell is ASCII, a valid identifier or one read as Windows-1252); a defect would show as U+FFFD, never as
/// a panic.
pub fn en_texte(sortie: Vec<u8>) -> String {
    String::from_utf8(sortie).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lot::generer;

    #[test]
    fn decoupage_arbitraire_identique() {
        let mut contenu = String::new();
        generer(300, 7, &mut contenu);
        let entier = traiter_tout(contenu.as_bytes()).unwrap();
        for taille in [1usize, 7, 64, 1000] {
            let mut lot = LotFoyers::new(false);
            let mut sortie = Vec::new();
            for morceau in contenu.as_bytes().chunks(taille) {
                lot.traiter(morceau, &mut sortie).unwrap();
            }
            lot.terminer(&mut sortie).unwrap();
            assert_eq!(en_texte(sortie), entier, "morceaux de {taille} octets");
        }
        assert_eq!(entier.lines().count(), 301);
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// The cells cut by the separators' bits are those of the byte-by-byte reader, for any
        /// line [`fin_de_ligne`] gives bits for, wanted columns anywhere.
        #[test]
        fn les_bits_coupent_comme_le_lecteur_octet_par_octet(
            ligne in proptest::collection::vec(proptest::prop_oneof![proptest::strategy::Just(b';'), proptest::strategy::Just(b' '), b'0'..=b'z'], 0..63),
            cibles in proptest::collection::vec(proptest::option::of(0u8..7), 0..12),
        ) {
            let mut texte = ligne.clone();
            texte.push(b'\n');
            texte.resize(64, b'x');
            let f = fin_de_ligne(&texte, b';').unwrap();
            proptest::prop_assert_eq!(f.fin, ligne.len());
            if let Some(bits) = f.separateurs {
                let (mut par_bits, mut par_octets) = ([&b""[..]; 7], [&b""[..]; 7]);
                let n = decouper_par_bits(&ligne, bits, &cibles, &mut par_bits);
                proptest::prop_assert_eq!(n, decouper(&ligne, b';', &cibles, &mut par_octets));
                proptest::prop_assert_eq!(par_bits, par_octets);
            }
        }
    }
}
