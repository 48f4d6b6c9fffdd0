/// One entry of a message's question section: what is being asked.
///
/// Its own type (not a record without data) because it is the key of every lookup: caches, in-flight query
/// coalescing and response acceptance all compare questions.
public struct Question: Sendable, Hashable {
  public var name: DomainName
  public var type: RRType
  public var rrClass: RRClass

  public init(name: DomainName, type: RRType, rrClass: RRClass = .internet) {
    self.name = name
    self.type = type
    self.rrClass = rrClass
  }

  /// Reads a question at the reader's position.
  public static func decode(from reader: inout WireReader) throws(DNSWireError) -> Question {
    let name = try reader.readName()
    let type = RRType(try reader.readUInt16())
    let rrClass = RRClass(try reader.readUInt16())
    return Question(name: name, type: type, rrClass: rrClass)
  }

  /// Writes the question, compressing its name against what is already written.
  public func encode(to writer: inout WireWriter) {
    writer.writeName(name, compress: true)
    writer.writeUInt16(type.rawValue)
    writer.writeUInt16(rrClass.rawValue)
  }

  /// `;www.example.com.		IN	A`, as `dig` prints the question section.
  public var presentation: String { ";\(name)\t\t\(rrClass)\t\(type)" }
}

extension Question: CustomStringConvertible {
  public var description: String { "\(name) \(rrClass) \(type)" }
}
