/** Generation from the schema alone, mixed projects, cycles, and the linking building blocks. */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsvText } from '../../src/lib/schema/csv';
import { parseSdvMetadata } from '../../src/lib/schema/formats/sdv-metadata';
import { parseDatetime } from '../../src/lib/schema/datetime';
import { AppError, type ColumnarTable, type SdvMetadata } from '../../src/lib/schema/model';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import type { Core } from '../../src/lib/engine/wasm';
import { fitMulti, sampleMulti } from '../../src/lib/engine/multi';
import { enforceTotal } from '../../src/lib/engine/multi/counts';
import { assignParents } from '../../src/lib/engine/multi/assign';
import { seededRng } from '../../src/lib/engine/transformers/rng';
import { badPrimaryKeys, col, danglingPerRelationship, rows } from '../fixtures/multi/checks';

let core: Core;
beforeAll(async () => { core = await loadCoreNode(); });

const LIBRARY: SdvMetadata = {
  METADATA_SPEC_VERSION: 'V1',
  tables: {
    authors: { primary_key: 'author_id', columns: { author_id: { sdtype: 'id' }, email: { sdtype: 'email' }, born: { sdtype: 'datetime' }, rating: { sdtype: 'numerical' }, genre: { sdtype: 'categorical' } } },
    books: { primary_key: 'book_id', columns: { book_id: { sdtype: 'id' }, author_id: { sdtype: 'id' }, price: { sdtype: 'numerical', computer_representation: 'Float' }, pages: { sdtype: 'numerical', computer_representation: 'Int64' }, in_print: { sdtype: 'boolean' } } },
    loans: { primary_key: 'loan_id', columns: { loan_id: { sdtype: 'id' }, book_id: { sdtype: 'id' }, member: { sdtype: 'name' } } }
  },
  relationships: [
    { parent_table_name: 'authors', parent_primary_key: 'author_id', child_table_name: 'books', child_foreign_key: 'author_id' },
    { parent_table_name: 'books', parent_primary_key: 'book_id', child_table_name: 'loans', child_foreign_key: 'book_id' }
  ]
};

describe('schema-only generation', () => {
  it('generates every table from declared types, hints and cardinality settings', async () => {
    const model = await fitMulti(core, {}, LIBRARY, {
      rows: { authors: 40 },
      hints: {
        authors: { born: { min: '01/01/1950', max: '31/12/1999', datetime_format: '%d/%m/%Y' }, rating: { min: 1, max: 5, decimals: 1 }, genre: { categories: ['crime', 'poetry'] } },
        books: { book_id: { regex_format: 'BK-[0-9]{5}' }, price: { min: 5, max: 50 } }
      },
      cardinality: { 'books.author_id->authors': { min: 1, max: 4, mean: 2 } }
    });
    const s = await sampleMulti(core, model, { seed: 3 });
    expect(rows(s.authors)).toBe(40);
    expect(rows(s.books)).toBe(80); // 40 × mean 2
    expect(rows(s.loans)).toBe(240); // default mean 3
    expect(Object.values(danglingPerRelationship(LIBRARY, s))).toEqual([0, 0]);
    expect(badPrimaryKeys(LIBRARY, s)).toEqual([]);
    const perAuthor = new Map<string | null, number>();
    for (const a of col(s.books, 'author_id')) perAuthor.set(a, (perAuthor.get(a) ?? 0) + 1);
    expect(perAuthor.size).toBe(40); // min 1: every author has a book
    expect(Math.max(...perAuthor.values())).toBeLessThanOrEqual(4);
    expect(col(s.books, 'book_id').every((v) => /^BK-\d{5}$/.test(v!))).toBe(true);
    expect(col(s.authors, 'email').every((v) => /^[^@\s]+@[^@\s]+\.[a-z]+$/i.test(v!))).toBe(true);
    for (const v of col(s.authors, 'born')) {
      const ms = parseDatetime(v!, '%d/%m/%Y');
      expect(ms).not.toBeNull();
      expect(ms!).toBeGreaterThanOrEqual(Date.UTC(1950, 0, 1));
      expect(ms!).toBeLessThanOrEqual(Date.UTC(1999, 11, 31));
    }
    expect(col(s.authors, 'rating').every((v) => /^\d\.\d$/.test(v!) && +v! >= 1 && +v! <= 5)).toBe(true);
    expect(new Set(col(s.authors, 'genre'))).toEqual(new Set(['crime', 'poetry']));
    expect(col(s.books, 'price').every((v) => /^\d+\.\d\d$/.test(v!) && +v! >= 5 && +v! <= 50)).toBe(true);
    expect(col(s.books, 'pages').every((v) => /^\d+$/.test(v!))).toBe(true);
    expect(new Set(col(s.books, 'in_print'))).toEqual(new Set(['true', 'false']));
  });

  it('rejects impossible hints and cardinalities with typed errors naming the column', async () => {
    await expect(fitMulti(core, {}, LIBRARY, { hints: { books: { price: { min: 9, max: 1 } } } })).rejects.toMatchObject({ code: 'multi/bad-hint', message: expect.stringContaining('books.price') });
    await expect(fitMulti(core, {}, LIBRARY, { cardinality: { 'authors->books': { min: 3, mean: 2 } } })).rejects.toMatchObject({ code: 'multi/bad-cardinality' });
  });

  it('works in a mixed project: world with languages and states given by the metadata only', async () => {
    const dir = new URL('../fixtures/data/world/', import.meta.url);
    const meta = parseSdvMetadata(readFileSync(new URL('metadata.sdv.json', dir), 'utf8'), 'world').metadata;
    const data: Record<string, ColumnarTable | undefined> = {};
    for (const t of ['continents', 'countries', 'country_languages']) data[t] = parseCsvText(readFileSync(new URL(`${t}.csv`, dir), 'utf8'), `${t}.csv`);
    const model = await fitMulti(core, data, meta, { seed: 1 });
    const languagesReferenced = new Set(col(data.country_languages!, 'language_code')).size;
    expect(model.tables.languages.rows).toBe(languagesReferenced);
    expect(model.edges['country_languages.language_code->languages'].count.kind).toBe('empirical');
    expect(model.edges['states.country_cca2->countries'].count.kind).toBe('declared');
    const s = await sampleMulti(core, model, { seed: 1 });
    expect(rows(s.languages)).toBe(languagesReferenced);
    expect(rows(s.states)).toBe(750); // 250 countries × default mean 3
    expect(Object.values(danglingPerRelationship(meta, s))).toEqual([0, 0, 0, 0]);
    expect(badPrimaryKeys(meta, s)).toEqual([]);
  });
});

describe('cycles', () => {
  const cyc = (): SdvMetadata => ({
    METADATA_SPEC_VERSION: 'V1',
    tables: {
      teams: { primary_key: 'id', columns: { id: { sdtype: 'id' }, captain_id: { sdtype: 'id' } } },
      players: { primary_key: 'id', columns: { id: { sdtype: 'id' }, team_id: { sdtype: 'id' }, skill: { sdtype: 'numerical' } } }
    },
    relationships: [
      { parent_table_name: 'teams', parent_primary_key: 'id', child_table_name: 'players', child_foreign_key: 'team_id' },
      { parent_table_name: 'players', parent_primary_key: 'id', child_table_name: 'teams', child_foreign_key: 'captain_id' }
    ]
  });

  it('rejects a cycle without a nullable FK before any work, naming the tables', async () => {
    const progress: string[] = [];
    const err = await fitMulti(core, {}, cyc(), {}, { onProgress: (p) => { progress.push(p.step); } }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('schema/cycle');
    expect(err.message).toMatch(/teams/);
    expect(err.message).toMatch(/players/);
    expect(progress).toEqual([]);
  });

  it('breaks a cycle at a nullable FK and fills it after all tables exist', async () => {
    const model = await fitMulti(core, {}, cyc(), { nullable: ['teams.captain_id'], rows: { teams: 10 } });
    const s = await sampleMulti(core, model, { seed: 2 });
    expect(rows(s.teams)).toBe(10);
    expect(Object.values(danglingPerRelationship(cyc(), s))).toEqual([0, 0]);
    expect(col(s.teams, 'captain_id').filter((v) => v !== null).length).toBe(10);
  });
});

describe('one-to-one', () => {
  it('keeps a FK that is also the primary key unique (at most one child per parent), with and without relationships', async () => {
    const r = seededRng(5);
    const users = Array.from({ length: 120 }, (_, i) => [String(i + 1), String(18 + Math.floor(r.nextFloat() * 60))]);
    const prof = users.filter(() => r.nextFloat() < 0.7).map((u) => [u[0], (Number(u[1]) * 10 + r.nextFloat() * 50).toFixed(1)]);
    const t = (names: string[], rs: string[][]): ColumnarTable => ({ names, columns: names.map((_, c) => rs.map((x) => x[c])) });
    const meta: SdvMetadata = {
      METADATA_SPEC_VERSION: 'V1',
      tables: { users: { primary_key: 'id', columns: { id: { sdtype: 'id' }, age: { sdtype: 'numerical' } } }, profiles: { primary_key: 'user_id', columns: { user_id: { sdtype: 'id' }, score: { sdtype: 'numerical' } } } },
      relationships: [{ parent_table_name: 'users', parent_primary_key: 'id', child_table_name: 'profiles', child_foreign_key: 'user_id' }]
    };
    const model = await fitMulti(core, { users: t(['id', 'age'], users), profiles: t(['user_id', 'score'], prof) }, meta);
    for (const include_relationships of [true, false]) {
      const s = await sampleMulti(core, model, { seed: 1, scale: 2, include_relationships });
      expect(rows(s.users)).toBe(240);
      expect(rows(s.profiles)).toBe(prof.length * 2);
      expect(badPrimaryKeys(meta, s)).toEqual([]);
      expect(Object.values(danglingPerRelationship(meta, s))).toEqual([0]);
    }
  });
});

describe('linking building blocks', () => {
  it('enforceTotal hits the target inside [min, max] and keeps the shape', () => {
    const raw = Float64Array.from({ length: 1000 }, (_, i) => (i % 10) * 1.3);
    const c = enforceTotal(raw, 0, 12, 8000, seededRng(1));
    expect(c.reduce((a, b) => a + b, 0)).toBe(8000);
    expect(Math.min(...c)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...c)).toBeLessThanOrEqual(12);
    const zeros = c.filter((v) => v === 0).length;
    expect(zeros).toBeGreaterThan(50); // rows at 0 mostly stay at 0 (steps go ∝ count)
    const capped = enforceTotal([5, 5, 5], 0, 6, 100, seededRng(1));
    expect(Array.from(capped)).toEqual([6, 6, 6]);
  });

  it('assignParents never exceeds capacities when they suffice and keeps pairs distinct', () => {
    const P = 20, N = 200;
    const capacity = Int32Array.from({ length: P }, (_, p) => (p < 10 ? 15 : 5));
    const group = Int32Array.from({ length: N }, (_, i) => Math.floor(i / 4));
    const out = assignParents({ rows: Array.from({ length: N }, (_, i) => i), childRows: N, parents: P, capacity, group }, seededRng(3));
    const used = new Int32Array(P);
    const pairs = new Set<string>();
    out.forEach((p, i) => { expect(p).toBeGreaterThanOrEqual(0); used[p]++; pairs.add(`${group[i]}:${p}`); });
    used.forEach((u, p) => expect(u).toBeLessThanOrEqual(capacity[p]));
    expect(pairs.size).toBe(N);
  });
});
