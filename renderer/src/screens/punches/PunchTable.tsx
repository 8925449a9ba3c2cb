import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Box, Checkbox, Skeleton, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Punch } from '../../../../app/api/contract';
import { StateBadge, plainReason } from '../../components/StateBadge';
import { formatWallClock } from '../../lib/format';
import type { PunchPageCache } from './page-cache';
import classes from './PunchTable.module.css';

const ROW_HEIGHT = 44;
// At 1024 px wide every column still fits beside the scroll bar: the minimums, gaps and padding add up to 710 px.
const COLUMNS = '32px 168px minmax(100px, 2fr) minmax(70px, 1fr) 44px 156px minmax(80px, 2fr)';

export interface PunchTableProps {
  cache: PunchPageCache;
  selected: Pick<ReadonlySet<number>, 'has'>;
  onToggle: (punch: Punch) => void;
  onToggleLoaded: (punches: Punch[], select: boolean) => void;
  onOpen: (punch: Punch) => void;
  height: number | string;
}

export function PunchTable({ cache, selected, onToggle, onToggleLoaded, onOpen, height }: PunchTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const total = cache.total ?? 0;
  const [active, setActive] = useState(0);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is used as documented
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  useEffect(() => {
    cache.ensureRange(first, Math.max(last, first));
  }, [cache, first, last]);
  useEffect(() => {
    setActive(0);
    virtualizer.scrollToOffset(0);
  }, [cache, virtualizer]);

  const loaded = items.map((item) => cache.getRow(item.index)).filter((punch): punch is Punch => punch !== undefined);
  const allLoadedSelected = loaded.length > 0 && loaded.every((punch) => selected.has(punch.id));
  const someLoadedSelected = loaded.some((punch) => selected.has(punch.id));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys pressed in the header's checkbox are the checkbox's own.
    if (event.target !== event.currentTarget) return;
    const move = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10, Home: -total, End: total }[event.key];
    if (move !== undefined) {
      event.preventDefault();
      const next = Math.min(total - 1, Math.max(0, active + move));
      setActive(next);
      virtualizer.scrollToIndex(next);
      return;
    }
    const punch = cache.getRow(active);
    if (!punch) return;
    if (event.key === ' ') {
      event.preventDefault();
      onToggle(punch);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      onOpen(punch);
    }
  };

  return (
    // The grid itself takes the focus and names the active row, as ARIA asks of a grid (the
    // scrolling body is only a row group).
    <Box
      className={classes.table}
      h={height}
      role="grid"
      aria-label="Punches"
      aria-rowcount={total + 1}
      aria-multiselectable
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-activedescendant={cache.getRow(active) && items.some((item) => item.index === active) ? `punch-row-${active}` : undefined}
    >
      <div className={classes.header} role="row" aria-rowindex={1} style={{ gridTemplateColumns: COLUMNS }}>
        <div role="columnheader">
          <Checkbox
            size="xs"
            aria-label="Select the punches shown"
            checked={allLoadedSelected}
            indeterminate={!allLoadedSelected && someLoadedSelected}
            onChange={() => onToggleLoaded(loaded, !allLoadedSelected)}
          />
        </div>
        <div role="columnheader">Time on device</div>
        <div role="columnheader">Employee</div>
        <div role="columnheader">Device</div>
        <div role="columnheader">In/Out</div>
        <div role="columnheader">State</div>
        <div role="columnheader">Reason</div>
      </div>
      <div
        ref={scroller}
        className={classes.body}
        role="rowgroup"
        data-testid="punch-scroller"
      >
        <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const punch = cache.getRow(item.index);
            return (
              <div
                key={item.key}
                id={`punch-row-${item.index}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={punch ? selected.has(punch.id) : undefined}
                className={classes.row}
                data-active={item.index === active || undefined}
                data-selected={(punch && selected.has(punch.id)) || undefined}
                style={{ gridTemplateColumns: COLUMNS, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={() => {
                  setActive(item.index);
                  if (punch) onOpen(punch);
                }}
              >
                {punch ? <PunchCells punch={punch} selected={selected.has(punch.id)} onToggle={onToggle} /> : <LoadingCells />}
              </div>
            );
          })}
        </div>
      </div>
    </Box>
  );
}

function PunchCells({ punch, selected, onToggle }: { punch: Punch; selected: boolean; onToggle: (punch: Punch) => void }) {
  return (
    <>
      <div role="gridcell" onClick={(event) => event.stopPropagation()}>
        <Checkbox size="xs" tabIndex={-1} aria-label={`Select punch ${punch.id}`} checked={selected} onChange={() => onToggle(punch)} />
      </div>
      <div role="gridcell">
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatWallClock(punch.deviceTime, { seconds: true })}
        </Text>
      </div>
      <div role="gridcell" className={classes.clip}>
        <Text size="sm" truncate title={punch.employeeName ?? undefined}>
          {punch.employeeName ?? (punch.state === 'unmatched' ? <Text span c="dimmed" size="sm">Not linked</Text> : null)}
          <Text span c="dimmed" size="xs">
            {punch.employeeName || punch.state === 'unmatched' ? ' · ' : ''}ID {punch.userId}
          </Text>
        </Text>
      </div>
      <div role="gridcell" className={classes.clip}>
        <Text size="sm" truncate title={punch.deviceName}>
          {punch.deviceName}
        </Text>
      </div>
      <div role="gridcell">
        <Text size="sm">{punch.logType ?? '—'}</Text>
      </div>
      <div role="gridcell">
        <StateBadge state={punch.state} reason={punch.lastError} />
      </div>
      <div role="gridcell" className={classes.clip}>
        {punch.lastError && (
          <Text size="xs" c="dimmed" truncate title={plainReason(punch.lastError)}>
            {plainReason(punch.lastError)}
          </Text>
        )}
      </div>
    </>
  );
}

function LoadingCells() {
  return (
    <>
      <div />
      {[0, 1, 2, 3, 4, 5].map((cell) => (
        <div key={cell} role="gridcell">
          <Skeleton height={10} width="70%" />
        </div>
      ))}
    </>
  );
}
