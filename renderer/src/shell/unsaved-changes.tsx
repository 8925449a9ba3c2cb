// Forms with changes not saved yet say so before the person leaves them: a click on a link inside
// the app asks first, and closing or reloading the window gets the browser's own question.
// Hash routing cannot cancel a navigation once it happened, so the click is stopped before it.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { Button, Group, List, Modal, Text } from '@mantine/core';

const unsaved = new Map<string, string>();
const listeners = new Set<() => void>();
let snapshot: string[] = [];

function publish() {
  snapshot = [...unsaved.values()];
  listeners.forEach((listener) => listener());
}

/** While `dirty`, leaving the screen asks first, naming `what` ("ERPNext connection"). */
export function useUnsavedChanges(what: string, dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const key = `${what}-${Math.random()}`;
    unsaved.set(key, what);
    publish();
    return () => {
      unsaved.delete(key);
      publish();
    };
  }, [what, dirty]);
}

function useUnsavedList(): string[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => snapshot,
  );
}

/** Mounted once, around the screens. */
export function UnsavedChangesGuard() {
  const pending = useUnsavedList();
  const [leavingTo, setLeavingTo] = useState<string | null>(null);

  useEffect(() => {
    if (pending.length === 0) return;
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.('a[href^="#"]');
      const href = link?.getAttribute('href');
      if (!href || href === window.location.hash || event.defaultPrevented) return;
      event.preventDefault();
      setLeavingTo(href);
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    document.addEventListener('click', onClick, true);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      document.removeEventListener('click', onClick, true);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [pending.length]);

  const leave = () => {
    const target = leavingTo;
    setLeavingTo(null);
    if (target) window.location.hash = target;
  };

  return (
    <Modal opened={leavingTo !== null && pending.length > 0} onClose={() => setLeavingTo(null)} title="Leave without saving?" centered>
      <Text size="sm">These changes are not saved yet and will be lost:</Text>
      <List size="sm" my="sm">
        {[...new Set(pending)].map((what) => (
          <List.Item key={what}>{what}</List.Item>
        ))}
      </List>
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={leave}>
          Leave without saving
        </Button>
        <Button onClick={() => setLeavingTo(null)} data-autofocus>
          Stay and save
        </Button>
      </Group>
    </Modal>
  );
}
