// Preloaded (node --import) by the dependency-cruiser run. The project compiles with TypeScript 7,
// whose package has no JavaScript compiler API; dependency-cruiser parses .ts/.tsx with that API and
// is hoisted to the root node_modules, where `typescript` is 7. Inside the lint process only, every
// import of `typescript` goes to the 6.x this package installs.
import { registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const typescriptApi = pathToFileURL(createRequire(import.meta.url).resolve('typescript')).href;
const typescriptManifest = pathToFileURL(createRequire(import.meta.url).resolve('typescript/package.json')).href;

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'typescript') return { url: typescriptApi, shortCircuit: true };
    if (specifier === 'typescript/package.json') return { url: typescriptManifest, shortCircuit: true };
    return nextResolve(specifier, context);
  },
});
