/**
 * Accessibility (issue 15): axe-core finds no violation of WCAG 2.0 / 2.1 A and AA, nor of
 * its best practices, on the dashboard (with its dialogs open too; in the past; with the
 * Share and Bug lab panels open; view only; at a phone's width), a lesson, the library
 * and the glossary, in the light and the dark theme.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, leaderOf, openElected, pause, putFromForm, stepUntil, test } from './fixtures';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** One line per violation: its rule, impact and what it means, then the elements it found. */
function describeViolations(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']) {
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1]?.trim()}`).join('\n'),
  );
}

/** Runs axe over the whole page (or `include`, e.g. an open dialog) and expects nothing found. */
async function expectNoViolations(page: Page, what: string, include?: string) {
  let builder = new AxeBuilder({ page }).withTags(TAGS);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  expect(describeViolations(violations), `axe violations on ${what}`).toEqual([]);
}

/**
 * Pauses the clock (so nothing moves while axe reads the page) with messages in flight:
 * paused, each has a button laid over its glyph, and the leader's badges are on the ring.
 */
async function pauseWithMessages(page: Page, id: string) {
  await pause(page);
  await stepUntil(page.request, id, (v) => v.messages.length >= 2);
  await expect(page.getByRole('list', { name: 'Messages in flight' }).getByRole('button')).not.toHaveCount(0);
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      // theme.ts reads the person's choice from here before the first paint.
      await page.addInitScript((t) => localStorage.setItem('raftlab-theme', t), theme);
    });

    test(`the dashboard has no axe violation (${theme})`, async ({ page }) => {
      // A scan of the whole dashboard takes ~10 s on a loaded machine.
      test.slow();
      // Fast, so the writes commit quickly; paused before the scan.
      const id = await openElected(page, { seed: 3, options: { speed: 4 } });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      // Enough writes that the results and operations lists scroll (scrollable-region-focusable).
      const results = page.getByRole('log', { name: 'Results' });
      for (let i = 1; i <= 8; i++) {
        await putFromForm(page, `k${i}`, `v${i}`);
        await expect(results.getByRole('listitem')).toHaveCount(i);
      }
      await expect(results.getByText(/^Timed out|still pending/)).toHaveCount(0);
      for (const list of [results, page.getByRole('list', { name: 'Operations' })])
        expect(await list.evaluate((e) => e.scrollHeight > e.clientHeight)).toBe(true);
      // A crashed node, a cut link and a selected node are drawn in colours of their own.
      const { id: leader } = await leaderOf(page);
      const [crashed, a, b] = [1, 2, 3].map((k) => ((leader - 1 + k) % 5) + 1);
      await page.getByRole('button', { name: new RegExp(`^Node ${crashed},`) }).click();
      await page.getByRole('button', { name: 'Crash', exact: true }).click();
      await expect(page.getByRole('button', { name: new RegExp(`^Node ${crashed}, crashed`) })).toBeVisible();
      const link = page.getByRole('button', {
        name: `Link between node ${Math.min(a, b)} and node ${Math.max(a, b)}`,
        exact: true,
      });
      await link.focus();
      await page.keyboard.press('Enter');
      await expect(link).toHaveAttribute('aria-pressed', 'true');
      await page.getByRole('button', { name: new RegExp(`^Node ${leader},`) }).click();
      await pauseWithMessages(page, id);
      await expectNoViolations(page, `the dashboard (${theme})`);
    });

    test(`the dashboard's dialogs have no axe violation (${theme})`, async ({ page }) => {
      const id = await openElected(page, { seed: 3 });
      await pauseWithMessages(page, id);
      // Each dialog alone: the page behind was scanned above.
      await page.getByRole('list', { name: 'Messages in flight' }).getByRole('button').first().focus();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('dialog', { name: 'Message details' })).toBeVisible();
      await expectNoViolations(page, `a message's details (${theme})`, '.msg-popover');
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      await expectNoViolations(page, `the help dialog (${theme})`, '.help');
      await page.getByRole('button', { name: 'Take the tour' }).click();
      await expect(page.getByRole('dialog', { name: 'The cluster' })).toBeVisible();
      await expectNoViolations(page, `the tour (${theme})`, '.tour');
    });

    test(`the past, the header's panels, view-only mode and the phone layout have no axe violation (${theme})`, async ({
      page,
      browser,
    }) => {
      test.slow();
      const id = await openElected(page, { seed: 3 });
      await pause(page);
      await page.getByRole('button', { name: 'Step back', exact: true }).click();
      await expect(
        page
          .getByRole('region', { name: 'Timeline controls' })
          .getByText('Viewing the past', { exact: true }),
      ).toBeVisible();
      await expectNoViolations(page, `the past (${theme})`);

      await page.locator('.share summary').click();
      await expect(page.getByRole('group', { name: 'Share' })).toBeVisible();
      await expectNoViolations(page, `the Share panel (${theme})`, '.share');
      await page.locator('.share summary').click();
      await page.getByText('Bug lab', { exact: true }).click();
      await expect(page.getByRole('group', { name: 'Bug switches' })).toBeVisible();
      await expectNoViolations(page, `the Bug lab (${theme})`, '.bug-lab');

      // A student's browser: no token, so every control that changes the cluster is disabled.
      const context = await browser.newContext();
      await context.addInitScript((t) => {
        localStorage.setItem('raftlab-theme', t);
        localStorage.setItem('raftlab.tourSeen', '1');
      }, theme);
      const viewer = await context.newPage();
      await viewer.goto(`/c/${id}`);
      await expect(viewer.getByRole('region', { name: 'View only' })).toBeVisible();
      await expectNoViolations(viewer, `view-only mode (${theme})`);
      await viewer.setViewportSize({ width: 390, height: 844 });
      await expect(viewer.getByRole('status', { name: 'Connection: Live' })).toBeVisible();
      await expectNoViolations(viewer, `the phone layout (${theme})`);
      await context.close();
    });

    test(`a lesson has no axe violation (${theme})`, async ({ page }) => {
      // The first step asks a question, and the clock stands still until it is answered.
      await page.goto('/learn/election');
      const panel = page.getByRole('region', { name: 'Lesson' });
      await expect(panel.getByText(/^Step 1 of \d+$/)).toBeVisible();
      await expect(page.getByRole('status', { name: 'Connection: Live' })).toBeVisible();
      const question = panel.getByRole('group', { name: /Which node will become candidate first/ });
      await expect(question).toBeVisible();
      await expectNoViolations(page, `a lesson's question (${theme})`);
      // Answered, the step plays until node 3 is candidate and stops there with its verdict.
      await question.getByRole('button', { name: 'Node 3' }).click();
      await expect(panel.getByText(/Node 3 ran out first/)).toBeVisible();
      await expectNoViolations(page, `a lesson's answer (${theme})`);
    });

    test(`the library and the glossary have no axe violation (${theme})`, async ({ page }) => {
      await page.goto('/learn');
      await expect(page.getByRole('heading', { name: 'Learn Raft', level: 1 })).toBeVisible();
      await expectNoViolations(page, `/learn (${theme})`);
      await page.goto('/glossary');
      await expect(page.getByRole('heading', { name: 'Glossary', level: 1 })).toBeVisible();
      await expectNoViolations(page, `/glossary (${theme})`);
    });
  });
}
