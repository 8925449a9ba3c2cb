import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** The bits of the page's DOM the check below needs (this file is type-checked without the DOM library). */
interface PageAnimations {
  document: { getAnimations(): { playState: string; effect: { getTiming(): { iterations: number } } | null }[] };
}

/** Runs in the page: no transition is halfway (endless ones, such as spinners, do not count). */
function transitionsFinished(): boolean {
  const { document } = globalThis as unknown as PageAnimations;
  return document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity);
}

interface ContrastData {
  fgColor?: string;
  bgColor?: string;
  contrastRatio?: number;
}

/**
 * What axe finds against WCAG 2.1 A and AA on the page once its transitions have finished (a
 * notification fading in has the colours of neither state), one line per element.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.waitForFunction(transitionsFinished, undefined, { timeout: 5_000 });
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => {
      const contrast = (node.any[0]?.data ?? {}) as ContrastData;
      const colors = contrast.contrastRatio ? ` ${contrast.fgColor} on ${contrast.bgColor} is ${contrast.contrastRatio}:1` : '';
      return `${violation.id}: ${node.target.join(' ')} (${violation.help})${colors}`;
    }),
  );
}
