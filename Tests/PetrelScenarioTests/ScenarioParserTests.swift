import PetrelDNS
import PetrelScenarioReplay
import Testing

@Suite struct ScenarioParserTests {
  @Test func configurationKeysAreTyped() throws {
    let scenario = try InlineScenario.parse(
      InlineScenario.resolving(
        config: """
          ; a comment
          query-minimization: off
          harden-glue: "no"
          do-ip6: no
          val-override-date: 20201021100500
          trust-anchor: ". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D"
          domain-insecure: example.net
          features: min_ttl = 300
          stub-name: rootns.   # a hash comment
          something-else: 42
          """, steps: InlineScenario.queryAndCheck))
    let configuration = scenario.configuration
    #expect(configuration.stubAddress == IPAddress("193.0.14.129"))
    #expect(configuration.stubName == name("rootns."))
    #expect(configuration.queryMinimisation == false)
    #expect(configuration.hardenGlue == false)
    #expect(configuration.queryIPv6 == false)
    #expect(configuration.overrideTime == 1_603_274_700)
    #expect(configuration.trustAnchors.count == 1)
    #expect(configuration.insecureDomains == ["example.net"])
    #expect(configuration.features["min_ttl"] == "300")
    #expect(configuration.otherSettings.map(\.key) == ["something-else"])
    #expect(scenario.modes == [.off])
  }

  @Test func rangesEntriesAndStepsAreRead() throws {
    let scenario = try InlineScenario.parse(
      InlineScenario.resolving(steps: InlineScenario.queryAndCheck + "\nSTEP 20 TIME_PASSES ELAPSE 3600\n"))
    #expect(scenario.title == "inline test scenario")
    #expect(scenario.modes == [.on, .off])
    #expect(scenario.ranges.map(\.addresses) == [[IPAddress("193.0.14.129")!], [IPAddress("1.2.3.4")!]])
    let referral = scenario.ranges[0].entries[1]
    #expect(referral.match == [.opcode, .subdomain])
    #expect(referral.adjust == [.copyID, .copyQuery])
    #expect(referral.flags == .qr)
    #expect(referral.authorities.map(\.presentation) == ["com.\t3600\tIN\tNS\tns.example.com."])
    #expect(scenario.steps.map(\.id) == [1, 10, 20])
    guard case .checkAnswer(let check) = scenario.steps[1].action, case .timePasses(3600) = scenario.steps[2].action
    else {
      Issue.record("unexpected step kinds")
      return
    }
    #expect(check.match == [.opcode, .qtype, .qname, .flags, .rcode, .answer, .authority, .additional])
    #expect(check.flags == [.qr, .rd, .ra])
  }

  @Test func rawEntriesAndDeckardsDNSSECNotationAreRead() throws {
    let scenario = try InlineScenario.parse(
      InlineScenario.resolving(
        extraRanges: """
          RANGE_BEGIN 0 100
            ADDRESS 5.6.7.8
          ENTRY_BEGIN
          MATCH opcode
          ADJUST raw_id
          RAW
          0000 8180
          0000000000000000
          ENTRY_END
          ENTRY_BEGIN
          SECTION ANSWER
          example.com. 3600 IN DS 30899 RSASHA1 1 f7ed618f24d5e5202927e1d27bc2e84a141cb4b3
          test. 86400 IN RRSIG SOA 253 1 86400 20170815084229 20170716084229 12062 test. UNUSABLE==
          ENTRY_END
          RANGE_END
          """, steps: ""))
    let entries = scenario.ranges[2].entries
    #expect(entries[0].raw == [0, 0, 0x81, 0x80, 0, 0, 0, 0, 0, 0, 0, 0])
    #expect(entries[0].adjust == [.rawID])
    #expect(entries[1].match == nil)
    #expect(entries[1].answers.map(\.type) == [.ds, .rrsig])
  }

  @Test(
    arguments: [
      ("MATCH opcode sideways", "unknown MATCH field 'sideways'"),
      ("ADJUST copy_everything", "unknown ADJUST option 'copy_everything'"),
      ("REPLY QR MAYBE", "unknown REPLY word 'MAYBE'"),
      ("SECTION ANSWER\nwww.example.com. IN A 300.1.1.1", "bad record"),
      ("www.example.com. IN A 1.2.3.4", "neither an entry keyword nor a record after a SECTION line"),
      ("RAW\nabc", "RAW data is not an even number of hex digits"),
    ])
  func aMistakeInAnEntryNamesTheFileAndLine(line: String, message: String) throws {
    let text =
      "stub-addr: 1.2.3.4\nCONFIG_END\nSCENARIO_BEGIN x\nRANGE_BEGIN 0 1\nENTRY_BEGIN\n\(line)\nENTRY_END\n"
      + "RANGE_END\nSCENARIO_END\n"
    let error = try #require(throws: ScenarioParseError.self) { try InlineScenario.parse(text) }
    #expect(error.file == "test.rpl")
    #expect((6...7).contains(error.line))
    #expect(error.message.contains(message))
    #expect(error.description.hasPrefix("test.rpl:\(error.line): "))
  }

  @Test(
    arguments: [
      ("stub-addr 1.2.3.4\nCONFIG_END\n", 1, "is not 'key: value'"),
      ("stub-addr: nowhere\nCONFIG_END\n", 1, "is not an IP address"),
      ("CONFIG_END\nRANGE_BEGIN 0 1\n", 2, "expected SCENARIO_BEGIN"),
      ("CONFIG_END\nSCENARIO_BEGIN x\nSTEP 1 QUERY\nSTEP 2 QUERY\n", 4, "needs an entry"),
      ("CONFIG_END\nSCENARIO_BEGIN x\nSTEP 5 TIME_PASSES ELAPSE\n", 3, "TIME_PASSES needs"),
      ("CONFIG_END\nSCENARIO_BEGIN x\nSTEP 5 DANCE\n", 3, "unknown STEP type"),
      ("CONFIG_END\nSCENARIO_BEGIN x\nRANGE_BEGIN 9 1\n", 3, "first ≤ last"),
      ("CONFIG_END\nSCENARIO_BEGIN x\nRANGE_BEGIN 0 1\n", 4, "ends before SCENARIO_END"),
    ])
  func aMistakeInTheStructureNamesTheLine(text: String, line: Int, message: String) throws {
    let error = try #require(throws: ScenarioParseError.self) { try InlineScenario.parse(text) }
    #expect(error.line == line)
    #expect(error.message.contains(message))
  }

  @Test func onlyTheConfigurationCanBeReadCheaply() throws {
    let configuration = try ScenarioParser.configuration(
      of: "query-minimization: on\nCONFIG_END\nanything at all", fileName: "x.rpl")
    #expect(configuration.queryMinimisation == true)
    #expect(throws: ScenarioParseError.self) { try ScenarioParser.configuration(of: "a: b\n", fileName: "x.rpl") }
  }
}
