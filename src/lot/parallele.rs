//! Native only: the household file on every core, cut as for the browser's workers
//! ([`LotFoyers::repartir`]: pieces of whole, numbered lines; the header and any line longer
//! than a piece read by the coordinator). A round of one piece per thread is computed on
//! threads ([`LotFoyers::pour_piece`]), and the rows are written and the counts merged back in
//! input order, so the output is byte for byte the sequential one. Memory stays bounded by the
//! round size.

use std::io::{self, Read, Write};

use super::foyers::{ErreurLot, LotFoyers};
use super::repartition::Piece;

/// Bytes per piece: small enough to keep memory low, large enough to amortise a thread.
pub const MORCEAU: usize = 1 << 18;

/// What can stop the parallel processing.
#[derive(Debug)]
pub enum ErreurParallele {
    /// Reading the input failed.
    Lecture(io::Error),
    /// Writing the output failed.
    Ecriture(io::Error),
    /// The file is unusable (header).
    Lot(ErreurLot),
}

/// A piece for a thread: the bytes the coordinator kept, then the start of the chunk it came
/// with (moved, not copied).
type Tache = (Piece, Vec<u8>);

/// Processes `entree` into `sortie` with `fils` threads, leaving the last line (without final
/// newline) in `lot` for [`LotFoyers::terminer`].
///
/// # Errors
/// [`ErreurParallele`]: reading, writing, or an unusable header.
pub fn traiter_en_parallele(
    lot: &mut LotFoyers,
    entree: &mut dyn Read,
    sortie: &mut dyn Write,
    fils: usize,
) -> Result<(), ErreurParallele> {
    let fils = fils.max(1);
    lot.pieces_de(MORCEAU);
    let mut tour: Vec<Tache> = Vec::with_capacity(fils);
    let mut lignes = Vec::new();
    loop {
        let mut morceau = Vec::with_capacity(MORCEAU);
        let lu = (&mut *entree).take(MORCEAU as u64).read_to_end(&mut morceau).map_err(ErreurParallele::Lecture)?;
        let fin = lu == 0;
        lignes.clear();
        if fils == 1 {
            // One thread: the chunk read here, with no pieces to hand out.
            lot.traiter(&morceau, &mut lignes).map_err(ErreurParallele::Lot)?;
            sortie.write_all(&lignes).map_err(ErreurParallele::Ecriture)?;
            if fin {
                return Ok(());
            }
            continue;
        }
        let piece = lot.repartir(&morceau, &mut lignes, fin).map_err(ErreurParallele::Lot)?;
        if !lignes.is_empty() {
            // Rows read by the coordinator come after the pieces handed out before them.
            calculer_tour(lot, &mut tour, sortie)?;
            sortie.write_all(&lignes).map_err(ErreurParallele::Ecriture)?;
        }
        if let Some(piece) = piece {
            morceau.truncate(piece.fin);
            tour.push((piece, morceau));
        }
        if tour.len() == fils || fin {
            calculer_tour(lot, &mut tour, sortie)?;
        }
        if fin {
            return Ok(());
        }
    }
}

/// One round: each piece on a thread of its own, the rows written and the counts merged in
/// order.
fn calculer_tour(lot: &mut LotFoyers, tour: &mut Vec<Tache>, sortie: &mut dyn Write) -> Result<(), ErreurParallele> {
    let taches = std::mem::take(tour);
    let resultats: Vec<Result<(LotFoyers, Vec<u8>), ErreurLot>> = std::thread::scope(|portee| {
        let lot = &*lot;
        let fils: Vec<_> =
            taches.iter().map(|(piece, tete)| portee.spawn(move || calculer_piece(lot, piece, tete))).collect();
        fils.into_iter().filter_map(|f| f.join().ok()).collect()
    });
    if resultats.len() != taches.len() {
        return Err(ErreurParallele::Ecriture(io::Error::other("un fil de calcul s'est arrêté")));
    }
    for r in resultats {
        let (f, texte) = r.map_err(ErreurParallele::Lot)?;
        sortie.write_all(&texte).map_err(ErreurParallele::Ecriture)?;
        lot.fusionner(f);
    }
    Ok(())
}

/// A piece computed as a worker computes it: a processor from the header and the piece's first
/// line number, then its two parts.
fn calculer_piece(lot: &LotFoyers, piece: &Piece, tete: &[u8]) -> Result<(LotFoyers, Vec<u8>), ErreurLot> {
    let mut f = LotFoyers::pour_piece(lot.entete_lue(), piece.ligne, lot.points.is_some())?;
    let mut texte = Vec::with_capacity(super::capacite_sortie(piece.debut.len() + tete.len()));
    f.traiter(&piece.debut, &mut texte)?;
    f.traiter(tete, &mut texte)?;
    Ok((f, texte))
}
