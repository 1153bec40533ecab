/**
 * A reader that stops early (`support audit | head`) closes the pipe under us: the next write fails
 * with EPIPE, which Node raises as an unhandled 'error' event and a stack trace. As gh and every Unix
 * filter do, that ends the command quietly: nobody is left to read what it would have printed.
 */
export function exitQuietlyOnBrokenPipe(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
}
