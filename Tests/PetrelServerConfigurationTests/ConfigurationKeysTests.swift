import PetrelDNS
import PetrelResolver
import PetrelServer
import Testing

@Suite struct ConfigurationKeysTests {
  @Test func everyKeyIsReadIntoItsField() throws {
    let scratch = try ScratchDirectory()
    let zonePath = try scratch.write("zones/home.zone", homeZoneText)
    let hintsPath = try scratch.write(
      "root.hints",
      """
      .             3600000  NS    a.root.test.
      a.root.test.  3600000  A     192.0.2.1
      a.root.test.  3600000  AAAA  2001:db8::1
      """)
    let yaml = """
      server:
        listen: [192.0.2.1:5353, "[2001:db8::1]:53", 127.0.0.2]
        allow-from: [192.0.2.0/24, 2001:db8::/32, 198.51.100.7]
        threads: 4
        tcp-idle-timeout: 2m
        max-tcp-clients: 50
        max-concurrent-resolutions: 700
        log-level: debug
        runtime-directory: /run/petrel-test
        control-group: wheel
        takeover: true
      privileges:
        user: nobody
        group: nogroup
        chroot: /var/empty
        sandbox: [seccomp]
      resolver:
        root-hints: root.hints
        dont-query: [203.0.113.0/24]
        forward-zones:
          corp.test: [192.0.2.53, "192.0.2.54:5353", "[2001:db8::35]:5300", 2001:db8::36]
          Lan.: [198.51.100.1]
        qname-minimisation: false
        harden-glue: no
        do-ipv6: off
        min-ttl: 30
        max-ttl: 2d
        max-negative-ttl: 15m
        record-cache-size: 1_234
        negative-cache-size: 567
        nameserver-cache-size: 89
        packet-cache-size: 0
        edns-buffer-size: 4096
        upstream-timeout: 800
        max-upstream-queries: 20
        max-nameserver-names: 3
        max-recursion-depth: 4
        max-chain-length: 8
        max-referrals: 10
        max-resolution-time: 1m30s
      local-zones:
        - zone: home.test
          file: zones/home.zone
      """
    let configuration = try ServerConfiguration(yaml: yaml, fileName: scratch.configurationFile)

    #expect(configuration.listen.map(\.description) == ["192.0.2.1:5353", "[2001:db8::1]:53", "127.0.0.2:53"])
    #expect(configuration.allowFrom.map(\.description) == ["192.0.2.0/24", "2001:db8::/32", "198.51.100.7/32"])
    #expect(configuration.threads == 4)
    #expect(configuration.tcpIdleTimeout == .seconds(120))
    #expect(configuration.maximumTCPClients == 50)
    #expect(configuration.maximumConcurrentResolutions == 700)
    #expect(configuration.logLevel == "debug")
    #expect(configuration.runtimeDirectory == "/run/petrel-test")
    #expect(configuration.controlGroup == "wheel")
    #expect(configuration.takeover)

    #expect(configuration.user == "nobody")
    #expect(configuration.group == "nogroup")
    #expect(configuration.chroot == "/var/empty")
    #expect(configuration.sandbox == ["seccomp"])

    let resolver = configuration.resolver
    #expect(configuration.rootHintsFile == hintsPath)
    #expect(resolver.rootHints.nameservers == [name("a.root.test.")])
    #expect(resolver.rootHints.addresses[name("a.root.test.")]?.map(\.description) == ["192.0.2.1", "2001:db8::1"])
    #expect(resolver.dontQuery.map(\.description) == ["203.0.113.0/24"])
    #expect(
      resolver.forwardZones[name("corp.test.")]?.map(\.description) == [
        "192.0.2.53:53", "192.0.2.54:5353", "[2001:db8::35]:5300", "[2001:db8::36]:53",
      ])
    #expect(resolver.forwardZones[name("lan.")]?.map(\.description) == ["198.51.100.1:53"])
    #expect(resolver.forwardZones.count == 2)
    #expect(resolver.qnameMinimisation == false)
    #expect(resolver.hardenGlue == false)
    #expect(resolver.queryIPv6 == false)
    #expect(resolver.minimumTTL == 30)
    #expect(resolver.maximumTTL == 172_800)
    #expect(resolver.maximumNegativeTTL == 900)
    #expect(resolver.recordCacheSize == 1_234)
    #expect(resolver.negativeCacheSize == 567)
    #expect(resolver.nameserverCacheSize == 89)
    #expect(configuration.packetCacheSize == 0)
    #expect(resolver.ednsBufferSize == 4096)
    #expect(resolver.upstreamTimeout == .milliseconds(800))
    #expect(resolver.budgets.upstreamQueries == 20)
    #expect(resolver.budgets.nameserverNamesPerDelegation == 3)
    #expect(resolver.budgets.recursionDepth == 4)
    #expect(resolver.budgets.chainLength == 8)
    #expect(resolver.budgets.referrals == 10)
    #expect(resolver.budgets.totalTime == .seconds(90))

    let zone = try #require(configuration.localZones.first)
    #expect(configuration.localZones.count == 1)
    #expect(zone.apex == name("home.test."))
    #expect(zone.file == zonePath)
    #expect(zone.records.count == 22)
    #expect(zone.records.first?.type == .soa)
  }

  @Test func absentKeysKeepTheDefaults() throws {
    for yaml in ["", "# nothing but a comment\n", "server:\nresolver:\nprivileges:\n", "local-zones: []\n"] {
      let configuration = try ServerConfiguration(yaml: yaml)
      let defaults = ServerConfiguration()
      #expect(configuration.listen == defaults.listen)
      #expect(configuration.listen.map(\.description) == ["127.0.0.1:53", "[::1]:53"])
      #expect(configuration.allowFrom == IPNetwork.privateAndLoopback)
      #expect(configuration.threads == nil)
      #expect(configuration.tcpIdleTimeout == .seconds(10))
      #expect(configuration.maximumTCPClients == 1_000)
      #expect(configuration.maximumConcurrentResolutions == 10_000)
      #expect(configuration.logLevel == "info")
      #expect(configuration.runtimeDirectory == "/run/petrel")
      #expect(configuration.controlGroup == nil)
      #expect(configuration.user == nil)
      #expect(configuration.group == nil)
      #expect(configuration.chroot == nil)
      #expect(configuration.sandbox == ["landlock", "seccomp"])
      #expect(configuration.rootHintsFile == nil)
      #expect(configuration.localZones.isEmpty)
      #expect(configuration.packetCacheSize == 500_000)
      let resolver = configuration.resolver
      #expect(resolver.rootHints == RootHints.iana)
      #expect(resolver.dontQuery == IPNetwork.privateAndLoopback)
      #expect(resolver.forwardZones.isEmpty)
      #expect(resolver.qnameMinimisation && resolver.hardenGlue && resolver.queryIPv6)
      #expect(resolver.minimumTTL == 0 && resolver.maximumTTL == 86_400 && resolver.maximumNegativeTTL == 3_600)
      #expect(resolver.recordCacheSize == 1_000_000)
      #expect(resolver.negativeCacheSize == 250_000)
      #expect(resolver.nameserverCacheSize == 100_000)
      #expect(resolver.ednsBufferSize == 1232)
      #expect(resolver.upstreamTimeout == .milliseconds(1500))
      #expect(resolver.budgets == ResolutionBudgets())
    }
  }

  @Test func theLabSettingsTakeOneRootServerInlineAndEmptyTheDontQueryList() throws {
    let configuration = try ServerConfiguration(
      yaml: """
        resolver:
          root-hint: {name: a.root.lab, address: 10.53.0.1}
          dont-query: []
        privileges:
          sandbox: []
        server:
          threads: auto
        """)
    #expect(configuration.resolver.rootHints.nameservers == [name("a.root.lab.")])
    #expect(configuration.resolver.rootHints.addresses[name("a.root.lab.")]?.map(\.description) == ["10.53.0.1"])
    #expect(configuration.resolver.dontQuery.isEmpty)
    #expect(configuration.sandbox.isEmpty)
    #expect(configuration.threads == nil)
    #expect(configuration.rootHintsFile == nil)

    let both = try ServerConfiguration(
      yaml: """
        resolver:
          root-hint:
            name: a.root.lab.
            address: [10.53.0.1, "fd53::1"]
        """)
    #expect(both.resolver.rootHints.addresses[name("a.root.lab.")]?.map(\.description) == ["10.53.0.1", "fd53::1"])
  }

  @Test func ttlKeysTakeSecondsOrTTLText() throws {
    for (text, seconds) in [("0", 0), ("90", 90), ("1h30m", 5_400), ("1d", 86_400), ("2W", 1_209_600)]
      as [(String, UInt32)]
    {
      let configuration = try ServerConfiguration(yaml: "resolver:\n  min-ttl: \(text)\n  max-ttl: 3w\n")
      #expect(configuration.resolver.minimumTTL == seconds)
    }
  }

  @Test func relativePathsAreTakenFromTheConfigurationFilesDirectory() throws {
    let scratch = try ScratchDirectory()
    let zonePath = try scratch.write("sub/dir/home.zone", homeZoneText)
    try scratch.write(
      "sub/petrel.yml",
      """
      local-zones:
        - {zone: home.test., file: dir/home.zone}
      """)
    let configuration = try ServerConfiguration.load(fromFile: scratch.path + "/sub/petrel.yml")
    #expect(configuration.localZones.map(\.file) == [zonePath])

    let absolute = try ServerConfiguration(yaml: "local-zones:\n  - {zone: home.test., file: \(zonePath)}\n")
    #expect(absolute.localZones.map(\.file) == [zonePath])
  }
}
