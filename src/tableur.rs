//! Writing cells for spreadsheets (CSV, `;`, UTF-8 with BOM as French spreadsheets expect):
//! quoting, and the neutralisation of cells a spreadsheet would run as a formula. Used by every
//! CSV export (diagnostic, territories, household batch).

/// The byte-order mark that makes spreadsheets read a CSV file as UTF-8.
pub const BOM: &str = "\u{feff}";

/// A CSV cell of text that came from outside (a name, an identifier): a cell a spreadsheet
/// would run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) is
/// neutralised by a leading `'`, whatever follows.
pub fn cellule_texte_csv(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    cellule_csv(&s)
}

/// A CSV cell of our own: neutralised like [`cellule_texte_csv`] unless it is one of our number
/// displays ("-20,8 %", "+1,0 %").
pub fn cellule_csv(s: &str) -> String {
    let nombre = |s: &str| {
        let corps = s.trim_start_matches(['+', '-']);
        !corps.is_empty()
            && corps.chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '\u{202f}' | '\u{a0}' | ' ' | '%' | '€'))
            && corps.starts_with(|c: char| c.is_ascii_digit())
    };
    let dangereux = s.starts_with(['=', '+', '-', '@', '\t', '\r']) && !nombre(s);
    let s = if dangereux { format!("'{s}") } else { s.to_string() };
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn cellule(entree: &str, texte: &str, nombre: &str) {
        assert_eq!((cellule_texte_csv(entree).as_str(), cellule_csv(entree).as_str()), (texte, nombre), "{entree}");
    }

    #[test]
    fn cellules_csv_neutralisees() {
        cellule("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0");
        cellule("@SUM(A1)", "'@SUM(A1)", "'@SUM(A1)");
        cellule("+1", "'+1", "+1");
        cellule("-20,8\u{a0}%", "'-20,8\u{a0}%", "-20,8\u{a0}%");
        cellule("-2+3", "'-2+3", "'-2+3");
        cellule("\tx", "'\tx", "'\tx");
        cellule("a;b", "\"a;b\"", "\"a;b\"");
        cellule("dit \"oui\"", "\"dit \"\"oui\"\"\"", "\"dit \"\"oui\"\"\"");
        cellule("Pas-de-Calais", "Pas-de-Calais", "Pas-de-Calais");
    }
}
