import PetrelSystem
import SystemPackage
import Testing

@Suite("Landlock ABI probe and the rights Petrel handles")
struct LandlockTests {
  @Test func theABIProbeAnswersOrSaysLandlockIsAbsent() throws {
    do {
      let abi = try Landlock.abiVersion()
      #expect(abi >= 1)
    } catch let error {
      // Not built in (ENOSYS) or disabled at boot (EOPNOTSUPP): the only acceptable failures.
      #expect(error == .noFunction || error == .notSupported)
    }
  }

  @Test func writeRightsGrowWithTheABIAndNeverIncludeReads() {
    let reads: LandlockFilesystemAccess = [.execute, .readFile, .readDirectory]
    for abi in 1...7 {
      #expect(LandlockFilesystemAccess.writeRights(abi: abi).isDisjoint(with: reads), "ABI \(abi)")
      #expect(LandlockFilesystemAccess.writeRights(abi: abi).contains([.writeFile, .makeRegularFile, .removeFile]))
    }
    #expect(!LandlockFilesystemAccess.writeRights(abi: 1).contains(.refer))
    #expect(LandlockFilesystemAccess.writeRights(abi: 2).contains(.refer))
    #expect(!LandlockFilesystemAccess.writeRights(abi: 2).contains(.truncate))
    #expect(LandlockFilesystemAccess.writeRights(abi: 3).contains(.truncate))
    #expect(!LandlockFilesystemAccess.writeRights(abi: 4).contains(.ioctlDevice))
    #expect(LandlockFilesystemAccess.writeRights(abi: 5).contains(.ioctlDevice))
    #expect(LandlockFilesystemAccess.writeRights(abi: 7).rawValue == 0xfff2)
  }

  @Test func layersKnowTheABIThatBroughtThem() {
    #expect(LandlockLayers.filesystem.minimumABI == 1)
    #expect(LandlockLayers.network.minimumABI == 4)
    #expect(LandlockLayers.scopes.minimumABI == 6)
    #expect(
      LandlockError.layerUnsupported(.network, kernelABI: 3).description
        == "landlock network layer needs ABI 4, kernel has 3")
  }

  @Test func anUnappliedReportSaysSo() {
    let report = LandlockReport(
      abi: 0, layers: [], handledFilesystem: [], handledNetwork: [], scoped: [], tcpConnectPorts: [],
      tcpBindPorts: [])
    #expect(report.description == "landlock: not in force (ABI 0)")
  }
}
