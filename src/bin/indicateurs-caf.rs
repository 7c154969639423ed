//! The command-line program: the same batch formats as the page, for scripts and servers.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::process::ExitCode;

use indicateurs_caf::format;
use indicateurs_caf::import::{importer, Fichier};
use indicateurs_caf::lot::{
    comptes_csv_suivi, duree, est_fichier_comptes, etudes_comptes, generer_lignes, lire_comptes_suivi, modele_comptes,
    progression_sur, seuils_csv, seuils_par_annee, territoires_csv, traiter_en_parallele, Comptes, ErreurParallele,
    LigneComptes, LotFoyers, Ponderation, Progression,
};
use indicateurs_caf::tableur::BOM;

const AIDE: &str = "\
indicateurs-caf — indicateurs de la politique familiale, en lots

UTILISATION
  indicateurs-caf foyers [FICHIER] [-o SORTIE] [--fils N]
      Calcule chaque foyer d'un CSV (id;annee;personnes;revenus_annuels;prestations_mensuelles;
      aide_logement;loyer) : UC, RUC, seuil, statuts, taux d'effort. Une ligne invalide donne une
      ligne d'erreur (numéro, champ, message) et le reste du fichier est traité. Sur tous les cœurs
      (--fils N pour en fixer le nombre) ; la sortie est la même, dans l'ordre du fichier.
  indicateurs-caf seuils [FICHIER] [--ponderation personnes|foyers] [--csv] [-o SORTIE]
      RUC médian exact d'une population de foyers (même CSV), seuils à 60 % et 50 % de la
      médiane, parts des foyers et des personnes sous chacun, année par année. Pondération par
      défaut : personnes. --csv : un tableau pour tableur (une ligne par année) au lieu de phrases.
  indicateurs-caf territoires FICHIER... [-o SORTIE] [--etudes DOSSIER]
      Le diagnostic de chaque territoire d'un fichier de comptes (code;nom;niveau;annee;reference
      puis les clés du diagnostic et leurs valeurs cinq ans plus tôt, <clé>_5ans) face à sa
      référence, en nombres bruts ; ou les ratios de chaque commune et EPCI de fichiers INSEE
      « Données CAF à l'IRIS » (et du fichier des populations légales), face à leur département.
      --etudes DOSSIER (fichier de comptes) : en plus, l'étude complète de chaque ligne face à sa
      référence (tableaux, phrases, notes, radar face à la moyenne de même type), en Markdown,
      et son radar en SVG : DOSSIER/<ligne>-<code>.md et DOSSIER/<ligne>-<code>-radar.svg.
  indicateurs-caf modele [-o SORTIE]
      Écrit le modèle d'un fichier de comptes : chaque colonne, son libellé, une ligne d'exemple.
  indicateurs-caf generer [--nombre N] [--graine G] [-o SORTIE]
      Écrit un fichier de N foyers (1 000 par défaut) toujours identique pour une même graine.

  Sans FICHIER, ou avec « - », l'entrée standard est lue ; sans -o, la sortie standard est écrite.
  Les fichiers sont lus en UTF-8, ou en Windows-1252 quand ils ne sont pas en UTF-8 (les CSV
  d'Excel ; en Mac Roman ou en ISO-8859-15 quand leurs octets le disent) ; les résultats sont en
  UTF-8 et commencent par le BOM, pour que les tableurs lisent les accents.
  Format des personnes : A35|C33|E5|E9 (A allocataire, C conjoint, E enfant, P autre ; h handicap,
  e étudiant après l'âge : E6h, A20e ; une espace, + ou une virgule séparent aussi les personnes).

CODES DE SORTIE
  0  traité (même avec des lignes en erreur, signalées dans la sortie)
  1  entrée inutilisable (fichier illisible, en-tête sans les colonnes obligatoires)
  2  commande mal formée

  -h, --help     cette aide
  -V, --version  la version
";

struct Options {
    commande: String,
    entrees: Vec<String>,
    sortie: Option<String>,
    nombre: u64,
    graine: u64,
    ponderation: Ponderation,
    /// Threads of the household batch (0: every core).
    fils: usize,
    /// `seuils`: the medians as a CSV table rather than sentences.
    csv: bool,
    /// `territoires`, a counts file: the folder where each row's full study is written.
    etudes: Option<String>,
}

fn usage(message: &str) -> ExitCode {
    eprintln!("indicateurs-caf : {message}\nEssayez « indicateurs-caf --help ».");
    ExitCode::from(2)
}

fn inutilisable(message: &str) -> ExitCode {
    eprintln!("indicateurs-caf : {message}");
    ExitCode::from(1)
}

fn lire_options(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        commande: String::new(),
        entrees: Vec::new(),
        sortie: None,
        nombre: 1_000,
        graine: 1,
        ponderation: Ponderation::Personnes,
        fils: 0,
        csv: false,
        etudes: None,
    };
    let mut i = 0;
    while let Some(a) = args.get(i) {
        let valeur = |i: usize| args.get(i + 1).cloned().ok_or_else(|| format!("{a} attend une valeur"));
        match a.as_str() {
            "-o" | "--sortie" => {
                o.sortie = Some(valeur(i)?);
                i += 1;
            }
            "--nombre" => {
                o.nombre = valeur(i)?.parse().map_err(|_| "--nombre attend un entier positif".to_string())?;
                i += 1;
            }
            "--graine" => {
                o.graine = valeur(i)?.parse().map_err(|_| "--graine attend un entier positif".to_string())?;
                i += 1;
            }
            "--fils" => {
                o.fils = valeur(i)?
                    .parse()
                    .ok()
                    .filter(|n| (1..=256).contains(n))
                    .ok_or_else(|| "--fils attend un entier de 1 à 256".to_string())?;
                i += 1;
            }
            "--csv" => o.csv = true,
            "--etudes" => {
                o.etudes = Some(valeur(i)?);
                i += 1;
            }
            "--ponderation" => {
                o.ponderation = Ponderation::depuis_code(&valeur(i)?).map_err(|e| e.to_string())?;
                i += 1;
            }
            x if x.starts_with('-') && x != "-" => return Err(format!("option « {x} » inconnue")),
            x if o.commande.is_empty() => o.commande = x.to_string(),
            x => o.entrees.push(x.to_string()),
        }
        i += 1;
    }
    Ok(o)
}

fn ouvrir_entree(chemin: Option<&str>) -> io::Result<Box<dyn Read>> {
    match chemin {
        None | Some("-") => Ok(Box::new(io::stdin().lock())),
        Some(c) => Ok(Box::new(File::open(c)?)),
    }
}

fn ouvrir_sortie(chemin: Option<&str>) -> io::Result<Box<dyn Write>> {
    match chemin {
        None | Some("-") => Ok(Box::new(BufWriter::with_capacity(1 << 16, io::stdout().lock()))),
        Some(c) => Ok(Box::new(BufWriter::with_capacity(1 << 16, File::create(c)?))),
    }
}

/// A writer that puts the UTF-8 byte-order mark before the first bytes it writes.
struct AvecBom<W> {
    sortie: W,
    ecrit: bool,
}

impl<W: Write> AvecBom<W> {
    fn bom_avant(&mut self, octets: &[u8]) -> io::Result<()> {
        if !self.ecrit && !octets.is_empty() {
            self.sortie.write_all(BOM.as_bytes())?;
            self.ecrit = true;
        }
        Ok(())
    }
}

impl<W: Write> Write for AvecBom<W> {
    fn write(&mut self, octets: &[u8]) -> io::Result<usize> {
        self.bom_avant(octets)?;
        self.sortie.write(octets)
    }

    // Forwarded whole: the batch writes pieces of results with `write_all`.
    fn write_all(&mut self, octets: &[u8]) -> io::Result<()> {
        self.bom_avant(octets)?;
        self.sortie.write_all(octets)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.sortie.flush()
    }
}

fn foyers(o: &Options, population: bool) -> ExitCode {
    let debut = std::time::Instant::now();
    let chemin = o.entrees.first().map(String::as_str);
    let mut entree = match ouvrir_entree(chemin) {
        Ok(e) => e,
        Err(e) => return inutilisable(&format!("lecture de « {} » impossible : {e}", chemin.unwrap_or("-"))),
    };
    let sortie: Box<dyn Write> = if population {
        Box::new(io::sink())
    } else {
        match ouvrir_sortie(o.sortie.as_deref()) {
            Ok(s) => s,
            Err(e) => return inutilisable(&format!("écriture impossible : {e}")),
        }
    };
    // The byte-order mark before the first row, as every export of the pages: spreadsheets then
    // read the accents. An unusable file writes nothing.
    let mut sortie = AvecBom { sortie, ecrit: false };
    let mut lot = LotFoyers::new(population);
    let fils = if o.fils > 0 { o.fils } else { std::thread::available_parallelism().map_or(1, |n| n.get()) };
    match traiter_en_parallele(&mut lot, &mut entree, &mut sortie, fils) {
        Ok(()) => {}
        Err(ErreurParallele::Lecture(e)) => return inutilisable(&format!("lecture interrompue : {e}")),
        Err(ErreurParallele::Ecriture(e)) => return inutilisable(&format!("écriture impossible : {e}")),
        Err(ErreurParallele::Lot(e)) => return inutilisable(&e.to_string()),
    }
    let mut texte = Vec::new();
    if let Err(e) = lot.terminer(&mut texte) {
        return inutilisable(&e.to_string());
    }
    if sortie.write_all(&texte).and_then(|()| sortie.flush()).is_err() {
        return inutilisable("écriture impossible");
    }
    if population {
        let mut points = lot.points().to_vec();
        // One median per reference year: a median never pools two years.
        let par_annee = seuils_par_annee(&mut points, o.ponderation);
        if par_annee.is_empty() {
            return inutilisable("aucun foyer valide dans le champ : pas de médiane.");
        }
        let mut sortie = match ouvrir_sortie(o.sortie.as_deref()) {
            Ok(s) => s,
            Err(e) => return inutilisable(&format!("écriture impossible : {e}")),
        };
        let texte = if o.csv {
            seuils_csv(par_annee.iter().map(|(_, s)| s))
        } else {
            par_annee.iter().flat_map(|(_, s)| s.phrases()).map(|p| p + "\n").collect()
        };
        if sortie.write_all(texte.as_bytes()).and_then(|()| sortie.flush()).is_err() {
            return inutilisable("écriture impossible");
        }
    }
    eprintln!("{}", lot.resume(0.0, debut.elapsed().as_secs_f64() * 1000.0));
    for p in lot.bilan().phrases() {
        eprintln!("{p}");
    }
    ExitCode::SUCCESS
}

fn territoires(o: &Options) -> ExitCode {
    if o.entrees.is_empty() {
        return usage("territoires attend au moins un fichier IRIS");
    }
    let mut contenus = Vec::new();
    for c in &o.entrees {
        let lu = if c == "-" {
            let mut octets = Vec::new();
            io::stdin().read_to_end(&mut octets).map(|_| octets)
        } else {
            std::fs::read(c)
        };
        match lu {
            Ok(octets) => contenus.push((c.clone(), octets)),
            Err(e) => return inutilisable(&format!("lecture de « {c} » impossible : {e}")),
        }
    }
    if let [(nom, octets)] = contenus.as_slice() {
        if est_fichier_comptes(octets) {
            return comptes(o, nom, octets);
        }
    }
    if o.etudes.is_some() {
        return usage(
            "--etudes ne vaut que pour un fichier de comptes (colonnes code et annee), pas pour des fichiers IRIS",
        );
    }
    let fichiers: Vec<Fichier> = contenus
        .iter()
        .map(|(nom, c)| Fichier { nom: nom.rsplit('/').next().unwrap_or(nom), contenu: c, annee: None })
        .collect();
    let import = match importer(&fichiers) {
        Ok(i) => i,
        Err(e) => return inutilisable(&e.to_string()),
    };
    for a in &import.avertissements {
        eprintln!("{a}");
    }
    let mut sortie = match ouvrir_sortie(o.sortie.as_deref()) {
        Ok(s) => s,
        Err(e) => return inutilisable(&format!("écriture impossible : {e}")),
    };
    if sortie.write_all(territoires_csv(&import).as_bytes()).and_then(|()| sortie.flush()).is_err() {
        return inutilisable("écriture impossible");
    }
    ExitCode::SUCCESS
}

/// Where a long counts file is, on one line of the terminal rewritten in place (a file of every
/// commune takes seconds); nothing when the error output is not a terminal (a log, a pipe).
fn montrer_progression(etape: &str, p: &Progression) -> bool {
    if io::stderr().is_terminal() {
        eprint!("\r{etape} : {}\x1b[K", p.texte);
    }
    true
}

/// Clears the progress line, when there is one.
fn effacer_progression() {
    if io::stderr().is_terminal() {
        eprint!("\r\x1b[K");
    }
}

/// A counts file: the diagnostic of every row against its reference, in raw numbers.
fn comptes(o: &Options, nom: &str, octets: &[u8]) -> ExitCode {
    let debut = std::time::Instant::now();
    let lu = lire_comptes_suivi(octets, &mut |p| montrer_progression("Lecture des territoires", p));
    effacer_progression();
    let c = match lu {
        Ok(c) => c,
        Err(e) => return inutilisable(&format!("« {nom} » : {e}")),
    };
    for a in &c.avertissements {
        eprintln!("{a}");
    }
    let mut sortie = match ouvrir_sortie(o.sortie.as_deref()) {
        Ok(s) => s,
        Err(e) => return inutilisable(&format!("écriture impossible : {e}")),
    };
    let csv = comptes_csv_suivi(&c, &mut |p| montrer_progression("Études des territoires", p));
    effacer_progression();
    if sortie.write_all(csv.as_bytes()).and_then(|()| sortie.flush()).is_err() {
        return inutilisable("écriture impossible");
    }
    if let Some(dossier) = o.etudes.as_deref() {
        if let Err(m) = ecrire_etudes(&c, nom, dossier) {
            return inutilisable(&m);
        }
    }
    eprintln!("{}, en {}.", c.resume(), duree(0.0, debut.elapsed().as_secs_f64() * 1000.0));
    ExitCode::SUCCESS
}

/// A file name from a row: its line (unique) and its code, kept to letters, digits, `-`, `_`.
fn nom_d_etude(l: &LigneComptes) -> String {
    let code: String =
        l.code.chars().take(40).map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    format!("{:06}-{code}", l.ligne)
}

/// `--etudes DOSSIER`: each row's full study as Markdown, its radar as SVG beside it.
fn ecrire_etudes(c: &Comptes, nom_fichier: &str, dossier: &str) -> Result<(), String> {
    let chemin = std::path::Path::new(dossier);
    std::fs::create_dir_all(chemin).map_err(|e| format!("dossier « {dossier} » impossible à créer : {e}"))?;
    let (mut erreur, mut vues) = (None, 0);
    let total = c.lignes.len() as u64;
    let (faites, sans) = etudes_comptes(c, &mut |l, d| {
        let nom = nom_d_etude(l);
        let svg = format!("{nom}-radar.svg");
        let source = format!("indicateurs-caf {}, ligne {} de « {nom_fichier} »", env!("CARGO_PKG_VERSION"), l.ligne);
        let md = indicateurs_caf::markdown::etude(d, Some(&svg), &[("Produite par", source)]);
        let ecrit = std::fs::write(chemin.join(&svg), &d.radar.svg)
            .and_then(|()| std::fs::write(chemin.join(format!("{nom}.md")), md));
        if let Err(e) = ecrit {
            erreur = Some(format!("écriture dans « {dossier} » impossible : {e}"));
            return false;
        }
        vues += 1;
        if vues % 1_000 == 0 {
            montrer_progression("Études complètes", &progression_sur(vues, total));
        }
        true
    });
    effacer_progression();
    if let Some(e) = erreur {
        return Err(e);
    }
    let sans = if sans == 0 {
        String::new()
    } else {
        format!(" ; {} sans ligne de référence trouvée, sans étude", format::compte(sans as u64, "ligne", "lignes"))
    };
    eprintln!(
        "{} dans « {dossier} » (Markdown et radar SVG){sans}.",
        format::compte(faites as u64, "étude écrite", "études écrites")
    );
    Ok(())
}

fn ecrire(o: &Options, texte: &str) -> ExitCode {
    let mut sortie = match ouvrir_sortie(o.sortie.as_deref()) {
        Ok(s) => s,
        Err(e) => return inutilisable(&format!("écriture impossible : {e}")),
    };
    if sortie.write_all(texte.as_bytes()).and_then(|()| sortie.flush()).is_err() {
        return inutilisable("écriture impossible");
    }
    ExitCode::SUCCESS
}

/// Refuses an output that is one of the inputs: opening it for writing would empty the input
/// before it is read.
fn sortie_distincte(o: &Options) -> Result<(), String> {
    let Some(sortie) = o.sortie.as_deref().filter(|s| *s != "-") else { return Ok(()) };
    let meme = |entree: &str| match (std::fs::canonicalize(entree), std::fs::canonicalize(sortie)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    match o.entrees.iter().find(|e| meme(e)) {
        Some(e) => Err(format!(
            "la sortie « {sortie} » est le fichier d'entrée « {e} » : elle l'effacerait ; choisissez un autre fichier"
        )),
        None => Ok(()),
    }
}

fn main() -> ExitCode {
    // Arguments that are not UTF-8 are an error, never a panic.
    let mut args: Vec<String> = Vec::new();
    for a in std::env::args_os().skip(1) {
        match a.into_string() {
            Ok(a) => args.push(a),
            Err(a) => return usage(&format!("argument « {} » illisible (pas en UTF-8)", a.to_string_lossy())),
        }
    }
    if args.iter().any(|a| a == "-h" || a == "--help") || args.is_empty() {
        print!("{AIDE}");
        return if args.is_empty() { ExitCode::from(2) } else { ExitCode::SUCCESS };
    }
    if args.iter().any(|a| a == "-V" || a == "--version") {
        println!("indicateurs-caf {}", env!("CARGO_PKG_VERSION"));
        return ExitCode::SUCCESS;
    }
    let o = match lire_options(&args).and_then(|o| sortie_distincte(&o).map(|()| o)) {
        Ok(o) => o,
        Err(m) => return usage(&m),
    };
    if o.csv && o.commande != "seuils" {
        return usage("--csv ne vaut que pour « seuils »");
    }
    if o.etudes.is_some() && o.commande != "territoires" {
        return usage("--etudes ne vaut que pour « territoires » et un fichier de comptes");
    }
    match o.commande.as_str() {
        "foyers" => foyers(&o, false),
        "seuils" => foyers(&o, true),
        "territoires" => territoires(&o),
        "modele" => ecrire(&o, &modele_comptes()),
        "generer" => {
            let mut sortie = match ouvrir_sortie(o.sortie.as_deref()) {
                Ok(s) => s,
                Err(e) => return inutilisable(&format!("écriture impossible : {e}")),
            };
            let mut texte = String::with_capacity(1 << 22);
            texte.push_str(&indicateurs_caf::lot::COLONNES.join(";"));
            texte.push('\n');
            let mut debut = 0;
            while debut < o.nombre {
                let n = (o.nombre - debut).min(50_000);
                generer_lignes(debut, n, o.graine, &mut texte);
                if sortie.write_all(texte.as_bytes()).is_err() {
                    return inutilisable("écriture impossible");
                }
                texte.clear();
                debut += n;
            }
            if sortie.write_all(texte.as_bytes()).is_err() {
                return inutilisable("écriture impossible");
            }
            let _ = sortie.flush();
            ExitCode::SUCCESS
        }
        autre => usage(&format!("commande « {autre} » inconnue")),
    }
}
