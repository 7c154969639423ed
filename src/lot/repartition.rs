//! The household file shared among workers that share no memory (the browser's Web Workers).
//!
//! A coordinator reads the header itself, then cuts the rest into pieces of whole lines, each
//! with the number of the line before it ([`LotFoyers::repartir`]). A worker makes a processor
//! from the header and that number ([`LotFoyers::pour_piece`]), computes the piece, and gives
//! back its rows and its counts as bytes ([`LotFoyers::etat`]). The coordinator merges the
//! counts ([`LotFoyers::fusionner_etat`]) and puts the rows end to end in the order of the
//! pieces, then reads the last line ([`LotFoyers::terminer`]): the rows and the counts are,
//! byte for byte, those of one processor reading the whole file.

use super::bilan::{Bilan, ErreurListee};
use super::foyers::{ErreurLot, LotFoyers, LIGNE_MAX};
use super::population::Point;

/// Bytes gathered before a piece is handed out: a message between workers costs little next to
/// computing 10 000 foyers.
pub const PIECE_MIN: usize = 1 << 19;

/// The smallest piece [`LotFoyers::decouper_pour`] makes: below it, a worker computes a piece in
/// well under a millisecond, less than the message costs.
pub const PIECE_PETITE: usize = 1 << 16;

/// Whole lines of the file after its header, for a worker: [`Piece::debut`] then the first
/// [`Piece::fin`] bytes of the chunk given to [`LotFoyers::repartir`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// The bytes kept from the previous chunks (the start of the piece).
    pub debut: Vec<u8>,
    /// How many bytes of the chunk end the piece (up to its last line end, terminator included).
    pub fin: usize,
    /// Lines of the file before the piece (header and blank lines included).
    pub ligne: u64,
}

/// Line terminators in `octets` (LF, CRLF or a lone CR each count one), as [`LotFoyers`] counts
/// lines; `octets` never splits a CRLF.
pub(super) fn fins_de_ligne(octets: &[u8]) -> u64 {
    let (lf, cr) = compter_lf_cr(octets);
    if cr == 0 {
        // The common case.
        return lf;
    }
    let mut n = 0;
    for (i, &b) in octets.iter().enumerate() {
        n += u64::from(b == b'\n' || (b == b'\r' && octets.get(i + 1) != Some(&b'\n')));
    }
    n
}

/// The LF and CR bytes of `octets`: natively, by `memchr`'s vector count.
#[cfg(not(target_arch = "wasm32"))]
fn compter_lf_cr(octets: &[u8]) -> (u64, u64) {
    let compter = |b| memchr::memchr_iter(b, octets).count() as u64;
    (compter(b'\n'), compter(b'\r'))
}

/// In wasm, [`compter_par_mots`]: `memchr` has no vector instructions there and counts byte by
/// byte.
#[cfg(target_arch = "wasm32")]
fn compter_lf_cr(octets: &[u8]) -> (u64, u64) {
    compter_par_mots(octets)
}

/// The LF and CR bytes of `octets`, eight bytes at a time (built natively for its tests).
#[cfg(any(target_arch = "wasm32", test))]
fn compter_par_mots(octets: &[u8]) -> (u64, u64) {
    const UNS: u64 = u64::from_le_bytes([0x01; 8]);
    const BAS: u64 = u64::from_le_bytes([0x7f; 8]);
    // Bytes equal to `b`: the high bit of each zero byte of `x ^ b…b`, exactly (no carry
    // crosses a byte: each is first reduced to its low seven bits).
    let egaux = |x: u64, b: u8| {
        let y = x ^ (UNS * u64::from(b));
        (!(((y & BAS) + BAS) | y | BAS)).count_ones()
    };
    let mut blocs = octets.chunks_exact(8);
    let (mut lf, mut cr) = (0u64, 0u64);
    for bloc in &mut blocs {
        let x = u64::from_le_bytes(bloc.try_into().unwrap_or_default());
        lf += u64::from(egaux(x, b'\n'));
        cr += u64::from(egaux(x, b'\r'));
    }
    for &b in blocs.remainder() {
        lf += u64::from(b == b'\n');
        cr += u64::from(b == b'\r');
    }
    (lf, cr)
}

/// The end of the first complete line of `octets` (just after its terminator), never between
/// a CR and its LF; `fin_du_fichier`: a CR at the very end is complete.
fn premiere_coupure(octets: &[u8], fin_du_fichier: bool) -> Option<usize> {
    let i = memchr::memchr2(b'\n', b'\r', octets)?;
    match (octets[i], octets.get(i + 1)) {
        (b'\r', Some(b'\n')) => Some(i + 2),
        (b'\r', None) if !fin_du_fichier => None,
        _ => Some(i + 1),
    }
}

/// The end of the last complete line in `octets[..limite]` (just after its terminator), never
/// between a CR and its LF; `fin_du_fichier`: a CR at the very end is complete.
pub(super) fn coupure(octets: &[u8], limite: usize, fin_du_fichier: bool) -> Option<usize> {
    let zone = octets.get(..limite)?;
    let i = memchr::memrchr2(b'\n', b'\r', zone)?;
    match (zone[i], octets.get(i + 1)) {
        (b'\r', Some(b'\n')) => Some(i + 2),
        // A CR ending the data read so far may be the first half of a CRLF: cut before its line.
        (b'\r', None) if !fin_du_fichier => coupure(octets, i, fin_du_fichier),
        _ => Some(i + 1),
    }
}

impl LotFoyers {
    /// Takes the next chunk of the file (any cut) as a coordinator. Once [`PIECE_MIN`] bytes
    /// (or [`LotFoyers::pieces_de`]) are gathered, returns a piece for a worker: the bytes kept
    /// from the previous chunks ([`Piece::debut`]) then `morceau[..fin]`, up to the last line end
    /// of the chunk — the caller sends that part of its own chunk, so the coordinator copies only
    /// the unfinished line (`fin`: the file ended). The header, and a line longer than a piece,
    /// are read here: their rows go to `sortie`, to be placed in the output before the pieces
    /// handed out later. The last line without terminator stays for [`LotFoyers::terminer`].
    ///
    /// # Errors
    /// As [`LotFoyers::traiter`] (an unusable header).
    pub fn repartir(&mut self, morceau: &[u8], sortie: &mut Vec<u8>, fin: bool) -> Result<Option<Piece>, ErreurLot> {
        if !fin && self.attente.len() + morceau.len() < self.taille_piece {
            self.attente.extend_from_slice(morceau);
            return Ok(None);
        }
        if self.entre_deux_lignes() {
            if let Some(coupe) = coupure(morceau, morceau.len(), fin) {
                let (tete, reste) = morceau.split_at(coupe);
                let debut = std::mem::replace(&mut self.attente, reste.to_vec());
                return Ok(Some(self.piece(debut, tete)));
            }
        }
        self.attente.extend_from_slice(morceau);
        self.repartir_attente(sortie, fin)
    }

    /// [`LotFoyers::repartir`] when the chunk cannot end a piece: the header (read here, line by
    /// line, so that the lines after it still go to the workers), no line end in the chunk, or
    /// a line longer than a piece (read here up to its end, so that the next piece starts
    /// between two lines).
    fn repartir_attente(&mut self, sortie: &mut Vec<u8>, fin: bool) -> Result<Option<Piece>, ErreurLot> {
        while self.colonnes_lues().is_none() {
            let Some(c) = premiere_coupure(&self.attente, fin) else { break };
            self.lire_ici(c, sortie)?;
        }
        if self.entre_deux_lignes() {
            if let Some(c) = coupure(&self.attente, self.attente.len(), fin) {
                let reste = self.attente.split_off(c);
                let debut = std::mem::replace(&mut self.attente, reste);
                return Ok(Some(self.piece(debut, &[])));
            }
            if !fin && self.attente.len() <= self.taille_piece.max(LIGNE_MAX) {
                return Ok(None);
            }
        }
        let complet = coupure(&self.attente, self.attente.len(), fin).unwrap_or(0);
        self.lire_ici(if complet > 0 || fin { complet } else { self.attente.len() }, sortie)?;
        Ok(None)
    }

    /// Reads the first `n` kept bytes here, the rows to `sortie`.
    fn lire_ici(&mut self, n: usize, sortie: &mut Vec<u8>) -> Result<(), ErreurLot> {
        let lu: Vec<u8> = self.attente.drain(..n).collect();
        self.traiter(&lu, sortie)?;
        self.octet_suivant(self.attente.first().copied());
        Ok(())
    }

    /// The piece `debut` then `tete` (whole lines), numbered after the lines handed out so far.
    fn piece(&mut self, debut: Vec<u8>, tete: &[u8]) -> Piece {
        // A CRLF cut between the kept bytes and the chunk is one line end, not two.
        let crlf_coupe = debut.last() == Some(&b'\r') && tete.first() == Some(&b'\n');
        let ligne = self.ligne;
        self.ligne += fins_de_ligne(&debut) + fins_de_ligne(tete) - u64::from(crlf_coupe);
        Piece { debut, fin: tete.len(), ligne }
    }

    /// Sets the bytes gathered before a piece is handed out ([`PIECE_MIN`] by default; at
    /// least one): smaller pieces share a small file among more workers.
    pub fn pieces_de(&mut self, octets: usize) {
        self.taille_piece = octets.max(1);
    }

    /// Sets the pieces for a file of `taille` bytes shared among `fils` workers, and returns
    /// the most bytes of a chunk to give to [`LotFoyers::repartir`] at once (the caller cuts
    /// larger chunks). A piece then holds less than a slice plus a piece: at most a
    /// `2 × fils`-th of the file, or 128 Kio. Whatever chunks the file comes in, every worker of
    /// a round-robin gets a share of any file of more than 128 Kio per worker. Pieces gather
    /// [`PIECE_PETITE`] to [`PIECE_MIN`] bytes; a large file's chunks are cut only into quarters
    /// of a worker's share.
    pub fn decouper_pour(&mut self, taille: u64, fils: usize) -> usize {
        let quart = usize::try_from(taille.div_ceil(4 * fils.max(1) as u64)).unwrap_or(usize::MAX);
        self.taille_piece = quart.clamp(PIECE_PETITE, PIECE_MIN);
        quart.max(self.taille_piece)
    }

    /// A worker's processor for a piece: the file's header line (as [`LotFoyers::entete_lue`]
    /// gives it) and the count of lines before the piece.
    ///
    /// # Errors
    /// [`ErreurLot::EnTete`] when `entete` is not a usable header, [`ErreurLot::Vide`] when it
    /// is blank.
    pub fn pour_piece(entete: &[u8], ligne: u64, population: bool) -> Result<LotFoyers, ErreurLot> {
        let mut lot = LotFoyers::new(population);
        let mut rien = Vec::new();
        lot.traiter(entete, &mut rien)?;
        lot.traiter(b"\n", &mut rien)?;
        if lot.colonnes_lues().is_none() {
            return Err(ErreurLot::Vide);
        }
        lot.ligne = ligne;
        lot.octets = 0;
        Ok(lot)
    }

    /// The header line as read (without BOM or terminator); empty before it is read.
    pub fn entete_lue(&self) -> &[u8] {
        &self.entete
    }

    /// The counts of this processor, as bytes for [`LotFoyers::fusionner_etat`]: bytes read,
    /// lines, error rows, statuses, first error rows, median points.
    pub fn etat(&self) -> Vec<u8> {
        let mut e = Vec::new();
        let b = &self.bilan;
        for n in [self.octets, self.lignes, self.erreurs, b.foyers, b.erreurs, b.hors_champ, b.bas_revenus]
            .into_iter()
            .chain([b.fragiles, b.dependants50, b.dependants100, b.loyers, b.effort_eleve, b.ids_windows_1252])
        {
            e.extend_from_slice(&n.to_le_bytes());
        }
        e.extend_from_slice(&(self.premieres_erreurs.len() as u64).to_le_bytes());
        for erreur in &self.premieres_erreurs {
            e.extend_from_slice(&erreur.ligne.to_le_bytes());
            for texte in [&erreur.champ, &erreur.message] {
                e.extend_from_slice(&(texte.len() as u64).to_le_bytes());
                e.extend_from_slice(texte.as_bytes());
            }
        }
        for p in self.points() {
            e.extend_from_slice(&p.douziemes.to_le_bytes());
            e.extend_from_slice(&p.uc.to_le_bytes());
            e.extend_from_slice(&p.personnes.to_le_bytes());
            e.extend_from_slice(&p.annee.to_le_bytes());
        }
        e
    }

    /// Adds the counts of a piece's processor ([`LotFoyers::etat`]), in any order.
    ///
    /// # Errors
    /// [`ErreurLot::Etat`] when the bytes are not such counts.
    pub fn fusionner_etat(&mut self, etat: &[u8]) -> Result<(), ErreurLot> {
        let f = lire_etat(etat, self.points.is_some()).ok_or(ErreurLot::Etat)?;
        self.fusionner(f);
        Ok(())
    }
}

/// A processor holding the counts written by [`LotFoyers::etat`]; `None` if they are not.
fn lire_etat(etat: &[u8], population: bool) -> Option<LotFoyers> {
    let mut lecteur = Lecteur(etat);
    let mut n = [0u64; 13];
    for x in &mut n {
        *x = lecteur.u64()?;
    }
    let mut f = LotFoyers::new(population);
    let [octets, lignes, erreurs, foyers, erreurs_bilan, hors_champ, bas_revenus, fragiles, dependants50, dependants100, loyers, effort_eleve, ids_windows_1252] =
        n;
    (f.octets, f.lignes, f.erreurs) = (octets, lignes, erreurs);
    f.bilan = Bilan {
        foyers,
        erreurs: erreurs_bilan,
        hors_champ,
        bas_revenus,
        fragiles,
        dependants50,
        dependants100,
        loyers,
        effort_eleve,
        ids_windows_1252,
    };
    for _ in 0..lecteur.u64()? {
        let ligne = lecteur.u64()?;
        let champ = lecteur.texte()?;
        let message = lecteur.texte()?;
        f.premieres_erreurs.push(ErreurListee { ligne, champ, message });
    }
    let points = lecteur.0.chunks_exact(20);
    if !points.remainder().is_empty() || (!population && !lecteur.0.is_empty()) {
        return None;
    }
    if let Some(v) = f.points.as_mut() {
        for p in points {
            let mut l = Lecteur(p);
            v.push(Point { douziemes: l.u64()? as i64, uc: l.u32()?, personnes: l.u32()?, annee: l.u32()? as i32 });
        }
    }
    Some(f)
}

/// Reads little-endian numbers and texts from the front of a slice.
struct Lecteur<'a>(&'a [u8]);

impl Lecteur<'_> {
    fn octets<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (tete, reste) = self.0.split_first_chunk::<N>()?;
        self.0 = reste;
        Some(*tete)
    }
    fn u64(&mut self) -> Option<u64> {
        self.octets::<8>().map(u64::from_le_bytes)
    }
    fn u32(&mut self) -> Option<u32> {
        self.octets::<4>().map(u32::from_le_bytes)
    }
    fn texte(&mut self) -> Option<String> {
        let n = usize::try_from(self.u64()?).ok()?;
        let texte = self.0.get(..n)?;
        self.0 = self.0.get(n..)?;
        String::from_utf8(texte.to_vec()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coupures_aux_fins_de_ligne() {
        assert_eq!(coupure(b"a\nb\nc", 5, false), Some(4));
        assert_eq!(coupure(b"a\r\nb", 2, false), Some(3), "jamais entre CR et LF");
        assert_eq!(coupure(b"a\rb\r", 4, false), Some(2), "un CR final attend son LF éventuel");
        assert_eq!(coupure(b"a\rb\r", 4, true), Some(4));
        assert_eq!(coupure(b"abc", 3, true), None);
        assert_eq!(premiere_coupure(b"a\r\nb\n", false), Some(3));
        assert_eq!(premiere_coupure(b"a\r", false), None, "un CR final attend son LF éventuel");
        assert_eq!(premiere_coupure(b"a\r", true), Some(2));
        assert_eq!(premiere_coupure(b"a\rb", false), Some(2));
        assert_eq!(fins_de_ligne(b"a\r\nb\rc\n\n"), 4);
        assert_eq!(fins_de_ligne(b"a\nb\nc\n\n"), 4);
        assert_eq!(fins_de_ligne(b""), 0);
        // Every byte value at every position of a block: only LF and CR are counted.
        let tous: Vec<u8> = (0..=255u8).cycle().take(256 * 9 + 5).collect();
        let lignes = b"a\nb\n\n\nccc\r\ndddddddddd\n".repeat(37);
        for compter in [compter_lf_cr, compter_par_mots] {
            assert_eq!(compter(&tous), (9, 9));
            assert_eq!(compter(&lignes), (37 * 6, 37));
            for debut in 0..9 {
                assert_eq!(compter(&lignes[debut..]), compter_lf_cr(&lignes[debut..]), "{debut}");
            }
        }
    }

    #[test]
    fn etat_illisible() {
        let mut lot = LotFoyers::new(true);
        let etat = LotFoyers::new(true).etat();
        assert_eq!(lot.fusionner_etat(&etat), Ok(()));
        for mauvais in [&etat[..etat.len() - 1], &[etat.as_slice(), &[0u8; 19]].concat(), b"".as_slice()] {
            assert_eq!(lot.fusionner_etat(mauvais), Err(ErreurLot::Etat));
        }
    }
}
