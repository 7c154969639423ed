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
//! UTF-8; otherwise one byte per character, in Windows-1252, or in ISO-8859-15 (Latin-9, which
//! some older French software writes) when the bytes say so: a « œ » (`BD`), « Œ » (`BC`) or
//! « € » (`A4`) of Latin-9, and none of the bytes `80`–`9F` where Windows-1252 has its own
//! characters (Latin-9 has only control codes there); or in Mac Roman (Excel for Mac's CSV) when
//! that reads more French accented letters than the others would. Nothing is lost either way.
//!
//! ```
//! use indicateurs_caf::tableur::{lire_cellule, lire_fichier, Encodage};
//! // « Dupré » as Excel writes it, then as UTF-8.
//! assert_eq!(lire_cellule(b"Dupr\xe9"), "Dupré");
//! assert_eq!(lire_fichier("Dupré".as_bytes()), ("Dupré".into(), Encodage::Utf8));
//! assert_eq!(lire_fichier(b"\x80 \x9c"), ("€ œ".into(), Encodage::Windows1252));
//! // « Cœur de Savoie, 12 € » in ISO-8859-15.
//! assert_eq!(lire_fichier(b"C\xbdur de Savoie, 12 \xa4"), ("Cœur de Savoie, 12 €".into(), Encodage::Iso885915));
//! // « Sainte-Hélène » as Excel for Mac writes it.
//! assert_eq!(lire_fichier(b"Sainte-H\x8el\x8fne"), ("Sainte-Hélène".into(), Encodage::MacRoman));
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
    /// Windows-1252: the bytes were not UTF-8 (and not ISO-8859-15, [`Encodage::Iso885915`]).
    Windows1252,
    /// ISO-8859-15 (Latin-9): the bytes were not UTF-8, had none of the bytes `80`–`9F` that
    /// Windows-1252 uses, and had one of the eight where Latin-9 writes € Š š Ž ž Œ œ Ÿ
    /// (Windows-1252 writes there ¤ ¦ ¨ ´ ¸ ¼ ½ ¾, which French text does not use).
    Iso885915,
    /// Mac Roman, the encoding of Excel for Mac's « CSV (séparateur : point-virgule) »: the bytes
    /// were not UTF-8, and read in Mac Roman they give more French letters (é è à ç œ…) than
    /// read in Windows-1252 or ISO-8859-15 (« é » is `8E` in Mac Roman, `E9` in the others).
    MacRoman,
}

/// The eight bytes where ISO-8859-15 differs from Windows-1252 (between `A0` and `FF`), and its
/// characters there.
const ISO_8859_15: [(u8, char); 8] =
    [(0xa4, '€'), (0xa6, 'Š'), (0xa8, 'š'), (0xb4, 'Ž'), (0xb8, 'ž'), (0xbc, 'Œ'), (0xbd, 'œ'), (0xbe, 'Ÿ')];

/// How bytes that are not UTF-8 are read: Mac Roman when it reads more French letters in them
/// ([`lettres_francaises`]) than the other two; otherwise ISO-8859-15 when they have one of its
/// eight own characters and none of Windows-1252's bytes `80`–`9F`; Windows-1252 otherwise (the
/// two agree on every other byte). A tie is not Mac Roman: « é » in Windows-1252 (`E9`) is « È »
/// in Mac Roman, a French letter too.
fn encodage_latin(octets: &[u8]) -> Encodage {
    let windows = octets.iter().any(|b| (0x80..=0x9f).contains(b));
    let latin9 = octets.iter().any(|b| ISO_8859_15.iter().any(|(o, _)| o == b));
    let latin = if latin9 && !windows { Encodage::Iso885915 } else { Encodage::Windows1252 };
    if lettres_francaises(octets, Encodage::MacRoman) > lettres_francaises(octets, latin) {
        Encodage::MacRoman
    } else {
        latin
    }
}

/// Whether a character is an accented letter of French, lower or upper case.
#[rustfmt::skip]
fn lettre_francaise(c: char) -> bool {
    matches!(c, 'à' | 'â' | 'ä' | 'ç' | 'é' | 'è' | 'ê' | 'ë' | 'î' | 'ï' | 'ô' | 'ö' | 'ù' | 'û' | 'ü' | 'ÿ' | 'œ' | 'æ'
        | 'À' | 'Â' | 'Ä' | 'Ç' | 'É' | 'È' | 'Ê' | 'Ë' | 'Î' | 'Ï' | 'Ô' | 'Ö' | 'Ù' | 'Û' | 'Ü' | 'Ÿ' | 'Œ' | 'Æ')
}

/// How many of the bytes from `80` up are French accented letters inside a word when read in
/// `encodage`: next to an ASCII letter or to another such letter. Alone they prove nothing:
/// Mac Roman's no-break space and « € » (`CA`, `DB`) are « Ê » and « Û » in Windows-1252,
/// which a French text never puts between digits (`12 000 €`).
fn lettres_francaises(octets: &[u8], encodage: Encodage) -> usize {
    let lettre = |b: u8| b >= 0x80 && lettre_francaise(caractere(encodage, b));
    let voisine =
        |i: Option<usize>| i.and_then(|i| octets.get(i)).is_some_and(|&b| b.is_ascii_alphabetic() || lettre(b));
    (0..octets.len()).filter(|&i| lettre(octets[i]) && (voisine(i.checked_sub(1)) || voisine(Some(i + 1)))).count()
}

/// The character of a byte from `80` up in a one-byte encoding (UTF-8 reads as Windows-1252).
fn caractere(encodage: Encodage, b: u8) -> char {
    match (encodage, b) {
        (Encodage::MacRoman, 0x80..) => MAC_ROMAN_80_FF[usize::from(b - 0x80)],
        (Encodage::Iso885915, _) => ISO_8859_15.iter().find(|(o, _)| *o == b).map_or(char::from(b), |(_, c)| *c),
        (_, 0x80..=0x9f) => WINDOWS_1252_80_9F[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// The characters of Mac Roman at the bytes 0x80 to 0xFF (the WHATWG Encoding Standard's index
/// macintosh, as browsers decode it: `DB` is « € », `F0` the Apple logo of the private use area).
/// Every byte below 0x80 is ASCII.
const MAC_ROMAN_80_FF: [char; 128] = [
    'Ä', 'Å', 'Ç', 'É', 'Ñ', 'Ö', 'Ü', 'á', 'à', 'â', 'ä', 'ã', 'å', 'ç', 'é', 'è', //
    'ê', 'ë', 'í', 'ì', 'î', 'ï', 'ñ', 'ó', 'ò', 'ô', 'ö', 'õ', 'ú', 'ù', 'û', 'ü', //
    '†', '°', '¢', '£', '§', '•', '¶', 'ß', '®', '©', '™', '´', '¨', '≠', 'Æ', 'Ø', //
    '∞', '±', '≤', '≥', '¥', 'µ', '∂', '∑', '∏', 'π', '∫', 'ª', 'º', 'Ω', 'æ', 'ø', //
    '¿', '¡', '¬', '√', 'ƒ', '≈', '∆', '«', '»', '…', '\u{a0}', 'À', 'Ã', 'Õ', 'Œ', 'œ', //
    '–', '—', '“', '”', '‘', '’', '÷', '◊', 'ÿ', 'Ÿ', '⁄', '€', '‹', '›', 'ﬁ', 'ﬂ', //
    '‡', '·', '‚', '„', '‰', 'Â', 'Ê', 'Á', 'Ë', 'È', 'Í', 'Î', 'Ï', 'Ì', 'Ó', 'Ô', //
    '\u{f8ff}', 'Ò', 'Ú', 'Û', 'Ù', 'ı', 'ˆ', '˜', '¯', '˘', '˙', '˚', '¸', '˝', '˛', 'ˇ',
];

/// The characters of Windows-1252 at the bytes 0x80 to 0x9F (the WHATWG Encoding Standard's
/// index, as browsers decode it: the five bytes it leaves undefined give the control character
/// of the same number). Every other byte is the Unicode character of the same number.
const WINDOWS_1252_80_9F: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', //
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// The text of bytes in a one-byte encoding.
fn decoder(octets: &[u8], encodage: Encodage) -> String {
    octets.iter().map(|&b| caractere(encodage, b)).collect()
}

/// The text of a whole file, without its byte-order mark, and how it was read: UTF-8 when the
/// bytes are UTF-8, or when they start with the UTF-8 byte-order mark (a sequence UTF-8 cannot
/// read then becomes U+FFFD); Windows-1252, ISO-8859-15 or Mac Roman otherwise, the file judged as
/// a whole ([`Encodage`]). Borrowed when the file is UTF-8.
pub fn lire_fichier(octets: &[u8]) -> (Cow<'_, str>, Encodage) {
    match octets.strip_prefix(BOM.as_bytes()) {
        Some(reste) => (String::from_utf8_lossy(reste), Encodage::Utf8),
        None => lire(octets),
    }
}

/// The text of one cell, for files read piece by piece whose encoding is not known as a whole
/// (the household batch): UTF-8 when the bytes are UTF-8, otherwise Windows-1252, ISO-8859-15
/// or Mac Roman, the cell judged on its own bytes ([`Encodage`]).
pub fn lire_cellule(octets: &[u8]) -> Cow<'_, str> {
    lire(octets).0
}

/// UTF-8 when the bytes are UTF-8 (borrowed), otherwise Windows-1252, ISO-8859-15 or Mac Roman.
fn lire(octets: &[u8]) -> (Cow<'_, str>, Encodage) {
    match std::str::from_utf8(octets) {
        Ok(texte) => (Cow::Borrowed(texte), Encodage::Utf8),
        Err(_) => {
            let encodage = encodage_latin(octets);
            (Cow::Owned(decoder(octets, encodage)), encodage)
        }
    }
}

/// The warning given when a file was not UTF-8 (`None` when it was), naming the encoding read.
pub fn avertissement_encodage(fichier: &str, encodage: Encodage) -> Option<String> {
    match encodage {
        Encodage::Utf8 => None,
        Encodage::Windows1252 => Some(format!(
            "{fichier} n'est pas en UTF-8 : lu en Windows-1252, l'encodage d'Excel pour « CSV (séparateur : point-virgule) ». Vérifiez les lettres accentuées des noms."
        )),
        Encodage::Iso885915 => Some(format!(
            "{fichier} n'est pas en UTF-8 : lu en ISO-8859-15 (Latin-9), parce qu'il a des « œ », « Œ » ou « € » de cet encodage et aucun caractère propre à Windows-1252. Vérifiez les lettres accentuées des noms."
        )),
        Encodage::MacRoman => Some(format!(
            "{fichier} n'est pas en UTF-8 : lu en Mac Roman, l'encodage d'Excel pour Mac en « CSV (séparateur : point-virgule) », parce qu'il y donne plus de lettres accentuées qu'en Windows-1252. Vérifiez les lettres accentuées des noms."
        )),
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
    fn iso_8859_15_quand_ses_octets_le_disent() {
        // « Cœur de Savoie », « Œuvre », « 12 € » as Latin-9 writes them.
        lu(b"C\xbdur de Savoie;\xbcuvre;12 \xa4", "Cœur de Savoie;Œuvre;12 €", Encodage::Iso885915);
        lu(b"\xa6\xa8\xb4\xb8\xbe;\xe9", "ŠšŽžŸ;é", Encodage::Iso885915);
        // One byte of Windows-1252's own (80–9F) and the file is Windows-1252: ½ stays ½.
        lu(b"C\xbdur;\x92", "C½ur;’", Encodage::Windows1252);
        // Only the bytes both encodings share: Windows-1252, as before.
        lu(b"Saint-\xc9tienne", "Saint-Étienne", Encodage::Windows1252);
        // A cell of the household batch is judged on its own bytes.
        assert_eq!(lire_cellule(b"C\xbdur"), "Cœur");
        assert_eq!(lire_cellule(b"\x9c \xbd"), "œ ½");
    }

    #[test]
    fn mac_roman_quand_il_lit_plus_de_lettres_francaises() {
        // As Excel for Mac saves « CSV (séparateur : point-virgule) »: « é » 8E, « è » 8F, « à » 88,
        // « ç » 8D, « ô » 99, « œ » CF, « É » 83, « € » DB, no-break space CA, « ’ » D5.
        lu(
            b"Sainte-H\x8el\x8fne;\x88 c\x99t\x8e;Fran\x8dois;C\xcfur;\x83cole",
            "Sainte-Hélène;à côté;François;Cœur;École",
            Encodage::MacRoman,
        );
        lu(b"12\xca000 \xdb;l\xd5\x8ecole", "12\u{a0}000 €;l’école", Encodage::MacRoman);
        // Windows-1252's « é » (E9) is Mac Roman's « È »: a tie stays Windows-1252.
        lu(b"Dupr\xe9", "Dupré", Encodage::Windows1252);
        lu(b"\xe9\xe8\xea\xe0\xe7", "éèêàç", Encodage::Windows1252);
        // A Windows-1252 file whose bytes 80–9F are punctuation (’ – …) stays Windows-1252.
        lu(b"l\x92\xe9t\xe9 \x96 \x85", "l’été – …", Encodage::Windows1252);
        // A Latin-9 « œ » (BD) is Mac Roman's « Ω »: Latin-9 keeps it.
        lu(b"C\xbdur", "Cœur", Encodage::Iso885915);
        // A cell of the household batch, on its own bytes.
        assert_eq!(lire_cellule(b"Andr\x8e"), "André");
    }

    #[test]
    fn mac_roman_lit_chaque_octet() {
        let texte = decoder(&(0..=255).collect::<Vec<u8>>(), Encodage::MacRoman);
        assert_eq!(texte.chars().count(), 256, "un caractère par octet");
        assert!(texte.chars().take(128).eq((0..128u8).map(char::from)), "ASCII en dessous de 80");
        // Each of the 36 French accented letters has its byte.
        let francaises: String = texte.chars().filter(|&c| lettre_francaise(c)).collect();
        assert_eq!(francaises, "ÄÇÉÖÜàâäçéèêëîïôöùûüÆæÀŒœÿŸÂÊËÈÎÏÔÛÙ");
    }

    #[test]
    fn avertissements_d_encodage() {
        assert_eq!(avertissement_encodage("Le fichier", Encodage::Utf8), None);
        for (encodage, nom) in [
            (Encodage::Windows1252, "Windows-1252"),
            (Encodage::Iso885915, "ISO-8859-15"),
            (Encodage::MacRoman, "Mac Roman"),
        ] {
            let a = avertissement_encodage("Le fichier « x.csv »", encodage).unwrap_or_default();
            assert!(a.starts_with(&format!("Le fichier « x.csv » n'est pas en UTF-8 : lu en {nom}")), "{a}");
        }
    }

    #[test]
    fn iso_8859_15_lit_chaque_octet() {
        let texte = decoder(&(0..=255).collect::<Vec<u8>>(), Encodage::Iso885915);
        assert_eq!(texte.chars().count(), 256, "un caractère par octet");
        let propres: String = texte.chars().filter(|c| u32::from(*c) > 0xff).collect();
        assert_eq!(propres, "€ŠšŽžŒœŸ");
    }

    #[test]
    fn windows_1252_lit_chaque_octet() {
        let tous: Vec<u8> = (0..=255).collect();
        let texte = decoder(&tous, Encodage::Windows1252);
        assert_eq!(texte.chars().count(), 256, "un caractère par octet");
        for (b, c) in tous.iter().zip(texte.chars()) {
            match b {
                0x80..=0x9f => assert_eq!(c, WINDOWS_1252_80_9F[usize::from(b - 0x80)]),
                _ => assert_eq!(u32::from(c), u32::from(*b), "{b:x}"),
            }
        }
    }
}
