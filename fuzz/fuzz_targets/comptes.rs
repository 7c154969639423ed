//! Any bytes as a counts file (UTF-8 or Windows-1252): no panic; every row is read or listed in
//! error, and the CSV of the diagnostics has one line per row.
#![no_main]

use indicateurs_caf::lot::{comptes_csv, lire_comptes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|donnees: &[u8]| {
    let Ok(c) = lire_comptes(donnees) else { return };
    let _ = c.resume();
    for (code, ligne) in &c.codes_en_erreur {
        assert!(c.erreurs.iter().any(|e| e.ligne == *ligne), "code {code} d'une ligne en erreur inconnue");
    }
    // Every row read is diagnosed for the CSV (≈ 1 ms a row under the sanitizer): small files
    // only, so that a run tries many files rather than a few long ones.
    if c.lignes.len() > 16 {
        return;
    }
    let csv = comptes_csv(&c);
    let enregistrements = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.as_bytes())
        .into_byte_records()
        .count();
    assert_eq!(enregistrements, 1 + c.lignes.len() + c.erreurs.len(), "une ligne par territoire lu ou en erreur");
});
