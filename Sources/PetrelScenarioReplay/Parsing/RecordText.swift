import PetrelDNS

/// One record or question line of an entry, read with Petrel's own zone-file parser.
///
/// Names are absolute or relative to the root, a record without a TTL gets 3600 and one without a class gets
/// IN, as Deckard reads them.
enum RecordText {
  /// Why a line is not a record; the caller adds the file and line.
  struct Failure: Error {
    var message: String
  }

  static let defaultTTL: UInt32 = 3600

  static func record(_ text: Substring) throws(Failure) -> ResourceRecord {
    do {
      return try parse(text)
    } catch {
      guard let rewritten = DeckardRecordQuirks.rewrite(text), let record = try? parse(rewritten[...]) else {
        throw error
      }
      return record
    }
  }

  private static func parse(_ text: Substring) throws(Failure) -> ResourceRecord {
    var parser = ZoneFileParser(text: String(ScenarioLine.trimmed(text)), origin: .root, defaultTTL: defaultTTL)
    let record: ResourceRecord?
    let extra: ResourceRecord?
    do {
      record = try parser.next()
      extra = try parser.next()
    } catch {
      throw Failure(message: "bad record: \(error.message)")
    }
    guard let record else { throw Failure(message: "empty record") }
    guard extra == nil else { throw Failure(message: "more than one record on the line") }
    return record
  }

  /// `name [TTL] [class] type`.
  static func question(_ words: [Substring]) throws(Failure) -> Question {
    guard let first = words.first, let typeWord = words.last, words.count >= 2 else {
      throw Failure(message: "a question is 'name [class] type'")
    }
    let name: DomainName
    do {
      name = try DomainName(String(first), origin: .root)
    } catch {
      throw Failure(message: "bad question name '\(first)': \(error)")
    }
    guard let type = RRType(mnemonic: String(typeWord)) else {
      throw Failure(message: "unknown question type '\(typeWord)'")
    }
    var rrClass = RRClass.internet
    for word in words.dropFirst().dropLast() where !word.allSatisfy(\.isNumber) {
      guard let parsed = RRClass(mnemonic: String(word)) else {
        throw Failure(message: "unknown question class '\(word)'")
      }
      rrClass = parsed
    }
    return Question(name: name, type: type, rrClass: rrClass)
  }
}
