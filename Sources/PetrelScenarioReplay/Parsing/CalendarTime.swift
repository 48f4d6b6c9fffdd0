/// Converts the compact UTC timestamps of scenario files (`20201021100500`) to seconds since the epoch.
///
/// Scenarios state the time they assume this way; the harness starts its clock there. Written out here
/// (Howard Hinnant's days-from-civil) so that it does not depend on the host's time zone or calendar library.
enum CalendarTime {
  /// `YYYYMMDDhhmmss` as seconds since 1970-01-01T00:00:00Z; nil when it is not such a timestamp.
  static func epochSeconds(compactUTC text: String) -> Int64? {
    let digits = Array(text.utf8)
    guard digits.count == 14, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
    func number(_ range: Range<Int>) -> Int64 {
      digits[range].reduce(0) { $0 * 10 + Int64($1 - 0x30) }
    }
    let (year, month, day) = (number(0..<4), number(4..<6), number(6..<8))
    let (hour, minute, second) = (number(8..<10), number(10..<12), number(12..<14))
    guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
    return daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second
  }

  /// Days from 1970-01-01 to the given proleptic Gregorian date.
  static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }
}
