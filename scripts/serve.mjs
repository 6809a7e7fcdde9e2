// npm start's server: the same module as `npx mmhook serve` (bin/server/server.mjs): dist/web on 127.0.0.1 plus the
// webhook receiver. Usage: node scripts/serve.mjs [every `mmhook serve` flag]; PORT env sets the default port 8080.
// Exports serve() for tests.
import { fileURLToPath } from 'node:url';
import { runServe, ServeUsageError } from '../bin/cli/serve.mjs';

export { serve } from '../bin/server/server.mjs';

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runServe(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
    process.stderr.write(`serve: ${e instanceof ServeUsageError ? e.message : e?.stack || e}\n`);
    process.exitCode = 2;
  });
}
