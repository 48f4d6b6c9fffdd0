import Foundation
import PetrelDNS
import Testing

@testable import PetrelServer

/// The shipped examples must load, and the documentation must cover every key the reader knows.
@Suite struct ExampleFileTests {
  @Test func theExampleConfigurationLoads() throws {
    let path = Repository.root + "/dist/petrel.yml"
    let configuration = try ServerConfiguration.load(fromFile: path)
    #expect(configuration.listen.map(\.description) == ["127.0.0.1:53", "[::1]:53", "192.168.1.1:53"])
    #expect(configuration.user == "petrel")
    #expect(configuration.resolver.dontQuery == IPNetwork.privateAndLoopback)
    #expect(configuration.resolver.forwardZones[name("corp.example.")]?.count == 2)
    let zone = try #require(configuration.localZones.first)
    #expect(zone.apex == name("example.home.arpa."))
    #expect(zone.file == Repository.root + "/dist/zones/example.home.arpa.zone")

    let zones = LocalZones(configuration.localZones)
    let www = zones.answer(Question(name: name("www.example.home.arpa."), type: .a))
    #expect(
      www?.answers.map(\.presentation) == [
        "www.example.home.arpa.\t3600\tIN\tCNAME\tnas.example.home.arpa.",
        "nas.example.home.arpa.\t3600\tIN\tA\t192.168.1.10",
      ])
    let anything = zones.answer(Question(name: name("test.dev.example.home.arpa."), type: .a))
    #expect(anything?.answers.map(\.rdata) == [.a(IPv4Address(192, 168, 1, 30))])
    let lab = zones.answer(Question(name: name("x.lab.example.home.arpa."), type: .a))
    #expect(lab?.authorities.map(\.type) == [.ns])
    #expect(lab?.additionals.map(\.rdata) == [.a(IPv4Address(192, 168, 1, 53))])
  }

  @Test func theLabExampleLoads() throws {
    let configuration = try ServerConfiguration.load(fromFile: Repository.root + "/dist/lab.yml")
    #expect(configuration.resolver.rootHints.nameservers == [name("a.root.lab.")])
    #expect(configuration.resolver.dontQuery.isEmpty)
    #expect(configuration.sandbox.isEmpty)
    #expect(configuration.listen.map(\.description) == ["127.0.0.1:5300"])
  }

  /// The README's offline demo: a local zone on 127.0.0.1:5300, no user to switch to, the default sandbox.
  @Test func theREADMEDemoLoadsAndAnswersFromItsLocalZone() throws {
    let configuration = try ServerConfiguration.load(fromFile: Repository.root + "/dist/demo.yml")
    #expect(configuration.listen.map(\.description) == ["127.0.0.1:5300"])
    #expect(configuration.user == nil)
    #expect(configuration.sandbox == ["landlock", "seccomp"])
    let answer = LocalZones(configuration.localZones).answer(
      Question(name: name("router.example.home.arpa."), type: .a))
    #expect(answer?.answers.map(\.rdata) == [.a(IPv4Address(192, 168, 1, 1))])
  }

  @Test func theDocumentationNamesEveryKey() throws {
    let documentation = try String(contentsOfFile: Repository.root + "/docs/configuration.md", encoding: .utf8)
    let groups = [
      ConfigurationSchema.topLevel, ConfigurationSchema.server, ConfigurationSchema.resolver,
      ConfigurationSchema.privileges, ConfigurationSchema.localZone, ConfigurationSchema.rootHint,
    ]
    for group in groups {
      for key in group.keys {
        #expect(documentation.contains("`\(key)`"), "docs/configuration.md does not describe '\(key)'")
      }
    }
  }

  /// Every YAML example in the documentation is a valid configuration (a file it names may be missing here).
  @Test func theDocumentationsExamplesAreValid() throws {
    let documentation = try String(contentsOfFile: Repository.root + "/docs/configuration.md", encoding: .utf8)
    let blocks = documentation.components(separatedBy: "```yaml\n").dropFirst().map {
      String($0[..<$0.range(of: "```")!.lowerBound])
    }
    #expect(blocks.count >= 6)
    for block in blocks {
      do {
        _ = try ServerConfiguration(yaml: block, fileName: Repository.root + "/dist/petrel.yml")
      } catch  where error.message.hasPrefix("cannot open /usr/share/dns/") {
        continue
      } catch {
        Issue.record("docs/configuration.md example refused: \(error)\n\(block)")
      }
    }
  }
}
