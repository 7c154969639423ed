//! Any bytes as an IRIS file (and the same bytes as a population file): no panic.
#![no_main]

use indicateurs_caf::import::{importer, Fichier};
use indicateurs_caf::lot::territoires_csv;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|donnees: &[u8]| {
    let fichiers = [
        Fichier { nom: "data_CAF_2020_IRIS.csv", contenu: donnees, annee: None },
        Fichier { nom: "donnees_communes.csv", contenu: donnees, annee: None },
    ];
    if let Ok(i) = importer(&fichiers[..1]) {
        let _ = territoires_csv(&i);
    }
    let _ = importer(&fichiers);
});
