#!/usr/bin/env node
// The mmkata command. Checks the Node.js version before loading anything that
// needs a newer one, then runs the compiled CLI (dist/, built by `npm run build`).

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`error: mmkata needs Node.js 20.19 or newer; this is Node.js ${process.versions.node}.\n`);
  process.exit(3);
}

import("../dist/graders/cli/main.js").then(
  async ({ main }) => {
    process.exitCode = await main(process.argv);
  },
  (err) => {
    const notBuilt = err && err.code === "ERR_MODULE_NOT_FOUND" && /dist[\\/]graders[\\/]cli[\\/]main\.js/.test(String(err.message));
    process.stderr.write(notBuilt ? "error: mmkata is not built yet: run `npm run build` in the kit's folder.\n" : `internal error: ${err && err.stack}\n`);
    process.exitCode = notBuilt ? 3 : 4;
  },
);
