import { Card, Stack, Switch, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Preferences } from '../../../../app/api/contract';
import { useBackend } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';

const SWITCHES: { key: keyof Preferences; label: string; description: string }[] = [
  { key: 'startAtLogin', label: 'Start Punchbridge when I sign in', description: 'So punches keep flowing without anyone opening it' },
  { key: 'startMinimised', label: 'Start in the tray', description: 'Open without showing this window' },
  { key: 'closeToTray', label: 'Keep running when the window is closed', description: 'Quit from the tray icon instead' },
];

export function PreferencesCard({ preferences, desktop }: { preferences: Preferences; desktop: boolean }) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (changes: Partial<Preferences>) => backend.setPreferences({ ...preferences, ...changes }),
    onSuccess: (result) => {
      if (!result.ok) notifications.show({ color: 'red', title: result.error.message, message: result.error.action });
      void queryClient.invalidateQueries({ queryKey: queryKeys.preferences });
    },
  });
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="preferences-title">
      <Title order={3} size="h4" id="preferences-title" mb="md">
        This computer
      </Title>
      <Stack gap="md">
        {SWITCHES.map(({ key, label, description }) => (
          <Switch
            key={key}
            label={label}
            description={desktop ? description : `${description}. Applies to the desktop app only.`}
            checked={save.isPending && save.variables[key] !== undefined ? Boolean(save.variables[key]) : preferences[key]}
            onChange={(event) => save.mutate({ [key]: event.currentTarget.checked })}
          />
        ))}
      </Stack>
    </Card>
  );
}
