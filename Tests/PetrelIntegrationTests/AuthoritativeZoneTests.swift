import PetrelDNS
import PetrelTestSupport
import Testing

@testable import petrel_test_authority

/// The test authority's zone logic, in process: if it answered wrongly, every lab test would test nothing.
@Suite("Authoritative answers from zone data")
struct AuthoritativeZoneTests {
  static let zoneText = """
    $ORIGIN zone.test.
    $TTL 3600
    @          SOA    ns hostmaster 1 1800 900 604800 120
    @          NS     ns
    ns         A      192.0.2.1
    www        A      192.0.2.2
    www        AAAA   2001:db8::2
    alias      CNAME  www
    far        CNAME  www.elsewhere.test.
    chain      CNAME  alias
    loopa      CNAME  loopb
    loopb      CNAME  loopa
    a.b.c      TXT    "deep"
    *.wild     A      192.0.2.3
    child      NS     ns.child
    child      NS     ns.other.test.
    ns.child   A      192.0.2.4
    child      DS     12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF
    old        DNAME  new.zone.test.
    x.new      A      192.0.2.5
    """

  static func zone() throws -> AuthoritativeZone {
    var parser = ZoneFileParser(text: zoneText, origin: try DomainName("zone.test."))
    return try AuthoritativeZone(origin: try DomainName("zone.test."), records: try parser.parseAll())
  }

  static func ask(_ name: String, _ type: RRType) throws -> ZoneAnswer {
    try zone().answer(Question(name: try DomainName(name), type: type))
  }

  @Test func authoritativeAnswer() throws {
    let answer = try Self.ask("www.zone.test.", .a)
    #expect(answer.rcode == .noError && answer.authoritative)
    #expect(answer.answers.map(\.rdata.presentation) == ["192.0.2.2"])
    #expect(answer.authorities.isEmpty)
  }

  @Test func ownerKeepsTheQuestionsSpelling() throws {
    let answer = try Self.ask("WWW.Zone.TEST.", .a)
    #expect(answer.answers.first?.name.wire == (try DomainName("WWW.Zone.TEST.")).wire)
  }

  @Test func cnameChainIsFollowedInsideTheZone() throws {
    let answer = try Self.ask("chain.zone.test.", .a)
    #expect(answer.answers.map(\.type) == [.cname, .cname, .a])
    #expect(answer.answers.last?.rdata.presentation == "192.0.2.2")
  }

  @Test func cnameLeavingTheZoneStops() throws {
    let answer = try Self.ask("far.zone.test.", .a)
    #expect(answer.rcode == .noError && answer.authoritative)
    #expect(answer.answers.map(\.rdata.presentation) == ["www.elsewhere.test."])
  }

  @Test func cnameLoopStopsAtTheRepeat() throws {
    let answer = try Self.ask("loopa.zone.test.", .a)
    #expect(answer.answers.map(\.type) == [.cname, .cname])
  }

  @Test func cnameQueriedForItself() throws {
    let answer = try Self.ask("alias.zone.test.", .cname)
    #expect(answer.answers.map(\.rdata.presentation) == ["www.zone.test."])
  }

  @Test func nameErrorCarriesTheSOAWithItsMinimumAsTTL() throws {
    let answer = try Self.ask("nope.zone.test.", .a)
    #expect(answer.rcode == .nxDomain && answer.authoritative)
    #expect(answer.answers.isEmpty)
    #expect(answer.authorities.map(\.type) == [.soa])
    #expect(answer.authorities.first?.ttl == 120)
  }

  @Test func noDataCarriesTheSOA() throws {
    let answer = try Self.ask("www.zone.test.", .mx)
    #expect(answer.rcode == .noError && answer.answers.isEmpty)
    #expect(answer.authorities.map(\.type) == [.soa])
  }

  @Test("Empty non-terminals are NODATA", arguments: ["b.c.zone.test.", "c.zone.test."])
  func emptyNonTerminal(_ name: String) throws {
    let answer = try Self.ask(name, .a)
    #expect(answer.rcode == .noError && answer.authoritative)
    #expect(answer.answers.isEmpty && answer.authorities.map(\.type) == [.soa])
  }

  @Test func referralAtTheCutWithGlueOnlyForInZoneNames() throws {
    for name in ["child.zone.test.", "www.child.zone.test."] {
      let answer = try Self.ask(name, .a)
      #expect(answer.rcode == .noError && !answer.authoritative)
      #expect(answer.answers.isEmpty)
      #expect(Set(answer.authorities.map(\.rdata.presentation)) == ["ns.child.zone.test.", "ns.other.test."])
      #expect(answer.additionals.map(\.rdata.presentation) == ["192.0.2.4"])
    }
  }

  @Test func dsAtTheCutIsAnsweredByTheParent() throws {
    let answer = try Self.ask("child.zone.test.", .ds)
    #expect(answer.authoritative)
    #expect(answer.answers.map(\.type) == [.ds])
  }

  @Test func wildcardSynthesisUsesTheQueryName() throws {
    let answer = try Self.ask("anything.wild.zone.test.", .a)
    #expect(answer.rcode == .noError && answer.authoritative)
    #expect(answer.answers.map(\.name) == [try DomainName("anything.wild.zone.test.")])
    #expect(try Self.ask("anything.wild.zone.test.", .txt).answers.isEmpty)
  }

  @Test func dnameSynthesisesACNAMEAndFollowsIt() throws {
    let answer = try Self.ask("x.old.zone.test.", .a)
    #expect(answer.answers.map(\.type) == [.dname, .cname, .a])
    #expect(answer.answers[1].name == (try DomainName("x.old.zone.test.")))
    #expect(answer.answers[1].rdata.presentation == "x.new.zone.test.")
    #expect(answer.answers[2].rdata.presentation == "192.0.2.5")
  }

  @Test func lameReferralIsTheApexNSWithoutAA() throws {
    let answer = try Self.zone().apexReferral()
    #expect(!answer.authoritative && answer.answers.isEmpty)
    #expect(answer.authorities.map(\.rdata.presentation) == ["ns.zone.test."])
    #expect(answer.additionals.map(\.rdata.presentation) == ["192.0.2.1"])
  }

  @Test func zoneWithoutSOAIsRefused() throws {
    let origin = try DomainName("bad.test.")
    let record = ResourceRecord(name: origin, ttl: 60, rdata: .ns(try DomainName("ns.bad.test.")))
    #expect(throws: AuthoritativeZone.ZoneError.self) { try AuthoritativeZone(origin: origin, records: [record]) }
  }

  @Test func recordOutsideTheZoneIsRefused() throws {
    let origin = try DomainName("zone.test.")
    var parser = ZoneFileParser(text: Self.zoneText + "\nstray.other.test. A 192.0.2.9\n", origin: origin)
    let records = try parser.parseAll()
    #expect(throws: AuthoritativeZone.ZoneError.self) { try AuthoritativeZone(origin: origin, records: records) }
  }

  @Test func deepestZoneAnswersExceptDS() throws {
    let parentText = """
      $ORIGIN test.
      @ 60 SOA ns hostmaster 1 1 1 1 1
      zone 60 NS ns.zone
      ns.zone 60 A 192.0.2.1
      """
    var parser = ZoneFileParser(text: parentText, origin: try DomainName("test."))
    let parent = try AuthoritativeZone(origin: try DomainName("test."), records: try parser.parseAll())
    let zones = ZoneSet([parent, try Self.zone()])
    #expect(
      zones.zone(for: Question(name: try DomainName("www.zone.test."), type: .a))?.origin.description == "zone.test.")
    #expect(zones.zone(for: Question(name: try DomainName("zone.test."), type: .ds))?.origin.description == "test.")
    #expect(zones.zone(for: Question(name: try DomainName("example.org."), type: .a)) == nil)
  }
}
