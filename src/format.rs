//! French display of numbers and dates: decimal comma, thousands grouped by a narrow no-break space
//! (U+202F), a no-break space (U+00A0) before `%` and `€`; dates in full (`1er décembre 2026`).
//!
//! ```
//! use indicateurs_caf::{format, nombre::Ratio};
//! let r = Ratio::new(12_903 * 100, 25_188).unwrap();
//! assert_eq!(format::pourcent(r, 1), "51,2\u{a0}%");
//! assert_eq!(format::euros(Ratio::entier(358_715), 0), "358\u{202f}715\u{a0}€");
//! ```

use crate::nombre::{puissance10, Ratio};

/// Thousands separator: narrow no-break space.
pub const ESPACE_FINE: char = '\u{202F}';
/// Space before `%` and `€`: no-break space.
pub const ESPACE_INSECABLE: char = '\u{00A0}';

/// Shown when a figure cannot be computed: an empty cell, never `NaN`.
pub const VIDE: &str = "";

fn grouper(chiffres: &str) -> String {
    let mut sortie = String::with_capacity(chiffres.len() + chiffres.len() / 3 * 3);
    let n = chiffres.len();
    for (i, c) in chiffres.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            sortie.push(ESPACE_FINE);
        }
        sortie.push(c);
    }
    sortie
}

/// A scaled integer (`valeur / 10^decimales`) in French: `-12345, 2` → `-123,45`.
pub fn echelle(valeur: i128, decimales: u32) -> String {
    let abs = valeur.unsigned_abs();
    let p = puissance10(decimales).map(|p| p.unsigned_abs()).unwrap_or(1);
    let entiere = grouper(&(abs / p).to_string());
    let mut s = String::new();
    if valeur < 0 {
        s.push('-');
    }
    s.push_str(&entiere);
    if decimales > 0 {
        s.push(',');
        s.push_str(&format!("{:0width$}", abs % p, width = decimales as usize));
    }
    s
}

/// `r` rounded half away from zero to `decimales` decimals for a spreadsheet: decimal comma, no
/// thousands separator, no unit (`25188`, `51,2`, `-20,8`); empty when out of range.
pub fn brut(r: Ratio, decimales: u32) -> String {
    decimal(r, decimales).replace(ESPACE_FINE, "")
}

/// A whole number: `25188` → `25 188`.
pub fn entier(n: i128) -> String {
    echelle(n, 0)
}

/// A count and its words, agreed in French: singular for 0 and 1, plural from 2, digits grouped
/// as [`entier`] groups them.
///
/// ```
/// use indicateurs_caf::format::compte;
/// assert_eq!(compte(1, "ligne en erreur", "lignes en erreur"), "1 ligne en erreur");
/// assert_eq!(compte(0, "territoire lu", "territoires lus"), "0 territoire lu");
/// assert_eq!(compte(12_000, "ligne", "lignes"), "12\u{202f}000 lignes");
/// ```
pub fn compte(n: u64, singulier: &str, pluriel: &str) -> String {
    format!("{} {}", entier(i128::from(n)), if n > 1 { pluriel } else { singulier })
}

/// `r` rounded half away from zero to `decimales` decimals, in French.
pub fn decimal(r: Ratio, decimales: u32) -> String {
    r.arrondi(decimales).map(|v| echelle(v, decimales)).unwrap_or_default()
}

/// A percentage already multiplied by 100: `51,2 %`.
pub fn pourcent(r: Ratio, decimales: u32) -> String {
    suffixe(decimal(r, decimales), "%")
}

/// An amount in euros: `358 715 €`, `738,10 €`.
pub fn euros(r: Ratio, decimales: u32) -> String {
    suffixe(decimal(r, decimales), "€")
}

fn suffixe(s: String, unite: &str) -> String {
    if s.is_empty() {
        return s;
    }
    format!("{s}{ESPACE_INSECABLE}{unite}")
}

/// A signed figure: `+1,0`, `-20,8`, `+0,0` (a value that rounds to zero carries `+`).
pub fn signe(r: Ratio, decimales: u32) -> String {
    match r.arrondi(decimales) {
        Some(v) if v < 0 => echelle(v, decimales),
        Some(v) => format!("+{}", echelle(v, decimales)),
        None => String::new(),
    }
}

/// An amount rounded to two significant figures, for "près de" sentences:
/// `358 715` → `360 000`, `2 300 000` → `2 300 000`, `77 612` → `78 000`.
pub fn deux_chiffres_significatifs(r: Ratio) -> Option<i128> {
    let entier = r.arrondi(0)?;
    let chiffres = entier.unsigned_abs().to_string().len() as u32;
    if chiffres <= 2 {
        return Some(entier);
    }
    let p = puissance10(chiffres - 2)?;
    let q = Ratio::new(r.num(), r.den().checked_mul(p)?)?.arrondi(0)?;
    // Rounding can carry to one more digit (99 500 → 100 000): still two significant figures.
    q.checked_mul(p)
}

/// "près de 360 000 €".
pub fn pres_de_euros(r: Ratio) -> String {
    deux_chiffres_significatifs(r).map(|v| format!("près de {}", suffixe(entier(v), "€"))).unwrap_or_default()
}

/// The text with its first letter in capitals ("seuil" → "Seuil", "égal" → "Égal"), without
/// the Unicode case tables (French letters only).
pub fn capitale(s: &str) -> String {
    let mut c = s.chars();
    let Some(p) = c.next() else { return String::new() };
    let majuscule = match p {
        'é' => 'É',
        'è' => 'È',
        'ê' => 'Ê',
        'à' => 'À',
        'â' => 'Â',
        'î' => 'Î',
        'ô' => 'Ô',
        'û' => 'Û',
        'ç' => 'Ç',
        autre => autre.to_ascii_uppercase(),
    };
    let mut sortie = String::with_capacity(s.len());
    sortie.push(majuscule);
    sortie.push_str(c.as_str());
    sortie
}

/// The months as a date writes them.
const MOIS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// Whether `jour`/`mois`/`annee` is a day of the Gregorian calendar, years 1 to 9999 (29
/// February in leap years only: divisible by 4, and by 400 for a century).
pub fn date_valide(annee: i32, mois: u32, jour: u32) -> bool {
    if !(1..=9999).contains(&annee) {
        return false;
    }
    let bissextile = annee % 4 == 0 && (annee % 100 != 0 || annee % 400 == 0);
    let jours = match mois {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if bissextile => 29,
        2 => 28,
        _ => return false,
    };
    (1..=jours).contains(&jour)
}

/// A date written in full, as French writes it: `30 novembre 2026`, `1er décembre 2026`;
/// `None` when it is not a day of the calendar ([`date_valide`]).
///
/// Pages write today's date with it (the family's sheet, the study's title block) rather than
/// with `toLocaleDateString`, whose first call loads the browser's locale data (15 to 25 ms
/// on the main thread, before the first result is shown).
///
/// ```
/// use indicateurs_caf::format::date_longue;
/// assert_eq!(date_longue(2026, 12, 1).as_deref(), Some("1er décembre 2026"));
/// assert_eq!(date_longue(2026, 2, 29), None);
/// ```
pub fn date_longue(annee: i32, mois: u32, jour: u32) -> Option<String> {
    if !date_valide(annee, mois, jour) {
        return None;
    }
    let nom = MOIS.get(usize::try_from(mois).ok()?.checked_sub(1)?)?;
    let premier = if jour == 1 { "er" } else { "" };
    Some(format!("{jour}{premier} {nom} {annee}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lisible(s: &str) -> String {
        s.replace([ESPACE_FINE, ESPACE_INSECABLE], " ")
    }

    #[track_caller]
    fn cas(obtenu: String, attendu: &str) {
        assert_eq!(lisible(&obtenu), attendu);
    }

    #[test]
    fn formats() {
        cas(entier(25_188), "25 188");
        cas(entier(1_466_743), "1 466 743");
        cas(entier(-1_234), "-1 234");
        cas(entier(999), "999");
        cas(entier(0), "0");
        cas(decimal(Ratio::new(21, 10).unwrap(), 1), "2,1");
        cas(euros(Ratio::new(155_000, 210).unwrap(), 2), "738,10 €");
        cas(pourcent(Ratio::new(-4, 100).unwrap(), 1), "0,0 %");
        cas(signe(Ratio::new(-4, 100).unwrap(), 1), "+0,0");
        cas(signe(Ratio::new(104, 10).unwrap(), 1), "+10,4");
        cas(signe(Ratio::new(-208, 10).unwrap(), 1), "-20,8");
        cas(euros(Ratio::new(-65_919, 100).unwrap(), 2), "-659,19 €");
    }

    #[test]
    fn capitales() {
        assert_eq!(capitale("seuil"), "Seuil");
        assert_eq!(capitale("égal"), "Égal");
        assert_eq!(capitale(""), "");
        assert_eq!(capitale("1 an"), "1 an");
    }

    #[test]
    fn pres_de() {
        cas(pres_de_euros(Ratio::entier(358_715)), "près de 360 000 €");
        cas(pres_de_euros(Ratio::entier(23_205)), "près de 23 000 €");
        cas(pres_de_euros(Ratio::entier(51_555)), "près de 52 000 €");
        cas(pres_de_euros(Ratio::entier(99_500)), "près de 100 000 €");
        cas(pres_de_euros(Ratio::entier(45)), "près de 45 €");
    }
    #[track_caller]
    fn date(annee: i32, mois: u32, jour: u32, attendu: Option<&str>) {
        assert_eq!(date_longue(annee, mois, jour).as_deref(), attendu, "{annee}-{mois}-{jour}");
    }

    #[test]
    fn dates() {
        date(2026, 11, 30, Some("30 novembre 2026"));
        date(2026, 12, 1, Some("1er décembre 2026"));
        date(2027, 1, 31, Some("31 janvier 2027"));
        date(2026, 8, 15, Some("15 août 2026"));
        date(2026, 2, 10, Some("10 février 2026"));
        date(2024, 2, 29, Some("29 février 2024"));
        date(2000, 2, 29, Some("29 février 2000"));
        date(1900, 2, 29, None);
        date(2026, 2, 29, None);
        date(2026, 4, 31, None);
        date(2026, 13, 1, None);
        date(2026, 0, 1, None);
        date(2026, 1, 0, None);
        date(2026, 12, 32, None);
        date(0, 1, 1, None);
        date(-4, 2, 29, None);
        date(10_000, 1, 1, None);
        date(9999, 12, 31, Some("31 décembre 9999"));
        date(1, 1, 1, Some("1er janvier 1"));
    }
}
