// A minimal integration for alert.json's buttons (the README's walk-through): listens on 127.0.0.1:3000 (PORT=…),
// checks the shared secret from the action's context, and answers as Mattermost expects (interactivity.md §3, §6.4).
import http from 'node:http';
import { readFileSync } from 'node:fs';

const SECRET = 'replace-with-a-shared-secret';
const answer = readFileSync(new URL('./answer.json', import.meta.url), 'utf8');

const server = http.createServer((req, res) => {
  let raw = '';
  req.on('data', (c) => { raw += c; });
  req.on('end', () => {
    let body = {};
    try { body = JSON.parse(raw); } catch { /* answered 400 below */ }
    console.log(req.method, req.url, raw);
    const reply = (status, json) => { res.writeHead(status, { 'Content-Type': 'application/json' }); res.end(json); };
    if (req.url === '/mattermost/dialog') return reply(200, '{}');   // a submission: {} closes the dialog
    if (body.context?.secret !== SECRET) return reply(403, '{}');       // Mattermost signs nothing: check your secret
    if (req.url === '/mattermost/ack') return reply(200, answer);
    if (req.url === '/mattermost/assign') {
      return reply(200, JSON.stringify({ ephemeral_text: `Assigned to ${body.context.selected_option}.` }));
    }
    return reply(404, '{}');
  });
});
server.listen(Number(process.env.PORT || 3000), '127.0.0.1', () => console.log(`integration on http://127.0.0.1:${server.address().port}`));
