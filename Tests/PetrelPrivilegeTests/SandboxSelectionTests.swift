import PetrelServer
import PetrelSystem
import Testing

/// Sandbox names as operators write them, and what each demands.
@Suite("Sandbox names")
struct SandboxSelectionTests {
  @Test(
    "each name selects its layers and demands its Landlock layers",
    arguments: [
      (["landlock", "seccomp"], SandboxLayers([.landlock, .seccomp]), LandlockLayers.filesystem),
      (["landlock"], SandboxLayers.landlock, LandlockLayers.filesystem),
      (["landlock-network"], SandboxLayers.landlock, LandlockLayers([.filesystem, .network])),
      (["landlock-scopes", "seccomp"], SandboxLayers([.landlock, .seccomp]), LandlockLayers([.filesystem, .scopes])),
      (["seccomp"], SandboxLayers.seccomp, LandlockLayers()),
      ([], SandboxLayers(), LandlockLayers()),
    ])
  func namesMapToLayers(names: [String], layers: SandboxLayers, required: LandlockLayers) {
    let selection = SandboxSelection(names: Set(names))
    #expect(selection.layers == layers)
    #expect(selection.requiredLandlock == required)
    #expect(selection.isOff == names.isEmpty)
  }

  @Test("--sandbox: off, or names separated by commas")
  func flagParsing() throws {
    #expect(try SandboxSelection.parse(flag: "off").get() == [])
    #expect(try SandboxSelection.parse(flag: "landlock,seccomp").get() == ["landlock", "seccomp"])
    #expect(try SandboxSelection.parse(flag: "landlock-network, seccomp").get() == ["landlock-network", "seccomp"])
    let misspelt = #expect(throws: SandboxSelection.UnknownName.self) {
      try SandboxSelection.parse(flag: "landlok,seccomp").get()
    }
    #expect(misspelt?.name == "landlok")
    let empty = #expect(throws: SandboxSelection.UnknownName.self) { try SandboxSelection.parse(flag: "").get() }
    #expect(empty?.name == "")
    #expect(SandboxSelection(names: ["seccomp", "landlock"]).description == "landlock,seccomp")
    #expect(SandboxSelection(names: []).description == "off")
  }
}
