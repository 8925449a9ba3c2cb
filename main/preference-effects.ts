// Preferences the desktop shell carries out itself (start at login, close to tray): after the
// service saves them, main applies them, whichever door the change came through.
import type { Preferences, PunchbridgeApi } from '../app/api/contract';

export function withPreferenceEffects<Api extends PunchbridgeApi>(api: Api, apply: (preferences: Preferences) => void): Api {
  const wrapped = Object.create(api) as Api;
  wrapped.setPreferences = async (input) => {
    const result = await api.setPreferences(input);
    if (result.ok) apply(result.value);
    return result;
  };
  return wrapped;
}
