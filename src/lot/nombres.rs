//! Numbers of the batch files, read and written at the byte level without allocation: whole
//! numbers, and decimals written with a comma and no grouping (French spreadsheets read them as
//! numbers). Amounts are read by the one reader of the crate, [`crate::nombre::lire_montant`].

#[inline]
pub(super) fn trim(c: &[u8]) -> &[u8] {
    let debut = c.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(c.len());
    let fin = c.iter().rposition(|b| !b.is_ascii_whitespace()).map(|p| p + 1).unwrap_or(debut);
    c.get(debut..fin).unwrap_or_default()
}

/// Reads a whole number (optional sign).
#[inline]
pub(super) fn entier(c: &[u8]) -> Option<i64> {
    let c = trim(c);
    let (negatif, chiffres) = match c.split_first() {
        Some((b'-', r)) => (true, r),
        Some((b'+', r)) => (false, r),
        _ => (false, c),
    };
    if chiffres.is_empty() || chiffres.len() > 15 {
        return None;
    }
    let mut n: i64 = 0;
    for &b in chiffres {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + i64::from(b - b'0');
    }
    Some(if negatif { -n } else { n })
}

/// Writes a whole number without allocation.
#[inline]
pub(super) fn ecrire_entier(sortie: &mut String, n: i64) {
    ecrire_decimal(sortie, n, 0);
}

/// Writes `valeur / 10^decimales` (at most 8 decimals) with a decimal comma.
#[inline]
pub(super) fn ecrire_decimal(sortie: &mut String, valeur: i64, decimales: u32) {
    let mut tampon = [0u8; 32];
    let mut i = tampon.len();
    let mut v = valeur.unsigned_abs();
    for k in 0..decimales.min(8) + 1 {
        if k == decimales.min(8) && decimales > 0 {
            i -= 1;
            tampon[i] = b',';
        }
        if k < decimales.min(8) {
            i -= 1;
            tampon[i] = b'0' + (v % 10) as u8;
            v /= 10;
        }
    }
    loop {
        i -= 1;
        tampon[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    if valeur < 0 {
        i -= 1;
        tampon[i] = b'-';
    }
    sortie.push_str(std::str::from_utf8(&tampon[i..]).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn montants_et_entiers() {
        assert_eq!(entier(b"2017"), Some(2017));
        assert_eq!(entier(b"20x"), None);
        let mut s = String::new();
        ecrire_decimal(&mut s, -5, 2);
        s.push(' ');
        ecrire_decimal(&mut s, 73_810, 2);
        s.push(' ');
        ecrire_entier(&mut s, 0);
        assert_eq!(s, "-0,05 738,10 0");
    }
}
