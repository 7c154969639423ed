//! Names of territories in sentences: the départements with their article, and the French
//! contractions that follow (`du Pas-de-Calais`, `de la Somme`, `de l'Aisne`, `des Yvelines`;
//! `au`, `à la`, `à l'`, `aux`).
//!
//! ```
//! use indicateurs_caf::territoire::Nom;
//! let pdc = Nom::departement_ou_libre("Pas-de-calais");
//! assert_eq!(pdc.de(), "du Pas-de-Calais");
//! assert_eq!(pdc.a(), "au Pas-de-Calais");
//! assert_eq!(Nom::departement_ou_libre("Aisne").de(), "de l'Aisne");
//! assert_eq!(Nom::departement_ou_libre("Yvelines").a(), "aux Yvelines");
//! ```

/// The article a name takes in French.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Article {
    /// *le* (du, au).
    Le,
    /// *la* (de la, à la).
    La,
    /// *l'* (de l', à l').
    L,
    /// *les* (des, aux).
    Les,
    /// No article (de Paris, à Mayotte; d' before a vowel).
    Aucun,
}

impl Article {
    /// Reads `"le"`, `"la"`, `"l'"`, `"les"` or `""`.
    pub fn depuis_texte(t: &str) -> Option<Article> {
        match t.trim() {
            "le" => Some(Article::Le),
            "la" => Some(Article::La),
            "l'" | "l’" => Some(Article::L),
            "les" => Some(Article::Les),
            "" => Some(Article::Aucun),
            _ => None,
        }
    }

    /// The text `depuis_texte` reads.
    pub fn texte(self) -> &'static str {
        match self {
            Article::Le => "le",
            Article::La => "la",
            Article::L => "l'",
            Article::Les => "les",
            Article::Aucun => "",
        }
    }
}

use Article::{Aucun, La, Le, Les, L};

/// The départements: INSEE code, name, article.
pub const DEPARTEMENTS: &[(&str, &str, Article)] = &[
    ("01", "Ain", L),
    ("02", "Aisne", L),
    ("03", "Allier", L),
    ("04", "Alpes-de-Haute-Provence", Les),
    ("05", "Hautes-Alpes", Les),
    ("06", "Alpes-Maritimes", Les),
    ("07", "Ardèche", L),
    ("08", "Ardennes", Les),
    ("09", "Ariège", L),
    ("10", "Aube", L),
    ("11", "Aude", L),
    ("12", "Aveyron", L),
    ("13", "Bouches-du-Rhône", Les),
    ("14", "Calvados", Le),
    ("15", "Cantal", Le),
    ("16", "Charente", La),
    ("17", "Charente-Maritime", La),
    ("18", "Cher", Le),
    ("19", "Corrèze", La),
    ("2A", "Corse-du-Sud", La),
    ("2B", "Haute-Corse", La),
    ("21", "Côte-d'Or", La),
    ("22", "Côtes-d'Armor", Les),
    ("23", "Creuse", La),
    ("24", "Dordogne", La),
    ("25", "Doubs", Le),
    ("26", "Drôme", La),
    ("27", "Eure", L),
    ("28", "Eure-et-Loir", L),
    ("29", "Finistère", Le),
    ("30", "Gard", Le),
    ("31", "Haute-Garonne", La),
    ("32", "Gers", Le),
    ("33", "Gironde", La),
    ("34", "Hérault", L),
    ("35", "Ille-et-Vilaine", L),
    ("36", "Indre", L),
    ("37", "Indre-et-Loire", L),
    ("38", "Isère", L),
    ("39", "Jura", Le),
    ("40", "Landes", Les),
    ("41", "Loir-et-Cher", Le),
    ("42", "Loire", La),
    ("43", "Haute-Loire", La),
    ("44", "Loire-Atlantique", La),
    ("45", "Loiret", Le),
    ("46", "Lot", Le),
    ("47", "Lot-et-Garonne", Le),
    ("48", "Lozère", La),
    ("49", "Maine-et-Loire", Le),
    ("50", "Manche", La),
    ("51", "Marne", La),
    ("52", "Haute-Marne", La),
    ("53", "Mayenne", La),
    ("54", "Meurthe-et-Moselle", La),
    ("55", "Meuse", La),
    ("56", "Morbihan", Le),
    ("57", "Moselle", La),
    ("58", "Nièvre", La),
    ("59", "Nord", Le),
    ("60", "Oise", L),
    ("61", "Orne", L),
    ("62", "Pas-de-Calais", Le),
    ("63", "Puy-de-Dôme", Le),
    ("64", "Pyrénées-Atlantiques", Les),
    ("65", "Hautes-Pyrénées", Les),
    ("66", "Pyrénées-Orientales", Les),
    ("67", "Bas-Rhin", Le),
    ("68", "Haut-Rhin", Le),
    ("69", "Rhône", Le),
    ("70", "Haute-Saône", La),
    ("71", "Saône-et-Loire", La),
    ("72", "Sarthe", La),
    ("73", "Savoie", La),
    ("74", "Haute-Savoie", La),
    ("75", "Paris", Aucun),
    ("76", "Seine-Maritime", La),
    ("77", "Seine-et-Marne", La),
    ("78", "Yvelines", Les),
    ("79", "Deux-Sèvres", Les),
    ("80", "Somme", La),
    ("81", "Tarn", Le),
    ("82", "Tarn-et-Garonne", Le),
    ("83", "Var", Le),
    ("84", "Vaucluse", Le),
    ("85", "Vendée", La),
    ("86", "Vienne", La),
    ("87", "Haute-Vienne", La),
    ("88", "Vosges", Les),
    ("89", "Yonne", L),
    ("90", "Territoire de Belfort", Le),
    ("91", "Essonne", L),
    ("92", "Hauts-de-Seine", Les),
    ("93", "Seine-Saint-Denis", La),
    ("94", "Val-de-Marne", Le),
    ("95", "Val-d'Oise", Le),
    ("971", "Guadeloupe", La),
    ("972", "Martinique", La),
    ("973", "Guyane", La),
    ("974", "La Réunion", Aucun),
    ("976", "Mayotte", Aucun),
];

fn cle(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' => 'e',
            'ô' | 'Ô' => 'o',
            'â' | 'à' => 'a',
            'î' | 'ï' => 'i',
            'û' | 'ù' => 'u',
            'ç' => 'c',
            '\'' | '’' | ' ' | '_' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The département of an INSEE code (`"62"`, `"2A"`, `"974"`) or of a name, whatever its case
/// and accents.
pub fn departement(code_ou_nom: &str) -> Option<(&'static str, &'static str, Article)> {
    // The codes' and names' keys, made once: every territory read asks (a counts file of every
    // commune, hundreds of thousands of times).
    static CLES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    let cles = CLES.get_or_init(|| DEPARTEMENTS.iter().map(|(code, nom, _)| (cle(code), cle(nom))).collect());
    let k = cle(code_ou_nom);
    cles.iter().position(|(code, nom)| *code == k || *nom == k).map(|i| DEPARTEMENTS[i])
}

/// The département code of a commune code (`62001` → `62`, `97411` → `974`, `2A004` → `2A`).
pub fn departement_de_commune(commune: &str) -> Option<&'static str> {
    let prefixe = if commune.starts_with("97") { commune.get(..3)? } else { commune.get(..2)? };
    DEPARTEMENTS.iter().find(|(code, _, _)| *code == prefixe).map(|(code, _, _)| *code)
}

/// A territory's name with its article, as sentences use it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Nom {
    /// Name as displayed.
    pub nom: String,
    /// Its article.
    pub article: Article,
}

fn voyelle(s: &str) -> bool {
    s.chars().next().is_some_and(|c| "AEIOUYÉÈÊÂÎÔaeiouyéèêâîôH".contains(c))
}

impl Nom {
    /// A département found by name or code takes its official spelling and article; any other
    /// name is kept as given, without article.
    pub fn departement_ou_libre(nom: &str) -> Nom {
        match departement(nom) {
            Some((_, officiel, article)) => Nom { nom: officiel.to_string(), article },
            None => Nom { nom: nom.trim().to_string(), article: Article::Aucun },
        }
    }

    /// "du Pas-de-Calais", "de la Somme", "de l'Aisne", "des Yvelines", "de Paris", "d'Angers".
    pub fn de(&self) -> String {
        match self.article {
            Le => format!("du {}", self.nom),
            La => format!("de la {}", self.nom),
            L => format!("de l'{}", self.nom),
            Les => format!("des {}", self.nom),
            Aucun if voyelle(&self.nom) => format!("d'{}", self.nom),
            Aucun => format!("de {}", self.nom),
        }
    }

    /// "au Pas-de-Calais", "à la Somme", "à l'Aisne", "aux Yvelines", "à Paris".
    pub fn a(&self) -> String {
        match self.article {
            Le => format!("au {}", self.nom),
            La => format!("à la {}", self.nom),
            L => format!("à l'{}", self.nom),
            Les => format!("aux {}", self.nom),
            Aucun => format!("à {}", self.nom),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn contractions(nom: &str, de: &str, a: &str) {
        let n = Nom::departement_ou_libre(nom);
        assert_eq!((n.de().as_str(), n.a().as_str()), (de, a), "{nom}");
    }

    #[test]
    fn articles_et_contractions() {
        contractions("Pas-de-Calais", "du Pas-de-Calais", "au Pas-de-Calais");
        contractions("somme", "de la Somme", "à la Somme");
        contractions("Aisne", "de l'Aisne", "à l'Aisne");
        contractions("YVELINES", "des Yvelines", "aux Yvelines");
        contractions("75", "de Paris", "à Paris");
        contractions("Eure-et-Loir", "de l'Eure-et-Loir", "à l'Eure-et-Loir");
        contractions("herault", "de l'Hérault", "à l'Hérault");
        contractions("974", "de La Réunion", "à La Réunion");
        contractions("Angers", "d'Angers", "à Angers");
        contractions("CC du Pays d'Opale", "de CC du Pays d'Opale", "à CC du Pays d'Opale");
    }

    #[test]
    fn codes() {
        assert_eq!(DEPARTEMENTS.len(), 101);
        assert_eq!(departement_de_commune("62001"), Some("62"));
        assert_eq!(departement_de_commune("97411"), Some("974"));
        assert_eq!(departement_de_commune("2A004"), Some("2A"));
        assert_eq!(departement_de_commune("9"), None);
        assert_eq!(departement("2a").map(|d| d.1), Some("Corse-du-Sud"));
    }
}
