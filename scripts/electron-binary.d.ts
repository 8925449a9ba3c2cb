/** The downloaded Electron binary's path, or null where it was not downloaded. */
export function electronBinary(): string | null;
