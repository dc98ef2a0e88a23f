/** Browser entry of the loader: the `.wasm` files are emitted and hashed by Vite and precached by the service worker. */
import simdUrl from './generated/core.simd.wasm?url';
import scalarUrl from './generated/core.scalar.wasm?url';
import { instantiateCore, simdSupported, type Core, type CoreFlavour } from './wasm';

let cached: Promise<Core> | undefined;

/** The app loads the SIMD build when the browser validates SIMD, otherwise the scalar build. */
export function loadCoreBrowser(flavour: CoreFlavour = simdSupported() ? 'simd' : 'scalar'): Promise<Core> {
  cached ??= instantiateCore(fetch(flavour === 'simd' ? simdUrl : scalarUrl), flavour);
  return cached;
}
