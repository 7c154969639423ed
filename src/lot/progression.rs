//! Progress of a batch and durations, in French.

use crate::format;
use crate::nombre::Ratio;

/// A progress report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progression {
    /// 0 to 100.
    pub pourcent: u32,
    /// Lines done.
    pub lignes: u64,
    /// Estimated lines in the whole file.
    pub lignes_estimees: u64,
    /// Estimated seconds left, when it can be estimated.
    pub reste_secondes: Option<u64>,
    /// French text: "42 % — 420 000 lignes sur environ 1 000 000, environ 3 s restantes".
    pub texte: String,
}

/// A progress report from lines and bytes done, total bytes and elapsed milliseconds.
pub fn progression(lignes: u64, octets: u64, total: u64, ecoule: u64) -> Progression {
    let total = total.max(octets).max(1);
    let pourcent = u32::try_from(octets.saturating_mul(100) / total).unwrap_or(100).min(100);
    let lignes_estimees =
        if octets == 0 { 0 } else { (u128::from(lignes) * u128::from(total) / u128::from(octets)) as u64 };
    let reste_secondes = (octets > 0 && ecoule > 0 && octets < total)
        .then(|| (u128::from(ecoule) * u128::from(total - octets) / u128::from(octets)).div_ceil(1000) as u64);
    let mut texte = format!(
        "{pourcent}\u{a0}% — {} sur environ {}",
        format::compte(lignes, "ligne", "lignes"),
        format::entier(i128::from(lignes_estimees.max(lignes)))
    );
    match reste_secondes {
        Some(s) => texte.push_str(&format!(
            ", environ {}\u{a0}s restante{}",
            format::entier(i128::from(s)),
            if s > 1 { "s" } else { "" }
        )),
        None if pourcent == 100 => {
            texte = format!("100\u{a0}% — {}", format::compte(lignes, "ligne traitée", "lignes traitées"))
        }
        None => {}
    }
    Progression { pourcent, lignes, lignes_estimees, reste_secondes, texte }
}

/// A progress report over a known number of lines (no estimate): "40 % — 1 000 lignes sur 2 500",
/// then "100 % — 2 500 lignes traitées".
pub fn progression_sur(lignes: u64, total: u64) -> Progression {
    let mut p = progression(lignes, lignes, total, 0);
    if p.pourcent < 100 {
        p.texte = format!(
            "{}\u{a0}% — {} sur {}",
            p.pourcent,
            format::compte(lignes, "ligne", "lignes"),
            format::entier(i128::from(total))
        );
    }
    p
}

/// A duration in French, from two timestamps in milliseconds: "0,42 s", "1 min 05 s".
pub fn duree(debut_ms: f64, fin_ms: f64) -> String {
    let ms = if fin_ms.is_finite() && debut_ms.is_finite() && fin_ms > debut_ms {
        (fin_ms - debut_ms).round() as u64
    } else {
        0
    };
    if ms < 60_000 {
        format!("{}\u{a0}s", format::decimal(Ratio::new(i128::from(ms), 1000).unwrap_or(Ratio::ZERO), 2))
    } else {
        format!("{}\u{a0}min {:02}\u{a0}s", ms / 60_000, (ms % 60_000) / 1000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progression_et_duree() {
        let p = progression(420_000, 42, 100, 3_000);
        assert_eq!(p.pourcent, 42);
        assert_eq!(p.lignes_estimees, 1_000_000);
        assert_eq!(p.reste_secondes, Some(5));
        assert_eq!(
            p.texte.replace(['\u{a0}', '\u{202f}'], " "),
            "42 % — 420 000 lignes sur environ 1 000 000, environ 5 s restantes"
        );
        assert_eq!(progression(10, 100, 100, 50).texte, "100\u{a0}% — 10 lignes traitées");
        assert_eq!(progression_sur(1_000, 2_500).texte, "40\u{a0}% — 1\u{202f}000 lignes sur 2\u{202f}500");
        assert_eq!(progression_sur(2_500, 2_500).texte, "100\u{a0}% — 2\u{202f}500 lignes traitées");
        assert_eq!(progression(0, 0, 0, 0).pourcent, 0);
        assert_eq!(duree(1000.0, 1420.4), "0,42\u{a0}s");
        assert_eq!(duree(0.0, 65_000.0), "1\u{a0}min 05\u{a0}s");
        assert_eq!(duree(f64::NAN, 3.0), "0,00\u{a0}s");
    }
}
