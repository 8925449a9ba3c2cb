import { useEffect, useRef } from 'react';
import { DashboardScreen } from '../screens/dashboard/DashboardScreen';
import { DevicesScreen } from '../screens/devices/DevicesScreen';
import { ImportScreen } from '../screens/import/ImportScreen';
import { HistoryScreen } from '../screens/history/HistoryScreen';
import { MappingScreen } from '../screens/mapping/MappingScreen';
import { PunchesScreen } from '../screens/punches/PunchesScreen';
import { SettingsScreen } from '../screens/settings/SettingsScreen';
import { useRoute } from './router';

const TITLES: Record<string, string> = {
  '/': 'Dashboard',
  '/devices': 'Devices',
  '/mapping': 'Employee mapping',
  '/punches': 'Punches',
  '/import': 'Import',
  '/history': 'History',
  '/settings': 'Settings',
};

export function Screens() {
  const { path } = useRoute();
  const section = `/${path.split('/')[1] ?? ''}`;
  const main = useRef<HTMLDivElement>(null);

  // A screen change is announced like a page load: new title, focus at the top of the content.
  useEffect(() => {
    document.title = `${TITLES[section] ?? 'Dashboard'} · Punchbridge`;
    main.current?.focus({ preventScroll: true });
  }, [section]);

  return (
    <div ref={main} tabIndex={-1} style={{ outline: 'none' }}>
      {section === '/devices' ? (
        <DevicesScreen />
      ) : section === '/mapping' ? (
        <MappingScreen />
      ) : section === '/punches' ? (
        <PunchesScreen />
      ) : section === '/import' ? (
        <ImportScreen />
      ) : section === '/history' ? (
        <HistoryScreen />
      ) : section === '/settings' ? (
        <SettingsScreen />
      ) : (
        <DashboardScreen />
      )}
    </div>
  );
}
