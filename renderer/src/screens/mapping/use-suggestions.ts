import { useQuery } from '@tanstack/react-query';
import type { EmployeeSummary } from '../../../../app/api/contract';
import { unwrap, useBackend } from '../../api/api-context';
import { nameTokens, suggestMatches, type Suggestion } from '../../lib/similarity';

/**
 * Employees whose names look like the name stored on the device. ERPNext searches by substring, so
 * each of the two longest words of the name is searched (as written and without accents, since not
 * every database collation ignores them) and the answers are ranked here.
 */
export function useSuggestions(nameOnDevice: string | null) {
  const backend = useBackend();
  const written = (nameOnDevice ?? '').split(/[\s,.-]+/u).filter((word) => word.length > 1).sort((a, b) => b.length - a.length).slice(0, 2);
  const words = [...new Set(written.flatMap((word) => [word, ...nameTokens(word)]))];
  return useQuery({
    queryKey: ['suggestions', nameOnDevice],
    enabled: words.length > 0,
    staleTime: 5 * 60_000,
    queryFn: async (): Promise<Suggestion<EmployeeSummary>[]> => {
      const answers = await Promise.all(words.map((text) => unwrap(backend.searchEmployees({ text, limit: 20 }))));
      const byId = new Map(answers.flat().map((employee) => [employee.name, employee]));
      return suggestMatches(nameOnDevice, [...byId.values()], (employee) => employee.employeeName);
    },
  });
}
