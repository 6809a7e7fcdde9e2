// Execution test of make_command: every generated command is run for real against a loopback HTTP server
// (127.0.0.1, started here, one request per command, each command bounded by a timeout) and the bytes and
// Content-Type received must equal the body given. POSIX commands run in bash, dash and zsh (non-interactive
// -c, and interactive with history expansion on, as a paste would). HTTPie, wget, fetch (Node) and Python
// requests run when installed. parse_command of each curl command must give the same bytes back.
//
// Needs the helper binary (tests/exec/mmhook_cmd.cpp): MMHOOK_CMD=path, or build/*/tests/exec/mmhook_cmd.
// Run: node --test tests/exec/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFile, execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const vectorsDir = path.resolve(root, "tests/vectors");
const TIMEOUT_MS = 30_000;

function findHelper() {
  if (process.env.MMHOOK_CMD) return process.env.MMHOOK_CMD;
  const build = path.join(root, "build");
  const found = fs.existsSync(build)
    ? fs.readdirSync(build).map((d) => path.join(build, d, "tests/exec/mmhook_cmd")).filter((p) => fs.existsSync(p))
    : [];
  found.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  return found[0];
}

function has(cmd, args = ["--version"]) {
  try {
    execFileSync(cmd, args, { stdio: "ignore", timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

// --- corpus ---------------------------------------------------------------------------------------------
function expandRepeat(v) {
  if (v && typeof v === "object" && Array.isArray(v.$repeat)) return String(v.$repeat[0]).repeat(v.$repeat[1]);
  return v;
}

function vectorBodies() {
  const out = new Set();
  if (!fs.existsSync(vectorsDir)) return out;
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    for (const [k, v] of Object.entries(node)) {
      const s = expandRepeat(v);
      if ((k === "body" || k === "raw_body") && typeof s === "string") out.add(s);
      else walk(v);
    }
  };
  for (const f of fs.readdirSync(vectorsDir).filter((f) => f.endsWith(".json"))) {
    walk(JSON.parse(fs.readFileSync(path.join(vectorsDir, f), "utf8")));
  }
  return out;
}

function syntheticBodies() {
  const all = Buffer.alloc(255);
  for (let i = 0; i < 255; i++) all[i] = i + 1;
  const pretty = JSON.stringify({ text: "x".repeat(40), attachments: Array.from({ length: 40 }, (_, i) => ({ title: `t${i}` })) }, null, 2);
  const lorem = "Lorem ipsum dolor sit amet, \"quoted\" 'single' $HOME `id` !! 100% ^&|<> \\ 😀 ünïcödé\n";
  return [
    "",
    "\n",
    '{"text":"hello"}',
    `{"text":"it's \\"quoted\\" 'single' ''double'' '\\''"}`,
    "{\"text\":\"$HOME $(id) ${PATH} `id` $'x' $\\\"y\\\"\"}",
    '{"text":"!! !-1 !$ !x \\"!\\" a!b !"}',
    '{"text":"% %PATH% %% ^ ^^ & && | || < > ( ) ; , ="}',
    '{"text":"a\\\\b \\\\\\\\ trailing\\\\"}\\',
    "a\r\nb\r\n",
    "\r\n{\"text\":\"crlf\"}\r\n",
    "line1\nMMHOOK_EOF\nMMHOOK_EOF_1\nline4",
    "-n starts with a dash",
    "@starts-with-at",
    "'@\n'@ at line start\n  '@",
    '{"text":"emoji 😀🎉 👩‍💻 ünïcödé 中文 \u2028 \u2029"}',
    "\t{\n\t\t\"text\": \"tab indented\"\n\t}\n",
    "ends with newlines\n\n\n",
    "* ? [abc] ~ # {a,b} ;",
    all,
    Buffer.concat([Buffer.from("nul:"), Buffer.from([0]), Buffer.from(":end")]),
    pretty,
    pretty + "\n",
    lorem.repeat(2600),
    lorem.repeat(2600).trimEnd(),
    "x".repeat(3000),
    "y".repeat(3000) + "\r",
  ].map((s, i) => ({ name: `syn${i}`, bytes: Buffer.isBuffer(s) ? s : Buffer.from(s, "utf8") }));
}

// --- loopback server ------------------------------------------------------------------------------------
let server;
let port;
let last = null;

before(async () => {
  server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      last = { method: req.method, url: req.url, contentType: req.headers["content-type"] ?? null, body: Buffer.concat(chunks) };
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.end("ok");
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = server.address().port;
});

after(() => server?.close());

function run(file, args, input) {
  return new Promise((resolve) => {
    // Generated commands may write payload files into their working directory: run them in a scratch folder.
    const child = execFile(file, args, { cwd: work, timeout: TIMEOUT_MS, maxBuffer: 64 << 20, encoding: "buffer" }, (err, stdout, stderr) =>
      resolve({ err, stdout: stdout.toString(), stderr: stderr.toString() }),
    );
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

// Go's url.ParseQuery value of `payload` (first occurrence), as bytes.
function formPayload(buf) {
  for (const part of buf.toString("latin1").split("&")) {
    const eq = part.indexOf("=");
    const key = eq < 0 ? part : part.slice(0, eq);
    if (key !== "payload") continue;
    const v = (eq < 0 ? "" : part.slice(eq + 1)).replace(/\+/g, " ");
    const bytes = [];
    for (let i = 0; i < v.length; i++) {
      if (v[i] === "%" && /^[0-9a-fA-F]{2}$/.test(v.slice(i + 1, i + 3))) {
        bytes.push(parseInt(v.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(v.charCodeAt(i));
    }
    return Buffer.from(bytes);
  }
  return null;
}

// --- the matrix -----------------------------------------------------------------------------------------
const helper = findHelper();
const work = fs.mkdtempSync(path.join(os.tmpdir(), "mmhook-cmd-"));
const cases = [...[...vectorBodies()].map((s, i) => ({ name: `vec${i}`, bytes: Buffer.from(s, "utf8") })), ...syntheticBodies()];
const URL_PLACEHOLDER = "http://127.0.0.1:9/hooks/abc123def";

function prepare() {
  for (const c of cases) fs.writeFileSync(path.join(work, `${c.name}.body`), c.bytes);
  execFileSync(helper, ["batch", work, URL_PLACEHOLDER], { timeout: 120_000 });
}

const nodeFetchOk = typeof fetch === "function";
// A per-shell table: the interpreters that run each target here (PowerShell and cmd.exe are checked by rule only).
const targets = [
  { shell: "posix", runner: "bash", argv: (f) => ["bash", ["--norc", "--noprofile", f]] },
  { shell: "posix", runner: "dash", argv: (f) => ["dash", [f]] },
  { shell: "posix", runner: "zsh", argv: (f) => ["zsh", ["-f", f]] },
  { shell: "posix", runner: "bash -i (paste)", stdin: true, sample: true, argv: () => ["bash", ["--norc", "--noprofile", "-i"]] },
  { shell: "posix", runner: "zsh -i (paste)", stdin: true, sample: true, argv: () => ["zsh", ["-f", "-i"]] },
  { shell: "httpie", runner: "bash", optional: () => has("http"), argv: (f) => ["bash", ["--norc", f]] },
  { shell: "wget", runner: "bash", optional: () => has("wget"), argv: (f) => ["bash", ["--norc", f]] },
  // Interpreters start slowly (~0.4 s): they (and the interactive shells) get the synthetic bodies and a
  // sample of the vector bodies.
  { shell: "fetch", runner: "node", sample: true, optional: () => nodeFetchOk, ext: ".mjs", argv: (f) => [process.execPath, [f]] },
  { shell: "python", runner: "python3", sample: true, optional: () => has("python3", ["-c", "import requests"]), ext: ".py", argv: (f) => ["python3", [f]] },
];

test("helper binary and curl are available", () => {
  assert.ok(helper, "build tests/exec (mmhook_cmd) first, or set MMHOOK_CMD");
  assert.ok(has("curl"), "curl is not installed");
});

let prepared = false;
for (const t of targets) {
  for (const enc of ["json", "form"]) {
    const skip = !helper ? "no helper binary" : t.optional && !t.optional() ? `${t.shell} runner not installed` : false;
    test(`${t.shell} via ${t.runner}, ${enc}: bytes and Content-Type arrive exactly`, { skip }, async () => {
      if (!prepared) {
        prepare();
        prepared = true;
      }
      const failures = [];
      const mine = t.sample ? cases.filter((c, i) => c.name.startsWith("syn") || i % 10 === 0) : cases;
      for (const c of mine) {
        const base = path.join(work, `${c.name}.${t.shell}.${enc}`);
        const cmd = fs.readFileSync(`${base}.cmd`, "utf8").replaceAll(URL_PLACEHOLDER, `http://127.0.0.1:${port}/hooks/abc123def`);
        const script = `${base}.run${t.ext ?? ".sh"}`;
        fs.writeFileSync(script, cmd);
        last = null;
        const [file, args] = t.argv(script);
        const r = await run(file, args, t.stdin ? cmd + "\nexit\n" : undefined);
        const got = last;
        const problem = (() => {
          if (!got) return `no request (${r.err?.message ?? ""} ${r.stderr.slice(0, 300)})`;
          if (got.method !== "POST") return `method ${got.method}`;
          const wantType = enc === "json" ? "application/json" : "application/x-www-form-urlencoded";
          if (got.contentType !== wantType) return `content type ${got.contentType}`;
          const payload = enc === "json" ? got.body : formPayload(got.body);
          if (!payload || !payload.equals(c.bytes)) {
            return `body differs: got ${got.body.length} bytes ${JSON.stringify(got.body.subarray(0, 80).toString("latin1"))}`;
          }
          if (fs.existsSync(`${base}.parsed`)) {
            const p = JSON.parse(fs.readFileSync(`${base}.parsed`, "utf8"));
            const parsed = Buffer.from(p.body, "base64");
            if (enc === "json" && !parsed.equals(c.bytes)) return "parse_command body differs from the original";
            if (enc === "form" && t.shell === "posix" && !parsed.equals(got.body)) return "parse_command body differs from what curl sent";
            if (p.contentType !== wantType) return `parse_command content type ${p.contentType}`;
          }
          return null;
        })();
        if (problem) failures.push(`${c.name}: ${problem}`);
      }
      assert.deepEqual(failures, [], `${failures.length} of ${mine.length} bodies failed`);
    });
  }
}

after(() => fs.rmSync(work, { recursive: true, force: true }));
