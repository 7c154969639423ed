// French typography of displayed text: no line may start with « : », « ; », « ! », « ? » or « »,
// nor end with « « ». The package writes ordinary spaces in its sentences, as the reference CAF
// study does (its golden tests compare them as such); the pages and the element make those spaces
// non-breaking when they display them. Display only: files (CSV, JSON) keep what the package wrote.

const AVANT = / ([:;!?»])/g;
const APRES = /« /g;

/** The text with the space before « : » made non-breaking (U+00A0), and the spaces before « ; ! ? » »
 *  and after « « » made narrow non-breaking (U+202F), as French typography sets them. Nothing else
 *  changes: « 10:30 », « https://… » and a space elsewhere stay as they are. */
export function insecables(texte) {
  return texte.replace(AVANT, (_, signe) => (signe === ":" ? "\u00a0" : "\u202f") + signe).replace(APRES, "«\u202f");
}

/** Sets an element's text, with French non-breaking spaces (never markup). */
export function ecrire(element, texte) {
  element.textContent = insecables(String(texte));
}
