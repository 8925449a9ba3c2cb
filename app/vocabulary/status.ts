// What the app reports about itself: its status and its log.
import type { ApiError } from './results';
import type { PunchState } from './punches';
import type { PushStop, RunProgress, RunSummary } from './runs';

export interface AppStatus {
  running: boolean;
  progress: RunProgress | null;
  lastRun: RunSummary | null;
  paused: boolean;
  nextRunAt: string | null;
  counts: Record<PunchState, number>;
  unmatchedUsers: number;
  /** Set up yet? The UI shows first-run steps while either is false. */
  erpnextConfigured: boolean;
  devicesConfigured: boolean;
  /** Things that need a person, e.g. "The API secret was refused". */
  attention: ApiError[];
  /** Pushing stopped until a person lifts it; `error` says why and what to do. */
  pushStop: (PushStop & { error: ApiError }) | null;
  /** 'desktop' in Electron, 'headless' behind `punchbridge serve`, 'demo' with simulators. */
  mode: 'desktop' | 'headless' | 'demo';
}


export interface LogLine {
  time: string;
  level: 'debug' | 'info' | 'warn' | 'error';
  module: string;
  message: string;
}
