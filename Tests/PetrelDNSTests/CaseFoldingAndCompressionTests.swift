import PetrelTestSupport
import Testing

@testable import PetrelDNS

/// Word-at-a-time case folding must agree with the octet-at-a-time definition, and compression by fingerprint
/// must produce pointers only to equal names, at every message size.
@Suite struct CaseFoldingAndCompressionTests {
  @Test func foldingAWordLowersExactlyTheASCIILetters() {
    for byte in 0...255 {
      for position in 0..<8 {
        let word = UInt64(byte) << (8 * position) | 0x4142_5A5B_6061_7A40 & ~(0xFF << (8 * UInt64(position)))
        let folded = CaseFolding.lower(word)
        for octet in 0..<8 {
          let original = UInt8(truncatingIfNeeded: word >> (8 * octet))
          #expect(UInt8(truncatingIfNeeded: folded >> (8 * octet)) == DomainName.lowerASCII(original))
        }
      }
    }
  }

  @Test func equalAndHashIgnoreCaseAtEveryLength() throws {
    var generator = SystemRandomNumberGenerator()
    for length in 1...40 {
      let label = (0..<length).map { _ in UInt8.random(in: 0x21...0x7E, using: &generator) }
      let name = try DomainName(labels: [label, Array("example".utf8)])
      let upper = try DomainName(labels: [
        label.map { ($0 >= 0x61 && $0 <= 0x7A) ? $0 - 0x20 : $0 }, Array("EXAMPLE".utf8),
      ])
      #expect(name == upper)
      #expect(name.hashValue == upper.hashValue)
      var different = label
      different[length - 1] = different[length - 1] == 0x7E ? 0x21 : different[length - 1] + 1
      if DomainName.lowerASCII(different[length - 1]) != DomainName.lowerASCII(label[length - 1]) {
        #expect(try DomainName(labels: [different, Array("example".utf8)]) != name)
      }
    }
    // Octets that differ only in bit 5 but are not letters are different names.
    #expect(try DomainName("a@.") != DomainName("a`."))
    #expect(try DomainName("a[.") != DomainName("a{."))
  }

  @Test func compressesAgainstASuffixWrittenInAnotherCase() throws {
    var writer = WireWriter()
    writer.writeName(try DomainName("www.Example.COM."), compress: true)
    writer.writeName(try DomainName("mail.example.com."), compress: true)
    // mail + pointer to "Example.COM" at offset 4.
    #expect(Array(writer.bytes[17...]) == [4] + Array("mail".utf8) + [0xC0, 4])
  }

  @Test func compressesThroughPointersAlreadyWritten() throws {
    var writer = WireWriter()
    writer.writeName(try DomainName("example.com."), compress: true)
    writer.writeName(try DomainName("ns1.example.com."), compress: true)  // ns1 + pointer to 0
    writer.writeName(try DomainName("NS1.example.com."), compress: true)  // pointer to the ns1 above
    #expect(Array(writer.bytes[13...]) == [3] + Array("ns1".utf8) + [0xC0, 0, 0xC0, 13])
    writer.writeName(try DomainName("ns2.example.com."), compress: false)
    #expect(
      Array(writer.bytes[21...]) == [3] + Array("ns2".utf8) + [7] + Array("example".utf8) + [3] + Array("com".utf8) + [
        0
      ])
  }

  /// The obvious compressor: every suffix written is remembered with its offset, and a name is replaced from
  /// its longest suffix equal to a remembered one (the first remembered).
  static func referenceEncoding(_ names: [DomainName]) -> [UInt8] {
    var bytes: [UInt8] = []
    var remembered: [(suffix: DomainName, offset: Int)] = []
    for name in names {
      var current = name
      while !current.isRoot {
        if let earlier = remembered.first(where: { $0.suffix == current }) {
          bytes += [0xC0 | UInt8(earlier.offset >> 8), UInt8(earlier.offset & 0xFF)]
          break
        }
        if bytes.count < 0x4000 { remembered.append((current, bytes.count)) }
        bytes += current.wire[0...Int(current.wire[0])]
        current = current.parent!
      }
      if current.isRoot { bytes.append(0) }
    }
    return bytes
  }

  @Test(arguments: [10, 40, 300, 3000])
  func compressesLikeTheObviousCompressorAtEverySize(count: Int) throws {
    // Past the linear-scan threshold the writer indexes its targets; the result must not change.
    var generator = SplitMix64(seed: UInt64(count))
    let names = try (0..<count).map { _ in
      let depth = Int(generator.next() % 4)
      var labels = (0..<depth).map { _ in Array("h\(generator.next() % 40)".utf8) }
      labels.append(generator.next() % 2 == 0 ? Array("Zone".utf8) : Array("zone".utf8))
      labels.append(Array("example".utf8))
      return try DomainName(labels: labels)
    }
    var writer = WireWriter()
    for name in names { writer.writeName(name, compress: true) }
    #expect(writer.bytes == Self.referenceEncoding(names))
  }

  @Test func truncatingForgetsTargetsPastTheCut() throws {
    var writer = WireWriter()
    writer.writeName(try DomainName("a.example."), compress: true)
    let cut = writer.count
    writer.writeName(try DomainName("b.example."), compress: true)
    writer.truncate(to: cut)
    writer.writeName(try DomainName("b.example."), compress: true)
    // "b" + pointer to "example" at 2, not a pointer to the cut copy of b.example.
    #expect(Array(writer.bytes[cut...]) == [1, UInt8(ascii: "b"), 0xC0, 2])
  }
}
