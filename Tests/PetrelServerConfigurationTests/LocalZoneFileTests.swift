import PetrelDNS
import PetrelServer
import Testing

/// The checks a zone file named in `local-zones` must pass, each refused at the zone file's own line.
@Suite struct LocalZoneFileTests {
  let scratch: ScratchDirectory

  init() throws { scratch = try ScratchDirectory() }

  /// Loads a configuration naming `zoneText` as the zone `home.test.` (from line 3 of the configuration).
  func load(_ zoneText: String?) throws(ConfigurationError) -> ServerConfiguration {
    if let zoneText { _ = try? scratch.write("home.zone", zoneText) }
    return try ServerConfiguration(
      yaml: """
        server: {threads: 1}
        local-zones:
          - zone: home.test
            file: home.zone
        """, fileName: scratch.configurationFile)
  }

  func refusal(_ zoneText: String?) throws -> ConfigurationError {
    do {
      _ = try load(zoneText)
    } catch {
      return error
    }
    Issue.record("the zone was accepted")
    throw ConfigurationError(message: "accepted")
  }

  var zonePath: String { scratch.path + "/home.zone" }

  @Test func aGoodZoneIsReadWithItsRecords() throws {
    let configuration = try load(homeZoneText)
    let zone = try #require(configuration.localZones.first)
    #expect(zone.apex == name("home.test."))
    #expect(zone.file == zonePath)
    #expect(
      zone.records.contains(
        ResourceRecord(name: name("host.home.test."), ttl: 3600, rdata: .a(IPv4Address(192, 0, 2, 10)))))
  }

  @Test func aMissingZoneFileIsRefusedAtTheFileKey() throws {
    let error = try refusal(nil)
    #expect(error.file == scratch.configurationFile)
    #expect(error.key == "local-zones[0].file")
    #expect(error.line == 4)
    #expect(error.message == "cannot open \(zonePath): No such file or directory")
  }

  @Test func aSyntaxErrorCarriesTheZoneFilesLineAndColumn() throws {
    let error = try refusal(
      """
      $TTL 3600
      @     IN SOA ns.home.test. admin.home.test. 1 3600 900 604800 300
      host  IN A   192.0.2.300
      """)
    #expect(error.file == zonePath)
    #expect(error.key == "local-zones[0].file")
    #expect(error.line == 3)
    #expect(error.column == 14)
    #expect(error.message.contains("192.0.2.300"), "\(error)")
    #expect(error.message.hasSuffix("(local zone home.test., named at \(scratch.configurationFile):4)"))
  }

  @Test func aRecordOutsideTheZoneIsRefused() throws {
    let error = try refusal(
      """
      $TTL 3600
      @                 IN SOA ns.home.test. admin.home.test. 1 3600 900 604800 300
      host              IN A   192.0.2.1
      www.example.com.  IN A   192.0.2.2
      """)
    #expect(error.file == zonePath)
    #expect(error.line == 4)
    #expect(error.column == 1)
    #expect(error.message.hasPrefix("www.example.com. is outside the zone home.test."))
  }

  @Test func aZoneWithoutSOAIsRefused() throws {
    let error = try refusal("$TTL 3600\n@ IN NS ns\nns IN A 192.0.2.1\n")
    #expect(error.file == scratch.configurationFile)
    #expect(error.key == "local-zones[0].file")
    #expect(error.line == 4)
    #expect(error.message == "the zone file \(zonePath) has no SOA record at the apex home.test.")
  }

  @Test func anSOAAnywhereButTheApexOrTwiceIsRefused() throws {
    let below = try refusal(
      """
      $TTL 3600
      @    IN SOA ns.home.test. admin.home.test. 1 3600 900 604800 300
      sub  IN SOA ns.home.test. admin.home.test. 1 3600 900 604800 300
      """)
    #expect(below.line == 3)
    #expect(below.message.hasPrefix("SOA record at sub.home.test.: only the zone's apex home.test. may have one"))

    let twice = try refusal(
      """
      $TTL 3600
      @    IN SOA ns.home.test. admin.home.test. 1 3600 900 604800 300
      @    IN SOA ns.home.test. admin.home.test. 2 3600 900 604800 300
      """)
    #expect(twice.line == 3)
    #expect(twice.message.hasPrefix("a second SOA record: the zone has one at line 2"))
  }

  @Test func aCNAMEBesideOtherDataIsRefused() throws {
    let error = try refusal(
      """
      $TTL 3600
      @    IN SOA   ns.home.test. admin.home.test. 1 3600 900 604800 300
      www  IN A     192.0.2.1
      www  IN CNAME host
      """)
    #expect(error.line == 4)
    #expect(error.message.hasPrefix("www.home.test. has a CNAME and A records"))

    let twoNames = try refusal(
      """
      $TTL 3600
      @    IN SOA   ns.home.test. admin.home.test. 1 3600 900 604800 300
      www  IN CNAME a
      www  IN CNAME b
      """)
    #expect(twoNames.line == 4)
    #expect(twoNames.message.hasPrefix("www.home.test. has two CNAME records"))
  }

  @Test func aNameBelowADNAMEIsRefused() throws {
    let error = try refusal(
      """
      $TTL 3600
      @          IN SOA   ns.home.test. admin.home.test. 1 3600 900 604800 300
      moved      IN DNAME elsewhere.test.
      a.moved    IN A     192.0.2.1
      """)
    #expect(error.line == 4)
    #expect(error.message.hasPrefix("a.moved.home.test. lies below the DNAME at moved.home.test. (line 3)"))
  }

  @Test func anotherClassIsRefused() throws {
    let error = try refusal("$TTL 3600\n@ CH SOA ns.home.test. admin.home.test. 1 3600 900 604800 300\n")
    #expect(error.line == 2)
    #expect(error.message.hasPrefix("local zones are class IN; this record is CH"))
  }

  @Test func theSameZoneTwiceIsRefused() throws {
    _ = try scratch.write("home.zone", homeZoneText)
    do {
      _ = try ServerConfiguration(
        yaml: """
          local-zones:
            - {zone: home.test, file: home.zone}
            - {zone: HOME.test., file: home.zone}
          """, fileName: scratch.configurationFile)
      Issue.record("a zone given twice was accepted")
    } catch {
      #expect(error.key == "local-zones[1].zone")
      #expect(error.line == 3)
      #expect(error.message == "the local zone HOME.test. is given twice (first at line 2)")
    }
  }

  @Test func aLocalZoneNeedsBothKeys() throws {
    let error = configurationError("local-zones:\n  - zone: home.test\n")
    #expect(error?.key == "local-zones[0]")
    #expect(error?.message == "'file' is missing")
    let unknown = configurationError("local-zones:\n  - zone: home.test\n    files: home.zone\n")
    #expect(unknown?.key == "local-zones[0].files")
    #expect(unknown?.message == "unknown key 'files' in 'local-zones[0]'; did you mean 'file'?")
  }

  @Test func rootHintsFileErrorsCarryTheHintsFilesLine() throws {
    let hints = try scratch.write("root.hints", ".  3600000 NS a.root.test.\na.root.test. 3600000 MX 10 mail.test.\n")
    do {
      _ = try ServerConfiguration(yaml: "resolver:\n  root-hints: root.hints\n", fileName: scratch.configurationFile)
      Issue.record("bad hints were accepted")
    } catch {
      #expect(error.file == hints)
      #expect(error.key == "resolver.root-hints")
      #expect(error.line == 2)
      #expect(error.message.hasPrefix("root hints: MX record"))
    }
    let both = configurationError(
      "resolver:\n  root-hints: root.hints\n  root-hint: {name: a.root.lab, address: 10.0.0.1}\n")
    #expect(both?.key == "resolver.root-hints")
    #expect(both?.message.contains("not both") == true)
  }
}
