import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import { createRoot } from 'react-dom/client';
import { createHttpClient } from './api/http-client';
import { Root } from './shell/Root';

// In Electron the preload provides the API; in a browser it is spoken over HTTP to `punchbridge serve`.
const backend = window.punchbridge ?? createHttpClient();

createRoot(document.getElementById('root')!).render(<Root backend={backend} />);
