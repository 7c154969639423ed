//! Native only: the household file on every core. The input is read in rounds of one piece per
//! thread; each piece starts and ends at a line boundary, goes to a [`LotFoyers::fourche`] that
//! knows its first line number, and the results are written and merged back in input order, so
//! the output is byte for byte the sequential one. Memory stays bounded by the round size.

use std::io::{self, Read, Write};

use super::foyers::{ErreurLot, LotFoyers};
use super::repartition::coupure;

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

/// Splits a run of complete lines into at most `n` pieces at line boundaries.
fn pieces(octets: &[u8], n: usize) -> Vec<&[u8]> {
    let mut v = Vec::with_capacity(n);
    let mut reste = octets;
    for k in (1..=n).rev() {
        if k == 1 || reste.is_empty() {
            break;
        }
        let cible = reste.len() / k;
        match coupure(reste, cible.max(1), true) {
            Some(c) if c > 0 && c < reste.len() => {
                v.push(&reste[..c]);
                reste = &reste[c..];
            }
            _ => break,
        }
    }
    if !reste.is_empty() {
        v.push(reste);
    }
    v
}

/// Processes `entree` into `sortie` with `fils` threads, leaving the last line (without final
/// newline) in `lot` for [`LotFoyers::terminer`]. The header, and any stretch where `lot` is in
/// the middle of a line, go through `lot` itself.
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
    let mut tampon: Vec<u8> = Vec::with_capacity(MORCEAU * fils + MORCEAU);
    let mut texte = Vec::new();
    loop {
        let cible = (MORCEAU * fils).max(tampon.len() + MORCEAU);
        let lu = remplir(entree, &mut tampon, cible).map_err(ErreurParallele::Lecture)?;
        let fin = lu == 0;
        let coupe = if fin { tampon.len() } else { coupure(&tampon, tampon.len(), false).unwrap_or(0) };
        if !lot.entre_deux_lignes() || fils == 1 || coupe == 0 {
            // Header, a line longer than a round, or one thread: the sequential reader, up to
            // the last complete line, so that the next round starts between two lines.
            let jusqua = if coupe > 0 { coupe } else { tampon.len() };
            texte.clear();
            lot.traiter(&tampon[..jusqua], &mut texte).map_err(ErreurParallele::Lot)?;
            lot.octet_suivant(tampon.get(jusqua).copied());
            sortie.write_all(&texte).map_err(ErreurParallele::Ecriture)?;
            tampon.drain(..jusqua);
        } else {
            let complet = if fin { coupure(&tampon, tampon.len(), true).unwrap_or(0) } else { coupe };
            en_parallele(lot, &tampon[..complet], sortie, fils)?;
            tampon.drain(..complet);
        }
        if fin {
            // What is left is the last line without its newline: it stays in `lot` for `terminer`.
            texte.clear();
            lot.traiter(&tampon, &mut texte).map_err(ErreurParallele::Lot)?;
            sortie.write_all(&texte).map_err(ErreurParallele::Ecriture)?;
            return Ok(());
        }
    }
}

/// Reads until `tampon` holds `cible` bytes or the input ends; returns the bytes read (0: end).
fn remplir(entree: &mut dyn Read, tampon: &mut Vec<u8>, cible: usize) -> io::Result<usize> {
    let debut = tampon.len();
    while tampon.len() < cible {
        let avant = tampon.len();
        tampon.resize(cible, 0);
        match entree.read(&mut tampon[avant..]) {
            Ok(0) => {
                tampon.truncate(avant);
                break;
            }
            Ok(n) => tampon.truncate(avant + n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => tampon.truncate(avant),
            Err(e) => {
                tampon.truncate(avant);
                return Err(e);
            }
        }
    }
    Ok(tampon.len() - debut)
}

/// One round: complete lines cut in pieces, processed on threads, written and merged in order.
fn en_parallele(
    lot: &mut LotFoyers,
    octets: &[u8],
    sortie: &mut dyn Write,
    fils: usize,
) -> Result<(), ErreurParallele> {
    let morceaux = pieces(octets, fils);
    let fourches: Vec<LotFoyers> = morceaux.iter().map(|m| lot.fourche(m)).collect();
    let resultats: Vec<(LotFoyers, Result<Vec<u8>, ErreurLot>)> = std::thread::scope(|portee| {
        let taches: Vec<_> = fourches
            .into_iter()
            .zip(&morceaux)
            .map(|(mut f, m)| {
                portee.spawn(move || {
                    let mut texte = Vec::with_capacity(super::capacite_sortie(m.len()));
                    let r = f.traiter(m, &mut texte).map(|()| texte);
                    (f, r)
                })
            })
            .collect();
        taches.into_iter().filter_map(|t| t.join().ok()).collect()
    });
    if resultats.len() != morceaux.len() {
        return Err(ErreurParallele::Ecriture(io::Error::other("un fil de calcul s'est arrêté")));
    }
    for (f, r) in resultats {
        let texte = r.map_err(ErreurParallele::Lot)?;
        sortie.write_all(&texte).map_err(ErreurParallele::Ecriture)?;
        lot.fusionner(f);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_aux_fins_de_ligne() {
        let p = pieces(b"l1\nl2\nl3\nl4\n", 3);
        assert_eq!(p.concat(), b"l1\nl2\nl3\nl4\n");
        assert!(p.len() <= 3 && p.iter().all(|x| x.ends_with(b"\n")));
    }
}
