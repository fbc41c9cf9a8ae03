/**
 * react-admin asks for page n; a keyset-paginated API wants "the seq to continue before".
 * This remembers, per query (filter and page size), the cursor each page starts at: page 1
 * starts at the top, page n + 1 at the `X-Next-Before` that page n answered with.
 */
export class KeysetCursors {
  private readonly byQuery = new Map<string, Map<number, number>>();

  /** The cursor page `page` starts at: undefined for page 1, null when it is not known yet. */
  get(query: string, page: number): number | undefined | null {
    if (page <= 1) return undefined;
    return this.byQuery.get(query)?.get(page) ?? null;
  }

  /** Records where the page after `page` starts (null: there is no next page). */
  recordNext(query: string, page: number, nextBefore: number | null): void {
    let pages = this.byQuery.get(query);
    if (!pages) {
      pages = new Map();
      this.byQuery.set(query, pages);
    }
    if (nextBefore === null) pages.delete(page + 1);
    else pages.set(page + 1, nextBefore);
  }

  clear(): void {
    this.byQuery.clear();
  }
}

/** A datetime-local value ("2026-11-22T15:04") is local time; the API wants ISO 8601 with a zone. */
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

export const toIsoInstant = (value: unknown): unknown => {
  if (typeof value !== 'string' || !LOCAL_DATE_TIME.test(value)) return value;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
};
