//! The input tree every entry point decodes, and the French errors of its decoding.
//!
//! JavaScript objects (through the binding module), JSON (in tests and the command line) and
//! fuzzers all arrive as a [`Valeur`]; the domains read it with the helpers of [`Lecteur`], which
//! give each problem as an [`ErreurSaisie`] naming the field by its path (`personnes[2].age`).
//!
//! Numbers may be given as numbers or as text in French or English writing (`"1 200,50"`,
//! `"1200.50"`): the page passes what the user typed and the core reads it exactly.

use core::fmt;
use std::borrow::Cow;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::nombre::{lire_ecrit, lire_montant, puissance10, ErreurEcriture, Ratio};

/// Nesting deeper than this is refused while decoding (a hostile input cannot exhaust the stack).
pub const PROFONDEUR_MAX: usize = 32;
/// Longest text accepted in a field, in bytes.
pub const TEXTE_MAX: usize = 1_000;

/// A decoded input value: the JSON data model, with object keys kept in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Valeur {
    /// `null` or `undefined`: treated as absent.
    Nul,
    /// `true` / `false`.
    Booleen(bool),
    /// Any number, possibly NaN or infinite (the readers refuse those). Native callers only
    /// (serde): the wasm binding gives numbers as JavaScript writes them ([`Valeur::NombreJs`]),
    /// so the module carries no float-to-decimal code.
    #[cfg(not(target_arch = "wasm32"))]
    Nombre(f64),
    /// A finite JavaScript number, as JavaScript itself writes it (`"0.1"`, `"1e+21"`): read
    /// exactly, without converting a binary float to decimal in the module.
    NombreJs(String),
    /// A text.
    Texte(String),
    /// An array.
    Liste(Vec<Valeur>),
    /// An object, as its entries. A key is borrowed when it is one of the catalogue's (a counts
    /// file names the same keys in every row: no copy per cell).
    Objet(Vec<(Cow<'static, str>, Valeur)>),
}

impl Valeur {
    /// What kind of value it is, in French, for error messages ("un texte", "une liste"…).
    pub fn nature(&self) -> &'static str {
        match self {
            Valeur::Nul => "une valeur vide",
            Valeur::Booleen(_) => "un booléen",
            #[cfg(not(target_arch = "wasm32"))]
            Valeur::Nombre(_) => "un nombre",
            Valeur::NombreJs(_) => "un nombre",
            Valeur::Texte(_) => "un texte",
            Valeur::Liste(_) => "une liste",
            Valeur::Objet(_) => "un objet",
        }
    }

    /// The entry `cle` of an object (`None` when absent, null, or not an object).
    pub fn get(&self, cle: &str) -> Option<&Valeur> {
        match self {
            Valeur::Objet(entrees) => {
                entrees.iter().find(|(k, _)| k == cle).map(|(_, v)| v).filter(|v| !matches!(v, Valeur::Nul))
            }
            _ => None,
        }
    }
}

/// The rule an input value breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Regle {
    /// A required field is absent, null or empty.
    Manquant,
    /// The value has the wrong kind (`attendu`: "un nombre", "une liste"…).
    Type {
        /// What was expected, in French with its article.
        attendu: &'static str,
        /// What was received ([`Valeur::nature`]).
        recu: &'static str,
    },
    /// A text that does not read as a number.
    NombreIllisible(String),
    /// A text such as `12.000` or `1,500`: thousands or decimals? (see [`ErreurEcriture::Ambigu`])
    NombreAmbigu(Box<Ambiguite>),
    /// An amount with more than two decimals.
    TropDeDecimales(String),
    /// NaN or an infinity.
    NonFini,
    /// A whole number was expected.
    NonEntier,
    /// Outside the accepted range (bounds as displayed).
    HorsLimites {
        /// Lowest accepted value, displayed.
        min: String,
        /// Highest accepted value, displayed.
        max: String,
    },
    /// Negative where only zero or more makes sense.
    Negatif,
    /// A text longer than [`TEXTE_MAX`].
    TexteTropLong,
    /// A value outside a closed list.
    ValeurInconnue {
        /// The value received (shortened).
        recu: String,
        /// The accepted values, displayed.
        permises: &'static str,
    },
    /// Too many elements in a list.
    TropDElements {
        /// Largest accepted count.
        max: usize,
    },
    /// Nested deeper than [`PROFONDEUR_MAX`], or not decodable at all.
    Structure(String),
}

impl fmt::Display for Regle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Regle::Manquant => f.write_str("ce champ est obligatoire"),
            Regle::Type { attendu, recu } => write!(f, "doit être {attendu} (reçu : {recu})"),
            Regle::NombreIllisible(t) => write!(f, "« {t} » n'est pas un nombre"),
            Regle::NombreAmbigu(a) => write!(
                f,
                "« {} » est ambigu : {} ou {} ? Séparez les milliers par une espace ({}) et écrivez les décimales après une virgule ({})",
                a.texte, a.milliers, a.decimales, a.milliers, a.centimes
            ),
            Regle::TropDeDecimales(t) => {
                write!(f, "« {t} » a plus de deux décimales : un montant s'écrit au centime près")
            }
            Regle::NonFini => f.write_str("doit être un nombre fini (reçu : NaN ou infini)"),
            Regle::NonEntier => f.write_str("doit être un nombre entier"),
            Regle::HorsLimites { min, max } => write!(f, "la valeur doit être comprise entre {min} et {max}"),
            Regle::Negatif => f.write_str("la valeur ne peut pas être négative"),
            Regle::TexteTropLong => {
                write!(f, "texte trop long ({} caractères au plus)", crate::format::entier(TEXTE_MAX as i128))
            }
            Regle::ValeurInconnue { recu, permises } => {
                write!(f, "valeur « {recu} » inconnue (valeurs possibles : {permises})")
            }
            Regle::TropDElements { max } => write!(f, "{max} éléments au plus"),
            Regle::Structure(detail) => write!(f, "donnée illisible ({detail})"),
        }
    }
}

/// The two readings of an ambiguous number ([`Regle::NombreAmbigu`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ambiguite {
    /// The text received (shortened).
    pub texte: String,
    /// Its reading with a thousands separator, displayed: "12 000".
    pub milliers: String,
    /// Its reading with a decimal separator, displayed: "12".
    pub decimales: String,
    /// The same with two decimals, for the advice: "12,00".
    pub centimes: String,
}

/// An input value that breaks a [`Regle`], with the path of its field and a French label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErreurSaisie {
    /// Path of the field, as in JavaScript: `personnes[2].age`.
    pub champ: String,
    /// The field in words, for the message: "Âge de la personne 3".
    pub libelle: String,
    /// The rule broken.
    pub regle: Regle,
}

impl fmt::Display for ErreurSaisie {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} : {}.", self.libelle, self.regle)
    }
}

impl std::error::Error for ErreurSaisie {}

impl Regle {
    /// The rule a written number breaks ([`lire_ecrit`], [`lire_montant`]).
    pub fn ecriture(erreur: ErreurEcriture, texte: &str) -> Regle {
        match erreur {
            ErreurEcriture::Illisible => Regle::NombreIllisible(tronque(texte)),
            ErreurEcriture::TropDeDecimales => Regle::TropDeDecimales(tronque(texte)),
            ErreurEcriture::Ambigu => {
                // The digits either side of the single separator: "12" and "000".
                let chiffres: String = texte.chars().filter(|c| c.is_ascii_digit() || matches!(c, '.' | ',')).collect();
                let (avant, apres) = chiffres.split_once(['.', ',']).unwrap_or((&chiffres, ""));
                let valeur = format!("{avant}{apres}").parse::<i128>().unwrap_or(0);
                let signe = if texte.trim_start().starts_with('-') { -1 } else { 1 };
                let decimal = Ratio::new(signe * valeur, 1000).unwrap_or(Ratio::ZERO);
                let court = crate::format::decimal(decimal, 3);
                let court = court.trim_end_matches('0').trim_end_matches(',').to_string();
                Regle::NombreAmbigu(Box::new(Ambiguite {
                    texte: tronque(texte),
                    milliers: crate::format::entier(signe * valeur),
                    decimales: court,
                    centimes: crate::format::decimal(decimal, 2),
                }))
            }
        }
    }
}

/// Longer than [`TEXTE_MAX`] characters (not bytes: « é » is one).
fn trop_long(t: &str) -> bool {
    t.len() > TEXTE_MAX && t.chars().count() > TEXTE_MAX
}

fn tronque(s: &str) -> String {
    let mut t: String = s.chars().take(40).collect();
    if t.len() < s.len() {
        t.push('…');
    }
    t
}

/// Reads fields from one object of the input, building field paths as it goes.
#[derive(Clone, Copy, Debug)]
pub struct Lecteur<'a> {
    valeur: &'a Valeur,
    chemin: &'a str,
}

impl<'a> Lecteur<'a> {
    /// A reader of `valeur`, whose path is `chemin` (empty for the root); the value must be an
    /// object.
    ///
    /// # Errors
    /// [`Regle::Type`] when `valeur` is not an object (an array, a number, null…).
    pub fn objet(valeur: &'a Valeur, chemin: &'a str, libelle: &str) -> Result<Self, ErreurSaisie> {
        match valeur {
            Valeur::Objet(_) => Ok(Lecteur { valeur, chemin }),
            autre => Err(ErreurSaisie {
                champ: if chemin.is_empty() { "situation".into() } else { chemin.into() },
                libelle: libelle.into(),
                regle: Regle::Type { attendu: "un objet", recu: autre.nature() },
            }),
        }
    }

    /// Path of the field `cle` of this object.
    pub fn chemin(&self, cle: &str) -> String {
        if self.chemin.is_empty() {
            cle.to_string()
        } else {
            format!("{}.{cle}", self.chemin)
        }
    }

    fn erreur(&self, cle: &str, libelle: &str, regle: Regle) -> ErreurSaisie {
        ErreurSaisie { champ: self.chemin(cle), libelle: libelle.into(), regle }
    }

    /// The raw value of `cle`, if present and not null.
    pub fn brut(&self, cle: &str) -> Option<&'a Valeur> {
        self.valeur.get(cle)
    }

    /// Keys of the object that are not in `connues` (for warnings about likely typos).
    pub fn cles_inconnues(&self, connues: &[&str]) -> Vec<String> {
        match self.valeur {
            Valeur::Objet(e) => e
                .iter()
                .filter(|(k, _)| !connues.contains(&k.as_ref()))
                .map(|(k, _)| self.chemin(&tronque(k)))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// An optional exact number. Numbers, and texts such as `"1 200,50"` or `"1200.50 €"`, are
    /// read exactly; an empty text counts as absent.
    ///
    /// # Errors
    /// [`Regle::Type`], [`Regle::NombreIllisible`], [`Regle::NonFini`].
    pub fn nombre_option(&self, cle: &str, libelle: &str) -> Result<Option<Ratio>, ErreurSaisie> {
        self.nombre_de(self.brut(cle), cle, libelle)
    }

    /// [`Lecteur::nombre_option`] of a value already at hand, `cle`'s in this object: a reader
    /// that walks the object's entries does not look each one up again (a row of a counts file
    /// has hundreds). Null counts as absent. With `en_pourcent`, a text may end with `%`
    /// (« 12,5 % », « 12,50% »: a spreadsheet's cell in percent format, as it writes it in a CSV
    /// file), read as the number before it (12,5).
    ///
    /// # Errors
    /// As [`Lecteur::nombre_option`].
    pub fn nombre_entree(
        &self,
        v: &Valeur,
        cle: &str,
        libelle: &str,
        en_pourcent: bool,
    ) -> Result<Option<Ratio>, ErreurSaisie> {
        let v = Some(v).filter(|v| !matches!(v, Valeur::Nul));
        if en_pourcent {
            self.pourcent_de(v, cle, libelle)
        } else {
            self.nombre_de(v, cle, libelle)
        }
    }

    fn pourcent_de(&self, v: Option<&Valeur>, cle: &str, libelle: &str) -> Result<Option<Ratio>, ErreurSaisie> {
        match v {
            Some(Valeur::Texte(t)) => match t.trim_end().strip_suffix('%') {
                Some(nombre) => self.nombre_de(Some(&Valeur::Texte(nombre.to_string())), cle, libelle),
                None => self.nombre_de(v, cle, libelle),
            },
            _ => self.nombre_de(v, cle, libelle),
        }
    }

    fn nombre_de(&self, v: Option<&Valeur>, cle: &str, libelle: &str) -> Result<Option<Ratio>, ErreurSaisie> {
        match v {
            None => Ok(None),
            #[cfg(not(target_arch = "wasm32"))]
            Some(Valeur::Nombre(x)) => {
                if !x.is_finite() {
                    return Err(self.erreur(cle, libelle, Regle::NonFini));
                }
                Ratio::depuis_f64(*x).map(Some).ok_or_else(|| {
                    self.erreur(cle, libelle, Regle::HorsLimites { min: "-10³⁰".into(), max: "10³⁰".into() })
                })
            }
            Some(Valeur::NombreJs(t)) if matches!(t.as_str(), "NaN" | "Infinity" | "-Infinity") => {
                Err(self.erreur(cle, libelle, Regle::NonFini))
            }
            Some(Valeur::NombreJs(t)) => Ratio::depuis_decimal_exposant(t).map(Some).ok_or_else(|| {
                self.erreur(cle, libelle, Regle::HorsLimites { min: "-10³⁰".into(), max: "10³⁰".into() })
            }),
            Some(Valeur::Texte(t)) => {
                if trop_long(t) {
                    return Err(self.erreur(cle, libelle, Regle::TexteTropLong));
                }
                match lire_ecrit(t.as_bytes()) {
                    Ok(None) => Ok(None),
                    Ok(Some((valeur, decimales))) => Ok(puissance10(decimales).and_then(|p| Ratio::new(valeur, p))),
                    Err(e) => Err(self.erreur(cle, libelle, Regle::ecriture(e, t))),
                }
            }
            Some(autre) => Err(self.erreur(cle, libelle, Regle::Type { attendu: "un nombre", recu: autre.nature() })),
        }
    }

    /// A required exact number.
    ///
    /// # Errors
    /// As [`Lecteur::nombre_option`], and [`Regle::Manquant`].
    pub fn nombre(&self, cle: &str, libelle: &str) -> Result<Ratio, ErreurSaisie> {
        self.nombre_option(cle, libelle)?.ok_or_else(|| self.erreur(cle, libelle, Regle::Manquant))
    }

    /// An optional whole number within `[min, max]`.
    ///
    /// # Errors
    /// As [`Lecteur::nombre_option`], and [`Regle::NonEntier`], [`Regle::HorsLimites`].
    pub fn entier_option(&self, cle: &str, libelle: &str, min: i64, max: i64) -> Result<Option<i64>, ErreurSaisie> {
        let Some(r) = self.nombre_option(cle, libelle)? else {
            return Ok(None);
        };
        if r.den() != 1 {
            return Err(self.erreur(cle, libelle, Regle::NonEntier));
        }
        match i64::try_from(r.num()) {
            Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
            _ => Err(self.erreur(cle, libelle, Regle::HorsLimites { min: min.to_string(), max: max.to_string() })),
        }
    }

    /// A required whole number within `[min, max]`.
    ///
    /// # Errors
    /// As [`Lecteur::entier_option`], and [`Regle::Manquant`].
    pub fn entier(&self, cle: &str, libelle: &str, min: i64, max: i64) -> Result<i64, ErreurSaisie> {
        self.entier_option(cle, libelle, min, max)?.ok_or_else(|| self.erreur(cle, libelle, Regle::Manquant))
    }

    /// An optional amount in euros, rounded half away from zero to the centime, within
    /// `[min, max]` euros.
    ///
    /// # Errors
    /// As [`Lecteur::nombre_option`], and [`Regle::Negatif`] (when `min` is 0) or
    /// [`Regle::HorsLimites`].
    pub fn centimes_option(&self, cle: &str, libelle: &str, min: i64, max: i64) -> Result<Option<i64>, ErreurSaisie> {
        // A typed text is read strictly (two decimals at most, no ambiguous grouping); a number
        // from a program is rounded to the centime.
        let lu = match self.brut(cle) {
            Some(Valeur::Texte(t)) if !trop_long(t) => match lire_montant(t.as_bytes()) {
                Ok(c) => c.map(Ratio::centimes),
                Err(e) => return Err(self.erreur(cle, libelle, Regle::ecriture(e, t))),
            },
            // A number beyond what is exact (±10³⁰) is outside this field's own bounds: quote those.
            _ => match self.nombre_option(cle, libelle) {
                Err(ErreurSaisie { regle: Regle::HorsLimites { .. }, .. }) => Some(Ratio::entier(i128::MAX)),
                autre => autre?,
            },
        };
        let Some(r) = lu else {
            return Ok(None);
        };
        let hors = || {
            if min == 0 && r.signe() < 0 {
                Regle::Negatif
            } else {
                Regle::HorsLimites {
                    min: crate::format::euros(Ratio::entier(i128::from(min)), 0),
                    max: crate::format::euros(Ratio::entier(i128::from(max)), 0),
                }
            }
        };
        let borne = |e: i64| Ratio::entier(i128::from(e));
        let dans = r.compare(borne(min)).is_some_and(|o| o.is_ge()) && r.compare(borne(max)).is_some_and(|o| o.is_le());
        if !dans {
            return Err(self.erreur(cle, libelle, hors()));
        }
        let c = r.arrondi(2).and_then(|c| i64::try_from(c).ok());
        c.map(Some).ok_or_else(|| self.erreur(cle, libelle, hors()))
    }

    /// A required amount in euros (see [`Lecteur::centimes_option`]).
    ///
    /// # Errors
    /// As [`Lecteur::centimes_option`], and [`Regle::Manquant`].
    pub fn centimes(&self, cle: &str, libelle: &str, min: i64, max: i64) -> Result<i64, ErreurSaisie> {
        self.centimes_option(cle, libelle, min, max)?.ok_or_else(|| self.erreur(cle, libelle, Regle::Manquant))
    }

    /// An optional boolean (`true`/`false`, or the texts `"oui"`/`"non"`).
    ///
    /// # Errors
    /// [`Regle::Type`].
    pub fn booleen(&self, cle: &str, libelle: &str) -> Result<bool, ErreurSaisie> {
        match self.brut(cle) {
            None => Ok(false),
            Some(Valeur::Booleen(b)) => Ok(*b),
            Some(Valeur::Texte(t)) if matches!(t.as_str(), "oui" | "true") => Ok(true),
            Some(Valeur::Texte(t)) if matches!(t.as_str(), "non" | "false" | "") => Ok(false),
            Some(autre) => {
                Err(self.erreur(cle, libelle, Regle::Type { attendu: "vrai ou faux", recu: autre.nature() }))
            }
        }
    }

    /// An optional text, trimmed; empty counts as absent.
    ///
    /// # Errors
    /// [`Regle::Type`], [`Regle::TexteTropLong`].
    pub fn texte_option(&self, cle: &str, libelle: &str) -> Result<Option<String>, ErreurSaisie> {
        match self.brut(cle) {
            None => Ok(None),
            Some(Valeur::Texte(t)) if trop_long(t) => Err(self.erreur(cle, libelle, Regle::TexteTropLong)),
            Some(Valeur::Texte(t)) => Ok(Some(t.trim().to_string()).filter(|t| !t.is_empty())),
            Some(autre) => Err(self.erreur(cle, libelle, Regle::Type { attendu: "un texte", recu: autre.nature() })),
        }
    }

    /// A required text among `permises` (given for the message).
    ///
    /// # Errors
    /// As [`Lecteur::texte_option`], and [`Regle::Manquant`].
    pub fn texte(&self, cle: &str, libelle: &str) -> Result<String, ErreurSaisie> {
        self.texte_option(cle, libelle)?.ok_or_else(|| self.erreur(cle, libelle, Regle::Manquant))
    }

    /// An error about field `cle` of this object.
    pub fn erreur_sur(&self, cle: &str, libelle: &str, regle: Regle) -> ErreurSaisie {
        self.erreur(cle, libelle, regle)
    }

    /// A required list of at most `max` elements.
    ///
    /// # Errors
    /// [`Regle::Manquant`], [`Regle::Type`], [`Regle::TropDElements`].
    pub fn liste(&self, cle: &str, libelle: &str, max: usize) -> Result<&'a [Valeur], ErreurSaisie> {
        match self.brut(cle) {
            None => Err(self.erreur(cle, libelle, Regle::Manquant)),
            Some(Valeur::Liste(l)) if l.len() > max => Err(self.erreur(cle, libelle, Regle::TropDElements { max })),
            Some(Valeur::Liste(l)) => Ok(l),
            Some(autre) => Err(self.erreur(cle, libelle, Regle::Type { attendu: "une liste", recu: autre.nature() })),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Decoding from any serde format, with a depth limit (native callers, and the shared golden
// tests in wasm; the wasm binding builds its values from JavaScript directly, so none of this
// is in the module).

/// A decoded number: as it is natively; in wasm, as text like [`Valeur::NombreJs`] (the
/// variant [`Valeur::Nombre`] does not exist there).
fn nombre(x: f64) -> Valeur {
    #[cfg(not(target_arch = "wasm32"))]
    return Valeur::Nombre(x);
    #[cfg(target_arch = "wasm32")]
    return Valeur::NombreJs(match x {
        x if x.is_nan() => "NaN".to_string(),
        x if x.is_infinite() => (if x > 0.0 { "Infinity" } else { "-Infinity" }).to_string(),
        x => x.to_string(),
    });
}

struct Graine {
    profondeur: usize,
}

impl<'de> DeserializeSeed<'de> for Graine {
    type Value = Valeur;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Valeur, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Graine {
    type Value = Valeur;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("une valeur JSON")
    }
    fn visit_unit<E>(self) -> Result<Valeur, E> {
        Ok(Valeur::Nul)
    }
    fn visit_none<E>(self) -> Result<Valeur, E> {
        Ok(Valeur::Nul)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Valeur, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Valeur, E> {
        Ok(Valeur::Booleen(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Valeur, E> {
        Ok(nombre(n as f64))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Valeur, E> {
        Ok(nombre(n as f64))
    }
    fn visit_i128<E>(self, n: i128) -> Result<Valeur, E> {
        Ok(nombre(n as f64))
    }
    fn visit_u128<E>(self, n: u128) -> Result<Valeur, E> {
        Ok(nombre(n as f64))
    }
    fn visit_f64<E>(self, x: f64) -> Result<Valeur, E> {
        Ok(nombre(x))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Valeur, E> {
        Ok(Valeur::Texte(s.to_owned()))
    }
    fn visit_string<E: de::Error>(self, s: String) -> Result<Valeur, E> {
        Ok(Valeur::Texte(s))
    }
    fn visit_bytes<E: de::Error>(self, b: &[u8]) -> Result<Valeur, E> {
        Ok(Valeur::Texte(String::from_utf8_lossy(b).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Valeur, A::Error> {
        let profondeur = self.profondeur + 1;
        if profondeur > PROFONDEUR_MAX {
            return Err(de::Error::custom("imbrication trop profonde"));
        }
        let mut v = Vec::new();
        while let Some(e) = seq.next_element_seed(Graine { profondeur })? {
            v.push(e);
        }
        Ok(Valeur::Liste(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Valeur, A::Error> {
        let profondeur = self.profondeur + 1;
        if profondeur > PROFONDEUR_MAX {
            return Err(de::Error::custom("imbrication trop profonde"));
        }
        let mut v = Vec::new();
        while let Some(k) = map.next_key::<String>()? {
            let e = map.next_value_seed(Graine { profondeur })?;
            v.push((Cow::Owned(k), e));
        }
        Ok(Valeur::Objet(v))
    }
}

impl<'de> serde::Deserialize<'de> for Valeur {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Valeur, D::Error> {
        Graine { profondeur: 0 }.deserialize(d)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn objet(e: &[(&str, Valeur)]) -> Valeur {
        Valeur::Objet(e.iter().map(|(k, v)| (k.to_string().into(), v.clone())).collect())
    }

    #[test]
    fn lecture_des_nombres_ecrits_en_francais() {
        let v = objet(&[
            ("a", Valeur::Texte("1 200,50".into())),
            ("b", Valeur::Texte("1\u{202f}200.5 €".into())),
            ("c", Valeur::Texte("  ".into())),
            ("d", Valeur::Texte("douze".into())),
            ("e", Valeur::Nombre(f64::INFINITY)),
            ("f", Valeur::Nombre(3.5)),
        ]);
        let l = Lecteur::objet(&v, "", "situation").unwrap();
        assert_eq!(
            l.centimes("a", "A", 0, 10),
            Err(l.erreur_sur("a", "A", Regle::HorsLimites { min: "0\u{a0}€".into(), max: "10\u{a0}€".into() }))
        );
        assert_eq!(l.centimes("a", "A", 0, 1_000_000), Ok(120_050));
        assert_eq!(l.centimes("b", "B", 0, 1_000_000), Ok(120_050));
        assert_eq!(l.centimes_option("c", "C", 0, 10), Ok(None));
        assert_eq!(l.nombre("d", "D").unwrap_err().regle, Regle::NombreIllisible("douze".into()));
        assert_eq!(l.nombre("e", "E").unwrap_err().regle, Regle::NonFini);
        assert_eq!(l.entier("f", "F", 0, 10).unwrap_err().regle, Regle::NonEntier);
        assert_eq!(l.entier("z", "Z", 0, 10).unwrap_err().to_string(), "Z : ce champ est obligatoire.");
    }

    #[test]
    fn profondeur_limitee() {
        let profond = "[".repeat(100) + &"]".repeat(100);
        assert!(serde_json::from_str::<Valeur>(&profond).is_err());
        let ok = "[".repeat(10) + &"]".repeat(10);
        assert!(serde_json::from_str::<Valeur>(&ok).is_ok());
    }
}
