import Foundation
import PetrelTestSupport
import Testing

@testable import PetrelDNS

@Suite struct ZonePrinterTests {
  private static let ldnsReadZone = "/usr/bin/ldns-read-zone"

  private func parse(_ text: String, origin: DomainName? = nil) throws -> [ResourceRecord] {
    var parser = ZoneFileParser(text: text, origin: origin)
    return try parser.parseAll()
  }

  private func sample() throws -> [ResourceRecord] { try parse(try Fixtures.text("sample.zone")) }

  @Test func absoluteLinesAreThePresentationForm() throws {
    let records = try sample()
    let text = ZonePrinter().text(records)
    #expect(text == records.map { $0.presentation + "\n" }.joined())
    #expect(text.hasPrefix("example.org.\t3600\tIN\tNS\tns1.example.org.\n"))
  }

  @Test func relativeStyleUsesTheOriginAndBlankOwners() throws {
    let origin = try DomainName("example.org.")
    let records = try parse(
      """
      example.org. 60 NS ns.example.org.
      example.org. 60 A 192.0.2.1
      www.example.org. 60 A 192.0.2.2
      a\\ b.c.example.org. 60 A 192.0.2.3
      other.test. 60 A 192.0.2.4
      """)
    let text = ZonePrinter(style: .relative(origin: origin)).text(records)
    #expect(
      text == """
        $ORIGIN example.org.
        @\t60\tIN\tNS\tns.example.org.
        \t60\tIN\tA\t192.0.2.1
        www\t60\tIN\tA\t192.0.2.2
        a\\032b.c\t60\tIN\tA\t192.0.2.3
        other.test.\t60\tIN\tA\t192.0.2.4

        """)
    #expect(try parse(text) == records)
  }

  @Test(arguments: ["example.org.", ".", "sub.example.org.", "unrelated.test."])
  func theSampleZoneRoundTrips(origin: String) throws {
    let records = try sample()
    for style in [ZonePrinter.Style.absolute, .relative(origin: try DomainName(origin))] {
      let printed = ZonePrinter(style: style).text(records)
      let reparsed = try parse(printed)
      #expect(reparsed == records)
      // Spelling survives too, not only case-insensitive equality.
      #expect(reparsed.map(\.name.wire) == records.map(\.name.wire))
      #expect(ZonePrinter(style: style).text(reparsed) == printed)
    }
  }

  @Test func awkwardNamesRoundTrip() throws {
    let labels: [[UInt8]] = [
      Array("$ttl".utf8), Array("@".utf8), Array("a.b".utf8), Array("semi;colon".utf8), Array("(paren)".utf8),
      Array("quote\"".utf8), Array("back\\slash".utf8), [0x00, 0x20, 0x7F, 0xFF], Array("3600".utf8),
      Array("IN".utf8), Array("*".utf8),
    ]
    let origin = try DomainName("Example.ORG.")
    let records = try labels.map { label in
      ResourceRecord(
        name: try origin.prepending(label: label), ttl: 1,
        rdata: .cname(try origin.prepending(label: label)))
    }
    for style in [ZonePrinter.Style.absolute, .relative(origin: origin)] {
      let reparsed = try parse(ZonePrinter(style: style).text(records))
      #expect(reparsed == records)
      #expect(reparsed.map(\.name.wire) == records.map(\.name.wire))
    }
  }

  @Test func setsArePrintedInCanonicalOrder() throws {
    let records = try parse(
      """
      z.example. 60 A 192.0.2.1
      example. 60 AAAA 2001:db8::1
      Z.a.example. 60 A 192.0.2.2
      example. 60 NS ns.example.
      a.example. 60 TYPE65400 \\# 0
      example. 60 A 192.0.2.3
      \\001.z.example. 60 A 192.0.2.4
      a.example. 60 A 192.0.2.5
      *.z.example. 60 A 192.0.2.6
      example. 60 A 192.0.2.7
      """)
    let sets = RRSet.group(records)
    var random = SplitMix64(seed: 11)
    for _ in 0..<10 {
      let ordered = ZonePrinter.canonicalOrder(sets.shuffled(using: &random))
      #expect(
        ordered.map { "\($0.name) \($0.type)" } == [
          "example. A", "example. NS", "example. AAAA", "a.example. A", "a.example. TYPE65400", "Z.a.example. A",
          "z.example. A", "\\001.z.example. A", "*.z.example. A",
        ])
    }
    let text = ZonePrinter().text(canonicallyOrdered: sets)
    #expect(text.hasPrefix("example.\t60\tIN\tA\t192.0.2.3\nexample.\t60\tIN\tA\t192.0.2.7\nexample.\t60\tIN\tNS\t"))
    #expect(Set(try parse(text)) == Set(records))
  }

  /// ldns reads the sample zone into the same records, and sorts it into the same owner and type order.
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: ldnsReadZone)))
  func agreesWithLdns() throws {
    let path = Fixtures.url("sample.zone").path
    let ldnsRecords = try parse(try Self.run(Self.ldnsReadZone, [path]))
    #expect(ldnsRecords == (try sample()))

    let ldnsSorted = try parse(try Self.run(Self.ldnsReadZone, ["-z", path]))
    let ours = try parse(ZonePrinter().text(canonicallyOrdered: RRSet.group(try sample())))
    #expect(ours.map { "\($0.name) \($0.type)" } == ldnsSorted.map { "\($0.name) \($0.type)" })
    #expect(Set(ours) == Set(ldnsSorted))
  }

  private static func run(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return String(decoding: data, as: UTF8.self)
  }
}
