import { useElementSize } from '@mantine/hooks';
import { formatCount } from '../../lib/format';

export interface PunchBar {
  key: string;
  /** Under the bar, where there is room: every so many bars get theirs when they are narrow. */
  label: string;
  /** A second line under the label (a day's date). */
  subLabel?: string;
  count: number;
  /** Shown on hover: the slot and its exact count. */
  title: string;
  /** A slot still to come (a later hour of today): shaded, so that it does not read as an empty one. */
  later?: boolean;
}

export const PUNCH_CHART_HEIGHT = 176;
const TOP = 18;
const LEFT = 44;
const RIGHT = 8;
/** Until the first measurement (and in jsdom, which measures nothing). */
const FALLBACK_WIDTH = 640;
/** Room an axis label needs: "00:00" or "19 Nov" at 11 px. */
const LABEL_WIDTH = 44;

/** 1, 2 or 5 times a power of ten, at least `value`: a scale whose halves are round too. */
function roundScale(value: number): number {
  if (value <= 2) return 2;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value) ?? 10 * power);
}

/**
 * Bars drawn in pixels of the measured width, so labels keep their size at any window width.
 * The chart is an image named by `labelledBy` (the summary sentence beside it); the exact counts
 * are in each bar's title and, for screen readers, in the table the caller puts beside it.
 */
export function PunchBarChart({ bars, labelledBy, showValues }: { bars: PunchBar[]; labelledBy: string; showValues: boolean }) {
  const { ref, width: measured } = useElementSize();
  const width = measured > 0 ? measured : FALLBACK_WIDTH;
  const bottom = bars.some((bar) => bar.subLabel) ? 38 : 22;
  const plotHeight = PUNCH_CHART_HEIGHT - TOP - bottom;
  const slot = (width - LEFT - RIGHT) / bars.length;
  const barWidth = Math.max(2, slot * 0.68);
  const labelEvery = [1, 2, 3, 4, 6, 12].find((step) => slot * step >= LABEL_WIDTH) ?? bars.length;
  const scale = roundScale(Math.max(...bars.map((bar) => bar.count)));
  const y = (count: number) => TOP + plotHeight - (count / scale) * plotHeight;
  const firstLater = bars.findIndex((bar) => bar.later);

  return (
    <div ref={ref} style={{ width: '100%' }}>
      <svg role="img" aria-labelledby={labelledBy} width={width} height={PUNCH_CHART_HEIGHT} viewBox={`0 0 ${width} ${PUNCH_CHART_HEIGHT}`} style={{ display: 'block' }}>
        {firstLater >= 0 && <rect x={LEFT + slot * firstLater} y={TOP} width={slot * (bars.length - firstLater)} height={plotHeight} fill="var(--mantine-color-gray-1)" />}
        {[0, scale / 2, scale].map((tick) => (
          <g key={tick}>
            <line x1={LEFT} x2={width - RIGHT} y1={y(tick)} y2={y(tick)} stroke="var(--mantine-color-gray-3)" />
            <text x={LEFT - 6} y={y(tick)} dy="0.32em" textAnchor="end" fontSize={11} fill="var(--mantine-color-gray-7)">
              {formatCount(tick)}
            </text>
          </g>
        ))}
        {bars.map((bar, index) => {
          const center = LEFT + slot * index + slot / 2;
          return (
            <g key={bar.key}>
              <title>{bar.title}</title>
              {/* The whole slot answers the pointer, so a short bar's count is as easy to hover. */}
              <rect x={center - slot / 2} y={TOP} width={slot} height={plotHeight} fill="transparent" />
              {bar.count > 0 && <rect x={center - barWidth / 2} y={y(bar.count)} width={barWidth} height={y(0) - y(bar.count)} rx={2} fill="var(--mantine-color-teal-7)" />}
              {showValues && (
                <text x={center} y={y(bar.count) - 4} textAnchor="middle" fontSize={11} fontWeight={600} fill="var(--mantine-color-gray-9)">
                  {formatCount(bar.count)}
                </text>
              )}
              {index % labelEvery === 0 && (
                <text x={center} y={PUNCH_CHART_HEIGHT - bottom + 15} textAnchor="middle" fontSize={11} fill="var(--mantine-color-gray-8)">
                  {bar.label}
                  {bar.subLabel && (
                    <tspan x={center} dy="1.35em">
                      {bar.subLabel}
                    </tspan>
                  )}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
