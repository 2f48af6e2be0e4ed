// busybox wget/nslookup and curl output for each outcome of a request (a fake network answers).
import { describe, expect, it } from 'vitest'
import type { NetResponse } from '../network/types'
import { curl, hasCurl, nslookup, wget } from './net-applets'
import type { ProgramContext, Step } from './program'

function ctxWith(res: Partial<NetResponse>): ProgramContext {
  return {
    now: () => 0, env: {}, hostname: 'p', podIP: '10.244.1.2',
    http: () => ({ body: '', latencyMs: 1, route: [], ip: '10.96.0.20', ...res }),
    lookup: (name) => (name === 'web' ? { name: 'web.default.svc.cluster.local', addresses: [{ ip: '10.96.0.20', ptr: 'web.default.svc.cluster.local' }] } : undefined),
  }
}

function play(gen: Generator<Step, number, undefined>): { out: string; err: string; code: number; slept: number } {
  let out = ''
  let err = ''
  let slept = 0
  for (;;) {
    const r = gen.next()
    if (r.done) return { out, err, code: r.value, slept }
    const s = r.value
    if (s.kind === 'log') {
      if (s.stream === 'stderr') err += `${s.line}\n`
      else out += `${s.line}\n`
    } else if (s.kind === 'sleep') slept += s.ms
  }
}

describe('wget (busybox)', () => {
  it('connection refused, a kernel timeout, -T, no route', () => {
    expect(play(wget(['-q', '-O-', 'http://web'], ctxWith({ error: 'connection refused' }), new Map())))
      .toEqual({ out: '', err: "wget: can't connect to remote host (10.96.0.20): Connection refused\n", code: 1, slept: 1 })
    expect(play(wget(['http://web'], ctxWith({ error: 'timed out', latencyMs: 127_000 }), new Map())).err)
      .toBe("Connecting to web (10.96.0.20:80)\nwget: can't connect to remote host (10.96.0.20): Connection timed out\n")
    expect(play(wget(['-T', '5', '-qO-', 'http://web'], ctxWith({ error: 'timed out', latencyMs: 5000 }), new Map()))).toMatchObject({ err: 'wget: download timed out\n', slept: 5000 })
    expect(play(wget(['-q', 'http://10.244.9.9'], ctxWith({ error: 'no route to host', ip: '10.244.9.9' }), new Map())).err)
      .toBe("wget: can't connect to remote host (10.244.9.9): No route to host\n")
  })

  it('-O FILE saves the page', () => {
    const fs = new Map<string, string>()
    const r = play(wget(['-O', '/tmp/page', 'http://web:8080/x'], ctxWith({ status: 200, body: 'hello\n' }), fs))
    expect(fs.get('/tmp/page')).toBe('hello\n')
    expect(r.err).toBe("Connecting to web (10.96.0.20:8080)\nsaving to '/tmp/page'\npage                 100% |********************************|      6  0:00:00 ETA\n'/tmp/page' saved\n")
  })
})

describe('curl', () => {
  it('ships only in the images that have it', () => {
    expect(['nginx', 'nginx:1.27-alpine', 'docker.io/library/nginx:latest', 'curlimages/curl:8.11.1'].map(hasCurl)).toEqual([true, true, true, true])
    expect(['busybox:1.28', 'alpine', 'httpd:2.4', undefined].map(hasCurl)).toEqual([false, false, false, false])
  })

  it('errors: (6) resolve, (7) refused, (28) -m timeout, (22) with -f; -s hides them, -sS shows them', () => {
    expect(play(curl(['http://nope'], ctxWith({ error: 'could not resolve host' }), new Map()))).toMatchObject({ err: 'curl: (6) Could not resolve host: nope\n', code: 6 })
    expect(play(curl(['web'], ctxWith({ error: 'connection refused' }), new Map()))).toMatchObject({ err: 'curl: (7) Failed to connect to web port 80 after 1 ms: Could not connect to server\n', code: 7 })
    expect(play(curl(['-m', '2', 'web'], ctxWith({ error: 'timed out', latencyMs: 2000 }), new Map()))).toMatchObject({ err: 'curl: (28) Connection timed out after 2001 milliseconds\n', code: 28 })
    expect(play(curl(['-sf', 'web/x'], ctxWith({ status: 404, body: 'nope' }), new Map()))).toMatchObject({ out: '', err: '', code: 22 })
    expect(play(curl(['-sSf', 'web/x'], ctxWith({ status: 404, body: 'nope' }), new Map()))).toMatchObject({ err: 'curl: (22) The requested URL returned error: 404\n', code: 22 })
    expect(play(curl(['-s', 'web'], ctxWith({ error: 'connection refused' }), new Map()))).toMatchObject({ err: '', code: 7 })
  })

  it('prints the body, even of a 404 without -f; -I prints the status line and headers', () => {
    expect(play(curl(['web/x'], ctxWith({ status: 404, body: 'not here\n' }), new Map()))).toMatchObject({ out: 'not here\n', code: 0 })
    expect(play(curl(['-I', 'web'], ctxWith({ status: 200, body: 'abc' }), new Map())).out).toBe('HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Length: 3\n\n')
  })
})

describe('nslookup (busybox 1.28)', () => {
  it('answers with kube-dns as the server, or cannot resolve', () => {
    expect(play(nslookup(['web'], ctxWith({})))).toEqual({
      out: 'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      web\nAddress 1: 10.96.0.20 web.default.svc.cluster.local\n',
      err: '', code: 0, slept: 0,
    })
    expect(play(nslookup(['nope'], ctxWith({}))).err).toBe("nslookup: can't resolve 'nope'\n")
  })
})
