import Testing

@testable import PetrelDNS

@Suite struct DomainNameTests {
  @Test func parsesAndPrintsPresentationForm() throws {
    let name = try DomainName("www.Example.COM.")
    #expect(name.labelCount == 3)
    #expect(name.description == "www.Example.COM.")
    #expect(name.wire == [3, 119, 119, 119, 7, 69, 120, 97, 109, 112, 108, 101, 3, 67, 79, 77, 0])
  }

  @Test func comparesIgnoringCaseButKeepsSpelling() throws {
    let upper = try DomainName("WWW.EXAMPLE.COM.")
    let lower = try DomainName("www.example.com.")
    #expect(upper == lower)
    #expect(upper.hashValue == lower.hashValue)
    #expect(Set([upper, lower]).count == 1)
    #expect(upper.description == "WWW.EXAMPLE.COM.")
  }

  @Test func escapesRoundTrip() throws {
    let name = try DomainName(#"a\.b.c\065\032d."#)
    #expect(name.labelCount == 2)
    #expect(Array(name.labels[0]) == Array("a.b".utf8))
    #expect(Array(name.labels[1]) == Array("cA d".utf8))
    #expect(name.description == #"a\.b.cA\032d."#)
    #expect(try DomainName(name.description) == name)
  }

  @Test(arguments: [
    (#"a\"#, DomainNameError.badEscape),
    (#"a\25"#, DomainNameError.badEscape),
    (#"a\256"#, DomainNameError.badEscape),
    ("a..b", DomainNameError.emptyLabel),
    (".a", DomainNameError.emptyLabel),
    ("", DomainNameError.emptyLabel),
    (String(repeating: "x", count: 64) + ".", DomainNameError.labelTooLong(64)),
  ])
  func rejectsInvalidText(text: String, expected: DomainNameError) {
    #expect(throws: expected) { try DomainName(text) }
  }

  @Test func enforcesTheNameLengthLimit() throws {
    let label = String(repeating: "a", count: 63)
    // 4 × 64 + 1 = 257 octets: too long; 3 × 64 + 62 + 1 = 255: the longest allowed.
    #expect(throws: DomainNameError.nameTooLong) {
      try DomainName([label, label, label, label].joined(separator: "."))
    }
    let longest = try DomainName([label, label, label, String(repeating: "b", count: 61)].joined(separator: ".") + ".")
    #expect(longest.wire.count == 255)
    #expect(throws: DomainNameError.nameTooLong) { try longest.prepending(label: [0x61]) }
  }

  @Test func relativeNamesUseTheOrigin() throws {
    let origin = try DomainName("example.org.")
    #expect(try DomainName("www", origin: origin) == DomainName("www.example.org."))
    #expect(try DomainName("@", origin: origin) == origin)
    #expect(try DomainName("www.", origin: origin) == DomainName("www."))
    #expect(throws: DomainNameError.noOrigin) { try DomainName("@") }
  }

  @Test func hierarchy() throws {
    let name = try DomainName("a.b.example.com.")
    #expect(name.parent == (try DomainName("b.example.com.")))
    #expect(name.ancestors.map(\.description) == ["b.example.com.", "example.com.", "com.", "."])
    #expect(name.isSubdomain(of: try DomainName("EXAMPLE.com.")))
    #expect(name.isSubdomain(of: .root))
    #expect(name.isSubdomain(of: name))
    #expect(!name.isSubdomain(of: try DomainName("ample.com.")))
    #expect(!(try DomainName("com.")).isSubdomain(of: name))
    #expect(name.suffix(labelCount: 2) == (try DomainName("example.com.")))
    #expect(name.commonSuffixLabelCount(with: try DomainName("x.Example.com.")) == 2)
    #expect(DomainName.root.parent == nil)
    #expect(DomainName.root.description == ".")
    #expect(try DomainName("*.example.com.").isWildcard)
  }

  /// The example ordering of RFC 4034 §6.1.
  @Test func canonicalOrder() throws {
    let ordered = [
      "example.", "a.example.", "yljkjljk.a.example.", "Z.a.example.", "zABC.a.EXAMPLE.", "z.example.",
      #"\001.z.example."#, "*.z.example.", #"\200.z.example."#,
    ].map { try! DomainName($0) }
    #expect(ordered.shuffled().sorted() == ordered)
    for (left, right) in zip(ordered, ordered.dropFirst()) {
      #expect(left < right)
      #expect(!(right < left))
    }
  }
}
