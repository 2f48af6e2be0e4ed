/**
 * The runner's machine verbs, which stand for what happens outside Kubernetes' API:
 *   node kill NAME | node restore NAME      pull the plug / power on again
 *   node add NAME [--cpu N] [--memory Q] [--zone Z] [--pods N]   a new machine joins (its kubelet registers the Node)
 *   node remove NAME                        the machine is switched off and its Node deleted
 */
import { isQuantity, parseQuantity } from '../apiserver/quantity'
import type { KubectlHost } from './host'

export interface VerbResult {
  ok: boolean
  text: string
}

const USAGE = 'usage: node kill|restore|remove NAME, node add NAME [--cpu N] [--memory Q] [--zone Z] [--pods N]'
const ADD_FLAGS = ['cpu', 'memory', 'zone', 'pods']

function addFlags(words: string[]): Record<string, string> | string {
  const out: Record<string, string> = {}
  for (let i = 0; i < words.length; i++) {
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(words[i])
    if (!m || !ADD_FLAGS.includes(m[1])) return `error: unknown flag: ${words[i]}`
    const value = m[2] ?? words[++i]
    if (value === undefined) return `error: flag needs an argument: --${m[1]}`
    out[m[1]] = value
  }
  return out
}

export function runNodeVerb(cluster: KubectlHost, words: string[]): VerbResult {
  const [verb, name, ...rest] = words
  const nodes = cluster.nodes
  if (!verb || !name || !['kill', 'restore', 'add', 'remove'].includes(verb)) return { ok: false, text: USAGE }
  if (!nodes) return { ok: false, text: 'error: this cluster has no node simulator' }
  try {
    if (verb === 'kill' || verb === 'restore') {
      nodes[verb](name)
      return { ok: true, text: `node/${name} ${verb === 'kill' ? 'killed' : 'restored'}\n` }
    }
    if (verb === 'remove') {
      if (!nodes.removeNode) return { ok: false, text: 'error: this cluster cannot remove nodes' }
      nodes.removeNode(name)
      return { ok: true, text: `node/${name} removed\n` }
    }
    if (!nodes.addNode) return { ok: false, text: 'error: this cluster cannot add nodes' }
    const flags = addFlags(rest)
    if (typeof flags === 'string') return { ok: false, text: flags }
    const positive = (q: string) => isQuantity(q) && parseQuantity(q) > 0
    if (flags.cpu !== undefined && !positive(flags.cpu)) return { ok: false, text: `error: invalid --cpu "${flags.cpu}"` }
    if (flags.memory !== undefined && !positive(flags.memory)) return { ok: false, text: `error: invalid --memory "${flags.memory}"` }
    if (flags.pods !== undefined && !/^[1-9]\d*$/.test(flags.pods)) return { ok: false, text: `error: invalid --pods "${flags.pods}"` }
    nodes.addNode({ name, cpu: flags.cpu, memory: flags.memory, zone: flags.zone, pods: flags.pods === undefined ? undefined : Number(flags.pods) })
    return { ok: true, text: `node/${name} added\n` }
  } catch (e) {
    return { ok: false, text: `error: ${(e as Error).message}` }
  }
}
