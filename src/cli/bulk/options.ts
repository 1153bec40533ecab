/** What `support bulk <action>` was given on the command line. */
export interface BulkOptions {
  file: string;
  format?: 'csv' | 'jsonl';
  dryRun?: boolean;
  skipInvalid?: boolean;
  concurrency: number;
  resume?: boolean;
  report?: string;
  json?: boolean;
  yes?: boolean;
}
