//! The line ends, separators and double quotes of a 64-byte window of a household file, found
//! 16 bytes at a time with SSE2 (part of every x86_64 processor): a line of ordinary length is
//! found and cut into cells by the bits of these masks, without a loop over its bytes whose
//! exit the processor mispredicts at every cell end (≈ 12 % of a line's time natively).
//!
//! Elsewhere (wasm, built without SIMD), there are no masks and the batch takes the byte-by-byte
//! path, which stays the reference: a test checks that both cut every line alike.

/// The bytes of a window.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
const FENETRE: usize = 64;

/// Where the line starting a window ends, and its cells when the window tells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FinDeLigne {
    /// The offset of the line end (LF or CR) from the start of the line.
    pub(super) fin: usize,
    /// Bit `k` set when byte `k` of the line is a separator; `None` when the line holds a double
    /// quote (a quoted cell may hold the separator: the byte-by-byte path reads it).
    pub(super) separateurs: Option<u64>,
}

/// The end of the line that starts `texte` (the first LF or CR), or `None` when `texte` has
/// none: the same as `memchr2(b'\n', b'\r', texte)`, with the line's separators when the line
/// ends in the first 64 bytes and `texte` has 64 bytes to look at.
#[inline]
#[cfg_attr(not(all(target_arch = "x86_64", target_feature = "sse2")), allow(unused_variables))]
pub(super) fn fin_de_ligne(texte: &[u8], separateur: u8) -> Option<FinDeLigne> {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    if let Some(fenetre) = texte.first_chunk::<FENETRE>() {
        let m = sse2::masques(fenetre, separateur);
        if m.fins != 0 {
            let fin = m.fins.trailing_zeros() as usize;
            // `fin` < 64: the bits of the line's bytes, before its end.
            let avant = (1u64 << fin) - 1;
            let separateurs = (m.guillemets & avant == 0).then_some(m.separateurs & avant);
            return Some(FinDeLigne { fin, separateurs });
        }
    }
    memchr::memchr2(b'\n', b'\r', texte).map(|fin| FinDeLigne { fin, separateurs: None })
}

/// Bit `k` of each mask is set when byte `k` of the window is of its kind.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
struct Masques {
    fins: u64,
    separateurs: u64,
    guillemets: u64,
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[allow(unsafe_code)]
mod sse2 {
    use super::{Masques, FENETRE};
    use std::arch::x86_64::{_mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8};

    /// The three masks of a window: four 16-byte compares per kind, each turned into 16 bits.
    #[inline]
    pub(super) fn masques(fenetre: &[u8; FENETRE], separateur: u8) -> Masques {
        let mut m = Masques { fins: 0, separateurs: 0, guillemets: 0 };
        // SAFETY: this module is built only where SSE2 is enabled (every standard x86_64
        // target; the intrinsics are `unsafe` only for their target feature), and each
        // unaligned load reads the 16 bytes of a chunk of exactly 16 bytes borrowed from the
        // window.
        unsafe {
            let bits = |v| u64::from(_mm_movemask_epi8(v) as u16);
            let (lf, cr, sep, guillemet) = (
                _mm_set1_epi8(b'\n' as i8),
                _mm_set1_epi8(b'\r' as i8),
                _mm_set1_epi8(separateur as i8),
                _mm_set1_epi8(b'"' as i8),
            );
            for (j, bloc) in fenetre.chunks_exact(16).enumerate() {
                let v = _mm_loadu_si128(bloc.as_ptr().cast());
                let decalage = 16 * j;
                m.fins |= bits(_mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr))) << decalage;
                m.separateurs |= bits(_mm_cmpeq_epi8(v, sep)) << decalage;
                m.guillemets |= bits(_mm_cmpeq_epi8(v, guillemet)) << decalage;
            }
        }
        m
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Texts of the bytes that matter here (line ends, separators, quotes) among others, of
    /// every length around the window's.
    fn textes() -> impl Strategy<Value = Vec<u8>> {
        proptest::collection::vec(
            prop_oneof![Just(b'\n'), Just(b'\r'), Just(b';'), Just(b','), Just(b'"'), any::<u8>(), Just(b'7')],
            0..200,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The line end is memchr's, whatever the text; the separators, when given, are
        /// exactly the separator bytes before it, and none is given for a line with a quote.
        #[test]
        fn la_fin_et_les_separateurs_sont_ceux_des_octets(texte in textes(), virgule in any::<bool>(), espace in 0usize..70) {
            let separateur = if virgule { b',' } else { b';' };
            // Lines that fill the window to its last byte, or just overflow it.
            let texte: Vec<u8> = std::iter::repeat_n(b'x', espace).chain(texte).collect();
            let attendu = memchr::memchr2(b'\n', b'\r', &texte);
            let f = fin_de_ligne(&texte, separateur);
            prop_assert_eq!(f.map(|f| f.fin), attendu);
            if let Some(FinDeLigne { fin, separateurs: Some(bits) }) = f {
                let ligne = &texte[..fin];
                prop_assert!(!ligne.contains(&b'"'));
                let positions: Vec<usize> = (0..64).filter(|k| bits >> k & 1 == 1).collect();
                let vraies: Vec<usize> = ligne.iter().enumerate().filter(|(_, &b)| b == separateur).map(|(k, _)| k).collect();
                prop_assert_eq!(positions, vraies);
            }
        }
    }

    #[test]
    fn une_ligne_ordinaire_est_lue_par_ses_masques() {
        let texte = b"F1;2020;A76|E19|E5;34710;1166,25;;\nF2;2014;A60|C46|E4;59099;769,44;;\n";
        let f = fin_de_ligne(texte, b';');
        #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
        assert_eq!(
            f,
            Some(FinDeLigne { fin: 34, separateurs: Some([2, 7, 18, 24, 32, 33].iter().map(|k| 1u64 << k).sum()) })
        );
        #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
        assert_eq!(f, Some(FinDeLigne { fin: 34, separateurs: None }));
    }
}
