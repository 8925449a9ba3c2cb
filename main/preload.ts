// The one preload (built to out/preload/index.cjs). Sandboxed: it can reach only electron's
// renderer modules, so everything it needs is bundled in.
import { contextBridge, ipcRenderer } from 'electron';
import { buildRendererBridge } from './renderer-bridge';

contextBridge.exposeInMainWorld('punchbridge', buildRendererBridge(ipcRenderer));
