// `node --import ./packaging/stand-in-electron/register.js out/main/index.js`: every import or
// require of 'electron' gets the stand-in instead (packaging/stand-in-electron/electron.js).
import { registerHooks } from 'node:module';

const standIn = new URL('./electron.js', import.meta.url).href;

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron') return { url: standIn, format: 'module', shortCircuit: true };
    return nextResolve(specifier, context);
  },
});
