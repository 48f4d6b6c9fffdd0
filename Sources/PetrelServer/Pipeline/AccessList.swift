public import NIOCore
public import PetrelDNS
import Synchronization

/// Which clients may query (`allow-from`), checked for every packet, and replaceable while the daemon runs
/// (`petrelctl reload`).
///
/// The networks live in an ``AccessListRules`` that every copy of the list shares: the listeners copy the list
/// when they start, and ``replace(with:)`` changes what all of those copies allow at once. A check costs one
/// atomic load of the current rules and a few integer comparisons on the address NIO already decoded, with no
/// lock and no reference counting. Rules that a reload replaced are kept until the list itself goes away,
/// because an event loop may still be reading them; reloads are rare and a rule set is a few bytes per network.
/// IPv4-mapped IPv6 clients (`::ffff:192.0.2.1`, seen on dual-stack sockets) are judged as the IPv4 address
/// they stand for.
public struct AccessList: Sendable {
  private let storage: Storage

  public init(_ networks: [IPNetwork]) {
    storage = Storage(AccessListRules(networks))
  }

  /// Makes every copy of this list allow exactly `networks` from now on.
  public func replace(with networks: [IPNetwork]) {
    storage.publish(AccessListRules(networks))
  }

  /// True when `address` lies in one of the networks.
  public func allows(_ address: IPAddress) -> Bool {
    storage.withCurrent { rules in
      switch address.unmapped {
      case .v4(let host): rules.allowsV4(host.value)
      case .v6(let host): rules.allowsV6(high: host.high, low: host.low)
      }
    }
  }

  /// True when the client at `address` may query; UNIX-socket peers never may.
  @inline(__always)
  public func allows(_ address: SocketAddress) -> Bool {
    switch address {
    case .v4(let v4):
      let host = UInt32(bigEndian: v4.address.sin_addr.s_addr)
      return storage.withCurrent { $0.allowsV4(host) }
    case .v6(let v6):
      let (high, low) = withUnsafeBytes(of: v6.address.sin6_addr) { bytes in
        (
          UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
          UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        )
      }
      if high == 0, low >> 32 == 0xFFFF { return storage.withCurrent { $0.allowsV4(UInt32(truncatingIfNeeded: low)) } }
      return storage.withCurrent { $0.allowsV6(high: high, low: low) }
    case .unixDomainSocket:
      return false
    }
  }

  /// The current rules behind one atomic reference, and every rule set ever published, which keeps them alive.
  private final class Storage: Sendable {
    private let current: Atomic<Unmanaged<AccessListRules>>
    private let published: Mutex<[AccessListRules]>

    init(_ rules: AccessListRules) {
      current = Atomic(Unmanaged.passUnretained(rules))
      published = Mutex([rules])
    }

    func publish(_ rules: AccessListRules) {
      published.withLock { all in
        all.append(rules)
        current.store(Unmanaged.passUnretained(rules), ordering: .releasing)
      }
    }

    @inline(__always)
    func withCurrent<Result>(_ body: (AccessListRules) -> Result) -> Result {
      current.load(ordering: .acquiring)._withUnsafeGuaranteedRef(body)
    }
  }
}
