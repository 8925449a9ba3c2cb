import { DEFAULT_THEME, MantineProvider, createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BackendProvider, type Backend } from '../api/api-context';
import { useBackendEvents } from '../api/use-backend-events';
import { Layout } from './Layout';
import { UnsavedChangesGuard } from './unsaved-changes';
import { Screens } from './Screens';

/**
 * Mantine's palette with its two darkest shades made darker: filled buttons and badges use shade 8
 * and light badges shade 9 on shade 1, and with these every pairing reaches WCAG AA (4.5:1).
 */
function withDarkerEnd(color: MantineColorsTuple, shade8: string, shade9: string): MantineColorsTuple {
  return [...color.slice(0, 8), shade8, shade9] as unknown as MantineColorsTuple;
}

const { teal, red, orange, yellow, grape } = DEFAULT_THEME.colors;

const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 8,
  colors: {
    teal: withDarkerEnd(teal, '#087f5b', '#066649'),
    red: withDarkerEnd(red, '#c92a2a', '#a61e1e'),
    orange: withDarkerEnd(orange, '#c2410c', '#9a3412'),
    yellow: withDarkerEnd(yellow, '#a16207', '#854d0e'),
    grape: withDarkerEnd(grape, '#9c36b5', '#862e9c'),
  },
  // Sentence case reads more easily than capitals in status badges.
  components: {
    Badge: { defaultProps: { tt: 'none', fw: 600 } },
    // A link in running text must not rely on colour alone.
    Anchor: { defaultProps: { underline: 'always' } },
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    Notification: {
      defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss' } },
      styles: { description: { color: 'var(--mantine-color-dimmed)' } },
    },
    DateInput: { defaultProps: { clearButtonProps: { 'aria-label': 'Clear the date' } } },
    DatePickerInput: { defaultProps: { clearButtonProps: { 'aria-label': 'Clear the dates' } } },
  },
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Ubuntu, sans-serif',
});

/** Secondary text, placeholders and field errors dark enough to read (Mantine's give 3.3, 2.1 and 3.3:1 on white). */
const readableGrays: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#5f666d', '--mantine-color-placeholder': '#6f7780', '--mantine-color-error': 'var(--mantine-color-red-8)' },
  dark: {},
});

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 5_000 },
    },
  });
}

function LiveApp() {
  useBackendEvents();
  return (
    <Layout>
      <Screens />
      <UnsavedChangesGuard />
    </Layout>
  );
}

export function Root({ backend, queryClient = createQueryClient() }: { backend: Backend; queryClient?: QueryClient }) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={readableGrays} defaultColorScheme="light">
      {/* Not bottom-right: that is where the Save buttons of the forms are. */}
      <Notifications position="top-center" />
      <QueryClientProvider client={queryClient}>
        <BackendProvider backend={backend}>
          <LiveApp />
        </BackendProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}

export { theme };
