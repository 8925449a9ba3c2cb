/** Query keys in one place, so events and mutations invalidate the same things the screens read. */
export const queryKeys = {
  status: ['status'] as const,
  devices: ['devices'] as const,
  erpnext: ['erpnext'] as const,
  shiftTypes: ['shift-types'] as const,
  unmatched: ['unmatched'] as const,
  mappings: ['mappings'] as const,
  employees: (text: string) => ['employees', text] as const,
  /** Bumped whenever punches may have changed; the punch table starts over when it moves. */
  punchesVersion: ['punches', 'version'] as const,
  /** Bumped when new punches arrived by themselves: the table re-reads the rows on screen in place. */
  punchesArrived: ['punches', 'arrived'] as const,
  /** Refused punches by reason, with whether each cause still holds (asked of ERPNext). */
  refusals: ['refusals'] as const,
  /** Today's punches by hour and the week's by day, for the dashboard's chart. */
  punchActivity: ['punch-activity'] as const,
  admsDevices: ['adms-devices'] as const,
  admsReach: ['adms-reach'] as const,
  schedule: ['schedule'] as const,
  syncSettings: ['sync-settings'] as const,
  runs: ['runs'] as const,
  run: (id: number) => ['run', id] as const,
  log: ['log'] as const,
  preferences: ['preferences'] as const,
  deviceUserChanges: ['device-user-changes'] as const,
};
