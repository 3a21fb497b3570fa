// node_wasi.js: runs a WASI command module under Node's own WASI (node:wasi, preview1) with the
// command line of `wisp run`, so tests/wasi can compare the two runtimes on the same guests:
//   node --no-warnings node_wasi.js [--dir HOST[::GUEST]]... [--env NAME=VAL | --env NAME]... MODULE [ARGS...]
// Exit status: the guest's (proc_exit or main's return), 134 on a trap, 1 on other errors, 2 usage.
'use strict';
const { WASI } = require('node:wasi');
const fs = require('node:fs');

function die(code, msg) {
  process.stderr.write(`node_wasi.js: ${msg}\n`);
  process.exit(code);
}

const argv = process.argv.slice(2);
const preopens = {};
const env = {};
let i = 0;
for (; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--') {
    i++;
    break;
  }
  if (!a.startsWith('-') || a === '-') break;
  if (a === '--dir' || a === '--env') {
    if (i + 1 >= argv.length) die(2, `${a} needs a value`);
    const v = argv[++i];
    if (a === '--dir') {
      const k = v.indexOf('::');
      const host = k < 0 ? v : v.slice(0, k);
      const guest = k < 0 ? v : v.slice(k + 2);
      let st;
      try {
        st = fs.statSync(host);
      } catch (e) {
        die(1, `--dir ${host}: ${e.message}`);
      }
      if (!st.isDirectory()) die(1, `--dir ${host}: not a directory`);
      preopens[guest] = host;
    } else {
      const k = v.indexOf('=');
      if (k < 0) {
        if (Object.prototype.hasOwnProperty.call(process.env, v)) env[v] = process.env[v];
      } else {
        env[v.slice(0, k)] = v.slice(k + 1);
      }
    }
  } else {
    die(2, `unknown option '${a}'`);
  }
}
if (i >= argv.length) die(2, 'missing module path');
const path = argv[i];
const args = argv.slice(i);

let bytes;
try {
  bytes = fs.readFileSync(path === '-' ? 0 : path);
} catch (e) {
  die(1, `cannot read ${path}: ${e.message}`);
}

const wasi = new WASI({ version: 'preview1', args, env, preopens, returnOnExit: true });
let code = 0;
try {
  const module = new WebAssembly.Module(bytes);
  const instance = new WebAssembly.Instance(module, wasi.getImportObject());
  code = wasi.start(instance);
} catch (e) {
  if (e instanceof WebAssembly.RuntimeError) {
    process.stderr.write(`trap: ${e.message}\n`);
    code = 134;
  } else {
    process.stderr.write(`node_wasi.js: error: ${e && e.message ? e.message : e}\n`);
    code = 1;
  }
}
process.exitCode = code;
