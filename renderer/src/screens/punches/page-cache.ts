// Pages of the punch list fetched as the user scrolls. Only a bounded number of pages is kept, so
// scrolling through 100,000 punches holds a few thousand rows at a time.
import type { Punch, PunchPage } from '../../../../app/api/contract';

export interface PageCacheOptions {
  pageSize: number;
  /** Pages kept in memory; the least recently used beyond this are dropped. */
  maxPages: number;
  fetchPage: (offset: number, limit: number) => Promise<PunchPage>;
  onChange: () => void;
}

export class PunchPageCache {
  /** null until the first page answers. */
  total: number | null = null;
  error: unknown = null;
  private readonly pages = new Map<number, Punch[]>();
  private readonly loading = new Set<number>();
  private disposed = false;
  /** The rows the table last asked for, re-fetched by refresh(). */
  private shown = { first: 0, last: 0 };

  constructor(private readonly options: PageCacheOptions) {}

  get loadedPages(): number {
    return this.pages.size;
  }

  getRow(index: number): Punch | undefined {
    return this.pages.get(Math.floor(index / this.options.pageSize))?.[index % this.options.pageSize];
  }

  /** Make sure rows first..last (inclusive) are loaded or loading, and keep them from eviction. */
  ensureRange(first: number, last: number): void {
    this.shown = { first, last };
    const { pageSize } = this.options;
    const firstPage = Math.floor(Math.max(0, first) / pageSize);
    const lastPage = Math.floor(Math.max(first, last) / pageSize);
    for (let page = firstPage; page <= lastPage; page++) {
      const rows = this.pages.get(page);
      if (rows) {
        // Re-insert: a Map iterates in insertion order, so the front is the least recently used.
        this.pages.delete(page);
        this.pages.set(page, rows);
      } else if (!this.loading.has(page) && (this.total === null || page * pageSize < this.total || page === 0)) {
        void this.load(page, firstPage, lastPage);
      }
    }
  }

  /**
   * New data arrived (a live punch, an import): fetch the rows on screen again in place, so the
   * table keeps its scroll position and shows the old rows until the new ones answer.
   */
  refresh(): void {
    const { pageSize } = this.options;
    const firstPage = Math.floor(Math.max(0, this.shown.first) / pageSize);
    const lastPage = Math.floor(Math.max(this.shown.first, this.shown.last) / pageSize);
    for (const page of [...this.pages.keys()]) if (page < firstPage || page > lastPage) this.pages.delete(page);
    for (let page = firstPage; page <= lastPage; page++) if (!this.loading.has(page)) void this.load(page, firstPage, lastPage);
  }

  /** Stops late answers from touching a cache the table no longer shows. */
  dispose(): void {
    this.disposed = true;
  }

  private async load(page: number, keepFrom: number, keepTo: number): Promise<void> {
    this.loading.add(page);
    try {
      const result = await this.options.fetchPage(page * this.options.pageSize, this.options.pageSize);
      if (this.disposed) return;
      this.total = result.total;
      this.error = null;
      this.pages.set(page, result.rows);
      this.evict(keepFrom, keepTo);
    } catch (error) {
      if (this.disposed) return;
      this.error = error;
    } finally {
      this.loading.delete(page);
    }
    this.options.onChange();
  }

  private evict(keepFrom: number, keepTo: number): void {
    for (const page of this.pages.keys()) {
      if (this.pages.size <= this.options.maxPages) return;
      if (page >= keepFrom && page <= keepTo) continue;
      this.pages.delete(page);
    }
  }
}
