// The one table of the household form's amount fields: the form is built from it, the
// situation read from it and a shared situation written back with it. The id of a field is the
// key of the situation in the package's contract (docs/api.md).

/** Amount fields, by fieldset, in form order. */
export const CHAMPS_MONTANTS = [
  { groupe: "Ressources", id: "revenusAnnuels", libelle: "Revenus annuels du foyer avant impôt (€)" },
  { groupe: "Ressources", id: "prestationsMensuelles", libelle: "Prestations CAF du mois (€)" },
  { groupe: "Ressources", id: "aideLogementMensuelle", libelle: "dont aide au logement (€, facultatif)" },
  { groupe: "Logement", id: "loyerMensuel", libelle: "Loyer mensuel hors charges (€, facultatif)" },
  { groupe: "Quotient familial", id: "quotientFamilialCaf", libelle: "Quotient familial de l'attestation CAF (€, facultatif)" },
  { groupe: "Quotient familial", id: "prestationsNonRetenuesQf", libelle: "dont prestations non retenues pour le QF : ARS, prime de naissance, CMG (€, facultatif)" },
];

/** The fields of one fieldset. */
export function champsDuGroupe(groupe) {
  return CHAMPS_MONTANTS.filter((c) => c.groupe === groupe);
}

/** Options of each person: key of the contract, label of its checkbox. */
export const OPTIONS_PERSONNE = [["handicap", "Handicap"], ["etudiant", "Étudiant"]];
