// js-yaml (electron-updater's dependency, so always installed) ships no types; the test uses load only.
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
