import { useState } from 'react';
import { Group, Select, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { EmployeeSummary } from '../../../app/api/contract';
import { unwrap, useBackend } from '../api/api-context';
import { queryKeys } from '../api/query-keys';

export const employeeLabel = (employee: EmployeeSummary) => `${employee.employeeName} · ${employee.name}`;

export interface EmployeePickerProps {
  value: EmployeeSummary | null;
  onChange: (employee: EmployeeSummary | null) => void;
  label?: string;
  'aria-label'?: string;
  placeholder?: string;
  /** Offered at the top before the person types, e.g. name-similarity suggestions. */
  suggestions?: EmployeeSummary[];
  error?: string;
  w?: number | string;
  size?: 'xs' | 'sm' | 'md';
}

/** Searches ERPNext's employees by name, id or department as the person types. */
export function EmployeePicker({ value, onChange, label, placeholder = 'Search by name or ID', suggestions = [], error, w, size, ...rest }: EmployeePickerProps) {
  const backend = useBackend();
  const [search, setSearch] = useState(value ? employeeLabel(value) : '');
  const typed = value && search === employeeLabel(value) ? '' : search.trim();
  const [text] = useDebouncedValue(typed, 250);
  const found = useQuery({
    queryKey: queryKeys.employees(text),
    queryFn: () => unwrap(backend.searchEmployees({ text, limit: 20 })),
    staleTime: 60_000,
  });
  const byId = new Map<string, EmployeeSummary>();
  for (const employee of [...(value ? [value] : []), ...(text ? [] : suggestions), ...(found.data ?? [])]) byId.set(employee.name, employee);

  return (
    <Select
      label={label}
      aria-label={rest['aria-label']}
      placeholder={placeholder}
      size={size}
      w={w}
      searchable
      clearable
      value={value?.name ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id) => onChange(id ? (byId.get(id) ?? null) : null)}
      data={[...byId.values()].map((employee) => ({ value: employee.name, label: employeeLabel(employee) }))}
      filter={({ options }) => options}
      error={error ?? (found.isError ? 'Employees could not be searched: check the ERPNext connection in Settings' : undefined)}
      nothingFoundMessage={found.isFetching ? 'Searching…' : 'No employee matches'}
      comboboxProps={{ width: 360, position: 'bottom-start' }}
      renderOption={({ option }) => {
        const employee = byId.get(option.value);
        return (
          <div>
            <Group gap={6} wrap="nowrap">
              <Text size="sm" fw={500} truncate>
                {employee?.employeeName}
              </Text>
              <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                {employee?.name}
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              {[employee?.department, employee?.status !== 'Active' ? employee?.status : null].filter(Boolean).join(' · ') || '\u00a0'}
            </Text>
          </div>
        );
      }}
    />
  );
}
