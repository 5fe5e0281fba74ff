import { launchBrowser, sleep, startServer } from './harness';
const { base, stop } = await startServer();
const browser = await launchBrowser();
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') console.log('console error:', m.text());
  });
  page.on('pageerror', (e) => console.log('page error:', e.message));
  await page.goto(`${base}/learn`);
  await page.getByRole('heading', { name: 'Learn Raft' }).waitFor();
  await sleep(500);
  await page.screenshot({ path: '/tmp/learn.png' });
  await page.getByRole('link', { name: 'The cast: servers, roles, terms' }).click();
  const panel = page.getByRole('region', { name: 'Lesson' });
  await panel.getByText('Step 1 of 6').waitFor();
  await sleep(1500);
  await page.screenshot({ path: '/tmp/lesson1.png' });
  await panel.getByRole('button', { name: 'Next' }).click();
  await panel.getByText('Done.').waitFor({ timeout: 30000 });
  await page.screenshot({ path: '/tmp/lesson2.png' });
  await panel.getByRole('button', { name: 'Next' }).click();
  await panel.getByRole('button', { name: /Yes: it needs a majority/ }).click();
  await panel.getByText('Done.').waitFor({ timeout: 30000 });
  await page.screenshot({ path: '/tmp/lesson3.png' });
  await panel.getByRole('button', { name: 'Next' }).click();
  await panel.getByText('Done.').waitFor({ timeout: 30000 });
  await panel.getByRole('button', { name: 'Next' }).click();
  await panel.getByText('Your turn', { exact: false }).first().waitFor();
  await page.screenshot({ path: '/tmp/lesson5.png' });
} finally {
  await browser.close();
  stop();
}
