import { MantineProvider, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BackendProvider, type Backend } from '../api/api-context';
import { useBackendEvents } from '../api/use-backend-events';
import { Layout } from './Layout';
import { Screens } from './Screens';

const theme = createTheme({
  primaryColor: 'teal',
  // Sentence case reads more easily than capitals in status badges.
  components: { Badge: { defaultProps: { tt: 'none', fw: 600 } } },
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Ubuntu, sans-serif',
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
    </Layout>
  );
}

export function Root({ backend, queryClient = createQueryClient() }: { backend: Backend; queryClient?: QueryClient }) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="bottom-right" />
      <QueryClientProvider client={queryClient}>
        <BackendProvider backend={backend}>
          <LiveApp />
        </BackendProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}

export { theme };
