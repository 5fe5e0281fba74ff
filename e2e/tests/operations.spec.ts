import {
  docsShot,
  expect,
  leaderOf,
  openElected,
  pause,
  putFromForm,
  stepUntil,
  stepUntilHistory,
  test,
} from './fixtures';

test('a pending write shows its stage: routing, proposed at index i, committed/applied, then its result', async ({
  page,
}) => {
  const id = await openElected(page, { seed: 8, options: { speed: 0.3 } });
  const leader = await leaderOf(page);
  const results = page.getByRole('log', { name: 'Results' });
  // One write first, so the list also shows a finished operation with its result.
  await putFromForm(page, 'first', '1');
  await expect(results.getByRole('listitem').first()).toContainText('first = 1');
  await pause(page);

  await putFromForm(page, 'stage', '7');
  const ops = page.getByRole('list', { name: 'Operations' });
  const row = ops.getByRole('listitem', { name: /^put stage = 7 by client \d+: / });
  // Paused: the client's first attempt stands still on its way.
  await expect(row).toHaveAccessibleName(/: routing to node \d+ \(attempt 1\)$/);

  const isOurs = (data: string) => data.includes('"key":"stage"');
  const proposed = await stepUntil(page.request, id, (v) =>
    v.nodes.some((n) => n.id === leader.id && n.log.some((e) => isOurs(e.data))),
  );
  const entry = proposed.nodes.find((n) => n.id === leader.id)!.log.find((e) => isOurs(e.data))!;
  await expect(row).toHaveAccessibleName(
    new RegExp(`: proposed at index ${entry.index} \\(term ${entry.term}\\) by node ${leader.id}$`),
  );
  await page
    .getByRole('region', { name: 'Client requests' })
    .screenshot({ path: docsShot('operations.png') });
  // A second tab opened now learns the stage from its snapshot, not from events it missed.
  const late = await page.context().newPage();
  await late.goto(`/c/${id}`);
  await expect(
    late
      .getByRole('list', { name: 'Operations' })
      .getByRole('listitem', { name: /^put stage = 7 by client \d+: / }),
  ).toHaveAccessibleName(
    new RegExp(`: proposed at index ${entry.index} \\(term ${entry.term}\\) by node ${leader.id}$`),
  );
  await late.close();

  await stepUntil(page.request, id, (v) => v.nodes.find((n) => n.id === leader.id)!.commit >= entry.index);
  // The leader applies as soon as it commits, so either stage may be the one on screen.
  await expect(row).toHaveAccessibleName(new RegExp(`: (committed|applied) at index ${entry.index}\\b`));

  await stepUntilHistory(page.request, id, (ops) =>
    ops.some((h) => h.op.key === 'stage' && h.status === 'ok'),
  );
  await expect(row).toHaveAccessibleName(
    new RegExp(`: ok at index ${entry.index}, term ${entry.term}, served by node ${leader.id}$`),
  );
  await expect(results.getByRole('listitem').first()).toContainText(
    `index ${entry.index} · term ${entry.term} · node ${leader.id}`,
  );
});
