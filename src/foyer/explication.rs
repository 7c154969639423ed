//! The explanations of a foyer's figures: small functions that each turn the integer figures
//! ([`Chiffres`]) into one [`Figure`] — its French label, its display and its formula written
//! with the family's numbers. They display and compare what [`Chiffres`] decided; none decides a
//! status again.

use super::chiffres::{Chiffres, Effort, Parametres};
use super::saisie::{
    ErreurFoyer, IndicateurPlafond, Plafond, Saisie, Situation, L_LOYER, L_NON_RETENUES, L_PRESTATIONS, L_QF,
    L_REVENUS, L_SEUIL,
};
use super::verdicts::{verdicts, Verdict};
use crate::format::{capitale, decimal, euros, pourcent};
use crate::nombre::Ratio;
use crate::parametres::{seuil_pour, ForfaitCharges, Seuil, TypeSeuil, SOURCE_FORFAITS};

/// Position of the foyer against one INSEE line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PositionInsee {
    /// The line used (and the warning when its year differs).
    pub seuil: Seuil,
    /// Resources per INSEE UC, € per month.
    pub ruc_insee: Ratio,
    /// `ruc_insee < seuil`.
    pub sous_le_seuil: bool,
    /// Resources − seuil × UC INSEE, € per month.
    pub ecart_mensuel: Ratio,
}

/// Housing cost of the foyer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TauxEffort {
    /// Taux d'effort net, in percent (never negative).
    pub pourcent: Ratio,
    /// Forfait charges used, € per month.
    pub forfait_charges: Ratio,
    /// `pourcent ≥ 30`.
    pub eleve: bool,
}

/// Eligibility to one partner ceiling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Eligibilite {
    /// Name of the aid.
    pub libelle: String,
    /// Whether the foyer is under the ceiling.
    pub eligible: bool,
    /// Margin under the ceiling in € per month (negative: excess).
    pub ecart_mensuel: Ratio,
    /// French explanation.
    pub explication: String,
}

/// One displayed figure with its French explanation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    /// Stable id (`uc`, `ruc`, `basRevenus`…).
    pub id: &'static str,
    /// French label.
    pub libelle: String,
    /// French display of the value ("2,1", "738,10 €", "oui").
    pub affiche: String,
    /// The formula with the user's numbers, and the source of the threshold where one is used.
    pub explication: String,
}

/// Everything computed for a situation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resultat {
    /// Reference year asked.
    pub annee: i32,
    /// UC, CAF scale, in tenths.
    pub uc_dixiemes: u32,
    /// UC, INSEE scale, in tenths.
    pub uc_insee_dixiemes: u32,
    /// No conjoint and at least one enfant.
    pub monoparental: bool,
    /// Monthly resources (income / 12 + benefits), €.
    pub ressources_mensuelles: Ratio,
    /// € per UC per month.
    pub ruc: Ratio,
    /// € per UC per month, without the benefits.
    pub ruc_hors_prestations: Ratio,
    /// Threshold used (the partner's, or the CAF one).
    pub seuil: Seuil,
    /// Resources − seuil × UC, € per month (negative: under the threshold).
    pub ecart_seuil_mensuel: Ratio,
    /// Position against the INSEE 60 % and 50 % lines.
    pub seuils_insee: Vec<PositionInsee>,
    /// `None` when hors champ.
    pub bas_revenus: Option<bool>,
    /// `None` when hors champ.
    pub fragile: Option<bool>,
    /// Benefits / resources in percent; `None` when resources are zero.
    pub part_prestations: Option<Ratio>,
    /// Benefits are 50 % of resources or more.
    pub dependance50: bool,
    /// Benefits are all the resources.
    pub dependance100: bool,
    /// Reason the foyer is outside the reference population.
    pub hors_champ: Option<String>,
    /// Housing cost, when a rent is given and resources without housing aid are positive.
    pub taux_effort: Option<TauxEffort>,
    /// Family quotient used (the attestation's when given), €.
    pub quotient_familial: Ratio,
    /// Simulated family quotient, €.
    pub quotient_familial_simule: Ratio,
    /// Number of parts of the simulation, in halves.
    pub parts_demi: u32,
    /// Partner ceilings.
    pub eligibilites: Vec<Eligibilite>,
    /// One French sentence that sums the situation up.
    pub synthese: String,
    /// The answers first: threshold in use (and the CAF one beside a partner's), fragile,
    /// housing effort, dependency, each partner ceiling.
    pub verdicts: Vec<Verdict>,
    /// The situation as entered, in French (label, value), for the family's sheet.
    pub recapitulatif: Vec<(String, String)>,
    /// Figures in display order, each with its explanation.
    pub figures: Vec<Figure>,
    /// French warnings.
    pub avertissements: Vec<String>,
    /// Warnings that belong to one input field, to show next to it: (field path, message).
    pub alertes_champs: Vec<(&'static str, String)>,
}

fn uc_texte(dixiemes: u32) -> String {
    decimal(Ratio::new(i128::from(dixiemes), 10).unwrap_or(Ratio::ZERO), 1)
}

fn oui_non(b: bool) -> String {
    (if b { "oui" } else { "non" }).to_string()
}

fn source_seuil(s: &Seuil) -> String {
    format!("{} ({})", s.source, s.statut.libelle())
}

/// The situation as entered, in French, for the family's sheet.
fn recapitulatif(s: &Saisie) -> Vec<(String, String)> {
    let e2 = |c: i64| euros(Ratio::centimes(c), 2);
    let mut r = vec![("Année de référence".to_string(), s.annee.to_string())];
    for (i, p) in s.personnes.iter().enumerate() {
        let mut v = format!("{}, {}", p.role.code(), crate::format::compte(u64::from(p.age), "an", "ans"));
        if p.handicap {
            v.push_str(", handicap");
        }
        if p.etudiant {
            v.push_str(", étudiant");
        }
        r.push((format!("Personne {}", i + 1), v));
    }
    r.push((L_REVENUS.to_string(), e2(s.revenus_annuels_centimes)));
    r.push((L_PRESTATIONS.to_string(), e2(s.prestations_centimes)));
    if let Some(al) = s.aide_logement_centimes {
        r.push(("dont aide au logement".to_string(), e2(al)));
    }
    if let Some(l) = s.loyer_centimes {
        r.push((L_LOYER.to_string(), e2(l)));
    }
    if let Some(e) = s.prestations_non_retenues_qf_centimes {
        r.push((L_NON_RETENUES.to_string(), e2(e)));
    }
    if let Some(q) = s.quotient_familial_caf_centimes {
        r.push((L_QF.to_string(), e2(q)));
    }
    if let Some((v, libelle)) = &s.seuil_partenaire {
        let nom = libelle.as_deref().map(|l| format!(" ({l})")).unwrap_or_default();
        r.push((L_SEUIL.to_string(), format!("{} par UC et par mois{nom}", e2(*v))));
    }
    for p in &s.plafonds {
        let quoi = match p.indicateur {
            IndicateurPlafond::Ruc => "RUC",
            IndicateurPlafond::QuotientFamilial => "quotient familial",
        };
        r.push((p.libelle.clone(), format!("{quoi} {} {}", if p.strict { "<" } else { "≤" }, e2(p.centimes))));
    }
    r
}

fn e2(r: Ratio) -> String {
    euros(r, 2)
}

fn figure(id: &'static str, libelle: &str, affiche: String, explication: String) -> Figure {
    Figure { id, libelle: libelle.to_string(), affiche, explication }
}

impl Situation {
    /// Computes every figure of the foyer.
    ///
    /// # Errors
    /// [`ErreurFoyer::Calcul`] only if a figure overflows the exact arithmetic, which the input
    /// bounds of [`Situation::new`] rule out.
    pub fn calculer(&self) -> Result<Resultat, ErreurFoyer> {
        calculer(self.saisie()).ok_or(ErreurFoyer::Calcul)
    }
}

fn calculer(s: &Saisie) -> Option<Resultat> {
    let p = Parametres::pour(s)?;
    let c = Chiffres::new(s, &p);
    let mut avertissements = s.avertissements.clone();
    let mut alertes_champs = Vec::new();
    if s.revenus_annuels_centimes < 0 {
        let texte = format!(
            "Revenus annuels négatifs ({}) : déficit compté pour 0 € dans tous les calculs.",
            e2(Ratio::centimes(s.revenus_annuels_centimes))
        );
        avertissements.push(texte.clone());
        alertes_champs.push(("revenusAnnuels", texte));
    }
    avertissements.extend(avertissement_seuil(s, &c, &p)?);
    let nom = nom_seuil(s, &p.seuil.seuil);
    let mut figures = Vec::with_capacity(16);
    figures_uc(&c, &mut figures);
    figures_ressources(&c, &mut figures)?;
    figures.push(figure_seuil(&p.seuil.seuil, &nom));
    figures_statuts(&c, &mut figures)?;
    figures.push(figure_ecart(&c)?);
    figures.push(figure_dependance(&c)?);
    let mut seuils_insee = Vec::new();
    for t in [TypeSeuil::Insee60, TypeSeuil::Insee50] {
        let Some(retenu) = seuil_pour(t, s.annee) else { continue };
        avertissements.extend(retenu.avertissement);
        let (f, position) = position_insee(&c, t, retenu.seuil)?;
        figures.push(f);
        seuils_insee.push(position);
    }
    figures.push(figure_taux_effort(&c, &p.forfait.0)?);
    if c.effort != Effort::SansLoyer {
        avertissements.extend(p.forfait.1.clone());
    }
    figures.push(figure_quotient_familial(s, &c)?);
    let mut eligibilites = Vec::with_capacity(s.plafonds.len());
    for plafond in &s.plafonds {
        eligibilites.push(eligibilite(&c, plafond)?);
    }
    Some(Resultat {
        annee: s.annee,
        uc_dixiemes: c.uc,
        uc_insee_dixiemes: c.uc_insee,
        monoparental: c.monoparental,
        ressources_mensuelles: c.ressources()?,
        ruc: c.ruc()?,
        ruc_hors_prestations: c.ruc_hors_prestations()?,
        ecart_seuil_mensuel: c.ecart_seuil()?,
        seuils_insee,
        bas_revenus: c.bas_revenus(),
        fragile: c.fragile(),
        part_prestations: c.part_prestations(),
        dependance50: c.dependance50,
        dependance100: c.dependance100,
        hors_champ: c.hors_champ.map(|h| h.raison().to_string()),
        taux_effort: c.taux_effort().map(|pourcent| TauxEffort {
            pourcent,
            forfait_charges: charges(&c).unwrap_or(Ratio::ZERO),
            eleve: c.taux_effort_eleve().unwrap_or(false),
        }),
        quotient_familial: c.quotient_familial()?,
        quotient_familial_simule: c.quotient_familial_simule()?,
        parts_demi: c.parts_demi,
        eligibilites,
        synthese: synthese(&c, &nom, &p.seuil.seuil)?,
        verdicts: verdicts(s, &c, &p, &nom)?,
        recapitulatif: recapitulatif(s),
        seuil: p.seuil.seuil,
        figures,
        avertissements,
        alertes_champs,
    })
}

/// The warning of a CAF threshold of another year, in plain words, with what the INSEE line
/// of the nearest year says of this foyer: one sentence.
fn avertissement_seuil(s: &Saisie, c: &Chiffres, p: &Parametres) -> Option<Option<String>> {
    let Some(texte) = &p.seuil.avertissement else { return Some(None) };
    if p.seuil.seuil.type_seuil != TypeSeuil::CafBasRevenus {
        return Some(Some(texte.clone()));
    }
    let Some(insee) = seuil_pour(TypeSeuil::Insee60, s.annee) else { return Some(Some(texte.clone())) };
    let (sous, _) = c.position_insee(insee.seuil.centimes)?;
    Some(Some(format!(
        "{} ; le {} de {} ({}) place ce foyer {} (indicatif : il porte sur le niveau de vie après impôts).",
        texte.trim_end_matches('.'),
        TypeSeuil::Insee60.nom(),
        insee.seuil.annee,
        euros(Ratio::centimes(insee.seuil.centimes), 0),
        if sous { "en dessous" } else { "au-dessus ou au niveau" }
    )))
}

/// The UC terms, INSEE scale then CAF scale: "1 (allocataire) + 0,5 (conjoint) + …".
fn termes_uc(c: &Chiffres) -> (String, String) {
    let mut termes = vec!["1 (allocataire)".to_string()];
    if c.conjoint {
        termes.push("0,5 (conjoint)".into());
    }
    let terme = |n: u32, poids: &str, un: &str, plusieurs: &str| match n {
        0 => None,
        1 => Some(format!("{poids} ({un})")),
        n => Some(format!("{n} × {poids} ({plusieurs})")),
    };
    termes.extend(terme(c.grands, "0,5", "personne de 14 ans ou plus", "personnes de 14 ans ou plus"));
    termes.extend(terme(c.petits, "0,3", "enfant de moins de 14 ans", "enfants de moins de 14 ans"));
    let insee = termes.join(" + ");
    let caf = if c.monoparental { format!("{insee} + 0,2 (famille monoparentale)") } else { insee.clone() };
    (insee, caf)
}

fn figures_uc(c: &Chiffres, figures: &mut Vec<Figure>) {
    let (insee, caf) = termes_uc(c);
    let (uc, uc_insee) = (uc_texte(c.uc), uc_texte(c.uc_insee));
    let explication_insee = if c.monoparental {
        format!(
            "UC INSEE = {insee} = {uc_insee} UC : l'échelle INSEE n'ajoute pas les 0,2 UC des familles monoparentales."
        )
    } else {
        format!(
            "UC INSEE = UC CAF = {uc_insee} UC (le supplément de 0,2 UC ne concerne que les familles monoparentales)."
        )
    };
    figures.push(figure("uc", "Unités de consommation (barème CAF)", uc.clone(), format!("UC = {caf} = {uc} UC.")));
    figures.push(figure("ucInsee", "Unités de consommation (échelle INSEE)", uc_insee, explication_insee));
}

fn figures_ressources(c: &Chiffres, figures: &mut Vec<Figure>) -> Option<()> {
    let (ressources, revenus, ruc, ruc_hp) =
        (c.ressources()?, c.revenus_mensuels()?, c.ruc()?, c.ruc_hors_prestations()?);
    let prestations = Ratio::centimes(c.prestations);
    let uc = uc_texte(c.uc);
    figures.push(figure(
        "ressources",
        "Ressources mensuelles",
        e2(ressources),
        format!(
            "Ressources = {} / 12 + {} de prestations = {} par mois.",
            e2(Ratio::centimes(c.revenus_annuels)),
            e2(prestations),
            e2(ressources)
        ),
    ));
    figures.push(figure(
        "ruc",
        "Revenu par unité de consommation (RUC)",
        e2(ruc),
        format!("RUC = ({} + {}) / {uc} UC = {} par UC.", e2(revenus), e2(prestations), e2(ruc)),
    ));
    figures.push(figure(
        "rucHorsPrestations",
        "RUC hors prestations",
        e2(ruc_hp),
        format!("RUC hors prestations = {} / {uc} UC = {} par UC.", e2(revenus), e2(ruc_hp)),
    ));
    Some(())
}

/// The threshold's name in sentences: "seuil de bas revenus CAF 2017", "seuil du partenaire « … »".
fn nom_seuil(s: &Saisie, seuil: &Seuil) -> String {
    match seuil.type_seuil {
        TypeSeuil::Partenaire => match &s.seuil_partenaire {
            Some((_, Some(libelle))) => format!("seuil du partenaire « {libelle} »"),
            _ => "seuil du partenaire".to_string(),
        },
        t => format!("{} {}", t.nom(), seuil.annee),
    }
}

fn figure_seuil(seuil: &Seuil, nom: &str) -> Figure {
    let v = e2(Ratio::centimes(seuil.centimes));
    let explication = format!("{} : {v} par UC et par mois ; source : {}.", capitale(nom), source_seuil(seuil));
    figure("seuil", "Seuil utilisé", v, explication)
}

fn figures_statuts(c: &Chiffres, figures: &mut Vec<Figure>) -> Option<()> {
    let (ruc, ruc_hp, seuil) = (e2(c.ruc()?), e2(c.ruc_hors_prestations()?), e2(Ratio::centimes(c.seuil)));
    let (Some(bas), Some(fragile)) = (c.bas_revenus(), c.fragile()) else {
        let raison = c.hors_champ.map(|h| h.raison()).unwrap_or_default();
        let texte = format!("Foyer non classé (hors champ des indicateurs de bas revenus) : {raison}.");
        figures.push(figure("basRevenus", "Bas revenus", "non classé".into(), texte.clone()));
        figures.push(figure("fragile", "Fragile", "non classé".into(), texte));
        return Some(());
    };
    let explication_bas = format!(
        "RUC {ruc} {} seuil {seuil} : le foyer {} à bas revenus (RUC strictement inférieur au seuil).",
        if c.sous_le_seuil { "<" } else { "≥" },
        if bas { "est" } else { "n'est pas" }
    );
    let explication_fragile = if fragile {
        format!("RUC hors prestations {ruc_hp} < seuil {seuil} ≤ RUC {ruc} : le foyer passe au-dessus du seuil grâce aux prestations.")
    } else if bas {
        "Non fragile : le foyer est sous le seuil même avec les prestations (il est à bas revenus).".to_string()
    } else {
        format!("Non fragile : sans les prestations, le RUC ({ruc_hp}) atteint déjà le seuil ({seuil}).")
    };
    figures.push(figure("basRevenus", "Bas revenus", oui_non(bas), explication_bas));
    figures.push(figure("fragile", "Fragile", oui_non(fragile), explication_fragile));
    Some(())
}

fn figure_ecart(c: &Chiffres) -> Option<Figure> {
    let ecart = c.ecart_seuil()?;
    let suite = if ecart.signe() < 0 {
        format!("il manque {} de ressources mensuelles pour atteindre le seuil.", e2(ecart.fois(Ratio::entier(-1))?))
    } else {
        format!("les ressources dépassent le seuil de {} par mois.", e2(ecart))
    };
    Some(figure(
        "ecartSeuil",
        "Écart au seuil",
        format!("{} par mois", e2(ecart)),
        format!(
            "Écart = {} − {} × {} UC = {} par mois : {suite}",
            e2(c.ressources()?),
            e2(Ratio::centimes(c.seuil)),
            uc_texte(c.uc),
            e2(ecart)
        ),
    ))
}

fn figure_dependance(c: &Chiffres) -> Option<Figure> {
    let Some(part) = c.part_prestations() else {
        let texte = "Part des prestations non calculable : le foyer n'a aucune ressource.".to_string();
        return Some(figure("dependance", "Part des prestations dans les ressources", String::new(), texte));
    };
    let qualification = if c.dependance100 {
        "les prestations sont la totalité des ressources (dépendance à 100 %)"
    } else if c.dependance50 {
        "au moins la moitié des ressources (dépendance à 50 % ou plus)"
    } else {
        "moins de la moitié des ressources"
    };
    Some(figure(
        "dependance",
        "Part des prestations dans les ressources",
        pourcent(part, 1),
        format!(
            "Part des prestations = {} / {} = {} des ressources : {qualification}.",
            e2(Ratio::centimes(c.prestations)),
            e2(c.ressources()?),
            pourcent(part, 1)
        ),
    ))
}

fn position_insee(c: &Chiffres, t: TypeSeuil, seuil: Seuil) -> Option<(Figure, PositionInsee)> {
    let v = Ratio::centimes(seuil.centimes);
    let ruc_insee = c.ruc_insee()?;
    let (sous, ecart) = c.position_insee(seuil.centimes)?;
    let f = figure(
        if t == TypeSeuil::Insee60 { "insee60" } else { "insee50" },
        &capitale(t.nom()),
        if sous { "en dessous".into() } else { "au-dessus ou égal".into() },
        format!(
            "{} {} : {} par mois ; source : {}. Ressources par UC INSEE = {} / {} UC = {} : {} du seuil (écart {} par mois). Indicatif : le seuil INSEE porte sur le niveau de vie après impôts.",
            capitale(t.nom()),
            seuil.annee,
            e2(v),
            source_seuil(&seuil),
            e2(c.ressources()?),
            uc_texte(c.uc_insee),
            e2(ruc_insee),
            if sous { "en dessous" } else { "au-dessus ou au niveau" },
            e2(ecart)
        ),
    );
    Some((f, PositionInsee { seuil, ruc_insee, sous_le_seuil: sous, ecart_mensuel: ecart }))
}

/// The charges forfait of the foyer, € per month, when a taux d'effort is computed.
fn charges(c: &Chiffres) -> Option<Ratio> {
    match c.effort {
        Effort::Calcule { charges, .. } => Some(Ratio::centimes(charges)),
        _ => None,
    }
}

fn figure_taux_effort(c: &Chiffres, forfait: &ForfaitCharges) -> Option<Figure> {
    let libelle = "Taux d'effort net";
    let (loyer, charges, al) = match c.effort {
        Effort::SansLoyer => {
            return Some(figure(
                "tauxEffort",
                libelle,
                String::new(),
                "Taux d'effort non calculé : loyer non renseigné.".into(),
            ))
        }
        Effort::SansRessources => {
            let texte = "Taux d'effort non calculable : aucune ressource en dehors de l'aide au logement.";
            return Some(figure("tauxEffort", libelle, String::new(), texte.into()));
        }
        Effort::Calcule { loyer, charges, aide_logement, .. } => {
            (Ratio::centimes(loyer), Ratio::centimes(charges), Ratio::centimes(aide_logement))
        }
    };
    let taux = pourcent(c.taux_effort()?, 1);
    let eleve = c.taux_effort_eleve()?;
    let (a, m, j) = forfait.depuis;
    Some(figure(
        "tauxEffort",
        libelle,
        taux.clone(),
        format!(
            "Taux d'effort = (loyer {} + forfait charges {} − aide au logement {}) / (ressources {} − aide au logement {}) = {taux}{} ; forfait charges du {j:02}/{m:02}/{a} : {} + {} par personne à charge ({SOURCE_FORFAITS}).",
            e2(loyer),
            e2(charges),
            e2(al),
            e2(c.ressources()?),
            e2(al),
            if eleve { " : 30 % ou plus, taux d'effort élevé" } else { " : moins de 30 %" },
            e2(Ratio::centimes(forfait.base_centimes)),
            e2(Ratio::centimes(forfait.par_personne_centimes)),
        ),
    ))
}

/// The parts of the simulated QF with this family's terms: "2 (parent isolé) + 0,5 (1er enfant) + …".
fn termes_parts(c: &Chiffres) -> String {
    let adultes = if c.conjoint {
        "2 (couple)"
    } else if c.enfants > 0 {
        "2 (parent isolé)"
    } else {
        "2 (personne seule)"
    };
    let mut termes = vec![adultes.to_string()];
    let rangs = [("0,5", "1er enfant"), ("0,5", "2e enfant"), ("1", "3e enfant")];
    for (poids, rang) in rangs.iter().take(c.enfants as usize) {
        termes.push(format!("{poids} ({rang})"));
    }
    match c.enfants.saturating_sub(3) {
        0 => {}
        1 => termes.push("0,5 (4e enfant)".into()),
        n => termes.push(format!("{n} × 0,5 (enfants suivants)")),
    }
    match c.enfants_handicapes {
        0 => {}
        1 => termes.push("0,5 (enfant handicapé)".into()),
        n => termes.push(format!("{n} × 0,5 (enfants handicapés)")),
    }
    termes.join(" + ")
}

fn figure_quotient_familial(s: &Saisie, c: &Chiffres) -> Option<Figure> {
    let parts = c.parts()?;
    let qf_simule = c.quotient_familial_simule()?;
    let (retenues, exclues) = match c.prestations_non_retenues_qf {
        Some(e) => (
            format!("{} − {} non retenus", e2(Ratio::centimes(c.prestations)), e2(Ratio::centimes(e))),
            format!("l'ARS, la prime de naissance et le CMG ({} par mois) ne sont pas retenus", e2(Ratio::centimes(e))),
        ),
        None => (
            e2(Ratio::centimes(c.prestations)),
            "les prestations que la CAF ne retient pas (ARS, prime de naissance, CMG) sont comptées si elles font partie des prestations saisies : indiquez-les à part pour les retirer".into(),
        ),
    };
    let parts_texte = decimal(parts, if c.parts_demi % 2 == 0 { 0 } else { 1 });
    let simulation = format!(
        "QF simulé = ({} / 12 + {retenues}) / {parts_texte} parts = {} ; parts = {} = {parts_texte}",
        e2(Ratio::centimes(c.revenus_annuels)),
        e2(qf_simule),
        termes_parts(c)
    );
    Some(match s.quotient_familial_caf_centimes {
        Some(centimes) => {
            let qf = euros(Ratio::centimes(centimes), 0);
            figure(
                "quotientFamilial",
                "Quotient familial",
                qf.clone(),
                format!("Quotient familial = {qf} (valeur de l'attestation CAF, qui prime sur la simulation). Pour comparaison : {simulation}."),
            )
        }
        None => figure(
            "quotientFamilial",
            "Quotient familial (simulé)",
            euros(qf_simule, 0),
            format!("{simulation}. Simulation : seule l'attestation CAF fait foi ; {exclues}."),
        ),
    })
}

fn eligibilite(c: &Chiffres, p: &Plafond) -> Option<Eligibilite> {
    let (eligible, valeur, ecart) = c.eligibilite(p)?;
    let (nom, unite) = match p.indicateur {
        IndicateurPlafond::Ruc => ("RUC", " par UC"),
        IndicateurPlafond::QuotientFamilial => ("quotient familial", ""),
    };
    let signe = match (eligible, p.strict) {
        (true, true) => "<",
        (true, false) => "≤",
        (false, true) => "≥",
        (false, false) => ">",
    };
    let explication = format!(
        "{} : {nom} {} {signe} plafond {}{unite} : {} (marge {} par mois).",
        p.libelle,
        e2(valeur),
        e2(Ratio::centimes(p.centimes)),
        if eligible { "éligible" } else { "non éligible" },
        e2(ecart)
    );
    Some(Eligibilite { libelle: p.libelle.clone(), eligible, ecart_mensuel: ecart, explication })
}

fn synthese(c: &Chiffres, nom_seuil: &str, seuil: &Seuil) -> Option<String> {
    let (ruc, uc, v) = (e2(c.ruc()?), uc_texte(c.uc), e2(Ratio::centimes(seuil.centimes)));
    if seuil.type_seuil == TypeSeuil::Partenaire {
        // A partner's scale is not the CAF's: the words name it, never « bas revenus ».
        let position = if c.sous_le_seuil { "sous le" } else { "au niveau ou au-dessus du" };
        return Some(format!(
            "Foyer {position} {nom_seuil} : RUC de {ruc} par UC et par mois pour {uc} UC, seuil de {v} par UC."
        ));
    }
    let position = match (c.hors_champ, c.bas_revenus(), c.fragile()) {
        (Some(h), _, _) => format!("Foyer hors champ des indicateurs de bas revenus ({})", h.raison()),
        (None, Some(true), _) => "Foyer à bas revenus".to_string(),
        (None, _, Some(true)) => "Foyer fragile (au-dessus du seuil grâce aux prestations)".to_string(),
        _ => "Foyer au-dessus du seuil".to_string(),
    };
    Some(format!(
        "{position} : RUC de {ruc} par UC et par mois pour {uc} UC, {} {nom_seuil} ({v} par UC).",
        if c.sous_le_seuil { "sous le" } else { "au niveau ou au-dessus du" },
    ))
}
