import { Alert, Button, Stack, Text } from '@mantine/core';
import { TriangleAlert } from 'lucide-react';
import type { ApiError } from '../../../../app/api/contract';
import { hrefFor } from '../../shell/router';

/**
 * Where a person fixes each kind of problem. ApiError carries no destination, so it is read from
 * the code's prefix (device-*, erpnext-*, unmatched-*, rejected-punches).
 */
function screenFor(code: string): { href: string; label: string } | null {
  if (code === 'shift-held-back') return { href: hrefFor('/punches', { state: 'pending,failed,unmatched,rejected' }), label: 'Open the punches not sent yet' };
  if (code.startsWith('device')) return { href: hrefFor('/devices'), label: 'Open Devices' };
  if (code.startsWith('erpnext') || code.startsWith('settings')) return { href: hrefFor('/settings'), label: 'Open Settings' };
  if (code.startsWith('unmatched')) return { href: hrefFor('/mapping'), label: 'Open Employee mapping' };
  if (code === 'rejected-punches') return { href: hrefFor('/punches', { state: 'rejected' }), label: 'Open refused punches' };
  return null;
}

export function AttentionList({ items }: { items: ApiError[] }) {
  if (items.length === 0) return null;
  return (
    <Stack gap="sm" aria-label="Needs your attention" role="region">
      {items.map((item, index) => {
        const destination = screenFor(item.code);
        return (
          <Alert key={`${item.code}-${index}`} color="orange" variant="light" icon={<TriangleAlert size={18} />} title={item.message}>
            <Text size="sm">{item.action}</Text>
            {destination && (
              <Button component="a" href={destination.href} size="xs" variant="white" color="orange" mt="xs">
                {destination.label}
              </Button>
            )}
          </Alert>
        );
      })}
    </Stack>
  );
}
