import chalk from 'chalk';

// chalk follows FORCE_COLOR and whether the output is a terminal; NO_COLOR is ours to honour.
if (process.env['NO_COLOR'] && !process.env['FORCE_COLOR']) chalk.level = 0;

/** chalk, configured for this process: every coloured output of the CLI uses it. */
export const color = chalk;
