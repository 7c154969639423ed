// The element's styles, as constructed stylesheets (no inline <style>: the element runs under
// `style-src 'self'`). One part per concern; the host page themes them through the --caf-*
// custom properties of :host.

/** Layout, fields, buttons, announcements: both views. */
export const CSS_BASE = `
:host {
  --caf-couleur: #000091;
  --caf-texte: #161616;
  --caf-fond: #ffffff;
  --caf-fond-doux: #f6f6f6;
  --caf-bordure: #929292;
  --caf-erreur: #ce0500;
  --caf-alerte: #b34000;
  --caf-police: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  --caf-rayon: 4px;
  display: block;
  container-type: inline-size;
  font-family: var(--caf-police);
  color: var(--caf-texte);
  background: var(--caf-fond);
  line-height: 1.5;
}
:host([hidden]) { display: none; }
[hidden] { display: none !important; }
* { box-sizing: border-box; }
.colonnes { display: grid; grid-template-columns: 1fr; gap: 1.5rem; }
@container (min-width: 46rem) { .colonnes { grid-template-columns: minmax(17rem, 25rem) 1fr; } }
fieldset { border: 1px solid var(--caf-bordure); border-radius: var(--caf-rayon); margin: 0 0 1rem; padding: .5rem 1rem 1rem; min-width: 0; }
legend { font-weight: 700; padding: 0 .25rem; }
.champ { display: flex; flex-direction: column; margin: .4rem 0; }
label { font-size: .95rem; }
input, select, button { font: inherit; }
input:not([type]), input[inputmode], input[type="text"], select {
  padding: .35rem .5rem; border: 1px solid var(--caf-bordure); border-radius: var(--caf-rayon);
  background: var(--caf-fond); color: var(--caf-texte); max-width: 100%; min-width: 0;
}
.champ > input, .champ > select { width: 100%; }
[aria-invalid="true"] { border: 2px solid var(--caf-erreur) !important; }
:focus-visible { outline: 3px solid #0a76f6; outline-offset: 2px; }
button { background: var(--caf-couleur); color: #fff; border: 1px solid var(--caf-couleur); border-radius: var(--caf-rayon); padding: .4rem .8rem; cursor: pointer; }
button.secondaire { background: var(--caf-fond); color: var(--caf-couleur); }
button:disabled { opacity: .5; cursor: default; }
.actions { display: flex; gap: .5rem; flex-wrap: wrap; align-items: center; margin: .5rem 0; }
.erreur { color: var(--caf-erreur); margin: .15rem 0 0; font-size: .9rem; }
.erreur:empty { display: none; }
.aide { font-size: .9rem; color: #3a3a3a; }
.annonce { font-weight: 600; padding: .6rem .9rem; border-left: 4px solid var(--caf-couleur); background: var(--caf-fond-doux); }
.annonce:empty { display: none; }
.annonce.erreur-annonce { border-left-color: var(--caf-erreur); color: var(--caf-erreur); }
.avertissements { color: var(--caf-alerte); padding-left: 1.25rem; }
.avertissements:empty { display: none; }
.visuellement-cache { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;

/** The household view: verdicts first, persons, figures, share link, family sheet (hidden on screen). */
export const CSS_FOYER = `
.colonnes.foyer { display: block; }
.colonnes.foyer > * + * { margin-top: 1.25rem; }
/* On a phone the answers stay in view while typing: sticky at the top of the element. */
.verdicts { position: sticky; top: 0; z-index: 1; background: var(--caf-fond); padding: .4rem 0 .5rem; border-bottom: 1px solid var(--caf-bordure); }
.titre-verdicts { font-size: 1rem; margin: 0 0 .3rem; }
.liste-verdicts { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem .4rem; }
.verdict { border: 1px solid; border-radius: var(--caf-rayon); padding: .1rem .5rem; font-size: .9rem; line-height: 1.4; }
.verdict-detail { display: none; }
.etat-alerte { background: #fee9e7; border-color: #ce0500; color: #7d0b0b; }
.etat-attention { background: #fff4e0; border-color: #b34000; color: #6b2a00; }
.etat-favorable { background: #e6f6ec; border-color: #18753c; color: #0f5229; }
.etat-neutre { background: #f0f0f0; border-color: #929292; color: #2b2b2b; }
@container (min-width: 46rem) {
  .colonnes.foyer { display: grid; grid-template-columns: minmax(17rem, 25rem) minmax(0, 1fr); grid-template-areas: "verdicts verdicts" "form resultats"; gap: 1.25rem 1.5rem; }
  .colonnes.foyer > * + * { margin-top: 0; }
  .colonnes.foyer > .verdicts { grid-area: verdicts; position: static; border-bottom: 0; padding: 0; }
  .colonnes.foyer > form { grid-area: form; }
  .colonnes.foyer > .resultats { grid-area: resultats; }
  .liste-verdicts { flex-direction: column; }
  .verdict-detail { display: inline; }
}
.detail-chiffres > summary { font-weight: 600; }
.erreur.alerte-champ { color: var(--caf-alerte); }
.personnes { padding-left: 1.5rem; margin: 0; }
.personne { display: grid; grid-template-columns: minmax(0, 1fr) 5.5rem; gap: 0 .75rem; border-bottom: 1px solid var(--caf-fond-doux); padding: .25rem 0 .5rem; }
.personne > * { min-width: 0; }
.personne .options { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
.personne .retirer { align-self: end; justify-self: start; }
.personne .erreur { grid-column: 1 / -1; }
dl { margin: 0; }
.figure { border-bottom: 1px solid var(--caf-fond-doux); padding: .45rem 0; }
.figure dt { font-weight: 600; }
.figure dd { margin: 0; }
.valeur { font-size: 1.2rem; font-variant-numeric: tabular-nums; }
.explication { margin: .1rem 0 0; font-size: .9rem; color: #3a3a3a; }
.lien { width: 100%; font-size: .85rem; }
.fiche { display: none; }
`;

/** The territory view: study sections, tables, input table, radar. */
export const CSS_DIAGNOSTIC = `
.etude-section { margin: 1.25rem 0; }
.etude-section h3 { color: var(--caf-couleur); border-bottom: 2px solid var(--caf-couleur); padding-bottom: .2rem; margin-bottom: .4rem; }
.phrase { margin: .25rem 0; }
.tableau-defilant { overflow-x: auto; }
.tableau { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .4rem 0; }
.tableau caption { text-align: left; font-style: italic; }
.tableau th, .tableau td { border: 1px solid #ccc; padding: .2rem .4rem; vertical-align: top; }
.tableau thead th { background: var(--caf-fond-doux); }
.tableau tbody th { text-align: left; font-weight: normal; }
.nombre { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.notes { font-size: .85rem; color: #555; }
.table-saisie { border-collapse: collapse; width: 100%; font-size: .88rem; }
.table-saisie th, .table-saisie td { border-bottom: 1px solid #eee; padding: .15rem .3rem; text-align: left; }
.table-saisie input { width: 7.5rem; }
.cle { font-family: ui-monospace, monospace; font-size: .78rem; color: #555; display: block; }
details > summary { cursor: pointer; margin: .5rem 0; font-weight: 600; }
.radar { margin: 1rem 0; }
.radar svg { max-width: 100%; height: auto; }
.radar figcaption { font-size: .9rem; }
.listes-radar { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: .2rem 1.5rem; }
.listes-radar h3 { font-size: 1rem; margin: .6rem 0 .2rem; }
.listes-radar ul { margin: 0; padding-left: 1.1rem; }
.titre-etude { border: 1px solid #ccc; border-left: 4px solid var(--caf-couleur); padding: .4rem .7rem; margin: .6rem 0; }
.titre-etude .titre { font-size: 1.15rem; font-weight: 700; margin: 0 0 .3rem; }
.titre-etude dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: .1rem .6rem; font-size: .9rem; }
.titre-etude dt { font-weight: 600; }
.titre-etude dd { margin: 0; }
`;

/** Print: the family sheet or the study, without the form. */
export const CSS_IMPRESSION = `
@media print {
  :host { font-size: 9pt; line-height: 1.3; }
  form, .actions, .saisie, .annonce, .ecran { display: none !important; }
  .fiche { display: block; }
  .fiche h2 { font-size: 13pt; margin: 0 0 .2rem; }
  .fiche h3 { font-size: 10pt; margin: .5rem 0 .2rem; }
  .fiche p { margin: .15rem 0; }
  .fiche dl.recap { columns: 2; column-gap: 1.2rem; }
  .fiche dl.recap > div { break-inside: avoid; }
  .fiche dl.recap dt { font-weight: 600; display: inline; }
  .fiche dl.recap dt::after { content: " : "; }
  .fiche dl.recap dd { margin: 0; display: inline; }
  .fiche .liste-verdicts { flex-direction: row; }
  .fiche .verdict { font-size: 7.5pt; }
  .fiche .verdict-detail { display: none; }
  .fiche .notes-fiche { border: 1px solid #777; height: 2.2cm; }
  .fiche dl.figures-fiche { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1rem; }
  .fiche .figure { padding: .1rem 0; break-inside: avoid; border: 0; }
  .fiche .figure dt { display: inline; }
  .fiche .figure dd { display: inline; margin-left: .3rem; }
  .fiche .valeur { font-size: 9pt; font-weight: 700; }
  .fiche .explication { font-size: 7pt; margin: 0; }
  .fiche ul { margin: .1rem 0; padding-left: 1rem; font-size: 7.5pt; }
  .titre-etude { break-inside: avoid; margin-top: 0; }
  .titre-etude .titre { font-size: 14pt; }
  .etude-section { margin: .6rem 0; }
  .etude-section h3, .phrase, .tableau caption { break-after: avoid; }
  .etude-section h3 { font-size: 11pt; }
  .tableau-defilant { overflow: visible; }
  .tableau { font-size: 8pt; break-inside: auto; }
  .tableau tr, .notes li { break-inside: avoid; }
  .tableau thead { display: table-header-group; }
  .radar { break-before: page; break-inside: avoid; }
  .radar svg { max-height: 15cm; }
  /* On paper the two lists carry the radar's words; the per-axis text alternative stays on screen. */
  .radar figcaption ul { display: none; }
}
`;

let feuille;

/** The one stylesheet shared by every instance of the element. */
export function feuilleDeStyle() {
  if (!feuille) {
    feuille = new CSSStyleSheet();
    feuille.replaceSync([CSS_BASE, CSS_FOYER, CSS_DIAGNOSTIC, CSS_IMPRESSION].join("\n"));
  }
  return feuille;
}
