//! Numbers of the batch files, read and written at the byte level without allocation: whole
//! numbers, and decimals written with a comma and no grouping (French spreadsheets read them as
//! numbers). Amounts are read by the one reader of the crate, [`crate::nombre::lire_montant`].

use crate::nombre::Ratio;

#[inline]
pub(super) fn trim(c: &[u8]) -> &[u8] {
    c.trim_ascii()
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

/// The length of the text of `v / 10^d` (at most 8 decimals; `negatif`: with a minus sign).
#[inline(always)]
fn longueur(v: u64, negatif: bool, d: u32) -> usize {
    let d = d.min(8);
    let entiers = (v / 10u64.pow(d)).checked_ilog10().map_or(1, |l| l as usize + 1);
    usize::from(negatif) + entiers + if d > 0 { d as usize + 1 } else { 0 }
}

/// The one writer of numbers of the batch files: the text of `v / 10^d` (at most 8 decimals)
/// with a decimal comma, filling `zone`, whose length is [`longueur`]. The integer part is
/// written two digits at a time, in 32 bits when it fits (wasm has no 64-bit multiply-high, so
/// a 64-bit division by a constant stays a division there). Always inlined: where `d` is a
/// constant, so are the divisors.
#[inline(always)]
fn ecrire_dans(zone: &mut [u8], v: u64, negatif: bool, d: u32) {
    let d = d.min(8);
    let (mut e, mut f) = match u32::try_from(v) {
        Ok(v) => (u64::from(v / 10u32.pow(d)), v % 10u32.pow(d)),
        Err(_) => (v / 10u64.pow(d), (v % 10u64.pow(d)) as u32),
    };
    let mut i = zone.len();
    if d > 0 {
        for _ in 0..d {
            i -= 1;
            zone[i] = b'0' + (f % 10) as u8;
            f /= 10;
        }
        i -= 1;
        zone[i] = b',';
    }
    while e > u64::from(u32::MAX) {
        let r = (e % 100) as usize * 2;
        e /= 100;
        i -= 2;
        zone[i] = PAIRES[r];
        zone[i + 1] = PAIRES[r + 1];
    }
    let mut e = e as u32;
    while e >= 10 {
        let r = (e % 100) as usize * 2;
        e /= 100;
        i -= 2;
        zone[i] = PAIRES[r];
        zone[i + 1] = PAIRES[r + 1];
    }
    if e > 0 || i > usize::from(negatif) {
        // A last odd digit, or the zero of a value under one.
        i -= 1;
        zone[i] = b'0' + e as u8;
    }
    if negatif {
        zone[0] = b'-';
    }
}

/// The text of `valeur / 10^decimales` (at most 8 decimals) with a decimal comma, ASCII,
/// right-aligned: the bytes are `tampon[debut..]`.
#[inline]
fn decimal(valeur: i64, decimales: u32) -> ([u8; 24], usize) {
    // 19 digits, a sign, a comma and a leading zero at most: 24 bytes are enough.
    let mut tampon = [0u8; 24];
    let (v, negatif) = (valeur.unsigned_abs(), valeur < 0);
    let debut = tampon.len() - longueur(v, negatif, decimales);
    if let Some(zone) = tampon.get_mut(debut..) {
        ecrire_dans(zone, v, negatif, decimales);
    }
    (tampon, debut)
}

/// The hundred pairs of digits `00` to `99`.
const PAIRES: &[u8; 200] = b"0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// The buffer of a row, kept by its writer from row to row (never cleared: each row writes
/// the bytes it copies out).
pub(super) type Tampon = [u8; 256];

/// One result row built in a buffer and appended to the output in one copy: no capacity check
/// or library call per cell. The buffer is flushed whenever a piece would not fit, so a row of
/// any length is written whole.
pub(super) struct Rangee<'a> {
    sortie: &'a mut Vec<u8>,
    tampon: &'a mut Tampon,
    n: usize,
}

impl<'a> Rangee<'a> {
    /// A row appended to `sortie` by [`Rangee::fin`], built in `tampon`.
    #[inline]
    pub(super) fn new(sortie: &'a mut Vec<u8>, tampon: &'a mut Tampon) -> Rangee<'a> {
        Rangee { sortie, tampon, n: 0 }
    }

    #[inline]
    fn vider(&mut self) {
        self.sortie.extend_from_slice(self.tampon.get(..self.n).unwrap_or_default());
        self.n = 0;
    }

    /// Appends bytes.
    #[inline]
    pub(super) fn octets(&mut self, octets: &[u8]) {
        if self.n + octets.len() > self.tampon.len() {
            self.vider();
            if octets.len() > self.tampon.len() {
                self.sortie.extend_from_slice(octets);
                return;
            }
        }
        if let Some(place) = self.tampon.get_mut(self.n..self.n + octets.len()) {
            place.copy_from_slice(octets);
            self.n += octets.len();
        }
    }

    /// Appends one byte (a separator).
    #[inline]
    pub(super) fn octet(&mut self, octet: u8) {
        if self.n == self.tampon.len() {
            self.vider();
        }
        if let Some(place) = self.tampon.get_mut(self.n) {
            *place = octet;
            self.n += 1;
        }
    }

    /// Appends `valeur / 10^DECIMALES` (at most 8 decimals) with a decimal comma, written in
    /// place ([`ecrire_dans`]). The count of decimals is a constant of each call site, so that
    /// the divisions are by constants (a multiplication) rather than by a power computed at run
    /// time.
    #[inline]
    pub(super) fn decimal<const DECIMALES: u32>(&mut self, valeur: i64) {
        // 19 digits, a sign, a comma and a leading zero at most.
        if self.n + 24 > self.tampon.len() {
            self.vider();
        }
        if let (1 | 2, Ok(v @ 0..1_000_000_000)) = (DECIMALES, u32::try_from(valeur)) {
            return self.decimal_courant::<DECIMALES>(v);
        }
        let (v, negatif) = (valeur.unsigned_abs(), valeur < 0);
        let n = longueur(v, negatif, DECIMALES);
        if let Some(zone) = self.tampon.get_mut(self.n..self.n + n) {
            ecrire_dans(zone, v, negatif, DECIMALES);
            self.n += n;
        }
    }

    /// [`Rangee::decimal`] for the common amounts and rates: one or two decimals, `v` under
    /// 10⁹. The integer part is written as eight zero-padded digits with a fixed amount of work
    /// (four pairs), then copied at once from its first significant digit: no loop and no branch
    /// on the count of digits, which changes from row to row (the loop of [`ecrire_dans`]
    /// mispredicts at its end; ≈ 10 ns a number). The caller has made room for 24 bytes.
    #[inline(always)]
    fn decimal_courant<const DECIMALES: u32>(&mut self, v: u32) {
        let p = 10u32.pow(DECIMALES);
        let (e, f) = (v / p, v % p);
        let (haut, bas) = (e / 10_000, e % 10_000);
        let mut bloc = [0u8; 24];
        let paires = [haut / 100, haut % 100, bas / 100, bas % 100, f];
        for (k, &q) in paires.iter().enumerate() {
            let q = q as usize * 2;
            // The pair of the decimals goes after the comma (at 9); one decimal is its second digit.
            let place = if k < 4 { 2 * k } else { 9 };
            if let (Some(b), Some(c)) = (bloc.get_mut(place..place + 2), PAIRES.get(q..q + 2)) {
                b.copy_from_slice(c);
            }
        }
        bloc[8] = b',';
        if DECIMALES == 1 {
            bloc[9] = bloc[10];
        }
        let chiffres = e.checked_ilog10().map_or(1, |l| l as usize + 1);
        let debut = 8usize.saturating_sub(chiffres);
        if let (Some(place), Some(texte)) = (self.tampon.get_mut(self.n..self.n + 16), bloc.get(debut..debut + 16)) {
            place.copy_from_slice(texte);
            self.n += chiffres + 1 + DECIMALES as usize;
        }
    }

    /// Appends a short text, its whole block copied at once.
    #[inline]
    pub(super) fn court(&mut self, c: &Court) {
        if self.n + 32 > self.tampon.len() {
            self.vider();
        }
        if let Some(place) = self.tampon.get_mut(self.n..self.n + 32) {
            place.copy_from_slice(&c.octets);
            self.n += c.n;
        }
    }

    /// Appends `valeur / 10` with one decimal, for a value under 1 000 (a number of
    /// consumption units in tenths); any other value as [`Rangee::decimal`].
    #[inline]
    pub(super) fn dixiemes(&mut self, valeur: u32) {
        if valeur >= 1000 || self.n + 4 > self.tampon.len() {
            return self.decimal::<1>(i64::from(valeur));
        }
        let (c, d, u) = ((valeur / 100) as u8, (valeur / 10 % 10) as u8, (valeur % 10) as u8);
        let mut i = self.n;
        if c > 0 {
            self.tampon[i] = b'0' + c;
            i += 1;
        }
        self.tampon[i] = b'0' + d;
        self.tampon[i + 1] = b',';
        self.tampon[i + 2] = b'0' + u;
        self.n = i + 3;
    }

    /// Appends the row to the output.
    #[inline]
    pub(super) fn fin(mut self) {
        self.vider();
    }
}

/// A short text (at most 32 bytes) kept in a fixed block: a row copies the whole block at once
/// (a constant-size copy, no library call) and keeps its length.
#[derive(Debug, Clone, Copy)]
pub(super) struct Court {
    octets: [u8; 32],
    n: usize,
}

impl Court {
    /// The text, or `None` beyond 32 bytes.
    pub(super) fn new(texte: &[u8]) -> Option<Court> {
        let mut octets = [0u8; 32];
        octets.get_mut(..texte.len())?.copy_from_slice(texte);
        Some(Court { octets, n: texte.len() })
    }

    /// The text's bytes.
    #[cfg(test)]
    pub(super) fn octets(&self) -> &[u8] {
        self.octets.get(..self.n).unwrap_or_default()
    }
}

/// The text of the line number, kept from row to row: the next number is the last one plus
/// one, written by carrying in place rather than from scratch.
#[derive(Debug, Clone)]
pub(super) struct Compteur {
    n: Option<u64>,
    texte: Court,
}

impl Default for Compteur {
    fn default() -> Compteur {
        Compteur { n: None, texte: Court { octets: [b'0'; 32], n: 0 } }
    }
}

impl Compteur {
    /// The decimal digits of `n`.
    #[inline]
    pub(super) fn texte(&mut self, n: u64) -> &Court {
        let t = &mut self.texte;
        match self.n {
            Some(m) if m == n => {}
            Some(m) if m.checked_add(1) == Some(n) && t.n < 20 => {
                // Carry from the last digit; all nines become 1 followed by zeros.
                let mut i = t.n;
                loop {
                    if i == 0 {
                        t.octets[0] = b'1';
                        t.octets[t.n] = b'0';
                        t.n += 1;
                        break;
                    }
                    i -= 1;
                    if t.octets[i] == b'9' {
                        t.octets[i] = b'0';
                    } else {
                        t.octets[i] += 1;
                        break;
                    }
                }
            }
            _ => {
                let mut chiffres = [0u8; 20];
                let zone = chiffres.get_mut(..longueur(n, false, 0)).unwrap_or_default();
                ecrire_dans(zone, n, false, 0);
                *t = Court::new(zone).unwrap_or(*t);
            }
        }
        self.n = Some(n);
        &self.texte
    }
}

/// Writes a whole number as bytes (the household batch writes bytes: no UTF-8 check per cell).
#[inline]
pub(super) fn octets_entier(sortie: &mut Vec<u8>, n: i64) {
    octets_decimal(sortie, n, 0);
}

/// Writes `valeur / 10^decimales` (at most 8 decimals) with a decimal comma, as bytes.
#[inline]
pub(super) fn octets_decimal(sortie: &mut Vec<u8>, valeur: i64, decimales: u32) {
    let (tampon, debut) = decimal(valeur, decimales);
    sortie.extend_from_slice(tampon.get(debut..).unwrap_or_default());
}

/// Writes a whole number without allocation.
#[inline]
pub(super) fn ecrire_entier(sortie: &mut String, n: i64) {
    ecrire_decimal(sortie, n, 0);
}

/// Writes `r` rounded half away from zero to `decimales` decimals, with a decimal comma and no
/// grouping (a CSV cell for spreadsheets); nothing when `r` is absent or beyond 64 bits at that
/// precision: a missing figure stays an empty cell, never a 0.
pub(super) fn ecrire_arrondi(sortie: &mut String, r: Option<Ratio>, decimales: u32) {
    if let Some(v) = r.and_then(|r| r.arrondi(decimales)).and_then(|v| i64::try_from(v).ok()) {
        ecrire_decimal(sortie, v, decimales);
    }
}

/// Writes `valeur / 10^decimales` (at most 8 decimals) with a decimal comma.
#[inline]
pub(super) fn ecrire_decimal(sortie: &mut String, valeur: i64, decimales: u32) {
    let (tampon, debut) = decimal(valeur, decimales);
    // ASCII by construction: each byte is its own char.
    sortie.extend(tampon.get(debut..).unwrap_or_default().iter().map(|&b| char::from(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_arrondis_en_cellules() {
        // Rounded half away from zero; absent or beyond 64 bits: an empty cell, never a 0.
        let mut s = String::new();
        for (r, d) in
            [(Ratio::new(-5, 2), 0), (Ratio::new(1, 3), 1), (None, 2), (Some(Ratio::entier(i128::MAX / 10)), 2)]
        {
            ecrire_arrondi(&mut s, r, d);
            s.push('|');
        }
        assert_eq!(s, "-3|0,3|||");
    }

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
        s.push(' ');
        ecrire_decimal(&mut s, i64::MIN, 8);
        assert_eq!(s, "-0,05 738,10 0 -92233720368,54775808");
        let mut o = Vec::new();
        for (v, d) in [(-5, 2), (73_810, 2), (0, 0), (i64::MAX, 0), (7, 1), (-1, 8)] {
            octets_decimal(&mut o, v, d);
            o.push(b' ');
        }
        assert_eq!(o, b"-0,05 738,10 0 9223372036854775807 0,7 -0,00000001 ");
        // A row longer than the buffer, in pieces of every size, comes out whole.
        let mut attendu = Vec::new();
        let mut r = Vec::new();
        let mut tampon = [0; 256];
        let mut rangee = Rangee::new(&mut r, &mut tampon);
        for k in 0..300 {
            let piece = vec![b'a' + (k % 26) as u8; k];
            rangee.octets(&piece);
            rangee.decimal::<2>(k as i64 * 7 - 900);
            rangee.octet(b';');
            attendu.extend_from_slice(&piece);
            octets_decimal(&mut attendu, k as i64 * 7 - 900, 2);
            attendu.push(b';');
        }
        let valeurs = (-1200..1200)
            .chain((0..63).flat_map(|k| [1i64 << k, -(1i64 << k), (1i64 << k) - 1]))
            .chain((0..19).flat_map(|k| [10i64.pow(k) - 1, 10i64.pow(k), 10i64.pow(k) + 1, 10i64.pow(k) + 99]));
        for (v, d) in valeurs.flat_map(|v| (0..=9).map(move |d| (v, d))).chain([(i64::MIN, 8), (i64::MAX, 0)]) {
            match d {
                0 => rangee.decimal::<0>(v),
                1 => rangee.decimal::<1>(v),
                2 => rangee.decimal::<2>(v),
                3 => rangee.decimal::<3>(v),
                4 => rangee.decimal::<4>(v),
                5 => rangee.decimal::<5>(v),
                6 => rangee.decimal::<6>(v),
                7 => rangee.decimal::<7>(v),
                8 => rangee.decimal::<8>(v),
                _ => rangee.decimal::<9>(v),
            }
            // Against an independent text: the integer part and the zero-padded decimals.
            let (p, a) = (10i128.pow(d.min(8)), i128::from(v).abs());
            let fraction = if d == 0 { String::new() } else { format!(",{:0w$}", a % p, w = d.min(8) as usize) };
            attendu.extend_from_slice(format!("{}{}{fraction}", if v < 0 { "-" } else { "" }, a / p).as_bytes());
        }
        rangee.fin();
        assert_eq!(String::from_utf8_lossy(&r), String::from_utf8_lossy(&attendu));
        // Tenths of UC, and the line counter from any start, by one and by jumps.
        let mut r = Vec::new();
        let mut attendu = Vec::new();
        let mut rangee = Rangee::new(&mut r, &mut tampon);
        for v in (0..1200).chain([u32::MAX]) {
            rangee.dixiemes(v);
            octets_decimal(&mut attendu, i64::from(v), 1);
            let c = Court::new(v.to_string().as_bytes()).unwrap();
            rangee.court(&c);
            attendu.extend_from_slice(v.to_string().as_bytes());
        }
        assert!(Court::new(&[b'x'; 33]).is_none());
        rangee.fin();
        assert_eq!(String::from_utf8_lossy(&r), String::from_utf8_lossy(&attendu));
        let mut compteur = Compteur::default();
        for n in (0..2_000u64).chain(99_990..100_010).chain([7, 7, 999_999_999_999, u64::MAX - 1, u64::MAX]) {
            assert_eq!(compteur.texte(n).octets(), n.to_string().as_bytes(), "{n}");
        }
    }
}
