// The browser's floor for the first-result benchmark (bench/banc.mjs): the smallest page shaped
// like the household page — one HTML response, one module script, one preloaded WebAssembly
// module compiled by streaming, one call — served by the same server under the same policy.
// plancher.wasm is 34 bytes, one function `f` that returns 42 (the text format:
// `(module (func (export "f") (result i32) i32.const 42))`):
//   00 61 73 6d 01 00 00 00  01 05 01 60 00 01 7f  03 02 01 00  07 05 01 01 66 00 00
//   0a 06 01 04 00 41 2a 0b
const { instance } = await WebAssembly.instantiateStreaming(fetch(new URL("plancher.wasm", import.meta.url)));
if (instance.exports.f() === 42) performance.mark("caf:calcul");
