import PetrelServer
import PetrelSystem
import Testing

/// A configuration that demands a Landlock layer the kernel lacks is refused before anything irreversible
/// happens, with the layer and the sandbox name that demanded it in the message.
@Suite("Landlock layers the kernel lacks")
struct LandlockRequirementTests {
  @Test(
    "the preflight names the first demanded layer a kernel of a given ABI lacks",
    arguments: [
      (
        ["landlock"], 0,
        "sandbox 'landlock' demands the Landlock filesystem layer, which needs Landlock ABI 1; this kernel reports no Landlock (not built in, disabled at boot, or landlock_create_ruleset refused by a seccomp filter such as systemd's SystemCallFilter=)"
      ),
      (
        ["landlock-network", "seccomp"], 3,
        "sandbox 'landlock-network' demands the Landlock network layer, which needs Landlock ABI 4; this kernel has ABI 3"
      ),
      (
        ["landlock-scopes"], 5,
        "sandbox 'landlock-scopes' demands the Landlock scopes layer, which needs Landlock ABI 6; this kernel has ABI 5"
      ),
    ])
  func missingLayerIsNamed(names: [String], kernelABI: Int, message: String) {
    let preflight = LandlockPreflight(probe: { kernelABI })
    #expect(throws: LandlockPreflight.MissingLayer.self) { try preflight.check(SandboxSelection(names: Set(names))) }
    do {
      try preflight.check(SandboxSelection(names: Set(names)))
    } catch {
      #expect(error.description == message)
    }
  }

  @Test("layers that are only applied when present are not demanded: an ABI 1 kernel passes plain landlock")
  func bestEffortLayersAreNotDemanded() throws {
    let preflight = LandlockPreflight(probe: { 1 })
    #expect(try preflight.check(SandboxSelection(names: ["landlock", "seccomp"])) == 1)
  }

  @Test("without Landlock in the selection the kernel is not asked")
  func seccompAloneDoesNotProbe() throws {
    let preflight = LandlockPreflight(probe: {
      Issue.record("the ABI probe was called")
      return 0
    })
    #expect(try preflight.check(SandboxSelection(names: ["seccomp"])) == 0)
    #expect(try preflight.check(SandboxSelection(names: [])) == 0)
  }

  @Test(
    "petreld refuses to start, naming the layer, when the kernel reports an older ABI (forged with strace)",
    .enabled(if: Environment.straceUnavailability == nil, Comment(rawValue: Environment.straceUnavailability ?? "")),
    arguments: [
      (
        "--sandbox", "landlock-network,seccomp", 3,
        "sandbox 'landlock-network' demands the Landlock network layer, which needs Landlock ABI 4; this kernel has ABI 3"
      ),
      (
        "configuration", "landlock-scopes", 5,
        "sandbox 'landlock-scopes' demands the Landlock scopes layer, which needs Landlock ABI 6; this kernel has ABI 5"
      ),
    ])
  func daemonRefusesAnOlderKernel(source: String, sandbox: String, forgedABI: Int, message: String) throws {
    let scratch = try Scratch("refuse")
    defer { scratch.remove() }
    let address = source == "--sandbox" ? "127.53.250.7" : "127.53.250.15"
    let configuration = try TestConfiguration.write(
      in: scratch, listen: address, privileges: source == "--sandbox" ? [] : ["sandbox: [\(sandbox)]"])
    // The first landlock_create_ruleset is the ABI version probe: strace answers it with an older version
    // without letting it reach the kernel, as a kernel of that version would.
    let launcher = [
      Environment.tool("strace")!, "-f", "-qq", "-o", "/dev/null", "-e", "trace=landlock_create_ruleset", "-e",
      "inject=landlock_create_ruleset:retval=\(forgedABI):when=1",
    ]
    let arguments = ["--config", configuration] + (source == "--sandbox" ? ["--sandbox", sandbox] : [])
    let daemon = try DaemonProcess.petreld(arguments, launcher: launcher, answeringOn: nil, scratch: scratch)
    let termination = daemon.waitForExit()
    let output = daemon.output
    #expect(termination == .exited(1), "\(output)")
    #expect(output.contains("critical: refusing to start: \(message)"), "\(output)")
    #expect(!output.contains("privileges dropped"))
    #expect(!output.contains("serving"))
  }
}
