// Runs the README's walk-through ("From a payload with buttons to a working integration") as written: every command
// of its sh blocks (between <!-- walkthrough:start/end -->), `npx mmhook` as `node bin/mmhook.mjs`, in a scratch
// directory holding a copy of examples/, with examples/interactive/integration.mjs listening on 127.0.0.1:3000.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, existsSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root } from './helpers.mjs';

const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const part = readme.slice(readme.indexOf('<!-- walkthrough:start -->'), readme.indexOf('<!-- walkthrough:end -->'));
const commands = [...part.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1].trim().split('\n'));

// Exit code each command must give (the README says why for the 1).
const expected = [
  [/^npx mmhook check /, 0],
  [/^npx mmhook render /, 0],
  [/--action ack$/, 1],
  [/--action ack --context examples\/interactive\/context.json$/, 0],
  [/--action assign --option bob/, 0],
  [/--json > click.json$/, 0],
  [/^node -e /, 0],
  [/mmhook curl click-body.json/, 0],
  [/--response my-answer.json$/, 0],
  [/--response examples\/interactive\/answer-trap.json$/, 0],
  [/^npx mmhook dialog examples\/interactive\/dialog\.json$/, 1],
  [/^npx mmhook dialog .*--values [^ ]+$/, 0],
  [/--look legacy$/, 0],
  [/^npx mmhook dialog .*--response /, 0],
  [/^npx mmhook rest .*abcdefghijklmnopqrstuvwxyz$/, 0],
  [/--command-only > post.sh$/, 0],
];

function portFree(port) {
  return new Promise((resolve) => {
    const s = net.createServer().once('error', () => resolve(false)).listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

test('README walk-through: every command runs as documented', async (t) => {
  assert.ok(commands.length >= 14, `found ${commands.length} commands`);
  if (!(await portFree(3000))) { t.skip('127.0.0.1:3000 is in use'); return; }
  const dir = mkdtempSync(path.join(tmpdir(), 'mmhook-walkthrough-'));
  cpSync(path.join(root, 'examples'), path.join(dir, 'examples'), { recursive: true });
  const cli = `"${process.execPath}" "${path.join(root, 'bin/mmhook.mjs')}"`;
  let integration;
  const outputs = [];
  try {
    for (const line of commands) {
      if (line.endsWith('&')) {
        integration = spawn('sh', ['-c', `exec ${line.slice(0, -1).replace(/^node /, `"${process.execPath}" `)}`], { cwd: dir, stdio: 'pipe' });
        await new Promise((resolve, reject) => {
          integration.stdout.once('data', resolve);
          integration.once('exit', () => reject(new Error('integration exited')));
        });
        continue;
      }
      const cmd = line.replace(/^npx mmhook /, `${cli} `).replace(/\| npx mmhook /, `| ${cli} `);
      const r = spawnSync('bash', ['-c', cmd], { cwd: dir, encoding: 'utf8', timeout: 60000, env: { ...process.env, MM_TOKEN: '' } });
      const want = expected.find(([re]) => re.test(line));
      assert.ok(want, `no expectation for: ${line}`);
      assert.equal(r.status, want[1], `${line}\n${r.stdout}\n${r.stderr}`);
      outputs.push({ line, out: r.stdout });
    }
  } finally {
    integration?.kill();
  }
  const out = (re) => outputs.find((o) => re.test(o.line)).out;
  assert.match(out(/--action ack$/), /interact\.url_forbidden/);
  assert.match(out(/--action assign --option bob/), /"selected_option":"bob"/);
  assert.deepEqual(JSON.parse(readFileSync(path.join(dir, 'my-answer.json'), 'utf8')),
    JSON.parse(readFileSync(path.join(root, 'examples/interactive/answer.json'), 'utf8')));
  assert.match(out(/--response my-answer.json$/), /acknowledged/);
  assert.match(out(/answer-trap.json$/), /\[interact\.update_message_omitted\]/);
  assert.match(out(/answer-trap.json$/), /\[interact\.update_props_drop\]/);
  assert.match(out(/^npx mmhook dialog .*--values [^ ]+$/), /dialog_submission/);
  assert.match(out(/^npx mmhook dialog examples\/interactive\/dialog\.json$/), /decode_trigger_id\.expired/);
  assert.match(out(/--look legacy$/), /"assignee":""/);
  assert.match(out(/^npx mmhook rest .*abcdefghijklmnopqrstuvwxyz$/), /POST https:\/\/chat\.example\.com\/api\/v4\/posts/);
  assert.ok(existsSync(path.join(dir, 'alert.html')));
  const post = spawnSync('sh', [path.join(dir, 'post.sh')], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  assert.notEqual(post.status, 0);
  assert.match(post.stderr, /set MM_TOKEN to the access token/);
});
