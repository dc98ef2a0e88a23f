/**
 * The one loader of the AssemblyScript core. Environment-agnostic: give it the module bytes
 * (Node: read from disk, see wasm-node.ts) or a fetch Response (browser worker, see wasm-browser.ts).
 * Both paths instantiate the very same `.wasm` build output.
 */

/** Raw exports of assembly/index.ts. Pointers are byte offsets into `memory`. */
export interface CoreExports {
  memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  free(ptr: number): void;
  memoryBytes(): number;
  RNG_STATE_BYTES: WebAssembly.Global;
  rngSeed(state: number, seed: number): void;
  rngJump(state: number): void;
  rngFillUniform(state: number, out: number, n: number): void;
  rngFillNormal(state: number, out: number, n: number): void;
  momentsReset(acc: number): void;
  momentsAccumulate(acc: number, ptr: number, n: number): void;
  // Later modules add their kernels here; index signature keeps the loader generic.
  [name: string]: unknown;
}

export type CoreFlavour = 'simd' | 'scalar';

/** A typed error raised by the engine (never a bare string). */
export class EngineError extends Error {
  constructor(public readonly code: string, message: string, public readonly details?: Record<string, unknown>) {
    super(message);
    this.name = 'EngineError';
  }
}

/** Reads an AssemblyScript string (UTF-16, byte length stored at ptr − 4). */
function readAsString(memory: WebAssembly.Memory, ptr: number): string {
  if (!ptr) return '';
  const bytes = new Uint32Array(memory.buffer, ptr - 4, 1)[0];
  return String.fromCharCode(...new Uint16Array(memory.buffer, ptr, bytes >>> 1));
}

function imports(getMemory: () => WebAssembly.Memory): WebAssembly.Imports {
  return {
    env: {
      abort(msg: number, file: number, line: number, col: number) {
        const m = getMemory();
        throw new EngineError('wasm/abort', `WASM core aborted: ${readAsString(m, msg)} at ${readAsString(m, file)}:${line}:${col}`);
      }
    }
  };
}

/**
 * Wraps the exports with safe helpers. Views on linear memory are re-created on every call because
 * `memory.grow` detaches the previous ArrayBuffer.
 */
export class Core {
  constructor(public readonly exports: CoreExports, public readonly flavour: CoreFlavour) {}

  /** A Float64Array view of `n` doubles at `ptr` — valid until the next call that may allocate. */
  f64(ptr: number, n: number): Float64Array {
    return new Float64Array(this.exports.memory.buffer, ptr, n);
  }

  /** Allocates room for `n` doubles. Free it with `free`. */
  allocF64(n: number): number {
    const ptr = this.exports.alloc(Math.max(8, n * 8));
    if (!ptr) throw new EngineError('wasm/oom', `Could not allocate ${n} doubles in WASM memory`);
    return ptr;
  }

  /** Copies `values` into a freshly allocated buffer and returns its pointer. */
  copyIn(values: ArrayLike<number>): number {
    const ptr = this.allocF64(values.length);
    this.f64(ptr, values.length).set(values);
    return ptr;
  }

  free(ptr: number): void {
    if (ptr) this.exports.free(ptr);
  }

  /** Runs `fn` with temporary buffers that are always freed, even on error. */
  withBuffers<T>(sizes: number[], fn: (...ptrs: number[]) => T): T {
    const ptrs: number[] = [];
    try {
      for (const n of sizes) ptrs.push(this.allocF64(n));
      return fn(...ptrs);
    } finally {
      for (const p of ptrs) this.free(p);
    }
  }

  /** A new seeded random stream (free it with `free`). */
  newRng(seed: number): number {
    const bytes = Number(this.exports.RNG_STATE_BYTES.value);
    const st = this.exports.alloc(bytes);
    this.exports.rngSeed(st, seed);
    return st;
  }

  get memoryBytes(): number {
    return this.exports.memoryBytes();
  }
}

/** Instantiates the core from bytes or a (promise of a) fetch Response. */
export async function instantiateCore(
  source: BufferSource | Response | Promise<Response>,
  flavour: CoreFlavour
): Promise<Core> {
  let memory: WebAssembly.Memory | undefined;
  const imp = imports(() => memory!);
  let instance: WebAssembly.Instance;
  if (source instanceof Response || source instanceof Promise) {
    const resp = await source;
    if (!resp.ok) throw new EngineError('wasm/fetch', `Could not load the WASM engine (${resp.status})`);
    if (typeof WebAssembly.instantiateStreaming === 'function' && resp.headers.get('content-type')?.includes('application/wasm')) {
      instance = (await WebAssembly.instantiateStreaming(resp, imp)).instance;
    } else {
      instance = (await WebAssembly.instantiate(await resp.arrayBuffer(), imp)).instance;
    }
  } else {
    instance = (await WebAssembly.instantiate(source, imp)).instance;
  }
  const exports = instance.exports as unknown as CoreExports;
  memory = exports.memory;
  return new Core(exports, flavour);
}

/** True when this JS engine validates a module that uses WASM SIMD (v128). */
export function simdSupported(): boolean {
  // (module (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt))
  const probe = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);
  try {
    return WebAssembly.validate(probe);
  } catch {
    return false;
  }
}
