import { useEffect, useState } from 'react';
import { Button, Group, MultiSelect, Select, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { Search, X } from 'lucide-react';
import type { Device, EmployeeSummary, PunchState } from '../../../../app/api/contract';
import { PUNCH_STATES } from '../../../../app/api/contract';
import { EmployeePicker } from '../../components/EmployeePicker';
import { STATE_LABELS } from '../../components/StateBadge';
import { dateRangePresets } from './date-presets';
import { hasFilters, NO_FILTERS, type PunchFilters } from './punch-filters';

const VISUALLY_HIDDEN = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clipPath: 'inset(50%)', whiteSpace: 'nowrap' } as const;

export interface PunchFiltersBarProps {
  filters: PunchFilters;
  devices: Device[];
  employee: EmployeeSummary | null;
  onEmployeeChange: (employee: EmployeeSummary | null) => void;
  onChange: (filters: PunchFilters) => void;
}

export function PunchFiltersBar({ filters, devices, employee, onEmployeeChange, onChange }: PunchFiltersBarProps) {
  const [search, setSearch] = useState(filters.search);
  const today = dateRangePresets(new Date())[0]!.value[0];
  const [debouncedSearch] = useDebouncedValue(search, 300);
  useEffect(() => {
    if (debouncedSearch !== filters.search) onChange({ ...filters, search: debouncedSearch });
    // Only a change of the typed text should write back; filters changing elsewhere must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedSearch]);
  // A search set from outside (a refusal group's "Show these punches") shows in the box too.
  const [searchInFilters, setSearchInFilters] = useState(filters.search);
  if (filters.search !== searchInFilters) {
    setSearchInFilters(filters.search);
    if (filters.search !== debouncedSearch) setSearch(filters.search);
  }

  return (
    // Placeholders and chosen values say what each filter is, so the bar needs no label row:
    // at 1024x640 the list keeps room for its rows.
    <Group gap="xs" align="flex-end" wrap="wrap" role="search" aria-label="Filter punches">
      <TextInput
        aria-label="Search"
        placeholder="Search ID, name, reason…"
        leftSection={<Search size={14} />}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        w={190}
      />
      <DatePickerInput
        type="range"
        // A label element, visually hidden: an aria-label would hide the button's own text ("Any day").
        label="Dates"
        styles={{ label: VISUALLY_HIDDEN }}
        placeholder="Any day"
        value={[filters.from, filters.to]}
        onChange={([from, to]) => onChange({ ...filters, from: from ?? null, to: to ?? null })}
        clearable
        allowSingleDateInRange
        // Punches are never in the future; the usual ranges are one click away.
        maxDate={today}
        hideOutsideDates
        ariaLabels={{ previousMonth: 'Previous month', nextMonth: 'Next month', previousYear: 'Previous year', nextYear: 'Next year', previousDecade: 'Previous decade', nextDecade: 'Next decade' }}
        presets={dateRangePresets(new Date())}
        valueFormat="D MMM YYYY"
        w={210}
      />
      <Select
        aria-label="Device"
        placeholder="All devices"
        data={devices.map((device) => ({ value: device.id, label: device.name }))}
        value={filters.deviceId}
        onChange={(deviceId) => onChange({ ...filters, deviceId })}
        clearable
        w={140}
        comboboxProps={{ width: 280 }}
      />
      <EmployeePicker
        aria-label="Employee"
        placeholder="Anyone"
        value={employee}
        onChange={(picked) => {
          onEmployeeChange(picked);
          onChange({ ...filters, employee: picked?.name ?? null });
        }}
        w={170}
      />
      <MultiSelect
        aria-label="State"
        placeholder={filters.states.length ? undefined : 'Any state'}
        data={PUNCH_STATES.map((state) => ({ value: state, label: STATE_LABELS[state] }))}
        value={filters.states}
        onChange={(states) => onChange({ ...filters, states: states as PunchState[] })}
        clearable
        w={190}
        // One line like the other filters; every chosen state is still listed in the dropdown.
        styles={{ pillsList: { flexWrap: 'nowrap', overflow: 'hidden' } }}
      />
      {hasFilters(filters) && (
        <Button
          variant="subtle"
          leftSection={<X size={14} />}
          onClick={() => {
            setSearch('');
            onEmployeeChange(null);
            onChange(NO_FILTERS);
          }}
        >
          Clear filters
        </Button>
      )}
    </Group>
  );
}
