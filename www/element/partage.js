// The share link: a situation in the URL fragment (after #, never sent to a server), as
// base64url of its UTF-8 JSON.

export function versFragment(objet) {
  const octets = new TextEncoder().encode(JSON.stringify(objet));
  let binaire = "";
  for (const o of octets) binaire += String.fromCharCode(o);
  return btoa(binaire).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export function depuisFragment(texte) {
  const binaire = atob(texte.replaceAll("-", "+").replaceAll("_", "/"));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binaire, (c) => c.charCodeAt(0))));
}
