import PetrelSystem
import Testing

@Suite("Capability names and capsh-style decoding")
struct CapabilityTests {
  @Test func namesFollowCapabilitiesSeven() {
    #expect(Capability.chown.name == "cap_chown")
    #expect(Capability.netBindService.name == "cap_net_bind_service")
    #expect(Capability.netBindService.rawValue == 10)
    #expect(Capability.setpcap.rawValue == 8)
    #expect(Capability.sysAdmin.rawValue == 21)
    #expect(Capability.sysResource.name == "cap_sys_resource")
    #expect(Capability.checkpointRestore.rawValue == 40)
    #expect(Capability.checkpointRestore.name == "cap_checkpoint_restore")
    #expect(Capability.names.count == 41)
  }

  @Test func unknownNumbersAreNamedByNumber() {
    #expect(Capability(rawValue: 41).name == "41")
    #expect(Capability(rawValue: 63).description == "63")
  }

  @Test func namesParseBack() {
    #expect(Capability(name: "cap_net_bind_service") == .netBindService)
    #expect(Capability(name: "NET_ADMIN") == .netAdmin)
    #expect(Capability(name: "sys_chroot") == .sysChroot)
    #expect(Capability(name: "cap_nonexistent") == nil)
    for (number, name) in Capability.names.enumerated() {
      #expect(Capability(name: name)?.rawValue == Int32(number))
    }
  }

  @Test func decodesLikeCapsh() {
    // Expected strings are `capsh --decode=<mask>` output.
    #expect(CapabilitySet(rawValue: 0).capshDecoded == "0x0000000000000000=")
    #expect(CapabilitySet(rawValue: 0x400).capshDecoded == "0x0000000000000400=cap_net_bind_service")
    #expect(
      CapabilitySet(rawValue: 0x0100_0400).capshDecoded == "0x0000000001000400=cap_net_bind_service,cap_sys_resource")
    #expect(
      CapabilitySet(rawValue: 0x1fffeffffff).capshDecoded
        == "0x000001fffeffffff=cap_chown,cap_dac_override,cap_dac_read_search,cap_fowner,cap_fsetid,cap_kill,"
        + "cap_setgid,cap_setuid,cap_setpcap,cap_linux_immutable,cap_net_bind_service,cap_net_broadcast,"
        + "cap_net_admin,cap_net_raw,cap_ipc_lock,cap_ipc_owner,cap_sys_module,cap_sys_rawio,cap_sys_chroot,"
        + "cap_sys_ptrace,cap_sys_pacct,cap_sys_admin,cap_sys_boot,cap_sys_nice,cap_sys_time,cap_sys_tty_config,"
        + "cap_mknod,cap_lease,cap_audit_write,cap_audit_control,cap_setfcap,cap_mac_override,cap_mac_admin,"
        + "cap_syslog,cap_wake_alarm,cap_block_suspend,cap_audit_read,cap_perfmon,cap_bpf,cap_checkpoint_restore")
    #expect(CapabilitySet(rawValue: 1 << 41 | 1).capshDecoded == "0x0000020000000001=cap_chown,41")
  }

  @Test func parsesHexMasks() {
    #expect(CapabilitySet(hexMask: "000001ffffffffff") == .all(through: .checkpointRestore))
    #expect(CapabilitySet(hexMask: "0x400") == CapabilitySet([Capability.netBindService]))
    #expect(CapabilitySet(hexMask: "0000000000000000")?.isEmpty == true)
    #expect(CapabilitySet(hexMask: "") == nil)
    #expect(CapabilitySet(hexMask: "zz") == nil)
    #expect(CapabilitySet(hexMask: "1ffffffffffffffff") == nil)
  }

  @Test func setsListMembersInOrderAndRoundTripTheirMask() {
    let set = CapabilitySet([Capability.sysChroot, .netBindService, .setpcap])
    #expect(set.capabilities == [.setpcap, .netBindService, .sysChroot])
    #expect(set.contains(Capability.netBindService))
    #expect(!set.contains(Capability.netAdmin))
    #expect(CapabilitySet(hexMask: set.hexMask) == set)
    #expect(set.description == "cap_setpcap,cap_net_bind_service,cap_sys_chroot")
    #expect(CapabilitySet().description == "none")
  }

  @Test func theKernelsLastCapabilityIsReadFromProc() throws {
    let last = try Capability.lastSupported()
    // cap_audit_read (37) arrived in Linux 3.16; every kernel Petrel runs on knows at least that many.
    #expect(last.rawValue >= 37)
    #expect(try Capability.allSupported().count == Int(last.rawValue) + 1)
  }

  @Test func theBoundingSetReadOneByOneMatchesProcStatus() throws {
    let status = try ThreadPrivileges(parsingStatus: KernelTextFile.read("/proc/thread-self/status"))
    #expect(try Capabilities.boundingSet() == status.bounding)
    #expect(try Capabilities.ambientSet() == status.ambient)
    let state = try Capabilities.current()
    #expect(state.effective == status.effective)
    #expect(state.permitted == status.permitted)
    #expect(state.inheritable == status.inheritable)
  }
}
