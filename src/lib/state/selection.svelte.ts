/** What the user has selected in the designer (one thing at a time). */
export type Selected = { kind: 'table'; id: string } | { kind: 'relationship'; id: string } | null;

class Selection {
  current = $state<Selected>(null);
  select(s: Selected) { this.current = s; }
  clear() { this.current = null; }
  is(kind: 'table' | 'relationship', id: string) { return this.current?.kind === kind && this.current.id === id; }
}

export const selection = new Selection();
