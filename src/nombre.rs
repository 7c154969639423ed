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
    a = a.abs();
    b = b.abs();
    while b != 0 {
        let r = a % b;
        a = b;
        b = r;
    }
    a
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
        if den == 0 {
            return None;
        }
        let (num, den) = if den < 0 { (num.checked_neg()?, den.checked_neg()?) } else { (num, den) };
        let g = pgcd(num, den);
        let g = if g == 0 { 1 } else { g };
        Some(Ratio { num: num / g, den: den / g })
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
        let g = pgcd(self.den, o.den);
        let a = self.num.checked_mul(o.den / g)?;
        let b = o.num.checked_mul(self.den / g)?;
        Ratio::new(a.checked_add(b)?, (self.den / g).checked_mul(o.den)?)
    }

    /// `self - o`.
    pub fn moins(self, o: Ratio) -> Option<Ratio> {
        self.plus(Ratio { num: o.num.checked_neg()?, den: o.den })
    }

    /// `self × o`.
    pub fn fois(self, o: Ratio) -> Option<Ratio> {
        let g1 = pgcd(self.num, o.den).max(1);
        let g2 = pgcd(o.num, self.den).max(1);
        Ratio::new((self.num / g1).checked_mul(o.num / g2)?, (self.den / g2).checked_mul(o.den / g1)?)
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

#[cfg(test)]
mod tests {
    use super::*;

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
