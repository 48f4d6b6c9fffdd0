import PetrelServer
import Testing

/// `--user`, `--group`, `--chroot` and `--sandbox` over the configuration file.
@Suite("Privilege flags")
struct DaemonOptionsPrivilegeTests {
  @Test("the flags override the configuration's privileges group")
  func flagsOverride() throws {
    var options = DaemonOptions()
    options.user = "petrel"
    options.group = "65534"
    options.chroot = "/var/lib/petrel"
    options.sandbox = "off"
    let configuration = try options.configuration()
    #expect(configuration.user == "petrel")
    #expect(configuration.group == "65534")
    #expect(configuration.chroot == "/var/lib/petrel")
    #expect(configuration.sandbox.isEmpty)
    options.sandbox = "landlock-network,seccomp"
    #expect(try options.configuration().sandbox == ["landlock-network", "seccomp"])
    #expect(try DaemonOptions().configuration().sandbox == ["landlock", "seccomp"])
  }

  @Test(
    "bad values are refused with the flag named",
    arguments: [
      (
        "sandbox", "landlock,selinux",
        "--sandbox: unknown sandbox 'selinux': use off, or one or more of landlock, landlock-network, landlock-scopes, seccomp"
      ),
      ("chroot", "var/lib/petrel", "--chroot: not an absolute path: var/lib/petrel"),
      ("user", "pet rel", "--user: not a name or ID: 'pet rel'"),
      ("group", "", "--group: not a name or ID: ''"),
    ])
  func badValues(flag: String, value: String, message: String) {
    var options = DaemonOptions()
    switch flag {
    case "sandbox": options.sandbox = value
    case "chroot": options.chroot = value
    case "user": options.user = value
    default: options.group = value
    }
    #expect(throws: DaemonOptions.Failure.self) { try options.configuration() }
    do {
      _ = try options.configuration()
    } catch {
      #expect(error.description == message)
    }
  }
}
