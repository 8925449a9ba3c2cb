// "Save a trace for support": record one session with a device and hand the file to the downloads.
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import type { Device } from '../../../../app/api/contract';
import { useBackend } from '../../api/api-context';
import { downloadText } from '../../lib/download';

export function useSaveTrace() {
  const backend = useBackend();
  return useMutation({
    mutationFn: (device: Device) => {
      notifications.show({ id: `trace-${device.id}`, loading: true, autoClose: false, message: `Recording a session with ${device.name}…` });
      return backend.saveDeviceTrace({ id: device.id });
    },
    onSettled: (_result, _error, device) => notifications.hide(`trace-${device.id}`),
    onSuccess: (result, device) => {
      if (!result.ok) return void notifications.show({ color: 'red', title: result.error.message, message: result.error.action });
      const { fileName, trace, packetCount, sessionError } = result.value;
      downloadText(fileName, trace, 'application/json');
      notifications.show(
        sessionError
          ? { color: 'orange', title: `The session with ${device.name} failed: ${sessionError.message}`, message: `The trace of its ${packetCount} packets shows where. Send ${fileName} with your report.` }
          : { color: 'teal', message: `Saved ${fileName} (${packetCount} packets). The comm key and people's names are masked: send it with your report.` },
      );
    },
  });
}
