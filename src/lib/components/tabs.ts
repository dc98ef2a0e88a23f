/** The project view's tabs, in order, with their accessible names. */
export const TABS = [
  { id: 'schema', label: 'Schema' },
  { id: 'relationships', label: 'Relationships' },
  { id: 'data', label: 'Synthetic Data' }
] as const;
export type TabId = (typeof TABS)[number]['id'];
