// The thinnest slice through every layer, on the built release page: open it, type
// `kubectl get nodes`, see the simulated cluster's nodes computed by the wasm core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, openBrowser, runCommand, terminalLines, screenshot } from './harness.mjs';

let server, browser, page;

before(async () => {
  server = await serve();
  ({ browser, page } = await openBrowser(server.origin));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('kubectl get nodes on the built page', async () => {
  const started = Date.now();
  await page.goto(server.origin + '/');
  await page.getByTestId('command-input').waitFor();
  await runCommand(page, 'kubectl get nodes');
  await page.getByTestId('terminal-output').getByText('node-3').waitFor();
  const firstOutputMs = Date.now() - started;

  // The `$ ` prompt is drawn by CSS, so copying output never copies it.
  assert.equal(await page.locator('.line.command').innerText(), 'kubectl get nodes');
  assert.deepEqual(await terminalLines(page), [
    'kubectl get nodes',
    'NAME            STATUS   ROLES           AGE   VERSION',
    'control-plane   Ready    control-plane   0s    v1.31.0',
    'node-1          Ready    <none>          0s    v1.31.0',
    'node-2          Ready    <none>          0s    v1.31.0',
    'node-3          Ready    <none>          0s    v1.31.0',
  ]);

  await runCommand(page, 'kubectl get nodez');
  const errorLine = page.locator('.line.stderr');
  await errorLine.waitFor();
  assert.equal(await errorLine.innerText(), 'error: the server doesn\'t have a resource type "nodez"');

  const shot = await screenshot(page, 'walking-skeleton');
  console.log(`first output after ${firstOutputMs} ms; screenshot: ${shot}`);
  assert.deepEqual(page.problems, { console: [], exceptions: [], foreignRequests: [] });
});

test('the page works from a sub-folder (relative asset URLs)', async () => {
  const sub = await serve(new URL('../../', import.meta.url).pathname.replace(/\/$/, ''));
  try {
    const { browser: b, page: p } = await openBrowser(sub.origin);
    try {
      await p.goto(sub.origin + '/dist/');
      await runCommand(p, 'kubectl get nodes');
      await p.getByTestId('terminal-output').getByText('node-3').waitFor();
      assert.deepEqual(p.problems, { console: [], exceptions: [], foreignRequests: [] });
    } finally {
      await b.close();
    }
  } finally {
    await sub.close();
  }
});
