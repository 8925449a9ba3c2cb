import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

interface ContrastData {
  fgColor?: string;
  bgColor?: string;
  contrastRatio?: number;
}

/** What axe finds against WCAG 2.1 A and AA on the page as it is now, one line per element. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => {
      const contrast = (node.any[0]?.data ?? {}) as ContrastData;
      const colors = contrast.contrastRatio ? ` ${contrast.fgColor} on ${contrast.bgColor} is ${contrast.contrastRatio}:1` : '';
      return `${violation.id}: ${node.target.join(' ')} (${violation.help})${colors}`;
    }),
  );
}
