/**
 * Help pages in kubectl's layout (its cobra usage template): the description, Aliases:, Examples:
 * (indented two spaces), Available Commands:, Options: (`    -o, --output='':` then the text on a tab),
 * Usage:, and the closing hints. Flag texts are not wrapped to the terminal width, as kubectl prints
 * them when its output is not a terminal.
 */

/** One flag in Options: name, default as pflag prints it (`''`, `false`, `-1`, `[]`), text, shorthand. */
export type HelpOption = [name: string, defaultValue: string, usage: string, shorthand?: string]

export interface HelpText {
  /** One line, shown in the parent's command list. */
  short: string
  /** Paragraphs separated by blank lines; defaults to `short`. */
  long?: string
  aliases?: string[]
  /** `# comment` and command lines; blocks separated by blank lines. */
  examples?: string
  options?: HelpOption[]
  /** The usage line after `kubectl `; absent for a command that only groups subcommands. */
  usage?: string
  /** Subcommand names; their pages are keyed `parent sub`. */
  subcommands?: string[]
}

export const SUGGEST_API_RESOURCES = 'Use "kubectl api-resources" for a complete list of supported resources.'
export const GLOBAL_OPTIONS_HINT = 'Use "kubectl options" for a list of global command-line options (applies to all commands).'

/**
 * kubectl's LongDesc turns its markdown into text where every paragraph after the first begins with
 * one space; indented blocks (examples inside the description) keep their indentation.
 */
function longText(text: string): string {
  return text
    .trim()
    .split(/\n\n/)
    .map((p, i) => (i === 0 || /^\s|^\*|^[0-9]+\./.test(p) || p.startsWith('Use "kubectl') ? p : ' ' + p))
    .join('\n\n')
}

function option([name, def, usage, short]: HelpOption): string {
  return `    ${short ? `-${short}, ` : ''}--${name}=${def}:\n\t${usage.replaceAll('\n', ' ')}`
}

function examples(text: string): string {
  return text
    .trim()
    .split('\n')
    .map((l) => (l ? '  ' + l : ''))
    .join('\n')
}

/** The full page for `kubectl <path> --help`; `lookup` finds subcommands' one-line texts. */
export function renderHelp(path: string, help: HelpText, lookup: (key: string) => HelpText | undefined): string {
  let text = longText(help.long ?? help.short) + '\n\n'
  if (help.aliases?.length) text += `Aliases:\n  ${[path.split(' ').pop(), ...help.aliases].join(', ')}\n\n`
  if (help.examples) text += `Examples:\n${examples(help.examples)}\n\n`
  if (help.subcommands?.length) {
    // kube: cobra pads names to the longest sibling, at least 11 columns, then one space.
    const width = Math.max(11, ...help.subcommands.map((s) => s.length))
    const rows = help.subcommands.map((s) => `  ${s.padEnd(width)} ${lookup(`${path} ${s}`)?.short ?? ''}`.trimEnd())
    text += `Available Commands:\n${rows.join('\n')}\n\n`
  }
  if (help.options?.length) {
    const sorted = [...help.options].sort((a, b) => (a[0] < b[0] ? -1 : 1))
    text += `Options:\n${sorted.map(option).join('\n\n')}\n\n`
  }
  if (help.usage) text += `Usage:\n  kubectl ${help.usage}\n\n`
  if (help.subcommands?.length) text += 'Use "kubectl <command> --help" for more information about a given command.\n'
  return text + GLOBAL_OPTIONS_HINT + '\n'
}
