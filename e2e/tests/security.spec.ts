import { expect, test } from './fixtures';

test('the built page runs under its Content-Security-Policy, every asset same-origin, and / creates no cluster by GET', async ({
  page,
  request,
  baseURL,
}) => {
  const before = (await (await request.get('/healthz')).json()).clusters as number;
  const res = await request.get('/');
  const csp = res.headers()['content-security-policy'];
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res.headers()['x-content-type-options']).toBe('nosniff');
  expect((await (await request.get('/healthz')).json()).clusters).toBe(before);

  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const requested: string[] = [];
  page.on('request', (req) => requested.push(req.url()));
  await page.goto('/');
  // The page creates its cluster with a POST and writes /c/:id into the address bar.
  await expect(page).toHaveURL(/\/c\/[a-z0-9]+$/);
  await expect(page.getByRole('button', { name: /^Node \d+, / })).toHaveCount(5);
  const origin = new URL(baseURL!).origin;
  const foreign = requested.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'));
  expect(foreign).toEqual([]);
  expect(violations).toEqual([]);
});

test('the API reference at /docs renders under the same CSP', async ({ page }) => {
  await page.goto('/docs');
  await expect(page.getByRole('heading', { name: /RaftLab/ })).toBeVisible();
  await expect(page.getByText('/api/clusters/{id}/kv/{key}').first()).toBeVisible();
});
