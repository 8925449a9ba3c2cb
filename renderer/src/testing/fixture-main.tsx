// Dev-only entry: the real UI over the fixture API, for screenshots and e2e specs without a
// backend. Built by renderer/vite.fixture.config.ts, never by the production build.
// Options come from the query string: ?scenario=first-run&count=100000&latency=300&long=1
import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import { createRoot } from 'react-dom/client';
import { Root } from '../shell/Root';
import { createFixtureApi, type FixtureScenario } from './fixture-api';

const params = new URLSearchParams(window.location.search);
const backend = createFixtureApi({
  scenario: (params.get('scenario') as FixtureScenario | null) ?? 'full',
  punchCount: Number(params.get('count') ?? 10_000),
  latencyMs: Number(params.get('latency') ?? 80),
  longNames: params.has('long'),
  syncStepMs: Number(params.get('step') ?? 700),
});

createRoot(document.getElementById('root')!).render(<Root backend={backend} />);
