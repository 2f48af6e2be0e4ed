/**
 * The API server's IP and port allocators (kube: the service-cluster-ip-range 10.96.0.0/12 and the
 * service-node-port-range 30000-32767). Free values are drawn from the seeded source, as Kubernetes
 * draws them at random.
 */
import type { Random } from '../random'

const SERVICE_CIDR_BASE = (10 << 24) | (96 << 16) // 10.96.0.0
const SERVICE_CIDR_SIZE = 1 << 20 // /12

const toIP = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.')

export class ClusterIPAllocator {
  private used = new Set<string>(['10.96.0.1'])

  constructor(private readonly random: Random) {}

  allocate(): string {
    for (;;) {
      // Skip the network address, .1 (the kubernetes Service) and .10 (kube-dns by convention).
      const ip = toIP(SERVICE_CIDR_BASE + 2 + this.random.int(SERVICE_CIDR_SIZE - 3))
      if (!this.used.has(ip) && ip !== '10.96.0.10') {
        this.used.add(ip)
        return ip
      }
    }
  }

  release(ip: string): void {
    if (ip !== '10.96.0.1') this.used.delete(ip)
  }
}

export class NodePortAllocator {
  private used = new Set<number>()

  constructor(private readonly random: Random) {}

  allocate(): number {
    for (;;) {
      const p = 30000 + this.random.int(2768)
      if (!this.used.has(p)) {
        this.used.add(p)
        return p
      }
    }
  }
}
