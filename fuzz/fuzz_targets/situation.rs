//! Any bytes as a situation (JSON → the input tree → validation → calculation): no panic, and
//! every number of the result finite.
#![no_main]

use indicateurs_caf::valeur::Valeur;
use indicateurs_caf::contrat::calculer_foyer_valeur;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|donnees: &[u8]| {
    let Ok(v) = serde_json::from_slice::<Valeur>(donnees) else { return };
    if let Ok(r) = calculer_foyer_valeur(&v) {
        assert!(r.uc >= 1.0 && r.ruc.is_finite() && r.ruc >= 0.0 && r.quotient_familial.is_finite());
        assert!(r.figures.iter().all(|f| !f.affiche.contains("NaN")));
    }
});
