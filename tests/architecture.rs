//! The house plan (ARCHITECTURE.md), checked on the sources:
//! - no import cycle between the modules of the crate;
//! - only the binding module names wasm-bindgen, js-sys, web-sys or serde-wasm-bindgen;
//! - no function of the crate (`src/`, the command-line program and the tests inside the
//!   modules included) is longer than 80 lines.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const LIAISON: &str = "wasm";
const LONGUEUR_MAX: usize = 80;

fn fichiers(dossier: &Path, sortie: &mut Vec<PathBuf>) {
    for entree in fs::read_dir(dossier).unwrap() {
        let chemin = entree.unwrap().path();
        if chemin.is_dir() {
            fichiers(&chemin, sortie);
        } else if chemin.extension().is_some_and(|e| e == "rs") {
            sortie.push(chemin);
        }
    }
}

/// Every source of the library (not the command-line program) with its top-level module.
fn sources() -> Vec<(String, PathBuf, String)> {
    let mut tous = Vec::new();
    fichiers(Path::new("src"), &mut tous);
    tous.sort();
    tous.into_iter()
        .filter(|p| !p.starts_with("src/bin") && *p != Path::new("src/lib.rs"))
        .map(|p| {
            let relatif = p.strip_prefix("src").unwrap();
            let premier = relatif.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
            let module = premier.trim_end_matches(".rs").to_string();
            let texte = fs::read_to_string(&p).unwrap();
            (module, p, texte)
        })
        .collect()
}

/// The code of a file without its comments (doc links are not dependencies).
fn code(texte: &str) -> String {
    texte.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

fn dependances() -> BTreeMap<String, BTreeSet<String>> {
    let mut graphe: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, _, texte) in sources() {
        let code = code(&texte);
        let entree = graphe.entry(module.clone()).or_default();
        for (i, _) in code.match_indices("crate::") {
            let nom: String = code[i + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if nom != module && !nom.is_empty() {
                entree.insert(nom);
            }
        }
    }
    graphe
}

/// A cycle through `depart`, if any (depth-first search).
fn cycle(graphe: &BTreeMap<String, BTreeSet<String>>, chemin: &mut Vec<String>, depart: &str) -> Option<Vec<String>> {
    let dernier = chemin.last().cloned().unwrap_or_default();
    for suivant in graphe.get(&dernier).into_iter().flatten() {
        if suivant == depart {
            let mut c = chemin.clone();
            c.push(suivant.clone());
            return Some(c);
        }
        if !chemin.contains(suivant) {
            chemin.push(suivant.clone());
            if let Some(c) = cycle(graphe, chemin, depart) {
                return Some(c);
            }
            chemin.pop();
        }
    }
    None
}

#[test]
fn aucun_cycle_entre_modules() {
    let graphe = dependances();
    assert!(graphe.len() >= 10, "modules trouvés : {:?}", graphe.keys());
    assert!(graphe["lot"].contains("foyer"), "le graphe doit voir les dépendances réelles : {graphe:?}");
    let cycles: Vec<String> =
        graphe.keys().filter_map(|m| cycle(&graphe, &mut vec![m.clone()], m)).map(|c| c.join(" → ")).collect();
    assert!(cycles.is_empty(), "cycles d'import : {cycles:#?}");
    let vers_liaison: Vec<&String> =
        graphe.iter().filter(|(m, d)| *m != LIAISON && d.contains(LIAISON)).map(|(m, _)| m).collect();
    assert!(vers_liaison.is_empty(), "le cœur ne dépend pas de la liaison : {vers_liaison:?}");
}

#[test]
fn seule_la_liaison_nomme_wasm_bindgen() {
    for (module, chemin, texte) in sources() {
        if module == LIAISON {
            continue;
        }
        for interdit in ["wasm_bindgen", "js_sys", "web_sys", "serde_wasm_bindgen"] {
            assert!(!code(&texte).contains(interdit), "{} emploie {interdit}", chemin.display());
        }
    }
}

/// The crate denies unsafe code; the one exception is the SSE2 window of the household batch
/// (`lot/masques.rs`), allowed there and only there.
#[test]
fn unsafe_seulement_dans_les_masques() {
    assert!(fs::read_to_string("src/lib.rs").unwrap().contains("#![deny(unsafe_code)]"));
    let mut fichiers_unsafe: Vec<String> = sources()
        .into_iter()
        .filter(|(_, _, texte)| code(texte).contains("unsafe"))
        .map(|(_, chemin, _)| chemin.display().to_string())
        .collect();
    fichiers_unsafe.extend(
        ["src/bin/indicateurs-caf.rs"]
            .into_iter()
            .filter(|c| code(&fs::read_to_string(c).unwrap()).contains("unsafe"))
            .map(String::from),
    );
    assert_eq!(fichiers_unsafe, ["src/lot/masques.rs"]);
}

/// (name, first line, length) of every function of a rustfmt-formatted file: a function ends
/// at the first line that closes its brace at its own indentation.
fn fonctions(texte: &str) -> Vec<(String, usize, usize)> {
    let lignes: Vec<&str> = texte.lines().collect();
    let mut trouvees = Vec::new();
    for (i, l) in lignes.iter().enumerate() {
        let t = l.trim_start();
        let signature = ["fn ", "pub fn ", "pub(crate) fn ", "pub(super) fn ", "const fn ", "pub const fn "]
            .iter()
            .find_map(|p| t.strip_prefix(p));
        let Some(reste) = signature else { continue };
        let nom: String = reste.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        let retrait = l.len() - t.len();
        let fin = format!("{}}}", " ".repeat(retrait));
        if let Some(j) = lignes[i..].iter().position(|x| *x == fin) {
            trouvees.push((nom, i + 1, j + 1));
        }
    }
    trouvees
}

#[test]
fn fonctions_courtes() {
    let mut tous = Vec::new();
    fichiers(Path::new("src"), &mut tous);
    let mut vues = 0;
    for chemin in tous {
        let texte = fs::read_to_string(&chemin).unwrap();
        for (nom, ligne, longueur) in fonctions(&texte) {
            vues += 1;
            assert!(
                longueur <= LONGUEUR_MAX,
                "{}:{ligne} : {nom} fait {longueur} lignes (au plus {LONGUEUR_MAX})",
                chemin.display()
            );
        }
    }
    assert!(vues > 500, "{vues} fonctions trouvées dans src/");
}

#[test]
fn le_compteur_de_lignes_mesure_juste() {
    let texte = "fn a() {\n    x;\n}\n\n    pub fn b(\n        y: u8,\n    ) {\n        z;\n    }\n";
    assert_eq!(fonctions(texte), vec![("a".to_string(), 1, 3), ("b".to_string(), 5, 5)]);
}
