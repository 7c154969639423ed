//! Files for and from spreadsheets.
//!
//! Writing: cells for CSV (`;`, UTF-8 with BOM as French spreadsheets expect), quoting, and the
//! neutralisation of cells a spreadsheet would run as a formula. Used by every CSV export
//! (diagnostic, territories, household batch).
//!
//! Reading: the text of a file a spreadsheet wrote. French Excel saves « CSV (séparateur :
//! point-virgule) » in Windows-1252, not UTF-8: « Saint-Étienne » arrives as the bytes
//! `53 61 69 6E 74 2D C9 74…`, which UTF-8 cannot read. Every file the project reads (counts,
//! open data, foyers) goes through [`lire_fichier`] or [`lire_cellule`]: UTF-8 when the bytes are
//! UTF-8, Windows-1252 otherwise, where every byte is a character and nothing is lost.
//!
//! ```
//! use indicateurs_caf::tableur::{lire_cellule, lire_fichier, Encodage};
//! // « Dupré » as Excel writes it, then as UTF-8.
//! assert_eq!(lire_cellule(b"Dupr\xe9"), "Dupré");
//! assert_eq!(lire_fichier("Dupré".as_bytes()), ("Dupré".into(), Encodage::Utf8));
//! assert_eq!(lire_fichier(b"\x80 \x9c"), ("€ œ".into(), Encodage::Windows1252));
//! ```

use std::borrow::Cow;

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

/// How the bytes of a file were read ([`lire_fichier`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encodage {
    /// UTF-8 (with or without its byte-order mark).
    Utf8,
    /// Windows-1252: the bytes were not UTF-8.
    Windows1252,
}

/// The characters of Windows-1252 at the bytes 0x80 to 0x9F (the WHATWG Encoding Standard's
/// index, as browsers decode it: the five bytes it leaves undefined give the control character
/// of the same number). Every other byte is the Unicode character of the same number.
const WINDOWS_1252_80_9F: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', //
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

fn windows_1252(octets: &[u8]) -> String {
    octets
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => WINDOWS_1252_80_9F[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// The text of a whole file, without its byte-order mark, and how it was read: UTF-8 when the
/// bytes are UTF-8, or when they start with the UTF-8 byte-order mark (a sequence UTF-8 cannot
/// read then becomes U+FFFD); Windows-1252 otherwise. Borrowed when the file is UTF-8.
pub fn lire_fichier(octets: &[u8]) -> (Cow<'_, str>, Encodage) {
    if let Some(reste) = octets.strip_prefix(BOM.as_bytes()) {
        return (String::from_utf8_lossy(reste), Encodage::Utf8);
    }
    let texte = lire_cellule(octets);
    let encodage = if matches!(texte, Cow::Owned(_)) { Encodage::Windows1252 } else { Encodage::Utf8 };
    (texte, encodage)
}

/// The text of one cell, for files read piece by piece whose encoding is not known as a whole
/// (the household batch): UTF-8 when the bytes are UTF-8, Windows-1252 otherwise.
pub fn lire_cellule(octets: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(octets) {
        Ok(texte) => Cow::Borrowed(texte),
        Err(_) => Cow::Owned(windows_1252(octets)),
    }
}

/// The warning given when a file was read as Windows-1252 ([`Encodage::Windows1252`]).
pub fn avertissement_windows_1252(fichier: &str) -> String {
    format!(
        "{fichier} n'est pas en UTF-8 : lu en Windows-1252, l'encodage d'Excel pour « CSV (séparateur : point-virgule) ». Vérifiez les lettres accentuées des noms."
    )
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

    #[track_caller]
    fn lu(octets: &[u8], texte: &str, encodage: Encodage) {
        assert_eq!(lire_fichier(octets), (Cow::Borrowed(texte), encodage), "{octets:x?}");
    }

    #[test]
    fn fichiers_utf8_ou_windows_1252() {
        lu(b"", "", Encodage::Utf8);
        lu(b"code;nom", "code;nom", Encodage::Utf8);
        lu("Saint-Étienne;Œuvre".as_bytes(), "Saint-Étienne;Œuvre", Encodage::Utf8);
        lu("\u{feff}Saint-Étienne".as_bytes(), "Saint-Étienne", Encodage::Utf8);
        // As French Excel saves « CSV (séparateur : point-virgule) ».
        lu(b"Saint-\xc9tienne;\x8cuvre;\x80;\x92", "Saint-Étienne;Œuvre;€;’", Encodage::Windows1252);
        lu(b"Ma\xefs \xe0 l\xa0\xe9t\xe9 \xff", "Maïs à l\u{a0}été ÿ", Encodage::Windows1252);
        // A UTF-8 byte-order mark says UTF-8: a broken sequence after it is not re-read.
        lu(b"\xef\xbb\xbfSaint-\xc9tienne", "Saint-\u{fffd}tienne", Encodage::Utf8);
        // A UTF-8 file cut inside a character is not UTF-8.
        lu(&"é".as_bytes()[..1], "Ã", Encodage::Windows1252);
        assert!(matches!(lire_fichier("déjà".as_bytes()).0, Cow::Borrowed(_)));
        assert_eq!(lire_cellule(b"Dupr\xe9"), "Dupré");
        assert!(matches!(lire_cellule("Dupré".as_bytes()), Cow::Borrowed(_)));
    }

    #[test]
    fn windows_1252_lit_chaque_octet() {
        let tous: Vec<u8> = (0..=255).collect();
        let texte = windows_1252(&tous);
        assert_eq!(texte.chars().count(), 256, "un caractère par octet");
        for (b, c) in tous.iter().zip(texte.chars()) {
            match b {
                0x80..=0x9f => assert_eq!(c, WINDOWS_1252_80_9F[usize::from(b - 0x80)]),
                _ => assert_eq!(u32::from(c), u32::from(*b), "{b:x}"),
            }
        }
    }
}
