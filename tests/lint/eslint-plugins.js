// The plugins eslint.config.js uses. typescript-eslint needs TypeScript's JavaScript API, which the
// project's TypeScript 7 does not have: the first import points `typescript` at this package's 6.x
// for the rest of the lint process (see README.md), before typescript-eslint loads.
import './typescript-api.js';

export { default as js } from '@eslint/js';
export { default as globals } from 'globals';
export { default as reactHooks } from 'eslint-plugin-react-hooks';
export { default as tseslint } from 'typescript-eslint';
