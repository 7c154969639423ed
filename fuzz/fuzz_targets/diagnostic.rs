//! Any bytes as a territory and its reference (two JSON documents separated by a 0xFF byte):
//! no panic; blank cells are null, never NaN.
#![no_main]

use indicateurs_caf::valeur::Valeur;
use indicateurs_caf::contrat::{calculer_diagnostic_valeur, diagnostic_csv_valeur};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|donnees: &[u8]| {
    let mut parts = donnees.splitn(3, |&b| b == 0xff);
    let (Some(t), Some(r)) = (parts.next(), parts.next()) else { return };
    let o = parts.next().unwrap_or(b"null");
    let lire = |b: &[u8]| serde_json::from_slice::<Valeur>(b).ok();
    let (Some(t), Some(r), Some(o)) = (lire(t), lire(r), lire(o)) else { return };
    if let Ok(d) = calculer_diagnostic_valeur(&t, &r, &o) {
        for s in &d.sections {
            for l in &s.lignes {
                assert!(l.territoire.valeur.is_none_or(f64::is_finite));
                assert!(!l.territoire.affiche.contains("NaN"));
            }
        }
        assert!(d.radar.starts_with("<svg") && !d.radar.contains("NaN"));
        let _ = diagnostic_csv_valeur(&t, &r, &o);
    }
});
