/**
 * The few hosts on the internet the docs' examples fetch (the init-container page downloads
 * info.cern.ch): their public address and the page they serve. Anything else outside the cluster
 * does not resolve.
 */

/** What info.cern.ch serves, the page the init-container docs download. */
const CERN_PAGE = `<html><head></head><body><header>
<title>http://info.cern.ch</title>
</header>

<h1>http://info.cern.ch - home of the first website</h1>
<p>From here you can:</p>
<ul>
<li><a href="http://info.cern.ch/hypertext/WWW/TheProject.html">Browse the first website</a></li>
<li><a href="http://line-mode.cern.ch/www/hypertext/WWW/TheProject.html">Browse the first website using the line-mode browser simulator</a></li>
<li><a href="http://home.web.cern.ch/topics/birth-web">Learn about the birth of the web</a></li>
<li><a href="http://home.web.cern.ch/about">Learn about CERN, the physics laboratory where the web was born</a></li>
</ul>
</body></html>
`

export interface InternetHost { ip: string; body: string }

export const INTERNET: Readonly<Record<string, InternetHost>> = {
  'info.cern.ch': { ip: '188.184.67.127', body: CERN_PAGE },
  'example.com': { ip: '23.192.228.80', body: '<!doctype html><html><head><title>Example Domain</title></head><body><h1>Example Domain</h1></body></html>\n' },
  'www.google.com': { ip: '142.250.74.36', body: '<!doctype html><html><head><title>Google</title></head><body></body></html>\n' },
}

const BY_IP = new Map(Object.values(INTERNET).map((h) => [h.ip, h]))

export function internetHost(ip: string): InternetHost | undefined {
  return BY_IP.get(ip)
}

/** A page on the other side of the world takes a moment. */
export const INTERNET_LATENCY_MS = 300
