// A fresh install's empty lists: they are empty because there is no device yet, not because all is
// well or a sync is due. Says so, with the way to add one.
import { Button } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Cpu } from 'lucide-react';
import { useBackend } from '../api/api-context';
import { queryKeys } from '../api/query-keys';
import { hrefFor } from '../shell/router';
import { EmptyMessage } from './states';

/** False only once the status has said there is no device (unknown counts as set up). */
export function useHasDevices(): boolean {
  const backend = useBackend();
  const status = useQuery({ queryKey: queryKeys.status, queryFn: () => backend.getStatus() });
  return status.data?.devicesConfigured ?? true;
}

export function NoDevicesYet({ what }: { what: string }) {
  return (
    <EmptyMessage title="No devices yet" description={`${what} appear here once a device is added and read.`} icon={<Cpu size={28} />}>
      <Button component="a" href={hrefFor('/devices', { add: '1' })} variant="light">
        Add a device
      </Button>
    </EmptyMessage>
  );
}
