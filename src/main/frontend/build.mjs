// Copies the browser build of socket.io-client into target/frontend/, which the WAR serves from its root.
// The package already ships an ES module build with a source map, so a bundler would add nothing but a step.
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(join(root, 'package.json'));
const clientDir = dirname(require.resolve('socket.io-client/package.json'));
const { version } = JSON.parse(await readFile(join(clientDir, 'package.json'), 'utf8'));
const vendorDir = join(root, 'target/frontend/js/vendor');

const files = [
  ['dist/socket.io.esm.min.js', 'socket.io.esm.min.js'],
  // The minified file ends with "sourceMappingURL=socket.io.esm.min.js.map", so the map sits beside it.
  ['dist/socket.io.esm.min.js.map', 'socket.io.esm.min.js.map'],
  // The MIT licence travels with the code it covers.
  ['LICENSE', 'socket.io-client.LICENSE'],
];

await mkdir(vendorDir, { recursive: true });
for (const [from, to] of files) {
  await copyFile(join(clientDir, from), join(vendorDir, to));
}
console.log(`socket.io-client ${version}: ${files.length} files -> ${vendorDir}`);
