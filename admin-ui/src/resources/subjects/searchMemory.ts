// The last search on the subjects screen, kept in memory only: a phone number or an email
// typed into the search is personal data, so it never goes into the URL or localStorage.
// Coming back from a profile shows the same results; a reload or another sign-in starts empty.

export type SearchMode = 'phone' | 'email' | 'name';

export interface SearchCriteria {
  mode: SearchMode;
  text: string;
  kind: string;
  status: string;
  service: string;
}

export const EMPTY_CRITERIA: SearchCriteria = { mode: 'phone', text: '', kind: '', status: '', service: '' };

let remembered: { staffId: string; criteria: SearchCriteria } | null = null;

export const recallSearch = (staffId: string): SearchCriteria | null =>
  remembered?.staffId === staffId ? remembered.criteria : null;

export const rememberSearch = (staffId: string, criteria: SearchCriteria | null): void => {
  remembered = criteria ? { staffId, criteria } : null;
};

/** The API filter for the criteria; null when nothing is asked yet (the screen then invites a search). */
export const toFilter = (criteria: SearchCriteria): Record<string, string> | null => {
  const filter: Record<string, string> = {};
  const text = criteria.text.trim();
  if (text) filter[criteria.mode === 'name' ? 'q' : criteria.mode] = text;
  if (criteria.kind) filter.kind = criteria.kind;
  if (criteria.status) filter.status = criteria.status;
  if (criteria.service) filter.service = criteria.service;
  return Object.keys(filter).length > 0 ? filter : null;
};

/** A guess at what was typed, to switch the mode when someone pastes an email into the phone field. */
export const guessMode = (text: string): SearchMode | null => {
  const value = text.trim();
  if (value.includes('@')) return 'email';
  if (/^\+?[\d\s\-().]{7,}$/.test(value)) return 'phone';
  return null;
};
