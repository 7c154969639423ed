//! Property tests of the invariants (native): exact rounding, shares within [0, 100], sentences
//! that follow the displayed values, household statuses consistent with the thresholds.

#![cfg(not(target_arch = "wasm32"))]

mod commun;

use indicateurs_caf::contrat::calculer_diagnostic_valeur;
use indicateurs_caf::foyer::{Personne, Role, Saisie, Situation};
use indicateurs_caf::nombre::Ratio;
use indicateurs_caf::valeur::Valeur;
use proptest::prelude::*;
use serde_json::{json, Value};

/// Reads back a French display ("51,2 %", "1 234,5") as a scaled integer at `decimales`.
fn relire(affiche: &str, decimales: u32) -> i128 {
    let propre: String = affiche.chars().filter(|c| c.is_ascii_digit() || *c == '-' || *c == ',').collect();
    let (e, f) = propre.split_once(',').unwrap_or((&propre, ""));
    assert_eq!(f.len() as u32, decimales, "« {affiche} »");
    format!("{e}{f}").parse().unwrap()
}

fn diagnostic(t: Value, r: Value) -> Value {
    let v = |x: Value| serde_json::from_value::<Valeur>(x).unwrap();
    serde_json::to_value(calculer_diagnostic_valeur(&v(t), &v(r), &Valeur::Nul).unwrap()).unwrap()
}

fn ligne<'a>(d: &'a Value, id: &str) -> &'a Value {
    d["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["lignes"].as_array().unwrap())
        .find(|l| l["id"] == id)
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The rounded value is the nearest step, ties away from zero: never off by one step.
    #[test]
    fn arrondi_au_plus_proche_moitie_loin_de_zero(num in -10_000_000_000i128..10_000_000_000, den in 1i128..10_000_000, d in 0u32..4) {
        let r = Ratio::new(num, den).unwrap();
        let q = r.arrondi(d).unwrap();
        let p = 10i128.pow(d);
        // |q/p − num/den| ≤ 1/(2p)  ⇔  |q·den − num·p| · 2 ≤ den
        let ecart = (q * den - num * p).abs();
        prop_assert!(ecart * 2 <= den, "{num}/{den} à {d} décimales : {q}");
        if ecart * 2 == den {
            // A tie goes away from zero.
            prop_assert!(q.abs() * den >= (num * p).abs(), "égalité {num}/{den} → {q}");
        }
    }

    /// Shares computed from counts with numerator ≤ denominator stay in [0, 100], and what is
    /// displayed is their exact rounding.
    #[test]
    fn parts_dans_0_100(allocataires in 1i64..5_000_000, a in 0u32..=1000, b in 0u32..=1000) {
        let monoparentales = allocataires * i64::from(a) / 1000;
        let couples = (allocataires - monoparentales) * i64::from(b) / 1000;
        let d = diagnostic(
            json!({"nom": "T", "annee": 2020, "valeurs": {"allocataires": allocataires, "famillesMonoparentales": monoparentales, "couplesAvecEnfants": couples}}),
            json!({"nom": "Somme", "annee": 2020, "valeurs": {}}),
        );
        for (id, num) in [("partFamillesMonoparentales", monoparentales), ("partCouplesAvecEnfants", couples), ("partFamillesAllocataires", monoparentales + couples)] {
            let l = ligne(&d, id);
            let v = l["valeur"].as_f64().unwrap();
            prop_assert!((0.0..=100.0).contains(&v), "{id} = {v}");
            let attendu = Ratio::new(i128::from(num) * 100, i128::from(allocataires)).unwrap().arrondi(1).unwrap();
            prop_assert_eq!(relire(l["affiche"].as_str().unwrap(), 1), attendu);
        }
    }

    /// Every comparison clause says what the displayed values say.
    #[test]
    fn phrases_dans_le_sens_des_valeurs(t in proptest::collection::vec(0u32..1000, 3), r in proptest::collection::vec(0u32..1000, 3)) {
        let ids = ["partFamillesMonoparentales", "partFamilles1Enfant", "partFamilles2Enfants"];
        let fragments = ["la part des familles monoparentales", "la part des familles avec un enfant", "la part des familles avec deux enfants"];
        let valeurs = |v: &[u32]| {
            let mut m = serde_json::Map::new();
            for (id, x) in ids.iter().zip(v) {
                m.insert(id.to_string(), json!(f64::from(*x) / 10.0));
            }
            json!({"nom": "Oise", "annee": 2020, "valeurs": m})
        };
        let d = diagnostic(valeurs(&t), valeurs(&r));
        let phrase = commun::espaces(d["sections"][2]["phrases"].as_array().unwrap().last().unwrap().as_str().unwrap());
        prop_assert!(phrase.starts_with("Comparées à l'Oise, "), "{}", phrase);
        for (id, fragment) in ids.iter().zip(fragments) {
            let l = ligne(&d, id);
            let (a, b) = (relire(l["affiche"].as_str().unwrap(), 1), relire(l["reference"]["affiche"].as_str().unwrap(), 1));
            let mot = match a.cmp(&b) {
                std::cmp::Ordering::Greater => "est plus forte",
                std::cmp::Ordering::Less => "est plus faible",
                std::cmp::Ordering::Equal => "est identique",
            };
            prop_assert!(phrase.contains(&format!("{fragment} {mot}")), "{} vs {} : {}", a, b, phrase);
        }
    }

    /// Household invariants: UC ≥ 1 and growing with each member; RUC monotone in income;
    /// bas revenus ⇒ not fragile; fragile ⇒ RUC hors prestations < seuil ≤ RUC.
    #[test]
    fn invariants_du_foyer(ages in proptest::collection::vec(0u8..=120, 0..8), conjoint in any::<bool>(), revenus in -100_000i64..200_000, prestations in 0i64..5_000, annee in 2000i32..2100) {
        let mut personnes = vec![Personne::new(Role::Allocataire, 40)];
        if conjoint {
            personnes.push(Personne::new(Role::Conjoint, 38));
        }
        // An enfant is at most 20; older members of the foyer are « autres personnes à charge ».
        personnes.extend(ages.iter().map(|&a| Personne::new(if a <= 20 { Role::Enfant } else { Role::Autre }, a)));
        let s = |personnes: Vec<Personne>, revenus: i64| Situation::new(Saisie {
            annee, personnes, revenus_annuels_centimes: revenus * 100, prestations_centimes: prestations * 100, ..Saisie::default()
        }).unwrap().calculer().unwrap();
        let r = s(personnes.clone(), revenus);
        prop_assert!(r.uc_dixiemes >= 10);
        let mut plus = personnes.clone();
        plus.push(Personne::new(Role::Autre, 30));
        prop_assert!(s(plus, revenus).uc_dixiemes > r.uc_dixiemes);
        let riche = s(personnes.clone(), revenus + 1_000);
        prop_assert!(riche.ruc.compare(r.ruc).unwrap().is_ge());
        prop_assert!(r.ruc.signe() >= 0);
        let seuil = Ratio::centimes(r.seuil.centimes);
        if r.bas_revenus == Some(true) {
            prop_assert_eq!(r.fragile, Some(false));
            prop_assert!(r.ruc.compare(seuil).unwrap().is_lt());
        }
        if r.fragile == Some(true) {
            prop_assert!(r.ruc_hors_prestations.compare(seuil).unwrap().is_lt());
            prop_assert!(seuil.compare(r.ruc).unwrap().is_le());
        }
        for f in &r.figures {
            prop_assert!(!f.affiche.contains("NaN") && !f.explication.contains("NaN"));
        }
    }
}

/// Every comparison clause of every section follows the displayed values, whatever the values.
fn territoire_aleatoire(valeurs: &[u32], nom: &str) -> Value {
    use indicateurs_caf::catalogue::{Modele, SECTIONS};
    let mut m = serde_json::Map::new();
    let mut i = 0;
    for s in SECTIONS {
        for modele in s.phrases {
            if let Modele::Comparaisons { clauses, .. } = modele {
                for (id, _, _) in *clauses {
                    let v = valeurs.get(i % valeurs.len()).copied().unwrap_or(0);
                    // Shares to one decimal; other indicators (potentiel, capacité) likewise; an
                    // amount in whole euros of at least 1 (zero euros displays « - € »).
                    let euros = indicateurs_caf::catalogue::indicateur(id)
                        .is_some_and(|i| i.unite == indicateurs_caf::catalogue::Unite::Euros);
                    m.insert(id.to_string(), if euros { json!(v + 1) } else { json!(f64::from(v) / 10.0) });
                    i += 1;
                }
            }
        }
    }
    json!({"nom": nom, "annee": 2020, "valeurs": m})
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn toutes_les_comparaisons_suivent_les_valeurs_affichees(t in proptest::collection::vec(0u32..500, 20), r in proptest::collection::vec(0u32..500, 20)) {
        use indicateurs_caf::catalogue::{Modele, SECTIONS};
        let d = diagnostic(territoire_aleatoire(&t, "T"), territoire_aleatoire(&r, "Somme"));
        for (s, calculee) in SECTIONS.iter().zip(d["sections"].as_array().unwrap()) {
            let phrases: Vec<String> = calculee["phrases"].as_array().unwrap().iter().map(|p| commun::espaces(p.as_str().unwrap())).collect();
            for modele in s.phrases {
                let Modele::Comparaisons { clauses, .. } = modele else { continue };
                for (id, fragment, mots) in *clauses {
                    let l = ligne(&d, id);
                    let ind = indicateurs_caf::catalogue::indicateur(id).unwrap();
                    let (a, b) = (relire(l["affiche"].as_str().unwrap(), ind.precision), relire(l["reference"]["affiche"].as_str().unwrap(), ind.precision));
                    let mot = match a.cmp(&b) {
                        std::cmp::Ordering::Greater => mots.plus,
                        std::cmp::Ordering::Less => mots.moins,
                        std::cmp::Ordering::Equal => mots.egal,
                    }.replace("{ref}", "de la Somme");
                    let attendu = format!("{fragment} {mot}");
                    prop_assert!(phrases.iter().any(|p| p.to_lowercase().contains(&attendu.to_lowercase())), "{} : « {} » absent de {:?}", id, attendu, phrases);
                }
            }
        }
    }

    /// Rounding against a big-integer reference (num-bigint), far beyond the magnitudes of real
    /// inputs: q = (2·|num|·10^d + den) / (2·den), with the sign of num.
    #[test]
    fn arrondi_contre_grands_entiers(num in -(10i128.pow(30))..10i128.pow(30), den in 1i128..10i128.pow(12), d in 0u32..6) {
        use num_bigint::BigInt;
        let r = Ratio::new(num, den).unwrap();
        let Some(q) = r.arrondi(d) else { return Ok(()) };
        let n = BigInt::from(num) * BigInt::from(10).pow(d);
        let deux = BigInt::from(2);
        let abs = if n < BigInt::from(0) { -n.clone() } else { n.clone() };
        let mut attendu = (&deux * abs + BigInt::from(den)) / (&deux * BigInt::from(den));
        if n < BigInt::from(0) {
            attendu = -attendu;
        }
        prop_assert_eq!(BigInt::from(q), attendu, "{}/{} à {} décimales", num, den, d);
    }

    /// Sums and products are exact and reduced, against big integers, with terms on both sides
    /// of 64 bits (where the gcd and the exact divisions switch between 64- and 128-bit
    /// arithmetic), and whole numbers (denominator 1: no gcd at all).
    #[test]
    fn somme_et_produit_exacts_autour_de_64_bits(
        a in prop_oneof![-1_000_000i128..1_000_000, -(1i128 << 66)..(1i128 << 66)],
        b in prop_oneof![Just(1i128), 1i128..1_000_000, 1i128..(1i128 << 65)],
        c in prop_oneof![-1_000_000i128..1_000_000, -(1i128 << 66)..(1i128 << 66)],
        d in prop_oneof![Just(1i128), 1i128..1_000_000, 1i128..(1i128 << 65)],
    ) {
        use num_bigint::BigInt;
        let (x, y) = (Ratio::new(a, b).unwrap(), Ratio::new(c, d).unwrap());
        let reduit = |r: Ratio| {
            let (mut p, mut q) = (BigInt::from(r.num()), BigInt::from(r.den()));
            if p < BigInt::from(0) { p = -p; }
            while q != BigInt::from(0) { let t = &p % &q; p = q; q = t; }
            r.den() > 0 && (p == BigInt::from(1) || r.num() == 0)
        };
        let big = BigInt::from;
        if let Some(s) = x.plus(y) {
            prop_assert!(reduit(s), "{:?}", s);
            prop_assert_eq!(big(s.num()) * big(b) * big(d), (big(a) * big(d) + big(c) * big(b)) * big(s.den()));
        }
        if let Some(p) = x.fois(y) {
            prop_assert!(reduit(p), "{:?}", p);
            prop_assert_eq!(big(p.num()) * big(b) * big(d), big(a) * big(c) * big(p.den()));
        }
    }

    /// RUC is monotone in benefits too.
    #[test]
    fn ruc_monotone_en_prestations(revenus in 0i64..100_000, prestations in 0i64..3_000, plus in 1i64..1_000) {
        let s = |p: i64| Situation::new(Saisie {
            annee: 2020, personnes: vec![Personne::new(Role::Allocataire, 40), Personne::new(Role::Enfant, 8)],
            revenus_annuels_centimes: revenus * 100, prestations_centimes: p * 100, ..Saisie::default()
        }).unwrap().calculer().unwrap();
        prop_assert!(s(prestations + plus).ruc.compare(s(prestations).ruc).unwrap().is_gt());
    }
}

/// The French display of `centimes` with a decimal comma and no grouping: "1166,25".
fn virgule(centimes: i64) -> String {
    format!("{},{:02}", centimes / 100, centimes % 100)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    /// An amount typed with three digits after a single `.` or `,` (`12.000`, `1,500`) is
    /// ambiguous: it never yields a figure, in the calculator nor in the batch.
    #[test]
    fn trois_decimales_jamais_un_chiffre(entiere in 1u32..1000, fraction in 0u32..1000, point in any::<bool>(), champ in 0usize..2) {
        let texte = format!("{entiere}{}{fraction:03}", if point { '.' } else { ',' });
        let mut s = json!({"annee": 2017, "personnes": [{"role": "allocataire", "age": 30}], "revenusAnnuels": "1000", "prestationsMensuelles": "0"});
        let cle = ["revenusAnnuels", "prestationsMensuelles"][champ];
        s[cle] = json!(texte);
        let v: Valeur = serde_json::from_value(s).unwrap();
        let erreur = indicateurs_caf::contrat::calculer_foyer_valeur(&v).unwrap_err();
        prop_assert_eq!(erreur.champ.as_str(), cle);
        prop_assert!(erreur.message.contains("ambigu"), "{}", erreur.message);
        let fichier = format!("id;annee;personnes;revenus_annuels;prestations_mensuelles\nx;2017;A30;{};{}\n",
            if champ == 0 { texte.as_str() } else { "1000" }, if champ == 1 { texte.as_str() } else { "0" });
        let sortie = indicateurs_caf::lot::traiter_tout(fichier.as_bytes()).unwrap();
        let ligne: Vec<&str> = sortie.lines().nth(1).unwrap().split(';').collect();
        prop_assert_eq!(ligne[3], "", "aucun chiffre : {}", sortie);
        prop_assert!(ligne[16].contains("ambigu"), "{}", sortie);
    }

    /// In a comma-separated batch file, a decimal comma either sits in a quoted cell (and is
    /// read) or splits the line (and the line is an error): the columns never shift silently.
    #[test]
    fn virgules_jamais_de_decalage_silencieux(
        revenus in 0i64..5_000_000, prestations in 0i64..300_000, cite_r in any::<bool>(), cite_p in any::<bool>(),
    ) {
        let cellule = |c: i64, cite: bool| if cite { format!("\"{}\"", virgule(c)) } else { virgule(c) };
        let fichier = format!("id,annee,personnes,revenus_annuels,prestations_mensuelles\nx,2017,A30|E4,{},{}\n",
            cellule(revenus, cite_r), cellule(prestations, cite_p));
        let sortie = indicateurs_caf::lot::traiter_tout(fichier.as_bytes()).unwrap();
        let ligne: Vec<&str> = sortie.lines().nth(1).unwrap().split(';').collect();
        if cite_r && cite_p {
            let attendu = json!({"annee": 2017, "personnes": [{"role": "allocataire", "age": 30}, {"role": "enfant", "age": 4}],
                "revenusAnnuels": virgule(revenus), "prestationsMensuelles": virgule(prestations)});
            let r = indicateurs_caf::contrat::calculer_foyer_valeur(&serde_json::from_value(attendu).unwrap()).unwrap();
            let affiche = &r.figures.iter().find(|f| f.id == "ruc").unwrap().affiche;
            let ruc: String = affiche.chars().filter(|c| c.is_ascii_digit() || *c == ',').collect();
            prop_assert_eq!(ligne[5], ruc.as_str(), "{}", sortie);
        } else {
            prop_assert_eq!(ligne[15], "ligne", "{}", sortie);
            prop_assert_eq!(ligne[3], "");
        }
    }
}

/// Keys of the model below (any `&'static str` will do; `Valeurs` keeps them in key order).
const CLES_MODELE: [&str; 6] = ["allocataires", "habitants", "a", "zz", "partAlParcPublic", "b"];

proptest! {
    /// `diagnostic::Valeurs` (a sorted vector) behaves as the `BTreeMap` it replaced, whatever the
    /// order of the insertions and removals: same values, same length, same key order; a key the
    /// catalogue does not know (`a`, `zz`, `b`) is never kept.
    #[test]
    fn valeurs_comme_une_table_triee(ops in prop::collection::vec((0usize..6, -50i128..50, any::<bool>()), 0..40)) {
        use indicateurs_caf::diagnostic::Valeurs;
        use std::collections::BTreeMap;
        let (mut v, mut modele) = (Valeurs::new(), BTreeMap::new());
        for (i, n, retirer) in ops {
            let cle = CLES_MODELE[i];
            if retirer {
                prop_assert_eq!(v.remove(cle), modele.remove(cle));
            } else {
                let connue = indicateurs_caf::catalogue::cles_connues().contains(&cle);
                let avant = if connue { modele.insert(cle, Ratio::entier(n)) } else { None };
                prop_assert_eq!(v.insert(cle, Ratio::entier(n)), avant);
            }
            prop_assert_eq!(v.len(), modele.len());
        }
        for cle in CLES_MODELE {
            prop_assert_eq!(v.get(cle), modele.get(cle));
            prop_assert_eq!(v.contains_key(cle), modele.contains_key(cle));
        }
        let ordre: Vec<_> = v.iter().map(|(k, r)| (k, *r)).collect();
        let attendu: Vec<_> = modele.iter().map(|(k, r)| (*k, *r)).collect();
        prop_assert_eq!(ordre, attendu);
        let refaite: Valeurs = modele.clone().into_iter().collect();
        prop_assert_eq!(refaite, v);
    }
}
