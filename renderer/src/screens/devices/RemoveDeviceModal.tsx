import { Button, Group, Modal, Text } from '@mantine/core';
import type { Device } from '../../../../app/api/contract';

export function RemoveDeviceModal({ device, removing, onConfirm, onCancel }: { device: Device | null; removing: boolean; onConfirm: (device: Device) => void; onCancel: () => void }) {
  return (
    <Modal opened={device !== null} onClose={onCancel} title={device ? `Remove ${device.name}?` : ''}>
      <Text size="sm">Punchbridge will stop reading this device. The punches already read from it are kept, and any still waiting are still sent to ERPNext.</Text>
      <Text size="sm" mt="xs" c="dimmed">
        Nothing is deleted from the device itself.
      </Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onCancel} data-autofocus>
          Keep it
        </Button>
        <Button color="red" loading={removing} onClick={() => device && onConfirm(device)}>
          Remove device
        </Button>
      </Group>
    </Modal>
  );
}
