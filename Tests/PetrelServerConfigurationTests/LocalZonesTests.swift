import PetrelDNS
import PetrelServer
import Testing

@Suite struct LocalZonesTests {
  static func source(_ apex: String, _ text: String) -> LocalZoneSource {
    var parser = ZoneFileParser(text: text, origin: name(apex))
    return LocalZoneSource(apex: name(apex), file: "\(apex)zone", records: try! parser.parseAll())
  }

  let zones = LocalZones([source("home.test.", homeZoneText)])

  func ask(_ qname: String, _ type: RRType, zones: LocalZones? = nil) throws -> LocalZoneAnswer {
    try #require((zones ?? self.zones).answer(Question(name: name(qname), type: type)))
  }

  func presentation(_ records: [ResourceRecord]) -> [String] {
    records.map { "\($0.name) \($0.ttl) \($0.type) \($0.rdata.presentation)" }
  }

  let negativeSOA = "home.test. 300 SOA ns.home.test. admin.home.test. 1 3600 900 604800 300"

  @Test func anExactMatchIsAnswered() throws {
    let answer = try ask("host.home.test.", .a)
    #expect(answer.rcode == .noError)
    #expect(presentation(answer.answers) == ["host.home.test. 3600 A 192.0.2.10"])
    #expect(answer.authorities.isEmpty && answer.additionals.isEmpty)
    #expect(presentation(try ask("host.home.test.", .aaaa).answers) == ["host.home.test. 3600 AAAA 2001:db8::10"])
    #expect(presentation(try ask("home.test.", .ns).answers) == ["home.test. 3600 NS ns.home.test."])
  }

  @Test func namesMatchIgnoringCase() throws {
    #expect(presentation(try ask("HOST.Home.TEST.", .a).answers) == ["host.home.test. 3600 A 192.0.2.10"])
  }

  @Test func anyReturnsEveryRRSetAtTheName() throws {
    let answer = try ask("host.home.test.", .any)
    #expect(answer.answers.map(\.type) == [.a, .aaaa])
  }

  @Test func aCNAMEIsFollowedInsideTheZone() throws {
    let answer = try ask("www.home.test.", .a)
    #expect(answer.rcode == .noError)
    #expect(
      presentation(answer.answers) == [
        "www.home.test. 3600 CNAME host.home.test.", "host.home.test. 3600 A 192.0.2.10",
      ])
    let chain = try ask("alias2.home.test.", .aaaa)
    #expect(
      presentation(chain.answers) == [
        "alias2.home.test. 3600 CNAME www.home.test.", "www.home.test. 3600 CNAME host.home.test.",
        "host.home.test. 3600 AAAA 2001:db8::10",
      ])
  }

  @Test func aCNAMEQuestionGetsTheCNAMEItself() throws {
    #expect(presentation(try ask("www.home.test.", .cname).answers) == ["www.home.test. 3600 CNAME host.home.test."])
  }

  @Test func aChainThatLeavesTheZoneEndsWithItsLastAlias() throws {
    let answer = try ask("out.home.test.", .a)
    #expect(answer.rcode == .noError)
    #expect(presentation(answer.answers) == ["out.home.test. 3600 CNAME www.example.com."])
    #expect(answer.authorities.isEmpty)
  }

  @Test func aCNAMELoopEnds() throws {
    let answer = try ask("loop1.home.test.", .a)
    #expect(answer.rcode == .noError)
    #expect(
      presentation(answer.answers) == [
        "loop1.home.test. 3600 CNAME loop2.home.test.", "loop2.home.test. 3600 CNAME loop1.home.test.",
      ])
  }

  @Test func noDataHasTheSOAWithTheNegativeTTL() throws {
    let answer = try ask("host.home.test.", .mx)
    #expect(answer.rcode == .noError)
    #expect(answer.answers.isEmpty)
    #expect(presentation(answer.authorities) == [negativeSOA])
    // The SOA's own TTL caps the negative TTL when it is the smaller one.
    let lowTTL = LocalZones([
      Self.source("low.test.", "$TTL 60\n@ IN SOA ns.low.test. admin.low.test. 1 3600 900 604800 300\n")
    ])
    #expect(try ask("low.test.", .a, zones: lowTTL).authorities.map(\.ttl) == [60])
  }

  @Test func aNameThatDoesNotExistIsNXDOMAINWithTheSOA() throws {
    let answer = try ask("nowhere.home.test.", .a)
    #expect(answer.rcode == .nxDomain)
    #expect(answer.answers.isEmpty)
    #expect(presentation(answer.authorities) == [negativeSOA])
  }

  @Test func aChainEndingInANameThatDoesNotExistIsNXDOMAIN() throws {
    let zones = LocalZones([
      Self.source(
        "c.test.", "$TTL 60\n@ IN SOA ns.c.test. admin.c.test. 1 3600 900 604800 30\nalias IN CNAME gone\n")
    ])
    let answer = try ask("alias.c.test.", .a, zones: zones)
    #expect(answer.rcode == .nxDomain)
    #expect(presentation(answer.answers) == ["alias.c.test. 60 CNAME gone.c.test."])
    #expect(answer.authorities.map(\.type) == [.soa])
  }

  @Test func anEmptyNonTerminalIsNoData() throws {
    let answer = try ask("ent.home.test.", .a)
    #expect(answer.rcode == .noError)
    #expect(answer.answers.isEmpty)
    #expect(presentation(answer.authorities) == [negativeSOA])
    #expect(presentation(try ask("deep.ent.home.test.", .a).answers) == ["deep.ent.home.test. 3600 A 192.0.2.20"])
  }

  @Test func aWildcardAnswersForNamesThatDoNotExist() throws {
    let answer = try ask("anything.wild.home.test.", .a)
    #expect(answer.rcode == .noError)
    #expect(presentation(answer.answers) == ["anything.wild.home.test. 3600 A 192.0.2.30"])
    #expect(presentation(try ask("a.b.wild.home.test.", .txt).answers) == ["a.b.wild.home.test. 3600 TXT \"wildcard\""])
    let noData = try ask("anything.wild.home.test.", .mx)
    #expect(noData.rcode == .noError && noData.answers.isEmpty)
    #expect(presentation(noData.authorities) == [negativeSOA])
  }

  @Test func aWildcardDoesNotCoverNamesThatExistOrHaveAnotherClosestEncloser() throws {
    // y.wild exists as an empty non-terminal (above x.y.wild): NODATA, not the wildcard.
    let ent = try ask("y.wild.home.test.", .a)
    #expect(ent.rcode == .noError && ent.answers.isEmpty)
    // Below y.wild the closest encloser is y.wild, and there is no *.y.wild (RFC 4592 §2.2.1).
    #expect(try ask("z.y.wild.home.test.", .a).rcode == .nxDomain)
    #expect(presentation(try ask("x.y.wild.home.test.", .a).answers) == ["x.y.wild.home.test. 3600 A 192.0.2.31"])
    // The wildcard name itself matches only literally.
    #expect(presentation(try ask("*.wild.home.test.", .a).answers) == ["*.wild.home.test. 3600 A 192.0.2.30"])
  }

  @Test func aWildcardCNAMEIsSynthesizedAndFollowed() throws {
    let answer = try ask("foo.cw.home.test.", .aaaa)
    #expect(
      presentation(answer.answers) == [
        "foo.cw.home.test. 3600 CNAME host.home.test.", "host.home.test. 3600 AAAA 2001:db8::10",
      ])
  }

  @Test func aDelegationGetsAReferralWithGlue() throws {
    for qname in ["a.sub.home.test.", "sub.home.test.", "ns.sub.home.test."] {
      let answer = try ask(qname, .a)
      #expect(answer.rcode == .noError)
      #expect(answer.answers.isEmpty)
      #expect(presentation(answer.authorities) == ["sub.home.test. 3600 NS ns.sub.home.test."])
      #expect(
        presentation(answer.additionals) == [
          "ns.sub.home.test. 3600 A 192.0.2.53", "ns.sub.home.test. 3600 AAAA 2001:db8::53",
        ])
    }
    let outOfZone = try ask("www.other.home.test.", .a)
    #expect(presentation(outOfZone.authorities) == ["other.home.test. 3600 NS ns.example.net."])
    #expect(outOfZone.additionals.isEmpty)
  }

  @Test func theParentAnswersForDSAtTheCut() throws {
    let answer = try ask("sub.home.test.", .ds)
    #expect(answer.rcode == .noError)
    #expect(answer.answers.map(\.type) == [.ds])
    #expect(answer.authorities.isEmpty)
    let noDS = try ask("other.home.test.", .ds)
    #expect(noDS.answers.isEmpty)
    #expect(presentation(noDS.authorities) == [negativeSOA])
  }

  @Test func aDNAMERedirectsTheNamesBelowIt() throws {
    let answer = try ask("host.moved.home.test.", .a)
    #expect(answer.rcode == .noError)
    #expect(
      presentation(answer.answers) == [
        "moved.home.test. 3600 DNAME elsewhere.home.test.",
        "host.moved.home.test. 3600 CNAME host.elsewhere.home.test.",
        "host.elsewhere.home.test. 3600 A 192.0.2.40",
      ])
    #expect(try ask("gone.moved.home.test.", .a).rcode == .nxDomain)
    // The DNAME's own name is not redirected.
    #expect(try ask("moved.home.test.", .dname).answers.map(\.type) == [.dname])
  }

  @Test func aDNAMESubstitutionTooLongIsYXDOMAIN() throws {
    // Three 63-octet labels and one of 44 below moved.home.test. make 254 octets; elsewhere.home.test. is 4 longer.
    let long = String(repeating: "a", count: 63)
    let qname = "\(String(repeating: "b", count: 44)).\(long).\(long).\(long).moved.home.test."
    #expect(name(qname).wire.count == 254)
    let answer = try ask(qname, .a)
    #expect(answer.rcode == .yxDomain)
    #expect(answer.answers.map(\.type) == [.dname])
  }

  @Test func namesOutsideEveryZoneAndOtherClassesAreLeftToTheResolver() {
    #expect(zones.answer(Question(name: name("www.example.com."), type: .a)) == nil)
    #expect(zones.answer(Question(name: name("test."), type: .soa)) == nil)
    #expect(zones.answer(Question(name: name("host.home.test."), type: .a, rrClass: .chaos)) == nil)
    #expect(LocalZones([]).answer(Question(name: name("host.home.test."), type: .a)) == nil)
    #expect(LocalZones([]).isEmpty && !zones.isEmpty)
  }

  @Test func zoneTransfersAreRefused() throws {
    #expect(try ask("home.test.", .axfr) == LocalZoneAnswer(rcode: .refused))
  }

  @Test func theLongestMatchingZoneWins() throws {
    let child = Self.source(
      "sub.home.test.",
      """
      $TTL 600
      @    IN SOA ns.sub.home.test. admin.home.test. 7 3600 900 604800 120
      a    IN A   198.51.100.1
      """)
    let both = LocalZones([Self.source("home.test.", homeZoneText), child])
    let answer = try ask("a.sub.home.test.", .a, zones: both)
    #expect(presentation(answer.answers) == ["a.sub.home.test. 600 A 198.51.100.1"])
    let missing = try ask("b.sub.home.test.", .a, zones: both)
    #expect(missing.rcode == .nxDomain)
    #expect(missing.authorities.first?.name == name("sub.home.test."))
    // The child apex's SOA comes from the child, its DS from the parent that delegates it.
    #expect(try ask("sub.home.test.", .soa, zones: both).answers.map(\.type) == [.soa])
    #expect(try ask("sub.home.test.", .ds, zones: both).answers.map(\.type) == [.ds])
    // A chain from the parent into the child zone stops at the zone boundary, for the resolver to go on.
    let parentWithAlias = Self.source(
      "home.test.", homeZoneText + "\ninto IN CNAME a.sub.home.test.\n")
    let chained = try ask("into.home.test.", .a, zones: LocalZones([parentWithAlias, child]))
    #expect(presentation(chained.answers) == ["into.home.test. 3600 CNAME a.sub.home.test."])
  }
}
