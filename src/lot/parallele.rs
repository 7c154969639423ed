//! Native only: the household file on every core, cut as for the browser's workers
//! ([`LotFoyers::repartir`]: pieces of whole, numbered lines; the header and any line longer
//! than a piece read by the coordinator). `fils` threads, kept for the whole file, take the
//! pieces as they come ([`LotFoyers::pour_piece`]); the coordinator goes on reading while they
//! compute, and writes the rows and merges the counts back in input order as each piece is
//! done, so the output is byte for byte the sequential one. Memory stays bounded: at most
//! `2 × fils` pieces wait for their turn.

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::sync::{mpsc, Mutex};

use super::foyers::{ErreurLot, LotFoyers};
use super::repartition::Piece;

/// Bytes per piece: small enough to keep memory low, large enough to amortise a message.
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

/// A piece's processor after its lines, and its rows.
type Resultat = Result<(LotFoyers, Vec<u8>), ErreurLot>;

/// A piece for a thread: the bytes the coordinator kept, then the start of the chunk it came
/// with (moved, not copied); the header a processor is made from; where the result goes.
struct Travail {
    piece: Piece,
    tete: Vec<u8>,
    entete: Vec<u8>,
    population: bool,
    reponse: mpsc::SyncSender<Resultat>,
}

/// The output in file order: rows the coordinator wrote itself, or a piece being computed.
enum EnAttente {
    Lignes(Vec<u8>),
    Piece(mpsc::Receiver<Resultat>),
}

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
    if fils <= 1 {
        return sequentiel(lot, entree, sortie);
    }
    lot.pieces_de(MORCEAU);
    let (envoi, recu) = mpsc::channel::<Travail>();
    let recu = Mutex::new(recu);
    let (entrees, sorties) = (Reserve::default(), Reserve::default());
    std::thread::scope(|portee| {
        for _ in 0..fils {
            portee.spawn(|| travailler(&recu, &entrees, &sorties));
        }
        let fait = coordonner(lot, entree, sortie, fils, &envoi, (&entrees, &sorties));
        // No more pieces, whatever the outcome: the threads end, and the scope joins them.
        drop(envoi);
        fait
    })
}

/// One thread: the chunks read and computed here, with no pieces to hand out.
fn sequentiel(lot: &mut LotFoyers, entree: &mut dyn Read, sortie: &mut dyn Write) -> Result<(), ErreurParallele> {
    let (mut morceau, mut lignes) = (Vec::with_capacity(MORCEAU), Vec::new());
    loop {
        morceau = lire(entree, morceau)?;
        lignes.clear();
        lot.traiter(&morceau, &mut lignes).map_err(ErreurParallele::Lot)?;
        sortie.write_all(&lignes).map_err(ErreurParallele::Ecriture)?;
        if morceau.is_empty() {
            return Ok(());
        }
    }
}

/// The next chunk of the input (empty at its end), read into `morceau` (emptied first).
fn lire(entree: &mut dyn Read, mut morceau: Vec<u8>) -> Result<Vec<u8>, ErreurParallele> {
    morceau.clear();
    entree.take(MORCEAU as u64).read_to_end(&mut morceau).map_err(ErreurParallele::Lecture)?;
    Ok(morceau)
}

/// Buffers a reserve keeps: as many as are in use at once (the pieces waiting for their turn,
/// `2 × fils + 1` at most) up to 31 threads; beyond, the extra buffers are simply freed.
const RESERVE_MAX: usize = 64;

/// Buffers given back once used, for the next pieces: the memory of the first pieces serves
/// the whole file, instead of fresh pages (a page fault each) for every piece.
#[derive(Default)]
struct Reserve(Mutex<Vec<Vec<u8>>>);

impl Reserve {
    /// A buffer of `capacite` bytes at least, empty.
    fn prendre(&self, capacite: usize) -> Vec<u8> {
        let mut v = self.0.lock().ok().and_then(|mut r| r.pop()).unwrap_or_default();
        v.clear();
        v.reserve(capacite);
        v
    }

    /// Keeps `v` for a later piece ([`RESERVE_MAX`] buffers at most).
    fn rendre(&self, v: Vec<u8>) {
        if let Ok(mut r) = self.0.lock() {
            if r.len() < RESERVE_MAX {
                r.push(v);
            }
        }
    }
}

/// The coordinator: reads, hands out the pieces, and writes the results in order as they come.
fn coordonner(
    lot: &mut LotFoyers,
    entree: &mut dyn Read,
    sortie: &mut dyn Write,
    fils: usize,
    envoi: &mpsc::Sender<Travail>,
    (entrees, sorties): (&Reserve, &Reserve),
) -> Result<(), ErreurParallele> {
    let mut file = VecDeque::new();
    loop {
        let mut morceau = lire(entree, entrees.prendre(MORCEAU))?;
        let fin = morceau.is_empty();
        let mut lignes = Vec::new();
        let piece = lot.repartir(&morceau, &mut lignes, fin).map_err(ErreurParallele::Lot)?;
        if !lignes.is_empty() {
            // Rows read by the coordinator come after the pieces handed out before them.
            file.push_back(EnAttente::Lignes(lignes));
        }
        if let Some(piece) = piece {
            morceau.truncate(piece.fin);
            let (reponse, attente) = mpsc::sync_channel(1);
            let (entete, population) = (lot.entete_lue().to_vec(), lot.points.is_some());
            envoi.send(Travail { piece, tete: morceau, entete, population, reponse }).map_err(|_| arret())?;
            file.push_back(EnAttente::Piece(attente));
        }
        // What is done goes out now; beyond 2 pieces per thread, the coordinator waits.
        while let Some(premier) = file.pop_front() {
            let attendre = fin || file.len() >= 2 * fils;
            if let Some(premier) = ecrire(lot, premier, sortie, attendre, sorties)? {
                file.push_front(premier);
                break;
            }
        }
        if fin {
            return Ok(());
        }
    }
}

/// Writes `premier` and merges its counts when it is done (or, `attendre`, once it is);
/// gives it back when it is not done yet.
fn ecrire(
    lot: &mut LotFoyers,
    premier: EnAttente,
    sortie: &mut dyn Write,
    attendre: bool,
    sorties: &Reserve,
) -> Result<Option<EnAttente>, ErreurParallele> {
    let texte = match premier {
        EnAttente::Lignes(texte) => texte,
        EnAttente::Piece(attente) => {
            let resultat = if attendre {
                attente.recv().map_err(|_| arret())?
            } else {
                match attente.try_recv() {
                    Ok(r) => r,
                    Err(mpsc::TryRecvError::Empty) => return Ok(Some(EnAttente::Piece(attente))),
                    Err(mpsc::TryRecvError::Disconnected) => return Err(arret()),
                }
            };
            let (f, texte) = resultat.map_err(ErreurParallele::Lot)?;
            lot.fusionner(f);
            texte
        }
    };
    sortie.write_all(&texte).map_err(ErreurParallele::Ecriture)?;
    sorties.rendre(texte);
    Ok(None)
}

/// A computing thread stopped (it cannot: no panic is reachable; said rather than hung).
fn arret() -> ErreurParallele {
    ErreurParallele::Ecriture(io::Error::other("un fil de calcul s'est arrêté"))
}

/// A computing thread: takes pieces until the coordinator has no more.
fn travailler(recu: &Mutex<mpsc::Receiver<Travail>>, entrees: &Reserve, sorties: &Reserve) {
    loop {
        // The lock is held while this thread waits for a piece: the others wait for the lock
        // rather than for the channel, and each piece still goes to one free thread.
        let travail = match recu.lock() {
            Ok(recu) => recu.recv(),
            Err(_) => return,
        };
        let Ok(t) = travail else { return };
        let texte = sorties.prendre(super::capacite_sortie(t.piece.debut.len() + t.tete.len()));
        let resultat = calculer_piece(&t.entete, t.population, &t.piece, &t.tete, texte);
        entrees.rendre(t.tete);
        // The coordinator may have stopped on an error: nobody to tell.
        let _ = t.reponse.send(resultat);
    }
}

/// A piece computed as a worker computes it: a processor from the header and the piece's first
/// line number, then its two parts, their rows in `texte`.
fn calculer_piece(entete: &[u8], population: bool, piece: &Piece, tete: &[u8], mut texte: Vec<u8>) -> Resultat {
    let mut f = LotFoyers::pour_piece(entete, piece.ligne, population)?;
    f.traiter(&piece.debut, &mut texte)?;
    f.traiter(tete, &mut texte)?;
    Ok((f, texte))
}
