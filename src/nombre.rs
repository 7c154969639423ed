//! Exact arithmetic for every figure the calculator shows.
//!
//! Money is held in integer centimes, counts are integers, and every ratio is a [`Ratio`] of two
//! `i128`: nothing is computed in floating point. Rounding for display is *half away from zero*
//! at the displayed precision, done on the exact fraction, so `1 489 / 4 874 = 30,5498…` shows
//! `30,5` and `259 / 688 = 37,645…` shows `37,6`.
//!
//! Every operation is checked: an overflow gives `None`, never a wrapped value or a panic. The
//! input bounds of the domains (amounts ≤ 10⁹ €, counts ≤ 10¹²) keep all real inputs far from it.

use core::cmp::Ordering;

/// An exact fraction `num / den` with `den > 0`, always reduced.
///
/// ```
/// use indicateurs_caf::nombre::Ratio;
/// let part = Ratio::new(1_489 * 100, 4_874).unwrap();
/// assert_eq!(part.arrondi(1), Some(305)); // 30,5
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Ratio {
    num: i128,
    den: i128,
}

fn pgcd(mut a: i128, mut b: i128) -> i128 {
    // Counts and amounts fit in 64 bits: their division stays native (in wasm, a 128-bit
    // division is a software routine, most of the time of a batch of territories).
    if let (Ok(x), Ok(y)) = (u64::try_from(a.unsigned_abs()), u64::try_from(b.unsigned_abs())) {
        return i128::from(pgcd_64(x, y));
    }
    a = a.abs();
    b = b.abs();
    while b != 0 {
        let r = a % b;
        a = b;
        b = r;
    }
    a
}

fn pgcd_64(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        let r = a % b;
        a = b;
        b = r;
    }
    a
}

/// `a / b` for a divisor that divides `a` exactly (a fraction reduced by its gcd), in 64 bits
/// when both fit.
fn divise_exact(a: i128, b: i128) -> i128 {
    match (i64::try_from(a), i64::try_from(b)) {
        (Ok(x), Ok(y)) if y != -1 => i128::from(x / y),
        _ => a / b,
    }
}

/// `10^n` for the small precisions used in display, or `None` when it does not fit.
pub fn puissance10(n: u32) -> Option<i128> {
    10i128.checked_pow(n)
}

impl Ratio {
    /// Zero.
    pub const ZERO: Ratio = Ratio { num: 0, den: 1 };

    /// The fraction `num / den`, reduced; `None` when `den` is zero.
    pub fn new(num: i128, den: i128) -> Option<Ratio> {
        // Whole numbers (counts, sums of counts) need no gcd.
        if den == 1 {
            return Some(Ratio { num, den });
        }
        if den == 0 {
            return None;
        }
        let (num, den) = if den < 0 { (num.checked_neg()?, den.checked_neg()?) } else { (num, den) };
        let g = pgcd(num, den);
        let g = if g == 0 { 1 } else { g };
        Some(Ratio { num: divise_exact(num, g), den: divise_exact(den, g) })
    }

    /// The whole number `n`.
    pub const fn entier(n: i128) -> Ratio {
        Ratio { num: n, den: 1 }
    }

    /// An amount of centimes, as euros.
    pub fn centimes(c: i64) -> Ratio {
        Ratio::new(i128::from(c), 100).unwrap_or(Ratio::ZERO)
    }

    /// Numerator (sign carrier).
    pub const fn num(self) -> i128 {
        self.num
    }

    /// Denominator, always positive.
    pub const fn den(self) -> i128 {
        self.den
    }

    /// Nearest `f64`, for the unrounded values given to JavaScript. Never NaN nor infinite.
    pub fn to_f64(self) -> f64 {
        // Both parts are reduced; for the magnitudes of this crate they are exact in f64.
        let v = self.num as f64 / self.den as f64;
        if v.is_finite() {
            v
        } else {
            0.0
        }
    }

    /// `self + o`.
    pub fn plus(self, o: Ratio) -> Option<Ratio> {
        if self.den == 1 && o.den == 1 {
            return Some(Ratio::entier(self.num.checked_add(o.num)?));
        }
        let g = pgcd(self.den, o.den);
        let a = self.num.checked_mul(divise_exact(o.den, g))?;
        let b = o.num.checked_mul(divise_exact(self.den, g))?;
        Ratio::new(a.checked_add(b)?, divise_exact(self.den, g).checked_mul(o.den)?)
    }

    /// `self - o`.
    pub fn moins(self, o: Ratio) -> Option<Ratio> {
        self.plus(Ratio { num: o.num.checked_neg()?, den: o.den })
    }

    /// `self × o`.
    pub fn fois(self, o: Ratio) -> Option<Ratio> {
        if self.den == 1 && o.den == 1 {
            return Some(Ratio::entier(self.num.checked_mul(o.num)?));
        }
        let g1 = pgcd(self.num, o.den).max(1);
        let g2 = pgcd(o.num, self.den).max(1);
        Ratio::new(
            divise_exact(self.num, g1).checked_mul(divise_exact(o.num, g2))?,
            divise_exact(self.den, g2).checked_mul(divise_exact(o.den, g1))?,
        )
    }

    /// `self / o`; `None` when `o` is zero.
    pub fn divise(self, o: Ratio) -> Option<Ratio> {
        if o.num == 0 {
            return None;
        }
        self.fois(Ratio { num: o.den, den: o.num }.normalise()?)
    }

    fn normalise(self) -> Option<Ratio> {
        Ratio::new(self.num, self.den)
    }

    /// Exact comparison; `None` only on overflow.
    pub fn compare(self, o: Ratio) -> Option<Ordering> {
        Some(self.num.checked_mul(o.den)?.cmp(&o.num.checked_mul(self.den)?))
    }

    /// Sign: -1, 0 or 1.
    pub fn signe(self) -> i32 {
        self.num.signum() as i32
    }

    /// The value rounded half away from zero to `decimales` decimals, as an integer scaled by
    /// `10^decimales` (`30,55` at one decimal gives `306`).
    pub fn arrondi(self, decimales: u32) -> Option<i128> {
        let n = self.num.checked_mul(puissance10(decimales)?)?;
        let q = n.unsigned_abs().checked_mul(2)?.checked_add(self.den.unsigned_abs())?
            / self.den.unsigned_abs().checked_mul(2)?;
        let q = i128::try_from(q).ok()?;
        Some(if n < 0 { -q } else { q })
    }

    /// The rounded value, back as a ratio (`arrondi` divided by `10^decimales`).
    pub fn arrondi_ratio(self, decimales: u32) -> Option<Ratio> {
        Ratio::new(self.arrondi(decimales)?, puissance10(decimales)?)
    }

    /// Exact value of a decimal text written with `.` or `,` as separator (`"-1200.5"`,
    /// `"30,25"`). No exponent, no grouping: see [`crate::valeur`] for the lenient reader.
    pub fn depuis_decimal(texte: &str) -> Option<Ratio> {
        let (negatif, reste) = match texte.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, texte.strip_prefix('+').unwrap_or(texte)),
        };
        let (entiere, fraction) = match reste.find(['.', ',']) {
            Some(i) => (reste.get(..i)?, reste.get(i + 1..)?),
            None => (reste, ""),
        };
        if entiere.is_empty() && fraction.is_empty() {
            return None;
        }
        if !entiere.bytes().all(|b| b.is_ascii_digit()) || !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // Trailing zeros of the fraction carry nothing: drop them so long exact decimals fit.
        let fraction = fraction.trim_end_matches('0');
        let entiere = entiere.trim_start_matches('0');
        if entiere.len() + fraction.len() > 36 {
            return None;
        }
        let mut n: i128 = 0;
        for b in entiere.bytes().chain(fraction.bytes()) {
            n = n.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
        }
        let den = puissance10(u32::try_from(fraction.len()).ok()?)?;
        Ratio::new(if negatif { -n } else { n }, den)
    }

    /// Exact value of a decimal with an optional exponent, as JavaScript writes its numbers
    /// (`"1.5"`, `"1e-7"`, `"1e+21"`); `None` beyond 10³⁰ or below 10⁻³⁰.
    pub fn depuis_decimal_exposant(texte: &str) -> Option<Ratio> {
        let (mantisse, exposant) = match texte.split_once(['e', 'E']) {
            Some((m, e)) => (m, e.strip_prefix('+').unwrap_or(e).parse::<i32>().ok()?),
            None => (texte, 0),
        };
        if exposant.unsigned_abs() > 30 {
            return None;
        }
        let m = Ratio::depuis_decimal(mantisse)?;
        let p = Ratio::entier(puissance10(exposant.unsigned_abs())?);
        if exposant >= 0 {
            m.fois(p)
        } else {
            m.divise(p)
        }
    }

    /// Exact value of a finite `f64` as JavaScript would print it (shortest representation:
    /// `0.1` is one tenth, not 0.1000000000000000055…). `None` for NaN, infinities and values
    /// too large to hold.
    pub fn depuis_f64(x: f64) -> Option<Ratio> {
        if !x.is_finite() || x.abs() > 1e30 {
            return None;
        }
        // Rust's Display of f64 is the shortest round-trip form and never uses an exponent.
        Ratio::depuis_decimal(&format!("{x}"))
    }
}

/// Why a number written by a person cannot be read ([`lire_ecrit`], [`lire_montant`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErreurEcriture {
    /// Not a number: a letter, two decimal separators, a misplaced group separator.
    Illisible,
    /// One `.` or `,` followed by exactly three digits, after one to three digits (`12.000`,
    /// `1,500`): a thousands separator or a decimal one? Never guessed.
    Ambigu,
    /// More decimals than allowed (an amount has two at most: the centimes).
    TropDeDecimales,
}

/// The digits of a written number, without its spaces: `-`, digits, `.` and `,` only.
const CHIFFRES_MAX: usize = 40;

/// Whether `octets[i..]` starts with a space of any kind (ASCII, no-break, narrow no-break,
/// thin, figure… spaces), and its length in bytes.
fn espace(octets: &[u8], i: usize) -> usize {
    match octets.get(i..).unwrap_or_default() {
        [b' ' | b'\t', ..] => 1,
        [0xC2, 0xA0, ..] => 2,
        // Windows-1252's no-break space (French Excel's CSV, `tableur`): a lone 0xA0, which never
        // starts a UTF-8 character (the reader stops at any other lead byte first); Mac Roman's
        // (Excel for Mac), 0xCA: a UTF-8 lead byte, but its continuation byte is no digit.
        [0xA0 | 0xCA, ..] => 1,
        [0xE2, 0x80, 0x80..=0x8A | 0xAF, ..] | [0xE2, 0x81, 0x9F, ..] | [0xE3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// Checks the groups of an integer part written with dots as thousands separators (`1.234`):
/// a first group of one to three digits, then groups of exactly three.
fn groupes_valides(entiere: &[u8]) -> bool {
    let mut groupes = entiere.split(|&b| b == b'.');
    let premier = groupes.next().unwrap_or_default();
    (1..=3).contains(&premier.len()) && groupes.all(|g| g.len() == 3)
}

/// A number as people write it in France, read exactly: an optional sign, digits, an optional
/// decimal comma or point, thousands grouped by spaces of any kind, or by dots when a decimal
/// comma follows (`1.234,56`); a final `€` is allowed (the no-break space and the `€` of
/// Windows-1252 and of Mac Roman too, as French Excel writes them on Windows and on Mac).
/// Returns the digits as one integer and the count of decimals (`"1 200,50"` → `(120050, 2)`),
/// `None` for an empty text.
///
/// # Errors
/// [`ErreurEcriture::Ambigu`] for a single separator followed by exactly three digits after
/// one to three digits (`12.000`, `12,000`): thousands or decimals cannot be told apart;
/// [`ErreurEcriture::Illisible`] for anything else that is not a number.
// Inline: its wide result would otherwise go through memory, a stall after each call that cost
// 5 % of a batch (four amounts a line); the general reader stays out of line.
#[inline]
pub fn lire_ecrit(texte: &[u8]) -> Result<Option<(i128, u32)>, ErreurEcriture> {
    let texte = texte.trim_ascii();
    if texte.is_empty() {
        return Ok(None);
    }
    match chiffres_simples(texte) {
        Some(lu) => Ok(Some(lu)),
        None => lire_ecrit_general(texte),
    }
}

/// The common case read in one pass, the same as [`lire_ecrit_general`] reads it: digits,
/// then optionally a `,` or `.` and one or two digits (never ambiguous), 18 digits at most in
/// all (so that the value fits in 64 bits). `None`: anything else, left to the general reader.
#[inline]
fn chiffres_simples(texte: &[u8]) -> Option<(i128, u32)> {
    // 18 digits and a separator at most; 19 digits fit in an unsigned 64-bit value.
    if texte.len() > 19 {
        return None;
    }
    let mut valeur: u64 = 0;
    let mut separateur = None;
    for (i, &b) in texte.iter().enumerate() {
        if b.is_ascii_digit() {
            valeur = valeur * 10 + u64::from(b - b'0');
        } else if (b == b',' || b == b'.') && separateur.is_none() {
            separateur = Some(i);
        } else {
            return None;
        }
    }
    let (entiers, decimales) = match separateur {
        Some(k) => (k, texte.len() - k - 1),
        None => (texte.len(), 0),
    };
    let bon = entiers >= 1 && entiers + decimales <= 18 && decimales <= 2 && (separateur.is_none() || decimales > 0);
    bon.then_some((i128::from(valeur), decimales as u32))
}

/// [`lire_ecrit`] for any text, already trimmed.
fn lire_ecrit_general(texte: &[u8]) -> Result<Option<(i128, u32)>, ErreurEcriture> {
    // A final `€`, in UTF-8, in Windows-1252 (0x80) or in Mac Roman (0xDB, which cannot end a
    // UTF-8 text).
    let texte = ["€".as_bytes(), &[0x80], &[0xDB]].iter().find_map(|e| texte.strip_suffix(*e)).unwrap_or(texte);
    let mut tampon = [0u8; CHIFFRES_MAX];
    let mut n = 0;
    let mut i = 0;
    while i < texte.len() {
        let e = espace(texte, i);
        if e > 0 {
            i += e;
            continue;
        }
        let b = texte[i];
        if !(b.is_ascii_digit() || matches!(b, b'.' | b',' | b'-' | b'+')) || n == CHIFFRES_MAX {
            return Err(ErreurEcriture::Illisible);
        }
        tampon[n] = b;
        n += 1;
        i += 1;
    }
    let corps = &tampon[..n];
    if corps.is_empty() {
        return Ok(None);
    }
    let (negatif, corps) = match corps.split_first() {
        Some((b'-', r)) => (true, r),
        Some((b'+', r)) => (false, r),
        _ => (false, corps),
    };
    let virgules = corps.iter().filter(|&&b| b == b',').count();
    let points = corps.iter().filter(|&&b| b == b'.').count();
    let (entiere, fraction): (&[u8], &[u8]) = match (virgules, points) {
        (0, 0) => (corps, &[]),
        (1, _) => {
            let k = corps.iter().position(|&b| b == b',').unwrap_or(0);
            let (e, f) = (&corps[..k], &corps[k + 1..]);
            if points > 0 && !groupes_valides(e) {
                return Err(ErreurEcriture::Illisible);
            }
            (e, f)
        }
        (0, 1) => {
            let k = corps.iter().position(|&b| b == b'.').unwrap_or(0);
            (&corps[..k], &corps[k + 1..])
        }
        _ => return Err(ErreurEcriture::Illisible),
    };
    if (entiere.is_empty() && fraction.is_empty()) || (virgules + points > 0 && fraction.is_empty()) {
        return Err(ErreurEcriture::Illisible);
    }
    let mut valeur: i128 = 0;
    // Dots left in the integer part are group separators (checked above); none may be elsewhere.
    for &b in entiere.iter().filter(|&&b| b != b'.').chain(fraction) {
        let chiffre = b.checked_sub(b'0').filter(|c| *c <= 9).ok_or(ErreurEcriture::Illisible)?;
        valeur =
            valeur.checked_mul(10).and_then(|v| v.checked_add(i128::from(chiffre))).ok_or(ErreurEcriture::Illisible)?;
    }
    let seul_separateur = virgules + points == 1;
    if seul_separateur && fraction.len() == 3 && (1..=3).contains(&entiere.len()) && entiere[0] != b'0' {
        return Err(ErreurEcriture::Ambigu);
    }
    let decimales = u32::try_from(fraction.len()).map_err(|_| ErreurEcriture::Illisible)?;
    Ok(Some((if negatif { -valeur } else { valeur }, decimales)))
}

/// `a × b` for a positive `b`, or `None` if it would overflow: the bound is checked by a
/// division by the constant rather than by `checked_mul`, which wasm computes with a 128-bit
/// library call.
#[inline]
pub fn produit(a: i64, b: i64) -> Option<i64> {
    (b > 0 && a.unsigned_abs() <= (i64::MAX / b) as u64).then(|| a * b)
}

/// An amount in euros written by a person ([`lire_ecrit`]), in centimes: two decimals at most.
///
/// # Errors
/// As [`lire_ecrit`], and [`ErreurEcriture::TropDeDecimales`] beyond two decimals.
pub fn lire_montant(texte: &[u8]) -> Result<Option<i64>, ErreurEcriture> {
    let Some((valeur, decimales)) = lire_ecrit(texte)? else { return Ok(None) };
    if decimales > 2 {
        return Err(ErreurEcriture::TropDeDecimales);
    }
    // In 64 bits (no 128-bit multiplication, a library call in wasm); beyond, unreadable. Each
    // factor is a constant, so that the bound of `produit` is one too (no division at run time).
    let centimes = i64::try_from(valeur).ok().and_then(|v| match decimales {
        2 => Some(v),
        1 => produit(v, 10),
        _ => produit(v, 100),
    });
    centimes.map(Some).ok_or(ErreurEcriture::Illisible)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn montant(texte: &str, attendu: Result<Option<i64>, ErreurEcriture>) {
        assert_eq!(lire_montant(texte.as_bytes()), attendu, "{texte:?}");
    }

    /// The one-pass reader of the common case reads exactly as the general reader, on every
    /// text made of digits, separators, signs and spaces up to five characters long.
    #[test]
    fn chemin_rapide_identique() {
        let alphabet = b"0159,.- ";
        let mut textes = vec![Vec::new()];
        for _ in 0..5 {
            let suivants: Vec<Vec<u8>> = textes
                .iter()
                .filter(|t| t.len() == textes.last().map_or(0, Vec::len))
                .flat_map(|t| alphabet.iter().map(move |&c| [t.as_slice(), &[c]].concat()))
                .collect();
            textes.extend(suivants);
        }
        let mut rapides = 0;
        for t in &textes {
            let t = t.trim_ascii();
            if let Some(lu) = chiffres_simples(t) {
                rapides += 1;
                assert_eq!(lire_ecrit_general(t), Ok(Some(lu)), "{:?}", String::from_utf8_lossy(t));
            }
        }
        assert!(rapides > 1000, "{rapides}");
        // Up to 18 integer digits and two decimals: twenty digits do not fit in 64 bits, and a
        // wrapped value (1,16 € here) must never come out.
        for t in [
            "123456789012345678",
            "1234567890123456789",
            "0,05",
            "007",
            "12,5",
            "1.25",
            "184467440737095517,16",
            "999999999999999999,99",
            "99999999999999999,9",
            "9223372036854775807",
        ] {
            assert_eq!(lire_ecrit(t.as_bytes()), lire_ecrit_general(t.as_bytes()), "{t}");
        }
        // Every length around the 64-bit limit, with the largest digits: the same reading.
        for entiers in 0..=22 {
            for (separateur, decimales) in [("", 0), (",", 0), (",", 1), (",", 2), (".", 2), (",", 3)] {
                let t = format!("{}{separateur}{}", "9".repeat(entiers), "9".repeat(decimales));
                assert_eq!(lire_ecrit(t.as_bytes()), lire_ecrit_general(t.as_bytes()), "{t}");
            }
        }
    }

    #[test]
    fn produit_borne() {
        assert_eq!(produit(7, 3), Some(21));
        assert_eq!(produit(-7, 3), Some(-21));
        assert_eq!(produit(i64::MAX / 3, 3), Some(i64::MAX / 3 * 3));
        assert_eq!(produit(i64::MAX / 3 + 1, 3), None);
        assert_eq!(produit(i64::MIN, 1), None, "|i64::MIN| dépasse i64::MAX : refusé plutôt que risqué");
        assert_eq!(produit(5, 0), None);
    }

    #[test]
    fn montants_ecrits() {
        use ErreurEcriture::{Ambigu, Illisible, TropDeDecimales};
        for (texte, attendu) in [
            ("14400", Ok(Some(1_440_000))),
            ("1 200,50", Ok(Some(120_050))),
            ("1\u{202f}200,5", Ok(Some(120_050))),
            ("1\u{a0}200", Ok(Some(120_000))),
            ("1.234,56", Ok(Some(123_456))),
            ("1.234.567,8", Ok(Some(123_456_780))),
            ("1200.25", Ok(Some(120_025))),
            ("-300,5", Ok(Some(-30_050))),
            ("+7", Ok(Some(700))),
            ("0,125", Err(TropDeDecimales)),
            ("1 234,567", Err(TropDeDecimales)),
            ("12 €", Ok(Some(1_200))),
            ("", Ok(None)),
            ("  ", Ok(None)),
            ("12.000", Err(Ambigu)),
            ("12,000", Err(Ambigu)),
            ("1,500", Err(Ambigu)),
            ("-300.255", Err(Ambigu)),
            ("1.234.567", Err(Illisible)),
            ("1,234,567", Err(Illisible)),
            ("1,234.56", Err(Illisible)),
            ("1.23,45", Err(Illisible)),
            ("1,2.3", Err(Illisible)),
            ("12a", Err(Illisible)),
            (",", Err(Illisible)),
            ("12,", Err(Illisible)),
            ("--3", Err(Illisible)),
            ("1-2", Err(Illisible)),
            ("99999999999999999999999999999999999999999", Err(Illisible)),
        ] {
            montant(texte, attendu);
        }
        assert_eq!(lire_ecrit(b"51,2"), Ok(Some((512, 1))));
        assert_eq!(lire_ecrit(b"0,125"), Ok(Some((125, 3))));
        assert_eq!(lire_ecrit(b"25 188"), Ok(Some((25_188, 0))));
        // As French Excel writes them in Windows-1252: no-break space 0xA0, euro sign 0x80.
        assert_eq!(lire_montant(b"12\xa0000,50 \x80"), Ok(Some(1_200_050)));
        assert_eq!(lire_montant(b"1\xa0200\x80"), Ok(Some(120_000)));
        // As Excel for Mac writes them in Mac Roman: no-break space 0xCA, euro sign 0xDB.
        assert_eq!(lire_montant(b"12\xca000,50 \xdb"), Ok(Some(1_200_050)));
        // A UTF-8 character led by 0xCA (« ʼ », CA BC) stays a character.
        assert_eq!(lire_montant("12ʼ000".as_bytes()), Err(ErreurEcriture::Illisible));
        // A UTF-8 letter whose last byte is 0x80 or 0xA0 (« À », « à ») stays a letter.
        assert_eq!(lire_montant("12À".as_bytes()), Err(ErreurEcriture::Illisible));
        assert_eq!(lire_montant("12à000".as_bytes()), Err(ErreurEcriture::Illisible));
    }

    #[track_caller]
    fn arr(num: i128, den: i128, d: u32, attendu: i128) {
        assert_eq!(Ratio::new(num, den).and_then(|r| r.arrondi(d)), Some(attendu), "{num}/{den} à {d} décimales");
    }

    #[test]
    fn arrondi_demi_loin_de_zero() {
        arr(1_489 * 100, 4_874, 1, 305);
        arr(259 * 100, 688, 1, 376);
        arr(5, 100, 1, 1); // 0,05 → 0,1
        arr(-5, 100, 1, -1); // -0,05 → -0,1
        arr(-4, 100, 1, 0);
        arr(25, 10, 0, 3);
        arr(-25, 10, 0, -3);
        arr(0, 7, 2, 0);
    }

    #[test]
    fn lecture_decimale_exacte() {
        assert_eq!(Ratio::depuis_decimal("1200,50"), Ratio::new(120050, 100));
        assert_eq!(Ratio::depuis_decimal("-0.1"), Ratio::new(-1, 10));
        assert_eq!(Ratio::depuis_decimal(".5"), Ratio::new(1, 2));
        assert_eq!(Ratio::depuis_decimal("1.2.3"), None);
        assert_eq!(Ratio::depuis_decimal(""), None);
        assert_eq!(Ratio::depuis_decimal("-"), None);
        assert_eq!(Ratio::depuis_f64(0.1), Ratio::new(1, 10));
        assert_eq!(Ratio::depuis_f64(f64::NAN), None);
        assert_eq!(Ratio::depuis_f64(-0.0), Some(Ratio::ZERO));
        assert_eq!(Ratio::depuis_decimal_exposant("1e-7"), Ratio::new(1, 10_000_000));
        assert_eq!(Ratio::depuis_decimal_exposant("2.5e+3"), Some(Ratio::entier(2500)));
        assert_eq!(Ratio::depuis_decimal_exposant("1e+300"), None);
        assert_eq!(Ratio::depuis_decimal_exposant("-0"), Some(Ratio::ZERO));
    }

    #[test]
    fn operations_et_depassement() {
        let a = Ratio::new(1, 3).unwrap();
        let b = Ratio::new(1, 6).unwrap();
        assert_eq!(a.plus(b), Ratio::new(1, 2));
        assert_eq!(a.moins(b), Ratio::new(1, 6));
        assert_eq!(a.fois(b), Ratio::new(1, 18));
        assert_eq!(a.divise(b), Some(Ratio::entier(2)));
        assert_eq!(a.divise(Ratio::ZERO), None);
        assert_eq!(Ratio::entier(i128::MAX).plus(Ratio::entier(1)), None);
        assert_eq!(a.compare(b), Some(Ordering::Greater));
    }
}
