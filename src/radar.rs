//! The vulnerability radar of the CAF study (`docs/indicateurs.md` §2.5): each axis is the
//! territory's indicator as a ratio of a reference — the mean over territories of the same type
//! when a set is available, the département otherwise (the chart says which). The reference is
//! the red circle (1); a green circle above and an orange circle below (±20 % by default) mark
//! the values that « peuvent nécessiter une attention particulière »: outside them, an indicator
//! is *fortement supérieur* or *fortement inférieur* (never « good » or « bad »). Axes without a
//! value are left out of the drawing and named. Drawn as an accessible SVG (title, description
//! listing every value) that needs neither JavaScript nor inline styles.

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
    /// What the reference values are (« Moyenne des 23 EPCI du fichier »), when given with
    /// them; `None`: the reference territory serves, and the chart says so.
    pub libelle_reference: Option<String>,
    /// Distance of the upper and lower circles, in % of the reference (20: 0,8 and 1,2).
    pub bande: Ratio,
    /// Prefix of the SVG element ids, unique on the page.
    pub id: String,
}

impl Default for OptionsRadar {
    fn default() -> Self {
        OptionsRadar {
            indicateurs: RADAR_DEFAUT.iter().map(|s| s.to_string()).collect(),
            reference: BTreeMap::new(),
            libelle_reference: None,
            bande: Ratio::entier(20),
            id: "radar".into(),
        }
    }
}

/// Position of a value outside the two circles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alerte {
    /// Above the upper circle: « fortement supérieur ».
    Haute,
    /// Below the lower circle: « fortement inférieur ».
    Basse,
}

impl Alerte {
    /// « fortement supérieur » / « fortement inférieur ».
    pub fn texte(self) -> &'static str {
        match self {
            Alerte::Haute => "fortement supérieur",
            Alerte::Basse => "fortement inférieur",
        }
    }
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
    /// The axes, those without a value included (`rapport: None`).
    pub axes: Vec<Axe>,
    /// Text alternative, one sentence per axis.
    pub texte: Vec<String>,
    /// What the reference circle is (« Moyenne des 23 EPCI du fichier », or the département
    /// with the reason it serves).
    pub reference: String,
    /// « Les indicateurs fortement inférieurs »: one sentence per axis below the lower circle.
    pub fortement_inferieurs: Vec<String>,
    /// « Les indicateurs fortement supérieurs »: one sentence per axis above the upper circle.
    pub fortement_superieurs: Vec<String>,
    /// Labels of the axes left out for lack of a value.
    pub absents: Vec<String>,
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

/// Territory / reference on one axis. A change in % is compared as growth factors,
/// (100 + v) / (100 + r), since a ratio of two small signed changes means nothing.
fn rapport(ind: &crate::catalogue::Indicateur, v: Ratio, r: Ratio) -> Option<Ratio> {
    if ind.unite == crate::catalogue::Unite::Variation {
        let cent = Ratio::entier(100);
        let (a, b) = (cent.plus(v)?, cent.plus(r)?);
        return if a.signe() >= 0 && b.signe() > 0 { a.divise(b) } else { None };
    }
    if r.signe() > 0 && v.signe() >= 0 {
        v.divise(r)
    } else {
        None
    }
}

/// Builds the radar from the values of its axes (territory and reference territory); a
/// reference value given in the options takes the place of the reference territory's.
pub fn radar(lignes: &[LigneRadar], nom: &str, nom_reference: &str, o: &OptionsRadar) -> Radar {
    let un = Ratio::entier(1);
    let bande = o.bande.divise(Ratio::entier(100)).unwrap_or(Ratio::ZERO);
    let (haut, bas) = (un.plus(bande).unwrap_or(un), un.moins(bande).unwrap_or(un));
    // A set given (values or its label) is the reference, even for axes it lacks.
    let donnee = !o.reference.is_empty() || o.libelle_reference.is_some();
    let reference = match (&o.libelle_reference, donnee) {
        (Some(l), true) => l.clone(),
        (None, true) => "Valeurs de référence fournies".to_string(),
        _ => format!("{nom_reference} (aucun ensemble de territoires de même type : la référence sert de moyenne)"),
    };
    let mut axes = Vec::new();
    for id in &o.indicateurs {
        let Some(ind) = indicateur(id) else { continue };
        let ligne = lignes.iter().find(|l| l.id == ind.id);
        let valeur = ligne.and_then(|l| l.valeur);
        let reference = if donnee { o.reference.get(id).copied() } else { ligne.and_then(|l| l.reference) };
        let rapport = match (valeur, reference) {
            (Some(v), Some(r)) => rapport(ind, v, r),
            _ => None,
        };
        let alerte = rapport.and_then(|r| match (r.compare(haut)?.is_gt(), r.compare(bas)?.is_lt()) {
            (true, _) => Some(Alerte::Haute),
            (_, true) => Some(Alerte::Basse),
            _ => None,
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
    let phrase = |a: &Axe, r: Ratio| {
        format!(
            "{} : {} contre {} pour la référence (rapport {})",
            a.libelle,
            a.affiche,
            a.affiche_reference,
            format::decimal(r, 2)
        )
    };
    let texte: Vec<String> = axes
        .iter()
        .map(|a| match a.rapport {
            Some(r) => format!("{}{}.", phrase(a, r), a.alerte.map(|x| format!(", {}", x.texte())).unwrap_or_default()),
            None => format!("{} : valeur non disponible, axe non tracé.", a.libelle),
        })
        .collect();
    let liste = |quelle: Alerte| -> Vec<String> {
        axes.iter()
            .filter(|a| a.alerte == Some(quelle))
            .filter_map(|a| Some(format!("{}.", phrase(a, a.rapport?))))
            .collect()
    };
    let (fortement_inferieurs, fortement_superieurs) = (liste(Alerte::Basse), liste(Alerte::Haute));
    let absents: Vec<String> = axes.iter().filter(|a| a.rapport.is_none()).map(|a| a.libelle.clone()).collect();
    let comparaison = if donnee { reference.as_str() } else { nom_reference };
    let cadre = Cadre { nom, comparaison, reference: &reference, haut, bas, bande: o.bande, id: id_sur(&o.id) };
    let svg = dessiner(&axes, &texte, &absents, &cadre);
    Radar { svg, axes, texte, reference, fortement_inferieurs, fortement_superieurs, absents }
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

/// What the drawing needs besides the axes.
struct Cadre<'a> {
    nom: &'a str,
    /// The reference in the title: the set's label, or the reference territory's name.
    comparaison: &'a str,
    reference: &'a str,
    haut: Ratio,
    bas: Ratio,
    bande: Ratio,
    id: String,
}

/// Words into lines of at most `largeur` characters (a longer word stays whole).
fn couper(texte: &str, largeur: usize) -> Vec<String> {
    let mut lignes: Vec<String> = Vec::new();
    for mot in texte.split(' ') {
        match lignes.last_mut() {
            // A unit or punctuation never starts a line.
            Some(l) if l.chars().count() + 1 + mot.chars().count() <= largeur || matches!(mot, "%" | ":" | ";") => {
                l.push(' ');
                l.push_str(mot);
            }
            _ => lignes.push(mot.to_string()),
        }
    }
    lignes
}

/// A text of one or more lines (`tspan`), from its first baseline.
fn texte_svg(s: &mut String, x: f64, y: f64, lignes: &[String], attributs: &str) {
    let _ = write!(s, r#"<text x="{}" y="{}" {attributs}>"#, coord(x), coord(y));
    for (k, l) in lignes.iter().enumerate() {
        let dy = if k == 0 { "0" } else { "1.15em" };
        let _ = write!(s, r#"<tspan x="{}" dy="{dy}">{}</tspan>"#, coord(x), echapper(l));
    }
    s.push_str("</text>");
}

const LARGEUR: f64 = 640.0;
const RAYON: f64 = 135.0;
/// Where the legend starts, below the chart and its lowest labels.
const DEBUT_LEGENDE: f64 = 470.0;

fn dessiner(axes: &[Axe], texte: &[String], absents: &[String], c: &Cadre<'_>) -> String {
    let traces: Vec<(&Axe, f64)> = axes.iter().filter_map(|a| Some((a, a.rapport?.to_f64()))).collect();
    let max_rapport = traces.iter().map(|t| t.1).fold(c.haut.to_f64(), f64::max);
    // Scale: the next half-unit above the largest ratio, between 1,5 and 3.
    let r = Repere {
        cx: LARGEUR / 2.0,
        cy: 250.0,
        n: traces.len().max(1),
        echelle: ((max_rapport * 2.0).ceil() / 2.0).clamp(1.5, 3.0),
    };
    let (legende, absents_lignes) = legende(c, absents);
    let lignes_legende: usize = legende.iter().map(|l| l.2.len()).sum::<usize>() + absents_lignes.len();
    let hauteur = DEBUT_LEGENDE + 23.0 * lignes_legende as f64 + 8.0 * legende.len() as f64 + 10.0;
    let mut s = String::new();
    en_tete(&mut s, c, texte, hauteur);
    grille(&mut s, &r, &traces);
    cercles_de_reference(&mut s, &r, c);
    courbe(&mut s, &r, axes, &traces, texte);
    dessiner_legende(&mut s, &legende, &absents_lignes);
    s.push_str("</svg>");
    s
}

/// The opening tag, the title and description read by screen readers, the white background.
fn en_tete(s: &mut String, c: &Cadre<'_>, texte: &[String], hauteur: f64) {
    let id = &c.id;
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="{id}-titre {id}-desc" font-family="system-ui, sans-serif" font-size="20">"##,
        w = coord(LARGEUR),
        h = coord(hauteur)
    );
    let titre = format!("Radar de vulnérabilité : {} comparé à {}", c.nom, c.comparaison);
    let _ = write!(s, r#"<title id="{id}-titre">{}</title>"#, echapper(&titre));
    let _ = write!(
        s,
        r#"<desc id="{id}-desc">Chaque axe rapporte la valeur du territoire à celle de la référence (1 = référence). Hors des cercles de {} et {}, un indicateur est fortement inférieur ou supérieur. {}</desc>"#,
        format::decimal(c.bas, 2),
        format::decimal(c.haut, 2),
        echapper(&texte.join(" "))
    );
    let _ = write!(s, r##"<rect width="{}" height="{}" fill="#ffffff"/>"##, coord(LARGEUR), coord(hauteur));
}

/// The grey circles every half unit, one line per drawn axis, and the axes' labels.
fn grille(s: &mut String, r: &Repere, traces: &[(&Axe, f64)]) {
    let (cx, cy, echelle) = (r.cx, r.cy, r.echelle);
    let mut g = 0.5;
    while g <= echelle + 1e-9 {
        let _ = write!(
            s,
            r##"<circle cx="{}" cy="{}" r="{}" fill="none" stroke="#dddddd"/>"##,
            coord(cx),
            coord(cy),
            coord(r.rayon(g))
        );
        g += 0.5;
    }
    for (i, (a, _)) in traces.iter().enumerate() {
        let (x, y) = r.point(i, echelle);
        let _ = write!(
            s,
            r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#dddddd"/>"##,
            coord(cx),
            coord(cy),
            coord(x),
            coord(y)
        );
        // A label on the vertical axis is centred and sits further out, clear of its neighbours.
        let (lx, ly) = r.point(i, echelle * if (x - cx).abs() < 20.0 { 1.2 } else { 1.1 });
        let ancre = if (lx - cx).abs() < 20.0 {
            "middle"
        } else if lx > cx {
            "start"
        } else {
            "end"
        };
        // Centred labels are narrower: their neighbours start close to the vertical axis.
        let lignes = couper(&a.libelle, if ancre == "middle" { 10 } else { 14 });
        let decalage = if ly < cy - 20.0 {
            -(lignes.len() as f64 - 1.0) * 23.0
        } else if (ly - cy).abs() <= 20.0 {
            -(lignes.len() as f64 - 1.0) * 11.5
        } else {
            0.0
        };
        texte_svg(s, lx, ly + decalage + 5.0, &lignes, &format!(r##"text-anchor="{ancre}" fill="#161616""##));
    }
}

/// The reference circle (1) and the low and high circles, with the labels of the last two.
fn cercles_de_reference(s: &mut String, r: &Repere, c: &Cadre<'_>) {
    let (cx, cy) = (r.cx, r.cy);
    for (rc, couleur, tirets, epaisseur) in
        [(c.bas, "#c3581e", "7 4", 2), (Ratio::entier(1), "#e1000f", "0", 3), (c.haut, "#18753c", "7 4", 2)]
    {
        let _ = write!(
            s,
            r##"<circle cx="{}" cy="{}" r="{}" fill="none" stroke="{couleur}" stroke-width="{epaisseur}" stroke-dasharray="{tirets}"/>"##,
            coord(cx),
            coord(cy),
            coord(r.rayon(rc.to_f64()))
        );
    }
    // The circles' labels sit midway between two axes near the bottom, away from lines, points
    // and the axes' labels (which stand outside the outer circle).
    let pct = format::decimal(c.bande, 0);
    let milieu = ((r.n - 1) / 2) as f64 + 0.5;
    let (sin, cos) = sin_cos(-std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * milieu / r.n as f64);
    for (rc, libelle, couleur) in [(c.haut, format!("+{pct} %"), "#18753c"), (c.bas, format!("−{pct} %"), "#c3581e")]
    {
        let d = r.rayon(rc.to_f64());
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" text-anchor="middle" font-size="17" fill="{couleur}" font-weight="700" stroke="#ffffff" stroke-width="4" paint-order="stroke">{}</text>"##,
            coord(cx + d * cos),
            coord(cy + d * sin + 17.0),
            echapper(&libelle)
        );
    }
}

/// The territory's curve (from three axes), its points (larger on an alert, each with its
/// sentence as a tooltip), or a message when no axis has a value.
fn courbe(s: &mut String, r: &Repere, axes: &[Axe], traces: &[(&Axe, f64)], texte: &[String]) {
    if traces.len() >= 3 {
        let sommets: Vec<String> = (0..traces.len())
            .map(|i| r.point(i, traces[i].1))
            .map(|(x, y)| format!("{},{}", coord(x), coord(y)))
            .collect();
        let _ = write!(
            s,
            r##"<polygon points="{}" fill="#000091" fill-opacity="0.08" stroke="#000091" stroke-width="2.5"/>"##,
            sommets.join(" ")
        );
    }
    for (i, (a, rapport)) in traces.iter().enumerate() {
        let (x, y) = r.point(i, *rapport);
        let k = axes.iter().position(|b| b.id == a.id).unwrap_or(0);
        let (rayon_point, contour) = if a.alerte.is_some() { (6, "#ffffff") } else { (3, "none") };
        let _ = write!(
            s,
            r##"<circle cx="{}" cy="{}" r="{rayon_point}" fill="#000091" stroke="{contour}" stroke-width="2"><title>{}</title></circle>"##,
            coord(x),
            coord(y),
            echapper(texte.get(k).map(String::as_str).unwrap_or_default())
        );
    }
    if traces.is_empty() {
        texte_svg(s, r.cx, r.cy, &["Aucun axe n'a de valeur.".to_string()], r##"text-anchor="middle" fill="#161616""##);
    }
}

/// The point of an axis on the chart.
struct Repere {
    cx: f64,
    cy: f64,
    /// Axes drawn.
    n: usize,
    /// The ratio at the outer circle.
    echelle: f64,
}

impl Repere {
    fn rayon(&self, rapport: f64) -> f64 {
        // Not `clamp`: its check of the bounds formats floats in a panic message, which would
        // bring the float formatting code into the module.
        RAYON * rapport.max(0.0).min(self.echelle) / self.echelle
    }

    fn point(&self, i: usize, rapport: f64) -> (f64, f64) {
        let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / self.n as f64;
        let (sin, cos) = sin_cos(angle);
        (self.cx + self.rayon(rapport) * cos, self.cy + self.rayon(rapport) * sin)
    }
}

/// A legend entry: colour, dash pattern, lines of text.
type Entree = (&'static str, &'static str, Vec<String>);

/// The legend: what each circle and the curve are, then the axes left out.
fn legende(c: &Cadre<'_>, absents: &[String]) -> (Vec<Entree>, Vec<String>) {
    let pct = format::decimal(c.bande, 0);
    let legende = vec![
        ("#e1000f", "4 0", couper(&format!("Référence (cercle rouge) : {}", c.reference), 44)),
        (
            "#18753c",
            "7 4",
            couper(&format!("Cercle haut (vert) : référence + {pct} % ; au-delà, fortement supérieur"), 44),
        ),
        (
            "#c3581e",
            "7 4",
            couper(&format!("Cercle bas (orange) : référence − {pct} % ; en deçà, fortement inférieur"), 44),
        ),
        ("#000091", "0", couper(c.nom, 44)),
    ];
    let absents_lignes = if absents.is_empty() {
        Vec::new()
    } else {
        couper(&format!("Axes non tracés, sans donnée : {}.", absents.join(", ")), 52)
    };
    (legende, absents_lignes)
}

fn dessiner_legende(s: &mut String, legende: &[Entree], absents_lignes: &[String]) {
    let mut y = DEBUT_LEGENDE + 18.0;
    for (couleur, tirets, lignes) in legende {
        let _ = write!(
            s,
            r##"<line x1="20" y1="{}" x2="52" y2="{}" stroke="{couleur}" stroke-width="3" stroke-dasharray="{tirets}"/>"##,
            coord(y - 5.0),
            coord(y - 5.0)
        );
        texte_svg(s, 60.0, y, lignes, r##"fill="#161616""##);
        y += 23.0 * lignes.len() as f64 + 8.0;
    }
    if !absents_lignes.is_empty() {
        texte_svg(s, 20.0, y, absents_lignes, r##"fill="#3a3a3a" font-style="italic""##);
    }
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
