// Before an ADMS port is saved: what it opens, on which of this computer's addresses.
import { Alert, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Network } from 'lucide-react';
import { useBackend } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';

export interface AdmsPortNoticeProps {
  saved: number | null;
  typed: number | string;
  /** The typed port passes the form's checks. */
  valid: boolean;
}

export function AdmsPortNotice({ saved, typed, valid }: AdmsPortNoticeProps) {
  const backend = useBackend();
  const port = typed === '' ? null : Number(typed);
  const reach = useQuery({ queryKey: queryKeys.admsReach, queryFn: () => backend.admsReach(), enabled: port !== null });
  if (port === null || port === saved || !valid || !reach.data) return null;
  const at = reach.data.addresses.map((address) => `${address}:${port}`).join(', ');
  if (!reach.data.everyInterface) {
    return (
      <Alert color="blue" variant="light" icon={<Network size={18} />} title={`Saving opens port ${port} on this computer only`}>
        <Text size="sm">Demo mode opens nothing to the network: the receiver answers at {at}.</Text>
      </Alert>
    );
  }
  return (
    <Alert color="orange" variant="light" icon={<Network size={18} />} title={`Saving opens port ${port} to your network`}>
      <Text size="sm">
        Punchbridge will listen on every network interface of this computer, so terminals (and anything else on the network) can reach it at{' '}
        {at || `port ${port}`}. Only terminals you approve on the Devices page are kept. Set the same address and port as the server on each terminal.
      </Text>
    </Alert>
  );
}
