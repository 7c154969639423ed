// Loading the wasm package, once per URL for every instance of the page.

const paquets = new Map();

/** Loads (once per URL) and initialises the wasm package. */
export function charger(url) {
  if (!paquets.has(url)) {
    paquets.set(url, import(url).then(async (m) => {
      await m.default();
      return m;
    }));
  }
  return paquets.get(url);
}
