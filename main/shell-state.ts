// What the shell remembers for itself between starts (not settings a person chooses): kept in
// electron-store's file in the data folder.
import Store from 'electron-store';

interface ShellStateFile {
  trayNoticeShown: boolean;
}

export function shellState(dataDir: string) {
  const store = new Store<ShellStateFile>({ name: 'shell-state', cwd: dataDir, defaults: { trayNoticeShown: false } });
  return {
    trayNoticeShown: () => store.get('trayNoticeShown'),
    markTrayNoticeShown: () => store.set('trayNoticeShown', true),
  };
}
