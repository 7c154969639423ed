//! The indicator catalogue of the territorial diagnostic, as data.
//!
//! One row of [`INDICATEURS`] gives an indicator its id, French label, formula (numerator and
//! denominator as sums of input keys), unit, precision and grammatical gender; adding an
//! indicator is adding a row. [`SECTIONS`] orders the rows as the CAF *étude préliminaire* does
//! and holds the sentence models of each section ([`Modele`]), which name indicators by id.
//!
//! Denominators are those of `docs/indicateurs.md` §2.2, checked against the reference
//! document `docs/reference/etude-preliminaire-pays-opale.md`.

/// How an indicator is obtained from the input keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Formule {
    /// Given as is under its own id (a count, an amount, a value per inhabitant).
    Saisie,
    /// `sum(num) / sum(den) × 100`.
    Part {
        /// Keys added up for the numerator.
        num: &'static [&'static str],
        /// Keys added up for the denominator.
        den: &'static [&'static str],
    },
    /// `sum(num) / sum(den) × 100`, shown without `%` (places per 100 children).
    Pour100 {
        /// Keys added up for the numerator.
        num: &'static [&'static str],
        /// Keys added up for the denominator.
        den: &'static [&'static str],
    },
    /// `sum(num) / sum(den)` (indice de jeunesse).
    Rapport {
        /// Keys added up for the numerator.
        num: &'static [&'static str],
        /// Keys added up for the denominator.
        den: &'static [&'static str],
    },
    /// 5-year variation in % of the sum of these keys, shown as the indicator's value.
    Evolution(&'static [&'static str]),
}

/// How a value is displayed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unite {
    /// A count: `25 188`.
    Nombre,
    /// A percentage: `51,2 %`.
    Pourcent,
    /// A ratio: `1,18`.
    Rapport,
    /// Places per 100: `58,4`.
    Pour100,
    /// Euros: `358 715 €` (zero: `- €`, as in CAF tables).
    Euros,
    /// A signed whole change: `+16`, `-52`.
    Ecart,
    /// A signed percentage: `+1,0 %`.
    Variation,
}

impl Unite {
    /// The unit as a word, for documents and the unit column of exports (`%`, `€`, `pour 100`).
    pub fn nom(self) -> &'static str {
        match self {
            Unite::Nombre => "nombre",
            Unite::Pourcent => "%",
            Unite::Rapport => "rapport",
            Unite::Pour100 => "pour 100",
            Unite::Euros => "€",
            Unite::Ecart => "écart",
            Unite::Variation => "% signé",
        }
    }
}

/// Grammatical gender of the indicator's head noun (taux: masculin, part: féminin).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Genre {
    /// le taux, le nombre, l'indice, le potentiel.
    Masculin,
    /// la part, la capacité, l'évolution.
    Feminin,
}

/// One indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Indicateur {
    /// Stable id (also the input key of a value given directly).
    pub id: &'static str,
    /// French label, as the row of the reference document.
    pub libelle: &'static str,
    /// How it is computed.
    pub formule: Formule,
    /// How it is displayed.
    pub unite: Unite,
    /// Decimals displayed.
    pub precision: u32,
    /// Gender of the head noun, for sentences.
    pub genre: Genre,
    /// Offset of the row's reference year from the diagnostic's year (INSEE population: −2).
    pub decalage_annee: i32,
    /// Whether the 5-year variation column is filled.
    pub variation: bool,
}

use crate::format::{self, ESPACE_INSECABLE};
use crate::nombre::Ratio;
use Formule::{Evolution, Part, Pour100, Rapport, Saisie};
use Genre::{Feminin as F, Masculin as M};
use Unite::{Ecart, Euros, Nombre, Pourcent, Variation};

const fn compte(id: &'static str, libelle: &'static str, decalage_annee: i32, variation: bool) -> Indicateur {
    Indicateur { id, libelle, formule: Saisie, unite: Nombre, precision: 0, genre: M, decalage_annee, variation }
}
const fn part(
    id: &'static str,
    libelle: &'static str,
    num: &'static [&'static str],
    den: &'static [&'static str],
) -> Indicateur {
    Indicateur {
        id,
        libelle,
        formule: Part { num, den },
        unite: Pourcent,
        precision: 1,
        genre: F,
        decalage_annee: 0,
        variation: false,
    }
}
const fn taux(
    id: &'static str,
    libelle: &'static str,
    num: &'static [&'static str],
    den: &'static [&'static str],
) -> Indicateur {
    Indicateur { genre: M, ..part(id, libelle, num, den) }
}
const fn euros(id: &'static str, libelle: &'static str) -> Indicateur {
    Indicateur { unite: Euros, ..compte(id, libelle, 0, false) }
}
const fn evolution(
    id: &'static str,
    libelle: &'static str,
    decalage_annee: i32,
    cles: &'static [&'static str],
) -> Indicateur {
    Indicateur {
        id,
        libelle,
        formule: Evolution(cles),
        unite: Variation,
        precision: 1,
        genre: F,
        decalage_annee,
        variation: false,
    }
}
/// A share published as it is (INSEE Filosofi), one year before the CAF counts.
const fn publiee(id: &'static str, libelle: &'static str) -> Indicateur {
    Indicateur { unite: Unite::Pourcent, precision: 1, genre: F, decalage_annee: -1, ..compte(id, libelle, -1, false) }
}
const fn evolution_annuelle(id: &'static str) -> Indicateur {
    Indicateur { unite: Ecart, genre: F, ..compte(id, "Evolution annuelle (provisoire)", 1, false) }
}

const ALLOCATAIRES: &[&str] = &["allocataires"];
const FAMILLES: &[&str] = &["couplesAvecEnfants", "famillesMonoparentales"];
const FAMILLES_PAR_TAILLE: &[&str] = &["familles1Enfant", "familles2Enfants", "familles3EnfantsEtPlus"];
const MOINS3: &[&str] = &["enfantsMoins3"];
const REFERENCE: &[&str] = &["allocatairesReference"];

/// Every indicator, in no particular order ([`SECTIONS`] orders them).
pub const INDICATEURS: &[Indicateur] = &[
    // Cadrage
    compte("habitants", "Nombre d'habitants (INSEE)", -2, true),
    evolution("evolutionPopulation", "Evolution de la Population Insee", -2, &["habitants"]),
    // Not a row of the document's tables: an axis of its radar (« évolution de la population INSEE
    // de moins de 6 ans »), shown in the cadrage table after the whole population's.
    evolution("evolutionPopulationMoins6", "Evolution de la population Insee de moins de 6 ans", -2, &["habitantsMoins6"]),
    compte("allocataires", "Nombre d'allocataires Caf", 0, true),
    compte("personnesCouvertes", "Nombre de personnes couvertes Caf", 0, true),
    taux("tauxCouvertureCaf", "Taux de couverture Caf", &["personnesCouvertes"], &["habitants"]),
    compte("allocatairesMsa", "Nombre d'allocataires MSA", 0, true),
    compte("personnesCouvertesMsa", "Nombre de personnes couvertes MSA", 0, true),
    Indicateur {
        id: "indiceJeunesse",
        libelle: "Indice jeunesse (Rp Insee)",
        formule: Rapport { num: &["habitants0a19"], den: &["habitants60etPlus"] },
        unite: Unite::Rapport,
        precision: 2,
        genre: M,
        decalage_annee: -2,
        variation: false,
    },
    // Familles
    evolution("evolutionFamilles", "Evolution des familles Caf", 0, FAMILLES),
    part("partFamillesAllocataires", "Part des familles allocataires", FAMILLES, ALLOCATAIRES),
    part("partCouplesAvecEnfants", "dont couples avec enfant(s)", &["couplesAvecEnfants"], ALLOCATAIRES),
    part("partFamillesMonoparentales", "dont familles monoparentales", &["famillesMonoparentales"], ALLOCATAIRES),
    evolution(
        "evolutionFamillesMonoparentales",
        "Evolution des familles monoparentales",
        0,
        &["famillesMonoparentales"],
    ),
    part("partFamilles1Enfant", "Part des familles avec 1 enfant", &["familles1Enfant"], FAMILLES_PAR_TAILLE),
    part("partFamilles2Enfants", "Part des familles avec 2 enfants", &["familles2Enfants"], FAMILLES_PAR_TAILLE),
    part("partFamillesNombreuses", "Part de familles nombreuses", &["familles3EnfantsEtPlus"], FAMILLES_PAR_TAILLE),
    part(
        "partAllocatairesSansEnfant",
        "Part des allocataires sans enfants",
        &["couplesSansEnfant", "isoles"],
        ALLOCATAIRES,
    ),
    part("partCouplesSansEnfant", "dont couples sans enfants", &["couplesSansEnfant"], ALLOCATAIRES),
    part("partIsoles", "dont allocataires isolés", &["isoles"], ALLOCATAIRES),
    compte("potentielFiscalParHabitant", "Potentiel fiscal par habitant (1)", 0, false),
    compte("potentielFinancierParHabitant", "Potentiel financier par habitant (2)", 0, false),
    // Conciliation
    compte("naissances", "Nombre de naissances domiciliées", 0, true),
    compte("enfants", "Nbre total d'enfants Caf", 0, true),
    compte("enfantsMoins21", "Nombre d'enfants de moins de 21 ans d'allocataires Caf", 0, true),
    compte("enfantsAeeh", "Nombre d'enfants bénéficiaires de l'AEEH", 0, true),
    part("partEnfantsAeeh", "Part des enfants bénéficiaires de l'AEEH", &["enfantsAeeh"], &["enfantsMoins21"]),
    // Petite enfance — the document's "besoin potentiel" rate is enfants < 3 ans / enfants < 21 ans.
    taux(
        "tauxBesoinModeGarde",
        "Taux d'enfants de moins de 3 ans avec besoin potentiel en mode de garde",
        MOINS3,
        &["enfantsMoins21"],
    ),
    compte("enfantsMoins3", "Nombre d'enfants Caf de moins de 3 ans", 0, true),
    part("partEnfantsMoins3", "Part des enfants de moins de 3 ans", MOINS3, &["enfants"]),
    part(
        "partEnfantsMoins3ParentsActifs",
        "Part des enfants de moins de 3 ans dont le(s) parent(s) allocataire(s) Caf exerce(nt) une activité",
        &["enfantsMoins3ParentsActifs"],
        MOINS3,
    ),
    compte("enfantsMoins3Cmg", "Nombre d'enfants Caf de moins de 3 ans bénéficiaires CMG", 0, true),
    part(
        "partEnfantsMoins3Cmg",
        "Part des enfants de moins de 3 ans Caf bénéficiaires d'un complément de mode de garde",
        &["enfantsMoins3Cmg"],
        MOINS3,
    ),
    part(
        "partEnfantsMoins3ComplementActivite",
        "Part des enfants de moins de 3 ans d'allocataires Caf bénéficiaires d'un complément d'activité",
        &["enfantsMoins3ComplementActivite"],
        MOINS3,
    ),
    Indicateur {
        id: "capaciteAccueilPour100",
        libelle: "Capacité théorique d'accueil pour 100 enfants de moins de 3 ans (provisoire)",
        formule: Pour100 {
            num: &[
                "placesEajePsu",
                "placesEajeHorsPsu",
                "placesAssistantsMaternels",
                "placesSalariesDomicile",
                "placesPrescolarisation",
            ],
            den: &["enfantsMoins3Insee"],
        },
        unite: Unite::Pour100,
        precision: 1,
        genre: F,
        decalage_annee: 0,
        variation: true,
    },
    Indicateur {
        id: "capaciteEajePsuPour100",
        libelle: "dont EAJE financés par la PSU",
        formule: Pour100 { num: &["placesEajePsu"], den: &["enfantsMoins3Insee"] },
        unite: Unite::Pour100,
        precision: 1,
        genre: F,
        decalage_annee: 0,
        variation: true,
    },
    Indicateur {
        id: "capaciteEajeHorsPsuPour100",
        libelle: "dont EAJE hors PSU",
        formule: Pour100 { num: &["placesEajeHorsPsu"], den: &["enfantsMoins3Insee"] },
        unite: Unite::Pour100,
        precision: 1,
        genre: F,
        decalage_annee: 0,
        variation: true,
    },
    Indicateur {
        id: "capaciteAssistantsMaternelsPour100",
        libelle: "dont assistants maternels",
        formule: Pour100 { num: &["placesAssistantsMaternels"], den: &["enfantsMoins3Insee"] },
        unite: Unite::Pour100,
        precision: 1,
        genre: F,
        decalage_annee: 0,
        variation: true,
    },
    Indicateur {
        id: "capaciteSalariesDomicilePour100",
        libelle: "dont salariés à domicile",
        formule: Pour100 { num: &["placesSalariesDomicile"], den: &["enfantsMoins3Insee"] },
        unite: Unite::Pour100,
        precision: 1,
        genre: F,
        decalage_annee: 0,
        variation: true,
    },
    Indicateur {
        id: "capacitePrescolarisationPour100",
        libelle: "dont préscolarisation",
        formule: Pour100 { num: &["placesPrescolarisation"], den: &["enfantsMoins3Insee"] },
        unite: Unite::Pour100,
        precision: 1,
        genre: F,
        decalage_annee: 0,
        variation: true,
    },
    compte("enfants3a6", "Nombre d'enfants d'allocataires Caf de 3 à moins de 6 ans", 0, true),
    part("partEnfants3a6", "Part des enfants de 3 à moins de 6 ans", &["enfants3a6"], &["enfants"]),
    // Petite enfance: équipements et financements
    compte("placesEaje", "Nombre de places EAJE", 0, false),
    evolution_annuelle("placesEajeEvolution"),
    compte("equipementsPetiteEnfance", "Nombre d'équipements bénéficiaires de prestations de service", 0, false),
    evolution_annuelle("equipementsPetiteEnfanceEvolution"),
    compte("equipementsEaje", "dont EAJE", 0, false),
    evolution_annuelle("equipementsEajeEvolution"),
    compte("relaisAssistantsMaternels", "dont RAM", 0, false),
    evolution_annuelle("relaisAssistantsMaternelsEvolution"),
    euros("actionSocialePetiteEnfance", "Montants des financements d'Action Sociale Caf"),
    euros("prestationsServicePetiteEnfance", "dont prestations de service (PSU)"),
    euros("subventionsPetiteEnfance", "dont subventions de fonctionnement"),
    euros("cejPetiteEnfance", "dont CEJ volet enfance"),
    compte("microCrechesHorsPsu", "Nombre de Micro-crèches hors PSU", 0, false),
    evolution_annuelle("microCrechesHorsPsuEvolution"),
    compte("mam", "Nombre de MAM", 0, false),
    evolution_annuelle("mamEvolution"),
    // Parentalité
    compte("beneficiairesAf", "Nombre de bénéficiaires d'allocations familiales", 0, true),
    part("partBeneficiairesAf", "Part des bénéficiaires d'allocations familiales", &["beneficiairesAf"], ALLOCATAIRES),
    compte("beneficiairesArs", "Nombre de bénéficiaires de l'allocation de rentrée scolaire", 0, true),
    part(
        "partBeneficiairesArs",
        "Part des bénéficiaires de l'allocation de rentrée scolaire",
        &["beneficiairesArs"],
        ALLOCATAIRES,
    ),
    compte("equipementsParentalite", "Nombre d'équipements bénéficiaires de prestations de service", 0, false),
    evolution_annuelle("equipementsParentaliteEvolution"),
    compte("laep", "dont LAEP", 0, false),
    evolution_annuelle("laepEvolution"),
    compte("actionsClas", "dont actions CLAS", 0, false),
    evolution_annuelle("actionsClasEvolution"),
    compte("actionsReaap", "dont actions REAAP", -1, false),
    Indicateur { decalage_annee: 0, ..evolution_annuelle("actionsReaapEvolution") },
    compte("lieuxMediation", "dont lieux de médiation", 0, false),
    evolution_annuelle("lieuxMediationEvolution"),
    compte("espacesRencontre", "dont espaces de rencontre", 0, false),
    euros("actionSocialeParentalite", "Montants des financements d'Action Sociale Caf"),
    euros("prestationsServiceParentalite", "dont prestations de service"),
    euros("subventionsParentalite", "dont subventions de fonctionnement"),
    // Animation de la vie sociale
    compte("equipementsAvs", "Nombre d'équipements", 0, false),
    evolution_annuelle("equipementsAvsEvolution"),
    compte("centresSociaux", "dont centres sociaux", 0, false),
    evolution_annuelle("centresSociauxEvolution"),
    compte("centresSociauxProjetFamille", "avec un projet famille", 0, false),
    evolution_annuelle("centresSociauxProjetFamilleEvolution"),
    compte("espacesVieSociale", "dont espaces de vie sociale", 0, false),
    evolution_annuelle("espacesVieSocialeEvolution"),
    euros("actionSocialeAvs", "Montants des financements d'Action Sociale Caf"),
    euros("prestationsServiceAvs", "dont prestations de service"),
    euros("subventionsAvs", "dont subventions de fonctionnement"),
    // Logement
    compte("beneficiairesAl", "Nombre de bénéficiaires d'aides au logement", 0, true),
    compte("alParcPrive", "dont bénéficiaires dans le parc locatif privé", 0, true),
    part("partBeneficiairesAl", "Part des bénéficiaires d'aides au logement", &["beneficiairesAl"], ALLOCATAIRES),
    part("partAlParcPrive", "dont bénéficiaires dans le parc locatif privé", &["alParcPrive"], ALLOCATAIRES),
    part("partAlParcPublic", "dont bénéficiaires dans le parc locatif public", &["alParcPublic"], ALLOCATAIRES),
    part("partAlAccession", "dont bénéficiaires en accession", &["alAccession"], ALLOCATAIRES),
    part("partAlEtablissement", "dont bénéficiaires en établissement", &["alEtablissement"], ALLOCATAIRES),
    part(
        "partAlParcPriveEffort30",
        "Part des bénéficiaires dans le parc locatif privé ayant un taux d'effort supérieur ou égal à 30 %",
        &["alParcPriveEffort30"],
        &["alParcPrive"],
    ),
    euros("actionSocialeLogement", "Montants des financements d'Action Sociale Caf"),
    euros("subventionsLogement", "dont subventions de fonctionnement"),
    // Insertion
    compte("beneficiairesRsa", "Nombre de bénéficiaires du Rsa", 0, true),
    part("partBeneficiairesRsa", "Part des bénéficiaires du Rsa", &["beneficiairesRsa"], ALLOCATAIRES),
    compte("beneficiairesPpa", "Nombre de bénéficiaires de la Ppa", 0, true),
    part("partBeneficiairesPpa", "Part des bénéficiaires de la Ppa", &["beneficiairesPpa"], ALLOCATAIRES),
    compte("beneficiairesAah", "Nombre de bénéficiaires d'Aah", 0, true),
    Indicateur {
        genre: M,
        ..part("partBeneficiairesAah", "Part des bénéficiaires d'Aah", &["beneficiairesAah"], ALLOCATAIRES)
    },
    // Précarité (denominator: allocataires de référence)
    part("partBasRevenus", "Part des allocataires à bas revenus", &["allocatairesBasRevenus"], REFERENCE),
    part(
        "partFragiles",
        "Part des allocataires « fragiles » (situés au-dessus du seuil de bas revenus à l'aide des prestations Caf)",
        &["allocatairesFragiles"],
        REFERENCE,
    ),
    // The CAF table's « au moins la moitié » row is the 50 %–<100 % band: its values are below
    // the « totalité » row (8,4 % against 13,1 % in the Pays d'Opale study). The inclusive share
    // is its own row (docs/indicateurs.md §2.2 and §3).
    part(
        "partDependants50",
        "Part des allocataires dont les prestations représentent de 50 % à moins de 100 % des ressources (« au moins la moitié » des tableaux CAF)",
        &["allocatairesDependants50"],
        REFERENCE,
    ),
    part(
        "partDependants100",
        "Part des allocataires dont les prestations représentent la totalité des ressources",
        &["allocatairesDependants100"],
        REFERENCE,
    ),
    part(
        "partDependants50Inclus",
        "Part des allocataires dont les prestations représentent 50 % ou plus des ressources (y compris 100 %)",
        &["allocatairesDependants50", "allocatairesDependants100"],
        REFERENCE,
    ),
    part(
        "partFamillesAideFinanciere",
        "Part des familles bénéficiaires d'une aide financière individuelle d'action sociale versée par la Caf",
        &["famillesAideFinanciere"],
        FAMILLES,
    ),
    // Présentation
    euros("prestationsLegalesDecembre", "Prestations légales versées au titre du mois de décembre"),
    euros("actionSocialeAnnuelle", "Financements d'action sociale de l'année"),
    euros("montantGardeMensuel", "Prestations légales mensuelles pour la garde d'enfants"),
    euros("montantAfMensuel", "Allocations familiales versées dans le mois"),
    euros("montantArs", "Allocation de rentrée scolaire versée dans l'année"),
    euros("montantAlMensuel", "Aides au logement versées dans le mois"),
    euros("montantAahMensuel", "Allocation aux adultes handicapés versée dans le mois"),
    compte("communes", "Nombre de communes", 0, false),
    // Revenus des ménages: values published by INSEE (Filosofi), given as they are.
    Indicateur {
        decalage_annee: -1,
        ..euros("revenuMedianUc", "Revenu disponible médian par unité de consommation (€ par an)")
    },
    Indicateur {
        decalage_annee: -1,
        ..euros("premierDecileUc", "1er décile du revenu disponible par unité de consommation (€ par an)")
    },
    Indicateur {
        unite: Unite::Rapport,
        precision: 1,
        decalage_annee: -1,
        ..compte("rapportInterdecile", "Rapport interdécile (9e décile / 1er décile)", 0, false)
    },
    publiee("partPrestationsSociales", "Part des prestations sociales dans le revenu disponible"),
    publiee("partPrestationsFamiliales", "dont prestations familiales"),
    publiee("partMinimaSociaux", "dont minima sociaux"),
    publiee("partPrestationsLogement", "dont prestations logement"),
];

/// Short labels of the indicators whose row label is too long for a chart axis.
const LIBELLES_COURTS: &[(&str, &str)] = &[
    ("partFamillesMonoparentales", "Familles monoparentales"),
    ("partFamillesNombreuses", "Familles nombreuses"),
    ("partIsoles", "Allocataires isolés"),
    ("partEnfantsAeeh", "Enfants AEEH"),
    ("partBeneficiairesAl", "Aides au logement"),
    ("partAlParcPriveEffort30", "Taux d'effort ≥ 30 %"),
    ("partBeneficiairesRsa", "Rsa"),
    ("partBeneficiairesPpa", "Prime d'activité"),
    ("partBeneficiairesAah", "Aah"),
    ("partBasRevenus", "Bas revenus"),
    ("partFragiles", "Fragiles"),
    ("partDependants50", "Dépendants de 50 % à <100 %"),
    ("partDependants50Inclus", "Dépendants à 50 % ou plus"),
    ("partDependants100", "Dépendants à 100 %"),
    ("potentielFiscalParHabitant", "Potentiel fiscal par habitant"),
    ("evolutionPopulation", "Évolution de la population"),
    ("evolutionPopulationMoins6", "Évolution des moins de 6 ans"),
    ("tauxBesoinModeGarde", "Besoin de mode de garde"),
    ("indiceJeunesse", "Indice de jeunesse"),
];

impl Indicateur {
    /// The French display of a value of this indicator, at its precision and in its unit:
    /// "51,2 %", "25 188", "358 715 €" (zero euros: "- €", as in CAF tables), "+1,0 %".
    pub fn afficher(&self, v: Ratio) -> String {
        let p = self.precision;
        match self.unite {
            Unite::Nombre | Unite::Rapport | Unite::Pour100 => format::decimal(v, p),
            Unite::Pourcent => format::pourcent(v, p),
            Unite::Euros if v.arrondi(p) == Some(0) => format!("-{ESPACE_INSECABLE}€"),
            Unite::Euros => format::euros(v, p),
            Unite::Ecart => format::signe(v, p),
            Unite::Variation => format!("{}{ESPACE_INSECABLE}%", format::signe(v, p)),
        }
    }

    /// A label short enough for a chart axis (the row label when it is short already).
    pub fn libelle_court(&self) -> &'static str {
        LIBELLES_COURTS.iter().find(|c| c.0 == self.id).map(|c| c.1).unwrap_or(self.libelle)
    }

    /// Keys this indicator reads (numerator then denominator; its own id for [`Formule::Saisie`]).
    pub fn cles(&self) -> Vec<&'static str> {
        match self.formule {
            Saisie => vec![self.id],
            Part { num, den } | Pour100 { num, den } | Rapport { num, den } => num.iter().chain(den).copied().collect(),
            Evolution(c) => c.to_vec(),
        }
    }
}

/// The indicator of an id.
pub fn indicateur(id: &str) -> Option<&'static Indicateur> {
    INDICATEURS.iter().find(|i| i.id == id)
}

/// Every input key the catalogue knows: the ids of given values and the components of formulas,
/// in catalogue order (so related keys stay together). Made once: every territory read asks.
pub fn cles_connues() -> &'static [&'static str] {
    static CLES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    CLES.get_or_init(|| {
        let mut v: Vec<&'static str> = Vec::with_capacity(INDICATEURS.len() * 2);
        for i in INDICATEURS {
            for k in i.cles().into_iter().chain([i.id]) {
                if !v.contains(&k) {
                    v.push(k);
                }
            }
        }
        v
    })
}

/// Words for the three outcomes of a comparison with the reference; `{ref}` is replaced by the
/// reference's name with its contraction ("du Pas-de-Calais").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mots {
    /// When the territory's displayed value is higher.
    pub plus: &'static str,
    /// When it is lower.
    pub moins: &'static str,
    /// When both displayed values are equal.
    pub egal: &'static str,
}

/// "est plus forte / plus faible".
pub const PART_FORTE: Mots = Mots { plus: "est plus forte", moins: "est plus faible", egal: "est identique" };
/// "est supérieure / inférieure".
pub const PART_SUPERIEURE: Mots = Mots { plus: "est supérieure", moins: "est inférieure", egal: "est identique" };
/// "est plus élevée / moins élevée".
pub const PART_ELEVEE: Mots = Mots { plus: "est plus élevée", moins: "est moins élevée", egal: "est identique" };
/// Masculine subject compared with the reference's: "est inférieur à celui du …".
pub const TAUX_CELUI: Mots =
    Mots {
        plus: "est supérieur à celui {ref}", moins: "est inférieur à celui {ref}", egal: "est égal à celui {ref}"
    };
/// Feminine subject compared with the reference's: "est supérieure à celle du …".
pub const PART_CELLE: Mots = Mots {
    plus: "est supérieure à celle {ref}",
    moins: "est inférieure à celle {ref}",
    egal: "est égale à celle {ref}",
};
/// An attribute of the territory: "inférieur à celui du …".
pub const ATTRIBUT_CELUI: Mots =
    Mots { plus: "supérieur à celui {ref}", moins: "inférieur à celui {ref}", egal: "égal à celui {ref}" };
/// Beneficiaries, proportionally.
pub const PROPORTIONNELLEMENT: Mots = Mots {
    plus: "sont proportionnellement plus nombreux",
    moins: "sont proportionnellement moins nombreux",
    egal: "sont dans la même proportion",
};
/// Beneficiaries.
pub const NOMBREUX: Mots =
    Mots { plus: "sont plus nombreux", moins: "sont moins nombreux", egal: "sont dans la même proportion" };

/// A sentence model: the sentence is derived from the displayed values, never written by hand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modele {
    /// Clauses "{fragment} {mots}" for each indicator whose two values are known, after an
    /// introduction (`{a_ref}`: "au Pas-de-Calais") that agrees in number with the count of
    /// clauses; equal values say so.
    Comparaisons {
        /// Introduction when there is one clause ("Comparée au Pas-de-Calais,").
        intro_un: &'static str,
        /// Introduction when there are several ("Comparées au Pas-de-Calais,").
        intro_plusieurs: &'static str,
        /// (indicator id, subject fragment, words).
        clauses: &'static [(&'static str, &'static str, Mots)],
    },
    /// Lists the indicators whose displayed value is higher (then lower) than the reference's;
    /// equal values are left out.
    Selection {
        /// Introduction of the higher ones.
        plus: &'static str,
        /// Introduction of the lower ones.
        moins: &'static str,
        /// (indicator id, fragment).
        elements: &'static [(&'static str, &'static str)],
    },
    /// Names the category with the largest displayed value (several when tied): `{noms}` and
    /// `{valeur}` are replaced.
    Maximum {
        /// Sentence with `{noms}` and `{valeur}`.
        modele: &'static str,
        /// (indicator id, name of the category).
        elements: &'static [(&'static str, &'static str)],
    },
    /// An amount rounded to two significant figures ("près de 360 000 €"); `{montant}`,
    /// `{annee}` are replaced; `si_zero` when the amount is zero.
    Montant {
        /// Indicator id of the amount.
        id: &'static str,
        /// Sentence with `{montant}` (and optionally `{annee}`).
        modele: &'static str,
        /// Sentence when the amount is zero.
        si_zero: Option<&'static str>,
    },
    /// A count stated as is: `{valeur}`.
    Valeur {
        /// Indicator id.
        id: &'static str,
        /// Sentence with `{valeur}`.
        modele: &'static str,
    },
}

/// A section of the study: title, sentence models, rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Section {
    /// Shown only when one of its rows has a value (a section fed by optional data).
    pub optionnelle: bool,
    /// Title, numbered as in the reference document.
    pub titre: &'static str,
    /// Sentence models, in order.
    pub phrases: &'static [Modele],
    /// Indicator ids of the rows, in order.
    pub lignes: &'static [&'static str],
}

const fn comparees(clauses: &'static [(&'static str, &'static str, Mots)]) -> Modele {
    Modele::Comparaisons { intro_un: "Comparée {a_ref},", intro_plusieurs: "Comparées {a_ref},", clauses }
}

/// Title of the optional section of household income (its presence names INSEE Filosofi among
/// the sources of a study).
pub const TITRE_REVENUS: &str = "Revenus des ménages (INSEE, Filosofi)";

/// The sections of the study, in the reference document's order.
pub const SECTIONS: &[Section] = &[
    Section {
        optionnelle: false,
        titre: "Notre présence sur le territoire",
        phrases: &[
            Modele::Valeur { id: "communes", modele: "Le territoire comprend {valeur} communes." },
            Modele::Valeur { id: "habitants", modele: "Habitants : {valeur}." },
            Modele::Valeur { id: "allocataires", modele: "Allocataires : {valeur}." },
            Modele::Montant {
                id: "prestationsLegalesDecembre",
                modele: "Nous avons versé sur ce territoire, au titre du mois de décembre {annee}, près de {montant} de prestations légales.",
                si_zero: None,
            },
            Modele::Montant {
                id: "actionSocialeAnnuelle",
                modele: "Nous avons versé sur ce territoire, en {annee}, près de {montant} au titre des financements d'action sociale.",
                si_zero: None,
            },
        ],
        lignes: &[],
    },
    Section {
        optionnelle: false,
        titre: "1.1. Données de cadrage",
        phrases: &[Modele::Comparaisons {
            intro_un: "",
            intro_plusieurs: "",
            clauses: &[("tauxCouvertureCaf", "Le taux de couverture de la population Insee par les prestations Caf du territoire", TAUX_CELUI)],
        }],
        lignes: &["habitants", "evolutionPopulation", "evolutionPopulationMoins6", "allocataires", "personnesCouvertes", "tauxCouvertureCaf", "allocatairesMsa", "personnesCouvertesMsa", "indiceJeunesse"],
    },
    Section {
        optionnelle: false,
        titre: "1.1. Données de cadrage : les familles allocataires",
        phrases: &[
            Modele::Maximum {
                modele: "{noms} prédominent ({valeur}).",
                elements: &[
                    ("partCouplesAvecEnfants", "Les familles en couple avec enfant(s)"),
                    ("partFamillesMonoparentales", "Les familles monoparentales"),
                    ("partCouplesSansEnfant", "Les couples sans enfant"),
                    ("partIsoles", "Les allocataires isolés"),
                ],
            },
            Modele::Maximum {
                modele: "Les allocataires avec enfant(s) sont principalement {noms}.",
                elements: &[
                    ("partFamilles1Enfant", "des familles avec 1 enfant"),
                    ("partFamilles2Enfants", "des familles avec 2 enfants"),
                    ("partFamillesNombreuses", "des familles nombreuses"),
                ],
            },
            comparees(&[
                ("partFamillesMonoparentales", "la part des familles monoparentales", PART_FORTE),
                ("partFamilles1Enfant", "la part des familles avec un enfant", PART_FORTE),
                ("partFamilles2Enfants", "la part des familles avec deux enfants", PART_FORTE),
            ]),
        ],
        lignes: &["evolutionFamilles", "partFamillesAllocataires", "partCouplesAvecEnfants", "partFamillesMonoparentales", "evolutionFamillesMonoparentales", "partFamilles1Enfant", "partFamilles2Enfants", "partFamillesNombreuses", "partAllocatairesSansEnfant", "partCouplesSansEnfant", "partIsoles"],
    },
    Section {
        optionnelle: false,
        titre: "1.1. Données de cadrage : potentiel fiscal et financier",
        phrases: &[Modele::Comparaisons {
            intro_un: "Le territoire se caractérise par",
            intro_plusieurs: "Le territoire se caractérise par",
            clauses: &[
                ("potentielFiscalParHabitant", "un potentiel fiscal par habitant", ATTRIBUT_CELUI),
                ("potentielFinancierParHabitant", "un potentiel financier par habitant", ATTRIBUT_CELUI),
            ],
        }],
        lignes: &["potentielFiscalParHabitant", "potentielFinancierParHabitant"],
    },
    Section {
        optionnelle: false,
        titre: "1.2. Aider les familles à concilier vie professionnelle, vie familiale et vie sociale",
        phrases: &[],
        lignes: &["naissances", "enfants", "enfantsMoins21", "enfantsAeeh", "partEnfantsAeeh"],
    },
    Section {
        optionnelle: false,
        titre: "1.2.1. Petite enfance",
        phrases: &[
            comparees(&[("partEnfantsMoins3", "la part des enfants de moins de 3 ans", PART_SUPERIEURE)]),
            Modele::Selection {
                plus: "Des parts plus fortes pour ce territoire sont observées pour",
                moins: "Des parts plus faibles pour ce territoire sont observées pour",
                elements: &[
                    ("partEnfantsMoins3ParentsActifs", "les enfants de cette tranche d'âge dont le ou les parents exercent une activité"),
                    ("partEnfantsMoins3Cmg", "les enfants bénéficiaires d'un complément de mode de garde"),
                    ("partEnfantsMoins3ComplementActivite", "les enfants dont un parent bénéficie d'un complément d'activité"),
                ],
            },
            Modele::Comparaisons {
                intro_un: "Enfin,",
                intro_plusieurs: "Enfin,",
                clauses: &[("capaciteAccueilPour100", "la capacité théorique d'accueil pour 100 enfants de moins de 3 ans", PART_CELLE)],
            },
        ],
        lignes: &["tauxBesoinModeGarde", "enfantsMoins3", "partEnfantsMoins3", "partEnfantsMoins3ParentsActifs", "enfantsMoins3Cmg", "partEnfantsMoins3Cmg", "partEnfantsMoins3ComplementActivite", "capaciteAccueilPour100", "capaciteEajePsuPour100", "capaciteEajeHorsPsuPour100", "capaciteAssistantsMaternelsPour100", "capaciteSalariesDomicilePour100", "capacitePrescolarisationPour100", "enfants3a6", "partEnfants3a6"],
    },
    Section {
        optionnelle: false,
        titre: "1.2.1. Petite enfance : équipements et financements",
        phrases: &[
            Modele::Montant { id: "montantGardeMensuel", modele: "La Caf verse mensuellement sur le territoire près de {montant} au titre des prestations légales pour la garde d'enfants.", si_zero: None },
            Modele::Montant { id: "actionSocialePetiteEnfance", modele: "La Caf verse annuellement près de {montant} au titre des différentes prestations de service pour la petite enfance et du CEJ volet enfance.", si_zero: Some("La Caf n'a versé aucune prestation de service pour la petite enfance.") },
        ],
        lignes: &["placesEaje", "placesEajeEvolution", "equipementsPetiteEnfance", "equipementsPetiteEnfanceEvolution", "equipementsEaje", "equipementsEajeEvolution", "relaisAssistantsMaternels", "relaisAssistantsMaternelsEvolution", "actionSocialePetiteEnfance", "prestationsServicePetiteEnfance", "subventionsPetiteEnfance", "cejPetiteEnfance", "microCrechesHorsPsu", "microCrechesHorsPsuEvolution", "mam", "mamEvolution"],
    },
    Section {
        optionnelle: false,
        titre: "1.3. Soutenir la fonction parentale et faciliter les relations parents-enfants",
        phrases: &[
            comparees(&[
                ("partBeneficiairesAf", "la part des bénéficiaires d'allocations familiales", PART_ELEVEE),
                ("partBeneficiairesArs", "la part des bénéficiaires de l'allocation de rentrée scolaire", PART_ELEVEE),
            ]),
            Modele::Montant { id: "montantAfMensuel", modele: "La Caf verse mensuellement sur le territoire près de {montant} au titre des allocations familiales.", si_zero: None },
            Modele::Montant { id: "montantArs", modele: "La Caf verse près de {montant} au titre de l'allocation de rentrée scolaire (prestation versée une fois dans l'année).", si_zero: None },
        ],
        lignes: &["beneficiairesAf", "partBeneficiairesAf", "beneficiairesArs", "partBeneficiairesArs"],
    },
    Section {
        optionnelle: false,
        titre: "1.3. Parentalité : équipements et financements",
        phrases: &[Modele::Montant { id: "actionSocialeParentalite", modele: "La Caf verse annuellement près de {montant} au titre des différentes prestations de service pour la parentalité.", si_zero: Some("La Caf n'a versé aucune prestation de service pour la parentalité.") }],
        lignes: &["equipementsParentalite", "equipementsParentaliteEvolution", "laep", "laepEvolution", "actionsClas", "actionsClasEvolution", "actionsReaap", "actionsReaapEvolution", "lieuxMediation", "lieuxMediationEvolution", "espacesRencontre", "actionSocialeParentalite", "prestationsServiceParentalite", "subventionsParentalite"],
    },
    Section {
        optionnelle: false,
        titre: "1.4.1. Animation de la vie sociale",
        phrases: &[Modele::Montant { id: "actionSocialeAvs", modele: "La Caf verse annuellement près de {montant} au titre des différentes prestations de service pour l'animation de la vie sociale.", si_zero: Some("La Caf n'a versé aucune prestation de service pour l'animation de la vie sociale.") }],
        lignes: &["equipementsAvs", "equipementsAvsEvolution", "centresSociaux", "centresSociauxEvolution", "centresSociauxProjetFamille", "centresSociauxProjetFamilleEvolution", "espacesVieSociale", "espacesVieSocialeEvolution", "actionSocialeAvs", "prestationsServiceAvs", "subventionsAvs"],
    },
    Section {
        optionnelle: false,
        titre: "1.4.2. Logement et habitat",
        phrases: &[
            Modele::Comparaisons {
                intro_un: "Comparés {a_ref},",
                intro_plusieurs: "Comparés {a_ref},",
                clauses: &[
                    ("partBeneficiairesAl", "les bénéficiaires d'aides au logement", PROPORTIONNELLEMENT),
                    ("partAlParcPriveEffort30", "les bénéficiaires ayant un taux d'effort supérieur ou égal à 30 % dans le parc locatif privé", NOMBREUX),
                ],
            },
            Modele::Maximum {
                modele: "{noms} sont les plus nombreux ({valeur} des allocataires).",
                elements: &[
                    ("partAlParcPrive", "Les bénéficiaires dans le parc locatif privé"),
                    ("partAlParcPublic", "Les bénéficiaires dans le parc locatif public"),
                    ("partAlAccession", "Les bénéficiaires en accession"),
                    ("partAlEtablissement", "Les bénéficiaires en établissement"),
                ],
            },
            Modele::Montant { id: "montantAlMensuel", modele: "La Caf verse mensuellement sur le territoire près de {montant} au titre des prestations légales pour les aides au logement.", si_zero: None },
            Modele::Montant { id: "actionSocialeLogement", modele: "La Caf verse annuellement près de {montant} au titre des prestations de service pour le logement.", si_zero: Some("La Caf n'a versé aucune prestation de service pour le logement.") },
        ],
        lignes: &["beneficiairesAl", "alParcPrive", "partBeneficiairesAl", "partAlParcPrive", "partAlParcPublic", "partAlAccession", "partAlEtablissement", "partAlParcPriveEffort30", "actionSocialeLogement", "subventionsLogement"],
    },
    Section {
        optionnelle: false,
        titre: "1.5.1. Le Revenu de Solidarité Active et la Prime d'Activité",
        phrases: &[comparees(&[
            ("partBeneficiairesRsa", "la part des bénéficiaires du Rsa", PART_SUPERIEURE),
            ("partBeneficiairesPpa", "la part des bénéficiaires de la Ppa", PART_SUPERIEURE),
        ])],
        lignes: &["beneficiairesRsa", "partBeneficiairesRsa", "beneficiairesPpa", "partBeneficiairesPpa"],
    },
    Section {
        optionnelle: false,
        titre: "1.5.2. L'Allocation aux Adultes Handicapés",
        phrases: &[
            Modele::Comparaisons { intro_un: "", intro_plusieurs: "", clauses: &[("partBeneficiairesAah", "Le taux de bénéficiaires de l'Aah", TAUX_CELUI)] },
            Modele::Montant { id: "montantAahMensuel", modele: "La Caf verse mensuellement sur le territoire près de {montant} au titre de l'allocation aux adultes handicapés (Aah).", si_zero: None },
        ],
        lignes: &["beneficiairesAah", "partBeneficiairesAah"],
    },
    Section {
        optionnelle: false,
        titre: "1.5.3. Les indicateurs de précarité",
        phrases: &[comparees(&[
            ("partBasRevenus", "la part des allocataires à bas revenus", PART_SUPERIEURE),
            ("partFragiles", "la part des allocataires fragiles", PART_SUPERIEURE),
            ("partDependants50", "la part des allocataires dont les prestations représentent de 50 % à moins de 100 % des ressources", PART_SUPERIEURE),
            ("partDependants100", "la part des allocataires dont les prestations représentent la totalité des ressources", PART_SUPERIEURE),
        ])],
        lignes: &[
            "partBasRevenus",
            "partFragiles",
            "partDependants50",
            "partDependants100",
            "partDependants50Inclus",
            "partFamillesAideFinanciere",
        ],
    },
    Section {
        optionnelle: true,
        titre: TITRE_REVENUS,
        phrases: &[Modele::Comparaisons {
            intro_un: "",
            intro_plusieurs: "",
            clauses: &[
                ("revenuMedianUc", "Le revenu disponible médian par unité de consommation du territoire", TAUX_CELUI),
                ("partPrestationsSociales", "La part des prestations sociales dans le revenu disponible", PART_CELLE),
            ],
        }],
        lignes: &[
            "revenuMedianUc",
            "premierDecileUc",
            "rapportInterdecile",
            "partPrestationsSociales",
            "partPrestationsFamiliales",
            "partMinimaSociaux",
            "partPrestationsLogement",
        ],
    },
];

/// The 13 vulnerability indicators of the default radar (§2.5).
pub const RADAR_DEFAUT: &[&str] = &[
    // The seven the source document names (docs/indicateurs.md §2.5)…
    "partDependants100",
    "potentielFiscalParHabitant",
    "partAlParcPriveEffort30",
    "evolutionPopulation",
    "evolutionPopulationMoins6",
    "tauxBesoinModeGarde",
    "indiceJeunesse",
    // …and six of the study's vulnerability shares, chosen by the project.
    "partFamillesMonoparentales",
    "partFamillesNombreuses",
    "partBasRevenus",
    "partFragiles",
    "partBeneficiairesRsa",
    "partBeneficiairesAah",
];

/// The input keys that are components of formulas, with their French labels (the ids of given
/// values are labelled by their indicator).
pub const CLES: &[(&str, &str)] = &[
    ("habitantsMoins6", "Habitants de moins de 6 ans (INSEE)"),
    ("habitants0a19", "Habitants de 0 à 19 ans (INSEE)"),
    ("habitants60etPlus", "Habitants de 60 ans et plus (INSEE)"),
    ("couplesAvecEnfants", "Allocataires en couple avec enfant(s)"),
    ("famillesMonoparentales", "Familles monoparentales allocataires"),
    ("couplesSansEnfant", "Allocataires en couple sans enfant"),
    ("isoles", "Allocataires isolés"),
    ("familles1Enfant", "Familles avec 1 enfant"),
    ("familles2Enfants", "Familles avec 2 enfants"),
    ("familles3EnfantsEtPlus", "Familles avec 3 enfants ou plus"),
    ("enfantsMoins3ParentsActifs", "Enfants de moins de 3 ans dont le(s) parent(s) travaillent"),
    ("enfantsMoins3ComplementActivite", "Enfants de moins de 3 ans, complément d'activité"),
    ("enfantsMoins3Insee", "Enfants de moins de 3 ans (INSEE)"),
    ("placesEajePsu", "Places en EAJE financés par la PSU"),
    ("placesEajeHorsPsu", "Places en EAJE hors PSU"),
    ("placesAssistantsMaternels", "Places chez les assistants maternels"),
    ("placesSalariesDomicile", "Places auprès de salariés à domicile"),
    ("placesPrescolarisation", "Places en préscolarisation"),
    ("alParcPublic", "Bénéficiaires d'aides au logement, parc locatif public"),
    ("alAccession", "Bénéficiaires d'aides au logement, accession"),
    ("alEtablissement", "Bénéficiaires d'aides au logement, établissement"),
    ("alParcPriveEffort30", "Bénéficiaires du parc privé avec un taux d'effort ≥ 30 %"),
    ("allocatairesReference", "Allocataires de référence"),
    ("allocatairesBasRevenus", "Allocataires à bas revenus"),
    ("allocatairesFragiles", "Allocataires fragiles"),
    ("allocatairesDependants50", "Allocataires dépendants de 50 % à moins de 100 %"),
    ("allocatairesDependants100", "Allocataires dépendants à 100 %"),
    ("famillesAideFinanciere", "Familles bénéficiaires d'une aide financière individuelle"),
];

/// French label of any input key.
pub fn libelle_cle(cle: &str) -> Option<&'static str> {
    CLES.iter().find(|c| c.0 == cle).map(|c| c.1).or_else(|| indicateur(cle).map(|i| i.libelle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_coherent() {
        let mut ids: Vec<_> = INDICATEURS.iter().map(|i| i.id).collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "identifiants en double");
        for s in SECTIONS {
            for l in s.lignes {
                assert!(indicateur(l).is_some(), "{l} de « {} » absent du catalogue", s.titre);
            }
            for m in s.phrases {
                let ids: Vec<&str> = match m {
                    Modele::Comparaisons { clauses, .. } => clauses.iter().map(|c| c.0).collect(),
                    Modele::Selection { elements, .. } | Modele::Maximum { elements, .. } => {
                        elements.iter().map(|e| e.0).collect()
                    }
                    Modele::Montant { id, .. } | Modele::Valeur { id, .. } => vec![id],
                };
                for id in ids {
                    assert!(indicateur(id).is_some(), "{id} d'une phrase absent du catalogue");
                }
            }
        }
        for &cle in cles_connues() {
            assert!(libelle_cle(cle).is_some(), "clé {cle} sans libellé");
        }
        for id in RADAR_DEFAUT {
            assert!(indicateur(id).is_some(), "{id}");
        }
        assert_eq!(RADAR_DEFAUT.len(), 13);
    }

    /// The indicator ids of docs/api.md.
    const IDS_DU_CONTRAT: &[&str] = &[
        "tauxCouvertureCaf",
        "indiceJeunesse",
        "partFamillesAllocataires",
        "partCouplesAvecEnfants",
        "partFamillesMonoparentales",
        "partFamilles1Enfant",
        "partFamilles2Enfants",
        "partFamillesNombreuses",
        "partAllocatairesSansEnfant",
        "partCouplesSansEnfant",
        "partIsoles",
        "evolutionFamilles",
        "evolutionFamillesMonoparentales",
        "partEnfantsAeeh",
        "tauxBesoinModeGarde",
        "partEnfantsMoins3",
        "partEnfantsMoins3ParentsActifs",
        "partEnfantsMoins3Cmg",
        "partEnfantsMoins3ComplementActivite",
        "capaciteAccueilPour100",
        "partEnfants3a6",
        "partBeneficiairesAf",
        "partBeneficiairesArs",
        "partBeneficiairesAl",
        "partAlParcPrive",
        "partAlParcPublic",
        "partAlAccession",
        "partAlEtablissement",
        "partAlParcPriveEffort30",
        "partBeneficiairesRsa",
        "partBeneficiairesPpa",
        "partBeneficiairesAah",
        "partBasRevenus",
        "partFragiles",
        "partDependants50",
        "partDependants100",
        "partFamillesAideFinanciere",
        "habitants",
        "naissances",
    ];

    /// The diagnostic keys of docs/api.md.
    const CLES_DU_CONTRAT: &[&str] = &[
        "habitants",
        "habitants0a19",
        "habitants60etPlus",
        "allocataires",
        "personnesCouvertes",
        "allocatairesMsa",
        "personnesCouvertesMsa",
        "couplesAvecEnfants",
        "famillesMonoparentales",
        "couplesSansEnfant",
        "isoles",
        "familles1Enfant",
        "familles2Enfants",
        "familles3EnfantsEtPlus",
        "potentielFiscalParHabitant",
        "potentielFinancierParHabitant",
        "naissances",
        "enfants",
        "enfantsMoins21",
        "enfantsAeeh",
        "enfantsMoins3",
        "enfantsMoins3ParentsActifs",
        "enfantsMoins3Cmg",
        "enfantsMoins3ComplementActivite",
        "enfants3a6",
        "enfantsMoins3Insee",
        "placesEajePsu",
        "placesEajeHorsPsu",
        "placesAssistantsMaternels",
        "placesSalariesDomicile",
        "placesPrescolarisation",
        "beneficiairesAf",
        "beneficiairesArs",
        "beneficiairesAl",
        "alParcPrive",
        "alParcPublic",
        "alAccession",
        "alEtablissement",
        "alParcPriveEffort30",
        "beneficiairesRsa",
        "beneficiairesPpa",
        "beneficiairesAah",
        "allocatairesReference",
        "allocatairesBasRevenus",
        "allocatairesFragiles",
        "allocatairesDependants50",
        "allocatairesDependants100",
        "famillesAideFinanciere",
        "prestationsLegalesDecembre",
        "actionSocialeAnnuelle",
    ];

    #[test]
    fn identifiants_du_contrat() {
        // The ids and keys of docs/api.md must all be in the catalogue.
        for id in IDS_DU_CONTRAT {
            assert!(indicateur(id).is_some(), "{id}");
        }
        let cles = cles_connues();
        for cle in CLES_DU_CONTRAT {
            assert!(cles.contains(cle), "clé {cle}");
        }
    }
}
