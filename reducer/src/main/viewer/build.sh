#!/bin/sh
# Builds the h5web viewer that the reducer serves at /viewer/. Maven runs it in generate-resources.
#   usage: build.sh <work dir> <output dir>
# npm and vite run in a copy of this directory inside <work dir> (under target/), so node_modules never
# lands in the source tree; the built page goes to <output dir> (target/classes/viewer, i.e. the jar).
# Without npm the build goes on without the viewer: /viewer/ then explains how to get it.
set -eu

src=$(cd "$(dirname "$0")" && pwd)
work=${1:?usage: build.sh <work dir> <output dir>}
out=${2:?usage: build.sh <work dir> <output dir>}

if ! command -v npm >/dev/null 2>&1; then
  echo "npm not found: /viewer will explain how to build the viewer"
  exit 0
fi

# vite 7 needs Node.js 20.19 or newer
if ! node -e 'const [major, minor] = process.versions.node.split(".").map(Number);
  process.exit(major > 20 || (major === 20 && minor >= 19) ? 0 : 1)' 2>/dev/null; then
  echo "Node.js $(node --version 2>/dev/null || echo '(none)') is too old for the viewer (needs 20.19 or newer):" \
    "/viewer will explain how to build the viewer"
  exit 0
fi

fail() {
  echo "viewer build failed: $1 (build without the viewer: ./mvnw -Dviewer.skip ...)" >&2
  exit 1
}

# Keep incremental Maven builds fast: nothing to do when no source is newer than the last build (and the
# packages the e2e check runs with are still installed).
if [ -f "$out/index.html" ] && cmp -s "$src/package-lock.json" "$work/node_modules/.installed-package-lock.json" &&
  [ -z "$(find "$src" -name node_modules -prune -o -newer "$out/index.html" -print | head -n 1)" ]; then
  echo "viewer up to date: $out"
  exit 0
fi

mkdir -p "$work" "$out"
work=$(cd "$work" && pwd)
out=$(cd "$out" && pwd)
rm -rf "$work/src" "$work/e2e" "$work/test"
cp "$src/package.json" "$src/package-lock.json" "$src/index.html" "$src/vite.config.js" "$work/"
cp -R "$src/src" "$src/e2e" "$src/test" "$work/"
cd "$work"

# Install only when the lock file changed since the last install. Not `npm ci`: its strict check rejects
# a lock file without rollup's binaries for other platforms, which the npm registry reachable here
# lacks. `npm install --no-save` installs the same locked versions and leaves the lock file alone.
if ! cmp -s "$src/package-lock.json" node_modules/.installed-package-lock.json; then
  echo "installing the viewer's npm packages into $work/node_modules"
  npm install --no-save --no-audit --no-fund --loglevel=error || fail "npm install"
  cp "$src/package-lock.json" node_modules/.installed-package-lock.json
fi

node --test test/ >test-output.txt 2>&1 || { cat test-output.txt >&2; fail "the viewer's unit tests (node --test)"; }
./node_modules/.bin/vite build --logLevel warn --outDir "$out" --emptyOutDir || fail "vite build"
echo "viewer built: $out"
