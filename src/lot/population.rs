//! The low-income thresholds of a population: the exact weighted median of the RUC of its
//! valid foyers (no sampling), and the thresholds at 60 % and 50 % of it.

use std::cmp::Ordering;

use super::nombres::ecrire_arrondi;
use super::ErreurLot;
use crate::format;
use crate::nombre::Ratio;
use crate::tableur::BOM;

/// What the median needs of a foyer: resources in twelfths of a centime, UC in tenths, persons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Point {
    /// Monthly resources, twelfths of a centime.
    pub douziemes: i64,
    /// UC in tenths.
    pub uc: u32,
    /// Persons of the foyer.
    pub personnes: u32,
    /// Reference year of the foyer (a median is computed year by year).
    pub annee: i32,
}

impl Point {
    /// Year, then RUC (one sort serves [`seuils_par_annee`] and [`seuils_population`]).
    fn compare(&self, o: &Point) -> Ordering {
        self.annee.cmp(&o.annee).then_with(|| {
            (i128::from(self.douziemes) * i128::from(o.uc)).cmp(&(i128::from(o.douziemes) * i128::from(self.uc)))
        })
    }

    /// The exact RUC, € per UC per month.
    pub fn ruc(&self) -> Ratio {
        Ratio::new(5 * i128::from(self.douziemes), 600 * i128::from(self.uc.max(1))).unwrap_or(Ratio::ZERO)
    }
}

/// How the median weighs the foyers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ponderation {
    /// Each person counts once (the INSEE convention).
    Personnes,
    /// Each foyer counts once.
    Foyers,
}

impl Ponderation {
    /// The code of the contract and of the command line: `personnes` or `foyers`.
    pub fn code(self) -> &'static str {
        match self {
            Ponderation::Personnes => "personnes",
            Ponderation::Foyers => "foyers",
        }
    }

    /// Reads a code; the empty text is the default, `personnes`.
    ///
    /// # Errors
    /// [`ErreurLot::Ponderation`] for any other text.
    pub fn depuis_code(code: &str) -> Result<Ponderation, ErreurLot> {
        match code {
            "" | "personnes" => Ok(Ponderation::Personnes),
            "foyers" => Ok(Ponderation::Foyers),
            autre => Err(ErreurLot::Ponderation(autre.chars().take(20).collect())),
        }
    }
}

/// The thresholds of each reference year of `points` (sorted by year in place), year by year:
/// a median never pools foyers of different years.
pub fn seuils_par_annee(points: &mut [Point], ponderation: Ponderation) -> Vec<(i32, SeuilsPopulation)> {
    points.sort_unstable_by(Point::compare);
    let mut resultats = Vec::new();
    for groupe in points.chunk_by(|a, b| a.annee == b.annee) {
        if let Some(s) = seuils_tries(groupe, ponderation) {
            resultats.push((groupe[0].annee, s));
        }
    }
    resultats
}

/// The reference years of `points`, in increasing order.
pub fn annees(points: &[Point]) -> Vec<i32> {
    // A few years at most: kept in order by insertion (no generic sort in the module).
    let mut v: Vec<i32> = Vec::new();
    for p in points {
        if let Err(i) = v.binary_search(&p.annee) {
            v.insert(i, p.annee);
        }
    }
    v
}

/// Low-income thresholds computed from a population.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeuilsPopulation {
    /// Reference year of the foyers.
    pub annee: i32,
    /// Weighting used.
    pub ponderation: Ponderation,
    /// Foyers counted (valid, in the reference population).
    pub foyers: u64,
    /// Their persons.
    pub personnes: u64,
    /// Exact median RUC, € per UC per month.
    pub mediane: Ratio,
    /// For 60 % and 50 % of the median: the threshold, foyers and persons strictly under it.
    pub seuils: Vec<SeuilPopulation>,
}

/// One threshold of a population.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeuilPopulation {
    /// 60 or 50.
    pub pourcent: u32,
    /// The threshold, € per UC per month.
    pub valeur: Ratio,
    /// Foyers with RUC < threshold.
    pub foyers_sous: u64,
    /// Persons of those foyers.
    pub personnes_sous: u64,
    /// Share of foyers, in %.
    pub part_foyers: Ratio,
    /// Share of persons, in %.
    pub part_personnes: Ratio,
}

impl SeuilsPopulation {
    /// The headers of [`SeuilsPopulation::cellules`]: the year, the counts, the median, then
    /// for each threshold its value and the shares of foyers and persons under it.
    pub fn colonnes(&self) -> Vec<String> {
        let mut v: Vec<String> =
            ["Année", "Foyers", "Personnes", "RUC médian (par UC et par mois)"].map(String::from).to_vec();
        for s in &self.seuils {
            let p = s.pourcent;
            let p = format!("{p}{}%", format::ESPACE_INSECABLE);
            v.extend([format!("Seuil à {p}"), format!("Foyers sous {p}"), format!("Personnes sous {p}")]);
        }
        v
    }

    /// The figures of [`SeuilsPopulation::phrases`] as one table row, in French formatting,
    /// under [`SeuilsPopulation::colonnes`]: a share is followed by its count (`20,5 % (713)`).
    pub fn cellules(&self) -> Vec<String> {
        let t = self.textes();
        let mut v = vec![self.annee.to_string(), t.foyers, t.personnes, t.mediane];
        for s in t.seuils {
            v.extend([
                s.valeur,
                format!("{} ({})", s.part_foyers, s.foyers_sous),
                format!("{} ({})", s.part_personnes, s.personnes_sous),
            ]);
        }
        v
    }

    /// What the median is weighted by, in French (`médiane pondérée par les personnes`).
    pub fn legende(&self) -> String {
        let par = match self.ponderation {
            Ponderation::Personnes => "personnes",
            Ponderation::Foyers => "foyers",
        };
        format!("médiane pondérée par les {par}")
    }

    /// French sentences of the result.
    pub fn phrases(&self) -> Vec<String> {
        let t = self.textes();
        let mut v = vec![format!(
            "RUC médian : {} par UC et par mois, sur {} foyers et {} personnes de l'année {} ({}).",
            t.mediane,
            t.foyers,
            t.personnes,
            self.annee,
            self.legende()
        )];
        for (s, x) in t.seuils.iter().zip(&self.seuils) {
            v.push(format!(
                "Seuil à {} % de la médiane : {} ; sous ce seuil : {} des foyers ({}) et {} des personnes ({}).",
                x.pourcent, s.valeur, s.part_foyers, s.foyers_sous, s.part_personnes, s.personnes_sous
            ));
        }
        v
    }

    /// Every figure written once, for the sentences and the table row alike.
    fn textes(&self) -> TextesSeuils {
        TextesSeuils {
            foyers: format::entier(i128::from(self.foyers)),
            personnes: format::entier(i128::from(self.personnes)),
            mediane: format::euros(self.mediane, 2),
            seuils: self
                .seuils
                .iter()
                .map(|s| TexteSeuil {
                    valeur: format::euros(s.valeur, 2),
                    foyers_sous: format::entier(i128::from(s.foyers_sous)),
                    personnes_sous: format::entier(i128::from(s.personnes_sous)),
                    part_foyers: format::pourcent(s.part_foyers, 1),
                    part_personnes: format::pourcent(s.part_personnes, 1),
                })
                .collect(),
        }
    }
}

/// The medians of a file, one row per year, for spreadsheets (`;`, BOM, decimal comma, no
/// grouping): `annee;ponderation;foyers;personnes;ruc_median`, then for each threshold `p` (60,
/// 50) `seuil_p;foyers_sous_p;part_foyers_sous_p;personnes_sous_p;part_personnes_sous_p`.
/// Amounts in euros to the cent, shares in % to one decimal, rounded half away from zero as
/// the page and the sentences show them; counts whole.
///
/// ```
/// use indicateurs_caf::lot::{seuils_csv, seuils_par_annee, LotFoyers, Ponderation};
///
/// let fichier = "id;annee;personnes;revenus_annuels;prestations_mensuelles\n\
///                F1;2017;A35;14400;0\n\
///                F2;2017;A35|E4;20000;100\n";
/// let mut lot = LotFoyers::new(true);
/// let mut sortie = Vec::new();
/// lot.traiter(fichier.as_bytes(), &mut sortie).unwrap();
/// lot.terminer(&mut sortie).unwrap();
/// let par_annee = seuils_par_annee(&mut lot.points().to_vec(), Ponderation::Personnes);
/// let csv = seuils_csv(par_annee.iter().map(|(_, s)| s));
/// // Two foyers, three persons of 2017; the median RUC and the thresholds follow.
/// assert!(csv.lines().nth(1).unwrap().starts_with("2017;personnes;2;3;"));
/// ```
pub fn seuils_csv<'a>(seuils: impl IntoIterator<Item = &'a SeuilsPopulation>) -> String {
    let mut seuils = seuils.into_iter().peekable();
    let mut s = format!("{BOM}annee;ponderation;foyers;personnes;ruc_median");
    for p in seuils.peek().map(|x| x.seuils.as_slice()).unwrap_or_default() {
        let p = p.pourcent;
        s.push_str(&format!(
            ";seuil_{p};foyers_sous_{p};part_foyers_sous_{p};personnes_sous_{p};part_personnes_sous_{p}"
        ));
    }
    s.push('\n');
    for x in seuils {
        s.push_str(&format!("{};{};{};{};", x.annee, x.ponderation.code(), x.foyers, x.personnes));
        ecrire_arrondi(&mut s, Some(x.mediane), 2);
        for p in &x.seuils {
            s.push(';');
            ecrire_arrondi(&mut s, Some(p.valeur), 2);
            s.push_str(&format!(";{};", p.foyers_sous));
            ecrire_arrondi(&mut s, Some(p.part_foyers), 1);
            s.push_str(&format!(";{};", p.personnes_sous));
            ecrire_arrondi(&mut s, Some(p.part_personnes), 1);
        }
        s.push('\n');
    }
    s
}

/// The figures of a [`SeuilsPopulation`] in French formatting.
struct TextesSeuils {
    foyers: String,
    personnes: String,
    mediane: String,
    seuils: Vec<TexteSeuil>,
}

/// The figures of a [`SeuilPopulation`] in French formatting.
struct TexteSeuil {
    valeur: String,
    foyers_sous: String,
    personnes_sous: String,
    part_foyers: String,
    part_personnes: String,
}

/// The exact weighted median of the RUC of `points`, and the thresholds at 60 % and 50 % of it.
/// Sorts `points` in place. `None` for an empty population.
///
/// With weights w (persons, or 1 per foyer) and total W, the median is the value at rank
/// (W + 1) / 2 of the expanded list when W is odd, and the mean of the values at ranks W / 2 and
/// W / 2 + 1 when W is even.
/// The points must all be of one reference year ([`seuils_par_annee`] splits a file by year):
/// `None` for an empty population or for several years.
pub fn seuils_population(points: &mut [Point], ponderation: Ponderation) -> Option<SeuilsPopulation> {
    if points.windows(2).any(|w| w[0].annee != w[1].annee) {
        return None;
    }
    points.sort_unstable_by(Point::compare);
    seuils_tries(points, ponderation)
}

/// [`seuils_population`] on points of one year already sorted by RUC.
fn seuils_tries(points: &[Point], ponderation: Ponderation) -> Option<SeuilsPopulation> {
    if points.is_empty() {
        return None;
    }
    let poids = |p: &Point| match ponderation {
        Ponderation::Personnes => u64::from(p.personnes.max(1)),
        Ponderation::Foyers => 1,
    };
    let total: u64 = points.iter().map(poids).sum();
    let au_rang = |rang: u64| -> Option<Ratio> {
        let mut cumul = 0;
        points
            .iter()
            .find(|p| {
                cumul += poids(p);
                cumul >= rang
            })
            .map(Point::ruc)
    };
    let mediane = if total % 2 == 1 {
        au_rang(total.div_ceil(2))?
    } else {
        au_rang(total / 2)?.plus(au_rang(total / 2 + 1)?)?.divise(Ratio::entier(2))?
    };
    let foyers = points.len() as u64;
    let personnes: u64 = points.iter().map(|p| u64::from(p.personnes)).sum();
    let mut seuils = Vec::new();
    for pourcent in [60u32, 50] {
        let valeur = mediane.fois(Ratio::new(i128::from(pourcent), 100)?)?;
        // RUC = 5d / (600 u) < valeur = n / m  ⇔  5 d m < 600 u n.
        let (n, m) = (valeur.num(), valeur.den());
        let sous = |p: &Point| 5 * i128::from(p.douziemes) * m < 600 * i128::from(p.uc) * n;
        let (mut foyers_sous, mut personnes_sous) = (0u64, 0u64);
        for p in points.iter().take_while(|p| sous(p)) {
            foyers_sous += 1;
            personnes_sous += u64::from(p.personnes);
        }
        seuils.push(SeuilPopulation {
            pourcent,
            valeur,
            foyers_sous,
            personnes_sous,
            part_foyers: Ratio::new(i128::from(foyers_sous) * 100, i128::from(foyers.max(1)))?,
            part_personnes: Ratio::new(i128::from(personnes_sous) * 100, i128::from(personnes.max(1)))?,
        });
    }
    Some(SeuilsPopulation { annee: points[0].annee, ponderation, foyers, personnes, mediane, seuils })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mediane_exacte() {
        let p = |euros: i64, uc: u32, personnes: u32| Point {
            douziemes: euros * 1200 * i64::from(uc) / 10,
            uc,
            personnes,
            annee: 2017,
        };
        // RUC 1 000, 2 000, 3 000 € with 1, 1, 2 persons: W = 4, ranks 2 and 3 → (2 000 + 3 000) / 2.
        let mut pts = vec![p(3000, 10, 2), p(1000, 10, 1), p(2000, 10, 1)];
        let s = seuils_population(&mut pts, Ponderation::Personnes).unwrap();
        assert_eq!(s.mediane, Ratio::entier(2500));
        assert_eq!(s.seuils[0].valeur, Ratio::entier(1500));
        assert_eq!((s.seuils[0].foyers_sous, s.seuils[0].personnes_sous), (1, 1));
        let s = seuils_population(&mut pts, Ponderation::Foyers).unwrap();
        assert_eq!(s.mediane, Ratio::entier(2000));
        assert!(seuils_population(&mut [], Ponderation::Foyers).is_none());
        // Two years: never one median.
        let mut deux = vec![p(1000, 10, 1), Point { annee: 2019, ..p(3000, 10, 1) }, p(2000, 10, 1)];
        assert!(seuils_population(&mut deux, Ponderation::Foyers).is_none());
        let par_annee = seuils_par_annee(&mut deux, Ponderation::Foyers);
        assert_eq!(
            par_annee.iter().map(|(a, s)| (*a, s.mediane)).collect::<Vec<_>>(),
            [(2017, Ratio::entier(1500)), (2019, Ratio::entier(3000))]
        );
        assert_eq!(annees(&deux), [2017, 2019]);
    }
}
