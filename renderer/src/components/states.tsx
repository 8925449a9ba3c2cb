// The loading, error and empty states every screen shares.
import type { ReactNode } from 'react';
import { Alert, Button, Center, EmptyState, Group, Loader, Stack, Text } from '@mantine/core';
import { CircleAlert, Inbox, RotateCw } from 'lucide-react';
import type { ApiError } from '../../../app/api/contract';
import { toApiError } from '../api/api-context';

export function LoadingState({ label }: { label: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed">{label}</Text>
      </Group>
    </Center>
  );
}

export function ErrorState({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const problem: ApiError = toApiError(error);
  return (
    <Alert color="red" variant="light" icon={<CircleAlert size={18} />} title={title ?? problem.message} role="alert">
      <Stack gap="xs">
        {title && <Text size="sm">{problem.message}</Text>}
        <Text size="sm">{problem.action}</Text>
        {onRetry && (
          <Group>
            <Button size="xs" variant="white" color="red" leftSection={<RotateCw size={14} />} onClick={onRetry}>
              Try again
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

export function ApiErrorAlert({ error, title }: { error: ApiError; title?: string }) {
  return (
    <Alert color="red" variant="light" icon={<CircleAlert size={18} />} title={title ?? error.message} role="alert">
      {title && <Text size="sm">{error.message}</Text>}
      <Text size="sm">{error.action}</Text>
    </Alert>
  );
}

export function EmptyMessage({ title, description, icon, children }: { title: string; description?: ReactNode; icon?: ReactNode; children?: ReactNode }) {
  return (
    <EmptyState py="xl" title={title} description={description} icon={icon ?? <Inbox size={28} />} withIndicatorBackground>
      {children && <EmptyState.Actions>{children}</EmptyState.Actions>}
    </EmptyState>
  );
}
