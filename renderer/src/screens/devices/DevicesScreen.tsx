import { useState } from 'react';
import { Button, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Cpu, Plus } from 'lucide-react';
import type { ApiError, Device } from '../../../../app/api/contract';
import { useBackend } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { PageHeader } from '../../components/PageHeader';
import { EmptyMessage, ErrorState, LoadingState } from '../../components/states';
import { formatWallClock, plural } from '../../lib/format';
import { replaceRoute, useRoute } from '../../shell/router';
import { AdmsSection } from './AdmsSection';
import { DeviceForm } from './DeviceForm';
import { DeviceTable } from './DeviceTable';
import { RemoveDeviceModal } from './RemoveDeviceModal';
import { toDeviceInput, type DeviceFormValues } from './device-form';
import { useSaveTrace } from './use-save-trace';

export function DevicesScreen() {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const route = useRoute();
  const devices = useQuery({ queryKey: queryKeys.devices, queryFn: () => backend.listDevices() });
  const settings = useQuery({ queryKey: queryKeys.syncSettings, queryFn: () => backend.getSyncSettings() });
  const skewLimit = settings.data?.clockSkewWarningSeconds ?? 120;
  const adms = useQuery({ queryKey: queryKeys.admsDevices, queryFn: () => backend.listAdmsDevices() });
  const pushDeviceIds = new Set((adms.data ?? []).flatMap((device) => (device.approved && device.deviceId ? [device.deviceId] : [])));
  // The dashboard's first-run step links here with ?add=1.
  const [editing, setEditing] = useState<Device | 'new' | null>(route.params.get('add') ? 'new' : null);
  const [removing, setRemoving] = useState<Device | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.devices });
    void queryClient.invalidateQueries({ queryKey: queryKeys.status });
  };
  const closeForm = () => {
    setEditing(null);
    setSaveError(null);
    if (route.params.get('add')) replaceRoute('/devices');
  };

  const save = useMutation({
    mutationFn: (values: DeviceFormValues) =>
      editing && editing !== 'new' ? backend.updateDevice({ id: editing.id, changes: toDeviceInput(values) }) : backend.addDevice(toDeviceInput(values)),
    onSuccess: (result) => {
      if (!result.ok) return setSaveError(result.error);
      notifications.show({ color: 'teal', message: `${result.value.name} is saved.` });
      closeForm();
      refresh();
    },
  });
  const setTime = useMutation({
    mutationFn: (device: Device) => backend.setDeviceTime({ id: device.id }),
    onSuccess: (result, device) => {
      if (result.ok) notifications.show({ color: 'teal', message: `${device.name}'s clock now reads ${formatWallClock(result.value.deviceTime, { seconds: true })}.` });
      else notifications.show({ color: 'red', title: result.error.message, message: result.error.action });
      refresh();
    },
  });
  const saveTrace = useSaveTrace();
  const remove = useMutation({
    mutationFn: (device: Device) => backend.removeDevice({ id: device.id }),
    onSuccess: (result, device) => {
      setRemoving(null);
      if (result.ok) notifications.show({ color: 'teal', message: `${device.name} was removed. ${plural(result.value.keptPunches, 'punch', 'punches')} read from it are kept.` });
      else notifications.show({ color: 'red', title: result.error.message, message: result.error.action });
      refresh();
    },
  });

  const addButton = (
    <Button leftSection={<Plus size={16} />} onClick={() => setEditing('new')}>
      Add a device
    </Button>
  );

  return (
    <Stack gap="md">
      <PageHeader title="Devices" description="The attendance terminals Punchbridge reads punches from, or that send their punches to it." actions={devices.data?.length ? addButton : undefined} />
      {devices.isPending ? (
        <LoadingState label="Loading devices…" />
      ) : devices.isError ? (
        <ErrorState error={devices.error} onRetry={() => void devices.refetch()} title="The device list could not be loaded" />
      ) : devices.data.length === 0 ? (
        <EmptyMessage title="No devices yet" description="Add your first attendance device by its network address. You can test the connection before saving." icon={<Cpu size={28} />}>
          {addButton}
        </EmptyMessage>
      ) : (
        <DeviceTable
          devices={devices.data}
          pushDeviceIds={pushDeviceIds}
          skewLimit={skewLimit}
          settingTimeOf={setTime.isPending ? (setTime.variables?.id ?? null) : null}
          onEdit={setEditing}
          onRemove={setRemoving}
          onSetTime={(device) => setTime.mutate(device)}
          onSaveTrace={(device) => saveTrace.mutate(device)}
        />
      )}
      {settings.data && <AdmsSection admsPort={settings.data.admsPort} />}
      <Modal opened={editing !== null} onClose={closeForm} title={editing && editing !== 'new' ? `Edit ${editing.name}` : 'Add a device'} size="lg">
        {editing !== null && (
          <DeviceForm
            key={editing === 'new' ? 'new' : editing.id}
            device={editing === 'new' ? null : editing}
            skewLimit={skewLimit}
            pushDevice={editing !== 'new' && pushDeviceIds.has(editing.id)}
            saving={save.isPending}
            saveError={saveError}
            onSave={(values) => save.mutate(values)}
            onCancel={closeForm}
          />
        )}
      </Modal>
      <RemoveDeviceModal device={removing} removing={remove.isPending} onConfirm={(device) => remove.mutate(device)} onCancel={() => setRemoving(null)} />
    </Stack>
  );
}
