import { setFlagsFromString } from 'node:v8';

/**
 * While the workspace's code loads and its first frame renders, almost everything allocated lives
 * for good (modules, the React tree) or dies within milliseconds. With V8's start-up young generation
 * (1 MB, doubled at each collection) that took five scavenges, and the survivors they promoted
 * reached the old generation's first limit: a mark-compact before the first frame, some 15 ms of
 * collection in all where the Ink hello-world has 2. Growing the young generation to its maximum at
 * the first collection leaves one scavenge before the first frame and no mark-compact.
 */
export function roomForStartUp(): void {
  setFlagsFromString('--semi-space-growth-factor=16');
}

/**
 * Long-running commands (the workspace, a bulk run) allocate steadily: page after page of the queue,
 * thousands of requests. V8 then grows its young generation towards its maximum, room for garbage
 * that shows as resident memory (20 to 30 MB in the workspace with 10,000 conversations, more in a
 * long bulk run). Kept at its start size, it is collected a little more often (a scavenge of a
 * small space takes well under a millisecond) and memory stays flat.
 */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}
