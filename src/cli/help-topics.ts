/** `support help <topic>`: what applies to every command, as gh's help topics. */
export const HELP_TOPICS: Readonly<Record<string, { summary: string; text: string }>> = {
  environment: {
    summary: 'environment variables support reads',
    text: `Environment variables (they win over the config file):

  SUPPORT_API_URL      the Support API to talk to, instead of the profile's
  SUPPORT_TOKEN        the token to use, instead of the profile's (never printed)
  SUPPORT_PROFILE      the profile to use, instead of the current one (--profile wins)
  SUPPORT_READ_ONLY    1: refuse every command that changes the desk, as --read-only
  SUPPORT_PAGER        the pager for long output on a terminal (wins over PAGER); empty or cat: none
  PAGER                the pager when SUPPORT_PAGER is not set; by default less -FRX
  NO_COLOR             any value: no colour
  FORCE_COLOR          1, 2 or 3: colour even when not on a terminal
  SUPPORT_THEME        light or dark: the workspace's palette (else the config's theme, else COLORFGBG)
  SUPPORT_CONFIG_DIR   where the config file lives (default: XDG_CONFIG_HOME/support)
  SUPPORT_DATA_DIR     where drafts, the outbox and demo databases live (default: XDG_DATA_HOME/support)

For \`support server\`:
  SUPPORT_DATABASE_URL   PostgreSQL URL, when --database-url is not given
  SUPPORT_DEFAULT_REGION region national phone numbers are read in, when --region is not given

Examples:
  $ SUPPORT_PROFILE=lead support refund list --approvable
  $ SUPPORT_READ_ONLY=1 support queue
  $ SUPPORT_PAGER="less -S" support audit
`,
  },
  'exit-codes': {
    summary: 'what each exit status means',
    text: `Exit codes, the same for every command:

  0    ok
  1    failed: the server refused, or could not be reached (the message says which and what to do)
  2    usage error (a wrong option, argument, --fields name, --jq expression or --template), or cancelled
       at a confirmation prompt; nothing was changed, except when a command that changes something
       could not print its answer as asked (a --jq expression that fails on it; the error says so)
  3    finished, but some items failed (bulk runs: see the report)
  4    not logged in, or not allowed: the role may not, four eyes, an approval limit, or read-only mode
  130  stopped with Ctrl+C

Examples:
  $ support claim --json > claimed.json || echo "nothing claimed (exit $?)"
  $ support bulk refund --file refunds.csv --yes --report out.csv; [ $? -eq 3 ] && grep failed out.csv
`,
  },
  formatting: {
    summary: 'choosing fields, --jq and --template for JSON output',
    text: `Every command with --json can shape what it prints:

  --json                 the whole answer as JSON (unchanged: scripts keep working)
  --json=FIELDS          only these fields of each record, as JSON; also --fields FIELDS. Written with =
                         so that \`conversation show --json 42\` still means conversation 42
  --jq EXPRESSION        filter the JSON with jq (jq 1.8, built in: no jq needed); each result on a line,
                         strings as plain text, other values as compact JSON
  --template TEXT        format the JSON with a Liquid template (https://liquidjs.com)

--fields, --jq and --template each imply --json. --fields applies before --jq or --template. The records
are the items of a list (\`{data: [...], nextCursor}\` keeps its envelope), the object inside a one-key
answer such as \`{conversation}\`, or the answer itself. A field that is not there, an expression that does
not compile or a template that does not parse is a usage error (exit 2) naming it, before anything is
sent; an expression that fails on the answer is one too. On a command that changes something, field
names are checked against the shape of its answer before the change is made (\`claim --json=nope\`
claims nothing); on a read, against the answer itself.

In a template the answer's top-level fields are variables (a list's items are \`data\`). Besides
Liquid's own filters (date, truncate, join, size, default, upcase, …):

  {{ a | row: b, c }}        a table row; rows in a run are aligned in columns (wide characters too);
                             a cell that needs a filter is assigned first: {% assign due = t | timeago %}
  {{ x | color: "red" }}     red, green, yellow, blue, magenta, cyan, gray, bold, dim, …: only on a
                             terminal, never with NO_COLOR
  {{ t | timeago }}          "12m ago", "in 3h05m" for a time
  {{ t | date: "%Y-%m-%d %H:%M" }}   a time, in your time zone
  {{ m | money }}            "5,000,000 IDR" for an {amount, currency} in minor units

Text from the server is escaped for the terminal in every output, as everywhere in support.

Examples:
  $ support queue --json=id,subject,customer
  $ support queue --jq '.data[] | select(.priority == "urgent") | .id'
  $ support conversation show 42 --jq '.messages[-1].body'
  $ support refund list --template '{% for r in data %}{% assign amount = r.amount | money %}{{ r.id | row: amount, r.status }}{% endfor %}'
  $ support queue --template '{% for c in data %}{% assign due = c.sla.dueAt | timeago %}{{ c.id | row: due, c.subject }}{% endfor %}'
`,
  },
};

export const HELP_TOPICS_LINE = `Help topics: ${Object.keys(HELP_TOPICS).map((t) => `support help ${t}`).join(', ')}.`;
