//! The project's documents stay true to the code: the tables of `docs/indicateurs.md` between
//! `<!-- genere:NOM -->` marks are produced from the catalogue and the parameters, and this test
//! fails when they differ. `MAJ_DOCS=1 cargo test --test docs` rewrites them.

#![cfg(not(target_arch = "wasm32"))]

use std::fs;

use indicateurs_caf::catalogue::{Formule, Genre, Indicateur, Unite, CLES, INDICATEURS, SECTIONS};
use indicateurs_caf::format::entier;
use indicateurs_caf::parametres::{Statut, FORFAITS_CHARGES, SEUILS};

const INDICATEURS_MD: &str = "docs/indicateurs.md";

fn somme(cles: &[&str]) -> String {
    match cles {
        [une] => format!("`{une}`"),
        plusieurs => format!("Σ({})", plusieurs.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")),
    }
}

fn formule(i: &Indicateur) -> String {
    match i.formule {
        Formule::Saisie => "saisi".into(),
        Formule::Part { num, den } | Formule::Pour100 { num, den } => format!("{} / {} × 100", somme(num), somme(den)),
        Formule::Rapport { num, den } => format!("{} / {}", somme(num), somme(den)),
        Formule::Evolution(cles) => format!("variation sur 5 ans de {}", somme(cles)),
    }
}

fn unite(u: Unite) -> &'static str {
    u.nom()
}

fn ligne_indicateur(i: &Indicateur) -> String {
    format!(
        "| `{}` | {} | {} | {} | {} | {} | {} | {} |\n",
        i.id,
        i.libelle.replace('|', "\\|"),
        formule(i),
        unite(i.unite),
        i.precision,
        if i.genre == Genre::Masculin { "m." } else { "f." },
        i.decalage_annee,
        if i.variation { "oui" } else { "" }
    )
}

fn catalogue() -> String {
    let entete = "| id | libellé | formule | unité | décimales | genre | décalage | variation 5 ans |\n\
                  |---|---|---|---|---|---|---|---|\n";
    let mut s = String::new();
    let mut vus: Vec<&str> = Vec::new();
    for section in SECTIONS.iter().filter(|s| !s.lignes.is_empty()) {
        s.push_str(&format!("**{}**\n\n{entete}", section.titre));
        for id in section.lignes {
            if let Some(i) = INDICATEURS.iter().find(|i| i.id == *id) {
                s.push_str(&ligne_indicateur(i));
                vus.push(i.id);
            }
        }
        s.push('\n');
    }
    let autres: Vec<&Indicateur> = INDICATEURS.iter().filter(|i| !vus.contains(&i.id)).collect();
    if !autres.is_empty() {
        s.push_str(&format!("**Hors tableaux (phrases, radar)**\n\n{entete}"));
        for i in autres {
            s.push_str(&ligne_indicateur(i));
        }
    }
    s.trim_end().to_string() + "\n"
}

fn cles() -> String {
    let mut s = String::from("| clé | libellé |\n|---|---|\n");
    for (cle, libelle) in CLES {
        s.push_str(&format!("| `{cle}` | {libelle} |\n"));
    }
    s
}

fn seuils() -> String {
    let mut s = String::from("| type | année | € par UC et par mois | statut | source |\n|---|---|---|---|---|\n");
    for seuil in SEUILS {
        s.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            seuil.type_seuil.libelle(),
            seuil.annee,
            entier(i128::from(seuil.centimes / 100)),
            match seuil.statut {
                Statut::Confirme => "confirmé",
                Statut::Secondaire => "secondaire",
                Statut::Fourni => "fourni",
            },
            seuil.source
        ));
    }
    s
}

fn centimes(c: i64) -> String {
    format!("{},{:02} €", c / 100, c % 100)
}

fn forfaits() -> String {
    let mut s = String::from("| en vigueur depuis | base | par personne à charge |\n|---|---|---|\n");
    for f in FORFAITS_CHARGES {
        let (a, m, j) = f.depuis;
        s.push_str(&format!(
            "| {j:02}/{m:02}/{a} | {} | {} |\n",
            centimes(f.base_centimes),
            centimes(f.par_personne_centimes)
        ));
    }
    s
}

/// Replaces the block between `<!-- genere:nom -->` and `<!-- /genere:nom -->`.
fn remplacer(doc: &str, nom: &str, contenu: &str) -> String {
    let debut = format!("<!-- genere:{nom} -->\n");
    let fin = format!("<!-- /genere:{nom} -->");
    let i = doc.find(&debut).unwrap_or_else(|| panic!("marque {debut:?} absente de {INDICATEURS_MD}")) + debut.len();
    let j = doc[i..].find(&fin).unwrap_or_else(|| panic!("marque {fin:?} absente de {INDICATEURS_MD}")) + i;
    format!("{}{}{}", &doc[..i], contenu, &doc[j..])
}

#[test]
fn tables_de_indicateurs_md_produites_par_le_code() {
    let doc = fs::read_to_string(INDICATEURS_MD).expect("docs/indicateurs.md");
    let mut attendu = doc.clone();
    for (nom, contenu) in [("seuils", seuils()), ("forfaits", forfaits()), ("catalogue", catalogue()), ("cles", cles())]
    {
        attendu = remplacer(&attendu, nom, &contenu);
    }
    if std::env::var_os("MAJ_DOCS").is_some() {
        fs::write(INDICATEURS_MD, &attendu).expect("écriture de docs/indicateurs.md");
        return;
    }
    assert!(
        doc == attendu,
        "docs/indicateurs.md ne suit plus le code : lancez `MAJ_DOCS=1 cargo test --test docs` et relisez le diff"
    );
}

#[test]
fn chaque_indicateur_et_chaque_cle_dans_les_documents() {
    let indicateurs = fs::read_to_string(INDICATEURS_MD).expect("docs/indicateurs.md");
    for i in INDICATEURS {
        assert!(indicateurs.contains(&format!("`{}`", i.id)), "{} absent de docs/indicateurs.md", i.id);
    }
    for (cle, _) in CLES {
        assert!(indicateurs.contains(&format!("`{cle}`")), "{cle} absente de docs/indicateurs.md");
    }
}
