//! Any bytes as a household CSV, cut into chunks at any place: no panic, and the result does
//! not depend on the cut.
#![no_main]

use indicateurs_caf::lot::{seuils_population, traiter_tout, LotFoyers, Ponderation};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|donnees: &[u8]| {
    let Some((&taille, contenu)) = donnees.split_first() else { return };
    let entier = traiter_tout(contenu);
    let mut lot = LotFoyers::new(true);
    let mut sortie = String::new();
    let mut resultat = Ok(());
    for morceau in contenu.chunks(usize::from(taille).max(1)) {
        resultat = resultat.and_then(|()| lot.traiter(morceau, &mut sortie));
    }
    let resultat = resultat.and_then(|()| lot.terminer(&mut sortie));
    match (entier, resultat) {
        (Ok(a), Ok(())) => assert_eq!(a, sortie),
        (Err(a), Err(b)) => assert_eq!(a, b),
        (a, b) => panic!("découpage : {a:?} contre {b:?}"),
    }
    let mut points = lot.points().to_vec();
    let _ = seuils_population(&mut points, Ponderation::Personnes);
});
