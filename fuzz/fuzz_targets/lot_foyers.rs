//! Any bytes as a household CSV, cut into chunks at any place: no panic, and the result does
//! not depend on the cut, nor on sharing the file among workers (pieces, counts as bytes).
#![no_main]

use indicateurs_caf::lot::{en_texte, seuils_population, traiter_tout, LotFoyers, Ponderation};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|donnees: &[u8]| {
    let Some((&taille, contenu)) = donnees.split_first() else { return };
    let entier = traiter_tout(contenu);
    let mut lot = LotFoyers::new(true);
    let mut sortie = Vec::new();
    let mut resultat = Ok(());
    for morceau in contenu.chunks(usize::from(taille).max(1)) {
        resultat = resultat.and_then(|()| lot.traiter(morceau, &mut sortie));
    }
    let resultat = resultat.and_then(|()| lot.terminer(&mut sortie));
    match (&entier, resultat) {
        (Ok(a), Ok(())) => assert_eq!(*a, en_texte(sortie)),
        (Err(a), Err(b)) => assert_eq!(*a, b),
        (a, b) => panic!("découpage : {a:?} contre {b:?}"),
    }
    let mut points = lot.points().to_vec();
    let _ = seuils_population(&mut points, Ponderation::Personnes);
    repartition(contenu, usize::from(taille).max(1), &entier);
});

/// The same file shared among workers: the rows in the pieces' order are the sequential ones.
fn repartition(contenu: &[u8], taille: usize, entier: &Result<String, indicateurs_caf::lot::ErreurLot>) {
    let mut coordinateur = LotFoyers::new(true);
    coordinateur.pieces_de(taille * 3);
    let mut sortie = Vec::new();
    let mut resultat = Ok(());
    let morceaux: Vec<&[u8]> = contenu.chunks(taille).collect();
    for (k, m) in morceaux.iter().copied().chain([&b""[..]]).enumerate() {
        let piece = match coordinateur.repartir(m, &mut sortie, k == morceaux.len()) {
            Ok(p) => p,
            Err(e) => {
                resultat = Err(e);
                break;
            }
        };
        if let Some(p) = piece {
            let mut fil = LotFoyers::pour_piece(coordinateur.entete_lue(), p.ligne, true).expect("en-tête lu");
            fil.traiter(&p.debut, &mut sortie).expect("pièce");
            fil.traiter(&m[..p.fin], &mut sortie).expect("pièce");
            coordinateur.fusionner_etat(&fil.etat()).expect("état");
        }
    }
    let resultat = resultat.and_then(|()| coordinateur.terminer(&mut sortie));
    match (entier, resultat) {
        (Ok(a), Ok(())) => assert_eq!(*a, en_texte(sortie)),
        (Err(_), Err(_)) => {}
        (a, b) => panic!("répartition : {a:?} contre {b:?}"),
    }
}
