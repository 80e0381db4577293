// Copies the browser build of socket.io-client into target/frontend/, which the WAR serves from its root, and the
// Socket.IO Admin UI's built dashboard into target/frontend/WEB-INF/admin-ui/ (out of direct reach: served at
// adminUiPath, only when adminUi is on).
// Both packages ship built files, so a bundler would add nothing but a step.
import { copyFile, cp, mkdir, readFile } from 'node:fs/promises';
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

// The dashboard as the package ships it (relative asset paths, hash routing: it works under any path that ends in
// a slash), without its source maps (3.4 MB of the 4.7).
const adminUiDir = dirname(require.resolve('@socket.io/admin-ui/package.json'));
const adminUi = JSON.parse(await readFile(join(adminUiDir, 'package.json'), 'utf8'));
const adminUiTarget = join(root, 'target/frontend/WEB-INF/admin-ui'); // served only through adminUiPath
await cp(join(adminUiDir, 'ui/dist'), adminUiTarget, { recursive: true, filter: (source) => !source.endsWith('.map') });
await copyFile(join(adminUiDir, 'LICENSE'), join(adminUiTarget, 'admin-ui.LICENSE'));
console.log(`@socket.io/admin-ui ${adminUi.version}: dashboard -> ${adminUiTarget}`);
