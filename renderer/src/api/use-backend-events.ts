import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import type { AppStatus } from '../../../app/api/contract';
import { useBackend } from './api-context';
import { queryKeys } from './query-keys';

/** Feeds the backend's events into the query cache, so every screen shows live state. */
export function useBackendEvents(): void {
  const backend = useBackend();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      backend.subscribe((event) => {
        switch (event.type) {
          case 'status':
            queryClient.setQueryData(queryKeys.status, event.status);
            // Sent after live and ADMS punches, imports and mappings: what the lists show may have moved.
            for (const queryKey of [queryKeys.punchesArrived, queryKeys.unmatched, queryKeys.admsDevices, queryKeys.devices, queryKeys.punchActivity]) {
              void queryClient.invalidateQueries({ queryKey, exact: true });
            }
            break;
          case 'progress':
            queryClient.setQueryData<AppStatus>(queryKeys.status, (old) => old && { ...old, running: true, progress: event.progress });
            break;
          case 'run-finished':
            queryClient.setQueryData<AppStatus>(queryKeys.status, (old) => old && { ...old, running: false, progress: null, lastRun: event.run });
            void queryClient.invalidateQueries();
            break;
          case 'unmatched-users':
            queryClient.setQueryData(queryKeys.unmatched, event.users);
            void queryClient.invalidateQueries({ queryKey: queryKeys.status });
            break;
          case 'error':
            notifications.show({ color: 'red', title: event.error.message, message: event.error.action, autoClose: 12_000 });
            break;
        }
      }),
    [backend, queryClient],
  );
}
