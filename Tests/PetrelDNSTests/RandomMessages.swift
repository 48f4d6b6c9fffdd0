import PetrelTestSupport

@testable import PetrelDNS

/// Builds random but valid messages for the property tests.
struct RandomMessages {
  var rng: SplitMix64

  init(seed: UInt64) { rng = SplitMix64(seed: seed) }

  private static let labelPool: [[UInt8]] = ["www", "example", "com", "a", "B", "ns1", "org", "xn--bcher-kva"].map {
    Array($0.utf8)
  }

  mutating func name() -> DomainName {
    let count = Int.random(in: 0...4, using: &rng)
    let labels = (0..<count).map { _ -> [UInt8] in
      if Bool.random(using: &rng) { return Self.labelPool.randomElement(using: &rng)! }
      return rng.bytes(Int.random(in: 1...10, using: &rng))
    }
    return try! DomainName(labels: labels)
  }

  mutating func rdata() -> RData {
    switch Int.random(in: 0...6, using: &rng) {
    case 0: return .a(IPv4Address(UInt32.random(in: .min ... .max, using: &rng)))
    case 1: return .aaaa(IPv6Address(high: rng.next(), low: rng.next()))
    case 2: return .ns(name())
    case 3: return .cname(name())
    case 4: return .dname(name())
    case 5: return .ptr(name())
    default:
      // Private-use types (RFC 6895), which stay opaque whatever types the library learns later.
      let type = RRType(UInt16.random(in: 65280...65534, using: &rng))
      return .unknown(RData.Unknown(type: type, data: rng.bytes(Int.random(in: 0...20, using: &rng))))
    }
  }

  mutating func record() -> ResourceRecord {
    let rrClass = Int.random(in: 0..<8, using: &rng) == 0 ? RRClass(UInt16.random(in: 2...300, using: &rng)) : .internet
    return ResourceRecord(
      name: name(), rrClass: rrClass, ttl: UInt32.random(in: 0...(1 << 31), using: &rng), rdata: rdata())
  }

  mutating func records() -> [ResourceRecord] { (0..<Int.random(in: 0...6, using: &rng)).map { _ in record() } }

  mutating func option() -> EDNSOption {
    switch Int.random(in: 0...5, using: &rng) {
    case 0: return .nsid(rng.bytes(Int.random(in: 0...8, using: &rng)))
    case 1:
      let server = Bool.random(using: &rng) ? [] : rng.bytes(Int.random(in: 8...32, using: &rng))
      return .cookie(client: rng.bytes(8), server: server)
    case 2: return .padding(Int.random(in: 0...20, using: &rng))
    case 3:
      let text = ["", "bogus", "ünïcode ✓"].randomElement(using: &rng)!
      return .extendedError(
        ExtendedDNSError(code: .init(rawValue: UInt16.random(in: 0...40, using: &rng)), extraText: text))
    case 4:
      if Bool.random(using: &rng) {
        return .clientSubnet(
          try! ClientSubnet(
            ipv4: IPv4Address(UInt32.random(in: .min ... .max, using: &rng)),
            prefixLength: UInt8.random(in: 0...32, using: &rng),
            scopePrefixLength: UInt8.random(in: 0...32, using: &rng)))
      }
      return .clientSubnet(
        try! ClientSubnet(
          ipv6: IPv6Address(high: rng.next(), low: rng.next()), prefixLength: UInt8.random(in: 0...128, using: &rng)))
    default:
      return .unknown(
        code: UInt16.random(in: 65001...65534, using: &rng), data: rng.bytes(Int.random(in: 0...6, using: &rng)))
    }
  }

  mutating func message() -> Message {
    var edns: EDNS? = nil
    if Bool.random(using: &rng) {
      edns = EDNS(
        udpPayloadSize: UInt16.random(in: .min ... .max, using: &rng), version: UInt8.random(in: 0...2, using: &rng),
        dnssecOK: Bool.random(using: &rng), options: (0..<Int.random(in: 0...3, using: &rng)).map { _ in option() },
        reservedFlags: Int.random(in: 0..<8, using: &rng) == 0 ? UInt16.random(in: 1...0x7FFF, using: &rng) : 0)
    }
    let rcode = UInt16.random(in: 0...(edns == nil ? 15 : RCode.maximum), using: &rng)
    return Message(
      id: UInt16.random(in: .min ... .max, using: &rng),
      flags: MessageFlags(rawValue: UInt16.random(in: .min ... .max, using: &rng)),
      opcode: Opcode(rawValue: UInt8.random(in: 0...15, using: &rng)), rcode: RCode(rawValue: rcode),
      questions: (0..<Int.random(in: 0...2, using: &rng)).map { _ in
        Question(name: name(), type: RRType(UInt16.random(in: 1...300, using: &rng)))
      },
      answers: records(), authorities: records(), additionals: records(), edns: edns)
  }
}
