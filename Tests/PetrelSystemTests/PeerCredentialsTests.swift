import Glibc
import PetrelSystem
import SystemPackage
import Testing

@Suite struct PeerCredentialsTests {
  @Test func socketPairPeerIsThisProcess() throws {
    let (one, other) = try FileDescriptor.socketPair()
    defer { closeAll([one, other]) }
    let expected = PeerCredentials(pid: getpid(), uid: getuid(), gid: getgid())
    #expect(try one.peerCredentials() == expected)
    #expect(try other.peerCredentials() == expected)
  }

  @Test func peerGroupsAreThisProcessesSupplementaryGroups() throws {
    let (one, other) = try FileDescriptor.socketPair()
    defer { closeAll([one, other]) }
    var ours = [gid_t](repeating: 0, count: Int(getgroups(0, nil)))
    ours = Array(ours.prefix(Int(getgroups(CInt(ours.count), &ours))))
    #expect(try one.peerGroups().sorted() == ours.sorted())
  }

  @Test func peerCredentialsOfAPipeFail() throws {
    let pipe = try FileDescriptor.pipe()
    defer { closeAll([pipe.readEnd, pipe.writeEnd]) }
    #expect(throws: Errno.notSocket) { try pipe.readEnd.peerCredentials() }
  }

  @Test func looksUpGroupsByName() throws {
    let root = try #require(try GroupMembership.group(named: "root"))
    #expect(root.gid == 0)
    #expect(root.name == "root")
    #expect(try GroupMembership.group(named: "petrel-no-such-group-\(getpid())") == nil)
  }

  @Test func looksUpUserNamesAndTheirGroups() throws {
    #expect(try GroupMembership.userName(of: 0) == "root")
    #expect(try GroupMembership.userName(of: 4_000_000_000) == nil)
    let groups = GroupMembership.groups(ofUser: "root", primaryGroup: 0)
    #expect(groups.first == 0)
    // A primary group that the database does not list for the user is still reported first.
    #expect(GroupMembership.groups(ofUser: "root", primaryGroup: 4_000_000_001).first == 4_000_000_001)
  }

  @Test func membershipByPrimaryGroupAndByDatabase() throws {
    #expect(try GroupMembership.isMember(uid: 0, gid: 0, of: 0))
    #expect(try GroupMembership.isMember(uid: 4_000_000_000, gid: 77, of: 77))
    #expect(try !GroupMembership.isMember(uid: 4_000_000_000, gid: 77, of: 0))
    #expect(try !GroupMembership.isMember(uid: 0, gid: 0, of: 4_000_000_001))
  }
}
