// Kept to syntax that old Node versions parse: this runs before anything that needs a new one.

/** The oldest Node that runs support (node:sqlite without a flag); package.json's engines says the same. */
export const REQUIRED_NODE = '22.22.0';

function parse(version) {
  return String(version).replace(/^v/, '').split('.').map((part) => Number.parseInt(part, 10) || 0);
}

/** One line saying which Node support needs and how to get it, or null when `version` is new enough. */
export function nodeVersionProblem(version) {
  const have = parse(version);
  const need = parse(REQUIRED_NODE);
  for (let i = 0; i < 3; i++) {
    if ((have[i] || 0) > need[i]) return null;
    if ((have[i] || 0) < need[i]) {
      return `support needs Node.js ${REQUIRED_NODE} or newer, but this is ${String(version).replace(/^v/, '')}: run it through npm in its folder (npm start, npx support), which uses the Node 24 that npm install fetched, or install Node 24 (https://nodejs.org, or nvm install 24).`;
    }
  }
  return null;
}
