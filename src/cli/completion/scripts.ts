/**
 * The scripts `support completion SHELL` prints. Each asks `support __complete [--new-word] -- WORDS…` for the
 * candidates (one per line, "value<TAB>description"), so what completes is read from the command
 * definitions at the time of the Tab press, never from a list frozen into the script.
 */
export const SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const;
export type Shell = (typeof SHELLS)[number];

const BASH = `# support completion for bash. Load it in this shell:  source <(support completion bash)
# or for every shell:  support completion bash > ~/.local/share/bash-completion/completions/support
_support_complete() {
  local IFS=$'\\n' line
  local -a lines
  lines=($(support __complete -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
  COMPREPLY=()
  for line in "\${lines[@]}"; do
    COMPREPLY+=("\${line%%$'\\t'*}")
  done
}
complete -F _support_complete support
`;

const ZSH = `#compdef support
# support completion for zsh. Load it in this shell:  source <(support completion zsh)
# or for every shell: save it as _support in a folder of your $fpath.
_support() {
  local -a lines candidates
  local line
  lines=("\${(@f)$(support __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  for line in "\${lines[@]}"; do
    [[ -z "$line" ]] && continue
    if [[ "$line" == *$'\\t'* ]]; then
      candidates+=("\${\${line%%$'\\t'*}//:/\\\\:}:\${line#*$'\\t'}")
    else
      candidates+=("\${line//:/\\\\:}")
    fi
  done
  _describe -t values 'support' candidates
}
if (( $+functions[compdef] )); then compdef _support support; fi
`;

const FISH = `# support completion for fish. Load it:  support completion fish | source
# or for every shell:  support completion fish > ~/.config/fish/completions/support.fish
function __support_complete
    set -l tokens (commandline -opc) (commandline -ct)
    support __complete -- $tokens[2..-1] 2>/dev/null
end
complete -c support -f -a '(__support_complete)'
`;

const POWERSHELL = `# support completion for PowerShell. Load it:  support completion powershell | Out-String | Invoke-Expression
# or for every session: add that line to your $PROFILE.
Register-ArgumentCompleter -Native -CommandName support -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $words = @($commandAst.CommandElements | Select-Object -Skip 1 | Where-Object { $_.Extent.EndOffset -le $cursorPosition } | ForEach-Object { $_.ToString() })
    # An empty argument does not reach a native command in every PowerShell: a flag says a new word starts.
    $new = if ($wordToComplete -eq '') { @('--new-word') } else { @() }
    & support __complete @new -- @words 2>$null | ForEach-Object {
        $value, $description = $_ -split "\`t", 2
        if (-not $description) { $description = $value }
        [System.Management.Automation.CompletionResult]::new($value, $value, 'ParameterValue', $description)
    }
}
`;

export const COMPLETION_SCRIPTS: Record<Shell, string> = { bash: BASH, zsh: ZSH, fish: FISH, powershell: POWERSHELL };
