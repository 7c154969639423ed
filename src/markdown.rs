//! A study written as a Markdown document: what the diagnostic page shows and prints (title
//! block, each section's sentences, table and notes, the radar and its two lists), as text that
//! any editor opens and any converter (pandoc…) turns into a document. The command line writes
//! one per territory of a counts file (`territoires FICHIER --etudes DOSSIER`).
//!
//! Only the study's own texts are written, never recomputed: every figure is the displayed
//! string of its cell, and a missing value is written « — » (never 0).

use crate::diagnostic::{Cellule, Diagnostic};

/// A table cell: `|` escaped, line ends as spaces (a name may hold either).
fn cellule(texte: &str) -> String {
    texte.replace('|', "\\|").replace(['\r', '\n'], " ")
}

/// A cell's value as displayed, its 5-year variation and arrow after it; « — » when missing.
fn valeur(c: &Cellule) -> String {
    if c.affiche.is_empty() {
        return "—".into();
    }
    match (c.affichage_variation.as_str(), c.fleche) {
        ("", _) => cellule(&c.affiche),
        (v, f) => cellule(&format!("{} ({v} en 5 ans {f})", c.affiche)),
    }
}

/// A bulleted list under its heading line, nothing when empty.
fn liste(s: &mut String, titre: &str, elements: &[String]) {
    if elements.is_empty() {
        return;
    }
    s.push_str(&format!("{titre}\n\n"));
    for e in elements {
        s.push_str(&format!("- {}\n", e.replace(['\r', '\n'], " ")));
    }
    s.push('\n');
}

/// The study as Markdown; `image_radar`, the file name of its radar's SVG when written beside
/// it (the radar's text alternative is written either way); `entete`, rows the caller adds to
/// the title block (who produced it, from what file: the package has no clock).
///
/// ```
/// use indicateurs_caf::diagnostic::{diagnostiquer, Options, Territoire};
/// let d = diagnostiquer(&Territoire::default(), &Territoire::default(), &Options::default());
/// let md = indicateurs_caf::markdown::etude(&d, None, &[("Produite par", "un test".into())]);
/// assert!(md.starts_with(&format!("# Étude préliminaire : {}\n", d.nom)));
/// assert!(md.contains("| Produite par | un test |"));
/// ```
pub fn etude(d: &Diagnostic, image_radar: Option<&str>, entete: &[(&str, String)]) -> String {
    let mut s = format!("# Étude préliminaire : {}\n\n| | |\n|---|---|\n", d.nom.replace(['\r', '\n'], " "));
    for (libelle, texte) in d.entete.iter().map(|(l, t)| (*l, t)).chain(entete.iter().map(|(l, t)| (*l, t))) {
        s.push_str(&format!("| {libelle} | {} |\n", cellule(texte)));
    }
    s.push('\n');
    liste(&mut s, "Avertissements :", &d.avertissements);
    for section in &d.sections {
        s.push_str(&format!("## {}\n\n", section.titre));
        for p in &section.phrases {
            s.push_str(&format!("{p}\n\n"));
        }
        if !section.lignes.is_empty() {
            s.push_str(&format!(
                "| Indicateur | Année | {} | {} |\n|---|---|---|---|\n",
                cellule(&d.nom),
                cellule(&d.nom_reference)
            ));
            for l in &section.lignes {
                s.push_str(&format!(
                    "| {} | {} | {} | {} |\n",
                    cellule(l.libelle),
                    l.annee,
                    valeur(&l.territoire),
                    valeur(&l.reference)
                ));
            }
            s.push('\n');
        }
        liste(&mut s, "Notes :", &section.notes);
    }
    radar(&mut s, d, image_radar);
    s
}

/// The radar's section: its image when written beside, its reference, its two lists, the axes
/// left out, and its text alternative.
fn radar(s: &mut String, d: &Diagnostic, image_radar: Option<&str>) {
    let r = &d.radar;
    s.push_str("## Radar de vulnérabilité\n\n");
    if let Some(image) = image_radar {
        s.push_str(&format!("![Radar de vulnérabilité]({image})\n\n"));
    }
    s.push_str(&format!("Référence du radar : {}.\n\n", r.reference.replace(['\r', '\n'], " ")));
    liste(s, "Les indicateurs fortement inférieurs :", &r.fortement_inferieurs);
    liste(s, "Les indicateurs fortement supérieurs :", &r.fortement_superieurs);
    liste(s, "Axes sans valeur, laissés de côté :", &r.absents);
    liste(s, "Le radar en texte :", &r.texte);
}
