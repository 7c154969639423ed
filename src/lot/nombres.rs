//! Numbers of the batch files, read and written at the byte level without allocation: whole
//! numbers, amounts in euros (decimal comma or point) read into centimes, decimals written with a
//! comma and no grouping (French spreadsheets read them as numbers).

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

/// Reads an amount in euros (`14400`, `-300,5`, `1200.25`) into centimes, rounded half away
/// from zero beyond two decimals; `Ok(None)` when empty.
#[inline]
pub(super) fn centimes(c: &[u8]) -> Result<Option<i64>, ()> {
    let c = trim(c);
    if c.is_empty() {
        return Ok(None);
    }
    let (negatif, reste) = match c.split_first() {
        Some((b'-', r)) => (true, r),
        Some((b'+', r)) => (false, r),
        _ => (false, c),
    };
    let (entiere, fraction) = match reste.iter().position(|&b| b == b',' || b == b'.') {
        Some(p) => (reste.get(..p).unwrap_or_default(), reste.get(p + 1..).unwrap_or_default()),
        None => (reste, &b""[..]),
    };
    if (entiere.is_empty() && fraction.is_empty()) || entiere.len() > 13 || fraction.len() > 12 {
        return Err(());
    }
    let mut n: i64 = 0;
    for &b in entiere {
        if !b.is_ascii_digit() {
            return Err(());
        }
        n = n * 10 + i64::from(b - b'0');
    }
    let mut cents: i64 = 0;
    let mut arrondi = 0;
    for (i, &b) in fraction.iter().enumerate() {
        if !b.is_ascii_digit() {
            return Err(());
        }
        match i {
            0 | 1 => cents = cents * 10 + i64::from(b - b'0'),
            2 => arrondi = i64::from(b >= b'5'),
            _ => {}
        }
    }
    if fraction.len() == 1 {
        cents *= 10;
    }
    let v = n * 100 + cents + arrondi;
    Ok(Some(if negatif { -v } else { v }))
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
        assert_eq!(centimes(b"14400"), Ok(Some(1_440_000)));
        assert_eq!(centimes(b" 12000,5 "), Ok(Some(1_200_050)));
        assert_eq!(centimes(b"-300.255"), Ok(Some(-30_026)));
        assert_eq!(centimes(b"0,004"), Ok(Some(0)));
        assert_eq!(centimes(b""), Ok(None));
        assert_eq!(centimes(b"12a"), Err(()));
        assert_eq!(centimes(b","), Err(()));
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
