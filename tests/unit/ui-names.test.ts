import { describe, expect, it } from 'vitest';
import { nameAccepted, uniqueName, validateName } from '../../src/lib/schema/names';

const codes = (n: string, sib: string[] = [], kind: 'table' | 'column' | 'project' = 'table') => validateName(n, sib, kind).map((i) => i.code);

describe('validateName', () => {
  it('accepts a plain identifier with no issue', () => {
    expect(validateName('customers', ['orders'], 'table')).toEqual([]);
  });
  it('rejects empty and blank names with a reason', () => {
    const [issue] = validateName('   ', [], 'column');
    expect(issue).toMatchObject({ level: 'error', code: 'name/empty' });
    expect(issue.message).toMatch(/column needs a name/);
  });
  it('rejects duplicates case-insensitively and names the clash', () => {
    const issues = validateName('Orders', ['orders'], 'table');
    expect(issues[0].code).toBe('name/duplicate');
    expect(issues[0].message).toContain('“orders”');
    expect(nameAccepted(issues)).toBe(false);
  });
  it('warns (does not block) on reserved SQL words and unsafe characters', () => {
    expect(codes('order')).toEqual(['name/reserved']);
    expect(codes('First Name', [], 'column')).toEqual(['name/needs-quoting']);
    expect(codes('1st', [], 'column')).toEqual(['name/needs-quoting']);
    expect(validateName('1st', [], 'column')[0].message).toMatch(/digit/);
    expect(nameAccepted(validateName('<img src=x onerror=alert(1)>', [], 'table'))).toBe(true);
  });
  it('rejects control characters and overly long names', () => {
    expect(codes('a\nb')).toContain('name/control-chars');
    expect(codes('x'.repeat(64))).toContain('name/too-long');
    expect(codes('x'.repeat(63))).toEqual([]);
  });
  it('does not apply SQL rules to project names', () => {
    expect(codes('My <b>project</b>', [], 'project')).toEqual([]);
  });
});

describe('uniqueName', () => {
  it('appends the first free suffix', () => {
    expect(uniqueName('table', [])).toBe('table');
    expect(uniqueName('table', ['TABLE', 'table_2'])).toBe('table_3');
  });
});
