//! A deterministic household file for benchmarks and tests.

use super::foyers::COLONNES;
use super::nombres::{ecrire_decimal, ecrire_entier};

/// A deterministic household file of `n` foyers (for benchmarks and tests): a small linear
/// congruential generator, so the same seed gives the same file everywhere.
pub fn generer(n: u64, graine: u64, sortie: &mut String) {
    sortie.push_str(&COLONNES.join(";"));
    sortie.push('\n');
    generer_lignes(0, n, graine, sortie);
}

/// Lines `debut + 1 ..= debut + n` of [`generer`]'s file without its header (to write a large
/// file in pieces; each piece is seeded by `graine` and `debut`).
pub fn generer_lignes(debut: u64, n: u64, graine: u64, sortie: &mut String) {
    let mut x =
        graine.wrapping_add(debut).wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
    let mut suivant = |borne: u64| {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (x >> 33) % borne.max(1)
    };
    for i in debut..debut + n {
        sortie.push('F');
        ecrire_entier(sortie, i as i64 + 1);
        sortie.push(';');
        ecrire_entier(sortie, 2014 + suivant(10) as i64);
        sortie.push(';');
        sortie.push('A');
        ecrire_entier(sortie, 18 + suivant(60) as i64);
        if suivant(2) == 0 {
            sortie.push_str("|C");
            ecrire_entier(sortie, 18 + suivant(60) as i64);
        }
        for _ in 0..suivant(4) {
            sortie.push_str("|E");
            ecrire_entier(sortie, suivant(21) as i64);
        }
        sortie.push(';');
        ecrire_entier(sortie, suivant(60_000) as i64);
        sortie.push(';');
        let prestations = suivant(1_500) as i64;
        ecrire_decimal(sortie, prestations * 100 + suivant(100) as i64, 2);
        sortie.push(';');
        if suivant(3) == 0 {
            ecrire_entier(sortie, suivant(prestations as u64 + 1) as i64);
            sortie.push(';');
            ecrire_entier(sortie, 300 + suivant(700) as i64);
        } else {
            sortie.push(';');
        }
        sortie.push('\n');
    }
}
