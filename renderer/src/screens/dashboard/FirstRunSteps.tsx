import { Button, Card, List, Text, ThemeIcon, Title } from '@mantine/core';
import { CircleCheck, CircleDashed } from 'lucide-react';
import { hrefFor } from '../../shell/router';

/** Shown until ERPNext and at least one device are set up. */
export function FirstRunSteps({ erpnextConfigured, devicesConfigured }: { erpnextConfigured: boolean; devicesConfigured: boolean }) {
  const step = (done: boolean) => (
    <ThemeIcon color={done ? 'teal' : 'gray'} variant="light" size={24} radius="xl">
      {done ? <CircleCheck size={16} aria-label="Done" /> : <CircleDashed size={16} aria-label="To do" />}
    </ThemeIcon>
  );
  return (
    <Card withBorder padding="lg" aria-labelledby="first-run-title">
      <Title order={3} id="first-run-title" mb={4}>
        Let's get Punchbridge ready
      </Title>
      <Text c="dimmed" size="sm" mb="md">
        Two steps, then your punches start arriving in ERPNext.
      </Text>
      <List spacing="md" center>
        <List.Item icon={step(erpnextConfigured)}>
          <Text fw={500}>Connect to ERPNext</Text>
          <Text size="sm" c="dimmed">
            Enter your ERPNext address and an API key so punches can be saved as Employee Checkins.
          </Text>
          {!erpnextConfigured && (
            <Button component="a" href={hrefFor('/settings')} size="xs" mt={6}>
              Open ERPNext settings
            </Button>
          )}
        </List.Item>
        <List.Item icon={step(devicesConfigured)}>
          <Text fw={500}>Add your attendance devices</Text>
          <Text size="sm" c="dimmed">
            Add each fingerprint or face terminal by its network address, and test the connection.
          </Text>
          {!devicesConfigured && (
            <Button component="a" href={hrefFor('/devices', { add: '1' })} size="xs" mt={6}>
              Add a device
            </Button>
          )}
        </List.Item>
      </List>
    </Card>
  );
}
