// Rendering helpers for component tests in jsdom: the whole app or one screen over a fixture API.
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BackendProvider, type Backend } from '../api/api-context';
import { Root } from '../shell/Root';

/** What jsdom lacks and Mantine and TanStack Virtual need. Sizes are those of a 1280x800 window. */
export function installBrowserStandIns(): void {
  window.matchMedia ??= (query: string) =>
    ({ matches: false, media: query, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false }) as MediaQueryList;
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  Element.prototype.scrollTo ??= function scrollTo(this: Element, options?: ScrollToOptions | number) {
    if (typeof options === 'object' && options.top !== undefined) this.scrollTop = options.top;
    this.dispatchEvent(new Event('scroll'));
  };
  Element.prototype.scrollIntoView ??= () => undefined;
  for (const [property, size] of [['offsetHeight', 600], ['clientHeight', 600], ['offsetWidth', 1000], ['clientWidth', 1000]] as const) {
    Object.defineProperty(HTMLElement.prototype, property, { configurable: true, get: () => size });
  }
}

export function renderApp(backend: Backend, hash = '#/') {
  installBrowserStandIns();
  window.location.hash = hash;
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(<Root backend={backend} queryClient={queryClient} />);
}

export function renderWithBackend(backend: Backend, ui: ReactNode) {
  installBrowserStandIns();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <MantineProvider>
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <BackendProvider backend={backend}>{ui}</BackendProvider>
      </QueryClientProvider>
    </MantineProvider>,
  );
}
