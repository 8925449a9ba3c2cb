// electron-store for tests that cannot load Electron: it is conf plus Electron's paths, and conf
// writes the same file without them.
import Conf from 'conf';

export default class ElectronStoreStandIn {
  constructor(options: { cwd: string; name: string }) {
    return new Conf({ cwd: options.cwd, configName: options.name });
  }
}
