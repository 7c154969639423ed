//! The vulnerability radar (`docs/indicateurs.md` §2.5): the territory's indicators as
//! ratios of a reference (1 = the reference), with an alert band, drawn as an accessible SVG
//! (title, description listing every value) that needs neither JavaScript nor inline styles.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::catalogue::{indicateur, RADAR_DEFAUT};
use crate::format;
use crate::nombre::Ratio;

/// Parameters of the radar.
#[derive(Clone, Debug, PartialEq)]
pub struct OptionsRadar {
    /// Indicator ids of the axes.
    pub indicateurs: Vec<String>,
    /// Reference values by id (e.g. the average of territories of the same type); the
    /// reference territory's values otherwise.
    pub reference: BTreeMap<String, Ratio>,
    /// Half-width of the alert band, in % of the reference (20: from 0,8 to 1,2).
    pub bande: Ratio,
    /// Prefix of the SVG element ids, unique on the page.
    pub id: String,
}

impl Default for OptionsRadar {
    fn default() -> Self {
        OptionsRadar {
            indicateurs: RADAR_DEFAUT.iter().map(|s| s.to_string()).collect(),
            reference: BTreeMap::new(),
            bande: Ratio::entier(20),
            id: "radar".into(),
        }
    }
}

/// Position of a value against the alert band.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alerte {
    /// Above the band.
    Haute,
    /// Below the band.
    Basse,
}

/// One axis of the radar.
#[derive(Clone, Debug, PartialEq)]
pub struct Axe {
    /// Indicator id.
    pub id: String,
    /// Short label.
    pub libelle: String,
    /// The territory's value.
    pub valeur: Option<Ratio>,
    /// The reference value.
    pub reference: Option<Ratio>,
    /// Territory / reference.
    pub rapport: Option<Ratio>,
    /// Displays.
    pub affiche: String,
    /// Display of the reference.
    pub affiche_reference: String,
    /// Outside the band.
    pub alerte: Option<Alerte>,
}

/// The radar: SVG and the data it draws.
#[derive(Clone, Debug, PartialEq)]
pub struct Radar {
    /// The SVG document.
    pub svg: String,
    /// The axes.
    pub axes: Vec<Axe>,
    /// Text alternative, one sentence per axis.
    pub texte: Vec<String>,
}

/// Escapes text for XML.
pub fn echapper(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {}
            c => o.push(c),
        }
    }
    o
}

fn id_sur(s: &str) -> String {
    let id: String = s.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').take(40).collect();
    if id.is_empty() {
        "radar".into()
    } else {
        id
    }
}

/// One row of the study's tables as the radar reads it: an indicator and its two values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LigneRadar {
    /// Indicator id.
    pub id: &'static str,
    /// The territory's value.
    pub valeur: Option<Ratio>,
    /// The reference's value.
    pub reference: Option<Ratio>,
}

/// Builds the radar from the rows of the study.
pub fn radar(lignes: &[LigneRadar], nom: &str, nom_reference: &str, o: &OptionsRadar) -> Radar {
    let un = Ratio::entier(1);
    let bande = o.bande.divise(Ratio::entier(100)).unwrap_or(Ratio::ZERO);
    let (haut, bas) = (un.plus(bande).unwrap_or(un), un.moins(bande).unwrap_or(un));
    let mut axes = Vec::new();
    for id in &o.indicateurs {
        let Some(ind) = indicateur(id) else { continue };
        let ligne = lignes.iter().find(|l| l.id == ind.id);
        let valeur = ligne.and_then(|l| l.valeur);
        let reference = o.reference.get(id).copied().or_else(|| ligne.and_then(|l| l.reference));
        let rapport = match (valeur, reference) {
            (Some(v), Some(r)) if r.signe() > 0 => v.divise(r),
            _ => None,
        };
        let alerte = rapport.and_then(|r| {
            if r.compare(haut)?.is_gt() {
                Some(Alerte::Haute)
            } else if r.compare(bas)?.is_lt() {
                Some(Alerte::Basse)
            } else {
                None
            }
        });
        axes.push(Axe {
            id: ind.id.to_string(),
            libelle: ind.libelle_court().to_string(),
            valeur,
            reference,
            rapport,
            affiche: valeur.map(|v| ind.afficher(v)).unwrap_or_default(),
            affiche_reference: reference.map(|v| ind.afficher(v)).unwrap_or_default(),
            alerte,
        });
    }
    let texte: Vec<String> = axes
        .iter()
        .map(|a| match (a.valeur, a.reference, a.rapport) {
            (Some(_), Some(_), Some(r)) => format!(
                "{} : {} contre {} pour la référence (rapport {}){}.",
                a.libelle,
                a.affiche,
                a.affiche_reference,
                format::decimal(r, 2),
                match a.alerte {
                    Some(Alerte::Haute) => ", au-dessus de la bande d'alerte",
                    Some(Alerte::Basse) => ", en dessous de la bande d'alerte",
                    None => "",
                }
            ),
            _ => format!("{} : valeur non disponible.", a.libelle),
        })
        .collect();
    let svg = dessiner(&axes, &texte, nom, nom_reference, haut, bas, &id_sur(&o.id));
    Radar { svg, axes, texte }
}

/// A coordinate with one decimal, without the float formatting machinery (smaller module).
fn coord(x: f64) -> String {
    let dixiemes = (x * 10.0).round() as i64;
    let signe = if dixiemes < 0 { "-" } else { "" };
    format!("{signe}{}.{}", dixiemes.abs() / 10, dixiemes.abs() % 10)
}

/// sin and cos by range reduction and Taylor series: precise to ~1e-12 on [-π, π], enough to
/// draw, and it keeps libm's trigonometry out of the module.
fn sin_cos(a: f64) -> (f64, f64) {
    let tau = std::f64::consts::TAU;
    let mut x = a % tau;
    if x > std::f64::consts::PI {
        x -= tau;
    } else if x < -std::f64::consts::PI {
        x += tau;
    }
    let (mut s, mut c) = (0.0, 0.0);
    let (mut terme_s, mut terme_c) = (x, 1.0);
    for n in 0..14 {
        s += terme_s;
        c += terme_c;
        let k = f64::from(2 * n + 2);
        terme_s *= -x * x / (k * (k + 1.0));
        terme_c *= -x * x / ((k - 1.0) * k);
    }
    (s, c)
}

fn dessiner(
    axes: &[Axe],
    texte: &[String],
    nom: &str,
    nom_reference: &str,
    haut: Ratio,
    bas: Ratio,
    id: &str,
) -> String {
    let (cx, cy, r) = (300.0_f64, 250.0_f64, 160.0_f64);
    let n = axes.len().max(1);
    let max_rapport = axes.iter().filter_map(|a| a.rapport).map(Ratio::to_f64).fold(haut.to_f64(), f64::max);
    // Scale: the next half-unit above the largest ratio, between 1,5 and 3.
    let echelle = ((max_rapport * 2.0).ceil() / 2.0).clamp(1.5, 3.0);
    let point = |i: usize, rapport: f64| -> (f64, f64) {
        let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n as f64;
        let d = r * rapport.clamp(0.0, echelle) / echelle;
        let (sin, cos) = sin_cos(angle);
        (cx + d * cos, cy + d * sin)
    };
    let polygone = |rapport: f64| -> String {
        (0..n)
            .map(|i| point(i, rapport))
            .map(|(x, y)| format!("{},{}", coord(x), coord(y)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let titre = format!("Radar de vulnérabilité : {nom} comparé à {nom_reference}");
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 540" width="600" height="540" role="img" aria-labelledby="{id}-titre {id}-desc" font-family="system-ui, sans-serif" font-size="12">"##
    );
    let _ = write!(s, r#"<title id="{id}-titre">{}</title>"#, echapper(&titre));
    let _ = write!(
        s,
        r#"<desc id="{id}-desc">Chaque axe rapporte la valeur du territoire à celle de la référence (1 = référence), avec une bande d'alerte de {} à {}. {}</desc>"#,
        format::decimal(bas, 2),
        format::decimal(haut, 2),
        echapper(&texte.join(" "))
    );
    let _ = write!(s, r##"<rect width="600" height="540" fill="#ffffff"/>"##);
    // Alert band: the ring between the two polygons.
    let _ = write!(
        s,
        r##"<path d="M{} Z M{} Z" fill="#fde6c8" fill-rule="evenodd" stroke="none"/>"##,
        polygone(haut.to_f64()).replace(' ', " L"),
        polygone(bas.to_f64()).replace(' ', " L")
    );
    let mut g = 0.5;
    while g <= echelle + 1e-9 {
        let _ = write!(s, r##"<polygon points="{}" fill="none" stroke="#d0d0d0" stroke-width="1"/>"##, polygone(g));
        g += 0.5;
    }
    for (i, a) in axes.iter().enumerate() {
        let (x, y) = point(i, echelle);
        let _ = write!(
            s,
            r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#d0d0d0"/>"##,
            coord(cx),
            coord(cy),
            coord(x),
            coord(y)
        );
        let (lx, ly) = point(i, echelle * 1.12);
        let ancre = if (lx - cx).abs() < 1.0 {
            "middle"
        } else if lx > cx {
            "start"
        } else {
            "end"
        };
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" text-anchor="{ancre}" dominant-baseline="middle" fill="#161616">{}</text>"##,
            coord(lx),
            coord(ly),
            echapper(&a.libelle)
        );
    }
    let _ = write!(
        s,
        r##"<polygon points="{}" fill="none" stroke="#000091" stroke-width="2" stroke-dasharray="6 4"/>"##,
        polygone(1.0)
    );
    let sommets: Vec<String> = axes
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let (x, y) = point(i, a.rapport.map(Ratio::to_f64).unwrap_or(0.0));
            format!("{},{}", coord(x), coord(y))
        })
        .collect();
    if axes.iter().any(|a| a.rapport.is_some()) {
        let _ = write!(
            s,
            r##"<polygon points="{}" fill="#e1000f" fill-opacity="0.15" stroke="#c9191e" stroke-width="2"/>"##,
            sommets.join(" ")
        );
    }
    for (i, a) in axes.iter().enumerate() {
        let Some(rapport) = a.rapport else { continue };
        let (x, y) = point(i, rapport.to_f64());
        let couleur = if a.alerte.is_some() { "#c9191e" } else { "#3a3a3a" };
        let _ = write!(
            s,
            r##"<circle cx="{}" cy="{}" r="4" fill="{couleur}"><title>{}</title></circle>"##,
            coord(x),
            coord(y),
            echapper(texte.get(i).map(String::as_str).unwrap_or_default())
        );
    }
    let _ = write!(
        s,
        r##"<g transform="translate(20 500)"><rect width="14" height="10" fill="#fde6c8"/><text x="20" y="9">Bande d'alerte</text><line x1="130" y1="5" x2="160" y2="5" stroke="#000091" stroke-width="2" stroke-dasharray="6 4"/><text x="166" y="9">{}</text><rect x="330" width="14" height="10" fill="#e1000f" fill-opacity="0.3" stroke="#c9191e"/><text x="350" y="9">{}</text></g>"##,
        echapper(&format!("Référence : {nom_reference}")),
        echapper(nom)
    );
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trigonometrie_et_coordonnees() {
        for i in -40..40 {
            let a = f64::from(i) * 0.37;
            let (s, c) = sin_cos(a);
            assert!((s - a.sin()).abs() < 1e-9 && (c - a.cos()).abs() < 1e-9, "{a}");
        }
        assert_eq!(coord(12.34), "12.3");
        assert_eq!(coord(-0.06), "-0.1");
        assert_eq!(coord(0.04), "0.0");
        assert_eq!(echapper("<a & 'b'>"), "&lt;a &amp; &apos;b&apos;&gt;");
    }
}
