//! What a household batch found, told on the page and by the command line: how many foyers of
//! each status, who is left out of the shares and of the median and why, and the first error
//! rows (line, field, message).

use crate::format;
use crate::foyer::Chiffres;
use crate::nombre::Ratio;

/// Error rows kept for the page (the results file has them all).
pub const ERREURS_LISTEES: usize = 20;

/// An error row of the batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErreurListee {
    /// Line of the file (the header is line 1).
    pub ligne: u64,
    /// Column or field at fault.
    pub champ: String,
    /// French message.
    pub message: String,
}

/// Counts of the statuses of the foyers computed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Bilan {
    /// Foyers computed (lines without error).
    pub foyers: u64,
    /// Error rows.
    pub erreurs: u64,
    /// Foyers outside the reference population (not classified, not in the median).
    pub hors_champ: u64,
    /// Foyers under the CAF threshold of their year.
    pub bas_revenus: u64,
    /// Fragile foyers.
    pub fragiles: u64,
    /// Benefits ≥ half of resources.
    pub dependants50: u64,
    /// Benefits = all resources.
    pub dependants100: u64,
    /// Foyers with a rent and resources apart from the housing aid (taux d'effort computed).
    pub loyers: u64,
    /// Of those, taux d'effort ≥ 30 %.
    pub effort_eleve: u64,
    /// Lines whose identifier is not UTF-8 and was read as Windows-1252 (the CSV of French
    /// Excel), or as ISO-8859-15 or Mac Roman when its bytes say so (`tableur`). The name keeps
    /// the API's `idsWindows1252`.
    pub ids_windows_1252: u64,
}

impl Bilan {
    /// Adds the counts of another part of the same file.
    pub fn ajouter(&mut self, autre: &Bilan) {
        self.foyers += autre.foyers;
        self.erreurs += autre.erreurs;
        self.hors_champ += autre.hors_champ;
        self.bas_revenus += autre.bas_revenus;
        self.fragiles += autre.fragiles;
        self.dependants50 += autre.dependants50;
        self.dependants100 += autre.dependants100;
        self.loyers += autre.loyers;
        self.effort_eleve += autre.effort_eleve;
        self.ids_windows_1252 += autre.ids_windows_1252;
    }

    /// Counts one computed foyer.
    pub fn compter(&mut self, c: &Chiffres) {
        self.foyers += 1;
        self.hors_champ += u64::from(c.hors_champ.is_some());
        self.bas_revenus += u64::from(c.bas_revenus() == Some(true));
        self.fragiles += u64::from(c.fragile() == Some(true));
        self.dependants50 += u64::from(c.dependance50);
        self.dependants100 += u64::from(c.dependance100);
        if let Some(eleve) = c.taux_effort_eleve() {
            self.loyers += 1;
            self.effort_eleve += u64::from(eleve);
        }
    }

    /// The summary in French sentences.
    pub fn phrases(&self) -> Vec<String> {
        let n = |x: u64| format::entier(i128::from(x));
        let foyers = |x: u64| format::compte(x, "foyer", "foyers");
        let part = |x: u64, sur: u64| {
            Ratio::new(100 * i128::from(x), i128::from(sur))
                .map(|p| format!(" ({})", format::pourcent(p, 1)))
                .unwrap_or_default()
        };
        let champ = self.foyers - self.hors_champ;
        let mut v = vec![format!(
            "{} : {}, {} en erreur.",
            format::compte(self.foyers + self.erreurs, "ligne", "lignes"),
            format::compte(self.foyers, "foyer calculé", "foyers calculés"),
            n(self.erreurs)
        )];
        v.push(format!(
            "Dans le champ des indicateurs de bas revenus ({}) : {} à bas revenus{}, {}{}.",
            foyers(champ),
            n(self.bas_revenus),
            part(self.bas_revenus, champ),
            format::compte(self.fragiles, "fragile", "fragiles"),
            part(self.fragiles, champ)
        ));
        if self.hors_champ > 0 {
            v.push(format!(
                "Hors champ : {} (allocataire ou conjoint de 65 ans ou plus, ou étudiant ne percevant qu'une aide au logement) ; ni dans ces parts ni dans la médiane.",
                foyers(self.hors_champ)
            ));
        }
        v.push(format!(
            "Prestations : au moins la moitié des ressources pour {}{}, la totalité pour {}{}.",
            foyers(self.dependants50),
            part(self.dependants50, self.foyers),
            n(self.dependants100),
            part(self.dependants100, self.foyers)
        ));
        v.push(if self.loyers == 0 {
            "Taux d'effort : aucun loyer renseigné.".to_string()
        } else {
            format!(
                "Taux d'effort de 30 % ou plus : {} sur {} dont le loyer est connu{}.",
                n(self.effort_eleve),
                foyers(self.loyers),
                part(self.effort_eleve, self.loyers)
            )
        });
        if self.ids_windows_1252 > 0 {
            v.push(format!(
                "Identifiants de {} lus en Windows-1252, ISO-8859-15 ou Mac Roman : ils ne sont pas en UTF-8 (le CSV d'Excel) ; vérifiez leurs lettres accentuées.",
                format::compte(self.ids_windows_1252, "ligne", "lignes")
            ));
        }
        v
    }
}
