/** Node entry of the loader: reads the same build output the app ships (tests, bench, CLI). */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { instantiateCore, simdSupported, type Core, type CoreFlavour } from './wasm';

const cache = new Map<CoreFlavour, Promise<Core>>();

export function wasmPath(flavour: CoreFlavour): string {
  return fileURLToPath(new URL(`./generated/core.${flavour}.wasm`, import.meta.url));
}

/** Loads (once per flavour) the core; defaults to SIMD where the runtime supports it. */
export function loadCoreNode(flavour: CoreFlavour = simdSupported() ? 'simd' : 'scalar'): Promise<Core> {
  let p = cache.get(flavour);
  if (!p) {
    p = readFile(wasmPath(flavour)).then((bytes) => instantiateCore(bytes, flavour));
    cache.set(flavour, p);
  }
  return p;
}

/** A fresh, uncached instance (for memory-leak tests that need a clean heap). */
export async function freshCoreNode(flavour: CoreFlavour = 'simd'): Promise<Core> {
  return instantiateCore(await readFile(wasmPath(flavour)), flavour);
}
