// The published declarations compile against real usage with tsc --strict.
import test from 'node:test';
import assert from 'node:assert/strict';
import { compileAgainstDts } from './helpers.mjs';

test('dist/mmhook.d.ts: a strict TypeScript consumer compiles', () => {
  const r = compileAgainstDts(`
import createDefault, { createMmhook, type Report, type Diagnostic, type Post, type Mmhook, type ActionSimulation, type DialogCheck, type HttpRequest } from './mmhook';
async function main(): Promise<number> {
  const mm: Mmhook = await createMmhook({ wasmBinary: new Uint8Array(0) });
  const r: Report = mm.check('{"text":"hi"}', { contentType: null, settings: { enablePostUsernameOverride: true, hook: { channel: 'x' } } });
  const d: Diagnostic | undefined = r.diagnostics[0];
  const sev: 'error' | 'warning' | 'info' | undefined = d?.severity;
  const p: Post | undefined = r.posts[0];
  const html: string = p ? p.html : '';
  const status: number = r.status;
  const err: string = r.error ? r.error.detailed_error : '';
  const cmd: string = mm.command('{}', { url: 'https://mm.example.com/hooks/abc', shell: 'posix', encoding: 'form' });
  const pc = mm.parseCommand(cmd);
  const body: string = pc.body;
  const sim: ActionSimulation = mm.simulateAction('{}', { actionId: 'go', selectedOption: 'x', nowMillis: 1, afterResponse: '{}', context: { userName: 'alice' } });
  const reqBody: string = sim.request ? sim.request.body : '';
  const hdr: string | undefined = sim.request?.headers['Content-Type'];
  const upd: Report = mm.applyActionResponse('{}', '{"update":{"message":"m"}}', { actionId: 'go' });
  const upd2: Report = mm.applyActionResponse('{}', '');
  const dlg: DialogCheck = mm.checkDialog('{}', { values: { a: 'x', n: 2, b: true, m: ['1'] }, response: '{}', nowMillis: 0, look: 'legacy' });
  const dhtml: string = dlg.html;
  const sub: HttpRequest | null = dlg.submission ?? dlg.cancel;
  const outcome: string | null = dlg.outcome;
  const again = await createDefault();
  return reqBody.length + String(hdr).length + upd.posts.length + upd2.status + dhtml.length + (sub ? 1 : 0) + String(outcome).length + status + html.length + err.length + String(sev).length + body.length + again.version.mmhook.length;
}
void main;
`);
  assert.equal(r.status, 0, r.output);
});
